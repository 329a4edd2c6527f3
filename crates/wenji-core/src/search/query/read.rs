//! The query's grammar, read a word at a time.
//!
//! ```text
//! query     := word*                       (separated by white space)
//! word      := ["-"] (condition | text)    ("-" alone, still being typed, is nothing)
//! condition := NAME (":" | "：") value     (NAME ASCII letters, one of the fields below)
//! text      := value
//! value     := '"' anything up to '"' or the end | characters up to a space or '"'
//! ```
//! A word that starts with ASCII letters and `:` names a field; an unknown name is an error,
//! so that a mistyped field is never searched for as text (text with a colon is quoted). A
//! full-width `：` names a field only after a known name, since Chinese text is full of it.

use std::fmt;

use super::condition::{Condition, DateRange, FileGlob, Filter};
use super::tree::Expr;
use super::{MAX_HIT_TERMS, MAX_TERM_BYTES, MAX_TERMS, Query};
use crate::corpus::Date;
use crate::search::fold::{fold_query, fold_written};

/// Why a query cannot be read, and where: `at` and `len` count characters of the query as
/// typed (control characters left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub at: usize,
    pub len: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// The fields a condition can name, as the help lists them.
const FIELDS: &str = "date, author (or speaker), category (or section), tag, title and file";

/// What a field's name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Date,
    Speaker,
    Section,
    Tag,
    Title,
    File,
}

fn field(name: &str) -> Option<Field> {
    Some(match name {
        "date" => Field::Date,
        "author" | "speaker" => Field::Speaker,
        "category" | "section" => Field::Section,
        "tag" | "tags" => Field::Tag,
        "title" => Field::Title,
        "file" => Field::File,
        _ => return None,
    })
}

pub(super) fn read(input: &str) -> Result<Query, QueryError> {
    let items = match super::tree::parse(input)? {
        Expr::And(items) => items,
        item => vec![item],
    };
    let mut query = Query::default();
    for item in items {
        match item {
            Expr::Text(term) => {
                push_term(&mut query.terms, Some(&mut query.written), &term.written);
            }
            Expr::Condition(condition) => query.conditions.push(condition),
            Expr::Not(inner) => match *inner {
                Expr::Text(term) => push_term(&mut query.excluded, None, &term.written),
                Expr::Condition(condition) => query.conditions.push(Condition {
                    negated: !condition.negated,
                    ..condition
                }),
                inner => query.extra.push(Expr::Not(Box::new(inner))),
            },
            item => query.extra.push(item),
        }
    }
    query.terms.truncate(MAX_TERMS);
    query.written.truncate(MAX_TERMS);
    query.excluded.truncate(MAX_TERMS);
    let leaves: usize = query.extra.iter().map(Expr::leaves).sum();
    if query.terms.len() + leaves > MAX_HIT_TERMS {
        return Err(QueryError {
            at: 0,
            len: input.chars().filter(|c| !c.is_control()).count(),
            message: format!(
                "more than {MAX_HIT_TERMS} terms and patterns in all: a query this long \
                 cannot be searched; leave some out"
            ),
        });
    }
    Ok(query)
}

