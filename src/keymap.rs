//! The only place that knows key codes: a table from keys to [`Action`]s, each entry described so
//! the help overlay and the status-bar hints are generated from it.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, Pane};

/// A key and its modifiers (Shift is implied by the character for letters and symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }
    const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// How the key is written in help: `j`, `Down`, `Ctrl-d`, `Space`, `PgDn`.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            // Words, not arrows: arrows are ambiguous-width and misdrawn in CJK terminals.
            KeyCode::Down => "Down".to_owned(),
            KeyCode::Up => "Up".to_owned(),
            KeyCode::Left => "Left".to_owned(),
            KeyCode::Right => "Right".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// One entry of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help overlay says.
    pub description: &'static str,
    /// The short word shown in the status bar, for the few bindings worth a hint there.
    pub hint: Option<&'static str>,
}

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    /// An overlay (help, warnings) is open and takes the movement keys.
    Overlay,
    /// The search line has the keyboard: characters are typed into it.
    Search,
    /// The go-to prompt has the keyboard.
    GoTo,
}

const fn bind(keys: &'static [Key], action: Action, description: &'static str) -> Binding {
    Binding {
        keys,
        action,
        description,
        hint: None,
    }
}

const fn hinted(
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        description,
        hint: Some(hint),
    }
}

/// Keys that work everywhere, before any mode's table is consulted.
pub const GLOBAL: &[Binding] = &[
    bind(&[Key::ctrl('c')], Action::Quit, "quit from anywhere"),
    bind(
        &[Key::ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg resumes)",
    ),
];

/// Browsing: the list and the reading pane.
pub const BROWSE: &[Binding] = &[
    hinted(
        &[Key::char('j'), Key::plain(KeyCode::Down)],
        Action::MoveDown,
        "next article / scroll down a line",
        "move",
    ),
    bind(
        &[Key::char('k'), Key::plain(KeyCode::Up)],
        Action::MoveUp,
        "previous article / scroll up a line",
    ),
    hinted(
        &[
            Key::plain(KeyCode::Enter),
            Key::char('l'),
            Key::plain(KeyCode::Right),
        ],
        Action::Open,
        "open the selected article in the reader",
        "read",
    ),
    bind(
        &[Key::char('h'), Key::plain(KeyCode::Left)],
        Action::Back,
        "back to the article list",
    ),
    hinted(
        &[Key::plain(KeyCode::Tab)],
        Action::ToggleFocus,
        "switch between list and reader",
        "pane",
    ),
    bind(
        &[Key::char(' '), Key::plain(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[Key::char('b'), Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(&[Key::ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind(&[Key::ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind(
        &[Key::char('g'), Key::plain(KeyCode::Home)],
        Action::Top,
        "first article / top of the text",
    ),
    bind(
        &[Key::char('G'), Key::plain(KeyCode::End)],
        Action::Bottom,
        "last article / end of the text",
    ),
    bind(
        &[Key::char('z')],
        Action::ToggleList,
        "hide or show the list (focused reading)",
    ),
    bind(&[Key::char('<')], Action::NarrowList, "narrower list pane"),
    bind(&[Key::char('>')], Action::WidenList, "wider list pane"),
    hinted(
        &[Key::char(']')],
        Action::NextArticle,
        "next article",
        "next",
    ),
    bind(
        &[Key::char('[')],
        Action::PreviousArticle,
        "previous article",
    ),
    hinted(
        &[Key::char('r')],
        Action::ToggleRaw,
        "raw view: the source file with line numbers",
        "raw",
    ),
    bind(
        &[Key::char('o')],
        Action::ToggleOutline,
        "outline of the article; Enter goes there",
    ),
    bind(
        &[Key::char('i')],
        Action::ShowLocation,
        "file:line of the paragraph at the top",
    ),
    bind(
        &[Key::char('!')],
        Action::ToggleWarnings,
        "what went wrong while loading",
    ),
    hinted(
        &[Key::char('?')],
        Action::ToggleHelp,
        "show this help",
        "help",
    ),
    hinted(
        &[Key::char('/')],
        Action::StartSearch,
        "search; every key narrows the list",
        "search",
    ),
    bind(
        &[Key::char('n')],
        Action::NextHit,
        "next hit (into the next article)",
    ),
    bind(&[Key::char('N')], Action::PreviousHit, "previous hit"),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::ClearSearch,
        "clear the search; back to the list",
    ),
    hinted(&[Key::char('q')], Action::Quit, "quit", "quit"),
];

/// The search line has the keyboard; any other character is typed into it.
pub const SEARCH: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::SearchSubmit,
        "search line: keep the results and browse them",
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::SearchCancel,
        "search line: back to where you were before /",
    ),
    bind(
        &[Key::plain(KeyCode::Up)],
        Action::HistoryPrevious,
        "search line: earlier query",
    ),
    bind(
        &[Key::plain(KeyCode::Down)],
        Action::HistoryNext,
        "search line: later query",
    ),
    bind(
        &[Key::ctrl('n')],
        Action::SearchSelectNext,
        "search line: next matching article",
    ),
    bind(
        &[Key::ctrl('p')],
        Action::SearchSelectPrevious,
        "search line: previous matching article",
    ),
    bind(
        &[Key::plain(KeyCode::Tab)],
        Action::ToggleConcordance,
        "search line: matching articles / concordance of hits",
    ),
    bind(
        &[Key::plain(KeyCode::Backspace)],
        Action::SearchBackspace,
        "search line: delete back",
    ),
    bind(
        &[Key::plain(KeyCode::Delete)],
        Action::SearchDelete,
        "search line: delete forward",
    ),
    bind(
        &[Key::ctrl('w')],
        Action::SearchDeleteWord,
        "search line: delete the word before",
    ),
    bind(&[Key::ctrl('u')], Action::SearchClear, "search line: clear"),
    bind(
        &[Key::plain(KeyCode::Left)],
        Action::SearchLeft,
        "search line: cursor left",
    ),
    bind(
        &[Key::plain(KeyCode::Right)],
        Action::SearchRight,
        "search line: cursor right",
    ),
    bind(
        &[Key::plain(KeyCode::Home), Key::ctrl('a')],
        Action::SearchHome,
        "search line: to the start",
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::ctrl('e')],
        Action::SearchEnd,
        "search line: to the end",
    ),
];

/// The go-to prompt has the keyboard; any other character is typed into it.
pub const GO_TO: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::GoToSubmit,
        "go-to prompt: go there",
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::GoToCancel,
        "go-to prompt: close",
    ),
    bind(
        &[Key::plain(KeyCode::Backspace)],
        Action::GoToBackspace,
        "go-to prompt: delete back",
    ),
];

/// An overlay (help, warnings) is open: scroll it, or close it.
pub const OVERLAY: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::Open,
        "go to the selected entry",
    ),
    bind(
        &[Key::char(':')],
        Action::StartGoTo,
        "go to: a number for an article, p and a number for a paragraph",
    ),
    bind(&[Key::char('o')], Action::ToggleOutline, "outline"),
    bind(
        &[Key::char('j'), Key::plain(KeyCode::Down)],
        Action::MoveDown,
        "scroll down",
    ),
    bind(
        &[Key::char('k'), Key::plain(KeyCode::Up)],
        Action::MoveUp,
        "scroll up",
    ),
    bind(
        &[Key::char(' '), Key::plain(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[Key::char('b'), Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(
        &[Key::char('g'), Key::plain(KeyCode::Home)],
        Action::Top,
        "top",
    ),
    bind(
        &[Key::char('G'), Key::plain(KeyCode::End)],
        Action::Bottom,
        "bottom",
    ),
    bind(&[Key::char('?')], Action::ToggleHelp, "help"),
    bind(&[Key::char('!')], Action::ToggleWarnings, "warnings"),
    bind(
        &[Key::char('q'), Key::plain(KeyCode::Esc)],
        Action::CloseOverlay,
        "close",
    ),
];

/// The bindings that apply in `mode`, global ones first.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let table = match mode {
        Mode::Browse => BROWSE,
        Mode::Overlay => OVERLAY,
        Mode::Search => SEARCH,
        Mode::GoTo => GO_TO,
    };
    GLOBAL.iter().chain(table)
}

/// The rows of the help overlay: the keys of one binding and what they do, browse keys first.
pub fn help_entries() -> Vec<(String, &'static str)> {
    BROWSE
        .iter()
        .chain(GLOBAL)
        .chain(SEARCH)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
            (keys.join(" "), b.description)
        })
        .chain(std::iter::once((
            "mouse wheel".to_owned(),
            "scroll the pane under the pointer",
        )))
        .collect()
}

