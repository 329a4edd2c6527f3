//! The reading pane: the laid-out article (or its source file, in the raw view), sliced to the
//! visible lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::text::draw;
use crate::corpus::{Article, Source};
use crate::layout::{DocLine, Document, LineKind, Texts};
use crate::state::{Highlight, Reader};
use crate::text::width::{AmbiguousWidth, str_width};
use crate::theme::Theme;

/// Draws the article the reader state points at.
pub struct ReaderView<'a> {
    pub reader: &'a Reader,
    pub article: &'a Article,
    pub source: &'a Source,
    pub focused: bool,
    pub theme: &'a Theme,
    /// Where the text goes inside `area` (border and padding excluded).
    pub text_area: Rect,
    pub ambiguous: AmbiguousWidth,
    /// Search hits to mark in the text.
    pub highlights: &'a [Highlight],
}

impl Widget for &ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = if self.reader.is_raw() {
            Some(format!(" {} - raw - r returns ", self.source.name))
        } else {
            self.article
                .meta
                .section()
                .map(|section| format!(" {section} "))
        };
        let mut block =
            super::bordered(self.ambiguous).border_style(self.theme.border(self.focused));
        if let Some(title) = title {
            block = block.title(title);
        }
        block.render(area, buf);
        if let Some(document) = self.reader.document() {
            self.lines(document, buf);
        }
    }
}

impl ReaderView<'_> {
    fn lines(&self, document: &Document, buf: &mut Buffer) {
        let area = self.text_area;
        let visible = document
            .lines
            .iter()
            .skip(self.reader.top())
            .take(usize::from(area.height));
        for (y, line) in (area.y..).zip(visible) {
            if let Some(number) = line.number {
                let label = format!(
                    "{number:>width$} ",
                    width = document.gutter.saturating_sub(2)
                );
                buf.set_stringn(area.x, y, &label, usize::from(area.width), self.theme.dim);
            }
            let offset = document.gutter + document.margin + line.indent;
            let Ok(x) = u16::try_from(offset) else {
                continue;
            };
            if x >= area.width {
                continue;
            }
            let texts = Texts {
                article: self.article,
                source: self.source,
            };
            let text = document.text(texts, line);
            let room = usize::from(area.width - x);
            draw(
                buf,
                area.x + x,
                y,
                text,
                room,
                self.style(line.kind),
                self.ambiguous,
            );
            self.mark_hits(line, text, Rect::new(area.x + x, y, area.width - x, 1), buf);
        }
    }

    /// Restyles the cells of `line` (drawn at `area`) that show a search hit.
    fn mark_hits(&self, line: &DocLine, text: &str, area: Rect, buf: &mut Buffer) {
        for highlight in self.highlights.iter().filter(|h| h.text == line.text) {
            let start = highlight.range.start.max(line.range.start);
            let end = highlight.range.end.min(line.range.end);
            if start >= end {
                continue;
            }
            // An engine's offsets are not trusted to fall on characters: one that does not is
            // left unmarked rather than cut a character.
            let (start, end) = (start - line.range.start, end - line.range.start);
            let (Some(before), Some(hit)) = (text.get(..start), text.get(start..end)) else {
                continue;
            };
            let (before, width) = (
                str_width(before, self.ambiguous),
                str_width(hit, self.ambiguous),
            );
            let style = if highlight.selection {
                self.theme.list_selected_unfocused
            } else if highlight.current {
                self.theme.hit_current
            } else {
                self.theme.hit
            };
            let x = area
                .x
                .saturating_add(u16::try_from(before).unwrap_or(u16::MAX));
            let width = u16::try_from(width)
                .unwrap_or(0)
                .min(area.right().saturating_sub(x));
            buf.set_style(Rect::new(x, area.y, width, 1), style);
        }
    }

    fn style(&self, kind: LineKind) -> Style {
        match kind {
            LineKind::Title => self.theme.title,
            LineKind::Byline => self.theme.byline,
            LineKind::Tags | LineKind::Info => self.theme.dim,
            LineKind::Heading => self.theme.heading,
            LineKind::Credit => self.theme.credit,
            LineKind::Caption => self.theme.caption,
            LineKind::Body | LineKind::Blank | LineKind::Raw => self.theme.text,
        }
    }
}
