//! The status bar: where you are, what went wrong while loading, and the keys worth knowing.
//!
//! The bar is built from parts, each with a rank. When the parts are wider than the terminal the
//! least important go first (the key hints, then the section heading, the warning count, the
//! query and the article position), so the hit position (`hit 17/120`) and a notice (`sent …
//! to the terminal clipboard`) stay on screen at any width; a notice too long for what is left is
//! cut with `...` rather than pushed off the edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::count::{count, grouped};
use crate::keymap::{Keymap, Mode};
use crate::state::State;
use crate::text::sanitize::sanitize_line;
use crate::text::truncate::truncate;
use crate::text::width::{AmbiguousWidth, str_width};
use crate::theme::Theme;

/// Columns the name of the section being read may take.
const SECTION_COLUMNS: usize = 24;

/// Parts ranked at most this are never dropped: the notice and the hit position.
const KEPT: u8 = Rank::Hit as u8;

/// How much a part matters: lower ranks stay longest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Notice,
    Hit,
    Loading,
    Position,
    Query,
    Warnings,
    Section,
    SearchHints,
    /// Key hints; each further hint ranks lower than the one before, so they go right to left.
    KeyHints,
}

/// One piece of the bar.
struct Part {
    spans: Vec<Span<'static>>,
    rank: u8,
    /// The notice: cut to fit rather than dropped.
    notice: bool,
}

impl Part {
    fn new(text: String, style: Style, rank: Rank) -> Self {
        Self {
            spans: vec![Span::styled(text, style)],
            rank: rank as u8,
            notice: rank == Rank::Notice,
        }
    }

    fn width(&self, ambiguous: AmbiguousWidth) -> usize {
        self.spans
            .iter()
            .map(|s| str_width(&s.content, ambiguous))
            .sum()
    }
}

/// Draws `article i/n · p%`, the section being read, the warning count, the search and its hit,
/// then a notice or the key hints — as many of them as fit, the most important kept.
pub struct StatusView<'a> {
    pub state: &'a State,
    pub keys: &'a Keymap,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &StatusView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        let parts = fit(self.parts(), usize::from(area.width), self.ambiguous);
        let spans: Vec<Span<'static>> = parts.into_iter().flat_map(|p| p.spans).collect();
        Line::from(spans).render(area, buf);
    }
}

impl StatusView<'_> {
    /// Every part, in the order they are drawn.
    fn parts(&self) -> Vec<Part> {
        let (state, theme) = (self.state, self.theme);
        let raw = if state.reader.is_raw() { " · raw" } else { "" };
        let position = format!(
            " article {}/{} · {}%{raw} ",
            state.reader.article() + 1,
            state.corpus().articles.len(),
            state.reader.percent()
        );
        let mut parts = Vec::new();
        if !state.corpus().articles.is_empty() {
            parts.push(Part::new(position, theme.status, Rank::Position));
        }
        if let Some(progress) = state.loading() {
            let text = if progress.of_files == 0 {
                " loading: finding files ".to_owned()
            } else {
                format!(
                    " loading {} / {} files · {} MB ",
                    grouped(progress.files),
                    grouped(progress.of_files),
                    grouped(usize::try_from(progress.bytes >> 20).unwrap_or(usize::MAX)),
                )
            };
            parts.push(Part::new(text, theme.status_key, Rank::Loading));
        }
        if let Some(section) = state.current_section() {
            let section = truncate(&section, SECTION_COLUMNS, self.ambiguous);
            parts.push(Part::new(
                format!("{section} "),
                theme.status_key,
                Rank::Section,
            ));
        }
        let warnings = state.warning_count();
        if warnings > 0 {
            let key = self.keys.fill(Mode::Browse, "{toggle_warnings}");
            let text = format!(" {} ({key}) ", count(warnings, "warning"));
            parts.push(Part::new(text, theme.warning, Rank::Warnings));
        }
        if let Some(search) = state.search.as_ref().filter(|s| s.filters()) {
            let rows = state.rows();
            let at = search
                .current
                .and_then(|c| rows.hit_index(c))
                .map_or(0, |c| c + 1);
            let hit = format!(" hit {at}/{} ", rows.hits(search.results.hit_count()));
            let query = format!(" /{} ", search.text());
            parts.push(Part::new(query, theme.status_key, Rank::Query));
            parts.push(Part::new(hit, theme.status_key, Rank::Hit));
            let hints = self.keys.fill(
                Mode::Browse,
                " {next_hit}/{previous_hit} next/previous  {clear_search} clear ",
            );
            parts.push(Part::new(hints, theme.status, Rank::SearchHints));
        }
        if let Some(message) = &state.message {
            // Notices quote names (files, themes, paths from the environment): one line, with
            // escapes as placeholders, whoever wrote the notice.
            let (message, _) = sanitize_line(message);
            parts.push(Part::new(
                format!(" {message} "),
                theme.notice,
                Rank::Notice,
            ));
        } else if state.search.is_none() {
            parts.extend(self.key_hints());
        }
        parts
    }

    fn key_hints(&self) -> impl Iterator<Item = Part> + '_ {
        let base = Rank::KeyHints as u8;
        self.keys
            .hints()
            .into_iter()
            .enumerate()
            .map(move |(i, (key, word))| Part {
                spans: vec![
                    Span::styled(format!(" {key}"), self.theme.status_key),
                    Span::styled(format!(" {word}"), self.theme.status),
                ],
                rank: base.saturating_add(u8::try_from(i).unwrap_or(u8::MAX)),
                notice: false,
            })
    }
}

/// The parts that fit in `width` columns: the lowest-ranked (the rightmost of equals) dropped
/// first, never the notice or the hit position; a notice still too long is cut to the room left.
fn fit(mut parts: Vec<Part>, width: usize, ambiguous: AmbiguousWidth) -> Vec<Part> {
    let total = |parts: &[Part]| parts.iter().map(|p| p.width(ambiguous)).sum::<usize>();
    while total(&parts) > width {
        let least = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.rank > KEPT)
            .max_by_key(|(i, p)| (p.rank, *i))
            .map(|(i, _)| i);
        let Some(least) = least else { break };
        parts.remove(least);
    }
    let used = total(&parts);
    if used > width
        && let Some(notice) = parts.iter_mut().find(|p| p.notice)
    {
        let others = used - notice.width(ambiguous);
        // The notice's own padding: a space each side.
        let room = width.saturating_sub(others).saturating_sub(2);
        for span in &mut notice.spans {
            let text = span.content.trim();
            let cut = format!(" {} ", truncate(text, room, ambiguous));
            span.content = cut.into();
        }
    }
    parts
}
