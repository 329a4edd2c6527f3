//! The one door into the state: [`State::update`] takes a [`Message`] — a user's action, or news
//! from outside (the search worker, the saved session, the screen's size, the configuration) —
//! and returns the [`Effect`] the app loop must perform.

use super::{BookmarkRow, Effect, KeyText, Modal, State, Viewport};
use crate::action::Action;
use crate::corpus::Warning;
use crate::layout::TextRef;
use crate::persist::BookmarkId;
use crate::search::worker::Update;

/// Everything that changes the state.
#[derive(Debug)]
pub enum Message {
    /// Something the user asked for.
    Act(Action),
    /// News from the search worker, which passes on the parts of a corpus loading in the
    /// background (`Update::Grown`) once its engine has them.
    Search(Update),
    /// The panes were laid out at these sizes.
    Resize(Viewport),
    /// The article the reader showed when this corpus was last open, and where it was left.
    Restore {
        article: usize,
        anchor: Option<(TextRef, usize)>,
    },
    /// Where the article just opened was left last time.
    Return((TextRef, usize)),
    /// The bookmarks of the open corpus, as they are now.
    Bookmarks(Vec<BookmarkRow>),
    /// A bookmark was just made: ask for its note.
    AskNote(BookmarkId),
    /// A one-line notice for the status bar (a copy sent, a save that failed).
    Notice(String),
    /// Problems found while running, for `!` to list after the corpus's warnings.
    Warnings(Vec<Warning>),
    /// How the keys in effect are named.
    Keys(KeyText),
    /// The names of the themes `t` cycles through, and the one in use.
    Themes { names: Vec<String>, current: usize },
    /// How citations are written.
    Citation(String),
}

impl From<Action> for Message {
    fn from(action: Action) -> Self {
        Self::Act(action)
    }
}

impl From<Update> for Message {
    fn from(update: Update) -> Self {
        Self::Search(update)
    }
}

/// Hands the state news from outside (anything but a user's action or the corpus growing),
/// which asks nothing of the app: there is no effect to perform.
pub fn tell(state: &mut State, news: Message) {
    let effect = state.update(news);
    debug_assert_eq!(effect, Effect::None, "news asked the app for something");
}

impl State {
    /// Applies one message. Only a user's action, or the last part of a loading corpus (which
    /// asks for the search shown over the whole of it), can ask the app for something; other
    /// news from outside is taken in and asks for nothing.
    pub fn update(&mut self, message: impl Into<Message>) -> Effect {
        match message.into() {
            Message::Act(action) => return self.act(action),
            Message::Search(update) => return self.on_search(update),
            Message::Resize(viewport) => self.set_viewport(viewport),
            Message::Restore { article, anchor } => self.restore(article, anchor),
            Message::Return(anchor) => self.restore_position(anchor),
            Message::Bookmarks(rows) => self.bookmarks = rows,
            Message::AskNote(id) => {
                self.modal = Some(Modal::Note {
                    id,
                    text: String::new(),
                });
            }
            Message::Notice(text) => self.message = Some(text),
            Message::Warnings(warnings) => self.warnings.extend(warnings),
            Message::Keys(keys) => self.keys = keys,
            Message::Themes { names, current } => {
                self.theme = current.min(names.len().saturating_sub(1));
                self.theme_names = names;
            }
            Message::Citation(template) => self.citation_template = template,
        }
        Effect::None
    }
}
