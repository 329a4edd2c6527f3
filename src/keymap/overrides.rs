//! The keymap in use: the default tables with the user's overrides (config `[keys]`, by action
//! name) laid over them, as `claims` lays them, and what it answers: the action of a key press,
//! the rows of the help, the status-bar hints, and the overrides to print back.

use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::names::action_name;
use super::{BROWSE, Binding, GLOBAL, Key, KeySpec, Mode, SEARCH, default_action};
use crate::action::Action;
use crate::search::query::GRAMMAR;

/// The keys in effect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    /// Browsing actions given other keys: (action, its keys).
    pub(super) overrides: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
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

    /// The rows of the help overlay: the keys of one binding and what they do, the keys named
    /// in a description being the ones in effect.
    pub fn help_entries(&self) -> Vec<(String, String)> {
        BROWSE
            .iter()
            .map(|b| (self.label(b), self.fill(Mode::Browse, b.description)))
            .chain(
                GLOBAL
                    .iter()
                    .chain(SEARCH)
                    .map(|b| (join(b.keys), self.fill(Mode::Search, b.description))),
            )
            .chain(std::iter::once((
                "mouse wheel".to_owned(),
                "scroll the pane under the pointer".to_owned(),
            )))
            .chain(
                GRAMMAR
                    .iter()
                    .map(|&(typed, finds)| (typed.to_owned(), finds.to_owned())),
            )
            .collect()
    }

    /// The status-bar hints: `(key, word)` for the bindings that carry one.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        BROWSE
            .iter()
            .filter_map(|b| {
                let key = self.keys_of(Mode::Browse, &b.action).first().copied()?;
                Some((key.label(), b.hint?))
            })
            .collect()
    }

    /// The overrides in effect, as a config file's `[keys]` would write them: (action name, key
    /// specs), by action name.
    pub fn overrides_in_effect(&self) -> Vec<(String, Vec<String>)> {
        let mut entries: Vec<(String, Vec<String>)> = self
            .overrides
            .iter()
            .map(|(action, keys)| {
                let specs = keys.iter().map(|key| spec_of(*key)).collect();
                (action_name(action), specs)
            })
            .collect();
        entries.sort();
        entries
    }

    pub(super) fn keys_for(&self, action: &Action) -> Option<&[Key]> {
        self.overrides
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, keys)| keys.as_slice())
    }

    /// Whether an override took `key` for another action.
    pub(super) fn taken(&self, key: Key) -> bool {
        self.overrides.iter().any(|(_, keys)| keys.contains(&key))
    }

    fn label(&self, binding: &Binding) -> String {
        join(&self.keys_of(Mode::Browse, &binding.action))
    }
}

/// Keys as the help lists them, one space apart (`j Down`).
pub(super) fn join(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

fn spec_of(key: Key) -> String {
    let modifiers = if key.ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    KeySpec {
        code: key.code,
        modifiers,
    }
    .to_string()
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
                .any(|(keys, what)| keys == "Q" && what == "quit")
        );
    }

    #[test]
    fn the_overrides_in_effect_print_as_key_specs() {
        let overrides = [
            ("quit".to_owned(), vec!["Q".to_owned(), "ctrl-c".to_owned()]),
            ("next_hit".to_owned(), vec!["ctrl-j".to_owned()]),
        ];
        let (keymap, _) = Keymap::with_overrides(&overrides);
        assert_eq!(
            keymap.overrides_in_effect(),
            [
                ("next_hit".to_owned(), vec!["ctrl-j".to_owned()]),
                ("quit".to_owned(), vec!["Q".to_owned()]),
            ]
        );
    }
}
