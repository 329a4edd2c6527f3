//! The lines `wenji search` prints for the hits in one corpus — the whole corpus, or one file of
//! it read on its own — found article by article with the plain search
//! ([`crate::search::plain`]).
//!
//! A file's lines are printed into memory where the file was parsed, on a worker thread; only
//! `--json`'s article numbers depend on the files before it, so they are left as places in the
//! text, filled in when the lines are written out in corpus order ([`Printed::write_to`]).

use std::io::{self, Write};

use ratatui::crossterm::style::Stylize;
use serde::Serialize;

use super::{Format, Found, Options};
use crate::corpus::{Article, Corpus};
use crate::search::context::{self, Context};
use crate::search::plain::Plain;
use crate::search::sieve::Sieve;
use crate::search::{Field, Location, Query};

/// Lines printed for one corpus, with the places where article numbers go.
#[derive(Debug, Default)]
pub struct Printed {
    bytes: Vec<u8>,
    /// `(offset, article)`: the number of the corpus's article `article` (from 0) goes at
    /// `offset` in `bytes`.
    numbers: Vec<(usize, usize)>,
}

impl Printed {
    /// Writes the lines, numbering the corpus's articles after `before` articles of other files.
    pub fn write_to(&self, before: usize, out: &mut impl Write) -> io::Result<()> {
        let mut from = 0;
        for &(at, article) in &self.numbers {
            out.write_all(&self.bytes[from..at])?;
            write!(out, "{}", before + article + 1)?;
            from = at;
        }
        out.write_all(&self.bytes[from..])
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Every hit of `query` in `corpus`, found with `plain` (made for `query`'s terms, once for
/// every file searched), printed as `options` asks, and what was found.
///
/// # Errors
/// Only when a hit cannot be written as JSON.
pub fn print(
    corpus: &Corpus,
    query: &Query,
    plain: &Plain<'_>,
    options: Options,
) -> io::Result<(Printed, Found)> {
    let mut printer = Printer {
        corpus,
        query,
        options,
        out: Printed::default(),
    };
    let mut found = Found::default();
    let sieve = Sieve::new(query);
    for (id, article) in corpus.articles.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        let hits = plain.hits(article, id);
        if hits.is_empty() || !(sieve.is_open() || sieve.admits(article, file(corpus, article))) {
            continue;
        }
        found.articles += 1;
        found.hits += hits.len();
        printer.article(article, &hits)?;
    }
    Ok((printer.out, found))
}

/// The name of the file `article` came from, as shown.
fn file<'c>(corpus: &'c Corpus, article: &Article) -> &'c str {
    corpus
        .sources
        .get(article.source)
        .map_or("", |source| source.name.as_str())
}

/// One hit as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    file: &'a str,
    line: usize,
    /// 1-based, as `wenji list` numbers articles: printed as [`NUMBER_LATER`], filled in later.
    article: u8,
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

/// What a JSON line holds for its article number until the number is known.
const NUMBER_LATER: u8 = 0;
/// The JSON line's text just before the article number. The first one in the line is the key's:
/// `file` comes before it, and inside a JSON string every quote is escaped, so `,"` cannot occur.
const ARTICLE_KEY: &[u8] = b",\"article\":";

/// Prints the hits of one corpus into memory.
struct Printer<'a> {
    corpus: &'a Corpus,
    query: &'a Query,
    options: Options,
    out: Printed,
}

impl Printer<'_> {
    /// The lines for `article`'s `hits`.
    fn article(&mut self, article: &Article, hits: &[Location]) -> io::Result<()> {
        match self.options.format {
            Format::Count => {
                self.prefix(article, article.lines.start.max(1))?;
                writeln!(self.out.bytes, "{}", hits.len())
            }
            Format::Lines => hits.iter().try_for_each(|hit| self.line(article, hit)),
            Format::Json => hits.iter().try_for_each(|hit| self.json(article, hit)),
        }
    }

    /// `file:line: title: ` for the article.
    fn prefix(&mut self, article: &Article, line: usize) -> io::Result<()> {
        let file = self.corpus.sources[article.source].name.as_str();
        let title = article.display_title();
        let out = &mut self.out.bytes;
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

    fn line(&mut self, article: &Article, location: &Location) -> io::Result<()> {
        self.prefix(article, context::line(self.corpus, location))?;
        let context = context::context(self.corpus, location, self.options.context);
        let cut = |more: bool| if more { "…" } else { "" };
        let out = &mut self.out.bytes;
        write!(out, "{}{}", cut(context.more_left), context.left)?;
        if self.options.colour {
            write!(out, "{}", context.hit.red().bold())?;
        } else {
            write!(out, "【{}】", context.hit)?;
        }
        writeln!(out, "{}{}", context.right, cut(context.more_right))
    }

    fn json(&mut self, article: &Article, location: &Location) -> io::Result<()> {
        let context = context::context(self.corpus, location, self.options.context);
        let entry = json_hit(self.corpus, self.query, article, location, &context);
        let start = self.out.bytes.len();
        super::super::json::write_line(&mut self.out.bytes, &entry)?;
        let line = &self.out.bytes[start..];
        let key = line
            .windows(ARTICLE_KEY.len())
            .position(|window| window == ARTICLE_KEY)
            .ok_or_else(|| io::Error::other("a JSON hit without its article key"))?;
        let at = start + key + ARTICLE_KEY.len();
        self.out.bytes.remove(at);
        self.out.numbers.push((at, location.article as usize));
        Ok(())
    }
}

/// The JSON object for one hit, its article number left for later.
fn json_hit<'a>(
    corpus: &'a Corpus,
    query: &'a Query,
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
        Field::Tag(_) => ("tag", None),
        Field::Paragraph(index) => ("paragraph", Some(index + 1)),
    };
    JsonHit {
        file: &corpus.sources[article.source].name,
        line: context::line(corpus, location),
        article: NUMBER_LATER,
        title: &article.title,
        speaker: article.meta.speaker(),
        field,
        paragraph,
        byte_start: location.range.start,
        byte_end: location.range.end,
        term: query
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
