//! Everything the screen shows, as plain data with one door: [`State::update`] takes an
//! [`Action`] and returns the [`Effect`] the app loop must perform. No I/O and no drawing here, so
//! the whole behaviour can be tested with action sequences.

mod list;
mod reader;

pub use list::ListCursor;
pub use reader::Reader;

use crate::action::{Action, Pane};
use crate::corpus::Corpus;
use crate::keymap::{self, Mode};

/// Lines the mouse wheel scrolls the reading pane by.
const WHEEL_LINES: isize = 3;

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
}

/// What the app loop must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
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
    /// Lines of the help overlay's body.
    pub help_height: usize,
}

/// The whole app's state.
#[derive(Debug)]
pub struct State {
    corpus: Corpus,
    pub focus: Focus,
    pub list: ListCursor,
    pub reader: Reader,
    /// The help overlay's first visible line, when it is open.
    pub help: Option<usize>,
    /// A one-line notice for the status bar, cleared by the next action.
    pub message: Option<String>,
    viewport: Viewport,
}

impl State {
    pub fn new(corpus: Corpus) -> Self {
        let list = ListCursor::new(corpus.articles.len());
        Self {
            corpus,
            focus: Focus::List,
            list,
            reader: Reader::default(),
            help: None,
            message: None,
            viewport: Viewport::default(),
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Which key table applies now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
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
        self.reader
            .resize(&self.corpus, viewport.reader_width, viewport.reader_height);
        if let Some(top) = self.help {
            self.help = Some(top.min(self.help_max_top()));
        }
    }

    /// Applies one user intent.
    pub fn update(&mut self, action: Action) -> Effect {
        self.message = None;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::ToggleHelp => self.help = if self.help.is_some() { None } else { Some(0) },
            _ if self.help.is_some() => self.update_help(action),
            Action::Open => self.focus = Focus::Reader,
            Action::Back => self.focus = Focus::List,
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Reader,
                    Focus::Reader => Focus::List,
                };
            }
            Action::NextArticle => self.step_article(1),
            Action::PreviousArticle => self.step_article(-1),
            Action::WheelDown(pane) => self.wheel(pane, 1),
            Action::WheelUp(pane) => self.wheel(pane, -1),
            movement => match self.focus {
                Focus::List => self.move_list(movement),
                Focus::Reader => self.move_reader(movement),
            },
        }
        Effect::None
    }

    fn move_list(&mut self, action: Action) {
        let page = self.list.rows().cast_signed();
        let moved = match action {
            Action::MoveDown => self.list.move_by(1),
            Action::MoveUp => self.list.move_by(-1),
            Action::PageDown => self.list.move_by(page),
            Action::PageUp => self.list.move_by(-page),
            Action::HalfPageDown => self.list.move_by((page / 2).max(1)),
            Action::HalfPageUp => self.list.move_by(-(page / 2).max(1)),
            Action::Top => self.list.select(0),
            Action::Bottom => self.list.select(usize::MAX),
            _ => false,
        };
        if moved {
            self.reader.show(&self.corpus, self.list.selected());
        }
    }

    fn move_reader(&mut self, action: Action) {
        let page = self.reader.height().saturating_sub(1).max(1).cast_signed();
        match action {
            Action::MoveDown => self.reader.scroll_by(1),
            Action::MoveUp => self.reader.scroll_by(-1),
            Action::PageDown => self.reader.scroll_by(page),
            Action::PageUp => self.reader.scroll_by(-page),
            Action::HalfPageDown => self.reader.scroll_by((page / 2).max(1)),
            Action::HalfPageUp => self.reader.scroll_by(-(page / 2).max(1)),
            Action::Top => self.reader.scroll_to_top(),
            Action::Bottom => self.reader.scroll_to_bottom(),
            _ => {}
        }
    }

    fn step_article(&mut self, delta: isize) {
        if self.list.move_by(delta) {
            self.reader.show(&self.corpus, self.list.selected());
        } else {
            let end = if delta > 0 { "last" } else { "first" };
            self.message = Some(format!("already at the {end} article"));
        }
    }

    fn wheel(&mut self, pane: Pane, direction: isize) {
        match pane {
            Pane::List => {
                if self.list.move_by(direction) {
                    self.reader.show(&self.corpus, self.list.selected());
                }
            }
            Pane::Reader => self.reader.scroll_by(direction * WHEEL_LINES),
        }
    }

    fn update_help(&mut self, action: Action) {
        let Some(top) = self.help else { return };
        let page = self.viewport.help_height.max(1);
        let top = match action {
            Action::MoveDown | Action::WheelDown(_) => top + 1,
            Action::MoveUp | Action::WheelUp(_) => top.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => top + page,
            Action::PageUp | Action::HalfPageUp => top.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => top,
        };
        self.help = Some(top.min(self.help_max_top()));
    }

    fn help_max_top(&self) -> usize {
        keymap::help_entries()
            .len()
            .saturating_sub(self.viewport.help_height)
    }
}
