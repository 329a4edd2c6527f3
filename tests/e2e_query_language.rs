//! The query language, read off the screen of the real binary: `OR` lists the articles of
//! either term with both highlighted, proximity keeps the close pairs, a pattern finds what it
//! matches, and a query the parser cannot read is an error in the search line that points at
//! the character at fault, never text looked for. `wenji search --count` answers the same.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use support::{Key, PATIENCE, Pty};

/// Three short speeches.
fn speeches(dir: &Path) {
    let articles = [
        ("a.md", "改革之年", "改革和扩大开放。国家富强。"),
        ("b.md", "人民至上", "人民的利益。改革，很久以后才说到开放。"),
        ("c.md", "香港新聞", "國家安全法在香港實施。"),
    ];
    for (name, title, body) in articles {
        let text = format!("---\ntitle: \"{title}\"\ndate: 2024-01-01\n---\n\n{body}\n");
        fs::write(dir.join(name), text).expect("write");
    }
}

#[test]
fn or_near_and_patterns_narrow_the_list_and_a_bad_query_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    speeches(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache"], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("loaded");

    pty.send_keys("/国家 OR 人民");
    pty.wait_for("4 hits in 3 articles", PATIENCE)
        .expect("the articles of either term, 國家 among them");
    pty.wait_for("国家 → 国家 ×1 · 國家 ×1; 人民 → 人民 ×2", PATIENCE)
        .expect("the forms of both alternatives");
    let screen = pty.screen_text();
    for title in ["改革之年", "人民至上", "香港新聞"] {
        assert!(screen.contains(title), "{title} listed: {screen}");
    }

    // Rewritten as a proximity: only the article where the two are close.
    pty.send_keys(&"\x7f".repeat("国家 OR 人民".chars().count()));
    pty.send_keys("改革 NEAR/3 开放");
    pty.wait_for("2 hits in 1 article", PATIENCE)
        .expect("the close pair alone");
    assert!(pty.screen_text().contains("改革之年"));

    // A query that cannot be read: the line says why and where, the list stays.
    pty.send_keys(" (");
    pty.wait_for("never closed", PATIENCE)
        .expect("an unclosed bracket is an error, not text");
    assert!(
        pty.screen_text().contains("改革之年"),
        "the last answer stays"
    );

    pty.send_keys(&"\x7f".repeat("改革 NEAR/3 开放 (".chars().count()));
    pty.send_keys("re:国.安");
    pty.wait_for("1 hit in 1 article", PATIENCE)
        .expect("the pattern over the folded text");
    pty.wait_for("/国.安/ → 國家安 ×1", PATIENCE)
        .expect("and the form it matched");
}

#[test]
fn pinyin_offers_the_hanzi_read_so_and_ctrl_t_takes_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    speeches(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache"], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("loaded");

    pty.send_keys("/py:gaige");
    pty.wait_for("py:gaige → 改革 ×3", PATIENCE)
        .expect("the hanzi read gaige, with their count, as candidates");
    pty.press(Key::Ctrl('t'));
    pty.wait_until(|s| s.contents().contains("/改革 "), PATIENCE)
        .expect("Ctrl-T puts the first in place of the pinyin in the search line");
    pty.wait_for("3 hits in 2 articles", PATIENCE)
        .expect("and searches for it");

    pty.send_keys(&"\x7f".repeat(2));
    pty.send_keys("py:gjaq");
    pty.wait_for("py:gjaq → 國家安全 ×1", PATIENCE)
        .expect("initials stand for any syllable they begin");
}

#[test]
fn the_search_command_counts_what_the_browser_finds() {
    let dir = tempfile::tempdir().expect("temp dir");
    speeches(dir.path());
    let count = |query: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
            .args(["search", "--count", "--no-cache", query])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(output.status.success(), "{query}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let lines = |text: String| text.lines().count();
    assert_eq!(lines(count("国家 OR 人民")), 3);
    assert_eq!(lines(count("改革 ~3 开放")), 1);
    assert_eq!(lines(count("改革 -(人民 开放)")), 1);
    let error = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(["search", "--count", "国家 OR"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!error.status.success());
    let message = String::from_utf8_lossy(&error.stderr);
    assert!(message.contains("`OR` needs something"), "{message}");
}
