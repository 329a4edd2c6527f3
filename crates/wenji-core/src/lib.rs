//! wenji-core: the library under wenji (文集), with no terminal in it.
//!
//! ```text
//! files ─▶ corpus (walk, read, parse) ─▶ Corpus ─▶ layout (text::wrap per article × width)
//!                                           │
//!                                           ▼
//!                       search::Engine (requests in, resolved hits out)
//! ```
//! It owns the corpus model and its ingestion (`corpus`), the Chinese text rules (`text`),
//! reading-pane layout (`layout`), the search engine behind its seam (`search`), the saved state
//! file (`persist`) and citations (`citation`). Nothing here depends on ratatui, crossterm or
//! clap (a test checks `cargo tree`), so the one-shot commands, the browser and any other front
//! end stand on the same code.

pub mod citation;
pub mod corpus;
pub mod count;
pub mod layout;
pub mod persist;
pub mod search;
pub mod text;
