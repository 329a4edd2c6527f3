//! Input formats: which reader a file goes to, chosen from one table.
//!
//! Each row of [`TABLE`] names a format, the file extensions that claim it, and a sniffer that
//! recognises its text; the first row that claims a file by name or by text wins, so the order
//! of the rows is the order of precedence (front matter before the `.md` extension, plain text
//! last of all). A row whose format must be known before the text is sanitised (JSON Lines, whose
//! line separators are escaped first) has no sniffer and stands above every row that has one, so
//! its name alone settles it ([`Format::named`]).
//!
//! Adding a format is one file here with its reader, one [`Format`] variant and one row. An HTML
//! page would be `html.rs`, claiming `html`/`htm` and sniffing `<!DOCTYPE html` or `<html`, its
//! reader taking the page's `<article>` (or `<body>`) through [`super::html::pieces`] and its
//! `<title>` and `<meta>` tags as the article's title and metadata. EPUB is a zip of XHTML pages,
//! bytes rather than text: its row would claim `epub` by name, and `load` would unpack it before
//! decoding, each chapter then read as an HTML page.

pub mod front_matter;
pub mod jsonl;
mod markdown;
mod text;

use std::borrow::Cow;
use std::path::Path;

use super::blocks;
use super::model::{Article, Warning};

/// How a source's text is read into articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every line a paragraph.
    Text,
    /// Markdown, as the seed corpus writes it: `#` sections, `##` titles.
    Markdown,
    /// Markdown under YAML front matter: the file is one article, the matter its metadata.
    FrontMatter,
    /// JSON Lines: one article a line, so a line number does not tell paragraphs apart.
    JsonLines,
}

/// What a reader is given besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The source's name, for warnings.
    pub name: &'a str,
    /// The title of an article that has none of its own (the file's stem).
    pub fallback_title: &'a str,
    /// Join paragraphs that a page break cut mid-sentence.
    pub repair: bool,
}

/// What a reader gives: articles of source 0, and what it had to skip or repair.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// One format's row: how a file is recognised as it, and how it is read.
struct Row {
    format: Format,
    /// File extensions that claim the format, compared without regard to ASCII case.
    extensions: &'static [&'static str],
    /// Recognises the format in sanitised text, whatever the file's name.
    sniff: Option<fn(&str) -> bool>,
    /// Rewrites the decoded text before it is sanitised.
    prepare: fn(&str) -> Cow<'_, str>,
    read: fn(&str, &Input<'_>) -> Parsed,
}

/// Every format, in order of precedence.
const TABLE: [Row; 4] = [
    Row {
        format: Format::JsonLines,
        extensions: &["jsonl", "ndjson"],
        sniff: None,
        prepare: jsonl::escape_line_separators,
        read: jsonl::read,
    },
    Row {
        format: Format::FrontMatter,
        extensions: &[],
        sniff: Some(front_matter::opens),
        prepare: unchanged,
        read: front_matter::read,
    },
    Row {
        format: Format::Markdown,
        extensions: &["md", "markdown"],
        sniff: Some(blocks::looks_like_markdown),
        prepare: unchanged,
        read: markdown::read,
    },
    Row {
        format: Format::Text,
        extensions: &[],
        sniff: Some(|_| true),
        prepare: unchanged,
        read: text::read,
    },
];

impl Format {
    /// The format `path`'s name settles before its bytes are read, if it settles one.
    pub fn named(path: Option<&Path>) -> Option<Self> {
        TABLE
            .iter()
            .take_while(|row| row.sniff.is_none())
            .find(|row| row.claims_name(path))
            .map(|row| row.format)
    }

    /// The format of a file: the first row that claims its name or its sanitised `text`.
    pub fn choose(path: Option<&Path>, text: &str) -> Self {
        TABLE
            .iter()
            .find(|row| row.claims_name(path) || row.sniff.is_some_and(|sniff| sniff(text)))
            .map_or(Self::Text, |row| row.format)
    }

    /// The decoded text as this format needs it before it is sanitised.
    pub fn prepare(self, text: &str) -> Cow<'_, str> {
        (self.row().prepare)(text)
    }

    /// Reads sanitised `text` into articles.
    pub fn read(self, text: &str, input: &Input<'_>) -> Parsed {
        (self.row().read)(text, input)
    }

    fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|row| row.format == self)
            .expect("every format has a row")
    }
}

/// The warning for an article whose source gave a date that does not read as one
/// ([`super::Date::unread_message`]), on `line` of source `name`: one per such article, so the
/// user learns why it sorts and filters apart from the dated ones.
fn unread_date(article: &Article, name: &str, line: Option<usize>) -> Option<Warning> {
    let message = article.meta.date()?.unread_message()?;
    Some(Warning {
        source: name.to_owned(),
        line,
        message,
    })
}

/// The `prepare` of a format that needs nothing done before sanitising.
fn unchanged(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

impl Row {
    fn claims_name(&self, path: Option<&Path>) -> bool {
        path.and_then(Path::extension)
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(name: &str, text: &str) -> Format {
        Format::choose(Some(Path::new(name)), text)
    }

    #[test]
    fn names_and_texts_choose_formats_in_the_order_of_the_table() {
        let matter = "---\ntitle: 标题\n---\n正文。\n";
        assert_eq!(choose("a.jsonl", matter), Format::JsonLines);
        assert_eq!(choose("a.NDJSON", "{}"), Format::JsonLines);
        assert_eq!(choose("a.md", matter), Format::FrontMatter);
        assert_eq!(choose("a.txt", matter), Format::FrontMatter);
        assert_eq!(choose("a.md", "正文。\n"), Format::Markdown);
        assert_eq!(choose("a.txt", "## 标题\n正文。\n"), Format::Markdown);
        assert_eq!(choose("a.txt", "正文。\n"), Format::Text);
        assert_eq!(Format::choose(None, "正文。\n"), Format::Text);
    }

    #[test]
    fn only_a_name_above_every_sniffer_settles_a_format_before_decoding() {
        assert_eq!(
            Format::named(Some(Path::new("a.jsonl"))),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::named(Some(Path::new("a.md"))), None);
        assert_eq!(Format::named(None), None);
    }

    #[test]
    fn every_format_has_a_row() {
        for format in [
            Format::Text,
            Format::Markdown,
            Format::FrontMatter,
            Format::JsonLines,
        ] {
            assert_eq!(format.row().format, format);
        }
    }
}
