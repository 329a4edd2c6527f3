//! What the browser remembers between runs, glued to the state: the last article of this corpus,
//! where every article was left, and the bookmarks (`persist` holds and saves them).
//!
//! The app loop calls in here around each update: when the article in the reader changes, the
//! old one's position is noted and the new one's restored; on quit (or a signal) everything is
//! saved. Nothing here draws.

use crate::corpus::Corpus;
use crate::layout::TextRef;
use crate::persist::{
    ArticleKey, Bookmark, BookmarkId, CorpusId, CorpusKeys, Position, SaveError, StateStore,
};
use crate::state::{BookmarkRow, State};

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
    /// A failed save has been reported.
    warned: bool,
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
        let (mut store, warnings) = StateStore::open(dir);
        let keys = CorpusKeys::new(corpus);
        store.mark_stale_in(corpus, &keys);
        (
            Self {
                store,
                keys,
                id,
                article: 0,
                pending: false,
                warned: false,
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
            state.restore(
                article,
                position.map(|p| (TextRef::Paragraph(p.paragraph), p.offset)),
            );
        }
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
            state.restore_position((TextRef::Paragraph(position.paragraph), position.offset));
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

    /// The last save before quitting: like [`Self::save`], but it waits (a bounded time) for
    /// another window that is saving at that moment.
    pub fn save_before_quit(&mut self, state: &State) -> Option<String> {
        self.note_place(state);
        let result = self.store.save_waiting(QUIT_WAIT);
        self.settle(result)
    }

    /// Whether a save found another window saving and should be tried again soon.
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Tries a pending save again; a message if it failed (said once).
    pub fn retry(&mut self) -> Option<String> {
        self.attempt()
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
        match result {
            Ok(()) | Err(SaveError::Busy) => None,
            Err(_) if self.warned => None,
            Err(error) => {
                self.warned = true;
                Some(error.to_string())
            }
        }
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
        state.message = Some("bookmark removed".to_owned());
        None
    }

    pub fn set_note(&mut self, state: &mut State, id: &BookmarkId, note: &str) {
        self.store.set_note(id, note);
        self.refresh_bookmarks(state);
    }

    pub fn delete_bookmark(&mut self, state: &mut State, id: &BookmarkId) {
        if self.store.remove_bookmark(id).is_some() {
            state.message = Some("bookmark deleted".to_owned());
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
                    title: article.map_or_else(
                        || bookmark.key.title.clone(),
                        |a| corpus.articles[a].display_title().to_owned(),
                    ),
                    snippet: bookmark.snippet.clone(),
                    note: bookmark.note.clone(),
                    stale: bookmark.stale,
                }
            })
            .collect();
        state.bookmarks = rows;
    }
}
