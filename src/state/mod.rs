//! Everything the screen shows, as plain data with one door: [`State::update`] takes an
//! [`Action`] and returns the [`Effect`] the app loop must perform. No I/O and no drawing here, so
//! the whole behaviour can be tested with action sequences.

mod go_to;
mod hit_walk;
mod hits;
mod list;
mod navigate;
mod overlay;
mod quote;
mod reader;
mod search;
mod search_line;

pub use list::ListCursor;
pub use overlay::{Overlay, OverlayKind, Row, Target};
pub use quote::BookmarkRow;
pub use reader::Reader;
pub use search::{Highlight, Search};

use crate::action::{Action, Pane};
use std::sync::Arc;

use crate::corpus::{Corpus, Warning};
use crate::keymap::{Keymap, Mode};
use crate::layout::{LayoutOptions, TextRef};
use crate::persist::BookmarkId;
use crate::search::Request;
use crate::text::width::AmbiguousWidth;

/// Columns `<` and `>` take from or give to the list pane.
const LIST_STEP: i16 = 4;

/// Lines the mouse wheel scrolls the reading pane by.
const WHEEL_LINES: isize = 3;

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// What the app loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// Hand this request to the search engine.
    Search(Request),
    /// Send `text` to the terminal clipboard; `what` names it for the status line.
    Copy {
        text: String,
        what: String,
    },
    /// Bookmark (or un-bookmark) a paragraph of an article.
    ToggleBookmark {
        article: usize,
        paragraph: usize,
    },
    /// The note prompt closed: give bookmark `id` this note (empty when it was skipped).
    SetNote {
        id: BookmarkId,
        note: String,
    },
    /// Delete bookmark `id`.
    DeleteBookmark {
        id: BookmarkId,
    },
}

/// The sizes the panes were given at the last layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// Articles that fit in the list pane.
    pub list_rows: usize,
    /// Columns for text in the reading pane.
    pub reader_width: usize,
    /// Lines of text in the reading pane.
    pub reader_height: usize,
    /// Rows an overlay can show at most.
    pub overlay_height: usize,
}

/// How text is laid out; from the command line (and later the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// How wide the terminal draws ambiguous characters (`--ambiguous-wide`).
    pub ambiguous: AmbiguousWidth,
    /// Indent first lines (the default) rather than separate paragraphs by blank lines.
    pub indent: bool,
    /// The widest a line of text gets, in columns.
    pub max_width: usize,
    /// Capture the mouse (wheel scrolling) rather than leave it to the terminal's selection.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ambiguous: AmbiguousWidth::Narrow,
            indent: true,
            max_width: 80,
            mouse: true,
        }
    }
}

impl Settings {
    /// Layout options for a pane `width` columns wide.
    pub fn layout(&self, width: usize) -> LayoutOptions {
        let indent = if self.indent { 4 } else { 0 };
        LayoutOptions {
            width,
            max_width: self.max_width,
            indent,
            ambiguous: self.ambiguous,
        }
    }
}

/// The whole app's state.
#[derive(Debug)]
pub struct State {
    corpus: Arc<Corpus>,
    pub settings: Settings,
    pub focus: Focus,
    pub list: ListCursor,
    pub reader: Reader,
    /// The overlay drawn over the panes, if one is open.
    pub overlay: Option<Overlay>,
    /// A one-line notice for the status bar, cleared by the next action.
    pub message: Option<String>,
    viewport: Viewport,
    /// The search in progress or being browsed, if any.
    pub search: Option<Search>,
    /// Queries run before, oldest first.
    pub history: Vec<String>,
    /// The search engine is built and answering.
    engine_ready: bool,
    /// Generations handed out so far.
    generations: u64,
    /// The keys in effect (defaults with the user's overrides).
    pub keymap: Keymap,
    /// The names of the themes `t` cycles through, and the one in use.
    theme_names: Vec<String>,
    theme: usize,
    /// The go-to prompt's text, while it is open.
    pub go_to: Option<String>,
    /// The note prompt for a new bookmark (which one) and its text.
    pub note: Option<(BookmarkId, String)>,
    /// Paragraphs being selected for copying: where the selection started and where it is now.
    pub selection: Option<(usize, usize)>,
    /// The bookmarks of the open corpus, as the app last saw them.
    pub bookmarks: Vec<BookmarkRow>,
    /// Problems found while running (the state file cannot be saved, say), listed in `!` after
    /// the corpus's warnings.
    pub warnings: Vec<Warning>,
    /// How citations are written (config `citation`).
    pub citation_template: String,
    /// A saved position to scroll to once the reader has a size.
    pending_anchor: Option<(TextRef, usize)>,
    /// The list is hidden for focused reading.
    pub list_hidden: bool,
    /// Columns the user added to (or took from) the list pane.
    pub list_delta: i16,
}

