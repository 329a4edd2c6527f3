//! Everything the screen shows, as plain data with one door: [`State::update`] takes a
//! [`Message`] (a user's [`Action`](crate::action::Action), or news from the worker or the
//! session) and returns the [`Effect`] the app loop must perform. No I/O and no drawing here, so
//! the whole behaviour can be tested with message sequences.

mod act;
mod candidate;
mod go_to;
mod hit_walk;
mod hits;
mod key_text;
mod list;
mod loading;
mod message;
mod modal;
mod navigate;
mod overlay;
mod quote;
mod reader;
mod rows;
mod search;
mod search_line;

pub use key_text::KeyText;
pub use list::ListCursor;
pub use message::{Message, tell};
pub use modal::Modal;
pub use overlay::{Overlay, OverlayKind, Row, Target};
pub use quote::BookmarkRow;
pub use reader::Reader;
pub use search::{Highlight, Search};

pub use self::rows::{ListRow, Rows};
use crate::corpus::copies::Copies;
use crate::corpus::order::Order;
use std::collections::HashSet;
use std::sync::Arc;

use crate::action::Pane;
use crate::corpus::{Corpus, Progress, Warning};
use crate::keymap::Mode;
use crate::layout::{LayoutOptions, TextRef};
use crate::persist::BookmarkId;
use crate::search::Request;
use crate::text::width::AmbiguousWidth;

/// Lines the mouse wheel scrolls the reading pane by.
const WHEEL_LINES: isize = 3;

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
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches, named as the config file and the command line name them"
)]
pub struct Settings {
    /// How wide the terminal draws ambiguous characters (`--ambiguous-wide`).
    pub ambiguous: AmbiguousWidth,
    /// Indent first lines (the default) rather than separate paragraphs by blank lines.
    pub indent: bool,
    /// The widest a line of text gets, in columns.
    pub max_width: usize,
    /// Capture the mouse (wheel scrolling) rather than leave it to the terminal's selection.
    pub mouse: bool,
    /// The order the list starts in (`--sort`).
    pub order: Order,
    /// Fold copies of one article into one row (`--all-copies` turns it off).
    pub fold_copies: bool,
    /// Match traditional, simplified and variant characters as one (`--exact-script` and `f`
    /// turn it off).
    pub fold_script: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ambiguous: AmbiguousWidth::Narrow,
            indent: true,
            max_width: 80,
            mouse: true,
            order: Order::Corpus,
            fold_copies: true,
            fold_script: true,
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
    /// The pane that takes the movement keys.
    pub focus: Pane,
    pub list: ListCursor,
    pub reader: Reader,
    /// The overlay, prompt or selection that has the keyboard, if one is open.
    modal: Option<Modal>,
    /// A one-line notice for the status bar, cleared by the next action.
    pub message: Option<String>,
    viewport: Viewport,
    /// The search in progress or being browsed, if any.
    pub search: Option<Search>,
    /// Queries run before, oldest first.
    pub history: Vec<String>,
    /// The search engine is built and answering.
    engine_ready: bool,
    /// How far the corpus has loaded, while it loads in the background.
    loading: Option<Progress>,
    /// Generations handed out so far.
    generations: u64,
    /// How the keys in effect are named, for the help and the notices.
    keys: KeyText,
    /// The names of the themes `t` cycles through, and the one in use.
    theme_names: Vec<String>,
    theme: usize,
    /// The bookmarks of the open corpus, as the app last saw them.
    pub bookmarks: Vec<BookmarkRow>,
    /// Problems found while running (the state file cannot be saved, say), listed in `!` after
    /// the corpus's warnings.
    pub warnings: Vec<Warning>,
    /// How citations are written (config `citation`).
    citation_template: String,
    /// A saved position to scroll to once the reader has a size.
    pending_anchor: Option<(TextRef, usize)>,
    /// The list is hidden for focused reading.
    pub list_hidden: bool,
    /// Columns the user added to (or took from) the list pane.
    pub list_delta: i16,
    /// The order the list is in, and its rows in that order.
    order: Order,
    rows: Rows,
    /// Which articles are copies of one another, and the groups whose copies are shown.
    copies: Copies,
    expanded: HashSet<u32>,
}

impl State {
    pub fn new(corpus: Corpus) -> Self {
        Self::with_settings(corpus, Settings::default())
    }

    pub fn with_settings(corpus: Corpus, settings: Settings) -> Self {
        let list = ListCursor::new(corpus.articles.len());
        let mut state = Self {
            corpus: Arc::new(corpus),
            settings,
            focus: Pane::List,
            list,
            reader: Reader::default(),
            modal: None,
            message: None,
            viewport: Viewport::default(),
            search: None,
            history: Vec::new(),
            engine_ready: false,
            loading: None,
            generations: 0,
            keys: KeyText::default(),
            theme_names: vec!["dark".to_owned()],
            theme: 0,
            bookmarks: Vec::new(),
            warnings: Vec::new(),
            citation_template: crate::citation::DEFAULT_TEMPLATE.to_owned(),
            pending_anchor: None,
            list_hidden: false,
            list_delta: 0,
            order: settings.order,
            rows: Rows::default(),
            copies: Copies::new(settings.fold_copies),
            expanded: HashSet::new(),
        };
        state.resort();
        state.read_selected();
        state
    }

    /// Warnings listed in `!`: the corpus's, those met while running, and one for each empty
    /// article left out of the list.
    pub fn warning_count(&self) -> usize {
        self.corpus.warnings.len() + self.warnings.len() + self.copies.empty().len()
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
        match self.modal {
            Some(Modal::Overlay(_)) => Mode::Overlay,
            Some(Modal::GoTo(_) | Modal::Note { .. }) => Mode::GoTo,
            _ if self.search.as_ref().is_some_and(|s| s.typing) => Mode::Search,
            _ => Mode::Browse,
        }
    }

    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    /// Tells the state how big its panes are; cheap when nothing changed.
    fn set_viewport(&mut self, viewport: Viewport) {
        self.viewport = viewport;
        self.list.set_rows(viewport.list_rows);
        let options = self.settings.layout(viewport.reader_width);
        self.reader
            .resize(&self.corpus, options, viewport.reader_height);
        if let Some(anchor) = self.pending_anchor.take() {
            self.reader.scroll_to_anchor(&self.corpus, anchor);
        }
        if let Some(overlay) = self.overlay() {
            self.scroll_overlay(overlay, overlay.top);
        }
    }
}
