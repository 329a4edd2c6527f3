//! What the browser remembers between runs, glued to the state: the last article of this corpus,
//! where every article was left, and the bookmarks (`persist` holds and saves them).
//!
//! The app loop calls in here around each update: when the article in the reader changes, the
//! old one's position is noted and the new one's restored; after a bookmark changes and on quit
//! (or a signal) everything is saved. A save that finds another window saving is left pending
//! for the loop to retry; one that fails is told in the status line, in `!` (the state's
//! warnings) and, on quitting, by [`Session::quit_report`]. Nothing here draws, and nothing here
//! changes the state but through its one door: what comes of it for the screen (a place
//! restored, the bookmarks as they are now, a notice, a warning) is a [`Message`].

use crate::corpus::{Corpus, Warning};
use crate::layout::TextRef;
use crate::persist::{
    ArticleKey, Bookmark, BookmarkId, CorpusId, CorpusKeys, Position, SaveError, StateStore,
};
use crate::state::{BookmarkRow, Message, State, tell};
use crate::text::sanitize::sanitized_line;

/// The saved state for one open corpus.
#[derive(Debug)]
pub struct Session {
    store: StateStore,
    keys: CorpusKeys,
    id: CorpusId,
    /// The article the reader showed after the last update.
    article: usize,
    /// The last save found another window saving; the loop tries again shortly.
    pending: bool,
    /// Why the last save failed, while it does.
    failure: Option<SaveError>,
    /// A failed save has been reported (in `!`).
    warned: bool,
    /// The status line has given the reason a save failed.
    told: bool,
}

/// Adds `message` to the warnings `!` lists, unless it is there already (no state folder is
/// said at start-up and again by the first save).
fn list_once(state: &mut State, message: String) {
    if !state.warnings.iter().any(|w| w.message == message) {
        tell(state, Message::Warnings(vec![state_warning(message)]));
    }
}

/// A problem with the state file, as `!` lists it (on one line: it names paths from the
/// environment).
pub fn state_warning(message: String) -> Warning {
    Warning {
        source: "state".to_owned(),
        line: None,
        message: sanitized_line(message),
    }
}

