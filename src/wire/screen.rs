//! The ratatui `Terminal` wenji draws with, and the copy of the screen that lets it scroll rows in
//! place.
//!
//! Before a frame, the app may say which rows it expects to have moved ([`Screen::scroll_hint`]).
//! Once the frame is rendered, the screen weighs the two ways to show it: ratatui's diff against
//! what the terminal shows, or the terminal scrolling the rows and the diff against the moved
//! screen. Both are encoded exactly as they would be sent, and the shorter goes out; so a hint can
//! cost bytes only in the weighing, never on the wire, and a wrong one is simply not used.

use std::io::{self, Write};

use ratatui::buffer::Buffer;
use ratatui::crossterm::Command;
use ratatui::layout::{Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

use super::backend::{WireBackend, encode};
use super::scroll::Scroll;

/// A terminal drawn by ratatui through a [`WireBackend`].
pub struct Screen<W: Write> {
    terminal: Terminal<WireBackend<W>>,
    /// The last frame drawn, as the terminal shows it; `None` before the first.
    shown: Option<Buffer>,
    /// The rows the next frame is expected to have moved.
    hint: Option<Scroll>,
    /// Room to weigh the two ways of drawing a frame.
    scratch: Vec<u8>,
}

impl<W: Write> Screen<W> {
    /// Draws on the whole terminal `writer` leads to.
    pub fn new(writer: W) -> io::Result<Self> {
        Ok(Self::with(Terminal::new(WireBackend::new(writer))?))
    }

    /// Draws on `area` only, without asking the terminal its size (for tests).
    pub fn fixed(writer: W, area: Rect) -> io::Result<Self> {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        Ok(Self::with(Terminal::with_options(
            WireBackend::new(writer),
            options,
        )?))
    }

    fn with(terminal: Terminal<WireBackend<W>>) -> Self {
        Self {
            terminal,
            shown: None,
            hint: None,
            scratch: Vec::new(),
        }
    }

    pub fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    /// Says that the next frame shows `scroll`'s rows moved; that frame scrolls them on the
    /// terminal if that takes fewer bytes than redrawing them.
    pub fn scroll_hint(&mut self, scroll: Scroll) {
        self.hint = Some(scroll);
    }

    /// Renders a frame and sends what changed. The terminal's cursor stays hidden: wenji's views
    /// draw their cursors as cells.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame<'_>)) -> io::Result<()> {
        self.terminal.autoresize()?;
        render(&mut self.terminal.get_frame());
        if let Some(scroll) = self.hint.take() {
            self.scroll_if_shorter(&scroll)?;
        }
        let frame = self.terminal.apply_buffer()?;
        let shown = self.shown.get_or_insert_with(Buffer::default);
        shown.area = frame.buffer.area;
        shown.content.clone_from(&frame.buffer.content);
        Ok(())
    }

    /// Scrolls `scroll`'s rows on the terminal when that and the diff after it are shorter than
    /// the diff alone; ratatui's previous frame is then the moved screen, so it diffs against that.
    fn scroll_if_shorter(&mut self, scroll: &Scroll) -> io::Result<()> {
        let next = self.terminal.current_buffer_mut();
        let Some(shown) = self
            .shown
            .as_ref()
            .filter(|shown| shown.area == next.area && scroll.fits(shown))
        else {
            return Ok(());
        };
        let mut moved = shown.clone();
        scroll.apply(&mut moved);
        let scratch = &mut self.scratch;
        scratch.clear();
        encode(shown.diff_iter(&*next), scratch);
        let redraw = scratch.len();
        scratch.clear();
        scroll
            .write_ansi(&mut Ansi(scratch))
            .map_err(io::Error::other)?;
        encode(moved.diff_iter(&*next), scratch);
        if scratch.len() >= redraw {
            return Ok(());
        }
        // ratatui diffs against its previous buffer, which it does not lend out: put the moved
        // screen in the current one, swap it into the previous one, then put the frame back.
        let next = std::mem::take(next);
        *self.terminal.current_buffer_mut() = moved;
        self.terminal.swap_buffers();
        *self.terminal.current_buffer_mut() = next;
        self.terminal.backend_mut().queue(scroll)
    }
}

/// Writes a command's text into a byte buffer.
struct Ansi<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Ansi<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}
