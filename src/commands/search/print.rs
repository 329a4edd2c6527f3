//! The lines `wenji search` prints for the hits in one corpus — the whole corpus, or one file of
//! it read on its own — found article by article with the plain search
//! ([`crate::search::plain`]).
//!
//! A file's lines are printed into memory where the file was parsed, on a worker thread; only
//! `--json`'s article numbers depend on the files before it, so they are left as places in the
//! text, filled in when the lines are written out in corpus order ([`Printed::write_to`]). Where
//! each article's lines end is kept too, so `--sort` can move an article's lines as one
//! ([`Printed::each_article`]), and with `--by` or `--sort` each article leaves the few
//! [`Fact`]s those need once its text is gone.

use std::io::{self, Write};
use std::ops::Range;

use ratatui::crossterm::style::Stylize;
use serde::Serialize;

use super::{Format, Found, Options};
use crate::commands::json::Described;
use crate::corpus::{Article, Corpus, Date, DateValue};
use crate::search::context::{self, Context};
use crate::search::plain::{Plain, written_forms};
use crate::search::sieve::Sieve;
use crate::search::{Field, Location, Query};

/// Lines printed for one corpus, with the places where article numbers go.
#[derive(Debug, Default)]
pub struct Printed {
    bytes: Vec<u8>,
    /// `(offset, article)`: the number of the corpus's article `article` (from 0) goes at
    /// `offset` in `bytes`.
    numbers: Vec<(usize, usize)>,
    /// Where each printed article's lines end, in the order printed.
    spans: Vec<Span>,
}

/// The end of one article's lines in a [`Printed`].
#[derive(Debug, Clone, Copy)]
struct Span {
    /// The corpus's article (from 0).
    article: usize,
    /// Where its lines end in `bytes`.
    bytes: usize,
    /// Where its numbers end in `numbers`.
    numbers: usize,
}

impl Printed {
    /// Writes the lines, numbering the corpus's articles after `before` articles of other files.
    pub fn write_to(&self, before: usize, out: &mut impl Write) -> io::Result<()> {
        self.write_part(0..self.bytes.len(), &self.numbers, before, out)
    }

    /// Gives `each` every printed article (from 0 in this corpus) and its lines, numbered as
    /// [`Printed::write_to`] numbers them, in the order they were printed.
    pub fn each_article(
        &self,
        before: usize,
        mut each: impl FnMut(usize, Vec<u8>),
    ) -> io::Result<()> {
        let (mut bytes, mut numbers) = (0, 0);
        for span in &self.spans {
            let mut lines = Vec::new();
            let part = &self.numbers[numbers..span.numbers];
            self.write_part(bytes..span.bytes, part, before, &mut lines)?;
            each(span.article, lines);
            (bytes, numbers) = (span.bytes, span.numbers);
        }
        Ok(())
    }

