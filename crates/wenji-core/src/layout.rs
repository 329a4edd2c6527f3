//! An article laid out for reading at a given width: the lines the reading pane draws and
//! `wenji show` prints.
//!
//! An article is a list of segments (title, byline, tag line, info line, paragraphs, credit; or,
//! in the raw view, the source file's lines), laid out lazily: [`Document::ensure`] wraps only
//! as far as a caller needs, so the first screen of a 10 MB paragraph costs what the screen
//! shows, and a resize costs nothing until the new lines are drawn. Laid-out lines are kept and drawn many
//! times by slicing (STYLE.md, "wrap once, draw many"). Each line points back into the text with a
//! byte range, so a search hit or a scroll anchor maps onto lines and back. No ratatui here.

use std::ops::Range;

use crate::corpus::{Article, ParagraphKind, Source};
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::{WrapOptions, wrap_iter};

/// Bytes a paragraph must still hold for lazy layout to pause inside it: the orphan rule looks
/// at a paragraph's last two lines, which must be laid out together.
const PAUSE_MARGIN: usize = 4096;

/// Settings that change how an article is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Columns available in the pane.
    pub width: usize,
    /// The widest a line may be; wider panes centre the text (80 columns = 40 hanzi).
    pub max_width: usize,
    /// First-line indent of body paragraphs, in columns (two ideographic spaces = 4). With no
    /// indent, paragraphs are separated by a blank line instead — never both.
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
    /// Where the article is filed: its section and tags (`眾聞 · #國安法 #香港`), see [`TagLine`].
    Tags,
    /// Where the article comes from: `file:line · encoding`.
    Info,
    Heading,
    Body,
    /// A figure's caption (an image's alt text): dimmed, apart from the prose.
    Caption,
    Credit,
    Blank,
    /// A line of the source file as it is, in the raw view.
    Raw,
}

/// Which text a line's byte range refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRef {
    /// A string composed by the layout (title, byline, tag line, info, credit), index into its
    /// own list.
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

/// An article (or a source file) laid out at one width, as far as anyone has looked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The options it is laid out with; a change means a new layout.
    pub options: LayoutOptions,
    /// Columns of the text column (at most `max_width`).
    pub measure: usize,
    /// Columns left blank to the left of the text column, so it is centred in the pane.
    pub margin: usize,
    /// Columns before the text for line numbers (raw view only).
    pub gutter: usize,
    /// The laid-out texts holding the title, the byline (`speaker（role）`) and the credit
    /// (`（credit）`), so a search hit in those fields can be found on screen.
    pub title: Option<TextRef>,
    pub byline: Option<TextRef>,
    pub credit: Option<TextRef>,
    /// The line of the section and tags, and where each is in it, when the article has tags.
    pub tag_line: Option<TagLine>,
    /// The lines laid out so far; all of them once [`Document::is_complete`].
    pub lines: Vec<DocLine>,
    segments: Vec<Segment>,
    /// Bytes of all segments before each one, for a position that needs no layout.
    segment_starts: Vec<usize>,
    /// Where layout stopped: the segment and the byte (in the segment's text) to go on from.
    next: (usize, usize),
    owned: Vec<String>,
}

/// The texts a document refers to: its article and the article's source file.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    pub article: &'a Article,
    pub source: &'a Source,
}

