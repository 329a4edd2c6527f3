//! The config and theme readers over hostile files: TOML built from the real setting, role and
//! attribute names with hostile values (huge numbers, wrong types, control characters, very long
//! strings, unknown keys, duplicate tables), and raw bytes. Reading never panics; every problem
//! is one line a terminal can print safely; and a file with problems still gives settings that
//! work: in range, and printed back (`--print-config`) to the same settings without a problem.
//!
//! Names, values and paths may be spelt with escapes that decode to control, bidi and
//! line-separator characters (a quoted key `"\u001b[2J" = 1`, an `[keys]` action, a theme role,
//! an `extends` path), and raw bytes may hold them as they stand: messages quote them with
//! placeholders, on one line, and `--print-config` writes any name back so that it reads again.
//!
//! Case counts come from `WENJI_FUZZ_CASES` (`fuzz_support`).

mod fuzz_support;

use std::fmt::Write as _;
use std::path::Path;

use fuzz_support::{config, is_bidi};
use proptest::prelude::*;
use wenji::config::theme::{ROLES, load_theme};
use wenji::config::{Config, ConfigError, load, parse, to_toml};
use wenji::keymap::KeySpec;

/// Strings that decode to control, bidi and line-separator characters, and a line end.
const ESCAPED: &[&str] = &[
    "\"\\u001b[2J\\u0007\\u009b\\u202e题\\n第二行\"",
    "\"\\u001b]52;c;eA==\\u0007\"",
    "\"\\u2028\\u2066\\r\"",
];

/// Names: the real ones, unknown ones, and ones spelt with escapes.
fn name(real: &'static [&'static str]) -> impl Strategy<Value = String> {
    let mut names: Vec<String> = real.iter().map(|&n| n.to_owned()).collect();
    names.extend(["colour", "\"a b\"", "\"题\""].map(str::to_owned));
    names.extend(ESCAPED.iter().map(|&n| n.to_owned()));
    prop::sample::select(names)
}

/// The settings `config.toml` knows.
const SETTINGS: &[&str] = &[
    "theme",
    "hanzi_per_line",
    "indent",
    "paragraph_spacing",
    "page_break_repair",
    "ambiguous_width",
    "mouse",
    "citation",
];

/// Action names for `[keys]`, real and not.
const ACTIONS: &[&str] = &[
    "quit",
    "next_hit",
    "start_search",
    "page_down",
    "no_such_action",
];

const ATTRIBUTES: &[&str] = &[
    "fg",
    "bg",
    "bold",
    "italic",
    "underline",
    "reversed",
    "dim",
    "blink",
];

/// A TOML value of any type, hostile where it can be.
fn value() -> impl Strategy<Value = String> {
    let plain = prop_oneof![
        Just("true".to_owned()),
        Just("false".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        (0..300_i64).prop_map(|n| n.to_string()),
        Just("1e400".to_owned()),
        Just("nan".to_owned()),
        Just("-inf".to_owned()),
        Just("99999999999999999999999".to_owned()),
        Just("1979-05-27T07:32:00Z".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"   \"".to_owned()),
        Just("\"dark\"".to_owned()),
        Just("\"paper\"".to_owned()),
        Just("\"#ffaa00\"".to_owned()),
        Just("\"255\"".to_owned()),
        Just("\"ctrl-d\"".to_owned()),
        Just("\"ctrl-\"".to_owned()),
        Just("\"《{title}》{nope}[{date}\"".to_owned()),
        (1..3000_usize).prop_map(|n| format!("\"{}\"", "振兴".repeat(n))),
        Just("[\"n\", 1, [\"x\"]]".to_owned()),
        Just("[]".to_owned()),
        Just("{ fg = \"red\", bold = 3 }".to_owned()),
        "\"[a-z\\-#0-9 ]{0,12}\"",
    ];
    prop_oneof![
        8 => plain,
        1 => prop::sample::select(ESCAPED).prop_map(str::to_owned),
    ]
}

/// One line or table of a config file.
fn config_entry() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (name(SETTINGS), value()).prop_map(|(k, v)| format!("{k} = {v}\n")),
        1 => prop::collection::vec((name(ACTIONS), value()), 0..5).prop_map(
            |bindings| {
                let mut table = String::from("[keys]\n");
                for (action, keys) in bindings {
                    let _ = writeln!(table, "{action} = {keys}");
                }
                table
            },
        ),
        1 => Just("[keys]\n[keys]\n".to_owned()),
        1 => Just("[theme]\nx = 1\n".to_owned()),
        1 => "\\PC{0,30}\n",
    ]
}

