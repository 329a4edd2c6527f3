//! Scrolling a band of whole rows on the terminal itself, the way `less` does, so a line of
//! scrolling costs the one new line rather than every line that moved.
//!
//! The terminal is told to scroll only the rows that move (a scroll region, `ESC [ top ; bottom
//! r`); deleting lines at the region's top (`ESC [ n M`) moves the rest up and blanks the rows
//! that come in at its bottom, inserting lines (`ESC [ n L`) moves them down; the region is reset
//! straight after. The same move is made on the copy of the screen the next frame is diffed
//! against ([`Scroll::apply`]), so the diff writes only what the move did not bring. These are
//! the VT102's sequences, the ones curses scrolls with, so the Linux console and every emulator
//! know them; and none of them is a line feed, which would make Rust's line-buffered stdout
//! split the frame in two writes.

use std::fmt;
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::Command;

/// A band of whole screen rows whose content moves up or down together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    /// The rows that move, top first.
    rows: Range<u16>,
    /// How far: positive moves the content up (the view went down the text), negative down.
    by: i32,
}

impl Scroll {
    /// A move of `rows` by `by` lines; `None` when there is nothing to move (no rows, no lines,
    /// or every row would be new).
    pub fn new(rows: Range<u16>, by: i32) -> Option<Self> {
        let height = i32::from(rows.end.saturating_sub(rows.start));
        (by != 0 && by.abs() < height).then_some(Self { rows, by })
    }

    /// Whether every row that moves is on a screen of `buffer`'s size.
    pub fn fits(&self, buffer: &Buffer) -> bool {
        let area = buffer.area;
        area.x == 0 && area.y == 0 && self.rows.end <= area.height
    }

    /// Moves the rows of `buffer` as the terminal moves them: the rows that come in are blank,
    /// in the terminal's default colours. A move that does not [`fit`](Self::fits) does nothing.
    pub fn apply(&self, buffer: &mut Buffer) {
        if !self.fits(buffer) {
            return;
        }
        let width = usize::from(buffer.area.width);
        let band = &mut buffer.content
            [usize::from(self.rows.start) * width..usize::from(self.rows.end) * width];
        let shift = self.lines() * width;
        let blank = if self.by > 0 {
            band.rotate_left(shift);
            let len = band.len();
            &mut band[len - shift..]
        } else {
            band.rotate_right(shift);
            &mut band[..shift]
        };
        blank.fill(Cell::EMPTY);
    }

    fn lines(&self) -> usize {
        usize::try_from(self.by.unsigned_abs()).unwrap_or(usize::MAX)
    }
}

/// The terminal's side of a [`Scroll`], as a crossterm command.
impl Command for Scroll {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let (top, bottom) = (u32::from(self.rows.start) + 1, u32::from(self.rows.end));
        write!(f, "\x1b[{top};{bottom}r\x1b[{top}H")?;
        let action = if self.by > 0 { 'M' } else { 'L' };
        match self.lines() {
            1 => write!(f, "\x1b[{action}")?,
            lines => write!(f, "\x1b[{lines}{action}")?,
        }
        ResetScrollRegion.write_ansi(f)
    }
}

/// Gives the whole screen back to scrolling (`ESC [ r`); also moves the cursor to the top left.
#[derive(Debug, Clone, Copy)]
pub struct ResetScrollRegion;

impl Command for ResetScrollRegion {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[r")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn screen(rows: &[&str]) -> Buffer {
        Buffer::with_lines(rows.iter().copied())
    }

    fn ansi(command: &impl Command) -> String {
        let mut text = String::new();
        command.write_ansi(&mut text).expect("writes to a string");
        text
    }

    #[test]
    fn moving_up_shifts_the_band_and_blanks_its_bottom() {
        let mut buffer = screen(&["top", "a", "b", "c", "end"]);
        Scroll::new(1..4, 1).expect("a move").apply(&mut buffer);
        assert_eq!(buffer, screen(&["top", "b", "c", "", "end"]));
    }

    #[test]
    fn moving_down_shifts_the_band_and_blanks_its_top() {
        let mut buffer = screen(&["top", "a", "b", "c", "end"]);
        Scroll::new(1..4, -2).expect("a move").apply(&mut buffer);
        assert_eq!(buffer, screen(&["top", "", "", "a", "end"]));
    }

    #[test]
    fn nothing_to_move_is_no_scroll() {
        assert_eq!(Scroll::new(1..4, 0), None);
        assert_eq!(Scroll::new(1..4, 3), None);
        assert_eq!(Scroll::new(1..4, -3), None);
        assert_eq!(Scroll::new(4..4, 1), None);
    }

    #[test]
    fn a_band_below_the_screen_does_not_fit() {
        let scroll = Scroll::new(1..6, 1).expect("a move");
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 5));
        assert!(!scroll.fits(&buffer));
        let before = buffer.clone();
        scroll.apply(&mut buffer);
        assert_eq!(buffer, before);
    }

    #[test]
    fn the_terminal_scrolls_the_region_then_resets_it() {
        let up = Scroll::new(1..28, 1).expect("a move");
        assert_eq!(ansi(&up), "\x1b[2;28r\x1b[2H\x1b[M\x1b[r");
        let down = Scroll::new(1..28, -2).expect("a move");
        assert_eq!(ansi(&down), "\x1b[2;28r\x1b[2H\x1b[2L\x1b[r");
    }
}
