//! A paragraph's text: its own string, or a stretch of its source's text that it shares.
//!
//! Most paragraphs of a file stand in its decoded text as they are (one trimmed line, or lines
//! the parser left alone), so holding them apart would hold the corpus's text twice. A piece
//! is the source's [`Arc<str>`] and a range checked once, when it is made, to lie on character
//! boundaries; it reads as a `&str` like an owned string does.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use memchr::memmem;

use super::model::{Article, Paragraph};

/// Makes every paragraph of `articles` that stands in `source` as it is, within its own lines,
/// a piece of it. Paragraphs come in the order they stand in, so each is looked for after the
/// one before when they share lines (a JSON Lines record is one line for a whole article).
pub fn share(articles: &mut [Article], source: &Arc<str>) {
    let lines = LineStarts::new(source);
    let mut after = 0;
    for paragraph in articles.iter_mut().flat_map(|a| a.paragraphs.iter_mut()) {
        let Some(at) = lines.find(source, paragraph, after) else {
            continue;
        };
        let end = at + paragraph.text.len();
        if let Some(piece) = Text::piece(source, at..end) {
            after = end;
            paragraph.text = piece;
        }
    }
}

/// Text that reads as a `str`: owned, or a piece of a source's text.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Own(String),
    Piece(Arc<str>, Range<usize>),
}

impl Text {
    /// The stretch `range` of `source`; `None` unless it lies within it on character
    /// boundaries.
    pub fn piece(source: &Arc<str>, range: Range<usize>) -> Option<Self> {
        source.get(range.clone())?;
        Some(Self(Repr::Piece(Arc::clone(source), range)))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(text) => text,
            // Checked on character boundaries within the source when made.
            Repr::Piece(source, range) => source.get(range.clone()).unwrap_or_default(),
        }
    }

    /// The text as a string of its own, to change it (a piece is copied out first).
    pub fn to_mut(&mut self) -> &mut String {
        if let Repr::Piece(..) = self.0 {
            self.0 = Repr::Own(self.as_str().to_owned());
        }
        match &mut self.0 {
            Repr::Own(text) => text,
            Repr::Piece(..) => unreachable!("made its own above"),
        }
    }

    /// Where the text starts in `source`, when it is a piece of it.
    pub fn place_in(&self, source: &Arc<str>) -> Option<usize> {
        match &self.0 {
            Repr::Piece(of, range) if Arc::ptr_eq(of, source) => Some(range.start),
            _ => None,
        }
    }

    /// Whether the text is a piece of a source's, not a string of its own.
    pub fn is_piece(&self) -> bool {
        matches!(self.0, Repr::Piece(..))
    }
}

impl Default for Text {
    fn default() -> Self {
        Self(Repr::Own(String::new()))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self(Repr::Own(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self(Repr::Own(text.to_owned()))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// Bytes of a paragraph's start searched for, and places where they stand that are tried.
const HEAD: usize = 16;
const TRIES: usize = 8;
/// Bytes past a paragraph's own length, from where it may start, that are searched for it.
const REACH: usize = 1024;

/// Where each line of a text starts, to look for a paragraph only within its own lines.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect();
        Self(starts)
    }

    /// Where `paragraph`'s text stands in `text` within the lines it came from, at or after
    /// byte `after` when that is within them, if it does. Only the first [`REACH`] bytes past
    /// the paragraph's length are searched: a paragraph that is not there (unescaped from JSON,
    /// joined from lines) costs a bounded search, not one through a whole record.
    fn find(&self, text: &str, paragraph: &Paragraph, after: usize) -> Option<usize> {
        let first = *self.0.get(paragraph.lines.start.checked_sub(1)?)?;
        let end = self
            .0
            .get(paragraph.lines.end.checked_sub(1)?)
            .copied()
            .unwrap_or(text.len())
            .max(first);
        let start = if (first..end).contains(&after) {
            after
        } else {
            first
        };
        let needle = paragraph.text.as_bytes();
        // Most paragraphs are their first line, trimmed: try where its text starts first.
        let lines = text.get(start..end)?;
        let trimmed = lines.trim_start();
        if trimmed.as_bytes().starts_with(needle) {
            return Some(end - trimmed.len());
        }
        let reach = lines.len().min(needle.len().saturating_add(REACH));
        let window = lines.as_bytes().get(..reach)?;
        // Search for the paragraph's first bytes and compare the rest where they stand: a
        // searcher for a whole paragraph costs as much to build as the paragraph is long. A
        // window full of the same start (a run of one character) gives up after a few tries.
        let head = &needle[..needle.len().min(HEAD)];
        memmem::find_iter(window, head)
            .take(TRIES)
            .find(|&at| window[at..].starts_with(needle))
            .map(|at| start + at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{LoadOptions, read_file};

    #[test]
    fn a_piece_reads_as_its_stretch_and_refuses_a_cut_character() {
        let source: Arc<str> = Arc::from("一二三\n四五");
        let piece = Text::piece(&source, 3..9).expect("on boundaries");
        assert_eq!(piece, "二三");
        assert_eq!(piece.to_string(), "二三");
        assert_eq!(piece.place_in(&source), Some(3));
        assert_eq!(
            piece.place_in(&Arc::from("一二三\n四五")),
            None,
            "another text"
        );
        assert!(Text::piece(&source, 3..8).is_none(), "cuts 三");
        assert!(Text::piece(&source, 10..20).is_none(), "past the end");
        let mut own = piece.clone();
        own.to_mut().push('！');
        assert_eq!((own.as_str(), own.is_piece()), ("二三！", false));
        assert_eq!(piece, "二三", "the source is untouched");
    }

    /// A file's paragraphs that stand in its text as they are become pieces of it; a paragraph
    /// that repair joined from two lines keeps a string of its own; every text reads the same.
    #[test]
    fn paragraphs_that_stand_in_the_source_share_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        let text = "## 标题\n\n　　第一段，整行即是段落。\n\n第二段在这里断开，\n接着写完。\n";
        std::fs::write(&path, text).expect("write");
        let loaded = read_file(&path, LoadOptions::default());
        let source = loaded.source.expect("read");
        let paragraphs = &loaded.articles[0].paragraphs;
        let shown: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            shown,
            ["第一段，整行即是段落。", "第二段在这里断开，接着写完。"]
        );
        assert_eq!(
            paragraphs[0].text.place_in(source.text.shared()),
            source.text.find("第一段")
        );
        assert!(!paragraphs[1].text.is_piece(), "joined from two lines");
    }
}
