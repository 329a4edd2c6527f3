//! First stage of parsing: a file's text as a flat list of blocks (headings and paragraphs), each
//! with the source lines it came from.
//!
//! Markdown goes through `pulldown-cmark`, so emphasis, links, lists, block quotes and hard breaks
//! read as a reader expects; plain text (no headings) is split at line ends. A figure's caption
//! (an HTML `<figure>`, or an image alone in its paragraph) is a block of its own, cut out of the
//! prose around it, so that nothing later joins it to a paragraph. Nothing here decides what a
//! title or a byline is: that is [`super::parse`]'s job.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html;
use crate::text::sanitize::sanitize;

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

/// Markdown, read with a `CommonMark` parser.
pub fn markdown_blocks(text: &str) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::new(&lines);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish();
    builder.blocks
}

/// Collects inline events into blocks.
struct Builder<'a> {
    lines: &'a LineIndex,
    blocks: Vec<Block>,
    current: Option<Block>,
    pending_soft_break: bool,
    /// A list marker (`• `, `3. `) waiting for its item's first text.
    pending_marker: Option<String>,
    /// Open lists: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Raw HTML of the HTML block being read, and where each of its pieces starts in the source
    /// (offset in `html`, offset in the file).
    html: String,
    html_starts: Vec<(usize, usize)>,
    /// A `<figure>` met inside a paragraph: where it starts, and its HTML so far.
    inline_figure: Option<(usize, String)>,
    /// Nesting of Markdown images being read; their text is alt text.
    images: usize,
    /// What the current block holds: text of its own, image alt text.
    has_text: bool,
    has_image: bool,
}

