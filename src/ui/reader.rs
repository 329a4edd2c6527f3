//! The reading pane: the laid-out article, sliced to the visible lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use super::theme::Theme;
use crate::corpus::Article;
use crate::layout::{Document, LineKind};
use crate::state::Reader;

/// Draws the article the reader state points at.
pub struct ReaderView<'a> {
    pub reader: &'a Reader,
    pub article: &'a Article,
    pub focused: bool,
    pub theme: &'a Theme,
    /// Where the text goes inside `area` (border and padding excluded).
    pub text_area: Rect,
}

impl Widget for &ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut block = Block::bordered().border_style(self.theme.border(self.focused));
        if let Some(section) = &self.article.section {
            block = block.title(format!(" {section} "));
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
            let offset = document.margin + line.indent;
            let Ok(x) = u16::try_from(offset) else {
                continue;
            };
            if x >= area.width {
                continue;
            }
            let text = document.text(self.article, line);
            let room = usize::from(area.width - x);
            buf.set_stringn(area.x + x, y, text, room, self.style(line.kind));
        }
    }

    fn style(&self, kind: LineKind) -> Style {
        match kind {
            LineKind::Title => self.theme.title,
            LineKind::Byline => self.theme.byline,
            LineKind::Info => self.theme.dim,
            LineKind::Heading => self.theme.heading,
            LineKind::Credit => self.theme.credit,
            LineKind::Body | LineKind::Blank => self.theme.text,
        }
    }
}
