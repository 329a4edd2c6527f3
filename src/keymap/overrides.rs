//! The keymap in use: the default tables with the user's overrides (config `[keys]`, by action
//! name) laid over them. An override gives an action its own keys instead of the defaults, and
//! takes those keys away from whatever had them; help and hints show the keys in effect.

use ratatui::crossterm::event::KeyEvent;

use super::{BROWSE, Binding, GLOBAL, Key, Mode, SEARCH, default_action};
use crate::action::Action;

/// The keys in effect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// Browsing actions given other keys: (action, its keys).
    overrides: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// The defaults with `overrides` (action name, key specs) applied; bad names and specs are
    /// reported and skipped.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> (Self, Vec<String>) {
        let mut keymap = Self::default();
        let mut problems = Vec::new();
        for (name, specs) in overrides {
            let Some(action) = action_named(name) else {
                problems.push(format!(
                    "no action named `{name}` (see the help overlay for actions); ignored"
                ));
                continue;
            };
            let keys: Vec<Key> = specs
                .iter()
                .filter_map(|spec| {
                    let key = Key::parse(spec);
                    if key.is_none() {
                        problems.push(format!("`{spec}` is not a key (for `{name}`); ignored"));
                    }
                    key
                })
                .collect();
            if !keys.is_empty() {
                keymap.overrides.push((action, keys));
            }
        }
        (keymap, problems)
    }

    /// The action for a key press in `mode`.
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if mode == Mode::Browse && !self.overrides.is_empty() {
            let pressed = Key::of(event);
            if let Some((action, _)) = self
                .overrides
                .iter()
                .find(|(_, keys)| keys.contains(&pressed))
            {
                return Some(action.clone());
            }
            let overridden = BROWSE
                .iter()
                .any(|b| b.keys.contains(&pressed) && self.keys_for(&b.action).is_some());
            if overridden {
                return None;
            }
        }
        default_action(mode, event)
    }

    /// The rows of the help overlay: the keys of one binding and what they do.
    pub fn help_entries(&self) -> Vec<(String, &'static str)> {
        BROWSE
            .iter()
            .map(|b| (self.label(b), b.description))
            .chain(
                GLOBAL
                    .iter()
                    .chain(SEARCH)
                    .map(|b| (join(b.keys), b.description)),
            )
            .chain(std::iter::once((
                "mouse wheel".to_owned(),
                "scroll the pane under the pointer",
            )))
            .collect()
    }

    /// The status-bar hints: `(key, word)` for the bindings that carry one.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        BROWSE
            .iter()
            .filter_map(|b| {
                let key = match self.keys_for(&b.action) {
                    Some(keys) => keys.first().copied(),
                    None => b.keys.iter().find(|k| !self.taken(**k)).copied(),
                }?;
                Some((key.label(), b.hint?))
            })
            .collect()
    }

    fn keys_for(&self, action: &Action) -> Option<&[Key]> {
        self.overrides
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, keys)| keys.as_slice())
    }

    /// Whether an override took `key` for another action.
    fn taken(&self, key: Key) -> bool {
        self.overrides.iter().any(|(_, keys)| keys.contains(&key))
    }

    fn label(&self, binding: &Binding) -> String {
        if let Some(keys) = self.keys_for(&binding.action) {
            return join(keys);
        }
        let keys: Vec<Key> = binding
            .keys
            .iter()
            .copied()
            .filter(|k| !self.taken(*k))
            .collect();
        join(&keys)
    }
}

fn join(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

/// The browsing action called `name` in config files: the action's name in snake case
/// (`move_down`, `next_hit`, `quit`).
///
/// ```
/// use wenji::action::Action;
/// use wenji::keymap::action_named;
/// assert_eq!(action_named("next_hit"), Some(Action::NextHit));
/// assert_eq!(action_named("fly"), None);
/// ```
pub fn action_named(name: &str) -> Option<Action> {
    BROWSE
        .iter()
        .chain(GLOBAL)
        .map(|b| &b.action)
        .find(|a| snake_case(&format!("{a:?}")) == name)
        .cloned()
}

fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (index, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if index > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn an_override_moves_an_action_to_new_keys_and_frees_the_old_ones() {
        let (keymap, problems) =
            Keymap::with_overrides(&[("quit".to_owned(), vec!["Q".to_owned()])]);
        assert!(problems.is_empty());
        assert_eq!(keymap.action(Mode::Browse, press('Q')), Some(Action::Quit));
        assert_eq!(
            keymap.action(Mode::Browse, press('q')),
            None,
            "q no longer quits"
        );
        assert!(
            keymap
                .help_entries()
                .iter()
                .any(|(keys, what)| keys == "Q" && *what == "quit")
        );
    }

    #[test]
    fn unknown_actions_and_keys_are_reported() {
        let overrides = [
            ("fly".to_owned(), vec!["x".to_owned()]),
            ("quit".to_owned(), vec!["hyper-q".to_owned()]),
        ];
        let (_, problems) = Keymap::with_overrides(&overrides);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
