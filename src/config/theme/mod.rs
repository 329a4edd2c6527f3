//! Theme files: the strict mirror of one file ([`ThemeFile`]), the four built-ins compiled into
//! the binary, user themes in `$XDG_CONFIG_HOME/wenji/themes/`, and resolution of a name or path
//! (following `extends`) into the [`Theme`] the views draw with. Views never see a file.
//!
//! A role written in a file is complete: what it leaves out is unset (the terminal's default), not
//! inherited. Roles the file does not write come from the theme it `extends`, `dark` by default.

mod file;
mod resolve;

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::style::Style;

use super::ConfigError;
use crate::theme::Theme;
pub use file::{ROLES, RoleFile, ThemeFile};

/// The built-in themes, in cycling order; `dark` is the default.
const BUILTIN: [(&str, &str); 4] = [
    ("dark", include_str!("../../../themes/dark.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    ("paper", include_str!("../../../themes/paper.toml")),
];

/// The names of the built-in themes, in cycling order (`dark` first: the default).
pub fn builtin_names() -> &'static [&'static str] {
    &BUILTIN_NAMES
}

const BUILTIN_NAMES: [&str; 4] = [BUILTIN[0].0, BUILTIN[1].0, BUILTIN[2].0, BUILTIN[3].0];

/// Where user themes live: `$XDG_CONFIG_HOME/wenji/themes`.
pub fn themes_dir() -> Option<PathBuf> {
    super::config_dir().map(|dir| dir.join("themes"))
}

/// Every theme a user can switch to: the built-ins, then `*.toml` in the user folder by name.
pub fn theme_names(user_themes_dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = builtin_names().iter().map(|&n| n.to_owned()).collect();
    let mut user: Vec<String> = user_themes_dir
        .and_then(|dir| fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let is_toml = path.extension().is_some_and(|ext| ext == "toml");
            (is_toml && path.is_file()).then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .filter(|name| !names.contains(name))
        .collect();
    user.sort();
    names.append(&mut user);
    names
}

/// Why a theme cannot be used: every problem found in its file and the files it extends, each
/// with its place, in the order found. Displayed one problem a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    pub errors: Vec<ConfigError>,
}

impl From<ConfigError> for ThemeError {
    fn from(error: ConfigError) -> Self {
        Self {
            errors: vec![error],
        }
    }
}

impl ThemeError {
    /// The line of the first problem, when it has one.
    pub fn line(&self) -> Option<usize> {
        self.errors.first().and_then(ConfigError::line)
    }
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for ThemeError {}

/// Loads a theme by name (a user theme of that name, else a built-in) or by path (anything with a
/// `/` or ending in `.toml`), following `extends` to any depth. A file over 1 MiB is not read.
/// On error, keep the theme in use.
pub fn load_theme(name_or_path: &str, user_themes_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    resolve::load(name_or_path, user_themes_dir)
}

/// [`load_theme`], falling back to `dark` (with the reasons) when the theme cannot be used.
pub fn load_theme_or_default(
    name_or_path: &str,
    user_themes_dir: Option<&Path>,
) -> (Theme, Option<ThemeError>) {
    match load_theme(name_or_path, user_themes_dir) {
        Ok(theme) => (theme, None),
        Err(err) => (Theme::default(), Some(err)),
    }
}

/// The resolved theme's styles, named as in [`ROLES`] (which adds `background`).
pub(crate) fn styles_mut(theme: &mut Theme) -> [(&'static str, &mut Style); 18] {
    [
        ("text", &mut theme.text),
        ("dim", &mut theme.dim),
        ("title", &mut theme.title),
        ("byline", &mut theme.byline),
        ("heading", &mut theme.heading),
        ("credit", &mut theme.credit),
        ("caption", &mut theme.caption),
        ("border", &mut theme.border),
        ("border_focused", &mut theme.border_focused),
        ("list_selected", &mut theme.list_selected),
        (
            "list_selected_unfocused",
            &mut theme.list_selected_unfocused,
        ),
        ("status", &mut theme.status),
        ("status_key", &mut theme.status_key),
        ("key", &mut theme.key),
        ("notice", &mut theme.notice),
        ("warning", &mut theme.warning),
        ("hit", &mut theme.hit),
        ("hit_current", &mut theme.hit_current),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_styles_line_up_with_the_file_roles() {
        let mut theme = Theme::default();
        let names = styles_mut(&mut theme).map(|(name, _)| name);
        assert_eq!(names[..], ROLES[1..]);
    }
}
