//! Markdown read with a `CommonMark` parser: its events gathered into headings and paragraphs,
//! list items numbered as the list numbers them, table rows one paragraph each, and soft breaks
//! joined as the script needs (a space between Latin words, nothing between hanzi).

mod figure;

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use self::figure::opens_figure;
use super::lines::LineIndex;
use super::{Block, BlockKind, needs_space, one_clean_line, one_line_of_clean};
use crate::corpus::html;
use crate::text::sanitize::stands_apart;

/// Markdown, read with a `CommonMark` parser.
pub fn markdown_blocks(text: &str) -> Vec<Block> {
    read(text, false)
}

/// [`markdown_blocks`] of text already sanitised, as the format readers are given it: a block
/// made only of the text's own pieces, each standing apart ([`stands_apart`]), is clean as it
/// is and is not sanitised again.
pub fn sanitised_markdown_blocks(text: &str) -> Vec<Block> {
    read(text, true)
}

fn read(text: &str, sanitised: bool) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::new(&lines, sanitised.then_some(text));
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish();
    builder.blocks
}

/// Collects inline events into blocks.
struct Builder<'a> {
    lines: &'a LineIndex,
    /// The text being read, when it is known to be sanitised.
    sanitised: Option<&'a str>,
    /// Whether the current block's text is clean as it stands: so far only pieces of the
    /// sanitised text that stand apart, and the list markers and separators put between them.
    clean: bool,
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
    /// What the current block holds.
    holds: Holds,
}

/// What a block holds: text of its own, image alt text.
#[derive(Debug, Clone, Copy, Default)]
struct Holds {
    text: bool,
    image: bool,
}

impl<'a> Builder<'a> {
    fn new(lines: &'a LineIndex, sanitised: Option<&'a str>) -> Self {
        Self {
            lines,
            sanitised,
            clean: false,
            blocks: Vec::new(),
            current: None,
            pending_soft_break: false,
            pending_marker: None,
            lists: Vec::new(),
            html: String::new(),
            html_starts: Vec::new(),
            inline_figure: None,
            images: 0,
            holds: Holds::default(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.inline_figure.is_some() {
            self.figure_event(&event, &range);
            return;
        }
        // Found only for the events that start something: two binary searches each.
        let index = self.lines;
        let lines = || index.lines_of(&range);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.open(BlockKind::Heading(heading_number(level)), lines(), false);
            }
            Event::Start(Tag::Paragraph | Tag::TableRow | Tag::TableHead) => {
                self.open(BlockKind::Paragraph, lines(), false);
            }
            Event::Start(Tag::List(first)) => self.lists.push(first),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.open(BlockKind::Paragraph, lines(), false);
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
                    self.push_lines(&text, &lines());
                } else {
                    let is_alt = self.images > 0;
                    self.push_content(&text, is_alt);
                }
            }
            Event::SoftBreak => self.pending_soft_break = true,
            Event::HardBreak => {
                // The break's own range ends on its line; the continuation starts on the next one.
                let next_line = lines().end;
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

    fn open(&mut self, kind: BlockKind, lines: Range<usize>, after_hard_break: bool) {
        self.close();
        self.holds = Holds::default();
        self.clean = self.sanitised.is_some();
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
            block.text = if self.clean {
                one_line_of_clean(std::mem::take(&mut block.text))
            } else {
                one_clean_line(&block.text)
            };
            // A paragraph that is only an image is the image's caption (its alt text).
            if block.kind == BlockKind::Paragraph && self.holds.image && !self.holds.text {
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
        self.clean &= self.is_clean_piece(text);
        if text.trim().is_empty() && !self.pending_soft_break {
            self.push_text(text);
            return;
        }
        if is_alt {
            self.holds.image = true;
        } else if !text.trim().is_empty() {
            self.holds.text = true;
        }
        self.push_text(text);
    }

    fn push_text(&mut self, text: &str) {
        let Some(block) = self.current.as_mut() else {
            return;
        };
        if let Some(marker) = self.pending_marker.take() {
            block.text.push_str(&marker);
            self.holds.text = true;
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

    /// Whether `text` is a piece of the sanitised text being read that stands apart: parsed
    /// text that is anything else (a character reference decoded, an HTML caption) is not.
    fn is_clean_piece(&self, text: &str) -> bool {
        self.sanitised.is_some_and(|source| {
            let within = source.as_bytes().as_ptr_range();
            (text.is_empty() || within.contains(&text.as_ptr())) && stands_apart(text)
        })
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
