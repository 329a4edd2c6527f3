//! `wenji search` over files streams: a hit is printed while later inputs are still being read,
//! a file that cannot hold a hit is not parsed (so its warnings go unreported, while `wenji
//! list` reports them), and what the prefilter must let through — GBK bytes, character
//! references, a title taken from the file's name — is found; `--json` numbers articles across
//! files as `wenji list` does, and "nothing readable" still fails as loading does.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

/// Long enough for a debug build on two loaded cores.
const PATIENCE: Duration = Duration::from_secs(20);

fn wenji(args: &[&str], dir: &Path) -> Output {
    // A cache of its own: the developer's is neither read nor filled.
    let cache = TempDir::new().expect("a cache folder");
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .arg(dir)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("wenji runs")
}

fn folder(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write the test file");
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_hit_is_printed_while_a_later_input_is_still_open() {
    let dir = folder(&[("a.txt", "## 甲\n\n全面振兴新突破。\n".as_bytes())]);
    let fifo = dir.path().join("later.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("search")
        .arg("振兴")
        .arg(dir.path().join("a.txt"))
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wenji runs");
    // The writer opens the FIFO and writes nothing until the first line has been read.
    let mut writer = fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("the FIFO opens for writing once wenji reads it");
    let stdout = child.stdout.take().expect("piped stdout");
    let (lines, first) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = lines.send(line.unwrap_or_default());
        }
    });
    let line = first
        .recv_timeout(PATIENCE)
        .expect("the first file's hit before the FIFO ends");
    assert!(line.contains("【振兴】"), "{line}");
    writer
        .write_all("## 乙\n\n振兴东北。\n".as_bytes())
        .expect("written");
    drop(writer);
    let output = child.wait_with_output().expect("wenji ends");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let second = first.recv_timeout(PATIENCE).expect("the FIFO's hit");
    assert!(second.contains(": 乙: 【振兴】东北。"), "{second}");
}

#[test]
fn a_file_that_cannot_hold_a_hit_is_not_parsed_but_list_still_reads_it() {
    let dir = folder(&[
        ("a.txt", "## 甲\n\n全面振兴。\n".as_bytes()),
        ("b.txt", "## 乙\n\n科技\u{200b}创新。\n".as_bytes()),
    ]);
    let found = wenji(&["search", "振兴"], dir.path());
    assert_eq!(found.status.code(), Some(0));
    assert_eq!(text(&found.stdout).lines().count(), 1);
    assert_eq!(text(&found.stderr), "", "b.txt was never parsed");
    let listed = wenji(&["list"], dir.path());
    assert!(
        text(&listed.stderr).contains("b.txt: 1 zero-width character removed"),
        "{}",
        text(&listed.stderr)
    );
}

#[test]
fn what_the_prefilter_cannot_rule_out_is_parsed_and_found() {
    let (gbk, _, _) = encoding_rs::GBK.encode("## 丙\n\n全面振兴。\n");
    let dir = folder(&[
        ("a.md", "## 甲\n\n全面&#25391;&#x5174;。\n".as_bytes()),
        (
            "b.md",
            "---\ntitle: \"\\u632f\\u5174\"\n---\n正文。\n".as_bytes(),
        ),
        ("c.txt", &gbk),
        (
            "振兴.txt",
            "这是一个很长的第一行，长到不能当作标题，所以标题取自文件名。\n".as_bytes(),
        ),
    ]);
    let found = wenji(&["search", "--count", "振兴"], dir.path());
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    let titles: Vec<String> = text(&found.stdout)
        .lines()
        .map(|line| line.split(": ").nth(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        titles,
        ["甲", "振兴", "丙", "振兴"],
        "{}",
        text(&found.stdout)
    );
}

#[test]
fn json_numbers_articles_across_files_as_list_does() {
    let two = "## 一\n\n振兴。\n\n## 二\n\n发展。\n";
    let dir = folder(&[
        ("1.txt", two.as_bytes()),
        ("2.txt", "## 三\n\n发展。\n".as_bytes()),
        ("3.txt", two.as_bytes()),
    ]);
    let found = wenji(&["search", "--json", "振兴"], dir.path());
    let numbers: Vec<u64> = text(&found.stdout)
        .lines()
        .map(|line| {
            let hit: Value = serde_json::from_str(line).expect("a JSON object");
            hit["article"].as_u64().expect("a number")
        })
        .collect();
    assert_eq!(numbers, [1, 4]);
    let listed = text(&wenji(&["list"], dir.path()).stdout);
    let fourth = listed.lines().nth(3).expect("four articles");
    assert!(fourth.starts_with("4\t一\t"), "{fourth}");
}

#[test]
fn nothing_readable_still_fails_and_files_without_a_hit_still_count_as_read() {
    let blank = folder(&[("a.txt", b"\n\n  \n"), ("b.txt", b"\n")]);
    let output = wenji(&["search", "振兴"], blank.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("a.txt: no text found"), "{stderr}");
    assert!(stderr.contains("b.txt: no text found"), "{stderr}");
    assert!(
        stderr.ends_with("nothing readable in the given paths (2 problems reported above)\n"),
        "{stderr}"
    );
    let unmatched = folder(&[("a.txt", "## 甲\n\n发展。\n".as_bytes())]);
    assert_eq!(
        wenji(&["search", "振兴"], unmatched.path()).status.code(),
        Some(1)
    );
}
