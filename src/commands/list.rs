//! `wenji list`: one line per article, tab-separated or as JSON Lines.
//!
//! Files and folders are listed while they load ([`stream`]): each part of the corpus is
//! printed and dropped, so a large archive is never held whole, and the warnings go to
//! standard error as they are met. With `--sort` (any order but the corpus's) the rows are
//! printed into memory instead and written sorted once every file is in ([`Sorted`]); each
//! keeps its number in the unsorted list, so `wenji show N` still opens it.

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::json::Described;
use super::sorted::Sorted;
use crate::corpus::order::Order;
use crate::corpus::{self, Article, Corpus, Date, Growth, LoadOptions, Source, Warning};
use crate::search::Query;
use crate::search::plain::Plain;
use crate::search::sieve::Sieve;

/// One article as `--json` prints it.
#[derive(Serialize)]
struct Entry<'a> {
    number: usize,
    title: &'a str,
    role: Option<&'a str>,
    section: Option<&'a str>,
    #[serde(flatten)]
    described: Described<'a>,
    file: &'a str,
    line: usize,
    chars: usize,
    encoding: &'a str,
}

/// How the list is printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    /// JSON Lines instead of tab-separated columns.
    pub json: bool,
    /// The order of the rows. A list has no hits: by hits it is the corpus's order.
    pub sort: Order,
}

impl Shape {
    /// Where rows are held to be sorted; `None` when they are printed as they come.
    fn sorted(self) -> Option<Sorted> {
        Sorted::new(self.sort).filter(|_| self.sort != Order::Hits)
    }
}

/// Where one row goes: out at once, or into the rows held for sorting.
fn print_row(
    out: &mut impl Write,
    sorted: Option<&mut Sorted>,
    article: &Article,
    entry: &Entry<'_>,
    json: bool,
) -> io::Result<()> {
    match sorted {
        None => write_entry(out, entry, json),
        Some(sorted) => {
            let mut row = Vec::new();
            write_entry(&mut row, entry, json)?;
            let date = article.meta.date().and_then(Date::value);
            sorted.push(&article.title, date, 0, row);
            Ok(())
        }
    }
}

/// Which articles to list: those matching a query (`--filter`), or all.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'q> {
    query: Option<&'q Query>,
}

impl<'q> Filter<'q> {
    /// Every article that `query` matches: its terms all in it, its conditions met, none of its
    /// excluded terms in it; every article with `None`.
    pub fn new(query: Option<&'q Query>) -> Self {
        Self { query }
    }

    /// The test of one article, made once for all.
    fn test(self) -> Option<(Plain<'q>, Sieve<'q>)> {
        self.query.map(|q| (Plain::for_query(q), Sieve::new(q)))
    }
}

/// Whether `article` from `source` passes `test` (made by [`Filter::test`]).
fn passes(test: Option<&(Plain<'_>, Sieve<'_>)>, article: &Article, source: &Source) -> bool {
    test.is_none_or(|(plain, sieve)| {
        plain.find(article, 0, &source.name).is_some() && sieve.admits(article, &source.name)
    })
}

/// Prints every article of `corpus` that `filter` lets through to `out`, numbered in the corpus,
/// as `shape` says.
pub fn write(
    corpus: &Corpus,
    shape: Shape,
    filter: Filter<'_>,
    out: &mut impl Write,
) -> io::Result<usize> {
    let test = filter.test();
    let mut sorted = shape.sorted();
    let mut printed = 0;
    for (index, article) in corpus.articles.iter().enumerate() {
        let source = &corpus.sources[article.source];
        if passes(test.as_ref(), article, source) {
            printed += 1;
            let entry = entry(source, index + 1, article);
            print_row(out, sorted.as_mut(), article, &entry, shape.json)?;
        }
    }
    if let Some(sorted) = sorted {
        sorted.write_to(out)?;
    }
    out.flush()?;
    Ok(printed)
}

/// What [`stream`] printed.
#[derive(Debug, Default)]
pub struct Listed {
    /// Articles read.
    pub articles: usize,
    /// Articles printed: those the filter let through.
    pub printed: usize,
    /// The warnings printed, in order.
    pub warnings: Vec<Warning>,
}

