//! The key names the state writes into what it shows: the help overlay's rows and the notices of
//! a selection. The app owns the keymap and looks keys up; the state only gets this text, written
//! out from the keymap in effect.

use crate::keymap::{Keymap, Mode};

/// Text about keys, as the keymap in effect names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyText {
    /// The help overlay's rows: the keys, and what they do.
    pub help: Vec<(String, String)>,
    /// The notice when a selection starts.
    pub selecting: String,
    /// What follows the paragraph numbers in the notice while a selection is extended.
    pub extending: String,
}

impl KeyText {
    /// The text `keymap` gives.
    pub fn of(keymap: &Keymap) -> Self {
        Self {
            help: keymap.help_entries(),
            selecting: keymap.fill(
                Mode::Browse,
                "selecting: {move_down}/{move_up} extend, {yank} or {yank_cited} copies, \
                 {clear_search} stops",
            ),
            extending: keymap.fill(
                Mode::Browse,
                "{yank} or {yank_cited} copies, {clear_search} stops",
            ),
        }
    }
}

impl Default for KeyText {
    /// The text of the default keys.
    fn default() -> Self {
        Self::of(&Keymap::default())
    }
}
