//! From a hit in the packed text back to the original: which article, which field, which bytes —
//! and the words around it, for a concordance line or a grep-like line.

use std::ops::Range;

use super::engine::Hit;
use super::index::{Field, Index, field_text};
use crate::corpus::Corpus;

/// A hit in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub article: u32,
    pub field: Field,
    /// Bytes of the field's original text that matched.
    pub range: Range<usize>,
    pub term: u8,
}

/// Where `hit` is in the original text.
pub fn locate(index: &Index, hit: Hit) -> Located {
    Locator::new(index).locate(hit)
}

/// Finds where hits are in the original text, one after another. Given in reading order (an
/// article's hits, as every frame highlights them), hits in one field share one walk through it
/// instead of each walking from the field's start or last mark.
pub struct Locator<'a> {
    index: &'a Index,
    /// The segment of the last hit, and its end as `(packed, folded)` offsets in the field.
    last: Option<(usize, (usize, usize))>,
}

impl<'a> Locator<'a> {
    pub fn new(index: &'a Index) -> Self {
        Self { index, last: None }
    }

    /// Where `hit` is in the original text.
    pub fn locate(&mut self, hit: Hit) -> Located {
        let index = self.index;
        let number = index.segment_at(hit.start());
        let base = index.segment_start(number);
        let (start, end) = (
            hit.start() - base.min(hit.start()),
            hit.end().saturating_sub(base),
        );
        let resume = self.last.filter(|&(s, _)| s == number).map(|(_, at)| at);
        let (start_folded, start_original) = index.original(number, start, resume);
        let (end_folded, end_original) = index.original(number, end, Some((start, start_folded)));
        self.last = Some((number, (end, end_folded)));
        let segment = &index.segments[number];
        Located {
            article: segment.article,
            field: segment.field,
            range: start_original..end_original.max(start_original),
            term: hit.term(),
        }
    }
}

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

/// The text around `located`, `chars` characters each side.
///
/// ```
/// use wenji_core::search::hit::context_in;
/// let text = "实现全面振兴新突破，我们要把科技创新作为驱动力。";
/// let start = text.find("振兴").unwrap_or(0);
/// let context = context_in(text, start..start + 6, 3);
/// assert_eq!((context.left, context.hit, context.right), ("现全面", "振兴", "新突破"));
/// assert!(context.more_left && context.more_right);
/// ```
pub fn context_in(text: &str, range: Range<usize>, chars: usize) -> Context<'_> {
    let range = range.start.min(text.len())..range.end.min(text.len());
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

/// The context of `located` in its article's field.
pub fn context<'a>(corpus: &'a Corpus, located: &Located, chars: usize) -> Context<'a> {
    let article = &corpus.articles[located.article as usize];
    context_in(
        field_text(article, located.field),
        located.range.clone(),
        chars,
    )
}

/// The source line a hit is on: its paragraph's first line, the line of its byline, credit or
/// section heading, or else the article's first line.
pub fn line(corpus: &Corpus, located: &Located) -> usize {
    let article = &corpus.articles[located.article as usize];
    let lines = article.meta.lines();
    match located.field {
        Field::Paragraph(index) => article
            .paragraphs
            .get(index as usize)
            .map(|p| p.lines.start),
        Field::Speaker | Field::Role => lines.byline,
        Field::Credit => lines.credit,
        Field::Section => lines.section,
        Field::Title => None,
    }
    .unwrap_or(article.lines.start)
    .max(1)
}
