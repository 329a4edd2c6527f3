//! Traditional and simplified as one, read off the screen of the real binary: typing 国家安全
//! in a folder of traditional articles lists them, highlights the traditional glyphs that
//! matched, and the search line says which forms were found and how often; Ctrl-F (and
//! `--exact-script`) tells the scripts apart, and `wenji search --count --exact-script` counts
//! one form alone.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::{Key, PATIENCE, Pty};

/// A Hong Kong article, a Taiwan one and a mainland one.
fn archive(dir: &Path) {
    let articles = [
        (
            "hk.md",
            "維護國家安全",
            "香港特區維護國家安全的責任。國家安全法在香港實施。",
        ),
        ("tw.md", "臺灣新聞", "臺灣的國家安全會議今日召開。"),
        ("cn.md", "维护国家安全", "坚定维护国家安全。"),
    ];
    for (name, title, body) in articles {
        let text = format!("---\ntitle: \"{title}\"\ndate: 2024-01-01\n---\n\n{body}\n");
        fs::write(dir.join(name), text).expect("write");
    }
}

/// The yellow background of a search hit in the default theme (ANSI colour 3).
const HIT_BACKGROUND: vt100::Color = vt100::Color::Idx(3);

/// Whether some cell showing `c` has the hit background.
fn highlighted(screen: &vt100::Screen, c: &str) -> bool {
    let (rows, cols) = screen.size();
    (0..rows).any(|row| {
        (0..cols).any(|col| {
            screen
                .cell(row, col)
                .is_some_and(|cell| cell.contents() == c && cell.bgcolor() == HIT_BACKGROUND)
        })
    })
}

#[test]
fn a_simplified_query_finds_traditional_articles_and_says_which_forms_it_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache"], 120, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("loaded");

    pty.send_keys("/国家安全");
    pty.wait_for("6 hits in 3 articles", PATIENCE)
        .expect("every script's articles");
    pty.wait_for("国家安全 → 國家安全 ×4 · 国家安全 ×2", PATIENCE)
        .expect("the forms found, the most frequent first");
    let screen = pty.screen_text();
    for title in ["維護國家安全", "臺灣新聞", "维护国家安全"] {
        assert!(screen.contains(title), "{title} listed: {screen}");
    }
    pty.wait_until(|s| highlighted(s, "国"), PATIENCE)
        .expect("the first article's hits highlighted");
    pty.press(Key::Ctrl('n'));
    pty.wait_until(|s| highlighted(s, "國") && highlighted(s, "安"), PATIENCE)
        .expect("the traditional glyphs are highlighted where they stand");

    pty.press(Key::Ctrl('f'));
    pty.wait_for("2 hits in 1 article · scripts apart", PATIENCE)
        .expect("Ctrl-F counts the form typed alone");
    pty.press(Key::Ctrl('f'));
    pty.wait_for("6 hits in 3 articles", PATIENCE)
        .expect("and folds the scripts together again");

    pty.send_keys("\x1b");
    pty.wait_until(|s| !s.contents().contains("/国家安全"), PATIENCE)
        .expect("the search line closes");
}

#[test]
fn exact_script_on_the_command_line_tells_the_scripts_apart_from_the_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache", "--exact-script"], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("loaded");
    pty.send_keys("/國家安全");
    pty.wait_for("4 hits in 2 articles · scripts apart", PATIENCE)
        .expect("the traditional form alone");
}

#[test]
fn search_count_says_the_forms_found_and_exact_script_counts_one_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path());
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
            .args(["search", "--count", "--no-cache"])
            .args(args)
            .arg(dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .output()
            .expect("wenji runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (out, err) = run(&["国家安全"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        err.contains("forms found: 国家安全 → 國家安全 ×4 · 国家安全 ×2"),
        "{err}"
    );
    let (out, err) = run(&["--exact-script", "国家安全"]);
    assert_eq!(out.lines().collect::<Vec<_>>().len(), 1, "{out}");
    assert!(out.contains("cn.md") && out.ends_with(": 2\n"), "{out}");
    assert!(
        err.contains("forms found (scripts told apart): 国家安全 → 国家安全 ×2"),
        "{err}"
    );
    let (out, _) = run(&["--exact-script", "國家安全"]);
    assert!(!out.contains("cn.md") && out.lines().count() == 2, "{out}");
}
