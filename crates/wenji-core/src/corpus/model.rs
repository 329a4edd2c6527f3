//! The corpus model: sources, articles, paragraphs and the warnings met while loading them.
//!
//! Every paragraph remembers the source lines it came from, so a search hit or a copied quote can
//! always name `file:line`. Repairs (joined page breaks, a credit split off the last paragraph)
//! change the view, never the source text, which stays available for the raw view.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use super::format::Format;
pub use super::kept::{Paragraphs, SourceText};
use super::meta::Meta;
pub use super::piece::Text;

/// Everything opened in one session.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    pub sources: Vec<Source>,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// One file (or the embedded sample, or standard input) exactly as it was read.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from; `None` for the embedded sample and standard input.
    pub path: Option<PathBuf>,
    /// The name shown on screen: the path as given, sanitised.
    pub name: String,
    /// The decoded text, unchanged apart from decoding; paragraphs share pieces of it. Taken
    /// from the load cache, it is read back the first time it is looked at (`kept`).
    pub text: SourceText,
    /// The encoding the text was decoded from, as shown in the info line (`GB18030 (guessed)`).
    pub encoding: String,
    /// How the text was read.
    pub format: Format,
}

/// One speech or article. Its title and metadata are sanitised and each on one line, whatever
/// they came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Index into [`Corpus::sources`].
    pub source: usize,
    /// The title; empty for text that came before a file's first title.
    pub title: String,
    /// Date, speaker, role, section, credit, tags, url, and the lines of those that have one.
    pub meta: Meta,
    /// Taken from the load cache, they are read back the first time they are looked at.
    pub paragraphs: Paragraphs,
    /// Source lines the article spans, 1-based and end-exclusive.
    pub lines: Range<usize>,
}

/// One paragraph of body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text as shown: one logical line, sanitised, page breaks repaired; a piece of the
    /// source's text where it stands there as it is.
    pub text: Text,
    /// Source lines it came from, 1-based and end-exclusive.
    pub lines: Range<usize>,
    pub kind: ParagraphKind,
}

/// What a paragraph is within its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Running text, indented on its first line.
    Body,
    /// A heading inside the article (a Markdown heading below the title level).
    Heading,
    /// A line that followed a hard line break: shown on its own line, without indent.
    Continuation,
    /// The caption of a figure or an image: shown apart and dimmed, never joined to prose.
    Caption,
    /// An item of a Markdown list: laid out as body text, but never joined to its neighbours nor
    /// taken for a numbered heading (its number is the list's).
    ListItem,
}

impl Article {
    /// The title, or a stand-in for untitled leading text.
    pub fn display_title(&self) -> &str {
        if self.title.is_empty() {
            "（无标题）"
        } else {
            &self.title
        }
    }

    /// `speaker · role`, whichever of them are known.
    pub fn byline(&self) -> Option<String> {
        match (self.meta.speaker(), self.meta.role()) {
            (Some(speaker), Some(role)) => Some(format!("{speaker} · {role}")),
            (Some(speaker), None) => Some(speaker.to_owned()),
            (None, Some(role)) => Some(role.to_owned()),
            (None, None) => None,
        }
    }

    /// Characters of body text, as `wenji list` reports them.
    pub fn char_count(&self) -> usize {
        self.paragraphs.chars()
    }
}

/// Something that was skipped or repaired while loading, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file (sanitised name) or other input the warning is about.
    pub source: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}
