//! The corpus: finding files, reading them, and parsing them into articles.
//!
//! ```text
//! paths ─▶ walk (files in natural order) ─▶ read + decode ─▶ format ─▶ blocks ─▶ articles ─▶ Corpus
//! ```
//! Standard input, FIFOs and devices may never end: they are read up to a limit (`bounded`).
//! A file's [`Format`] is chosen from one table (`format`); an article's metadata is one
//! [`Meta`] (`meta`). [`load_cached`] loads through the load cache (`persist::cache`).
//! Nothing here draws: this module never imports ratatui, so the one-shot commands and the TUI
//! share it.

pub mod background;
pub mod blocks;
pub mod bounded;
pub mod cached;
pub mod copies;
pub mod decode;
mod fields;
pub mod format;
pub mod growth;
pub mod html;
pub mod kept;
pub mod load;
pub mod meta;
pub mod model;
pub mod numbering;
pub mod order;
pub mod ordered;
pub mod outline;
pub mod parse;
pub mod piece;
pub mod repair;
pub mod walk;

pub use cached::{CacheReport, Streamed, load_cached, stream_cached};
pub use format::Format;
pub use growth::{Growth, Progress};
pub use load::{LoadError, LoadOptions, Loaded, load, read_file, sample, sample_with};
pub use meta::{Date, DateValue, FieldLines, Meta, Precision};
pub use model::{
    Article, Corpus, Paragraph, ParagraphKind, Paragraphs, Source, SourceText, Text, Warning,
};
