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
use super::{MAX_TERM_BYTES, MAX_TERMS, Query};
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
    let chars: Vec<char> = input.chars().filter(|c| !c.is_control()).collect();
    let mut query = Query::default();
    let mut at = 0;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        let negated = chars[at] == '-';
        let start = at + usize::from(negated);
        let letters = chars[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let colon = start + letters;
        if letters > 0 && matches!(chars.get(colon), Some(':' | '：')) {
            let name: String = chars[start..colon].iter().collect();
            let name = name.to_ascii_lowercase();
            if let Some(field) = field(&name) {
                let (value, next) = value(&chars, colon + 1);
                let filter = filter(field, &name, &value).map_err(|message| QueryError {
                    at: start,
                    len: next - start,
                    message,
                })?;
                query.conditions.push(Condition { filter, negated });
                at = next;
                continue;
            }
            if chars[colon] == ':' {
                let word: String = chars[start..]
                    .iter()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                return Err(QueryError {
                    at: start,
                    len: letters + 1,
                    message: format!(
                        "no field `{name}:`; the fields are {FIELDS}. To search for text with a \
                         colon, quote it: \"{word}\""
                    ),
                });
            }
        }
        let (text, next) = value(&chars, start);
        at = next.max(start + 1);
        if negated {
            push_term(&mut query.excluded, None, &text);
        } else {
            push_term(&mut query.terms, Some(&mut query.written), &text);
        }
    }
    query.terms.truncate(MAX_TERMS);
    query.written.truncate(MAX_TERMS);
    query.excluded.truncate(MAX_TERMS);
    Ok(query)
}

/// The value that starts at `at`, and where the word after it may start: a quoted value runs to
/// its closing quote (or the end), a bare one to the next space or quote.
fn value(chars: &[char], at: usize) -> (String, usize) {
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
        .take_while(|&&c| !c.is_whitespace() && c != '"')
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
fn cut(mut text: String) -> String {
    let mut end = text.len().min(MAX_TERM_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}
