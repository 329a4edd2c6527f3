//! `wenji search`: every hit of a query, one line each, as grep prints matching lines.
//!
//! The corpus is indexed once and searched by the same engine as the browser's search line,
//! through the same seam ([`crate::search::Engine`]); results are written wave by wave as the engine hands them over, so the
//! first lines of a large corpus appear before the scan ends, and a closed pipe (`| head`) stops
//! the scan. Three shapes of output:
//!
//! - lines: `file:line: title: …left【hit】right…`, the hit in colour instead of 【】 on a terminal;
//!   `…` marks context that was cut;
//! - JSON Lines: file, line, article number, title, speaker, field, byte offsets, context;
//! - counts: `file:line: title: N`, one line per matching article.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::style::Stylize;
use serde::Serialize;

use crate::corpus::{Article, Corpus};
use crate::search::context::{self, Context};
use crate::search::{Batch, Engine, Field, Location, Query, Request, Scan, Scope};

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
    /// Escape sequences for colour (a terminal, and `NO_COLOR` unset).
    pub colour: bool,
}

/// What was found (and printed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub articles: usize,
    pub hits: usize,
}

/// One hit as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    file: &'a str,
    line: usize,
    /// 1-based, as `wenji list` numbers articles.
    article: usize,
    title: &'a str,
    speaker: Option<&'a str>,
    field: &'static str,
    /// 1-based paragraph number for hits in body text.
    paragraph: Option<u32>,
    /// Bytes of the field's original text that matched.
    byte_start: usize,
    byte_end: usize,
    /// The query term (folded) this hit is for.
    term: &'a str,
    left: &'a str,
    hit: &'a str,
    right: &'a str,
    more_left: bool,
    more_right: bool,
}

/// Searches `corpus` for `query` and prints what `options` asks for to `out`.
///
/// Stops at the first write error and returns it (a closed pipe included; the caller decides
/// that is not worth a message).
pub fn run(
    corpus: &Corpus,
    query: &Query,
    options: Options,
    out: &mut impl Write,
) -> io::Result<Found> {
    let mut engine = Scan::build(corpus);
    let request = Request {
        generation: 1,
        query: query.clone(),
        scope: Scope::All,
    };
    let stop = AtomicBool::new(false);
    let mut failure = None;
    let mut found = Found::default();
    let printer = Printer {
        corpus,
        query,
        options,
    };
    engine.run(&request, &|| stop.load(Ordering::Relaxed), &mut |batch| {
        if failure.is_some() {
            return;
        }
        match printer.batch(&batch, out).and_then(|()| out.flush()) {
            Ok(()) => {
                found.articles += batch.articles.len();
                found.hits += batch.hit_count();
            }
            Err(error) => {
                stop.store(true, Ordering::Relaxed);
                failure = Some(error);
            }
        }
    });
    failure.map_or(Ok(found), Err)
}

/// Everything needed to print a batch of results.
struct Printer<'a> {
    corpus: &'a Corpus,
    query: &'a Query,
    options: Options,
}

impl Printer<'_> {
    fn batch(&self, batch: &Batch, out: &mut impl Write) -> io::Result<()> {
        for matching in &batch.articles {
            match self.options.format {
                Format::Count => {
                    let article = &self.corpus.articles[matching.article as usize];
                    self.prefix(article, article.lines.start.max(1), out)?;
                    writeln!(out, "{}", matching.hits.len())?;
                }
                Format::Lines => {
                    for location in batch.hits.locate(matching.hits.clone()) {
                        self.line(&location, out)?;
                    }
                }
                Format::Json => {
                    for location in batch.hits.locate(matching.hits.clone()) {
                        self.json(&location, out)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `file:line: title: ` for the article.
    fn prefix(&self, article: &Article, line: usize, out: &mut impl Write) -> io::Result<()> {
        let file = self.corpus.sources[article.source].name.as_str();
        let title = article.display_title();
        if self.options.colour {
            write!(
                out,
                "{}:{}: {title}: ",
                file.magenta(),
                line.to_string().green()
            )
        } else {
            write!(out, "{file}:{line}: {title}: ")
        }
    }

    fn line(&self, location: &Location, out: &mut impl Write) -> io::Result<()> {
        let article = &self.corpus.articles[location.article as usize];
        self.prefix(article, context::line(self.corpus, location), out)?;
        let context = context::context(self.corpus, location, self.options.context);
        let cut = |more: bool| if more { "…" } else { "" };
        write!(out, "{}{}", cut(context.more_left), context.left)?;
        if self.options.colour {
            write!(out, "{}", context.hit.red().bold())?;
        } else {
            write!(out, "【{}】", context.hit)?;
        }
        writeln!(out, "{}{}", context.right, cut(context.more_right))
    }

    fn json(&self, location: &Location, out: &mut impl Write) -> io::Result<()> {
        let article = &self.corpus.articles[location.article as usize];
        let context = context::context(self.corpus, location, self.options.context);
        let entry = self.json_hit(article, location, &context);
        super::json::write_line(out, &entry)
    }

    fn json_hit<'a>(
        &'a self,
        article: &'a Article,
        location: &Location,
        context: &Context<'a>,
    ) -> JsonHit<'a> {
        let (field, paragraph) = match location.field {
            Field::Title => ("title", None),
            Field::Speaker => ("speaker", None),
            Field::Role => ("role", None),
            Field::Section => ("section", None),
            Field::Credit => ("credit", None),
            Field::Paragraph(index) => ("paragraph", Some(index + 1)),
        };
        JsonHit {
            file: &self.corpus.sources[article.source].name,
            line: context::line(self.corpus, location),
            article: location.article as usize + 1,
            title: &article.title,
            speaker: article.meta.speaker(),
            field,
            paragraph,
            byte_start: location.range.start,
            byte_end: location.range.end,
            term: self
                .query
                .terms
                .get(usize::from(location.term))
                .map_or("", String::as_str),
            left: context.left,
            hit: context.hit,
            right: context.right,
            more_left: context.more_left,
            more_right: context.more_right,
        }
    }
}
