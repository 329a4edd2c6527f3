//! Which keys run an action now, and text that names them: every key a hint, a prompt, a title
//! or a help line mentions is looked up here in the keymap in effect, never typed by hand, so a
//! remapped key is named as remapped.
//!
//! A template names an action in braces, in snake case as config files do: `{next_hit}` is the
//! first key that runs `next_hit` in the template's mode, `{overlay:open}` the first key that
//! runs `open` while an overlay is open (`browse:`, `overlay:`, `search:` and `go_to:` name the
//! modes).

use super::names::action_name;
use super::{GLOBAL, Key, Keymap, Mode, table};
use crate::action::Action;

/// What a template shows for an action no key runs.
const UNBOUND: &str = "(no key)";

impl Keymap {
    /// The keys that run `action` in `mode` now, the mode's own before the global ones.
    pub fn keys_of(&self, mode: Mode, action: &Action) -> Vec<Key> {
        if mode == Mode::Browse
            && let Some(keys) = self.keys_for(action)
        {
            return keys.to_vec();
        }
        table(mode)
            .iter()
            .chain(GLOBAL)
            .filter(|b| b.action == *action)
            .flat_map(|b| b.keys.iter().copied())
            .filter(|key| mode != Mode::Browse || !self.taken(*key))
            .collect()
    }

    /// `template` with each `{action}` or `{mode:action}` replaced by the label of the first key
    /// that runs it now (see the module doc); `mode` is the mode of a bare `{action}`.
    ///
    /// ```
    /// use wenji::keymap::{Keymap, Mode};
    /// let keymap = Keymap::default();
    /// let hint = keymap.fill(Mode::Browse, "{next_hit}/{previous_hit} next/previous");
    /// assert_eq!(hint, "n/N next/previous");
    /// assert_eq!(keymap.fill(Mode::Browse, "{overlay:close_overlay} closes"), "Esc closes");
    /// ```
    pub fn fill(&self, mode: Mode, template: &str) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            match self.first_key(mode, name) {
                Some(label) => out.push_str(&label),
                None => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The label for a template's `name`, `None` when it names no action of its mode.
    fn first_key(&self, mode: Mode, name: &str) -> Option<String> {
        let (mode, name) = match name.split_once(':') {
            Some((mode, name)) => (mode_named(mode)?, name),
            None => (mode, name),
        };
        let action = table(mode)
            .iter()
            .chain(GLOBAL)
            .map(|b| &b.action)
            .find(|a| action_name(a) == name)?;
        let keys = self.keys_of(mode, action);
        Some(keys.first().map_or_else(|| UNBOUND.to_owned(), Key::label))
    }
}

fn mode_named(name: &str) -> Option<Mode> {
    match name {
        "browse" => Some(Mode::Browse),
        "overlay" => Some(Mode::Overlay),
        "search" => Some(Mode::Search),
        "go_to" => Some(Mode::GoTo),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BROWSE, GO_TO, OVERLAY, SEARCH};
    use super::*;

    #[test]
    fn every_description_names_only_actions_that_exist() {
        let keymap = Keymap::default();
        let tables = [
            (Mode::Browse, BROWSE),
            (Mode::Overlay, OVERLAY),
            (Mode::Search, SEARCH),
            (Mode::GoTo, GO_TO),
            (Mode::Browse, GLOBAL),
        ];
        for (mode, bindings) in tables {
            for binding in bindings {
                let filled = keymap.fill(mode, binding.description);
                assert!(!filled.contains('{'), "{filled}");
            }
        }
    }

    #[test]
    fn a_remapped_action_is_named_by_its_new_key() {
        let (keymap, _) = Keymap::with_overrides(&[
            ("next_hit".to_owned(), vec!["ctrl-j".to_owned()]),
            ("move_down".to_owned(), vec!["J".to_owned()]),
        ]);
        assert_eq!(keymap.fill(Mode::Browse, "{next_hit} next"), "Ctrl-j next");
        assert_eq!(keymap.fill(Mode::Browse, "{move_down}"), "J");
        assert_eq!(
            keymap.fill(Mode::Browse, "{overlay:move_down} scrolls"),
            "j scrolls",
            "an overlay keeps its own keys"
        );
        assert_eq!(keymap.fill(Mode::Browse, "{fly} {x"), "{fly} {x");
    }

    #[test]
    fn an_action_left_without_keys_says_so() {
        let (keymap, _) =
            Keymap::with_overrides(&[("next_hit".to_owned(), vec!["Esc".to_owned()])]);
        assert_eq!(
            keymap.fill(Mode::Browse, "{clear_search} clear"),
            "(no key) clear"
        );
    }
}
