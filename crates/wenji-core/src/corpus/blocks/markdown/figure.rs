//! Figures and raw HTML inside Markdown: an HTML block's pieces become paragraphs and captions
//! on their own lines, and a `<figure>` met inside a paragraph cuts the paragraph in two around
//! its caption, so that nothing later joins a caption to prose.

use std::ops::Range;

use pulldown_cmark::{Event, TagEnd};

use super::Builder;
use crate::corpus::blocks::BlockKind;
use crate::corpus::html;

impl Builder<'_> {
    /// Inside a paragraph's `<figure>`: gathers it up to `</figure>`, then cuts the paragraph in
    /// two around its caption.
    pub(super) fn figure_event(&mut self, event: &Event<'_>, range: &Range<usize>) {
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
    pub(super) fn html_block(&mut self, end: usize) {
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
    pub(super) fn push_block(&mut self, kind: BlockKind, text: String, lines: Range<usize>) {
        self.open(kind, lines, false);
        // HTML's text, its character references decoded: sanitised when the block closes.
        self.clean = false;
        if let Some(block) = &mut self.current {
            block.text = text;
        }
        self.close();
    }
}

/// Whether inline HTML opens a `<figure>` element.
pub(super) fn opens_figure(html: &str) -> bool {
    let lower = html.trim_start().to_ascii_lowercase();
    lower.starts_with("<figure") && !lower.starts_with("<figcaption") && !closes_figure(html)
}

fn closes_figure(html: &str) -> bool {
    html.to_ascii_lowercase().contains("</figure")
}
