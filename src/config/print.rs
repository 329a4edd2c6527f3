//! A [`Config`] printed as a commented `config.toml`, for `wenji --print-config`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Config;
use super::settings::{SETTINGS, value_of};

/// The configuration as a commented `config.toml` that [`super::load`] reads back to the same
/// `Config` (key bindings sorted by action, as `load` returns them).
pub fn to_toml(config: &Config) -> String {
    let mut lines = vec![
        "# wenji configuration: the settings in effect.".to_owned(),
        "# Save as config.toml in wenji's config folder (~/.config/wenji/) and edit.".to_owned(),
    ];
    for (name, _, help) in SETTINGS.iter().filter(|(name, _, _)| *name != "keys") {
        lines.extend([
            String::new(),
            format!("# {help}"),
            format!("{name} = {}", value_of(config, name)),
        ]);
    }
    lines.extend([
        String::new(),
        "# Keys: action = \"key\" or [\"key\", …] gives that action these keys instead of its own."
            .to_owned(),
        "# A key is a character (\"q\", \"Q\", \"/\") or enter, esc, tab, space, backspace,"
            .to_owned(),
        "# delete, up, down, left, right, pgup, pgdn, home, end, f1 to f12; ctrl- in front for"
            .to_owned(),
        "# Ctrl (\"ctrl-d\"). A key another action had is taken from it; wenji says so.".to_owned(),
        "[keys]".to_owned(),
    ]);
    let mut merged: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (action, specs) in &config.keys {
        let quoted = specs
            .iter()
            .map(|spec| toml::Value::String(spec.clone()).to_string());
        merged.entry(action).or_default().extend(quoted);
    }
    if merged.is_empty() {
        lines.extend([
            "# quit = \"Q\"".to_owned(),
            "# next_hit = [\"n\", \"ctrl-j\"]".to_owned(),
        ]);
    }
    for (action, specs) in merged {
        lines.push(format!("{} = [{}]", toml_key(action), specs.join(", ")));
    }
    lines.push(String::new());
    lines.join("\n")
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        return key.to_owned();
    }
    // A basic string on one line: a multi-line string (what `toml` writes for a value with a line
    // end in it) is not allowed as a key.
    let mut quoted = String::with_capacity(key.len() + 2);
    quoted.push('"');
    for c in key.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_action_names_are_quoted() {
        assert_eq!(toml_key("next_hit"), "next_hit");
        assert_eq!(toml_key("a b"), "\"a b\"");
    }

    #[test]
    fn an_action_name_with_a_line_end_is_written_as_a_key_that_reads_back() {
        let name = "题\n第二行\u{1b}\"\\";
        let key = toml_key(name);
        assert_eq!(key, "\"题\\u000A第二行\\u001B\\\"\\\\\"");
        let table: toml::Table = toml::from_str(&format!("{key} = 1")).expect("a valid key");
        assert!(table.contains_key(name), "{table:?}");
    }
}
