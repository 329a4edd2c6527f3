//! Search: what the user typed, folded, found in a folded copy of the corpus.
//!
//! ```text
//! corpus ─▶ index::Index::build (fold every field, end to end)
//! typed  ─▶ query::Query::parse (terms, folded) ─▶ engine::search (memmem, units in parallel,
//!           waves in corpus order) ─▶ Results (articles, hits) ─▶ hit::locate (original bytes)
//! ```
//! The worker runs queries off the UI thread, each tagged with a generation so a stale result
//! never replaces a newer one. Nothing here imports ratatui.

pub mod engine;
pub mod fold;
pub mod hit;
pub mod index;
pub mod narrow;
pub mod query;
pub mod worker;
