//! The ratatui `Terminal` wenji draws with, and the copy of the screen that lets it scroll rows in
//! place.
//!
//! Before a frame, the app may say which rows it expects to have moved ([`Screen::scroll_hint`]).
//! Once the frame is rendered, the screen weighs the two ways to show it: the diff against what
//! the terminal shows, or the terminal scrolling the rows and the diff against the moved screen.
//! Both are encoded exactly as they would be sent, and the shorter goes out; so a hint can cost
//! bytes only in the weighing, never on the wire, and a wrong one is simply not used. The screen
//! writes the diff itself ([`encode_frame`]) rather than through `Terminal::draw`, which only
//! sees ratatui's previous frame and could not be told that the terminal moved it.

use std::io::{self, Write};

use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::Command;
use ratatui::layout::{Rect, Size};
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};

use super::backend::{WireBackend, encode_frame};
use super::scroll::Scroll;

/// A terminal drawn by ratatui through a [`WireBackend`].
pub struct Screen<W: Write> {
    terminal: Terminal<WireBackend<W>>,
    /// The last frame drawn, as the terminal shows it; `None` before the first.
    shown: Option<Buffer>,
    /// The rows the next frame is expected to have moved.
    hint: Option<Scroll>,
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
        // A resize clears the terminal, and ratatui's previous frame with it.
        self.terminal.autoresize()?;
        render(&mut self.terminal.get_frame());
        let next = self.terminal.current_buffer_mut();
        let blank;
        let shown = match &self.shown {
            Some(shown) if shown.area == next.area => shown,
            _ => {
                blank = Buffer::empty(next.area);
                &blank
            }
        };
        let mut bytes = Vec::new();
        encode_frame(shown, next, &mut bytes);
        if let Some(scroll) = self.hint.take().filter(|scroll| scroll.fits(shown)) {
            let mut moved = shown.clone();
            scroll.apply(&mut moved);
            let mut scrolled = Vec::new();
            scroll
                .write_ansi(&mut Ansi(&mut scrolled))
                .map_err(io::Error::other)?;
            encode_frame(&moved, next, &mut scrolled);
            if scrolled.len() < bytes.len() {
                bytes = scrolled;
            }
        }
        let shown = self.shown.get_or_insert_with(Buffer::default);
        shown.area = next.area;
        shown.content.clone_from(&next.content);
        self.terminal.backend_mut().queue_bytes(&bytes);
        // What `Terminal::draw` does after its own diff, which is not used.
        self.terminal.hide_cursor()?;
        self.terminal.swap_buffers();
        Backend::flush(self.terminal.backend_mut())
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