/// How long the save on quitting waits for another window to finish its save.
const QUIT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl Session {
    /// Opens the state file (default place unless `dir` is given) for `corpus`, known as `id`.
    /// Returns the warnings to show (a corrupt file moved aside, a read-only folder).
    pub fn open(
        dir: Option<std::path::PathBuf>,
        corpus: &Corpus,
        id: CorpusId,
    ) -> (Self, Vec<String>) {
        Self::open_with(dir, corpus, id, CorpusKeys::new(corpus))
    }

    /// [`Session::open`] with the corpus's article keys already made (while it loaded).
    pub fn open_with(
        dir: Option<std::path::PathBuf>,
        corpus: &Corpus,
        id: CorpusId,
        keys: CorpusKeys,
    ) -> (Self, Vec<String>) {
        let (mut store, warnings) = StateStore::open(dir);
        store.mark_stale_in(corpus, &keys);
        (
            Self {
                store,
                keys,
                id,
                article: 0,
                pending: false,
                failure: None,
                warned: false,
                told: false,
            },
            warnings,
        )
    }

    /// Puts the reader back where it was the last time this corpus was open.
    pub fn restore(&mut self, state: &mut State) {
        let article = self
            .store
            .last(&self.id)
            .and_then(|key| self.keys.find(key));
        if let Some(article) = article {
            let position = self.position_of(state.corpus(), article);
            let anchor = position.map(|p| (TextRef::Paragraph(p.paragraph), p.offset));
            tell(state, Message::Restore { article, anchor });
        }
        self.follow_from_here(state);
    }

    /// Takes the reader's place as it is (the user moved before the session opened) as the
    /// one to follow, and gives the state the bookmarks.
    pub fn follow_from_here(&mut self, state: &mut State) {
        self.article = state.reader.article();
        self.refresh_bookmarks(state);
    }

    /// After an update: if the reader moved to another article, remember where the old one was
    /// left and return to where the new one was.
    pub fn follow(&mut self, state: &mut State, before: Option<Position>) {
        let now = state.reader.article();
        if now == self.article {
            return;
        }
        if let (Some(key), Some(position)) =
            (self.keys.article(state.corpus(), self.article), before)
        {
            self.store.set_position(&key, position);
        }
        self.article = now;
        if let Some(position) = self.position_of(state.corpus(), now) {
            let anchor = (TextRef::Paragraph(position.paragraph), position.offset);
            tell(state, Message::Return(anchor));
        }
    }

    /// Where the reader is now, as saved positions are kept.
    pub fn position(state: &State) -> Option<Position> {
        let document = state.reader.document()?;
        match document.anchor(state.reader.top())? {
            (TextRef::Paragraph(paragraph), offset) => Some(Position { paragraph, offset }),
            // Above the first paragraph (title, byline): the top of the article.
            _ if state.reader.top() == 0 => None,
            _ => document
                .paragraph_at(state.reader.top())
                .map(|paragraph| Position {
                    paragraph,
                    offset: 0,
                }),
        }
    }

    /// Notes the current article and position and writes the state file; a message if that
    /// failed (said once). When another window is saving right now, nothing waits: the save is
    /// left [`Self::pending`] for the loop to retry.
    pub fn save(&mut self, state: &State) -> Option<String> {
        self.note_place(state);
        self.attempt()
    }

    /// Saves after a bookmark was made, given a note or deleted, and makes the status line say
    /// so when it could not be: with the reason the first time, then a short reminder. The
    /// first failure is also listed in `!`.
    pub fn save_after_bookmark(&mut self, state: &mut State) {
        if let Some(first) = self.save(state) {
            list_once(state, first);
        }
        let Some(error) = &self.failure else {
            return;
        };
        if state.note_prompt().is_some() {
            // The note prompt covers the status line; this is said when it closes.
            return;
        }
        let what = state
            .message
            .clone()
            .unwrap_or_else(|| "bookmarks changed".to_owned());
        let reason = if self.told {
            String::new()
        } else {
            format!(": {error}")
        };
        self.told = true;
        let notice = format!("{what}, but it could not be saved (see !){reason}");
        tell(state, Message::Notice(notice));
    }

    /// The last save before quitting: like [`Self::save`], but it waits (a bounded time) for
    /// another window that is saving at that moment.
    pub fn save_before_quit(&mut self, state: &State) {
        self.note_place(state);
        let result = self.store.save_waiting(QUIT_WAIT);
        self.settle(result);
    }

    /// For stderr after quitting, when the last save failed: what could not be saved, where,
    /// and why.
    pub fn quit_report(&self) -> Option<String> {
        let error = self.failure.as_ref()?;
        let unsaved = self.store.unsaved();
        if unsaved.is_empty() {
            return None;
        }
        let place = self.store.path().map_or_else(
            || "the state folder".to_owned(),
            |path| path.display().to_string(),
        );
        Some(format!(
            "could not save {unsaved} to {place}: {}",
            error.cause()
        ))
    }

    /// Whether a save found another window saving and should be tried again soon.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Tries a pending save again; a first failure goes to the status line and to `!`.
    pub fn retry(&mut self, state: &mut State) {
        if let Some(first) = self.attempt() {
            self.told = true;
            tell(state, Message::Notice(first.clone()));
            list_once(state, first);
        }
    }

    fn note_place(&mut self, state: &State) {
        let article = state.reader.article();
        if let Some(key) = self.keys.article(state.corpus(), article) {
            if let Some(position) = Self::position(state) {
                self.store.set_position(&key, position);
            }
            self.store.set_last(&self.id, key);
        }
    }

    fn attempt(&mut self) -> Option<String> {
        let result = self.store.save();
        self.settle(result)
    }

    /// Records how a save went; the first failure's message, once.
    fn settle(&mut self, result: Result<(), SaveError>) -> Option<String> {
        self.pending = matches!(result, Err(SaveError::Busy));
        self.failure = match result {
            Ok(()) | Err(SaveError::Busy) => None,
            Err(error) => Some(error),
        };
        let error = self.failure.as_ref()?;
        if self.warned {
            return None;
        }
        self.warned = true;
        Some(error.to_string())
    }

    /// Bookmarks (or un-bookmarks) `paragraph` of `article`; returns the new bookmark's
    /// identity when one was added.
    pub fn toggle_bookmark(
        &mut self,
        state: &mut State,
        article: usize,
        paragraph: usize,
    ) -> Option<BookmarkId> {
        let key = self.key(state.corpus(), article)?;
        let text = state
            .corpus()
            .articles
            .get(article)?
            .paragraphs
            .get(paragraph)?;
        let added = self
            .store
            .toggle_bookmark(&key, paragraph, text.lines.start, &text.text, "");
        self.refresh_bookmarks(state);
        if added {
            return self.store.bookmark_at(&key, paragraph).map(Bookmark::id);
        }
        tell(state, Message::Notice("bookmark removed".to_owned()));
        None
    }

    pub fn set_note(&mut self, state: &mut State, id: &BookmarkId, note: &str) {
        self.store.set_note(id, note);
        self.refresh_bookmarks(state);
    }

    pub fn delete_bookmark(&mut self, state: &mut State, id: &BookmarkId) {
        if self.store.remove_bookmark(id).is_some() {
            tell(state, Message::Notice("bookmark deleted".to_owned()));
        }
        self.refresh_bookmarks(state);
    }

    fn key(&self, corpus: &Corpus, article: usize) -> Option<ArticleKey> {
        self.keys.article(corpus, article)
    }

    fn position_of(&self, corpus: &Corpus, article: usize) -> Option<Position> {
        self.store.position(&self.keys.article(corpus, article)?)
    }

    /// Gives the state the bookmarks of this corpus, as the list shows them.
    fn refresh_bookmarks(&self, state: &mut State) {
        let corpus = state.corpus();
        let rows = self
            .store
            .bookmarks_in(&self.keys)
            .map(|bookmark| {
                let article = self.keys.find(&bookmark.key);
                BookmarkRow {
                    id: bookmark.id(),
                    article,
                    paragraph: bookmark.paragraph,
                    // The state file is text anyone can edit: what it says is shown like a
                    // file's text, escapes as placeholders, on one line.
                    title: article.map_or_else(
                        || sanitized_line(bookmark.key.title.clone()),
                        |a| corpus.articles[a].display_title().to_owned(),
                    ),
                    snippet: sanitized_line(bookmark.snippet.clone()),
                    note: sanitized_line(bookmark.note.clone()),
                    stale: bookmark.stale,
                }
            })
            .collect();
        tell(state, Message::Bookmarks(rows));
    }
}