/// One role of a theme file, or its `extends`.
fn theme_entry() -> impl Strategy<Value = String> {
    let extends = vec![
        "\"light\"",
        "\"self.toml\"",
        "\"missing\"",
        "\"../../etc/passwd\"",
        "3",
        "\"\\u001b[2J.toml\"",
    ];
    prop_oneof![
        4 => (
            name(&ROLES),
            prop::collection::vec((name(ATTRIBUTES), value()), 0..5),
        )
            .prop_map(|(role, attributes)| {
                let mut table = format!("[{role}]\n");
                for (attribute, value) in attributes {
                    let _ = writeln!(table, "{attribute} = {value}");
                }
                table
            }),
        1 => prop::sample::select(extends).prop_map(|e| format!("extends = {e}\n")),
        1 => "\\PC{0,30}\n",
    ]
}

/// Fails unless `error` reads as one line with no control or bidi character in it.
fn assert_one_safe_line(error: &ConfigError) -> Result<(), TestCaseError> {
    let message = error.to_string();
    prop_assert!(
        !message
            .chars()
            .any(|c| c.is_control() || is_bidi(c) || matches!(c, '\u{2028}' | '\u{2029}')),
        "{message:?}"
    );
    Ok(())
}

/// Fails unless `config` holds settings wenji can use, and prints back to itself.
fn assert_usable(config: &Config) -> Result<(), TestCaseError> {
    prop_assert!((10..=200).contains(&config.hanzi_per_line));
    prop_assert!(!config.theme.trim().is_empty());
    prop_assert!(!config.citation.trim().is_empty());
    prop_assert!(!(config.indent && config.paragraph_spacing));
    for (action, specs) in &config.keys {
        for spec in specs {
            prop_assert!(spec.parse::<KeySpec>().is_ok(), "keys.{action}: {spec:?}");
        }
    }
    let printed = to_toml(config);
    let (again, errors) = parse(Path::new("printed.toml"), &printed);
    // An unknown `{field}` keeps its template, and is named again wherever the template is read.
    let messages: Vec<String> = errors
        .iter()
        .map(|error| error.message.clone())
        .filter(|message| !message.starts_with("citation: unknown field"))
        .collect();
    prop_assert!(messages.is_empty(), "{messages:?} in\n{printed}");
    prop_assert_eq!(&again, config);
    Ok(())
}

/// Writes `bytes` as `self.toml` into a fresh folder and loads it by path and by name, handing
/// each error to `check`.
fn load_theme_file(
    bytes: &[u8],
    mut check: impl FnMut(&ConfigError) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("self.toml");
    std::fs::write(&path, bytes).expect("written");
    let name = path.to_str().expect("a UTF-8 temporary path");
    for theme in [name, "self"] {
        if let Err(error) = load_theme(theme, Some(dir.path())) {
            for error in &error.errors {
                check(error)?;
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn any_config_file_reads_to_usable_settings(
        entries in prop::collection::vec(config_entry(), 0..12),
    ) {
        let (config, _) = parse(Path::new("config.toml"), &entries.concat());
        assert_usable(&config)?;
    }

    #[test]
    fn each_problem_in_a_config_file_is_one_safe_line(
        entries in prop::collection::vec(config_entry(), 0..12),
    ) {
        let (config, errors) = parse(Path::new("config.toml"), &entries.concat());
        for error in &errors {
            assert_one_safe_line(error)?;
        }
        assert_usable(&config)?;
    }

    #[test]
    fn raw_bytes_as_a_config_file_never_stop_wenji(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, &bytes).expect("written");
        let (config, errors) = load(&path);
        assert_usable(&config)?;
        for error in &errors {
            assert_one_safe_line(error)?;
        }
        let (config, errors) = parse(&path, &String::from_utf8_lossy(&bytes));
        assert_usable(&config)?;
        for error in &errors {
            assert_one_safe_line(error)?;
        }
    }

    #[test]
    fn any_theme_file_or_raw_bytes_load_or_fail_without_a_panic(
        entries in prop::collection::vec(theme_entry(), 0..10),
        raw in prop::option::of(prop::collection::vec(any::<u8>(), 0..256)),
    ) {
        let bytes = raw.unwrap_or_else(|| entries.concat().into_bytes());
        load_theme_file(&bytes, assert_one_safe_line)?;
    }

    #[test]
    fn a_theme_file_that_fails_says_why_in_one_safe_line(
        entries in prop::collection::vec(theme_entry(), 0..10),
    ) {
        load_theme_file(entries.concat().as_bytes(), assert_one_safe_line)?;
    }
}
