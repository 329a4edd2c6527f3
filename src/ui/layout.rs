//! Where each pane goes for a given terminal size, and the sizes the state needs from that.

use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Block, Borders};

use crate::state::Viewport;

/// Below this size the app shows a one-line notice instead of its layout.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

/// Rows each list entry takes: title, then speaker · role.
pub const LIST_ENTRY_ROWS: u16 = 2;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The list pane, border included.
    pub list: Rect,
    /// The reading pane, border included.
    pub reader: Rect,
    pub status: Rect,
}

impl Areas {
    /// `None` when the terminal is too small for any layout.
    /// The layout for `screen`; `wide_list` gives the list pane most of the width (for the
    /// concordance, whose lines need room on both sides of the hit).
    pub fn new(screen: Rect, wide_list: bool) -> Option<Self> {
        if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
            return None;
        }
        let body_height = screen.height - 1;
        // Wide enough at 100 columns for a 19-hanzi title, never more than half the screen.
        let list_width = if wide_list {
            screen.width * 3 / 5
        } else {
            (screen.width * 21 / 50).clamp(22, 48).min(screen.width / 2)
        };
        let list = Rect::new(screen.x, screen.y, list_width, body_height);
        let reader = Rect::new(
            screen.x + list_width,
            screen.y,
            screen.width - list_width,
            body_height,
        );
        let status = Rect::new(screen.x, screen.y + body_height, screen.width, 1);
        Some(Self {
            list,
            reader,
            status,
        })
    }

    /// Inside the list pane's border.
    pub fn list_inner(&self) -> Rect {
        Block::new().borders(Borders::ALL).inner(self.list)
    }

    /// The reading pane's text area: inside the border, one column of padding each side.
    pub fn reader_text(&self) -> Rect {
        let inner = Block::new().borders(Borders::ALL).inner(self.reader);
        if inner.width > 10 {
            inner.inner(Margin::new(1, 0))
        } else {
            inner
        }
    }

    /// How wide overlays are on this screen.
    pub fn overlay_width(screen: Rect) -> u16 {
        screen.width.saturating_sub(4).min(76)
    }

    /// An overlay of `lines` lines, centred; as tall as they need and the screen allows.
    pub fn overlay(screen: Rect, lines: usize) -> Rect {
        let rows = u16::try_from(lines).unwrap_or(u16::MAX);
        let width = Self::overlay_width(screen);
        let height = rows.saturating_add(2).min(screen.height.saturating_sub(2));
        Rect::new(
            screen.x + (screen.width - width) / 2,
            screen.y + (screen.height - height) / 2,
            width,
            height,
        )
    }

    /// The sizes the state needs to scroll and page correctly.
    pub fn viewport(&self, screen: Rect) -> Viewport {
        let text = self.reader_text();
        Viewport {
            list_rows: usize::from(self.list_inner().height / LIST_ENTRY_ROWS),
            reader_width: usize::from(text.width),
            reader_height: usize::from(text.height),
            overlay_height: usize::from(screen.height.saturating_sub(4)),
        }
    }
}
