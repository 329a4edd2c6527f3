//! Bad input never stops a collection from loading: a binary file, an unreadable file, a dangling
//! symlink, a symlink loop, a FIFO, an empty file, a 10 MB line, a broken JSON line and terminal
//! escape sequences each give a clear warning naming the file while the good files still load.
//! Only when nothing at all is readable does loading fail, and `wenji list` exits 1 saying so.

#[path = "fixtures_support/mod.rs"]
mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;
use wenji::corpus::{Corpus, LoadError, LoadOptions, Warning};

use support::{load, load_one, load_within_limit, write};

/// A folder holding one good article beside whatever bad input the test adds.
struct Collection {
    dir: TempDir,
}

impl Collection {
    fn new() -> Self {
        let dir = TempDir::new().expect("temporary folder");
        write(dir.path(), "good.txt", "好文章\n\n正文第一段。\n");
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Loads the good file and `bad`, both named explicitly.
    fn load_with(&self, bad: &Path) -> Corpus {
        load(&[self.path("good.txt"), bad.to_path_buf()])
    }

    /// Loads the whole folder.
    fn load_folder(&self) -> Corpus {
        load(&[self.dir.path().to_path_buf()])
    }
}

/// The good file still loaded, and exactly one warning names `bad`; returns that warning.
fn only_bad_one_skipped<'a>(corpus: &'a Corpus, bad: &Path) -> &'a Warning {
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["好文章"], "the rest of the collection loads");
    let about = support::warnings_about(&corpus.warnings, bad);
    assert_eq!(about.len(), 1, "{:?}", corpus.warnings);
    about[0]
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let collection = Collection::new();
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..4096_u32).map(|i| u8::try_from(i * 7 % 251).unwrap()));
    let bad = write(collection.dir.path(), "image.txt", &bytes);
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("binary data"), "{warning}");
    assert_eq!(corpus.sources.len(), 1, "the binary file is not a source");
}

#[test]
fn unreadable_file_is_skipped_with_a_warning() {
    let collection = Collection::new();
    let bad = write(collection.dir.path(), "secret.txt", "机密\n");
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&bad).is_ok() {
        println!("note: running as root, where mode 000 does not stop reads; assertion skipped");
        return;
    }
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("cannot be read"), "{warning}");
}

#[test]
fn file_whose_read_fails_is_skipped_with_a_warning() {
    // Reading this process's memory from address 0 fails with an I/O error, even as root.
    let bad = PathBuf::from("/proc/self/mem");
    if !bad.exists() {
        println!("note: no /proc/self/mem here; skipped");
        return;
    }
    let collection = Collection::new();
    let corpus = collection.load_with(&bad);
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("cannot be read"), "{warning}");
}

#[test]
fn dangling_symlink_is_skipped_with_a_warning() {
    let collection = Collection::new();
    let bad = collection.path("gone.txt");
    symlink(collection.path("missing.txt"), &bad).unwrap();
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(
        warning.message.contains("dangling or looping symlink"),
        "{warning}"
    );
}

#[test]
fn symlink_loop_is_skipped_with_a_warning() {
    let collection = Collection::new();
    let (a, b) = (collection.path("a.txt"), collection.path("b.txt"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let corpus = collection.load_folder();
    for bad in [&a, &b] {
        let warning = support::warnings_about(&corpus.warnings, bad);
        assert_eq!(warning.len(), 1, "{:?}", corpus.warnings);
        assert!(warning[0].message.contains("symlink"), "{}", warning[0]);
    }
    assert_eq!(corpus.articles.len(), 1);
}

#[test]
fn fifo_in_a_folder_is_skipped_with_a_warning_and_never_hangs() {
    let collection = Collection::new();
    let bad = collection.path("pipe.txt");
    let made = Command::new("mkfifo").arg(&bad).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    // Nothing ever writes to the FIFO: opening it for reading would block forever. (A FIFO named
    // on the command line is read, up to --max-input: tests/endless_input.rs.)
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("not a regular file"), "{warning}");
}

#[test]
fn empty_file_is_skipped_with_a_warning() {
    let collection = Collection::new();
    let bad = write(collection.dir.path(), "empty.txt", "");
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("empty file"), "{warning}");
}

