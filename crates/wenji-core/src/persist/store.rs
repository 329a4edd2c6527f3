//! [`StateStore`]: the state file in memory, with the questions the app asks of it.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use super::disk::{self, FILE_NAME, Loaded, Problem, SaveError, SaveLock, SaveStage};
use super::keys::CorpusKeys;
use super::merge::merge;
use super::model::{
    ArticleKey, Bookmark, BookmarkId, CorpusEntry, CorpusId, Deleted, Position, PositionEntry,
    StateFile, format_utc_nanos, new_uid, now, now_nanos, snippet, unique_nanos,
};
use super::unsaved::Unsaved;
use crate::corpus::Corpus;

/// Characters of paragraph text kept as a bookmark's snippet.
pub const SNIPPET_CHARS: usize = 30;
/// Positions kept; the least recently updated go first.
pub const MAX_POSITIONS: usize = 2000;
/// Corpora whose last article is kept.
pub const MAX_CORPORA: usize = 200;
/// Days a deleted bookmark is remembered, so that a window open that long cannot bring it back.
pub const DELETED_DAYS: u64 = 90;
/// Deleted bookmarks remembered at most; the oldest go first.
pub const MAX_DELETED: usize = 2000;

/// The remembered positions and bookmarks, loaded from and saved to the state folder.
#[derive(Debug)]
pub struct StateStore {
    /// The state file; `None` when no state folder exists (nothing is saved).
    path: Option<PathBuf>,
    file: StateFile,
    /// The bytes on disk when this instance last read or wrote the file: when the file differs
    /// at save time, another instance saved and the two are merged.
    disk: Option<Vec<u8>>,
    /// A bad file could not be moved aside: it is never overwritten.
    protected: bool,
}

