//! One theme file as written: the strict mirror ([`ThemeFile`], [`RoleFile`]) and a first pass
//! over the spanned table that names an unknown role or attribute in words a user knows.

use std::ops::Range;

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Deserializer, de::Error as _};
use toml::Spanned;
use toml::de::DeTable;

/// Every role a theme file may set, in the order the files list them.
pub const ROLES: [&str; 19] = [
    "background",
    "text",
    "dim",
    "title",
    "byline",
    "heading",
    "credit",
    "caption",
    "border",
    "border_focused",
    "list_selected",
    "list_selected_unfocused",
    "status",
    "status_key",
    "key",
    "notice",
    "warning",
    "hit",
    "hit_current",
];

/// One theme file as written. Unknown keys are errors, so a misspelt role is reported, not lost.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    /// The theme whose roles fill in the ones this file leaves out: a name or a path (relative to
    /// this file). Without it, `dark`.
    pub extends: Option<Spanned<String>>,
    /// Behind everything: fills the text role's `fg` and `bg` where that leaves them unset.
    pub background: Option<RoleFile>,
    pub text: Option<RoleFile>,
    pub dim: Option<RoleFile>,
    pub title: Option<RoleFile>,
    pub byline: Option<RoleFile>,
    pub heading: Option<RoleFile>,
    pub credit: Option<RoleFile>,
    pub caption: Option<RoleFile>,
    pub border: Option<RoleFile>,
    pub border_focused: Option<RoleFile>,
    pub list_selected: Option<RoleFile>,
    pub list_selected_unfocused: Option<RoleFile>,
    pub status: Option<RoleFile>,
    pub status_key: Option<RoleFile>,
    pub key: Option<RoleFile>,
    pub notice: Option<RoleFile>,
    pub warning: Option<RoleFile>,
    pub hit: Option<RoleFile>,
    pub hit_current: Option<RoleFile>,
}

/// One role: colours in any form ratatui reads (`"yellow"`, `"dark-gray"`, `"#ffaa00"`, `"42"`)
/// and attributes as booleans.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table with fg, bg, bold, italic, underline, reversed, dim"
)]
pub struct RoleFile {
    #[serde(default, deserialize_with = "colour")]
    pub fg: Option<Color>,
    #[serde(default, deserialize_with = "colour")]
    pub bg: Option<Color>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reversed: Option<bool>,
    pub dim: Option<bool>,
}

/// Ratatui's own colour parsing, with a message that says which forms are accepted.
fn colour<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Color>, D::Error> {
    let value = toml::Value::deserialize(deserializer)?;
    Color::deserialize(value.clone()).map(Some).map_err(|_| {
        D::Error::custom(format!(
            "{value} is not a colour (write a name such as \"yellow\" or \"dark-gray\", \
             \"#rrggbb\", or an index \"0\" to \"255\")"
        ))
    })
}

/// Names every role and attribute the file misspells, in the order written; types and values
/// are left to serde.
pub(super) fn unknown_names(table: &DeTable<'_>) -> Vec<(Range<usize>, String)> {
    let mut unknown = Vec::new();
    for (key, value) in table {
        let name: &str = key.get_ref();
        if name == "extends" {
            continue;
        }
        if !ROLES.contains(&name) {
            let message = format!("unknown role `{name}` (roles are {})", ROLES.join(", "));
            unknown.push((key.span(), message));
            continue;
        }
        for attribute in value
            .get_ref()
            .as_table()
            .into_iter()
            .flat_map(|t| t.keys())
        {
            if !ATTRIBUTES.contains(&attribute.get_ref().as_ref()) {
                let message = format!(
                    "unknown attribute `{}` in {name} (write {})",
                    attribute.get_ref(),
                    ATTRIBUTES.join(", ")
                );
                unknown.push((attribute.span(), message));
            }
        }
    }
    unknown.sort_by_key(|(span, _)| span.start);
    unknown
}

/// What a role may say.
pub(super) const ATTRIBUTES: [&str; 7] =
    ["fg", "bg", "bold", "italic", "underline", "reversed", "dim"];

impl RoleFile {
    pub fn style(&self) -> Style {
        let mut style = Style::new();
        style.fg = self.fg;
        style.bg = self.bg;
        let flags = [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ];
        for (on, modifier) in flags {
            if on == Some(true) {
                style = style.add_modifier(modifier);
            }
        }
        style
    }
}

impl ThemeFile {
    /// The roles in [`ROLES`] order, each as the file wrote it.
    pub fn roles(&self) -> [(&'static str, Option<&RoleFile>); 19] {
        [
            ("background", self.background.as_ref()),
            ("text", self.text.as_ref()),
            ("dim", self.dim.as_ref()),
            ("title", self.title.as_ref()),
            ("byline", self.byline.as_ref()),
            ("heading", self.heading.as_ref()),
            ("credit", self.credit.as_ref()),
            ("caption", self.caption.as_ref()),
            ("border", self.border.as_ref()),
            ("border_focused", self.border_focused.as_ref()),
            ("list_selected", self.list_selected.as_ref()),
            (
                "list_selected_unfocused",
                self.list_selected_unfocused.as_ref(),
            ),
            ("status", self.status.as_ref()),
            ("status_key", self.status_key.as_ref()),
            ("key", self.key.as_ref()),
            ("notice", self.notice.as_ref()),
            ("warning", self.warning.as_ref()),
            ("hit", self.hit.as_ref()),
            ("hit_current", self.hit_current.as_ref()),
        ]
    }

    /// Roles the file leaves to the theme it extends.
    pub fn missing_roles(&self) -> Vec<&'static str> {
        self.roles()
            .into_iter()
            .filter_map(|(name, role)| role.is_none().then_some(name))
            .collect()
    }
}
