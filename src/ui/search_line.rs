//! The search line at the bottom while typing: `/`, the query being edited, and how the search
//! is doing.
//!
//! The query is drawn here rather than by ratatui-textarea's widget, which measures `“ ” …` as
//! one column: in `--ambiguous-wide` mode the text after them, and the cursor, would land a
//! column off. The textarea still does the editing; its line and cursor are drawn with wenji's
//! widths, scrolled so the cursor stays in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use super::text::draw;
use crate::count::{count, hits_in_articles};
use crate::keymap::{Keymap, Mode};
use crate::state::{Rows, Search};
use crate::text::width::{AmbiguousWidth, str_width};
use crate::theme::Theme;

/// Columns the query keeps on the search line, however short it is.
const QUERY_ROOM: usize = 16;

/// Draws the search line.
pub struct SearchLineView<'a> {
    pub search: &'a Search,
    /// The list's rows, whose counts the line gives (copies counted once).
    pub rows: &'a Rows,
    /// The index is still being built.
    pub indexing: bool,
    /// The keys in effect, for the hint before the first character.
    pub keys: &'a Keymap,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &SearchLineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        buf.set_style(area, self.theme.status);
        // The query keeps its own width and the cursor's, and at least QUERY_ROOM columns: the
        // note of how much a search covers gives way only to what is typed.
        let line = self.search.input.lines().first().map_or("", String::as_str);
        let query = (str_width(line, self.ambiguous) + 2).max(QUERY_ROOM);
        let room = usize::from(area.width).saturating_sub(query);
        let summaries = self.summaries();
        let summary = summaries
            .iter()
            .find(|s| str_width(s, self.ambiguous) <= room)
            .or(summaries.last())
            .cloned()
            .unwrap_or_default();
        let summary_width = u16::try_from(str_width(&summary, self.ambiguous)).unwrap_or(0);
        let right = area.right().saturating_sub(summary_width);
        let summary_style = if self.search.error.is_some() {
            self.theme.status.patch(self.theme.warning)
        } else {
            self.theme.status
        };
        draw(
            buf,
            right,
            area.y,
            &summary,
            usize::from(summary_width),
            summary_style,
            self.ambiguous,
        );
        buf.set_stringn(area.x, area.y, "/", 1, self.theme.status_key);
        let input = Rect::new(area.x + 1, area.y, right.saturating_sub(area.x + 2), 1);
        self.input(input, buf);
    }
}

impl SearchLineView<'_> {
    /// The query, and the cursor as a reversed cell, in `area` (one line).
    fn input(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        if width == 0 {
            return;
        }
        let line = self.search.input.lines().first().map_or("", String::as_str);
        let cursor = self.search.input.cursor().1;
        let at = line
            .char_indices()
            .nth(cursor)
            .map_or(line.len(), |(i, _)| i);
        let (before, after) = line.split_at(at);
        let under = after.graphemes(true).next().unwrap_or(" ");
        // Scroll: drop glyphs on the left until the text before the cursor and the cursor fit.
        let room = width.saturating_sub(str_width(under, self.ambiguous).max(1));
        let mut shown = before;
        while str_width(shown, self.ambiguous) > room {
            let first = shown.graphemes(true).next().map_or(shown.len(), str::len);
            shown = &shown[first..];
        }
        let style = self.theme.status;
        let mut x = draw(buf, area.x, area.y, shown, width, style, self.ambiguous);
        let left = |x: u16| usize::from(area.right().saturating_sub(x));
        let cursor_style = style.add_modifier(Modifier::REVERSED);
        x = draw(buf, x, area.y, under, left(x), cursor_style, self.ambiguous);
        let rest = &after[under.len().min(after.len())..];
        draw(buf, x, area.y, rest, left(x), style, self.ambiguous);
    }

    /// What the right of the line says, longest first: while the corpus loads, the note of how
    /// much the answer covers is shortened, then left out, where the line is narrow.
    fn summaries(&self) -> Vec<String> {
        let search = self.search;
        if let Some(error) = &search.error {
            // The error's first clause says what is wrong; the rest says what would do.
            let brief = error.message.split(';').next().unwrap_or_default();
            return vec![
                format!(" {} ", error.message),
                format!(" {brief} "),
                " not a query ".to_owned(),
            ];
        }
        if self.indexing {
            return vec![" indexing ".to_owned()];
        }
        if !search.filters() {
            return vec![self.keys.fill(
                Mode::Search,
                " type to search; {search_submit} keeps, {search_cancel} returns ",
            )];
        }
        let (hits, articles) = (
            self.rows.hits(search.results.hit_count()),
            self.rows.distinct(),
        );
        let running = if search.running { " scanning" } else { "" };
        let found = if search.query.seeks_text() {
            format!(" {}{running}", hits_in_articles(hits, articles))
        } else {
            format!(" {}{running}", count(articles, "article"))
        };
        let covers = match search.covers {
            Some(percent) => vec![
                format!(" · searching {percent}% of the corpus"),
                format!(" · {percent}% loaded"),
                String::new(),
            ],
            None => vec![String::new()],
        };
        // The forms found give way last but for the count itself, and shorten first.
        let mut summaries = Vec::new();
        for forms in self.forms() {
            for covers in &covers {
                summaries.push(format!("{found}{covers}{forms} "));
            }
        }
        summaries
    }

    /// What the line says of the forms found, longest first, the last empty: up to eight forms
    /// of each term when some term was found written otherwise than asked (`国家 → 國家 ×5 ·
    /// 国家 ×1`), or that scripts are told apart.
    fn forms(&self) -> Vec<String> {
        let search = self.search;
        if search.query.exact_script {
            return vec![" · scripts apart".to_owned(), String::new()];
        }
        let forms = &search.forms;
        let asked = &search.query.asked();
        if !forms.found_otherwise(asked) {
            return vec![String::new()];
        }
        [8, 2, 1]
            .into_iter()
            .map(|most| format!(" · {}", forms.line(asked, most)))
            .chain(std::iter::once(String::new()))
            .collect()
    }
}
