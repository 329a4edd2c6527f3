//! `wenji list` as a script sees it: one tab-separated line per article (number, title, speaker,
//! role, section, `file:line`, characters), or JSON Lines with `--json`; warnings go to standard
//! error, never into the list on standard output.

#[path = "fixtures_support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;
use wenji::corpus;

use support::write;

/// Runs `wenji list ARGS` in `dir` and checks it succeeded.
fn list(dir: &Path, args: &[&str]) -> Output {
    // A cache of its own: the developer's is neither read nor filled.
    let cache = TempDir::new().expect("a cache folder");
    let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("list")
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("wenji runs");
    assert!(
        output.status.success(),
        "wenji list {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn list_of_the_seed_prints_tab_separated_columns() {
    let chars = corpus::sample().articles[0].char_count();
    let expected = format!(
        "1\t以全面振兴新突破建设中国式现代化新辽宁\t郝鹏\t辽宁省委书记、省人大常委会主任\t\t\tspeeches.txt:3\t{chars}"
    );
    // The embedded sample, and the same page opened from disk by its name.
    let root = support::root();
    for output in [
        list(&root, &[]),
        list(&root.join("data"), &["speeches.txt"]),
    ] {
        let lines = stdout_lines(&output);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0], expected);
        assert!(
            lines.iter().all(|l| l.split('\t').count() == 8),
            "{lines:?}"
        );
        assert_eq!(
            lines[2].split('\t').nth(4),
            Some("新声无限"),
            "the section column"
        );
        assert_eq!(
            lines[2].split('\t').nth(5),
            Some("2023"),
            "the date column: the sample's third article is dated by its title"
        );
        assert!(output.stderr.is_empty());
    }
    assert!(chars > 1000, "the first speech has {chars} characters");
}

#[test]
fn list_json_lines_parse_and_carry_title_speaker_file_and_line() {
    let output = list(&support::root().join("data"), &["--json", "speeches.txt"]);
    let records: Vec<serde_json::Value> = stdout_lines(&output)
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    let first = &records[0];
    assert_eq!(first["number"], 1);
    assert_eq!(first["title"], "以全面振兴新突破建设中国式现代化新辽宁");
    assert_eq!(first["speaker"], "郝鹏");
    assert_eq!(first["file"], "speeches.txt");
    assert_eq!(first["line"], 3);
    assert_eq!(first["encoding"], "UTF-8");
    assert_eq!(records[1]["speaker"], "许勤");
    assert_eq!(records[2]["speaker"], serde_json::Value::Null);
    assert_eq!(records[2]["section"], "新声无限");
}

#[test]
fn list_sends_warnings_to_stderr_and_only_articles_to_stdout() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "1.txt", "第一篇\n\n正文。\n");
    write(dir.path(), "2.txt", "");
    write(dir.path(), "3.jsonl", "{broken\n");
    for args in [&["."][..], &["--json", "."]] {
        let output = list(dir.path(), args);
        let lines = stdout_lines(&output);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("第一篇"));
        assert!(lines[0].contains("./1.txt"), "{}", lines[0]);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("wenji: ./2.txt: empty file"), "{stderr}");
        assert!(
            stderr.contains("wenji: ./3.jsonl:1: not a JSON object"),
            "{stderr}"
        );
    }
}

#[test]
fn list_with_encoding_override_reads_a_gbk_file() {
    let dir = TempDir::new().unwrap();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode("郝鹏\n\n正文。\n");
    assert!(!unmappable);
    write(dir.path(), "gbk.txt", &bytes);
    let output = list(dir.path(), &["--json", "--encoding", "gbk", "gbk.txt"]);
    let record: serde_json::Value = serde_json::from_str(&stdout_lines(&output)[0]).unwrap();
    assert_eq!(record["title"], "郝鹏");
    assert_eq!(record["encoding"], "GB18030");
}

/// `wenji list` prints a folder part by part as it loads: the numbering runs on across parts,
/// every article names its own file, and a first run (which writes the load cache), a second
/// (which reads it) and one with `--no-cache` print the same lines.
#[test]
fn a_folder_listed_as_it_loads_numbers_on_across_parts_with_or_without_the_cache() {
    let dir = TempDir::new().unwrap();
    let cache = TempDir::new().unwrap();
    let mut expected = Vec::new();
    for i in 0..60 {
        let name = format!("{i:02}");
        if i % 7 == 3 {
            write(dir.path(), &format!("{name}.txt"), "");
        } else if i % 5 == 0 {
            let lines = format!(
                "{{\"title\":\"甲{i}\",\"content\":\"正文。\"}}\n{{\"title\":\"乙{i}\",\"content\":\"正文。\"}}\n"
            );
            write(dir.path(), &format!("{name}.jsonl"), &lines);
            expected.push((format!("甲{i}"), format!("./{name}.jsonl")));
            expected.push((format!("乙{i}"), format!("./{name}.jsonl")));
        } else {
            write(
                dir.path(),
                &format!("{name}.txt"),
                format!("第{i}篇\n\n正文。\n"),
            );
            expected.push((format!("第{i}篇"), format!("./{name}.txt")));
        }
    }
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
            .arg("list")
            .args(args)
            .arg(".")
            .current_dir(dir.path())
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .expect("wenji runs");
        assert!(output.status.success(), "{output:?}");
        stdout_lines(&output)
    };
    let first = run(&[]);
    assert_eq!(first.len(), expected.len(), "{first:?}");
    for (at, (line, (title, file))) in first.iter().zip(&expected).enumerate() {
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns[0], (at + 1).to_string(), "{line}");
        assert_eq!(columns[1], title, "{line}");
        assert!(columns[6].starts_with(&format!("{file}:")), "{line}");
    }
    assert_eq!(run(&[]), first, "read from the load cache");
    assert_eq!(run(&["--no-cache"]), first);
    let json = run(&["--json"]);
    let numbers: Vec<u64> = json
        .iter()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["number"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(numbers, (1..=expected.len() as u64).collect::<Vec<_>>());
}
