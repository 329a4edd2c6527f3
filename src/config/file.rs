//! `config.toml`: its strict mirror ([`ConfigFile`]) and reading it leniently into a [`Config`]
//! (every problem reported, every good setting kept). `settings` lists what it may hold, and
//! `print` writes a `Config` back.
//!
//! Reading is cheap first, strict second: the text is parsed into a spanned table, each top-level
//! entry is checked against the known settings and then deserialized on its own through the
//! mirror, so one bad value costs only that setting.

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{describe, quote};
use super::locate::Locator;
use super::read::{ReadError, read_limited};
use super::settings::{SETTINGS, value_of};
use super::{Config, ConfigError, Place};
use crate::keymap::KeySpec;

/// Unknown settings named one by one; any more are counted in one message after them.
const UNKNOWN_SHOWN: usize = 20;

/// What reading a config file found: the settings, every problem, and where each key binding
/// was written (for messages about bindings that only the keymap can judge).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub errors: Vec<ConfigError>,
    /// One entry per `config.keys` entry, in the same order.
    pub key_places: Vec<KeyPlaces>,
}

/// Where one `[keys]` entry is: its action name, and each of its (good) key specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPlaces {
    pub action: Place,
    pub specs: Vec<Place>,
}

/// The file as written: every setting optional, unknown settings refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub theme: Option<String>,
    pub hanzi_per_line: Option<u16>,
    pub indent: Option<bool>,
    pub paragraph_spacing: Option<bool>,
    pub page_break_repair: Option<bool>,
    pub ambiguous_width: Option<u8>,
    pub mouse: Option<bool>,
    pub fold_copies: Option<bool>,
    pub fold_script: Option<bool>,
    pub citation: Option<String>,
    /// Read entry by entry by [`load`], so one bad key spec spares the others.
    pub keys: Option<BTreeMap<String, KeyList>>,
}

/// The keys of one action: `quit = "Q"` or `next_hit = ["n", "ctrl-j"]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

/// Reads the config file; a missing file is the defaults, silently. Never fails: problems come
/// back as messages, and each one says what was used instead.
/// A file over 1 MiB is refused unread (the defaults are used, and the message says so).
pub fn load(path: &Path) -> (Config, Vec<ConfigError>) {
    let loaded = load_with_places(path);
    (loaded.config, loaded.errors)
}

/// [`load`] for text already read; `path` only names the file in messages.
pub fn parse(path: &Path, text: &str) -> (Config, Vec<ConfigError>) {
    let loaded = parse_with_places(path, text);
    (loaded.config, loaded.errors)
}

/// [`load`], with where each key binding was written.
pub fn load_with_places(path: &Path) -> Loaded {
    match read_limited(path) {
        Ok(text) => parse_with_places(path, &text),
        Err(ReadError::Io(err)) if err.kind() == io::ErrorKind::NotFound => Loaded::default(),
        Err(err) => {
            let message = format!("{}; using the defaults", err.describe());
            Loaded {
                errors: vec![ConfigError::file(path, message)],
                ..Loaded::default()
            }
        }
    }
}

/// [`parse`], with where each key binding was written.
pub fn parse_with_places(path: &Path, text: &str) -> Loaded {
    let mut reader = Reader {
        path,
        text,
        locator: Locator::new(text),
        errors: Vec::new(),
        key_places: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(err) => {
            let what = describe(err.message(), text, err.span());
            let message =
                format!("not valid TOML: {what}; ignoring the whole file, using the defaults");
            return Loaded {
                errors: vec![ConfigError::at(path, text, err.span(), message)],
                ..Loaded::default()
            };
        }
    };
    let mut config = Config::default();
    let mut indent_at = None;
    let mut unknown = Vec::new();
    for (key, value) in &table {
        let name: &str = key.get_ref();
        let Some(&(_, expects, _)) = SETTINGS.iter().find(|(known, _, _)| *known == name) else {
            unknown.push((name, key.span()));
            continue;
        };
        if name == "keys" {
            config.keys = reader.keys(value);
            continue;
        }
        if name == "indent" {
            indent_at = Some(value.span());
        }
        let mut one = DeTable::new();
        one.insert(key.clone(), value.clone());
        let entry = ConfigFile::deserialize(toml::de::Deserializer::from(Spanned::new(0..0, one)));
        if !entry.is_ok_and(|entry| merge(&mut config, entry)) {
            let default = value_of(&Config::default(), name);
            let raw = quote(text, Some(value.span()));
            reader.error(
                Some(value.span()),
                format!("{name} must be {expects}, not {raw}; using {default}"),
            );
        } else if name == "citation" {
            reader.unknown_citation_fields(&config.citation, value.span());
        }
    }
    if config.paragraph_spacing && config.indent {
        config.indent = false;
        if let Some(span) = indent_at {
            let message = "indent = true does not go with paragraph_spacing = true (the blank line \
                           already marks a paragraph); using indent = false";
            reader.error(Some(span), message.to_owned());
        }
    }
    reader.unknown_settings(unknown);
    Loaded {
        config,
        errors: reader.errors,
        key_places: reader.key_places,
    }
}

