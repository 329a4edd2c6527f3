//! An article laid out for reading at a given width: the lines the reading pane draws and
//! `wenji show` prints.
//!
//! Layout is done once per (article, width) and drawn many times by slicing the visible lines
//! (STYLE.md, "wrap once, draw many"). Each line points back into the article's text with a byte
//! range, so a search hit or a scroll anchor can be mapped onto lines and back. No ratatui here.

use std::ops::Range;

use crate::corpus::{Article, ParagraphKind, Source};
use crate::text::width::{AmbiguousWidth, str_width};
use crate::text::wrap::{WrapOptions, wrap};

/// Settings that change how an article is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Columns available in the pane.
    pub width: usize,
    /// The widest a line may be; wider panes centre the text (80 columns = 40 hanzi).
    pub max_width: usize,
    /// First-line indent of body paragraphs, in columns (two ideographic spaces = 4).
    pub indent: usize,
    pub ambiguous: AmbiguousWidth,
}

impl LayoutOptions {
    /// The defaults for a pane `width` columns wide.
    pub fn for_width(width: usize) -> Self {
        Self {
            width,
            max_width: 80,
            indent: 4,
            ambiguous: AmbiguousWidth::Narrow,
        }
    }
}

/// What a laid-out line shows, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Byline,
    /// Where the article comes from: `file:line · encoding`.
    Info,
    Heading,
    Body,
    Credit,
    Blank,
    /// A line of the source file as it is, in the raw view.
    Raw,
}

/// Which text a line's byte range refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRef {
    /// A string composed by the layout (title, byline, info, credit), index into `Document::owned`.
    Owned(usize),
    /// A paragraph of the article.
    Paragraph(usize),
    /// The source file's text (the raw view).
    Source,
    None,
}

/// One display line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub kind: LineKind,
    pub text: TextRef,
    pub range: Range<usize>,
    /// Blank columns before the text, centring included.
    pub indent: usize,
    /// In the raw view, the source line number shown in the gutter (on a line's first row).
    pub number: Option<usize>,
}

/// An article laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The options it was laid out with; a change means a new layout.
    pub options: LayoutOptions,
    /// Columns of the text column (at most `max_width`).
    pub measure: usize,
    /// Columns left blank to the left of the text column, so it is centred in the pane.
    pub margin: usize,
    pub lines: Vec<DocLine>,
    /// Columns before the text for line numbers (raw view only).
    pub gutter: usize,
    owned: Vec<String>,
}

impl Document {
    /// Lays out `article`; `source_name` goes into the info line with the article's first line.
    pub fn new(article: &Article, source: &str, encoding: &str, options: LayoutOptions) -> Self {
        let measure = options.width.min(options.max_width).max(1);
        let margin = (options.width - measure) / 2;
        let mut builder = Builder {
            options,
            measure,
            lines: Vec::new(),
            owned: Vec::new(),
        };
        builder.owned_block(LineKind::Title, article.display_title().to_owned(), true);
        if let Some(byline) = byline(article) {
            builder.owned_block(LineKind::Byline, byline, true);
        }
        let info = format!("{source}:{} · {encoding}", article.lines.start.max(1));
        builder.owned_block(LineKind::Info, info, true);
        builder.blank();
        for (index, paragraph) in article.paragraphs.iter().enumerate() {
            let (kind, indent) = match paragraph.kind {
                ParagraphKind::Body => (LineKind::Body, options.indent),
                ParagraphKind::Continuation => (LineKind::Body, 0),
                ParagraphKind::Heading => {
                    if index > 0 {
                        builder.blank();
                    }
                    (LineKind::Heading, 0)
                }
            };
            builder.wrapped(kind, TextRef::Paragraph(index), &paragraph.text, indent);
        }
        if let Some(credit) = &article.credit {
            builder.blank();
            builder.owned_block(LineKind::Credit, format!("（{credit}）"), false);
        }
        Self {
            options,
            measure,
            margin,
            lines: builder.lines,
            gutter: 0,
            owned: builder.owned,
        }
    }

    /// The source file as it is, every line numbered, wrapped to the pane.
    pub fn raw(source: &Source, options: LayoutOptions) -> Self {
        let count = source.text.lines().count().max(1);
        let gutter = count.to_string().len() + 2;
        let width = options.width.saturating_sub(gutter).max(2);
        let wrap_options = WrapOptions {
            width,
            first_indent: 0,
            ambiguous: options.ambiguous,
        };
        let mut lines = Vec::new();
        let mut start = 0;
        for (index, line) in source.text.lines().enumerate() {
            for (row, wrapped) in wrap(line, &wrap_options).into_iter().enumerate() {
                lines.push(DocLine {
                    kind: LineKind::Raw,
                    text: TextRef::Source,
                    range: start + wrapped.range.start..start + wrapped.range.end,
                    indent: 0,
                    number: (row == 0).then_some(index + 1),
                });
            }
            start += line.len() + 1;
        }
        Self {
            options,
            measure: width,
            margin: 0,
            lines,
            gutter,
            owned: Vec::new(),
        }
    }