impl State {
    pub fn new(corpus: Corpus) -> Self {
        Self::with_settings(corpus, Settings::default())
    }

    pub fn with_settings(corpus: Corpus, settings: Settings) -> Self {
        let list = ListCursor::new(corpus.articles.len());
        Self {
            corpus: Arc::new(corpus),
            settings,
            focus: Focus::List,
            list,
            reader: Reader::default(),
            overlay: None,
            message: None,
            viewport: Viewport::default(),
            search: None,
            history: Vec::new(),
            engine_ready: false,
            generations: 0,
            keymap: Keymap::default(),
            theme_names: vec!["dark".to_owned()],
            theme: 0,
            go_to: None,
            note: None,
            selection: None,
            bookmarks: Vec::new(),
            warnings: Vec::new(),
            citation_template: crate::citation::DEFAULT_TEMPLATE.to_owned(),
            pending_anchor: None,
            list_hidden: false,
            list_delta: 0,
        }
    }

    /// The theme names `t` cycles through, and the one to start with.
    pub fn set_themes(&mut self, names: Vec<String>, current: usize) {
        self.theme = current.min(names.len().saturating_sub(1));
        self.theme_names = names;
    }

    /// The index of the theme in use.
    pub fn theme(&self) -> usize {
        self.theme
    }

    /// The corpus, shared with the search worker.
    pub fn shared_corpus(&self) -> Arc<Corpus> {
        Arc::clone(&self.corpus)
    }

