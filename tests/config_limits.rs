//! Config and theme files at their limits: tens of thousands of unknown settings are read in one
//! pass and reported in a few lines, a file over 1 MiB is refused unread, a theme reports every
//! problem it has, and a long `extends` chain is followed to its end.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use wenji::config::theme::load_theme;
use wenji::config::{Config, load, parse};

/// `n` settings wenji does not know, one a line.
fn unknown_settings(n: usize) -> String {
    (0..n).fold(String::new(), |mut text, i| {
        let _ = writeln!(text, "unknown_{i} = true");
        text
    })
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("file written");
    path
}

#[test]
fn forty_thousand_unknown_settings_are_named_twenty_times_then_counted() {
    let text = format!("hanzi_per_line = 30\n{}", unknown_settings(40_000));
    assert!(text.len() < 1024 * 1024, "the file stays under the limit");
    let (config, errors) = parse(Path::new("config.toml"), &text);
    assert_eq!(config.hanzi_per_line, 30, "the known setting still applies");
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages.len(),
        21,
        "{:?}",
        &messages[..messages.len().min(25)]
    );
    assert!(
        messages[0].starts_with("config.toml:2:1: unknown setting `unknown_0`"),
        "{}",
        messages[0]
    );
    assert!(
        messages[19].starts_with("config.toml:21:1: unknown setting `unknown_19`"),
        "{}",
        messages[19]
    );
    assert_eq!(
        messages[20],
        "config.toml:22:1: and 39980 other unknown settings from here on, all ignored"
    );
}

#[test]
fn a_config_file_over_one_mebibyte_is_refused_with_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = unknown_settings(400_000);
    let path = write(dir.path(), "config.toml", &text);
    let (config, errors) = load(&path);
    assert_eq!(config, Config::default());
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [format!(
            "{}: the file is larger ({} bytes) than the 1 MiB wenji reads; using the defaults",
            path.display(),
            text.len()
        )]
    );
}

#[test]
fn a_config_file_of_exactly_one_mebibyte_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = "hanzi_per_line = 30\n".to_owned();
    text.push_str(&"#".repeat(1024 * 1024 - text.len()));
    let path = write(dir.path(), "config.toml", &text);
    let (config, errors) = load(&path);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(config.hanzi_per_line, 30);
}

#[test]
fn a_theme_file_over_one_mebibyte_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = "title = { fg = \"red\" }\n".to_owned();
    text.push_str(&"#".repeat(1024 * 1024));
    let path = write(dir.path(), "big.toml", &text);
    let err = load_theme(path.to_str().expect("utf-8 path"), None)
        .expect_err("too big")
        .to_string();
    assert!(err.contains("larger"), "{err}");
    assert!(err.contains("1 MiB"), "{err}");
}

#[test]
fn every_problem_in_a_theme_is_reported_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "titel = { fg = \"red\" }\n\
                title = { fg = \"yelow\", bold = \"yes\" }\n\
                hit = { fg = \"red\", blink = true }\n\
                border = \"blue\"\n";
    let path = write(dir.path(), "mine.toml", text);
    let err = load_theme(path.to_str().expect("utf-8 path"), None)
        .expect_err("a bad theme")
        .to_string();
    let lines: Vec<&str> = err.lines().collect();
    let file = path.display().to_string();
    let want = [
        (format!("{file}:1:1:"), "unknown role `titel`"),
        (format!("{file}:2:16:"), "\"yelow\""),
        (format!("{file}:2:32:"), "\"yes\""),
        (format!("{file}:3:21:"), "unknown attribute `blink` in hit"),
        (format!("{file}:4:10:"), "\"blue\""),
    ];
    assert_eq!(lines.len(), want.len(), "{err}");
    for (line, (place, what)) in lines.iter().zip(&want) {
        assert!(line.starts_with(place.as_str()), "want {place}: {line}");
        assert!(line.contains(what), "want {what}: {line}");
        assert!(line.ends_with("the theme is not used"), "{line}");
    }
}

#[test]
fn a_chain_of_fifty_themes_each_extending_the_next_is_followed_to_the_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..50 {
        let text = if i == 49 {
            "extends = \"paper\"\n".to_owned()
        } else {
            format!("extends = \"t{}\"\n", i + 1)
        };
        write(dir.path(), &format!("t{i}.toml"), &text);
    }
    write(
        dir.path(),
        "t49.toml",
        "extends = \"paper\"\nhit = { fg = \"red\" }\n",
    );
    let deep = load_theme("t0", Some(dir.path())).unwrap_or_else(|err| panic!("{err}"));
    let paper = load_theme("paper", None).expect("paper");
    assert_eq!(deep.hit.fg, Some(ratatui::style::Color::Red));
    assert_eq!(
        deep.title, paper.title,
        "the rest comes from paper, at the end"
    );
}

#[test]
fn a_long_chain_that_closes_into_a_loop_is_still_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..30 {
        let text = format!("extends = \"t{}\"\n", (i + 1) % 30);
        write(dir.path(), &format!("t{i}.toml"), &text);
    }
    let err = load_theme("t0", Some(dir.path()))
        .expect_err("a loop")
        .to_string();
    assert!(err.contains("t29.toml:1:"), "{err}");
    assert!(err.contains("loop"), "{err}");
}
