//! `wenji search`: every hit of a query, one line each, as grep prints matching lines.
//!
//! Files are searched one at a time as they are read, in corpus order, and never held together
//! ([`stream`]): a hit is printed as soon as its file is parsed, a closed pipe (`| head`) stops
//! the reading, and a file whose bytes cannot hold a hit is not even parsed. Each file is
//! searched with the plain per-article search the test engine uses — folding and matching
//! exactly as the browser's scan does (`crates/wenji-core/tests/engines_agree.rs`), without
//! building an index for it ([`print`]). The embedded sample is searched the same way, whole
//! ([`run`]). Three shapes of output:
//!
//! - lines: `file:line: title: …left【hit】right…`, the hit in colour instead of 【】 on a terminal
//!   (or as `--color` says);
//!   `…` marks context that was cut;
//! - JSON Lines: file, line, article number, title, speaker, field, byte offsets, context;
//! - counts: `file:line: title: N`, one line per matching article.

mod print;
mod stream;

use std::io::{self, Write};

use crate::corpus::Corpus;
use crate::search::Query;

pub use stream::{Failure, stream};

/// What to print for each hit or article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One grep-like line per hit.
    Lines,
    /// One JSON object per hit.
    Json,
    /// One line per matching article with its number of hits.
    Count,
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Characters of context each side of a hit.
    pub context: usize,
    /// Escape sequences for colour (`--color`: by default a terminal, and `NO_COLOR` unset).
    pub colour: bool,
}

/// What was found (and printed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub articles: usize,
    pub hits: usize,
}

impl std::ops::AddAssign for Found {
    fn add_assign(&mut self, other: Self) {
        self.articles += other.articles;
        self.hits += other.hits;
    }
}

/// Searches `corpus`, already in memory, for `query` and prints what `options` asks for to
/// `out`.
///
/// # Errors
/// The first write error (a closed pipe included; the caller decides that is not worth a
/// message).
pub fn run(
    corpus: &Corpus,
    query: &Query,
    options: Options,
    out: &mut impl Write,
) -> io::Result<Found> {
    let plain = crate::search::plain::Plain::new(&query.terms);
    let (printed, found) = print::print(corpus, query, &plain, options)?;
    printed.write_to(0, out)?;
    out.flush()?;
    Ok(found)
}
