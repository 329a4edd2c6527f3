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
//! - JSON Lines: file, line, article number, title, speaker, date, category, tags, url, field,
//!   byte offsets, context;
//! - counts: `file:line: title: N`, one line per matching article, or with `--json` one object
//!   per article.
//!
//! `--sort` holds the lines back and writes whole articles in its order at the end
//! ([`crate::commands::sorted`]); `--by` prints groups of articles instead ([`by`]). Both go
//! through one [`sink::Sink`].

mod by;
mod print;
mod sink;
mod stream;

use std::io::{self, Write};

use crate::cli::By;
use crate::corpus::Corpus;
use crate::corpus::order::Order;
use crate::search::Query;
use crate::search::forms::Forms;

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
    /// One JSON object per matching article with its number of hits.
    CountJson,
}

impl Format {
    /// Whether it prints JSON Lines.
    pub fn is_json(self) -> bool {
        matches!(self, Format::Json | Format::CountJson)
    }

    /// Whether it prints counts, which the forms found are told with.
    pub fn counts(self) -> bool {
        matches!(self, Format::Count | Format::CountJson)
    }
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct Options<'q> {
    pub format: Format,
    /// Characters of context each side of a hit.
    pub context: usize,
    /// Escape sequences for colour (`--color`: by default a terminal, and `NO_COLOR` unset).
    pub colour: bool,
    /// `--by`: rows of groups instead of lines (with [`Format::Count`] or
    /// [`Format::CountJson`]).
    pub by: Option<By>,
    /// `--sort`: the order whole articles (or `--by article`'s rows) are written in.
    pub sort: Order,
    /// The query as typed, for the header of `--by`'s rows.
    pub typed: &'q str,
}

impl Options<'_> {
    /// Whether every file must be parsed, even one that cannot hold a hit: to number the
    /// articles of JSON lines as `wenji list` does, or for `--by`'s groups without hits.
    pub fn parses_every_file(&self) -> bool {
        self.format.is_json() || self.by.is_some()
    }

    /// Whether each article leaves its [`print::Fact`]s: `--by` and `--sort` need them.
    pub fn wants_facts(&self) -> bool {
        self.by.is_some() || self.sort != Order::Corpus
    }
}

/// What was found (and printed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub articles: usize,
    pub hits: usize,
    /// The forms the hits were written in, counted for `--count` ([`Format::counts`]).
    pub forms: Forms,
}

impl std::ops::AddAssign for Found {
    fn add_assign(&mut self, other: Self) {
        self.articles += other.articles;
        self.hits += other.hits;
        self.forms.merge(&other.forms);
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
    options: Options<'_>,
    out: &mut impl Write,
) -> io::Result<Found> {
    let plain = crate::search::plain::Plain::for_query(query);
    let sieve = crate::search::sieve::Sieve::new(query);
    let searched = print::print(corpus, query, &plain, &sieve, options)?;
    let mut sink = sink::Sink::new(options);
    sink.take(&searched, 0, out)?;
    sink.finish(out)?;
    Ok(searched.found)
}
