//! The names config files and key templates give actions: each action's name in snake case
//! (`move_down`, `next_hit`, `quit`), for the browsing and global actions a file may bind.

use super::{BROWSE, GLOBAL};
use crate::action::Action;

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
        .find(|a| action_name(a) == name)
        .cloned()
}

/// Every name a config file may bind, in the order of the help.
pub fn action_names() -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for binding in BROWSE.iter().chain(GLOBAL) {
        let name = action_name(&binding.action);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// An action's name in config files and key templates: its name in snake case.
pub(super) fn action_name(action: &Action) -> String {
    let name = format!("{action:?}");
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