impl Document {
    /// An article: title, byline, tag line, info line, paragraphs, credit. Nothing is wrapped
    /// yet.
    pub fn new(texts: Texts<'_>, options: LayoutOptions) -> Self {
        let article = texts.article;
        let mut builder = Builder::default();
        let title = builder.owned(LineKind::Title, article.display_title().to_owned(), true);
        let byline = byline(article).map(|text| builder.owned(LineKind::Byline, text, true));
        let tag_line = Composed::of(article).map(|line| {
            let rows = line.rows(builder::measure(options, 0), options.ambiguous);
            TagLine {
                text: builder.owned_rows(LineKind::Tags, line.text, rows),
                section: line.section,
                tags: line.tags,
            }
        });
        let info = format!(
            "{}:{} · {}",
            texts.source.name,
            article.lines.start.max(1),
            texts.source.encoding
        );
        builder.owned(LineKind::Info, info, true);
        builder.blank();
        let mut after_caption = false;
        for (index, paragraph) in article.paragraphs.iter().enumerate() {
            let (kind, indent) = match paragraph.kind {
                ParagraphKind::Body | ParagraphKind::ListItem => (LineKind::Body, options.indent),
                ParagraphKind::Continuation => (LineKind::Body, 0),
                ParagraphKind::Heading => (LineKind::Heading, 0),
                ParagraphKind::Caption => (LineKind::Caption, 0),
            };
            let spaced = options.indent == 0
                && matches!(
                    paragraph.kind,
                    ParagraphKind::Body | ParagraphKind::ListItem
                );
            // A caption stands apart from the prose on both sides, as under a picture in print.
            let apart = matches!(
                paragraph.kind,
                ParagraphKind::Heading | ParagraphKind::Caption
            );
            if index > 0 && (apart || spaced || after_caption) {
                builder.blank();
            }
            after_caption = paragraph.kind == ParagraphKind::Caption;
            let range = 0..paragraph.text.len();
            builder.push(Segment {
                kind,
                text: TextRef::Paragraph(index),
                range,
                indent,
                centred: false,
                number: None,
            });
        }
        let credit = article.meta.credit().map(|credit| {
            builder.blank();
            builder.owned(LineKind::Credit, format!("（{credit}）"), false)
        });
        let mut document = builder.finish(options, 0);
        document.title = Some(title);
        document.byline = byline;
        document.credit = credit;
        document.tag_line = tag_line;
        document
    }

    /// The source file as it is, every line numbered, wrapped to the pane.
    pub fn raw(source: &Source, options: LayoutOptions) -> Self {
        let mut builder = Builder::default();
        let mut start = 0;
        for (index, line) in source.text.split_terminator('\n').enumerate() {
            let range = start..start + line.len();
            builder.push(Segment {
                kind: LineKind::Raw,
                text: TextRef::Source,
                range,
                indent: 0,
                centred: false,
                number: Some(index + 1),
            });
            start += line.len() + 1;
        }
        let gutter = builder.segments.len().max(1).to_string().len() + 2;
        builder.finish(options, gutter)
    }

    /// Whether every line has been laid out.
    pub fn is_complete(&self) -> bool {
        self.next.0 >= self.segments.len()
    }

    /// Lays out at least `count` lines (or all there are).
    pub fn ensure(&mut self, texts: Texts<'_>, count: usize) {
        while self.lines.len() < count && !self.is_complete() {
            self.step(texts, count);
        }
    }

    /// Lays out everything.
    pub fn ensure_all(&mut self, texts: Texts<'_>) {
        self.ensure(texts, usize::MAX);
    }

    /// The text shown on `line`.
    pub fn text<'a>(&'a self, texts: Texts<'a>, line: &DocLine) -> &'a str {
        &text_of(&self.owned, texts, line.text)[line.range.clone()]
    }

    /// How far through the document line `top` is, 0–100, by lines once all are laid out and by
    /// bytes before that.
    pub fn percent(&self, top: usize, height: usize) -> usize {
        if self.is_complete() {
            let max_top = self.lines.len().saturating_sub(height);
            return (top.min(max_top) * 100).checked_div(max_top).unwrap_or(100);
        }
        let total = self.segment_starts.last().copied().unwrap_or(0).max(1);
        let at = self.byte_position(top);
        (at * 100 / total).min(99)
    }

    /// A position that survives a relayout: the text and byte offset at the start of `line`.
    pub fn anchor(&self, line: usize) -> Option<(TextRef, usize)> {
        self.lines.get(line).map(|l| (l.text, l.range.start))
    }

    /// The line showing `anchor`, laying out as far as needed (the first line if it is gone).
    pub fn line_of(&mut self, texts: Texts<'_>, anchor: (TextRef, usize)) -> usize {
        let (text, offset) = anchor;
        let target = self
            .segments
            .iter()
            .position(|s| s.text == text && s.range.end >= offset);
        if let Some(segment) = target {
            while !self.is_complete() && self.next.0 <= segment {
                self.step(texts, self.lines.len() + 64);
            }
        }
        self.lines
            .iter()
            .rposition(|l| l.text == text && l.range.start <= offset)
            .unwrap_or(0)
    }

