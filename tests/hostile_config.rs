//! Config values echoed in messages: a theme name, a colour or a whole line of a config or theme
//! file with escape sequences in it is quoted with visible placeholders, never raw, wherever the
//! message is shown (the status line, `!`, standard error).

mod support;

use std::fs;
use std::path::Path;

use support::{PATIENCE, Pty, Sandbox};

use wenji::config::theme::load_theme;
use wenji::config::{ConfigError, parse};

/// Characters that must never reach a terminal (see `tests/hostile_names.rs`).
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{AD}'
        | '\u{061C}' | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn assert_clean(error: &impl std::fmt::Display) -> String {
    let message = error.to_string();
    assert!(
        !message.contains(is_forbidden),
        "a control reaches the message: {message:?}"
    );
    message
}

#[test]
fn an_unknown_theme_name_is_quoted_with_placeholders() {
    let error = load_theme("\x1b[31m\u{202e}nope\x07", None).expect_err("no such theme");
    let message = assert_clean(&error);
    assert!(message.contains("`␛[31mnope␇`"), "{message}");
}

#[test]
fn a_raw_escape_in_the_config_file_is_quoted_with_placeholders() {
    let text = "theme = \"\x1b]0;PWNED\x07dark\"\nhanzi_per_line = 30\n";
    let (_, errors) = parse(Path::new("config.toml"), text);
    assert!(!errors.is_empty(), "a raw control is not valid TOML");
    for error in &errors {
        assert_clean(error);
    }
}

#[test]
fn an_escaped_control_in_a_wrong_value_is_quoted_with_placeholders() {
    let text = "hanzi_per_line = \"\\u001b[31m\"\nindent = \"\\u001b]0;PWNED\\u0007\"\n";
    let (_, errors) = parse(Path::new("config.toml"), text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    for error in &errors {
        assert_clean(error);
    }
}

#[test]
fn a_bad_colour_in_a_theme_file_is_quoted_with_placeholders() {
    let folder = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        ("escaped.toml", "hit = { fg = \"\\u001b[31m\\u202e\" }\n"),
        ("raw.toml", "hit = { fg = \"\x1b[31m\" }\n"),
        ("extends.toml", "extends = \"\\u001b]0;PWNED\\u0007\"\n"),
    ] {
        let path = folder.path().join(name);
        fs::write(&path, text).expect("write a theme");
        let path = path.to_str().expect("a UTF-8 temp path");
        let error = load_theme(path, None).expect_err("a bad theme");
        assert_clean(&error);
    }
}

#[test]
fn a_file_name_with_escapes_is_shown_with_placeholders() {
    let error = ConfigError::file(Path::new("/tmp/\x1b]0;PWNED\x07.toml"), "cannot be read");
    let message = assert_clean(&error);
    assert!(message.starts_with("/tmp/␛]0;PWNED␇.toml: "), "{message}");
}

#[test]
fn a_theme_named_with_escapes_is_announced_with_placeholders() {
    let sandbox = Sandbox::new();
    let themes = sandbox.config_dir().join("wenji/themes");
    fs::create_dir_all(&themes).expect("themes dir");
    let name = "\x1b]0;PWNED\x07\u{202e}evil";
    fs::write(themes.join(format!("{name}.toml")), "extends = \"paper\"\n").expect("write");
    let mut pty = Pty::wenji_in(sandbox, &[], 100, 30, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    // From dark to light, high-contrast, paper, then the user's theme.
    pty.send_keys("ttt");
    pty.wait_for("theme: paper", PATIENCE)
        .expect("the fourth theme");
    pty.send_keys("t");
    pty.wait_for("theme: ␛]0;PWNED␇evil", PATIENCE)
        .expect("the theme's name with placeholders");
    let raw = String::from_utf8(pty.raw_output()).expect("UTF-8 output");
    assert!(
        !raw.contains('\u{202e}'),
        "no bidi override reached the terminal"
    );
    assert_eq!(pty.window_titles(), Vec::<Vec<u8>>::new(), "no title set");
}

#[test]
fn an_action_name_with_escapes_is_quoted_with_placeholders() {
    let mut startup = wenji::startup::Startup {
        config: wenji::config::Config {
            keys: vec![(
                "\x1b]0;PWNED\x07\u{202e}quit".to_owned(),
                vec!["Q".to_owned()],
            )],
            ..wenji::config::Config::default()
        },
        key_places: Vec::new(),
        problems: Vec::new(),
    };
    let _ = startup.keymap();
    let messages: Vec<String> = startup.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(!messages[0].contains(is_forbidden), "{:?}", messages[0]);
    assert!(messages[0].contains("`␛]0;PWNED␇quit`"), "{}", messages[0]);
}
