//! `config.toml`: a bad file never stops wenji; every problem is named with its line and value,
//! and everything else in the file still applies.

use std::fs;
use std::path::Path;

use wenji::config::{Config, ConfigError, load, parse, to_toml};

fn read(text: &str) -> (Config, Vec<ConfigError>) {
    parse(Path::new("config.toml"), text)
}

fn messages(errors: &[ConfigError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

const FULL: &str = r#"
theme = "paper"
hanzi_per_line = 32
indent = false
paragraph_spacing = true
page_break_repair = false
ambiguous_width = 2
mouse = false
fold_copies = false
fold_script = false
citation = "{speaker}：《{title}》[，{date}]"

[keys]
quit = "Q"
next_hit = ["n", "ctrl-j"]
"#;

#[test]
fn a_full_file_is_read_and_prints_back_to_the_same_settings() {
    let (config, errors) = read(FULL);
    assert_eq!(messages(&errors), Vec::<String>::new());
    let want = Config {
        theme: "paper".into(),
        hanzi_per_line: 32,
        indent: false,
        paragraph_spacing: true,
        page_break_repair: false,
        ambiguous_wide: true,
        mouse: false,
        fold_copies: false,
        fold_script: false,
        citation: "{speaker}：《{title}》[，{date}]".into(),
        keys: vec![
            ("next_hit".into(), vec!["n".into(), "ctrl-j".into()]),
            ("quit".into(), vec!["Q".into()]),
        ],
    };
    assert_eq!(config, want);
    let printed = to_toml(&config);
    assert_eq!(read(&printed), (want, Vec::new()), "{printed}");
}

#[test]
fn default_settings_print_as_a_file_that_reads_back_the_same() {
    let printed = to_toml(&Config::default());
    assert!(printed.contains("hanzi_per_line = 40"), "{printed}");
    assert!(
        printed.lines().any(|line| line.starts_with('#')),
        "the printout explains itself"
    );
    assert_eq!(read(&printed), (Config::default(), Vec::new()));
}

#[test]
fn odd_theme_paths_and_action_names_survive_printing() {
    let config = Config {
        theme: "/home/读者/themes/\"mine\".toml".into(),
        keys: vec![("odd name".into(), vec!["\\".into(), "\"".into()])],
        ..Config::default()
    };
    assert_eq!(read(&to_toml(&config)), (config, Vec::new()));
}

#[test]
fn missing_file_gives_the_defaults_quietly() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        load(&dir.path().join("config.toml")),
        (Config::default(), Vec::new())
    );
}

#[test]
fn unreadable_file_gives_the_defaults_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (config, errors) = load(dir.path());
    assert_eq!(config, Config::default());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("using the defaults"),
        "{}",
        errors[0]
    );
}

#[test]
fn syntax_error_gives_the_defaults_and_one_message_with_its_line() {
    let (config, errors) = read("theme = \"light\"\nhanzi_per_line = \nmouse = false\n");
    assert_eq!(config, Config::default());
    assert_eq!(errors.len(), 1, "{:?}", messages(&errors));
    assert_eq!(errors[0].line(), Some(2));
    let message = errors[0].to_string();
    assert!(message.starts_with("config.toml:2:"), "{message}");
    assert!(message.ends_with("using the defaults"), "{message}");
}

#[test]
fn bad_value_falls_back_for_that_setting_only() {
    let (config, errors) = read("theme = \"light\"\nmouse = false\nambiguous_width = 3\n");
    assert_eq!(
        messages(&errors),
        ["config.toml:3:19: ambiguous_width must be 1 or 2, not 3; using 1"]
    );
    assert_eq!(
        config,
        Config {
            theme: "light".into(),
            mouse: false,
            ..Config::default()
        }
    );
}

#[test]
fn out_of_range_and_wrongly_typed_values_are_each_reported() {
    let (config, errors) =
        read("hanzi_per_line = 5\nindent = \"yes\"\ntheme = \"\"\nmouse = false\n");
    assert_eq!(
        messages(&errors),
        [
            "config.toml:1:18: hanzi_per_line must be a whole number from 10 to 200, not 5; using 40",
            "config.toml:2:10: indent must be true or false, not \"yes\"; using true",
            "config.toml:3:9: theme must be a theme name or a path in quotes, not \"\"; using \"dark\"",
        ]
    );
    assert_eq!(
        config,
        Config {
            mouse: false,
            ..Config::default()
        }
    );
}

#[test]
fn unknown_setting_is_reported_with_its_line_and_the_rest_still_applies() {
    let (config, errors) = read("hanzi_per_line = 50\ncolour = \"blue\"\nmouse = false\n");
    assert_eq!(errors.len(), 1);
    let message = errors[0].to_string();
    assert!(
        message.starts_with("config.toml:2:1: unknown setting `colour`"),
        "{message}"
    );
    assert_eq!(
        config,
        Config {
            hanzi_per_line: 50,
            mouse: false,
            ..Config::default()
        }
    );
}

#[test]
fn paragraph_spacing_turns_indent_off_and_says_so_when_both_are_asked_for() {
    let (config, errors) = read("paragraph_spacing = true\n");
    assert_eq!((config.paragraph_spacing, config.indent), (true, false));
    assert!(errors.is_empty());

    let (config, errors) = read("indent = true\nparagraph_spacing = true\n");
    assert_eq!((config.paragraph_spacing, config.indent), (true, false));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("config.toml:1:10: indent = true does not go"),
        "{}",
        errors[0]
    );
}

#[test]
fn key_specs_are_checked_and_a_bad_one_drops_only_itself() {
    let text = "[keys]\nnext_hit = [\"n\", \"ctrl-jj\"]\nquit = 5\nhelp = \"f1\"\n";
    let (config, errors) = read(text);
    assert_eq!(
        config.keys,
        [
            ("help".to_owned(), vec!["f1".to_owned()]),
            ("next_hit".to_owned(), vec!["n".to_owned()])
        ]
    );
    let messages = messages(&errors);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("config.toml:2:18: keys.next_hit: unknown key `ctrl-jj`"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("config.toml:3:8: keys.quit must be a key"),
        "{messages:?}"
    );
}

#[test]
fn keys_that_are_not_a_table_are_reported() {
    let (config, errors) = read("keys = \"q\"\n");
    assert!(config.keys.is_empty());
    assert_eq!(errors[0].line(), Some(1));
}

#[test]
fn file_on_disk_is_named_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "hanzi_per_line = 999\n").unwrap();
    let (config, errors) = load(&path);
    assert_eq!(config, Config::default());
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{}:1:18:", path.display()))
    );
}

#[test]
fn a_citation_template_with_an_unknown_field_is_reported_and_the_rest_still_used() {
    let (config, errors) = read("citation = \"{speaker}：《{title}》 {page} {auther}\"\n");
    assert_eq!(config.citation, "{speaker}：《{title}》 {page} {auther}");
    let messages = messages(&errors);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("unknown field {page}"), "{messages:?}");
    assert!(
        messages[1].contains("unknown field {auther}"),
        "{messages:?}"
    );
    assert!(
        messages[0].contains("{paragraph}"),
        "names the fields: {messages:?}"
    );
}