    /// Whether the search engine has been built and answers requests (searches typed before
    /// then wait for it).
    pub fn engine_ready(&self) -> bool {
        self.engine_ready
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        if self.overlay.is_some() {
            Mode::Overlay
        } else if self.go_to.is_some() || self.note.is_some() {
            Mode::GoTo
        } else if self.search.as_ref().is_some_and(|s| s.typing) {
            Mode::Search
        } else {
            Mode::Browse
        }
    }

    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    /// Tells the state how big its panes are; cheap when nothing changed.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        self.viewport = viewport;
        self.list.set_rows(viewport.list_rows);
        let options = self.settings.layout(viewport.reader_width);
        self.reader
            .resize(&self.corpus, options, viewport.reader_height);
        if let Some(anchor) = self.pending_anchor.take() {
            self.reader.scroll_to_anchor(&self.corpus, anchor);
        }
        if let Some(overlay) = self.overlay {
            self.scroll_overlay(overlay, overlay.top);
        }
    }

    /// Applies one user intent.
    pub fn update(&mut self, action: Action) -> Effect {
        let before = self.view();
        let effect = self.apply(action);
        // Whatever moved the reader or the list (a key, a click, a jump), a search still
        // scanning must not take the reader elsewhere once its first hit comes in.
        if self.view() != before
            && let Some(search) = &mut self.search
        {
            search.user_moved();
        }
        effect
    }

    /// Where the reader and the list are: what a user's move changes.
    fn view(&self) -> (usize, usize, bool, usize) {
        (
            self.reader.article(),
            self.reader.top(),
            self.reader.is_raw(),
            self.list.selected(),
        )
    }

    fn apply(&mut self, action: Action) -> Effect {
        self.message = None;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::ToggleHelp => self.toggle_overlay(OverlayKind::Help),
            Action::ToggleWarnings => self.toggle_overlay(OverlayKind::Warnings),
            Action::ToggleOutline => self.toggle_overlay(OverlayKind::Outline),
            Action::CloseOverlay => self.overlay = None,
            _ if self.overlay.is_some() => return self.update_overlay(&action),
            Action::ClearSearch if self.selection.is_some() => self.selection = None,
            Action::MoveDown | Action::MoveUp if self.selection.is_some() => {
                self.extend_selection(&action);
            }
            Action::StartSearch
            | Action::SearchInput(_)
            | Action::SearchPaste(_)
            | Action::SearchBackspace
            | Action::SearchDelete
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchLeft
            | Action::SearchRight
            | Action::SearchHome
            | Action::SearchEnd
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::SearchSubmit
            | Action::SearchCancel
            | Action::SearchSelectNext
            | Action::SearchSelectPrevious
            | Action::ToggleConcordance
            | Action::NextHit
            | Action::PreviousHit
            | Action::ClearSearch => return self.update_search(action),
            Action::Open if self.concordance_focused() => self.jump_to_concordance_hit(),
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
                if self.concordance_focused() =>
            {
                self.move_concordance(&action);
            }
            Action::ToggleRaw => self.reader.toggle_raw(&self.corpus),
            Action::ShowLocation => self.message = Some(self.location()),
            Action::Open | Action::Click(Pane::Reader, _) => self.focus = Focus::Reader,
            Action::Back => {
                self.focus = Focus::List;
                self.list_hidden = false;
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Reader,
                    Focus::Reader => Focus::List,
                };
            }
            Action::ToggleList | Action::NarrowList | Action::WidenList | Action::CycleTheme => {
                self.update_view(&action);
            }
            Action::StartGoTo
            | Action::GoToInput(_)
            | Action::GoToBackspace
            | Action::GoToCancel
            | Action::GoToSubmit => return self.update_go_to(&action),
            Action::Yank | Action::YankCited | Action::CopyCitation => return self.copy(&action),
            Action::StartSelection => self.start_selection(),
            Action::ToggleBookmark => return self.toggle_bookmark(),
            Action::ToggleBookmarks => self.toggle_overlay(OverlayKind::Bookmarks),
            Action::NextArticle => self.step_article(1),
            Action::PreviousArticle => self.step_article(-1),
            Action::WheelDown(pane) => self.wheel(pane, 1),
            Action::WheelUp(pane) => self.wheel(pane, -1),
            Action::Click(Pane::List, row) => {
                self.focus = Focus::List;
                let entry = self.list.offset() + usize::from(row.saturating_sub(1) / 2);
                if row > 0 && entry < self.list.len() && self.list.select(entry) {
                    self.show_selected();
                }
            }
            movement => match self.focus {
                Focus::List => self.move_list(&movement),
                Focus::Reader => self.move_reader(&movement),
            },
        }
        Effect::None
    }

    /// Layout and look: hiding and resizing the list, cycling themes.
    fn update_view(&mut self, action: &Action) {
        match action {
            Action::ToggleList => {
                self.list_hidden = !self.list_hidden;
                if self.list_hidden {
                    self.focus = Focus::Reader;
                }
            }
            Action::NarrowList => {
                self.list_delta = self.list_delta.saturating_sub(LIST_STEP).max(-60);
            }
            Action::WidenList => {
                self.list_delta = self.list_delta.saturating_add(LIST_STEP).min(120);
            }
            Action::CycleTheme => {
                self.theme = (self.theme + 1) % self.theme_names.len().max(1);
                let name = self
                    .theme_names
                    .get(self.theme)
                    .map_or("dark", String::as_str);
                self.message = Some(format!("theme: {name}"));
            }
            _ => {}
        }
    }
}
