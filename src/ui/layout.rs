//! Where each pane goes for a given terminal size, and the sizes the state needs from that.

use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Block, Borders};

use crate::action::Pane;
use crate::state::{State, Viewport};

/// Below this size the app shows a one-line notice instead of its layout.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

/// Rows each list entry takes: title, then speaker · role.
pub const LIST_ENTRY_ROWS: u16 = 2;

/// Below this width the app shows one pane at a time: the list, or the reader.
pub const SINGLE_PANE_BELOW: u16 = 70;
/// The narrowest the list pane gets when resized with `<`.
const MIN_LIST: u16 = 16;
/// The narrowest the reading pane gets when the list is widened with `>`.
const MIN_READER: u16 = 20;

/// What the layout depends on besides the screen size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// The concordance is shown: give the list pane most of the width.
    pub wide_list: bool,
    /// The list is hidden for focused reading (`z`).
    pub list_hidden: bool,
    /// Columns added to (or taken from) the list pane with `>` and `<`.
    pub list_delta: i16,
    /// The list has focus (on a narrow screen, the pane shown).
    pub list_focused: bool,
}

impl Shape {
    pub fn of(state: &State) -> Self {
        Self {
            wide_list: state.concordance_shown(),
            list_hidden: state.list_hidden,
            list_delta: state.list_delta,
            list_focused: state.focus == Pane::List,
        }
    }
}

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The list pane, border included; empty when hidden.
    pub list: Rect,
    /// The reading pane, border included; empty when hidden.
    pub reader: Rect,
    pub status: Rect,
    /// Where the reader is, or would be when shown: its text is laid out for this size even
    /// while the list has the screen, so switching panes needs no relayout.
    reader_frame: Rect,
}

impl Areas {
    /// The layout for `screen` and `shape`; `None` when the terminal is too small for any.
    pub fn new(screen: Rect, shape: Shape) -> Option<Self> {
        if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
            return None;
        }
        let body = Rect::new(screen.x, screen.y, screen.width, screen.height - 1);
        let list_width = if screen.width < SINGLE_PANE_BELOW {
            if shape.list_focused && !shape.list_hidden {
                body.width
            } else {
                0
            }
        } else if shape.list_hidden {
            0
        } else if shape.wide_list {
            body.width * 3 / 5
        } else {
            // Wide enough at 100 columns for a 19-hanzi title, never more than half the screen.
            let base = (body.width * 21 / 50).clamp(22, 48).min(body.width / 2);
            base.saturating_add_signed(shape.list_delta)
                .clamp(MIN_LIST, body.width - MIN_READER)
        };
        let list = Rect::new(body.x, body.y, list_width, body.height);
        let reader = Rect::new(
            body.x + list_width,
            body.y,
            body.width - list_width,
            body.height,
        );
        let reader_frame = if reader.width == 0 { body } else { reader };
        let status = Rect::new(screen.x, screen.y + body.height, screen.width, 1);
        Some(Self {
            list,
            reader,
            status,
            reader_frame,
        })
    }

    /// Inside the list pane's border.
    pub fn list_inner(&self) -> Rect {
        Block::new().borders(Borders::ALL).inner(self.list)
    }

    /// The reading pane's text area: inside the border, one column of padding each side.
    pub fn reader_text(&self) -> Rect {
        let inner = Block::new().borders(Borders::ALL).inner(self.reader_frame);
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
