//! The only place that knows key codes: a table from keys to [`Action`]s, each entry described so
//! the help overlay and the status-bar hints are generated from it.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, Pane};

mod claims;
mod hints;
mod names;
mod overrides;
mod spec;
mod tables;

pub use claims::KeyProblem;
pub use names::{action_named, action_names};
pub use overrides::Keymap;
pub use spec::{KeySpec, KeySpecError};
pub use tables::{BROWSE, GLOBAL, GO_TO, OVERLAY, SEARCH};

/// A key and its modifiers (Shift is implied by the character for letters and symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub(crate) const fn plain(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }
    pub(crate) const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }
    pub(crate) const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// The key of a key event.
    pub fn of(event: KeyEvent) -> Self {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Some terminals report Shift-g as `G` with SHIFT, others as `g` with SHIFT.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            code => code,
        };
        Self { code, ctrl }
    }

    /// Reads a key as config files write it: `q`, `Q`, `ctrl-d`, `enter`, `space`, `pgdn`, `f1`.
    ///
    /// ```
    /// use wenji::keymap::Key;
    /// assert_eq!(Key::parse("ctrl-d").map(|k| k.label()), Some("Ctrl-d".to_owned()));
    /// assert_eq!(Key::parse("pgdn").map(|k| k.label()), Some("PgDn".to_owned()));
    /// assert!(Key::parse("hyper-x").is_none());
    /// ```
    pub fn parse(spec: &str) -> Option<Self> {
        let spec: KeySpec = spec.parse().ok()?;
        Some(Self {
            code: spec.code,
            ctrl: spec.modifiers.contains(KeyModifiers::CONTROL),
        })
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

pub(crate) const fn bind(
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        description,
        hint: None,
    }
}

pub(crate) const fn hinted(
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

/// The table of `mode`, without the global keys.
fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Browse => BROWSE,
        Mode::Overlay => OVERLAY,
        Mode::Search => SEARCH,
        Mode::GoTo => GO_TO,
    }
}

/// The bindings that apply in `mode`, global ones first.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    GLOBAL.iter().chain(table(mode))
}

/// The action for a key press in `mode` by the default tables, if any.
fn default_action(mode: Mode, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let pressed = Key::of(event);
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
    let top = if pane == Pane::List { list.y } else { reader.y };
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::WheelDown(pane)),
        MouseEventKind::ScrollUp => Some(Action::WheelUp(pane)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(pane, event.row - top)),
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
        assert_eq!(default_action(Mode::Browse, upper), Some(Action::Bottom));
        assert_eq!(default_action(Mode::Browse, lower), Some(Action::Bottom));
    }

    #[test]
    fn ctrl_c_quits_even_in_an_overlay_and_q_only_closes_it() {
        assert_eq!(
            default_action(
                Mode::Overlay,
                press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            default_action(Mode::Overlay, press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::CloseOverlay)
        );
    }

    #[test]
    fn every_browsing_feature_has_its_key() {
        let browse =
            |c: char| default_action(Mode::Browse, press(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(browse(':'), Some(Action::StartGoTo));
        assert_eq!(browse('o'), Some(Action::ToggleOutline));
        assert_eq!(browse('m'), Some(Action::ToggleBookmark));
        assert_eq!(browse('\''), Some(Action::ToggleBookmarks));
        assert_eq!(browse('Y'), Some(Action::YankCited));
        assert_eq!(browse('/'), Some(Action::StartSearch));
    }

    #[test]
    fn key_labels_read_as_in_the_help() {
        assert_eq!(Key::ctrl('d').label(), "Ctrl-d");
        assert_eq!(Key::plain(KeyCode::PageDown).label(), "PgDn");
        assert_eq!(Key::char(' ').label(), "Space");
    }
}