    /// Writes `range` of the bytes, with the `numbers` that fall in it.
    fn write_part(
        &self,
        range: Range<usize>,
        numbers: &[(usize, usize)],
        before: usize,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let mut from = range.start;
        for &(at, article) in numbers {
            out.write_all(&self.bytes[from..at])?;
            write!(out, "{}", before + article + 1)?;
            from = at;
        }
        out.write_all(&self.bytes[from..range.end])
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// What `--by` and `--sort` need of one article, kept once its text is gone: a few short
/// strings, so a whole corpus's facts are a small part of its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// As the article has it (empty for untitled leading text).
    pub title: String,
    /// Its date as far as it reads; `None` when it has none or it does not read.
    pub date: Option<DateValue>,
    pub speaker: Option<String>,
    pub section: Option<String>,
    pub file: String,
    /// Its first line.
    pub line: usize,
    /// Its hits: 0 when the query does not match it.
    pub hits: usize,
}

/// What searching one corpus gave.
#[derive(Debug, Default)]
pub struct Searched {
    pub printed: Printed,
    pub found: Found,
    /// One per article of the corpus, in its order, when `--by` or `--sort` asks for them;
    /// none otherwise.
    pub facts: Vec<Fact>,
}

/// Every hit of `query` in `corpus`, found with `plain` and `sieve` (made for `query`'s terms
/// and for its conditions and excluded terms, once for every file searched), printed as `options` asks (nothing with `--by`, which prints groups),
/// and what was found.
///
/// # Errors
/// Only when a hit cannot be written as JSON.
pub fn print(
    corpus: &Corpus,
    query: &Query,
    plain: &Plain<'_>,
    sieve: &Sieve<'_>,
    options: Options<'_>,
) -> io::Result<Searched> {
    let mut printer = Printer {
        corpus,
        query,
        options,
        out: Printed::default(),
    };
    let mut found = Found::default();
    let mut facts = Vec::new();
    for (id, article) in corpus.articles.iter().enumerate() {
        let at = u32::try_from(id).unwrap_or(u32::MAX);
        let hits = plain
            .find(article, at, file(corpus, article))
            .unwrap_or_default();
        // The sieve is asked only of an article with hits: it may search it again.
        let admitted =
            !hits.is_empty() && (sieve.is_open() || sieve.admits(article, file(corpus, article)));
        let count = if admitted { hits.len() } else { 0 };
        if options.wants_facts() {
            facts.push(fact(corpus, article, count));
        }
        if count == 0 {
            continue;
        }
        found.articles += 1;
        found.hits += count;
        if options.format.counts() {
            for (hit, form) in hits.iter().zip(written_forms(article, &hits)) {
                found.forms.add(hit.term, &form, 1);
            }
        }
        if options.by.is_none() {
            printer.article(id, article, &hits)?;
        }
    }
    Ok(Searched {
        printed: printer.out,
        found,
        facts,
    })
}

/// `article`'s facts, with its `hits`.
fn fact(corpus: &Corpus, article: &Article, hits: usize) -> Fact {
    Fact {
        title: article.title.clone(),
        date: article.meta.date().and_then(Date::value),
        speaker: article.meta.speaker().map(str::to_owned),
        section: article.meta.section().map(str::to_owned),
        file: file(corpus, article).to_owned(),
        line: article.lines.start.max(1),
        hits,
    }
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
    #[serde(flatten)]
    described: Described<'a>,
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

/// One matching article as `--count --json` prints it.
#[derive(Serialize)]
struct JsonCount<'a> {
    file: &'a str,
    line: usize,
    /// As in [`JsonHit`].
    article: u8,
    title: &'a str,
    #[serde(flatten)]
    described: Described<'a>,
    hits: usize,
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
    options: Options<'a>,
    out: Printed,
}

impl Printer<'_> {
    /// The lines for `article` (the corpus's `id`th) and its `hits`.
    fn article(&mut self, id: usize, article: &Article, hits: &[Location]) -> io::Result<()> {
        match self.options.format {
            Format::Count => {
                self.prefix(article, article.lines.start.max(1))?;
                writeln!(self.out.bytes, "{}", hits.len())?;
            }
            Format::CountJson => {
                let entry = JsonCount {
                    file: file(self.corpus, article),
                    line: article.lines.start.max(1),
                    article: NUMBER_LATER,
                    title: &article.title,
                    described: Described::of(article),
                    hits: hits.len(),
                };
                self.json_line(&entry, id)?;
            }
            Format::Lines => hits.iter().try_for_each(|hit| self.line(article, hit))?,
            Format::Json => hits.iter().try_for_each(|hit| self.json(article, hit))?,
        }
        self.out.spans.push(Span {
            article: id,
            bytes: self.out.bytes.len(),
            numbers: self.out.numbers.len(),
        });
        Ok(())
    }

    /// `file:line: title: ` for the article.
    fn prefix(&mut self, article: &Article, line: usize) -> io::Result<()> {
        let file = file(self.corpus, article);
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
        self.json_line(&entry, location.article as usize)
    }

    /// Writes `entry` as a JSON line whose article number, that of the corpus's `article`th, is
    /// left for later.
    fn json_line(&mut self, entry: &impl Serialize, article: usize) -> io::Result<()> {
        let start = self.out.bytes.len();
        super::super::json::write_line(&mut self.out.bytes, entry)?;
        let line = &self.out.bytes[start..];
        let key = line
            .windows(ARTICLE_KEY.len())
            .position(|window| window == ARTICLE_KEY)
            .ok_or_else(|| io::Error::other("a JSON line without its article key"))?;
        let at = start + key + ARTICLE_KEY.len();
        self.out.bytes.remove(at);
        self.out.numbers.push((at, article));
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
        file: file(corpus, article),
        line: context::line(corpus, location),
        article: NUMBER_LATER,
        title: &article.title,
        described: Described::of(article),
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
