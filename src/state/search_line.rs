//! The search line's text: editing it, and recalling earlier queries.

use ratatui_textarea::{CursorMove, TextArea};

use super::State;
use crate::action::Action;
use crate::text::sanitize::{is_rewritten, sanitize_line};

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
///
/// What is typed or pasted goes in as the text it will be matched against shows it: sanitised on
/// one line, so a control becomes its placeholder (and finds the placeholders in the text), a
/// line end a space, and a bidi or zero-width character nothing, never drawn.
pub(super) fn edit_input(input: &mut TextArea<'static>, action: Action) {
    match action {
        Action::SearchInput(c) if !is_rewritten(c) => input.insert_char(c),
        Action::SearchInput(c) => {
            input.insert_str(sanitize_line(c.encode_utf8(&mut [0; 4])).0);
        }
        Action::SearchPaste(text) => {
            input.insert_str(sanitize_line(&text).0);
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
