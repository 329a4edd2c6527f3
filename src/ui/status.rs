//! The status bar: where you are, what went wrong while loading, and the keys worth knowing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::state::State;
use crate::text::truncate::truncate;
use crate::text::width::AmbiguousWidth;

/// Columns the name of the section being read may take.
const SECTION_COLUMNS: usize = 24;

/// Draws `article i/n · p%`, the section being read, the warning count, then a notice or the key hints.
pub struct StatusView<'a> {
    pub state: &'a State,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let count = self.state.corpus().articles.len();
        let raw = if self.state.reader.is_raw() {
            " · raw"
        } else {
            ""
        };
        let position = format!(
            " article {}/{count} · {}%{raw} ",
            self.state.reader.article() + 1,
            self.state.reader.percent()
        );
        let mut spans = vec![Span::styled(position, self.theme.status)];
        if let Some(section) = self.state.current_section() {
            let section = truncate(&section, SECTION_COLUMNS, self.ambiguous);
            spans.push(Span::styled(format!("{section} "), self.theme.status_key));
        }
        let warnings = self.state.corpus().warnings.len();
        if warnings > 0 {
            let plural = if warnings == 1 { "" } else { "s" };
            spans.push(Span::styled(
                format!(" {warnings} warning{plural} (!) "),
                self.theme.warning,
            ));
        }
        if let Some(search) = self.state.search.as_ref().filter(|s| s.filters()) {
            let hits = search.results.hit_count();
            let at = search.current.map_or(0, |c| c + 1);
            let text = format!(" /{}  hit {at}/{hits} ", search.text());
            spans.push(Span::styled(text, self.theme.status_key));
            spans.push(Span::styled(
                " n/N next/previous  Esc clear ",
                self.theme.status,
            ));
        }
        if let Some(message) = &self.state.message {
            spans.push(Span::styled(format!(" {message} "), self.theme.notice));
        } else if self.state.search.is_none() {
            for (key, word) in self.state.keymap.hints() {
                spans.push(Span::styled(format!(" {key}"), self.theme.status_key));
                spans.push(Span::styled(format!(" {word}"), self.theme.status));
            }
        }
        Line::from(spans).render(area, buf);
    }
}