/// The status-bar hints: `(keys, word)` for the bindings that carry one.
pub fn hints() -> impl Iterator<Item = (String, &'static str)> {
    BROWSE
        .iter()
        .filter_map(|b| Some((b.keys.first()?.label(), b.hint?)))
}

/// The action for a key press in `mode`, if any.
pub fn action(mode: Mode, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        // Some terminals report Shift-g as `G` with SHIFT, others as `g` with SHIFT.
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        code => code,
    };
    let pressed = Key { code, ctrl };
    bindings(mode)
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action.clone())
        .or_else(|| match (mode, pressed) {
            (
                Mode::Search,
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            ) if !event.modifiers.contains(KeyModifiers::ALT) => Some(Action::SearchInput(c)),
            (
                Mode::GoTo,
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            ) => Some(Action::GoToInput(c)),
            _ => None,
        })
}

/// The action for pasted text: typed into the search line, ignored elsewhere.
pub fn paste_action(mode: Mode, text: String) -> Option<Action> {
    (mode == Mode::Search).then_some(Action::SearchPaste(text))
}

/// The action for a mouse event, given where the panes are on screen.
pub fn mouse_action(event: MouseEvent, list: Rect, reader: Rect) -> Option<Action> {
    let at = Position::new(event.column, event.row);
    let pane = if list.contains(at) {
        Pane::List
    } else if reader.contains(at) {
        Pane::Reader
    } else {
        return None;
    };
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::WheelDown(pane)),
        MouseEventKind::ScrollUp => Some(Action::WheelUp(pane)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_browse_key_is_bound_once() {
        let keys: Vec<Key> = bindings(Mode::Browse)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(key), "{} bound twice", key.label());
        }
    }

    #[test]
    fn shifted_g_goes_to_the_end_however_the_terminal_reports_it() {
        let upper = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let lower = press(KeyCode::Char('g'), KeyModifiers::SHIFT);
        assert_eq!(action(Mode::Browse, upper), Some(Action::Bottom));
        assert_eq!(action(Mode::Browse, lower), Some(Action::Bottom));
    }

    #[test]
    fn ctrl_c_quits_even_in_an_overlay_and_q_only_closes_it() {
        assert_eq!(
            action(
                Mode::Overlay,
                press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action(Mode::Overlay, press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::CloseOverlay)
        );
    }

    #[test]
    fn key_labels_read_as_in_the_help() {
        assert_eq!(Key::ctrl('d').label(), "Ctrl-d");
        assert_eq!(Key::plain(KeyCode::PageDown).label(), "PgDn");
        assert_eq!(Key::char(' ').label(), "Space");
    }
}
