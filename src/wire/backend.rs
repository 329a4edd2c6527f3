//! A ratatui [`Backend`] that writes each frame in as few bytes as it can: ratatui's crossterm
//! backend with its `draw` replaced.
//!
//! The crossterm backend (ratatui-crossterm 0.1.2) assumes every cell moves the cursor one
//! column, so it writes a cursor move before every cell after a hanzi: on a page of Chinese the
//! moves cost more than the text. Here the cursor is followed by each cell's real width
//! ([`Cursor`]), styles change in one sequence only when they differ ([`Pen`]), the cursor is
//! hidden once rather than every frame, and the frame goes out in one write, together with any
//! scroll before it. [`encode_frame`], the same encoding with short gaps filled in, is what the
//! [`Screen`](super::Screen) writes and weighs a scroll against a redraw with.
//!
//! ratatui PR #2721 (merged, not yet released) stops the move after a wide character upstream.
//! Once a release has it, what is left here is the one-sequence styles, the short moves and
//! filled gaps, and the cursor hidden once: measure with `tests/e2e_wire_bytes.rs` before
//! dropping this.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Size};

use super::cursor::Cursor;
use super::pen::Pen;

/// ratatui's crossterm backend, drawing with fewer bytes.
pub struct WireBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// Whether the cursor is shown, once wenji has said so.
    cursor_shown: Option<bool>,
    /// Bytes not yet written (a frame, with any scroll before it), to go out in one write.
    pending: Vec<u8>,
}

impl<W: Write> WireBackend<W> {
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            cursor_shown: None,
            pending: Vec::new(),
        }
    }

    /// Queues `bytes` (a frame the screen encoded), to go out at the next flush.
    pub fn queue_bytes(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
    }

    /// Writes what is queued, ahead of anything else.
    fn write_pending(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.inner.write_all(&self.pending)?;
            self.pending.clear();
        }
        Ok(())
    }
}

/// Appends to `out` what draws `content` (changed cells, in ratatui's diff order).
pub fn encode<'a>(content: impl Iterator<Item = (u16, u16, &'a Cell)>, out: &mut Vec<u8>) {
    // Every frame starts from a reset pen (the last one ended with a reset) and an unknown
    // cursor (ratatui may have moved it to show it).
    let mut cursor = Cursor::default();
    let mut pen = Pen::default();
    for (x, y, cell) in content {
        put(x, y, cell, &mut cursor, &mut pen, out);
    }
    pen.reset(out);
}

/// Appends to `out` what turns a terminal showing `prev` into one showing `next`: ratatui's
/// diff, with a short gap between changed cells printed from `next` when that is shorter than
/// moving over it (the blank half of a hanzi that became a space costs one space, not a move).
pub fn encode_frame(prev: &Buffer, next: &Buffer, out: &mut Vec<u8>) {
    let mut cursor = Cursor::default();
    let mut pen = Pen::default();
    for (x, y, cell) in prev.diff_iter(next) {
        if let Some(from) = cursor.short_of(x, y) {
            fill_gap(next, (from, x, y), &mut cursor, &mut pen, out);
        }
        put(x, y, cell, &mut cursor, &mut pen, out);
    }
    pen.reset(out);
}

fn put(x: u16, y: u16, cell: &Cell, cursor: &mut Cursor, pen: &mut Pen, out: &mut Vec<u8>) {
    cursor.move_to(x, y, out);
    pen.change_to(cell, out);
    out.extend_from_slice(cell.symbol().as_bytes());
    cursor.printed(cell);
}

/// Prints `next`'s cells on row `y` from column `from` up to `to`, if they are ordinary cells
/// that end exactly at `to` and cost fewer bytes than the move they replace.
fn fill_gap(
    next: &Buffer,
    (from, to, y): (u16, u16, u16),
    cursor: &mut Cursor,
    pen: &mut Pen,
    out: &mut Vec<u8>,
) {
    let mut moving = Vec::new();
    let mut probe = *cursor;
    probe.move_to(to, y, &mut moving);
    let (mut fill, mut fill_cursor, mut fill_pen) = (Vec::new(), *cursor, *pen);
    let mut x = from;
    while x < to {
        let Some(cell) = next.cell((x, y)) else {
            return;
        };
        #[allow(deprecated)] // ratatui still honours the old flag in its diff
        let skipped = cell.skip || cell.diff_option == CellDiffOption::Skip;
        if skipped {
            return;
        }
        put(x, y, cell, &mut fill_cursor, &mut fill_pen, &mut fill);
        if fill.len() >= moving.len() {
            return;
        }
        let Some(after) = fill_cursor.short_of(u16::MAX, y) else {
            return;
        };
        x = after;
    }
    if x == to {
        out.extend_from_slice(&fill);
        (*cursor, *pen) = (fill_cursor, fill_pen);
    }
}

impl<W: Write> Backend for WireBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        encode(content, &mut self.pending);
        self.write_pending()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.write_pending()?;
            self.inner.hide_cursor()?;
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.write_pending()?;
            self.inner.show_cursor()?;
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.write_pending()?;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.write_pending()?;
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.write_pending()?;
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_pending()?;
        Backend::flush(&mut self.inner)
    }
}
