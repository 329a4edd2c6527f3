//! What wenji keeps between runs: the state file (remembered positions, the last article per
//! corpus, and bookmarks), and the load cache ([`cache`]: what loading computed per file).
//!
//! State lives in `$XDG_STATE_HOME/wenji/state.toml`, a human-readable TOML file (its shape is
//! documented in [`model`]). Identity is by file and title ([`ArticleKey`]), never by list index,
//! so opening more files does not scramble what was remembered.
//!
//! - Saving is atomic (write a temporary file, fsync, rename, fsync the folder): two instances
//!   saving at once never leave a torn file. Saves take turns through a kernel advisory lock on
//!   `state.toml.lock` ([`disk::SaveLock`]), which dies with its process; a save that finds it
//!   taken returns [`SaveError::Busy`] at once instead of waiting. Each save merges in what the
//!   other instance saved since this one last read the file ([`merge`]), and removes temporary
//!   files that a killed save left more than a minute ago.
//! - A corrupt, unreadable or newer-format file is moved aside (`state.toml.corrupt-<time>` or
//!   `state.toml.newer-<time>`) with a warning, and the store starts fresh.
//! - A state folder that cannot be written leaves the app working: [`StateStore::save`] returns
//!   an error, which the session reports (the status line, `!`, and stderr on quitting with
//!   what [`StateStore::unsaved`] counts).
//! - A bookmark whose paragraph is gone (the file shrank) is kept and marked stale.
//!
//! This module does file I/O and nothing else: no terminal, no ratatui. The app decides when to
//! load and save; `state/` never calls it.

pub mod cache;
pub mod disk;
pub mod keys;
pub mod merge;
pub mod model;
pub mod store;
pub mod unsaved;

pub use disk::{FILE_NAME, SaveError, SaveStage};
pub use keys::CorpusKeys;
pub use model::{
    ArticleKey, Bookmark, BookmarkId, CorpusId, Position, SAMPLE_FILE, StateFile, VERSION,
};
pub use store::StateStore;
pub use unsaved::Unsaved;
