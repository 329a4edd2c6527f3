//! The concordance (key word in context): one row per hit, the hits aligned in one column, each
//! with its article's title — how researchers read a term's uses side by side.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::text::draw;
use crate::corpus::Corpus;
use crate::count::count;
use crate::keymap::{Keymap, Mode};
use crate::search::Location;
use crate::search::context::context;
use crate::state::{Rows, Search};
use crate::text::truncate::truncate;
use crate::text::width::{AmbiguousWidth, str_width};
use crate::theme::Theme;

/// Columns of the title at the start of each row.
const TITLE_COLUMNS: usize = 12;

/// Draws the concordance of a search.
pub struct ConcordanceView<'a> {
    pub corpus: &'a Corpus,
    pub search: &'a Search,
    /// The list's rows: the hits they count are the concordance's (a copy's are not).
    pub rows: &'a Rows,
    pub focused: bool,
    /// The keys in effect, for the title's hint.
    pub keys: &'a Keymap,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &ConcordanceView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let hits = self.rows.hits(self.search.results.hit_count());
        let running = if self.search.running {
            ", scanning"
        } else {
            ""
        };
        let toggle = self
            .keys
            .fill(Mode::Search, "{toggle_concordance} for articles");
        let block = super::bordered(self.ambiguous)
            .title(format!(
                " Concordance: {}{running} - {toggle} ",
                count(hits, "hit")
            ))
            .border_style(self.theme.border(self.focused));
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let cursor = &self.search.kwic;
        let first = cursor
            .selected()
            .saturating_sub(rows.saturating_sub(1))
            .min(cursor.selected());
        let shown: Vec<_> = (first..hits.min(first + rows))
            .filter_map(|index| self.search.results.location(self.rows.hit(index)?))
            .collect();
        for ((y, number), located) in (inner.y..inner.bottom()).zip(first..hits).zip(&shown) {
            let selected = number == cursor.selected();
            let area = Rect::new(inner.x, y, inner.width, 1);
            self.row(located, area, selected, buf);
        }
    }
}

impl ConcordanceView<'_> {
    fn row(&self, located: &Location, area: Rect, selected: bool, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let title_columns = TITLE_COLUMNS.min(width / 4);
        let rest = width.saturating_sub(title_columns + 1);
        let left_columns = rest * 2 / 5;
        let around = context(self.corpus, located, left_columns + rest);
        let highlight = self.theme.list_item(selected, self.focused);
        if let Some(style) = highlight {
            buf.set_style(area, style);
        }
        let article = &self.corpus.articles[located.article as usize];
        let title = truncate(article.display_title(), title_columns, self.ambiguous);
        draw(
            buf,
            area.x,
            area.y,
            &title,
            title_columns,
            highlight.unwrap_or(self.theme.dim),
            self.ambiguous,
        );
        let left = format!(
            "{}{}【",
            if around.more_left { "…" } else { "" },
            around.left
        );
        let left = keep_end(&left, left_columns, self.ambiguous);
        let left_x =
            area.x + to_u16(title_columns + 1 + left_columns - str_width(left, self.ambiguous));
        draw(
            buf,
            left_x,
            area.y,
            left,
            left_columns,
            highlight.unwrap_or(self.theme.text),
            self.ambiguous,
        );
        let hit_x = area.x + to_u16(title_columns + 1 + left_columns);
        let style = if selected {
            self.theme.hit_current
        } else {
            self.theme.hit
        };
        let room = rest - left_columns;
        let end = draw(buf, hit_x, area.y, around.hit, room, style, self.ambiguous);
        let right = format!(
            "】{}{}",
            around.right,
            if around.more_right { "…" } else { "" }
        );
        let room = room.saturating_sub(usize::from(end - hit_x));
        draw(
            buf,
            end,
            area.y,
            &right,
            room,
            highlight.unwrap_or(self.theme.text),
            self.ambiguous,
        );
    }
}

/// The end of `text` that fits in `columns`.
fn keep_end(text: &str, columns: usize, ambiguous: AmbiguousWidth) -> &str {
    let mut start = text.len();
    let mut used = 0;
    for (offset, c) in text.char_indices().rev() {
        let width = str_width(&text[offset..offset + c.len_utf8()], ambiguous);
        if used + width > columns {
            break;
        }
        used += width;
        start = offset;
    }
    &text[start..]
}

fn to_u16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}