#[test]
fn whitespace_only_file_is_skipped_not_listed_as_an_empty_article() {
    let collection = Collection::new();
    let bad = write(collection.dir.path(), "blank.md", "\n\n　　\n\t\n");
    let corpus = collection.load_folder();
    let warning = only_bad_one_skipped(&corpus, &bad);
    assert!(warning.message.contains("no text found"), "{warning}");
}

#[test]
fn ten_megabyte_file_without_a_newline_loads_as_one_paragraph() {
    let phrase = "全面振兴新突破，建设中国式现代化新辽宁；";
    let repeats = 10 * 1024 * 1024 / phrase.len() + 1;
    let text = phrase.repeat(repeats);
    assert!(text.len() >= 10 * 1024 * 1024);
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "long.txt", &text));
    assert_eq!(corpus.articles.len(), 1);
    let article = &corpus.articles[0];
    assert_eq!(
        article.title, "long",
        "too long to be a title: named by the file"
    );
    assert_eq!(article.paragraphs.len(), 1);
    assert_eq!(
        article.paragraphs[0].text.chars().count(),
        phrase.chars().count() * repeats
    );
    assert_eq!(article.paragraphs[0].lines, 1..2);
}

#[test]
fn invalid_json_line_warns_with_file_and_line_and_the_other_lines_load() {
    let dir = TempDir::new().unwrap();
    let text = concat!(
        r#"{"title":"第一篇","content":"正文一。"}"#,
        "\n",
        r#"{"title":"第二篇","content":"正文二。"#,
        "\n",
        r#"{"title":"第三篇","content":"正文三。"}"#,
        "\n",
    );
    let path = write(dir.path(), "export.jsonl", text);
    let corpus = load_one(&path);
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["第一篇", "第三篇"]);
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
    let shown = corpus.warnings[0].to_string();
    assert!(
        shown.starts_with(&format!("{}:2: not a JSON object", path.display())),
        "{shown}"
    );
}

/// The controls a hostile file might hold: clear the screen, write the clipboard, reverse text.
const HOSTILE: &str = "\x1b[2J讲话\x1b]52;c;SGVsbG8=\x07正文\u{202E}倒序";

fn assert_harmless(text: &str) {
    assert!(
        !text.contains(['\x1b', '\x07', '\u{202E}']),
        "a control reached the screen: {text:?}"
    );
}

#[test]
fn terminal_escapes_in_a_file_show_as_placeholders_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let text = format!("## 标题{HOSTILE}\n\n第一段{HOSTILE}。\n");
    let path = write(dir.path(), "hostile.md", text);
    let corpus = load_one(&path);
    let article = &corpus.articles[0];
    assert_harmless(&article.title);
    assert_harmless(&corpus.sources[0].text);
    for paragraph in &article.paragraphs {
        assert_harmless(&paragraph.text);
    }
    assert_eq!(
        article.paragraphs[0].text,
        "第一段␛[2J讲话␛]52;c;SGVsbG8=␇正文倒序。"
    );
    let warnings = support::warnings_about(&corpus.warnings, &path);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].message,
        "6 control characters shown as placeholders (␛ for ESC), 2 bidi controls removed"
    );
}

#[test]
fn json_escaped_terminal_controls_do_not_reach_the_screen() {
    let dir = TempDir::new().unwrap();
    let escaped = serde_json::to_string(HOSTILE).unwrap();
    assert!(escaped.contains("\\u001b"), "the controls are JSON escapes");
    let text = format!(
        "{{\"title\":{escaped},\"content\":{escaped},\"author\":{escaped},\"category\":{escaped}}}\n"
    );
    let path = write(dir.path(), "hostile.jsonl", text);
    let corpus = load_one(&path);
    let article = &corpus.articles[0];
    for shown in [
        article.title.as_str(),
        article.meta.speaker().unwrap_or_default(),
        article.meta.section().unwrap_or_default(),
    ]
    .into_iter()
    .chain(article.paragraphs.iter().map(|p| p.text.as_str()))
    {
        assert_harmless(shown);
    }
    assert_eq!(
        article.paragraphs[0].text,
        "␛[2J讲话␛]52;c;SGVsbG8=␇正文倒序"
    );
    let warnings = support::warnings_about(&corpus.warnings, &path);
    assert!(
        warnings
            .iter()
            .any(|w| w.line == Some(1) && w.message.contains("control characters")),
        "{warnings:?}"
    );
}

