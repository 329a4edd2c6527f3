//! `wenji search` as a script sees it: one grep-like line per hit (`file:line: title: …context…`,
//! the hit in 【】 when not writing to a terminal), JSON Lines with `--json`, hits per article
//! with `--count` (as JSON objects with both), and grep's exit statuses (0 found, 1 not found, 2 trouble). On a terminal the
//! hit is coloured instead, unless `NO_COLOR` is set.

mod support;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;
use wenji::corpus;

use support::{PATIENCE, Pty};

const FIRST_TITLE: &str = "以全面振兴新突破建设中国式现代化新辽宁";
const SECOND_TITLE: &str = "打造向北开放新高地 谱写龙江振兴新篇章";

/// Runs `wenji search ARGS` (no paths: the embedded sample).
fn search(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("search")
        .args(args)
        .output()
        .expect("wenji runs")
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Checks the exit status, showing what went to standard error when it is not `code`.
fn assert_status(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr: {}",
        stderr(output)
    );
}

/// A file `name` holding `text` in a fresh temporary folder.
fn file_with(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temporary folder");
    let path = dir.path().join(name);
    fs::write(&path, text).expect("write the test file");
    (dir, path)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn a_hit_prints_file_line_title_and_twenty_characters_each_side() {
    let output = search(&["辽沈战役"]);
    assert_status(&output, 0);
    assert_eq!(
        stdout_lines(&output),
        [format!(
            "speeches.txt:11: {FIRST_TITLE}: …规举措打一场新时代东北振兴、辽宁振兴的“【辽沈战役】”，在新时代东北振兴上展现更大担当和作为…"
        )]
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_hit_in_a_byline_credit_or_section_heading_names_that_line() {
    let line_of = |query: &str| {
        let output = search(&["-C", "0", query]);
        assert_status(&output, 0);
        stdout_lines(&output)
            .iter()
            .map(|line| line.split(':').nth(1).unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        line_of("许勤"),
        ["31"],
        "the byline's line, not the title's (29)"
    );
    assert_eq!(line_of("刘伟"), ["39"], "the credit's line");
    assert_eq!(line_of("新声无限"), ["41"], "the section heading's line");
}

#[test]
fn dash_c_sets_the_context_width() {
    let three = search(&["-C", "3", "辽沈战役"]);
    assert_status(&three, 0);
    assert_eq!(
        stdout_lines(&three),
        [format!(
            "speeches.txt:11: {FIRST_TITLE}: …兴的“【辽沈战役】”，在…"
        )]
    );
    let none = search(&["--context", "0", "辽沈战役"]);
    assert_eq!(
        stdout_lines(&none),
        [format!("speeches.txt:11: {FIRST_TITLE}: …【辽沈战役】…")]
    );
}

#[test]
fn context_stops_at_the_paragraph_and_no_ellipsis_marks_an_uncut_edge() {
    let output = search(&["实现全面振兴新突破，我们要把推动"]);
    assert_eq!(
        stdout_lines(&output),
        [format!(
            "speeches.txt:13: {FIRST_TITLE}: 【实现全面振兴新突破，我们要把推动】经济整体好转作为硬任务。坚持把扩大内需战…"
        )]
    );
    // A title is short: all of it is context, nothing cut.
    let title = search(&["谱写龙江"]);
    assert_eq!(
        stdout_lines(&title),
        [format!(
            "speeches.txt:29: {SECOND_TITLE}: 打造向北开放新高地 【谱写龙江】振兴新篇章"
        )]
    );
}

#[test]
fn a_hit_across_the_repaired_page_break_is_one_line_without_the_break() {
    let output = search(&["-C", "3", "指标增幅"]);
    assert_status(&output, 0);
    assert_eq!(
        stdout_lines(&output),
        [format!(
            "speeches.txt:13: {FIRST_TITLE}: …要经济【指标增幅】达到近…"
        )]
    );
}

#[test]
fn json_lines_carry_file_line_article_field_byte_offsets_and_context() {
    let output = search(&["--json", "辽沈战役"]);
    assert_status(&output, 0);
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let hit: Value = serde_json::from_str(&lines[0]).expect("a JSON object");
    assert_eq!(hit["file"], "speeches.txt");
    assert_eq!(hit["line"], 11);
    assert_eq!(hit["article"], 1);
    assert_eq!(hit["title"], FIRST_TITLE);
    assert_eq!(hit["speaker"], "郝鹏");
    assert_eq!(hit["field"], "paragraph");
    assert_eq!(hit["hit"], "辽沈战役");
    assert_eq!(hit["left"], "规举措打一场新时代东北振兴、辽宁振兴的“");
    assert_eq!(hit["right"], "”，在新时代东北振兴上展现更大担当和作为");
    assert_eq!(
        (&hit["more_left"], &hit["more_right"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
    // The byte offsets pick the hit out of the paragraph's text.
    let paragraph = hit["paragraph"].as_u64().expect("a paragraph number");
    let text = &corpus::sample().articles[0].paragraphs
        [usize::try_from(paragraph - 1).expect("small")]
    .text;
    let start = usize::try_from(hit["byte_start"].as_u64().expect("byte_start")).expect("small");
    let end = usize::try_from(hit["byte_end"].as_u64().expect("byte_end")).expect("small");
    assert_eq!(&text[start..end], "辽沈战役");
}

#[test]
fn json_names_a_byline_hit_as_the_speaker_field() {
    let output = search(&["--json", "许勤"]);
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let hit: Value = serde_json::from_str(&lines[0]).expect("a JSON object");
    assert_eq!(hit["article"], 2);
    assert_eq!(hit["field"], "speaker");
    assert_eq!(hit["paragraph"], Value::Null);
    assert_eq!(
        (&hit["byte_start"], &hit["byte_end"]),
        (&Value::from(0), &Value::from(6))
    );
}

#[test]
fn every_json_line_parses_and_there_is_one_per_hit() {
    let plain = stdout_lines(&search(&["振兴"]));
    let json = stdout_lines(&search(&["--json", "振兴"]));
    assert_eq!(json.len(), plain.len());
    for line in &json {
        let hit: Value = serde_json::from_str(line).expect("a JSON object");
        assert_eq!(hit["hit"], "振兴", "{line}");
    }
}

#[test]
fn count_prints_hits_per_matching_article() {
    let output = search(&["--count", "振兴"]);
    assert_status(&output, 0);
    let total = stdout_lines(&search(&["振兴"])).len();
    assert_eq!(
        stdout_lines(&output),
        [
            format!("speeches.txt:3: {FIRST_TITLE}: {}", total - 1),
            format!("speeches.txt:29: {SECOND_TITLE}: 1"),
        ]
    );
}

#[test]
fn a_warning_per_file_is_cut_short_so_the_results_stay_readable() {
    let dir = TempDir::new().expect("temporary folder");
    for n in 0..30 {
        let text = format!("## 第{n}篇\n\n全面\u{200b}振兴新突破。\n");
        fs::write(dir.path().join(format!("{n:02}.txt")), text).expect("write");
    }
    let output = search(&["振兴", arg(dir.path())]);
    assert_status(&output, 0);
    assert_eq!(stdout_lines(&output).len(), 30, "every hit is printed");
    let warnings = stderr(&output);
    let lines: Vec<&str> = warnings.lines().collect();
    assert_eq!(lines.len(), 21, "{warnings}");
    assert!(
        lines[0].contains("zero-width character removed"),
        "{warnings}"
    );
    assert_eq!(
        lines[20],
        "wenji: … and 10 more warnings (`wenji list` prints them all)"
    );
    let cache = tempfile::tempdir().expect("a cache folder");
    let list = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(["list", arg(dir.path())])
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("wenji runs");
    assert_eq!(String::from_utf8_lossy(&list.stderr).lines().count(), 30);
}

#[test]
fn nothing_found_exits_one_and_prints_nothing() {
    for args in [
        &["没有这个词"][..],
        &["--count", "没有这个词"],
        &["--json", "没有这个词"],
    ] {
        let output = search(args);
        assert_status(&output, 1);
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn an_empty_query_is_a_usage_error() {
    for query in ["", "   ", "\u{3000}"] {
        let output = search(&[query]);
        assert_status(&output, 2);
        assert!(output.stdout.is_empty());
        assert!(
            stderr(&output).contains("the query is empty"),
            "{}",
            stderr(&output)
        );
    }
    assert_status(&search(&[]), 2);
}

#[test]
fn count_with_json_prints_an_object_per_matching_article() {
    let output = search(&["--json", "--count", "振兴"]);
    assert_status(&output, 0);
    let plain = stdout_lines(&search(&["--count", "振兴"]));
    let objects: Vec<Value> = stdout_lines(&output)
        .iter()
        .map(|line| serde_json::from_str(line).expect("a JSON object"))
        .collect();
    assert_eq!(objects.len(), plain.len());
    assert_eq!(objects[1]["article"], 2);
    assert_eq!(objects[1]["title"], SECOND_TITLE);
    assert_eq!(objects[1]["hits"], 1);
    assert_eq!(objects[1]["line"], 29);
}

#[test]
fn nothing_readable_exits_two_and_says_why() {
    let dir = TempDir::new().expect("temporary folder");
    let missing = dir.path().join("missing.txt");
    let output = search(&["振兴", arg(&missing)]);
    assert_status(&output, 2);
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains("missing.txt"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn full_width_text_is_found_by_ascii_and_shown_as_written() {
    let (_dir, path) = file_with(
        "gdp.txt",
        "## 经济\n\n全年ＧＤＰ增长５%，Gdp 总量再上台阶。\n",
    );
    let output = search(&["-C", "2", "gdp", arg(&path)]);
    assert_status(&output, 0);
    let name = arg(&path);
    assert_eq!(
        stdout_lines(&output),
        [
            format!("{name}:3: 经济: 全年【ＧＤＰ】增长…"),
            format!("{name}:3: 经济: …%，【Gdp】 总…"),
        ]
    );
}

#[test]
fn several_terms_must_all_occur_and_a_quoted_phrase_is_one_term() {
    let text = "## 甲\n\nwe said made in china today\n\n## 乙\n\nchina: made, in time\n";
    let (_dir, path) = file_with("terms.txt", text);
    let quoted = search(&["-C", "0", "\"made in china\"", arg(&path)]);
    assert_status(&quoted, 0);
    let lines = stdout_lines(&quoted);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].ends_with(": 甲: …【made in china】…"), "{lines:?}");
    let terms = search(&["-C", "0", "made in china", arg(&path)]);
    let lines = stdout_lines(&terms);
    assert!(lines.iter().any(|l| l.contains(": 乙: ")), "{lines:?}");
    for term in ["made", "in", "china"] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!(": 乙: …【{term}】…"))
                    || l.contains(&format!(": 乙: 【{term}】…"))),
            "{term} in {lines:?}"
        );
    }
}

#[test]
fn the_wikisource_reports_name_many_articles_with_their_counts() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wikisource-political");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let output = search(&["--count", "政府工作报告", arg(&dir)]);
    assert_status(&output, 0);
    let lines = stdout_lines(&output);
    assert!(lines.len() >= 20, "{lines:?}");
    for line in &lines {
        let (_, count) = line.rsplit_once(": ").expect("ends with `: N`");
        assert!(count.parse::<usize>().is_ok_and(|n| n > 0), "{line}");
        assert!(line.contains(".jsonl:"), "{line}");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_search_quietly() {
    let paragraph = "全面振兴新突破，振兴东北，振兴辽宁。\n\n";
    let text = format!("## 振兴\n\n{}", paragraph.repeat(20_000));
    let (_dir, path) = file_with("long.txt", &text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(["search", "振兴", arg(&path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wenji runs");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("one line");
    assert!(first.contains("【振兴】"), "{first}");
    // The reader is gone (as with `| head -1`); the rest of the output has nowhere to go.
    let output = child.wait_with_output().expect("wenji ends");
    assert_status(&output, 0);
    assert_eq!(stderr(&output), "");
}

#[test]
fn on_a_terminal_the_hit_is_red_and_no_color_gives_brackets() {
    let mut pty = Pty::wenji(&["search", "-C", "2", "辽沈战役"], 120, 10, &[]);
    let status = pty.wait_exit(PATIENCE).expect("wenji ends");
    assert!(status.success(), "{}", pty.screen_text());
    let screen = pty.screen();
    let row = pty.row(0);
    assert!(row.contains("…的“辽沈战役”，…"), "{row}");
    let contents = |column| screen.cell(0, column).map(vt100::Cell::contents);
    let column = (0..118)
        .find(|&c| contents(c) == Some("辽") && contents(c + 2) == Some("沈"))
        .expect("the hit on screen");
    let cell = screen
        .cell(0, column)
        .expect("the hit's first character on screen");
    assert!(cell.bold(), "the hit is bold");
    assert_ne!(cell.fgcolor(), vt100::Color::Default, "the hit is coloured");

    let mut plain = Pty::wenji(
        &["search", "-C", "2", "辽沈战役"],
        120,
        10,
        &[("NO_COLOR", "1")],
    );
    plain.wait_exit(PATIENCE).expect("wenji ends");
    assert!(
        plain.row(0).contains("…的“【辽沈战役】”，…"),
        "{}",
        plain.row(0)
    );
    assert!(
        !plain.raw_output().contains(&0x1b),
        "no escape sequences with NO_COLOR"
    );
}