impl<'a> Builder<'a> {
    fn new(lines: &'a LineIndex) -> Self {
        Self {
            lines,
            blocks: Vec::new(),
            current: None,
            pending_soft_break: false,
            pending_marker: None,
            lists: Vec::new(),
            html: String::new(),
            html_starts: Vec::new(),
            inline_figure: None,
            images: 0,
            has_text: false,
            has_image: false,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.inline_figure.is_some() {
            self.figure_event(&event, &range);
            return;
        }
        let lines = self.lines.lines_of(&range);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.open(BlockKind::Heading(heading_number(level)), lines, false);
            }
            Event::Start(Tag::Paragraph | Tag::TableRow | Tag::TableHead) => {
                self.open(BlockKind::Paragraph, lines, false);
            }
            Event::Start(Tag::List(first)) => self.lists.push(first),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.open(BlockKind::Paragraph, lines, false);
                if let Some(block) = &mut self.current {
                    block.list_item = true;
                }
                self.pending_marker = Some(self.next_marker());
            }
            Event::Start(Tag::TableCell)
                if self.current.as_ref().is_some_and(|b| !b.text.is_empty()) =>
            {
                self.push_text(" | ");
            }
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => {
                self.close();
                self.html.clear();
                self.html_starts.clear();
            }
            Event::Html(html) => {
                self.html_starts.push((self.html.len(), range.start));
                self.html.push_str(&html);
            }
            Event::End(TagEnd::HtmlBlock) => self.html_block(range.end),
            Event::InlineHtml(html) if opens_figure(&html) => {
                self.inline_figure = Some((range.start, html.into_string()));
            }
            Event::InlineHtml(html) => {
                let shown = html::pieces(&html);
                for piece in shown {
                    self.push_content(&piece.text, piece.caption);
                }
            }
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => {
                self.close();
                self.pending_marker = None;
            }
            Event::Text(text) | Event::Code(text) => {
                if self.current.is_none() {
                    // Code blocks and loose text: one block per source line.
                    self.push_lines(&text, &lines);
                } else {
                    let is_alt = self.images > 0;
                    self.push_content(&text, is_alt);
                }
            }
            Event::SoftBreak => self.pending_soft_break = true,
            Event::HardBreak => {
                // The break's own range ends on its line; the continuation starts on the next one.
                let next_line = lines.end;
                let Some(block) = self.current.as_mut() else {
                    return;
                };
                let (kind, paragraph_end) = (block.kind, block.lines.end);
                block.lines.end = next_line;
                self.close();
                self.open(kind, next_line..paragraph_end.max(next_line + 1), true);
            }
            _ => {}
        }
    }

    /// Inside a paragraph's `<figure>`: gathers it up to `</figure>`, then cuts the paragraph in
    /// two around its caption.
    fn figure_event(&mut self, event: &Event<'_>, range: &Range<usize>) {
        let Some((start, html)) = self.inline_figure.as_mut() else {
            return;
        };
        match event {
            Event::InlineHtml(piece) | Event::Html(piece) => html.push_str(piece),
            Event::Text(text) | Event::Code(text) => html.push_str(text),
            Event::SoftBreak | Event::HardBreak => html.push('\n'),
            _ => {}
        }
        let block_ends = matches!(
            event,
            Event::End(
                TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::TableRow
                    | TagEnd::TableHead
                    | TagEnd::BlockQuote(_)
            )
        );
        if !block_ends && !matches!(event, Event::InlineHtml(piece) if closes_figure(piece)) {
            return;
        }
        let (start, html) = (*start, std::mem::take(html));
        self.inline_figure = None;
        let figure_lines = self.lines.lines_of(&(start..range.end));
        let paragraph = self.current.as_ref().map(|b| (b.kind, b.lines.end));
        self.close();
        let caption: Vec<String> = html::pieces(&html).into_iter().map(|p| p.text).collect();
        self.push_block(BlockKind::Caption, caption.join(" "), figure_lines.clone());
        if block_ends {
            // The paragraph ended inside the figure: there is no rest to reopen.
            self.event(event.clone(), range.clone());
        } else if let Some((kind, end)) = paragraph {
            let rest_start = figure_lines.end.saturating_sub(1).max(figure_lines.start);
            self.open(kind, rest_start..end.max(rest_start + 1), false);
        }
    }

    /// The end of an HTML block: its pieces become paragraphs and captions, each on its own line.
    fn html_block(&mut self, end: usize) {
        let html = std::mem::take(&mut self.html);
        let starts = std::mem::take(&mut self.html_starts);
        let source_offset = |at: usize| {
            let index = starts.partition_point(|&(start, _)| start <= at);
            starts
                .get(index.saturating_sub(1))
                .map_or(end, |&(start, source)| source + (at - start))
        };
        let pieces = html::pieces(&html);
        for (index, piece) in pieces.iter().enumerate() {
            let from = source_offset(piece.offset);
            let to = pieces
                .get(index + 1)
                .map_or(end, |next| source_offset(next.offset));
            let kind = if piece.caption {
                BlockKind::Caption
            } else {
                BlockKind::Paragraph
            };
            let lines = self.lines.lines_of(&(from..to.max(from + 1)));
            self.push_block(kind, piece.text.clone(), lines);
        }
    }

    /// A finished block of its own, between the blocks around it.
    fn push_block(&mut self, kind: BlockKind, text: String, lines: Range<usize>) {
        self.open(kind, lines, false);
        if let Some(block) = &mut self.current {
            block.text = text;
        }
        self.close();
    }

    fn open(&mut self, kind: BlockKind, lines: Range<usize>, after_hard_break: bool) {
        self.close();
        self.has_text = false;
        self.has_image = false;
        self.current = Some(Block {
            kind,
            text: String::new(),
            lines,
            after_hard_break,
            list_item: false,
        });
    }

    fn close(&mut self) {
        self.pending_soft_break = false;
        if let Some(mut block) = self.current.take() {
            block.text = one_clean_line(&block.text);
            // A paragraph that is only an image is the image's caption (its alt text).
            if block.kind == BlockKind::Paragraph && self.has_image && !self.has_text {
                block.kind = BlockKind::Caption;
            }
            if !block.text.is_empty() {
                self.blocks.push(block);
            }
        }
    }

    fn next_marker(&mut self) -> String {
        match self.lists.last_mut() {
            Some(Some(number)) => {
                *number += 1;
                format!("{}. ", *number - 1)
            }
            _ => "• ".to_owned(),
        }
    }

    /// Adds text to the current block, noting whether it is an image's alt text.
    fn push_content(&mut self, text: &str, is_alt: bool) {
        if text.trim().is_empty() && !self.pending_soft_break {
            self.push_text(text);
            return;
        }
        if is_alt {
            self.has_image = true;
        } else if !text.trim().is_empty() {
            self.has_text = true;
        }
        self.push_text(text);
    }

    fn push_text(&mut self, text: &str) {
        let Some(block) = self.current.as_mut() else {
            return;
        };
        if let Some(marker) = self.pending_marker.take() {
            block.text.push_str(&marker);
            self.has_text = true;
        }
        if std::mem::take(&mut self.pending_soft_break) {
            let before = block.text.chars().next_back();
            let after = text.chars().next();
            if needs_space(before, after) {
                block.text.push(' ');
            }
        }
        block.text.push_str(text);
    }

    fn push_lines(&mut self, text: &str, lines: &Range<usize>) {
        for (offset, line) in text.lines().enumerate() {
            let shown = one_clean_line(line);
            if !shown.is_empty() {
                let start = lines.start + offset;
                self.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: shown,
                    lines: start..start + 1,
                    after_hard_break: true,
                    list_item: false,
                });
            }
        }
    }

    fn finish(&mut self) {
        if let Some((start, html)) = self.inline_figure.take() {
            // A figure never closed: what was gathered is its caption.
            let end = self
                .lines
                .starts
                .last()
                .copied()
                .unwrap_or(start)
                .max(start + 1);
            self.close();
            let caption = html::text_of(&html);
            self.push_block(
                BlockKind::Caption,
                caption,
                self.lines.lines_of(&(start..end)),
            );
        }
        self.close();
    }
}

