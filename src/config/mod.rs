//! Configuration: the user's `config.toml` (read leniently: a bad file never stops wenji, every
//! problem is reported with its place and what wenji does instead), theme files and their
//! resolution into a [`Theme`](crate::theme::Theme), and colour-depth detection.
//!
//! This module reads files and the environment only when asked; it holds no global state and
//! never touches the terminal. Key specs are the keymap's, and so is which action a key name
//! means; this module only checks that a spec is well formed, with
//! [`KeySpec`](crate::keymap::KeySpec).

pub mod color;
mod error;
mod file;
mod locate;
mod print;
mod read;
mod settings;
pub mod theme;

use std::path::PathBuf;

use etcetera::BaseStrategy as _;

pub use color::{ColorDepth, adapt, detect_depth};
pub use error::{ConfigError, Place};
pub use file::{
    ConfigFile, KeyList, KeyPlaces, Loaded, load, load_with_places, parse, parse_with_places,
};
pub use print::to_toml;
pub use read::MAX_BYTES;

/// The effective settings: defaults with the user's file laid over them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches, named as the file names them"
)]
pub struct Config {
    /// A theme name (built in or in the user's themes folder) or a path to a theme file.
    pub theme: String,
    /// Width of the reading column, in hanzi (10..=200).
    pub hanzi_per_line: u16,
    /// Indent each paragraph by two hanzi. Never together with `paragraph_spacing`.
    pub indent: bool,
    /// A blank line between paragraphs (and then no indent).
    pub paragraph_spacing: bool,
    /// Join paragraphs that a page break of the source split in two.
    pub page_break_repair: bool,
    /// Count East Asian ambiguous-width characters (“”、…) as two columns.
    pub ambiguous_wide: bool,
    /// Scroll and select with the mouse.
    pub mouse: bool,
    /// List copies of one article as one row (`--all-copies` turns it off).
    pub fold_copies: bool,
    /// Match traditional, simplified and variant characters as one (`--exact-script` turns
    /// it off).
    pub fold_script: bool,
    /// How `Y` and `c` write a citation (see `citation`: `{field}`, `[optional part]`).
    pub citation: String,
    /// Extra key bindings, `(action name, key specs)`, sorted by action name; every spec parses
    /// as a [`KeySpec`](crate::keymap::KeySpec). Action names are checked by the keymap.
    pub keys: Vec<(String, Vec<String>)>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: "dark".to_owned(),
            hanzi_per_line: 40,
            indent: true,
            paragraph_spacing: false,
            page_break_repair: true,
            ambiguous_wide: false,
            mouse: true,
            fold_copies: true,
            fold_script: true,
            citation: crate::citation::DEFAULT_TEMPLATE.to_owned(),
            keys: Vec::new(),
        }
    }
}

/// `$XDG_CONFIG_HOME/wenji` (or the platform's equivalent); `None` without a home directory.
pub fn config_dir() -> Option<PathBuf> {
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.config_dir().join("wenji"))
}

/// `config.toml` in [`config_dir`].
pub fn config_path() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join("config.toml"))
}
