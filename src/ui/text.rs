//! Drawing text into the buffer with wenji's own column widths.
//!
//! ratatui measures with `unicode-width`'s narrow reading of ambiguous characters (`“ ” … — ·`,
//! and letters such as `α ø`, which `unicode-width` keeps narrow in every context). In a terminal
//! that draws them wide, every such glyph would shift the rest of the line, so in wide mode each
//! one is written with ratatui's per-cell forced width and the cell after it is left covered,
//! keeping ratatui's idea of the screen and the terminal's in step.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::width::{AmbiguousWidth, grapheme_width};

/// Writes `text` at (`x`, `y`) in at most `max_width` columns; returns the column after it.
/// A glyph that does not fit whole is left out, never split.
pub fn draw(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    max_width: usize,
    style: Style,
    ambiguous: AmbiguousWidth,
) -> u16 {
    if ambiguous == AmbiguousWidth::Narrow {
        return buf.set_stringn(x, y, text, max_width, style).0;
    }
    let right = buf
        .area
        .right()
        .min(x.saturating_add(u16::try_from(max_width).unwrap_or(u16::MAX)));
    let mut x = x;
    for grapheme in text.graphemes(true) {
        if grapheme.contains(char::is_control) {
            continue;
        }
        let width = grapheme_width(grapheme, ambiguous);
        let Ok(columns) = u16::try_from(width) else {
            continue;
        };
        if columns == 0 {
            continue;
        }
        if x.saturating_add(columns) > right {
            break;
        }
        let cell = &mut buf[(x, y)];
        cell.set_symbol(grapheme).set_style(style);
        if usize::from(columns) != grapheme.width()
            && let Some(forced) = NonZeroU16::new(columns)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for covered in x + 1..x + columns {
            buf[(covered, y)].reset();
        }
        x += columns;
    }
    x
}

/// What a buffer shows, as lines of text: a wide glyph once, its covered cell skipped, as a
/// terminal shows it (for snapshots and checks of what a person would see). A forced cell width
/// counts over `unicode-width`'s, as the terminal it was forced for draws it.
pub fn buffer_text(buffer: &Buffer) -> String {
    let mut text = String::new();
    for y in buffer.area.top()..buffer.area.bottom() {
        let mut x = buffer.area.left();
        while x < buffer.area.right() {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            text.push_str(symbol);
            let columns = match cell.diff_option {
                CellDiffOption::ForcedWidth(forced) => forced.get(),
                _ => u16::try_from(symbol.width()).unwrap_or(1),
            };
            x = x.saturating_add(columns.max(1));
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn wide_quotes_take_two_cells_and_the_next_glyph_moves_over() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let end = draw(
            &mut buf,
            0,
            0,
            "“好”",
            10,
            Style::new(),
            AmbiguousWidth::Wide,
        );
        assert_eq!(end, 6);
        assert_eq!(buf[(0, 0)].symbol(), "“");
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1))
        );
        assert_eq!(buf[(2, 0)].symbol(), "好");
        assert_eq!(buf[(4, 0)].symbol(), "”");
    }

    #[test]
    fn snapshot_text_shows_a_wide_greek_letter_once_as_a_cjk_terminal_does() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let end = draw(&mut buf, 0, 0, "α好", 6, Style::new(), AmbiguousWidth::Wide);
        assert_eq!(end, 4);
        assert_eq!(buffer_text(&buf), "α好  \n");
    }

    #[test]
    fn a_glyph_that_does_not_fit_is_left_out() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        let end = draw(&mut buf, 0, 0, "a“b", 3, Style::new(), AmbiguousWidth::Wide);
        assert_eq!(end, 3);
        assert_eq!(buf[(1, 0)].symbol(), "“");
        let end = draw(&mut buf, 0, 0, "ab“", 3, Style::new(), AmbiguousWidth::Wide);
        assert_eq!(end, 2);
    }
}
