//! The search line's text: editing it, and recalling earlier queries.

use ratatui_textarea::{CursorMove, TextArea};

use super::State;
use crate::action::Action;

impl State {
    pub(super) fn recall(&mut self, older: bool) {
        let Some(search) = &mut self.search else {
            return;
        };
        if self.history.is_empty() {
            return;
        }
        let last = self.history.len() - 1;
        let cursor = match (search.history_cursor, older) {
            (None, true) => Some(last),
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) if at < last => Some(at + 1),
            (_, false) => None,
        };
        search.history_cursor = cursor;
        let text = cursor.map_or("", |at| self.history[at].as_str());
        let mut input = TextArea::new(vec![text.to_owned()]);
        input.set_cursor_line_style(ratatui::style::Style::new());
        input.move_cursor(CursorMove::End);
        search.input = input;
    }
}

/// Applies an editing action to the search line.
pub(super) fn edit_input(input: &mut TextArea<'static>, action: Action) {
    match action {
        Action::SearchInput(c) => input.insert_char(c),
        Action::SearchPaste(text) => {
            let one_line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            input.insert_str(one_line);
        }
        Action::SearchBackspace => {
            input.delete_char();
        }
        Action::SearchDelete => {
            input.delete_next_char();
        }
        Action::SearchDeleteWord => {
            input.delete_word();
        }
        Action::SearchClear => {
            input.move_cursor(CursorMove::End);
            input.delete_line_by_head();
        }
        Action::SearchLeft => input.move_cursor(CursorMove::Back),
        Action::SearchRight => input.move_cursor(CursorMove::Forward),
        Action::SearchHome => input.move_cursor(CursorMove::Head),
        Action::SearchEnd => input.move_cursor(CursorMove::End),
        _ => {}
    }
}
