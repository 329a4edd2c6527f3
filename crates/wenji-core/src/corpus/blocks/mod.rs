//! First stage of parsing: a file's text as a flat list of blocks (headings and paragraphs), each
//! with the source lines it came from.
//!
//! Markdown goes through `pulldown-cmark`, so emphasis, links, lists, block quotes and hard breaks
//! read as a reader expects; plain text (no headings) is split at line ends. A figure's caption
//! (an HTML `<figure>`, or an image alone in its paragraph) is a block of its own, cut out of the
//! prose around it, so that nothing later joins it to a paragraph. Nothing here decides what a
//! title or a byline is: that is [`super::parse`]'s job.
//!
//! `markdown` turns `pulldown-cmark`'s events into blocks, and its `figure` cuts figures and raw
//! HTML out of them; `lines` maps byte offsets to line numbers.

mod lines;
mod markdown;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use crate::text::sanitize::sanitize;

pub use markdown::{markdown_blocks, sanitised_markdown_blocks};

/// One heading or paragraph of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// One logical line of text, trimmed.
    pub text: String,
    /// Source lines, 1-based and end-exclusive.
    pub lines: Range<usize>,
    /// Set when a hard line break (or a code line) separates this block from the previous one.
    pub after_hard_break: bool,
    /// An item of a Markdown list: its number is the list's, never a heading's.
    pub list_item: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level, 1 for `#`.
    Heading(u8),
    Paragraph,
    /// The caption of a figure or an image (its alt text): shown apart, never joined to prose.
    Caption,
}

/// Whether `text` has Markdown ATX headings, i.e. should be read as Markdown rather than plain text.
pub fn looks_like_markdown(text: &str) -> bool {
    text.lines().any(|line| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
    })
}

/// Plain text: every non-blank line is a paragraph (page-break repair later joins broken ones).
/// A line ending in two spaces marks a hard break, as in Markdown: the line right after it is
/// never joined to it.
pub fn plain_blocks(text: &str) -> Vec<Block> {
    let mut hard_break = false;
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let trimmed = trim(line);
            let breaks = !trimmed.is_empty() && line.ends_with("  ");
            let after_hard_break = std::mem::replace(&mut hard_break, breaks);
            (!trimmed.is_empty()).then(|| Block {
                kind: BlockKind::Paragraph,
                text: trimmed.to_owned(),
                lines: index + 1..index + 2,
                after_hard_break,
                list_item: false,
            })
        })
        .collect()
}

/// A soft line break reads as a space between Latin words and as nothing between hanzi.
fn needs_space(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => !(is_wide_script(b) || is_wide_script(a)),
        _ => false,
    }
}

fn is_wide_script(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A block's text sanitised again and on one line, trimmed. The file was sanitised before it
/// was parsed, but character references (`&#x1b;`, `&#8238;`, `&#x2028;`) only become characters
/// in the parser.
fn one_clean_line(text: &str) -> String {
    let (shown, _) = sanitize(text);
    one_line(trim(&shown)).into_owned()
}

/// [`one_clean_line`] of text that is sanitised already, kept in its own string when it is one
/// trimmed line already (nearly every paragraph), with no room to spare.
fn one_line_of_clean(mut text: String) -> String {
    match one_line(trim(&text)) {
        Cow::Borrowed(line) if line.len() == text.len() => {
            text.shrink_to_fit();
            text
        }
        line => line.into_owned(),
    }
}

/// Sanitised `text` on one line, still sanitised: its lines trimmed and joined as a soft line
/// break joins them, with a space between Latin words and nothing between hanzi. Every field and
/// paragraph is one line; a title written over several lines (a YAML block, a JSON `\n`) must
/// not break the one-line-per-article output of `wenji list`.
///
/// ```
/// use wenji_core::corpus::blocks::one_line;
/// assert_eq!(one_line("多行\n  标题"), "多行标题");
/// assert_eq!(one_line("Li\nQiang"), "Li Qiang");
/// ```
pub fn one_line(text: &str) -> Cow<'_, str> {
    // Every paragraph passes here: `memchr` searches with vector instructions, where
    // `str::contains` goes two words at a time (3% of a cold load's instructions).
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut joined = String::with_capacity(text.len());
    for part in text.split('\n').map(trim).filter(|part| !part.is_empty()) {
        if needs_space(joined.chars().next_back(), part.chars().next()) {
            joined.push(' ');
        }
        joined.push_str(part);
    }
    // Marks that ended one line and began the next are one run now, perhaps too long a one.
    match sanitize(&joined).0 {
        Cow::Borrowed(_) => Cow::Owned(joined),
        Cow::Owned(cut) => Cow::Owned(cut),
    }
}

/// Trims ASCII and ideographic whitespace: a source indent of `　　` is the layout's business.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace())
}
