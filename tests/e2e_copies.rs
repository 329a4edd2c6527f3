//! Copies of one article, read off the screen of the real binary: three crawls of one text are
//! one row, `×3`, under the earliest date, and the header counts both; `x` shows each copy with
//! its date and file and folds them back; a search counts the hit once; an empty stub is named
//! in `!`; `--all-copies` lists every copy.

mod support;

use std::fs;
use std::path::Path;

use support::{PATIENCE, Pty};

fn write(dir: &Path, name: &str, title: &str, date: &str, body: &str) {
    let text = format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n");
    fs::write(dir.join(name), text).expect("write");
}

fn archive(dir: &Path) {
    let text = "坚持稳中求进工作总基调，推动高质量发展。";
    write(dir, "a.md", "政府工作报告", "2024-03-06", text);
    write(dir, "b.md", "政府工作报告（全文）", "2024-03-05", text);
    write(
        dir,
        "c.md",
        "政府工作报告",
        "2024-03-08",
        "坚持稳中求进工作总基调， 推动高质量发展。",
    );
    write(
        dir,
        "d.md",
        "另一篇",
        "2023-01-01",
        "振兴东北，高质量发展。",
    );
    write(dir, "e.md", "暂时下线", "2024-01-01", "");
}

#[test]
fn copies_are_folded_into_one_row_and_expanded_with_their_dates_and_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache"], 100, 30, &[]);
    pty.wait_for("4 articles, 2 distinct", PATIENCE)
        .expect("the header counts both");
    let screen = pty.screen_text();
    assert!(screen.contains("政府工作报告（全文） ×3"), "{screen}");
    assert!(
        screen.contains("2024-03-05"),
        "listed under the earliest date: {screen}"
    );
    pty.wait_for("b.md:6", PATIENCE)
        .expect("the reader opens the copy the row shows");
    assert!(
        !screen.contains("暂时下线"),
        "the empty stub has no row: {screen}"
    );
    assert!(screen.contains("1 warning"), "{screen}");

    pty.send_keys("x");
    pty.wait_for("2024-03-06 · a.md:6", PATIENCE)
        .expect("a copy with its date and file");
    pty.wait_for("2024-03-08 · c.md:6", PATIENCE)
        .expect("the other copy");
    assert_eq!(pty.screen_text().matches("↳ 政府工作报告").count(), 2);
    pty.send_keys("x");
    pty.wait_until(|s| !s.contents().contains("↳"), PATIENCE)
        .expect("folded back");

    pty.send_keys("/高质量发展");
    pty.wait_for("2 hits in 2 articles +2 copies", PATIENCE)
        .expect("a hit is counted once");
    pty.send_keys("\t");
    pty.wait_for("Concordance: 2 hits", PATIENCE)
        .expect("and so is it in the concordance");

    pty.send_keys("\x1b\x1b!");
    pty.wait_for("《暂时下线》 has no text: left out of the list", PATIENCE)
        .expect("the stub is named in the warnings");
}

#[test]
fn all_copies_lists_every_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    archive(dir.path());
    let folder = dir.path().to_str().expect("UTF-8 path");
    let pty = Pty::wenji(&[folder, "--no-cache", "--all-copies"], 100, 30, &[]);
    pty.wait_for("Articles (4)", PATIENCE)
        .expect("every copy a row, the stub still none");
    assert!(!pty.screen_text().contains('×'));
}