/// The name a word starting at `start` gives before its colon, lowercased, and where the colon
/// is: ASCII letters then `:` or `：`. Whether the name is a field is for [`condition`] to say.
pub(super) fn named(chars: &[char], start: usize) -> Option<(String, usize)> {
    let letters = chars[start.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let colon = start + letters;
    if letters == 0 || !matches!(chars.get(colon), Some(':' | '：')) {
        return None;
    }
    let name: String = chars[start..colon].iter().collect();
    Some((name.to_ascii_lowercase(), colon))
}

/// The condition `name:value` starting at `start` (its name and colon found by [`named`]), and
/// where the word after it may start; `None` when the word is text after all (an unknown name
/// before a full-width `：`, as Chinese text has). An unknown name before `:` is an error, so a
/// mistyped field is never searched for as text. A bare value ends where `ends` says.
pub(super) fn condition(
    chars: &[char],
    start: usize,
    name: &str,
    colon: usize,
    ends: fn(char) -> bool,
) -> Option<Result<(Filter, usize), QueryError>> {
    if let Some(field) = field(name) {
        let (value, next) = value(chars, colon + 1, ends);
        let filter = filter(field, name, &value).map_err(|message| QueryError {
            at: start,
            len: next - start,
            message,
        });
        return Some(filter.map(|filter| (filter, next)));
    }
    if chars[colon] != ':' {
        return None;
    }
    let word: String = chars[start..]
        .iter()
        .take_while(|c| !c.is_whitespace())
        .collect();
    Some(Err(QueryError {
        at: start,
        len: colon + 1 - start,
        message: format!(
            "no field `{name}:`; the fields are {FIELDS}. To search for text with a colon, \
             quote it: \"{word}\""
        ),
    }))
}

/// The value that starts at `at`, and where the word after it may start: a quoted value runs to
/// its closing quote (or the end), a bare one up to the first character `ends` is true of.
pub(super) fn value(chars: &[char], at: usize, ends: fn(char) -> bool) -> (String, usize) {
    if chars.get(at) == Some(&'"') {
        let length = chars[at + 1..]
            .iter()
            .position(|&c| c == '"')
            .unwrap_or(chars.len() - at - 1);
        let text = chars[at + 1..at + 1 + length].iter().collect();
        return (text, (at + length + 2).min(chars.len()));
    }
    let length = chars[at.min(chars.len())..]
        .iter()
        .take_while(|&&c| !ends(c))
        .count();
    (chars[at..at + length].iter().collect(), at + length)
}

/// The filter `name:value` asks for, or why it cannot be.
fn filter(field: Field, name: &str, value: &str) -> Result<Filter, String> {
    let value = value.trim();
    if value.is_empty() {
        let example = match field {
            Field::Date => "2020, 2020-05, 2020-05..2020-07",
            Field::File => "2020/*.md",
            Field::Speaker => "李强",
            Field::Section => "眾聞",
            Field::Tag => "國安法",
            Field::Title => "报告",
        };
        return Err(format!("`{name}:` needs a value, such as {name}:{example}"));
    }
    let text = || {
        let folded = cut(fold_query(value));
        if folded.trim().is_empty() {
            Err(format!("`{name}:` needs a value it can look for"))
        } else {
            Ok(folded)
        }
    };
    Ok(match field {
        Field::Date => Filter::Date(date_range(name, value)?),
        Field::Speaker => Filter::Speaker(text()?),
        Field::Section => Filter::Section(text()?),
        Field::Tag => Filter::Tag(text()?),
        Field::Title => Filter::Title(text()?),
        Field::File => {
            Filter::File(FileGlob::new(value).map_err(|why| format!("`{name}:{value}`: {why}"))?)
        }
    })
}

/// `2020`, `2020-05`, `2020-05-22`, `A..B`, `..B` or `A..`.
fn date_range(name: &str, value: &str) -> Result<DateRange, String> {
    let shapes = "write 2020, 2020-05, 2020-05-22, or a range: 2020-05..2020-07, ..2019, 2021..";
    let date = |text: &str| {
        Date::new(text.to_owned())
            .value()
            .ok_or_else(|| format!("`{name}:{value}`: {text} is not a date; {shapes}"))
    };
    let (from, to) = if let Some((from, to)) = value.split_once("..") {
        let from = (!from.is_empty()).then(|| date(from)).transpose()?;
        let to = (!to.is_empty()).then(|| date(to)).transpose()?;
        if from.is_none() && to.is_none() {
            return Err(format!("`{name}:{value}` names no date; {shapes}"));
        }
        (from, to)
    } else {
        let day = date(value)?;
        (Some(day), Some(day))
    };
    DateRange::new(from, to).ok_or_else(|| format!("`{name}:{value}` runs backwards"))
}

/// Adds the term `raw` to `terms` folded, and to `written` as written, unless it is blank or
/// there already (once folded: `国家 國家` is one term).
fn push_term(terms: &mut Vec<String>, written: Option<&mut Vec<String>>, raw: &str) {
    let term = cut(fold_query(raw));
    if !term.trim().is_empty() && !terms.contains(&term) {
        terms.push(term);
        if let Some(written) = written {
            written.push(cut(fold_written(raw)));
        }
    }
}

/// `text` cut to at most [`MAX_TERM_BYTES`], on a character boundary.
pub(super) fn cut(mut text: String) -> String {
    let mut end = text.len().min(MAX_TERM_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}
