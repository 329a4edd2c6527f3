//! The words around a hit, for a concordance line or a grep-like line, and the source line it
//! is on: read from the corpus at a resolved [`Location`], whichever engine found it.

use std::ops::Range;

use super::answer::Location;
use super::field::Field;
use crate::corpus::Corpus;

/// A hit with up to `chars` characters of context on each side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context<'a> {
    pub left: &'a str,
    pub hit: &'a str,
    pub right: &'a str,
    /// Whether text was cut before `left` / after `right`.
    pub more_left: bool,
    pub more_right: bool,
}

/// The text `chars` characters each side of `range` in `text`.
///
/// ```
/// use wenji_core::search::context::context_in;
/// let text = "实现全面振兴新突破，我们要把科技创新作为驱动力。";
/// let start = text.find("振兴").unwrap_or(0);
/// let context = context_in(text, start..start + 6, 3);
/// assert_eq!((context.left, context.hit, context.right), ("现全面", "振兴", "新突破"));
/// assert!(context.more_left && context.more_right);
/// // Offsets inside a character are taken back to its start.
/// assert_eq!(context_in(text, 1..4, 0).hit, "实");
/// ```
pub fn context_in(text: &str, range: Range<usize>, chars: usize) -> Context<'_> {
    // An engine's offsets are not trusted to fall on characters: each is taken back to one.
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(range.start);
    let range = start..floor(range.end).max(start);
    let before = &text[..range.start];
    let left_start = before
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let left_start = if chars == 0 { range.start } else { left_start };
    let after = &text[range.end..];
    let right_len = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    Context {
        left: &text[left_start..range.start],
        hit: &text[range.clone()],
        right: &after[..right_len],
        more_left: left_start > 0,
        more_right: right_len < after.len(),
    }
}

/// The context of `location` in its article's field.
pub fn context<'a>(corpus: &'a Corpus, location: &Location, chars: usize) -> Context<'a> {
    let article = &corpus.articles[location.article as usize];
    context_in(location.field.text(article), location.range.clone(), chars)
}

/// The source line a hit is on: its paragraph's first line, the line of its byline, credit or
/// section heading, or else the article's first line (a title's, and a tag's: tags come from
/// front matter, which starts the article and keeps no line for each field).
pub fn line(corpus: &Corpus, location: &Location) -> usize {
    let article = &corpus.articles[location.article as usize];
    let lines = article.meta.lines();
    match location.field {
        Field::Paragraph(index) => article
            .paragraphs
            .get(index as usize)
            .map(|p| p.lines.start),
        Field::Speaker | Field::Role => lines.byline,
        Field::Credit => lines.credit,
        Field::Section => lines.section,
        Field::Title | Field::Tag(_) => None,
    }
    .unwrap_or(article.lines.start)
    .max(1)
}
