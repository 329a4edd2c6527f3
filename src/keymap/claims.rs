//! Laying the user's overrides (config `[keys]`, by action name) over the default tables, entry
//! by entry, and every conflict that makes.
//!
//! The rules, which the README repeats:
//! - an override gives a browsing action its own keys instead of its defaults, and takes those
//!   keys away from whatever browsing action had them by default (that action keeps the rest);
//! - a key given to two actions goes to the one listed first (the caller lists them in file
//!   order); the later one does without it;
//! - Ctrl-c and Ctrl-z work in every mode and cannot be given to anything else.
//!
//! Each of these is reported, so the help and the hints (built from the same table) never
//! surprise.

use std::collections::HashMap;

use super::names::{action_name, action_names};
use super::overrides::join;
use super::{BROWSE, GLOBAL, Key, Keymap, Mode};
use crate::action::Action;

/// A problem with one `[keys]` entry, for the caller to place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// Which override (index into what [`Keymap::with_overrides`] was given).
    pub entry: usize,
    /// Which of its key specs, when the problem is about one key.
    pub spec: Option<usize>,
    /// What is wrong and what happens instead.
    pub message: String,
}

/// A key an override took from a default binding, to report once every claim is known.
struct Taken {
    entry: usize,
    spec: usize,
    key: Key,
    from: Action,
}

/// Unknown action names reported one by one; any more are counted in one message.
const UNKNOWN_SHOWN: usize = 20;

/// The overrides being laid over the defaults, one entry after another.
struct Claims<'a> {
    overrides: &'a [(String, Vec<String>)],
    /// The action each entry names, if any.
    actions: Vec<Option<Action>>,
    /// The actions some entry names (a few dozen at most, however long the file).
    overridden: Vec<Action>,
    /// Every key claimed so far, and by which entry of `keymap.overrides`.
    claimed: HashMap<Key, usize>,
    /// Entries naming no action reported so far.
    unknown_shown: usize,
    /// The first entry naming no action past the first [`UNKNOWN_SHOWN`], and how many.
    unknown_more: Option<(usize, usize)>,
    keymap: Keymap,
    taken: Vec<Taken>,
    problems: Vec<KeyProblem>,
}

impl Keymap {
    /// The defaults with `overrides` (action name, key specs) applied, in the order given; bad
    /// names and specs are reported and skipped, and every key that changes hands is reported.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> (Self, Vec<KeyProblem>) {
        let named: Vec<(String, &Action)> = BROWSE
            .iter()
            .chain(GLOBAL)
            .map(|b| (action_name(&b.action), &b.action))
            .collect();
        let actions: Vec<Option<Action>> = overrides
            .iter()
            .map(|(name, _)| {
                let found = named.iter().find(|(known, _)| known == name);
                found.map(|(_, action)| (*action).clone())
            })
            .collect();
        let mut overridden: Vec<Action> = Vec::new();
        for action in actions.iter().flatten() {
            if !overridden.contains(action) {
                overridden.push(action.clone());
            }
        }
        let mut claims = Claims {
            overrides,
            actions,
            overridden,
            claimed: HashMap::new(),
            unknown_shown: 0,
            unknown_more: None,
            keymap: Self::default(),
            taken: Vec::new(),
            problems: Vec::new(),
        };
        for entry in 0..overrides.len() {
            claims.entry(entry);
        }
        claims.finish()
    }
}

