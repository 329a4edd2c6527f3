//! Key specs as config files write them (`"q"`, `"Q"`, `"ctrl-d"`, `"pgdn"`, `"f1"`): their
//! syntax, and the key events they stand for. Which action a key runs is for the tables and the
//! overrides; `config` only checks with a [`KeySpec`] that the specs it reads are well formed.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key, with Ctrl or without, parsed from a spec such as `"ctrl-j"`.
///
/// A character is kept as written, so `"Q"` is the upper-case letter (Shift is implied by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    /// `CONTROL` or nothing.
    pub modifiers: KeyModifiers,
}

/// A key spec that is not one wenji understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key `{0}` (write a character, or one of enter, esc, tab, space, backspace, delete, \
     up, down, left, right, pgup, pgdn, home, end, f1–f12, with ctrl- in front if wanted)"
)]
pub struct KeySpecError(pub String);

/// Names and the keys they stand for; the first name of a key is how it is printed.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

impl FromStr for KeySpec {
    type Err = KeySpecError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let (modifiers, name) = match spec
            .strip_prefix("ctrl-")
            .or_else(|| spec.strip_prefix("Ctrl-"))
        {
            Some(rest) => (KeyModifiers::CONTROL, rest),
            None => (KeyModifiers::NONE, spec),
        };
        let code = key_code(name).ok_or_else(|| KeySpecError(spec.to_owned()))?;
        Ok(Self { code, modifiers })
    }
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
        return Some(code);
    }
    let number = lower.strip_prefix('f')?;
    if number.starts_with('0') {
        return None;
    }
    let n: u8 = number.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

impl KeySpec {
    /// Whether a key event from the terminal is this key. Shift is not compared, since terminals
    /// differ in whether they report it alongside an upper-case letter.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        event.code == self.code && event.modifiers & relevant == self.modifiers
    }
}

impl fmt::Display for KeySpec {
    /// The canonical spec, which parses back to the same key (`ctrl-d`, `pgdn`, `Q`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(spec: &str) -> KeySpec {
        spec.parse().unwrap()
    }

    #[test]
    fn letters_keep_their_case() {
        assert_eq!(key("q").code, KeyCode::Char('q'));
        assert_eq!(key("Q").code, KeyCode::Char('Q'));
    }

    #[test]
    fn names_are_read_in_any_case() {
        let spec = key("Ctrl-PgDn");
        assert_eq!(spec.code, KeyCode::PageDown);
        assert_eq!(spec.modifiers, KeyModifiers::CONTROL);
        assert_eq!(key("ENTER").code, KeyCode::Enter);
    }

    #[test]
    fn a_dash_is_a_key_of_its_own() {
        assert_eq!(key("-").code, KeyCode::Char('-'));
        assert_eq!(key("ctrl--").code, KeyCode::Char('-'));
    }

    #[test]
    fn unknown_names_and_out_of_range_function_keys_are_refused() {
        for bad in ["", "ctrl-", "enterr", "f0", "f13", "f01", "alt-x", "\u{7}"] {
            assert!(bad.parse::<KeySpec>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn printed_specs_parse_back_to_the_same_key() {
        for spec in [
            "q",
            "Q",
            "ctrl-d",
            "ctrl-enter",
            "space",
            "pgup",
            "f12",
            "/",
        ] {
            assert_eq!(key(&key(spec).to_string()), key(spec), "{spec}");
        }
    }

    #[test]
    fn upper_case_letter_matches_with_or_without_shift_reported() {
        let q = key("Q");
        assert!(q.matches(&KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::SHIFT)));
        assert!(q.matches(&KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::NONE)));
        assert!(!q.matches(&KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)));
        let ctrl_d = key("ctrl-d");
        assert!(ctrl_d.matches(&KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)));
        assert!(!ctrl_d.matches(&KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE)));
    }
}