impl StateStore {
    /// Opens the state in `dir` (default: [`StateStore::default_dir`]). Never fails: problems
    /// become warnings for the user, and the store starts empty.
    pub fn open(dir: Option<PathBuf>) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let dir = dir.or_else(Self::default_dir);
        let mut store = Self {
            path: dir.map(|d| d.join(FILE_NAME)),
            file: StateFile::default(),
            disk: None,
            protected: false,
        };
        let Some(path) = store.path.clone() else {
            warnings.push(SaveError::NoFolder.to_string());
            return (store, warnings);
        };
        match disk::load(&path) {
            Loaded::Missing => {}
            Loaded::Good(file, bytes) => {
                store.file = file;
                store.disk = Some(bytes);
            }
            Loaded::Bad { warning, moved } => {
                warnings.push(warning);
                store.protected = !moved;
            }
        }
        (store, warnings)
    }

    /// `$XDG_STATE_HOME/wenji` (by default `~/.local/state/wenji`); `None` without a home.
    pub fn default_dir() -> Option<PathBuf> {
        use etcetera::BaseStrategy;
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(strategy.state_dir()?.join("wenji"))
    }

    /// The state file's path, when there is a state folder.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// Everything remembered, as it would be saved.
    pub fn file(&self) -> &StateFile {
        &self.file
    }

    /// The article open when `corpus` was last left.
    pub fn last(&self, corpus: &CorpusId) -> Option<&ArticleKey> {
        let entry = self.file.corpora.iter().find(|e| &e.id == corpus)?;
        entry.last.as_ref()
    }

    /// Remembers `key` as the open article of `corpus`.
    pub fn set_last(&mut self, corpus: &CorpusId, key: ArticleKey) {
        let updated = now();
        let corpora = &mut self.file.corpora;
        match corpora.iter_mut().find(|e| &e.id == corpus) {
            Some(entry) => {
                entry.last = Some(key);
                entry.updated = updated;
            }
            None => corpora.push(CorpusEntry {
                id: corpus.clone(),
                last: Some(key),
                updated,
            }),
        }
        if corpora.len() > MAX_CORPORA {
            corpora.sort_by(|a, b| b.updated.cmp(&a.updated));
            corpora.truncate(MAX_CORPORA);
        }
    }

    /// Where the article was left.
    pub fn position(&self, key: &ArticleKey) -> Option<Position> {
        let entry = self.file.positions.iter().find(|e| &e.key == key)?;
        Some(entry.position)
    }

    /// Remembers where the article is; cheap enough to call on every article change.
    pub fn set_position(&mut self, key: &ArticleKey, position: Position) {
        let updated = now();
        let positions = &mut self.file.positions;
        match positions.iter_mut().find(|e| &e.key == key) {
            Some(entry) if entry.position == position => {}
            Some(entry) => {
                entry.position = position;
                entry.updated = updated;
            }
            None => positions.push(PositionEntry {
                key: key.clone(),
                position,
                updated,
            }),
        }
        if positions.len() > MAX_POSITIONS {
            positions.sort_by(|a, b| b.updated.cmp(&a.updated));
            positions.truncate(MAX_POSITIONS);
        }
    }

    /// Every bookmark, oldest first.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.file.bookmarks
    }

    /// The bookmarks in the open corpus's files, oldest first.
    pub fn bookmarks_in<'a>(&'a self, keys: &'a CorpusKeys) -> impl Iterator<Item = &'a Bookmark> {
        self.file
            .bookmarks
            .iter()
            .filter(|b| keys.has_file(&b.key.file))
    }

    /// The first bookmark on `paragraph` of `key`, if there is one.
    pub fn bookmark_at(&self, key: &ArticleKey, paragraph: usize) -> Option<&Bookmark> {
        let bookmarks = &self.file.bookmarks;
        bookmarks
            .iter()
            .find(|b| &b.key == key && b.paragraph == paragraph)
    }

    /// Adds a bookmark on `paragraph` (its `text` and first source `line`), or removes the one
    /// already there. Returns whether a bookmark was added.
    pub fn toggle_bookmark(
        &mut self,
        key: &ArticleKey,
        paragraph: usize,
        line: usize,
        text: &str,
        note: &str,
    ) -> bool {
        if let Some(id) = self.bookmark_at(key, paragraph).map(Bookmark::id) {
            self.remove_bookmark(&id);
            return false;
        }
        let nanos = unique_nanos();
        self.file.bookmarks.push(Bookmark {
            key: key.clone(),
            paragraph,
            line,
            snippet: snippet(text, SNIPPET_CHARS),
            note: note.trim().to_owned(),
            created: now(),
            uid: new_uid(nanos),
            edited: format_utc_nanos(nanos),
            stale: false,
        });
        true
    }

    /// Sets the note of bookmark `id`, noting when (the later of two windows' notes wins); false
    /// when there is no such bookmark. Setting the note it already has changes nothing.
    pub fn set_note(&mut self, id: &BookmarkId, note: &str) -> bool {
        let Some(bookmark) = self.file.bookmarks.iter_mut().find(|b| &b.id() == id) else {
            return false;
        };
        let note = note.trim();
        if bookmark.note != note {
            note.clone_into(&mut bookmark.note);
            bookmark.edited = now_nanos();
        }
        true
    }

    /// Removes bookmark `id` and returns it. The deletion is remembered, so that merging with
    /// a window that still holds the bookmark does not bring it back.
    pub fn remove_bookmark(&mut self, id: &BookmarkId) -> Option<Bookmark> {
        let index = self.file.bookmarks.iter().position(|b| &b.id() == id)?;
        let mark = self.file.bookmarks.remove(index);
        self.file.deleted.push(Deleted {
            key: mark.key.clone(),
            paragraph: mark.paragraph,
            created: mark.created.clone(),
            uid: mark.uid.clone(),
            deleted: now_nanos(),
        });
        Some(mark)
    }

    /// What this instance holds that the state file does not: bookmarks made or given another
    /// note, bookmarks deleted, and reading positions changed.
    pub fn unsaved(&self) -> Unsaved {
        let saved = self
            .disk
            .as_deref()
            .and_then(|bytes| disk::parse(bytes).ok())
            .unwrap_or_default();
        Unsaved::between(&self.file, &saved)
    }

    /// Forgets deletions older than [`DELETED_DAYS`], and all but the newest [`MAX_DELETED`].
    fn forget_old_deletions(&mut self) {
        let days = Duration::from_secs(DELETED_DAYS * 86_400);
        let cutoff = std::time::SystemTime::now()
            .checked_sub(days)
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        let cutoff = format_utc_nanos(cutoff);
        let deleted = &mut self.file.deleted;
        deleted.retain(|d| d.deleted >= cutoff);
        deleted.sort_by(|a, b| a.deleted.cmp(&b.deleted));
        let excess = deleted.len().saturating_sub(MAX_DELETED);
        deleted.drain(..excess);
    }

    /// Re-checks every bookmark: `exists(key, paragraph)` answers `Some(true)` when the paragraph
    /// is there, `Some(false)` when it is gone, `None` when its file is not open (left as it is).
    /// Stale bookmarks are kept, only marked. Returns how many are stale now.
    pub fn mark_stale(
        &mut self,
        mut exists: impl FnMut(&ArticleKey, usize) -> Option<bool>,
    ) -> usize {
        for bookmark in &mut self.file.bookmarks {
            if let Some(found) = exists(&bookmark.key, bookmark.paragraph) {
                bookmark.stale = !found;
            }
        }
        self.file.bookmarks.iter().filter(|b| b.stale).count()
    }

    /// [`Self::mark_stale`] against the loaded `corpus`.
    pub fn mark_stale_in(&mut self, corpus: &Corpus, keys: &CorpusKeys) -> usize {
        self.mark_stale(|key, paragraph| {
            if !keys.has_file(&key.file) {
                return None;
            }
            let article = keys.find(key).and_then(|i| corpus.articles.get(i));
            Some(article.is_some_and(|a| paragraph < a.paragraphs.len()))
        })
    }

    /// Writes the state file atomically, merged with whatever another instance saved since this
    /// one read it. Never waits: while another instance is saving it returns
    /// [`SaveError::Busy`], and the caller tries again a moment later.
    pub fn save(&mut self) -> Result<(), SaveError> {
        self.save_with(|_| Ok(()))
    }

    /// [`Self::save`] for the last save before quitting: waits up to `wait` for another
    /// instance to finish saving, then writes anyway (still atomically; only that instance's
    /// newest change may be missed by the merge).
    pub fn save_waiting(&mut self, wait: Duration) -> Result<(), SaveError> {
        self.save_locked(Some(wait), &mut |_| Ok(()))
    }

    /// [`Self::save`] with `hook` called at each [`SaveStage`]; an error from the hook fails the
    /// save there. A test seam for interrupted writes.
    #[doc(hidden)]
    pub fn save_with(
        &mut self,
        mut hook: impl FnMut(SaveStage) -> io::Result<()>,
    ) -> Result<(), SaveError> {
        self.save_locked(None, &mut hook)
    }

    /// Saves under the lock: tried once (`wait` is `None`), or waited for up to `wait` and then
    /// gone without.
    fn save_locked(
        &mut self,
        wait: Option<Duration>,
        hook: &mut dyn FnMut(SaveStage) -> io::Result<()>,
    ) -> Result<(), SaveError> {
        let Some(path) = self.path.clone() else {
            return Err(SaveError::NoFolder);
        };
        if self.protected {
            return Err(SaveError::Protected { path });
        }
        let io_error = |source| SaveError::Io {
            path: path.clone(),
            source,
        };
        let _lock = match wait {
            None => match SaveLock::try_acquire(&path).map_err(io_error)? {
                Some(lock) => Some(lock),
                None => return Err(SaveError::Busy),
            },
            Some(wait) => SaveLock::acquire_within(&path, wait).map_err(io_error)?,
        };
        if let Some(dir) = path.parent() {
            disk::remove_stale_temps(dir);
        }
        let on_disk = std::fs::read(&path).ok();
        if let Some(bytes) = &on_disk
            && on_disk != self.disk
        {
            match disk::parse(bytes) {
                Ok(theirs) => {
                    let base = self
                        .disk
                        .as_deref()
                        .and_then(|b| disk::parse(b).ok())
                        .unwrap_or_default();
                    self.file = merge(&self.file, &theirs, &base);
                }
                // A newer wenji saved meanwhile: leave its file alone.
                Err(Problem::Newer(_)) => return Err(SaveError::Protected { path }),
                // Damaged by hand meanwhile: this instance's state replaces it.
                Err(Problem::Corrupt(_)) => {}
            }
        }
        self.forget_old_deletions();
        let text = toml::to_string_pretty(&self.file)?;
        let header =
            "# wenji's remembered positions and bookmarks; safe to edit while wenji is closed.\n";
        let bytes = format!("{header}{text}").into_bytes();
        disk::write_atomic(&path, &bytes, hook).map_err(io_error)?;
        self.disk = Some(bytes);
        Ok(())
    }
}
