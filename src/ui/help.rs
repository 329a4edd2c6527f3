//! The help overlay, generated from the keymap table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use super::theme::Theme;
use crate::keymap;

/// Columns given to the keys before their description.
const KEY_COLUMN: u16 = 22;

/// Draws the key table from line `top`.
pub struct HelpView<'a> {
    pub top: usize,
    pub theme: &'a Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let entries = keymap::help_entries();
        let inner_height = usize::from(area.height.saturating_sub(2));
        let more = if self.top + inner_height < entries.len() {
            " j/k scroll "
        } else {
            ""
        };
        let block = Block::bordered()
            .title(" Keys — ? or Esc closes ")
            .title_bottom(more)
            .border_style(self.theme.border_focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let key_width = KEY_COLUMN.min(inner.width / 2);
        for (y, (keys, description)) in (inner.y..inner.bottom()).zip(entries.iter().skip(self.top))
        {
            buf.set_stringn(
                inner.x + 1,
                y,
                keys,
                usize::from(key_width),
                self.theme.status_key.bg(ratatui::style::Color::Reset),
            );
            let x = inner.x + 1 + key_width;
            let room = usize::from(inner.right().saturating_sub(x));
            buf.set_stringn(x, y, description, room, self.theme.text);
        }
    }
}
