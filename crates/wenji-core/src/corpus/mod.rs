//! The corpus: finding files, reading them, and parsing them into articles.
//!
//! ```text
//! paths ─▶ walk (files in natural order) ─▶ read + decode ─▶ blocks ─▶ articles ─▶ Corpus
//! ```
//! Standard input, FIFOs and devices may never end: they are read up to a limit (`bounded`).
//! Nothing here draws: this module never imports ratatui, so the one-shot commands and the TUI
//! share it.

pub mod blocks;
pub mod bounded;
pub mod decode;
mod fields;
pub mod front_matter;
pub mod html;
pub mod jsonl;
pub mod load;
pub mod model;
pub mod numbering;
pub mod outline;
pub mod parse;
pub mod repair;
pub mod walk;

pub use load::{LoadError, LoadOptions, load, sample, sample_with};
pub use model::{
    Article, Corpus, FieldLines, Paragraph, ParagraphKind, Source, SourceFormat, Warning,
};