/// Whether inline HTML opens a `<figure>` element.
fn opens_figure(html: &str) -> bool {
    let lower = html.trim_start().to_ascii_lowercase();
    lower.starts_with("<figure") && !lower.starts_with("<figcaption") && !closes_figure(html)
}

fn closes_figure(html: &str) -> bool {
    html.to_ascii_lowercase().contains("</figure")
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
    if !text.contains('\n') {
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

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Lines covered by a byte range, end-exclusive; a range ending in `\n` ends on that line.
    fn lines_of(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.line_of(range.start);
        let last = self.line_of(range.end.saturating_sub(1).max(range.start));
        first..last + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn markdown_headings_and_paragraphs_keep_their_lines() {
        let blocks = markdown_blocks("# 节\n\n## 标题\n\n第一段。\n\n第二段。\n");
        assert_eq!(texts(&blocks), ["节", "标题", "第一段。", "第二段。"]);
        assert_eq!(blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(blocks[1].kind, BlockKind::Heading(2));
        assert_eq!(blocks[3].lines, 7..8);
    }

    #[test]
    fn soft_breaks_join_hanzi_without_a_space_and_latin_with_one() {
        let blocks = markdown_blocks("辽宁\n振兴\n\nopen\ndoor\n");
        assert_eq!(texts(&blocks), ["辽宁振兴", "open door"]);
    }

    #[test]
    fn hard_break_starts_a_continuation_block() {
        let blocks = markdown_blocks("新华网  \nNEWS\n");
        assert_eq!(texts(&blocks), ["新华网", "NEWS"]);
        assert!(blocks[1].after_hard_break);
        assert_eq!(blocks[1].lines, 2..3);
    }

    #[test]
    fn emphasis_and_links_show_as_their_text() {
        let blocks = markdown_blocks("**重要**讲话见[新华网](http://example.com)。\n");
        assert_eq!(texts(&blocks), ["重要讲话见新华网。"]);
    }

    #[test]
    fn lists_tables_and_html_read_as_text() {
        let text = "- 第一\n- 第二\n\n3. 三\n4. 四\n\n| 年 | 增长 |\n|---|---|\n| 2024 | 5% |\n\n<div>通知<b>全文</b></div>\n\n<figure><img src=\"a.png\" alt=\"会场\"></figure>\n";
        let blocks = markdown_blocks(text);
        assert_eq!(
            texts(&blocks),
            [
                "• 第一",
                "• 第二",
                "3. 三",
                "4. 四",
                "年 | 增长",
                "2024 | 5%",
                "通知全文",
                "会场"
            ]
        );
    }

    #[test]
    fn ideographic_indent_is_trimmed() {
        let blocks = plain_blocks("　　第一段。\n\n　　第二段。\n");
        assert_eq!(texts(&blocks), ["第一段。", "第二段。"]);
        assert_eq!(blocks[1].lines, 3..4);
    }

    #[test]
    fn only_real_atx_headings_make_a_file_markdown() {
        assert!(looks_like_markdown("x\n## 标题\n"));
        assert!(!looks_like_markdown("#hashtag\n一、总结\n"));
    }
}