/// Lists the files and folders in `paths` as they load, through the load cache in `cache_dir`
/// (none: read every file), printing warnings on standard error as they come. Stops at the
/// first error writing to `out`. Rows are printed as they come unless `shape` sorts them.
///
/// # Errors
/// When `out` cannot be written to.
pub fn stream(
    paths: &[PathBuf],
    options: LoadOptions,
    cache_dir: Option<&Path>,
    shape: Shape,
    filter: Filter<'_>,
    out: &mut impl Write,
) -> io::Result<Listed> {
    let mut lister = Lister {
        out,
        json: shape.json,
        sorted: shape.sorted(),
        test: filter.test(),
        sources: 0,
        listed: Listed::default(),
        error: None,
    };
    // A list reads no text back from the cache, so nothing is found damaged later.
    let streamed = corpus::stream_cached(paths, options, cache_dir, |growth| lister.take(&growth));
    if let Some(error) = lister.error {
        return Err(error);
    }
    if let Some(warning) = streamed.failed {
        lister.warn(&[warning]);
    }
    if let Some(sorted) = lister.sorted.take() {
        sorted.write_to(lister.out)?;
    }
    lister.out.flush()?;
    Ok(lister.listed)
}

/// Prints parts as [`corpus::stream_cached`] hands them over.
struct Lister<'o, 'q, W> {
    out: &'o mut W,
    json: bool,
    /// The rows held for `--sort`; `None` when each is printed at once.
    sorted: Option<Sorted>,
    test: Option<(Plain<'q>, Sieve<'q>)>,
    /// Sources in the parts before this one: a part's articles number theirs from here.
    sources: usize,
    listed: Listed,
    error: Option<io::Error>,
}

impl<W: Write> Lister<'_, '_, W> {
    fn take(&mut self, growth: &Growth) -> ControlFlow<()> {
        self.warn(&growth.warnings);
        let first = self.sources;
        self.sources += growth.sources.len();
        for article in &growth.articles {
            // A file's articles come in the part that brings its source.
            let source = article.source.checked_sub(first);
            let Some(source) = source.and_then(|at| growth.sources.get(at)) else {
                debug_assert!(
                    false,
                    "article {} has no source in its part",
                    article.source
                );
                continue;
            };
            self.listed.articles += 1;
            if !passes(self.test.as_ref(), article, source) {
                continue;
            }
            self.listed.printed += 1;
            let entry = entry(source, self.listed.articles, article);
            let printed = print_row(self.out, self.sorted.as_mut(), article, &entry, self.json);
            if let Err(error) = printed {
                self.error = Some(error);
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    }

    fn warn(&mut self, warnings: &[Warning]) {
        super::report_warnings(warnings, None);
        self.listed.warnings.extend_from_slice(warnings);
    }
}

fn write_entry(out: &mut impl Write, entry: &Entry<'_>, json: bool) -> io::Result<()> {
    if json {
        return super::json::write_line(out, entry);
    }
    let columns = [
        entry.number.to_string(),
        tsv(entry.title),
        tsv(entry.described.speaker.unwrap_or_default()),
        tsv(entry.role.unwrap_or_default()),
        tsv(entry.section.unwrap_or_default()),
        entry.described.date_value.clone().unwrap_or_default(),
        format!("{}:{}", tsv(entry.file), entry.line),
        entry.chars.to_string(),
    ];
    writeln!(out, "{}", columns.join("\t"))
}

fn entry<'a>(source: &'a Source, number: usize, article: &'a Article) -> Entry<'a> {
    Entry {
        number,
        title: &article.title,
        role: article.meta.role(),
        section: article.meta.section(),
        described: Described::of(article),
        file: &source.name,
        line: article.lines.start.max(1),
        chars: article.char_count(),
        encoding: &source.encoding,
    }
}

/// A field for tab-separated output: tabs would shift the columns.
fn tsv(text: &str) -> String {
    text.replace('\t', " ")
}
