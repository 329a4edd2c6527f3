//! Where the terminal's cursor is while a frame is written, and the shortest way to move it.
//!
//! Printing a cell moves the cursor by the cell's width, so a run of changed cells needs no
//! moves at all, wide characters included. Only widths every terminal agrees on are trusted:
//! one column for a single narrow character (what ratatui's own backend already assumes), two for
//! a single character from the blocks that have been East Asian Wide in every Unicode version
//! (hanzi, kana, hangul, full-width forms). After anything else — emoji, a cluster of several
//! characters, a glyph whose width wenji forces for a CJK terminal — the position is forgotten
//! and the next cell is placed with an explicit move, so a terminal that disagrees about one glyph
//! shifts nothing after it.

use ratatui::buffer::{Cell, CellDiffOption};
use unicode_width::UnicodeWidthChar;

/// The cursor, as far as wenji can be sure of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// `(x, y)` when known; unknown at the start of a frame and after an untrusted glyph.
    at: Option<(u16, u16)>,
}

impl Cursor {
    /// Writes to `out` what puts the cursor at (`x`, `y`), if it is not there already.
    pub fn move_to(&mut self, x: u16, y: u16, out: &mut Vec<u8>) {
        if self.at == Some((x, y)) {
            return;
        }
        let absolute = if x == 0 {
            format!("\x1b[{}H", u32::from(y) + 1)
        } else {
            format!("\x1b[{};{}H", u32::from(y) + 1, u32::from(x) + 1)
        };
        // Frames are written row by row, left to right, so a move along the row goes right. (At
        // the last column the cursor waits to wrap one column short of where it is counted:
        // only absolute columns are safe from there, and those are all that is used to go left.)
        let sequence = match self.at {
            Some((from, row)) if row == y && x > from => {
                let forward = if x - from == 1 {
                    "\x1b[C".to_owned()
                } else {
                    format!("\x1b[{}C", x - from)
                };
                [absolute, forward]
                    .into_iter()
                    .min_by_key(String::len)
                    .unwrap_or_default()
            }
            Some((_, row)) if row == y => {
                let column = if x == 0 {
                    "\x1b[G".to_owned()
                } else {
                    format!("\x1b[{}G", u32::from(x) + 1)
                };
                if column.len() < absolute.len() {
                    column
                } else {
                    absolute
                }
            }
            _ => absolute,
        };
        out.extend_from_slice(sequence.as_bytes());
        self.at = Some((x, y));
    }

    /// Where the cursor is, when it is on row `y` short of column `x`.
    pub fn short_of(self, x: u16, y: u16) -> Option<u16> {
        self.at
            .filter(|&(from, row)| row == y && from < x)
            .map(|(from, _)| from)
    }

    /// Notes that `cell` was printed at the cursor.
    pub fn printed(&mut self, cell: &Cell) {
        self.at = match (self.at, trusted_width(cell)) {
            (Some((x, y)), Some(advance)) => Some((x.saturating_add(advance), y)),
            _ => None,
        };
    }
}

/// How far the cursor moves after printing `cell`, when every terminal agrees on it.
fn trusted_width(cell: &Cell) -> Option<u16> {
    if cell.diff_option != CellDiffOption::None {
        return None;
    }
    let mut chars = cell.symbol().chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    match c.width() {
        Some(1) => Some(1),
        Some(2) if always_wide(c) => Some(2),
        _ => None,
    }
}

/// Whether `c` lies in a block whose characters have been East Asian Wide or Fullwidth in every
/// Unicode version, so no terminal draws them one column wide.
fn always_wide(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F     // Hangul Jamo initial consonants
        | 0x2E80..=0x303E   // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        | 0x3041..=0x33FF   // kana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        | 0x3400..=0x4DBF   // CJK Unified Ideographs Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xA000..=0xA4CF   // Yi
        | 0xAC00..=0xD7A3   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK Compatibility Ideographs
        | 0xFE30..=0xFE4F   // CJK Compatibility Forms
        | 0xFF01..=0xFF60   // full-width ASCII forms
        | 0xFFE0..=0xFFE6   // full-width signs
        | 0x2_0000..=0x2_FFFD // CJK Extensions B and later
        | 0x3_0000..=0x3_FFFD
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroU16;

    fn cell(symbol: &str) -> Cell {
        let mut cell = Cell::default();
        cell.set_symbol(symbol);
        cell
    }

    fn moves(cursor: &mut Cursor, x: u16, y: u16) -> String {
        let mut out = Vec::new();
        cursor.move_to(x, y, &mut out);
        String::from_utf8(out).expect("moves are ASCII")
    }

    #[test]
    fn a_hanzi_advances_two_columns_and_the_next_one_needs_no_move() {
        let mut cursor = Cursor::default();
        assert_eq!(moves(&mut cursor, 4, 2), "\x1b[3;5H");
        cursor.printed(&cell("中"));
        assert_eq!(moves(&mut cursor, 6, 2), "");
        cursor.printed(&cell("，"));
        assert_eq!(moves(&mut cursor, 8, 2), "");
    }

    #[test]
    fn emoji_clusters_and_forced_widths_are_followed_by_a_move() {
        let mut forced = cell("“");
        forced.set_diff_option(CellDiffOption::ForcedWidth(
            NonZeroU16::MIN.saturating_add(1),
        ));
        for printed in [cell("😀"), cell("❤️"), cell("e\u{301}"), forced] {
            let mut cursor = Cursor::default();
            moves(&mut cursor, 0, 0);
            cursor.printed(&printed);
            assert_eq!(moves(&mut cursor, 2, 0), "\x1b[1;3H", "after {printed:?}");
        }
    }

    #[test]
    fn a_short_hop_along_the_row_is_relative() {
        let mut cursor = Cursor::default();
        moves(&mut cursor, 10, 5);
        cursor.printed(&cell("a"));
        assert_eq!(moves(&mut cursor, 12, 5), "\x1b[C");
        cursor.printed(&cell("a"));
        assert_eq!(moves(&mut cursor, 40, 5), "\x1b[27C");
        assert_eq!(moves(&mut cursor, 0, 5), "\x1b[G");
        assert_eq!(moves(&mut cursor, 0, 6), "\x1b[7H");
    }

    #[test]
    fn going_left_or_on_from_the_last_column_uses_absolute_columns() {
        let mut cursor = Cursor::default();
        moves(&mut cursor, 78, 0);
        cursor.printed(&cell("中"));
        assert_eq!(moves(&mut cursor, 0, 1), "\x1b[2H");
        cursor.printed(&cell("a"));
        assert_eq!(moves(&mut cursor, 79, 1), "\x1b[78C");
        cursor.printed(&cell("a"));
        assert_eq!(moves(&mut cursor, 3, 1), "\x1b[4G");
    }
}