    /// The text shown on `line`.
    pub fn text<'a>(&'a self, article: &'a Article, source: &'a Source, line: &DocLine) -> &'a str {
        match line.text {
            TextRef::Owned(index) => &self.owned[index][line.range.clone()],
            TextRef::Paragraph(index) => &article.paragraphs[index].text[line.range.clone()],
            TextRef::Source => &source.text[line.range.clone()],
            TextRef::None => "",
        }
    }

    /// The first display line of source line `number` (raw view), or of the nearest before it.
    pub fn line_of_source_line(&self, number: usize) -> usize {
        self.lines
            .iter()
            .rposition(|l| l.number.is_some_and(|n| n <= number))
            .unwrap_or(0)
    }

    /// The paragraph shown at or after display line `top`, if any.
    pub fn paragraph_at(&self, top: usize) -> Option<usize> {
        self.lines.iter().skip(top).find_map(|l| match l.text {
            TextRef::Paragraph(index) => Some(index),
            _ => None,
        })
    }

    /// A position that survives a relayout: the text and byte offset at the start of `line`.
    pub fn anchor(&self, line: usize) -> Option<(TextRef, usize)> {
        self.lines.get(line).map(|l| (l.text, l.range.start))
    }

    /// The line showing `anchor` in this layout (the first line, when the anchor is gone).
    pub fn line_of(&self, anchor: (TextRef, usize)) -> usize {
        let (text, offset) = anchor;
        self.lines
            .iter()
            .rposition(|l| l.text == text && l.range.start <= offset)
            .unwrap_or(0)
    }
}

fn byline(article: &Article) -> Option<String> {
    match (&article.speaker, &article.role) {
        (Some(speaker), Some(role)) => Some(format!("{speaker}（{role}）")),
        (Some(speaker), None) => Some(speaker.clone()),
        (None, Some(role)) => Some(role.clone()),
        (None, None) => None,
    }
}

struct Builder {
    options: LayoutOptions,
    measure: usize,
    lines: Vec<DocLine>,
    owned: Vec<String>,
}

impl Builder {
    fn blank(&mut self) {
        self.lines.push(DocLine {
            kind: LineKind::Blank,
            text: TextRef::None,
            range: 0..0,
            indent: 0,
            number: None,
        });
    }

    fn owned_block(&mut self, kind: LineKind, text: String, centred: bool) {
        let index = self.owned.len();
        let start = self.lines.len();
        self.wrapped(kind, TextRef::Owned(index), &text, 0);
        if centred {
            for line in &mut self.lines[start..] {
                let width = str_width(&text[line.range.clone()], self.options.ambiguous);
                line.indent = self.measure.saturating_sub(width) / 2;
            }
        }
        self.owned.push(text);
    }

    fn wrapped(&mut self, kind: LineKind, text_ref: TextRef, text: &str, indent: usize) {
        let options = WrapOptions {
            width: self.measure,
            first_indent: indent,
            ambiguous: self.options.ambiguous,
        };
        self.lines
            .extend(wrap(text, &options).into_iter().map(|line| DocLine {
                kind,
                text: text_ref,
                range: line.range,
                indent: line.indent,
                number: None,
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn every_line_fits_its_pane() {
        let corpus = corpus::sample();
        for width in [10, 40, 61, 80, 120] {
            for article in &corpus.articles {
                let doc = Document::new(
                    article,
                    "speeches.txt",
                    "UTF-8",
                    LayoutOptions::for_width(width),
                );
                for line in &doc.lines {
                    let source = &corpus.sources[article.source];
                    let shown = str_width(doc.text(article, source, line), AmbiguousWidth::Narrow);
                    assert!(
                        doc.margin + line.indent + shown <= width,
                        "{width}: {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn text_is_centred_in_wide_panes() {
        let corpus = corpus::sample();
        let doc = Document::new(
            &corpus.articles[0],
            "speeches.txt",
            "UTF-8",
            LayoutOptions::for_width(120),
        );
        assert_eq!((doc.measure, doc.margin), (80, 20));
    }

    #[test]
    fn anchor_survives_a_relayout() {
        let corpus = corpus::sample();
        let article = &corpus.articles[0];
        let wide = Document::new(article, "s", "UTF-8", LayoutOptions::for_width(80));
        let narrow = Document::new(article, "s", "UTF-8", LayoutOptions::for_width(40));
        let anchor = wide.anchor(12).expect("line 12 exists");
        let line = narrow.line_of(anchor);
        let TextRef::Paragraph(p) = anchor.0 else {
            panic!("body line expected")
        };
        assert_eq!(narrow.lines[line].text, TextRef::Paragraph(p));
        assert!(
            narrow.lines[line].range.contains(&anchor.1)
                || narrow.lines[line].range.start == anchor.1
        );
    }
}
