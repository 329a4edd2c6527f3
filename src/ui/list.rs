//! The article list pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::layout::LIST_ENTRY_ROWS;
use super::text::draw;
use super::theme::Theme;
use crate::corpus::{Article, Corpus};
use crate::state::ListCursor;
use crate::text::truncate::truncate;
use crate::text::width::AmbiguousWidth;

/// Draws the list of articles: title, then speaker · role (or the section) dimmed.
pub struct ListView<'a> {
    pub corpus: &'a Corpus,
    pub cursor: &'a ListCursor,
    pub focused: bool,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = format!(" Articles ({}) ", self.corpus.articles.len());
        let block = super::bordered(self.ambiguous)
            .title(title)
            .border_style(self.theme.border(self.focused));
        let inner = block.inner(area);
        block.render(area, buf);
        let entries = self
            .corpus
            .articles
            .iter()
            .enumerate()
            .skip(self.cursor.offset());
        for (row, (index, article)) in (0..inner.height / LIST_ENTRY_ROWS).zip(entries) {
            let y = inner.y + row * LIST_ENTRY_ROWS;
            let entry = Rect::new(inner.x, y, inner.width, LIST_ENTRY_ROWS);
            self.entry(article, entry, index == self.cursor.selected(), buf);
        }
    }
}

impl ListView<'_> {
    fn entry(&self, article: &Article, area: Rect, selected: bool, buf: &mut Buffer) {
        let columns = usize::from(area.width.saturating_sub(2));
        let title = truncate(article.display_title(), columns, self.ambiguous);
        let detail = article
            .byline()
            .or_else(|| article.section.clone())
            .unwrap_or_else(|| file_name(&self.corpus.sources[article.source].name).to_owned());
        let detail = truncate(&detail, columns.saturating_sub(1), self.ambiguous);
        let highlight = self.theme.list_item(selected, self.focused);
        if let Some(style) = highlight {
            buf.set_style(area, style);
        }
        let title_style = highlight.unwrap_or(self.theme.text);
        let detail_style = highlight.unwrap_or(self.theme.dim);
        draw(
            buf,
            area.x + 1,
            area.y,
            &title,
            columns,
            title_style,
            self.ambiguous,
        );
        let detail_columns = columns.saturating_sub(1);
        draw(
            buf,
            area.x + 2,
            area.y + 1,
            &detail,
            detail_columns,
            detail_style,
            self.ambiguous,
        );
    }
}

/// The last part of a shown path: what tells files in one folder apart.
fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
