//! Overlays over the panes: the key help (generated from the keymap) and the load warnings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::text::draw;
use crate::keymap::{Keymap, Mode};
use crate::state::{Overlay, Row, State};
use crate::text::width::{AmbiguousWidth, str_width};
use crate::text::wrap::{WrapOptions, wrap};
use crate::theme::Theme;

/// The widest the label column gets; longer labels take a line of their own.
const MAX_LABEL: usize = 24;

/// Draws an overlay's rows from its `top` row.
pub struct OverlayView<'a> {
    pub overlay: Overlay,
    pub state: &'a State,
    pub keys: &'a Keymap,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &OverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        blank_cut_glyphs(area, buf);
        let rows = self.overlay.kind.rows(self.state);
        let more = if self.overlay.top + usize::from(area.height.saturating_sub(2)) < rows.len() {
            self.keys
                .fill(Mode::Overlay, " {move_down}/{move_up} scroll ")
        } else {
            String::new()
        };
        let block = super::bordered(self.ambiguous)
            .title(self.overlay.kind.title(self.state, self.keys))
            .title_bottom(more)
            .border_style(self.theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let label_width = label_width(&rows, inner.width, self.ambiguous);
        let mut y = inner.y;
        for (index, row) in rows.iter().enumerate().skip(self.overlay.top) {
            if y >= inner.bottom() {
                break;
            }
            let start = y;
            y = self.row(row, inner, y, label_width, buf);
            if self.overlay.selected == Some(index) {
                let height = y.min(inner.bottom()) - start;
                buf.set_style(
                    Rect::new(inner.x, start, inner.width, height),
                    self.theme.list_selected,
                );
            }
        }
    }
}

/// Lines the overlay's rows need inside a box `width` columns wide (border included).
pub fn lines_needed(rows: &[Row], width: u16, ambiguous: AmbiguousWidth) -> usize {
    let inner = width.saturating_sub(2);
    let label_width = label_width(rows, inner, ambiguous);
    rows.iter()
        .map(|row| {
            let label_line = usize::from(!fits(row, label_width, ambiguous));
            row_layout(row, inner, label_width, ambiguous).1.len() + label_line
        })
        .sum()
}

fn label_width(rows: &[Row], inner_width: u16, ambiguous: AmbiguousWidth) -> usize {
    let widest = rows
        .iter()
        .map(|r| str_width(&r.label, ambiguous))
        .max()
        .unwrap_or(0);
    widest.min(MAX_LABEL).min(usize::from(inner_width) / 2)
}

fn fits(row: &Row, label_width: usize, ambiguous: AmbiguousWidth) -> bool {
    str_width(&row.label, ambiguous) <= label_width
}

/// Where a row's text starts (columns from the label's start) and its wrapped lines.
fn row_layout(
    row: &Row,
    inner_width: u16,
    label_width: usize,
    ambiguous: AmbiguousWidth,
) -> (usize, Vec<std::ops::Range<usize>>) {
    let width = usize::from(inner_width.saturating_sub(2));
    let (offset, text_width) = if fits(row, label_width, ambiguous) {
        (label_width + 2, width.saturating_sub(label_width + 2))
    } else {
        (2, width.saturating_sub(2))
    };
    let options = WrapOptions {
        width: text_width.max(2),
        first_indent: 0,
        ambiguous,
    };
    (
        offset,
        wrap(&row.text, &options)
            .into_iter()
            .map(|l| l.range)
            .collect(),
    )
}

impl OverlayView<'_> {
    /// Draws one row from line `y`; returns the line after it.
    fn row(&self, row: &Row, inner: Rect, mut y: u16, label_width: usize, buf: &mut Buffer) -> u16 {
        let x = inner.x + 1;
        let width = usize::from(inner.width.saturating_sub(2));
        draw(buf, x, y, &row.label, width, self.theme.key, self.ambiguous);
        if !fits(row, label_width, self.ambiguous) {
            y += 1;
        }
        let (offset, lines) = row_layout(row, inner.width, label_width, self.ambiguous);
        let text_x = x.saturating_add(u16::try_from(offset).unwrap_or(u16::MAX));
        let room = width.saturating_sub(offset);
        for range in lines {
            if y >= inner.bottom() {
                break;
            }
            draw(
                buf,
                text_x,
                y,
                &row.text[range],
                room,
                self.theme.text,
                self.ambiguous,
            );
            y += 1;
        }
        y
    }
}

/// Blanks a wide glyph just left of `area` whose right half the overlay covers: a terminal would
/// otherwise draw the whole glyph over the overlay's border.
fn blank_cut_glyphs(area: Rect, buf: &mut Buffer) {
    let Some(x) = area.x.checked_sub(1) else {
        return;
    };
    for y in area.top()..area.bottom() {
        let cell = &mut buf[(x, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}
