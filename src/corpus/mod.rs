//! The corpus: reading files from disk into articles.
//!
//! Knows files, bytes and text, never the screen: nothing here imports ratatui.

pub mod decode;