/// Lays one checked setting over `config`; `false` when its value is out of range.
fn merge(config: &mut Config, entry: ConfigFile) -> bool {
    let ConfigFile {
        theme,
        hanzi_per_line,
        indent,
        paragraph_spacing,
        page_break_repair,
        ambiguous_width,
        mouse,
        fold_copies,
        fold_script,
        citation,
        keys: _,
    } = entry;
    if let Some(template) = citation {
        // Unknown fields do not reject the template: `parse` reports them, and they are
        // written as they stand.
        if template.trim().is_empty() {
            return false;
        }
        config.citation = template;
    }
    match (theme, hanzi_per_line, ambiguous_width) {
        (Some(theme), _, _) if theme.trim().is_empty() => return false,
        (Some(theme), _, _) => config.theme = theme,
        (_, Some(n), _) if !(10..=200).contains(&n) => return false,
        (_, Some(n), _) => config.hanzi_per_line = n,
        (_, _, Some(width @ (1 | 2))) => config.ambiguous_wide = width == 2,
        (_, _, Some(_)) => return false,
        (None, None, None) => {}
    }
    config.indent = indent.unwrap_or(config.indent);
    config.paragraph_spacing = paragraph_spacing.unwrap_or(config.paragraph_spacing);
    config.page_break_repair = page_break_repair.unwrap_or(config.page_break_repair);
    config.mouse = mouse.unwrap_or(config.mouse);
    config.fold_copies = fold_copies.unwrap_or(config.fold_copies);
    config.fold_script = fold_script.unwrap_or(config.fold_script);
    true
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    locator: Locator<'a>,
    errors: Vec<ConfigError>,
    key_places: Vec<KeyPlaces>,
}

impl Reader<'_> {
    fn place(&self, span: Option<Range<usize>>) -> Place {
        Place {
            file: self.path.to_path_buf(),
            line_col: span.map(|span| self.locator.line_col(span.start)),
        }
    }

    fn error(&mut self, span: Option<Range<usize>>, message: String) {
        let place = self.place(span);
        self.errors.push(ConfigError { place, message });
    }

    /// Names the first [`UNKNOWN_SHOWN`] unknown settings (in the order written) and counts the
    /// rest in one message at the first of them.
    fn unknown_settings(&mut self, mut unknown: Vec<(&str, Range<usize>)>) {
        unknown.sort_by_key(|(_, span)| span.start);
        let known: Vec<&str> = SETTINGS.iter().map(|(known, _, _)| *known).collect();
        let known = known.join(", ");
        for (name, span) in unknown.iter().take(UNKNOWN_SHOWN) {
            let message = format!("unknown setting `{name}`, ignored (settings are {known})");
            self.error(Some(span.clone()), message);
        }
        if let Some((_, first)) = unknown.get(UNKNOWN_SHOWN) {
            let more = unknown.len() - UNKNOWN_SHOWN;
            let message = format!(
                "and {} from here on, all ignored",
                crate::count::count(more, "other unknown setting")
            );
            self.error(Some(first.clone()), message);
        }
    }

    /// Names each `{field}` of the citation template that is not a citation field.
    fn unknown_citation_fields(&mut self, template: &str, span: Range<usize>) {
        for field in crate::citation::unknown_fields(template) {
            let known: Vec<String> = crate::citation::FIELDS
                .iter()
                .map(|f| format!("{{{f}}}"))
                .collect();
            let message = format!(
                "citation: unknown field {{{field}}}, written as it stands (fields are {}); \
                 the rest of the template is used",
                known.join(" ")
            );
            self.error(Some(span.clone()), message);
        }
    }

    /// The `[keys]` table, action by action and key by key; a bad spec drops only itself.
    fn keys(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<(String, Vec<String>)> {
        let Some(table) = value.get_ref().as_table() else {
            let raw = quote(self.text, Some(value.span()));
            let message = format!(
                "keys must be a table of action = \"key\", not {raw}; using the default keys"
            );
            self.error(Some(value.span()), message);
            return Vec::new();
        };
        let mut bindings = Vec::new();
        for (name, specs) in table {
            let action: &str = name.get_ref();
            let items: Vec<&Spanned<DeValue<'_>>> = match specs.get_ref() {
                DeValue::String(_) => vec![specs],
                DeValue::Array(items) => items.iter().collect(),
                _ => {
                    let raw = quote(self.text, Some(specs.span()));
                    let message = format!(
                        "keys.{action} must be a key in quotes or a list of them, not {raw}; \
                         {action} keeps its default keys"
                    );
                    self.error(Some(specs.span()), message);
                    continue;
                }
            };
            let mut good = Vec::new();
            let mut places = Vec::new();
            for item in &items {
                match item
                    .get_ref()
                    .as_str()
                    .map(|spec| (spec, spec.parse::<KeySpec>()))
                {
                    Some((spec, Ok(_))) => {
                        good.push(spec.to_owned());
                        places.push(self.place(Some(item.span())));
                    }
                    Some((_, Err(err))) => self.error(
                        Some(item.span()),
                        format!("keys.{action}: {err}; not bound"),
                    ),
                    None => {
                        let raw = quote(self.text, Some(item.span()));
                        self.error(
                            Some(item.span()),
                            format!("keys.{action}: {raw} is not a key in quotes; not bound"),
                        );
                    }
                }
            }
            if !good.is_empty() || items.is_empty() {
                bindings.push((action.to_owned(), good));
                self.key_places.push(KeyPlaces {
                    action: self.place(Some(name.span())),
                    specs: places,
                });
            }
        }
        bindings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_setting_is_a_field_of_the_mirror() {
        let samples = [
            "\"dark\"",
            "40",
            "true",
            "false",
            "true",
            "2",
            "true",
            "false",
            "true",
            "\"《{title}》\"",
            "{ quit = \"q\" }",
        ];
        for ((name, _, _), sample) in SETTINGS.iter().zip(samples) {
            let parsed = toml::from_str::<ConfigFile>(&format!("{name} = {sample}"));
            assert!(parsed.is_ok(), "{name}: {parsed:?}");
        }
        assert!(toml::from_str::<ConfigFile>("colour = true").is_err());
    }
}