impl Claims<'_> {
    fn report(&mut self, entry: usize, spec: Option<usize>, message: String) {
        self.problems.push(KeyProblem {
            entry,
            spec,
            message,
        });
    }

    /// Lays one override over the keymap: its keys, less those it may not have.
    fn entry(&mut self, entry: usize) {
        let (name, specs) = &self.overrides[entry];
        let Some(action) = self.actions[entry].clone() else {
            if self.unknown_shown < UNKNOWN_SHOWN {
                self.unknown_shown += 1;
                let names = action_names().join(", ");
                let message = format!("no action named `{name}`; ignored (actions are {names})");
                self.report(entry, None, message);
            } else {
                let (first, more) = self.unknown_more.unwrap_or((entry, 0));
                self.unknown_more = Some((first, more + 1));
            }
            return;
        };
        let index = self.keymap.overrides.len();
        let mut keys = Vec::new();
        for (spec_index, spec) in specs.iter().enumerate() {
            let Some(key) = Key::parse(spec) else {
                let message = format!("`{spec}` is not a key (for `{name}`); ignored");
                self.report(entry, Some(spec_index), message);
                continue;
            };
            if self.claimed.get(&key) == Some(&index) {
                continue;
            }
            if self.may_take(entry, spec_index, &action, key) {
                self.claimed.insert(key, index);
                keys.push(key);
            }
        }
        if !keys.is_empty() {
            self.keymap.overrides.push((action, keys));
        }
    }

    /// Whether override `entry` may have `key`; says why not when it may not, and notes a key
    /// it takes from a default binding.
    fn may_take(&mut self, entry: usize, spec: usize, action: &Action, key: Key) -> bool {
        let name = &self.overrides[entry].0;
        if let Some(global) = GLOBAL.iter().find(|b| b.keys.contains(&key)) {
            if global.action != *action {
                let message = format!(
                    "keys.{name}: {} belongs to {} in every mode and is not given away; not \
                     bound",
                    key.label(),
                    action_name(&global.action),
                );
                self.report(entry, Some(spec), message);
            }
            return false;
        }
        let earlier = self.claimed.get(&key).map(|&i| &self.keymap.overrides[i]);
        if let Some((other, _)) = earlier {
            let message = format!(
                "keys.{name}: {} is given to {} earlier in the file, which keeps it; not bound \
                 for {name}",
                key.label(),
                action_name(other)
            );
            self.report(entry, Some(spec), message);
            return false;
        }
        let owner = BROWSE.iter().find(|b| b.keys.contains(&key));
        if let Some(owner) = owner.filter(|b| b.action != *action)
            && !self.overridden.contains(&owner.action)
        {
            self.taken.push(Taken {
                entry,
                spec,
                key,
                from: owner.action.clone(),
            });
        }
        true
    }

    /// The keymap, and every problem in entry order, taken keys reported with what is left.
    fn finish(mut self) -> (Keymap, Vec<KeyProblem>) {
        for Taken {
            entry,
            spec,
            key,
            from,
        } in std::mem::take(&mut self.taken)
        {
            let name = &self.overrides[entry].0;
            let left = self.keymap.keys_of(Mode::Browse, &from);
            let rest = if left.is_empty() {
                "has no key left".to_owned()
            } else {
                format!("keeps {}", join(&left))
            };
            let from = action_name(&from);
            let message = format!(
                "keys.{name}: {} was {from}'s; it now runs {name}, and {from} {rest}",
                key.label(),
            );
            self.report(entry, Some(spec), message);
        }
        if let Some((first, more)) = self.unknown_more {
            let more = crate::count::count(more, "other unknown action name");
            self.report(first, None, format!("and {more} from here on, all ignored"));
        }
        self.problems.sort_by_key(|p| (p.entry, p.spec));
        (self.keymap, self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(overrides: &[(&str, &[&str])]) -> Vec<String> {
        let overrides: Vec<(String, Vec<String>)> = overrides
            .iter()
            .map(|(name, specs)| {
                let specs = specs.iter().map(|&s| s.to_owned()).collect();
                ((*name).to_owned(), specs)
            })
            .collect();
        let (_, problems) = Keymap::with_overrides(&overrides);
        problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn unknown_actions_are_reported_with_every_valid_name() {
        let found = messages(&[("fly", &["x"]), ("quit", &["hyper-q"])]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("no action named `fly`; ignored (actions are move_down, "));
        for name in ["next_hit", "toggle_raw", "quit", "suspend", "start_search"] {
            assert!(found[0].contains(name), "{name}: {}", found[0]);
        }
    }

    #[test]
    fn many_unknown_action_names_are_named_twenty_times_then_counted() {
        let overrides: Vec<(String, Vec<String>)> = (0..100)
            .map(|i| (format!("fly_{i}"), vec!["x".to_owned()]))
            .collect();
        let (_, problems) = Keymap::with_overrides(&overrides);
        assert_eq!(problems.len(), 21);
        assert!(problems[19].message.starts_with("no action named `fly_19`"));
        assert_eq!(problems[20].entry, 20);
        assert_eq!(
            problems[20].message,
            "and 80 other unknown action names from here on, all ignored"
        );
    }

    #[test]
    fn a_key_taken_from_another_action_is_reported_with_what_that_action_keeps() {
        assert_eq!(
            messages(&[("quit", &["j"]), ("next_hit", &["q"])]),
            [
                "keys.quit: j was move_down's; it now runs quit, and move_down keeps Down",
                // q was quit's, but quit is given its own keys, so nothing is taken from it.
            ]
        );
        assert_eq!(
            messages(&[("next_hit", &["]", "q"]), ("next_article", &["N"])]),
            [
                "keys.next_hit: q was quit's; it now runs next_hit, and quit keeps Ctrl-c",
                "keys.next_article: N was previous_hit's; it now runs next_article, and \
                 previous_hit has no key left",
            ]
        );
        assert_eq!(
            messages(&[("next_hit", &["q"])]),
            ["keys.next_hit: q was quit's; it now runs next_hit, and quit keeps Ctrl-c"]
        );
    }

    #[test]
    fn a_key_given_twice_stays_with_the_first_and_global_keys_stay_put() {
        assert_eq!(
            messages(&[("quit", &["e"]), ("next_hit", &["e", "ctrl-c"])]),
            [
                "keys.next_hit: e is given to quit earlier in the file, which keeps it; not \
                 bound for next_hit",
                "keys.next_hit: Ctrl-c belongs to quit in every mode and is not given away; not \
                 bound",
            ]
        );
    }
}
