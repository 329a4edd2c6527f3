//! From a name or path to a resolved theme: finding the file (user folder, built-ins, a path),
//! reading it, following `extends` to any depth (refusing only a loop), laying each file's roles
//! over its parent's. Every problem found on the way is reported, not only the first.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize as _;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use ratatui::style::Style;

use super::file::{ATTRIBUTES, ROLES, ThemeFile, unknown_names};
use super::{BUILTIN, ThemeError, builtin_names, styles_mut};
use crate::config::error::describe;
use crate::config::locate::Locator;
use crate::config::read::read_limited;
use crate::config::{ConfigError, Place};
use crate::theme::Theme;

/// Problems named one by one in a theme file; any more are counted in one message after them.
const SHOWN: usize = 20;

/// The theme `name_or_path` names, resolved.
pub(super) fn load(name_or_path: &str, user_dir: Option<&Path>) -> Result<Theme, ThemeError> {
    let first = locate(name_or_path, user_dir, None, &[]).ok_or_else(|| {
        let path = Path::new(name_or_path);
        ThemeError::from(ConfigError::file(path, not_found(name_or_path, user_dir)))
    })?;
    let mut chain = Vec::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut next = Some(first);
    // The chain is followed in a loop, not by recursion: any depth is fine, and a file seen
    // before ends it with a message.
    while let Some(source) = next.take() {
        let (path, text) = match text_of(&source) {
            Ok(found) => found,
            Err(err) => {
                errors.push(err);
                break;
            }
        };
        let read = read(&path, &text);
        errors.extend(read.errors);
        let is_root = source == Source::Builtin(0);
        chain.push(source);
        next = match read.extends {
            Some((name, span)) => {
                let fail = |message: String| {
                    let line_col = Some(Locator::new(&text).line_col(span.start));
                    ConfigError {
                        place: Place {
                            file: path.clone(),
                            line_col,
                        },
                        message,
                    }
                };
                match locate(&name, user_dir, path.parent(), &chain) {
                    None => {
                        errors.push(fail(not_found(&name, user_dir)));
                        None
                    }
                    Some(parent) if chain.contains(&parent) => {
                        let message = format!(
                            "extends = \"{name}\" goes round in a loop; the theme is not used"
                        );
                        errors.push(fail(message));
                        None
                    }
                    Some(parent) => Some(parent),
                }
            }
            None if is_root => None,
            None => Some(Source::Builtin(0)),
        };
        files.extend(read.file);
    }
    if !errors.is_empty() {
        return Err(ThemeError { errors });
    }
    let mut layer = Layer::empty();
    for file in files.iter().rev() {
        apply(file, &mut layer);
    }
    Ok(layer.finish())
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

/// The file's name for messages and its text; a file over 1 MiB is not read.
fn text_of(source: &Source) -> Result<(PathBuf, String), ConfigError> {
    match source {
        Source::Builtin(i) => Ok((
            PathBuf::from(format!("themes/{}.toml", BUILTIN[*i].0)),
            BUILTIN[*i].1.to_owned(),
        )),
        Source::File(path) => read_limited(path)
            .map(|text| (path.clone(), text))
            .map_err(|err| {
                let message = format!("{}; the theme is not used", err.describe());
                ConfigError::file(path, message)
            }),
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

/// One file read: its roles when nothing is wrong with it, the theme it extends (when that can
/// be read, even from a file with other problems) and every problem.
struct Read {
    file: Option<ThemeFile>,
    extends: Option<(String, Range<usize>)>,
    errors: Vec<ConfigError>,
}

fn read(path: &Path, text: &str) -> Read {
    let locator = Locator::new(text);
    let fail = |span: Option<Range<usize>>, what: String| ConfigError {
        place: Place {
            file: path.to_path_buf(),
            line_col: span.map(|span| locator.line_col(span.start)),
        },
        message: format!("{what}; the theme is not used"),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(err) => {
            let what = describe(err.message(), text, err.span());
            return Read {
                file: None,
                extends: None,
                errors: vec![fail(err.span(), format!("not valid TOML: {what}"))],
            };
        }
    };
    let mut problems = unknown_names(table.get_ref());
    problems.extend(bad_values(table.get_ref(), text));
    problems.sort_by_key(|(span, _)| span.start);
    let extends = table.get_ref().iter().find_map(|(key, value)| {
        let name = (key.get_ref() == "extends").then(|| value.get_ref().as_str())??;
        Some((name.to_owned(), value.span()))
    });
    let mut errors: Vec<ConfigError> = problems
        .iter()
        .take(SHOWN)
        .map(|(span, what)| fail(Some(span.clone()), what.clone()))
        .collect();
    if let Some((span, _)) = problems.get(SHOWN) {
        let more = crate::count::count(problems.len() - SHOWN, "other problem");
        errors.push(fail(Some(span.clone()), format!("and {more} from here on")));
    }
    let file = if problems.is_empty() {
        ThemeFile::deserialize(toml::de::Deserializer::from(table))
            .map_err(|err| {
                let what = describe(err.message(), text, err.span());
                errors.push(fail(err.span(), what));
            })
            .ok()
    } else {
        None
    };
    Read {
        file,
        extends,
        errors,
    }
}

/// Every value of a known role or attribute that is not what it must be: each is checked on its
/// own, so one bad colour does not hide the next.
fn bad_values(table: &DeTable<'_>, text: &str) -> Vec<(Range<usize>, String)> {
    let mut bad = Vec::new();
    for (key, value) in table {
        let name: &str = key.get_ref();
        if name != "extends" && !ROLES.contains(&name) {
            continue;
        }
        let pieces: Vec<DeTable<'_>> = match value.get_ref().as_table() {
            Some(attributes) if name != "extends" => attributes
                .iter()
                .filter(|(attribute, _)| ATTRIBUTES.contains(&attribute.get_ref().as_ref()))
                .map(|(attribute, setting)| {
                    let mut role = DeTable::new();
                    role.insert(attribute.clone(), setting.clone());
                    let role = Spanned::new(value.span(), DeValue::Table(role));
                    one_entry(key, role)
                })
                .collect(),
            _ => vec![one_entry(key, value.clone())],
        };
        for piece in pieces {
            let checked =
                ThemeFile::deserialize(toml::de::Deserializer::from(Spanned::new(0..0, piece)));
            if let Err(err) = checked {
                let span = err.span().unwrap_or_else(|| value.span());
                bad.push((span.clone(), describe(err.message(), text, Some(span))));
            }
        }
    }
    bad
}

fn one_entry<'i>(
    key: &Spanned<std::borrow::Cow<'i, str>>,
    value: Spanned<DeValue<'i>>,
) -> DeTable<'i> {
    let mut one = DeTable::new();
    one.insert(key.clone(), value);
    one
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