#[test]
fn yaml_escaped_terminal_controls_in_front_matter_do_not_reach_the_screen() {
    let dir = TempDir::new().unwrap();
    let text = "---\ntitle: \"标题\\e[2J\\u202E\"\nauthor: \"\\a某人\"\ntags: [\"\\e]52;c;SGVsbG8=\\a\"]\n---\n\n正文。\n";
    let path = write(dir.path(), "matter.md", text);
    let corpus = load_one(&path);
    let article = &corpus.articles[0];
    assert_harmless(&article.title);
    assert_harmless(article.meta.speaker().unwrap_or_default());
    for tag in article.meta.tags() {
        assert_harmless(tag);
    }
    assert_eq!(article.title, "标题␛[2J");
    assert_eq!(article.meta.speaker(), Some("␇某人"));
    let warnings = support::warnings_about(&corpus.warnings, &path);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(1));
    assert_eq!(
        warnings[0].message,
        "front matter: 4 control characters shown as placeholders (␛ for ESC), 1 bidi control removed"
    );
}

#[test]
fn raw_line_separator_inside_a_json_string_does_not_split_the_record() {
    // Exports written with `ensure_ascii=False` keep U+2028 raw: valid JSON, one line.
    let dir = TempDir::new().unwrap();
    let text = "{\"title\":\"第一篇\",\"content\":\"第一段。\u{2028}第二段。\"}\n{\"title\":\"第二篇\",\"content\":\"正文。\"}\n";
    let path = write(dir.path(), "export.jsonl", text);
    let corpus = load_one(&path);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["第一篇", "第二篇"]);
    let first: Vec<_> = corpus.articles[0]
        .paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.lines.clone()))
        .collect();
    assert_eq!(first, [("第一段。", 1..2), ("第二段。", 1..2)]);
    assert_eq!(corpus.articles[1].paragraphs[0].lines, 2..3);
    assert_eq!(
        corpus.sources[0].text.lines().count(),
        2,
        "line numbers stay the file's"
    );
}

#[test]
fn file_name_with_terminal_escapes_is_sanitised_in_folder_warnings() {
    let collection = Collection::new();
    let bad = collection.path("\x1b[2J\u{202E}gone.txt");
    symlink(collection.path("missing.txt"), &bad).unwrap();
    let corpus = collection.load_folder();
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["好文章"]);
    assert_eq!(corpus.warnings.len(), 1, "{:?}", corpus.warnings);
    let shown = corpus.warnings[0].to_string();
    assert_harmless(&shown);
    assert!(shown.contains("␛[2Jgone.txt"), "{shown}");
}

#[test]
fn nothing_readable_is_an_error_listing_every_problem() {
    let dir = TempDir::new().unwrap();
    let empty = write(dir.path(), "empty.txt", "");
    let binary = write(dir.path(), "data.txt", b"\0\x01\x02\x03\0\0\xFF");
    let result = load_within_limit(&[dir.path().to_path_buf()], LoadOptions::default());
    let Err(LoadError::NothingReadable { warnings }) = result else {
        panic!("loading nothing readable succeeded");
    };
    for path in [&empty, &binary] {
        assert_eq!(
            support::warnings_about(&warnings, path).len(),
            1,
            "{warnings:?}"
        );
    }
}

#[test]
fn list_on_nothing_readable_exits_1_with_a_message() {
    let dir = TempDir::new().unwrap();
    let empty = write(dir.path(), "empty.txt", "");
    let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("list")
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("wenji: {}: empty file", empty.display())),
        "{stderr}"
    );
    assert!(stderr.contains("wenji: nothing readable"), "{stderr}");
}