    /// The first display line of source line `number` (raw view), laying out as far as needed.
    pub fn line_of_source_line(&mut self, texts: Texts<'_>, number: usize) -> usize {
        while !self.is_complete()
            && self.segments[self.next.0]
                .number
                .is_some_and(|n| n <= number)
        {
            self.step(texts, self.lines.len() + 64);
        }
        self.lines
            .iter()
            .rposition(|l| l.number.is_some_and(|n| n <= number))
            .unwrap_or(0)
    }

    /// The paragraph shown at or after display line `top`, among the lines laid out.
    pub fn paragraph_at(&self, top: usize) -> Option<usize> {
        self.lines.iter().skip(top).find_map(|l| match l.text {
            TextRef::Paragraph(index) => Some(index),
            _ => None,
        })
    }

    fn byte_position(&self, line: usize) -> usize {
        let Some(line) = self.lines.get(line) else {
            return self.segment_starts.last().copied().unwrap_or(0);
        };
        let segment = self
            .segments
            .iter()
            .position(|s| {
                s.text == line.text
                    && s.range.start <= line.range.start
                    && line.range.start <= s.range.end
            })
            .unwrap_or(0);
        self.segment_starts[segment] + line.range.start - self.segments[segment].range.start
    }

    /// Lays out the next piece: the rest of a segment, or enough of a long one to pass `count`.
    fn step(&mut self, texts: Texts<'_>, count: usize) {
        let (index, from) = self.next;
        let segment = self.segments[index].clone();
        if segment.kind == LineKind::Blank {
            self.push_line(&segment, 0..0, 0, true);
            self.next = (index + 1, 0);
            return;
        }
        let whole = text_of(&self.owned, texts, segment.text);
        let text = &whole[segment.range.clone()];
        let start = from.max(segment.range.start) - segment.range.start;
        let width = self.measure.saturating_sub(self.gutter).max(1);
        let first_indent = if start == 0 { segment.indent } else { 0 };
        let options = WrapOptions {
            width,
            first_indent,
            ambiguous: self.options.ambiguous,
        };
        let base = segment.range.start + start;
        let wanted = count.saturating_sub(self.lines.len());
        let mut laid = Vec::new();
        let mut pause = None;
        let mut lines = wrap_iter(&text[start..], &options).peekable();
        while let Some(line) = lines.next() {
            let centring = if segment.centred {
                self.measure.saturating_sub(line.width) / 2
            } else {
                0
            };
            laid.push((
                base + line.range.start..base + line.range.end,
                line.indent + centring,
            ));
            if laid.len() >= wanted
                && let Some(next) = lines.peek()
                && text.len() - (start + next.range.start) > PAUSE_MARGIN
            {
                pause = Some(base + next.range.start);
                break;
            }
        }
        drop(lines);
        for (row, (range, indent)) in laid.into_iter().enumerate() {
            self.push_line(&segment, range, indent, start == 0 && row == 0);
        }
        self.next = match pause {
            Some(offset) => (index, offset),
            None => (index + 1, 0),
        };
    }

    fn push_line(&mut self, segment: &Segment, range: Range<usize>, indent: usize, first: bool) {
        self.lines.push(DocLine {
            kind: segment.kind,
            text: segment.text,
            range,
            indent,
            number: if first { segment.number } else { None },
        });
    }
}

/// The whole text a [`TextRef`] names.
fn text_of<'a>(owned: &'a [String], texts: Texts<'a>, text: TextRef) -> &'a str {
    match text {
        TextRef::Owned(index) => &owned[index],
        TextRef::Paragraph(index) => &texts.article.paragraphs[index].text,
        TextRef::Source => &texts.source.text,
        TextRef::None => "",
    }
}

mod builder;
mod tag_line;
#[cfg(test)]
mod tests;

use builder::{Builder, Segment, byline};
use tag_line::Composed;
pub use tag_line::TagLine;
