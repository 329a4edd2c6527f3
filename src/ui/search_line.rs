//! The search line at the bottom while typing: `/`, the query being edited, and how the search
//! is doing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::text::draw;
use super::theme::Theme;
use crate::state::Search;
use crate::text::width::{AmbiguousWidth, str_width};

/// Draws the search line.
pub struct SearchLineView<'a> {
    pub search: &'a Search,
    /// The index is still being built.
    pub indexing: bool,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &SearchLineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let summary = self.summary();
        let summary_width = u16::try_from(str_width(&summary, self.ambiguous)).unwrap_or(0);
        let right = area.right().saturating_sub(summary_width);
        draw(
            buf,
            right,
            area.y,
            &summary,
            usize::from(summary_width),
            self.theme.status,
            self.ambiguous,
        );
        buf.set_stringn(area.x, area.y, "/", 1, self.theme.status_key);
        let input = Rect::new(area.x + 1, area.y, right.saturating_sub(area.x + 2), 1);
        self.search.input.render(input, buf);
    }
}

impl SearchLineView<'_> {
    fn summary(&self) -> String {
        let search = self.search;
        if self.indexing {
            return " indexing ".to_owned();
        }
        if !search.filters() {
            return " type to search; Enter keeps, Esc returns ".to_owned();
        }
        let (hits, articles) = (search.results.hit_count(), search.results.articles.len());
        let running = if search.running { " scanning" } else { "" };
        format!(" {hits} hits in {articles} articles{running} ")
    }
}
