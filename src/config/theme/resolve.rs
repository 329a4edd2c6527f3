//! From a name or path to a resolved theme: finding the file (user folder, built-ins, a path),
//! reading it, following `extends` (no loops), laying each file's roles over its parent's.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize as _;
use toml::de::DeTable;

use ratatui::style::Style;

use super::file::{ThemeFile, unknown_name};
use super::{BUILTIN, builtin_names, styles_mut};
use crate::config::ConfigError;
use crate::config::error::describe;
use crate::ui::theme::Theme;

/// The theme `name_or_path` names, resolved.
pub(super) fn load(name_or_path: &str, user_dir: Option<&Path>) -> Result<Theme, ConfigError> {
    let mut chain = Vec::new();
    let source = locate(name_or_path, user_dir, None, &chain).ok_or_else(|| {
        ConfigError::file(Path::new(name_or_path), not_found(name_or_path, user_dir))
    })?;
    Ok(resolve(source, user_dir, &mut chain)?.finish())
}

fn not_found(name: &str, user_themes_dir: Option<&Path>) -> String {
    let folder = user_themes_dir.map_or(String::new(), |dir| {
        format!(" or {}/{name}.toml", dir.display())
    });
    format!(
        "no theme named `{name}` (built in: {}{folder}); the theme is not used",
        builtin_names().join(", ")
    )
}

/// Where a theme's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Builtin(usize),
    File(PathBuf),
}

fn locate(
    name: &str,
    user_dir: Option<&Path>,
    beside: Option<&Path>,
    chain: &[Source],
) -> Option<Source> {
    let toml = Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"));
    if toml || name.contains(['/', '\\']) {
        let path = Path::new(name);
        let path = match beside {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.to_path_buf(),
        };
        return Some(Source::File(path));
    }
    // A user file may replace a built-in of the same name, and still extend that built-in.
    let builtin = BUILTIN
        .iter()
        .position(|(n, _)| *n == name)
        .map(Source::Builtin);
    let user = user_dir
        .map(|dir| dir.join(format!("{name}.toml")))
        .filter(|path| path.is_file())
        .map(Source::File);
    match (user, builtin) {
        (Some(user), Some(builtin)) if chain.contains(&user) => Some(builtin),
        (user, builtin) => user.or(builtin),
    }
}

/// A theme before `background` is folded into `text`, so a child's background still applies.
#[derive(Debug, Clone)]
struct Layer {
    background: Style,
    theme: Theme,
}

impl Layer {
    fn empty() -> Self {
        let mut theme = Theme::default();
        for (_, style) in styles_mut(&mut theme) {
            *style = Style::new();
        }
        Self {
            background: Style::new(),
            theme,
        }
    }

    fn finish(mut self) -> Theme {
        let text = &mut self.theme.text;
        text.fg = text.fg.or(self.background.fg);
        text.bg = text.bg.or(self.background.bg);
        self.theme
    }
}

const MAX_DEPTH: usize = 8;

fn resolve(
    source: Source,
    user_dir: Option<&Path>,
    chain: &mut Vec<Source>,
) -> Result<Layer, ConfigError> {
    let (path, text) = match &source {
        Source::Builtin(i) => (
            PathBuf::from(format!("themes/{}.toml", BUILTIN[*i].0)),
            BUILTIN[*i].1.to_owned(),
        ),
        Source::File(path) => match fs::read_to_string(path) {
            Ok(text) => (path.clone(), text),
            Err(err) => {
                let message = format!("cannot read the theme file ({err}); the theme is not used");
                return Err(ConfigError::file(path, message));
            }
        },
    };
    let file = read(&path, &text)?;
    let is_root = source == Source::Builtin(0);
    chain.push(source);
    let mut layer = match &file.extends {
        Some(extends) => {
            let name = extends.get_ref();
            let fail =
                |message: String| ConfigError::at(&path, &text, Some(extends.span()), message);
            let beside = path.parent();
            let parent = locate(name, user_dir, beside, chain)
                .ok_or_else(|| fail(not_found(name, user_dir)))?;
            if chain.contains(&parent) || chain.len() >= MAX_DEPTH {
                return Err(fail(format!(
                    "extends = \"{name}\" goes round in a loop; the theme is not used"
                )));
            }
            resolve(parent, user_dir, chain)?
        }
        None if is_root => Layer::empty(),
        None => resolve(Source::Builtin(0), user_dir, chain)?,
    };
    apply(&file, &mut layer);
    Ok(layer)
}

/// The file's roles, or the first thing wrong with it.
fn read(path: &Path, text: &str) -> Result<ThemeFile, ConfigError> {
    let fail = |span: Option<Range<usize>>, what: String| {
        let message = format!("{what}; the theme is not used");
        ConfigError::at(path, text, span, message)
    };
    let table = DeTable::parse(text).map_err(|err| {
        let what = describe(err.message(), text, err.span());
        fail(err.span(), format!("not valid TOML: {what}"))
    })?;
    if let Some((span, what)) = unknown_name(table.get_ref()) {
        return Err(fail(Some(span), what));
    }
    ThemeFile::deserialize(toml::de::Deserializer::from(table))
        .map_err(|err| fail(err.span(), describe(err.message(), text, err.span())))
}

fn apply(file: &ThemeFile, layer: &mut Layer) {
    let roles = file.roles();
    if let (_, Some(background)) = roles[0] {
        layer.background = background.style();
    }
    for ((_, role), (_, style)) in roles[1..].iter().zip(styles_mut(&mut layer.theme)) {
        if let Some(role) = role {
            *style = role.style();
        }
    }
}
