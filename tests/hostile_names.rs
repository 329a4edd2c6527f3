//! Names that try to act on the terminal: a file named with escape sequences, bidi overrides and
//! line separators (in UTF-8 and not), JSON and front-matter fields that carry the same, and config
//! values echoed in messages. Whatever the output — the browser, `wenji list`, `show`, `search`
//! in a pipe, `--json`, warnings — they arrive as visible placeholders, on one line.

mod support;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use wenji::corpus::{self, Date, LoadOptions};

use support::{Key, PATIENCE, Pty, Sandbox};

/// A name that sets the window title, turns the text red and reverses what follows.
const HOSTILE: &str = "x\x1b]0;PWNED\x07\x1b[31m\u{202e}evil.txt";
/// How the browser and every command show that name's article title.
const HOSTILE_SHOWN: &str = "x␛]0;PWNED␇␛[31mevil";
/// One long line, so a file has no short first line to be titled by.
const LONG: &str = "实现全面振兴新突破，我们要把推动经济整体好转作为硬任务。坚持把扩大内需战略同深化供给侧结构性改革有机结合起来，全力以赴扩大有效投资。\n";

/// Characters that must never reach a terminal: C0 controls but the line end and tab, DEL, C1,
/// bidi controls, line and paragraph separators, zero-width characters.
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{AD}'
        | '\u{061C}' | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The first forbidden character of `text` and where it is, for a message that explains itself.
fn forbidden_in(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = forbidden_in(text) {
        let around: String = text[at.saturating_sub(40)..].chars().take(60).collect();
        panic!("{what}: {c:?} at byte {at}, in {around:?}");
    }
}

/// A folder of hostile names and fields, each file without a short first line.
fn hostile_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    let names: [&[u8]; 4] = [
        HOSTILE.as_bytes(),
        // Not UTF-8: 0x9B alone is CSI to a Latin-1 terminal.
        b"y\x9b31mbad.txt",
        // U+009B written as UTF-8, which some terminals also take for CSI.
        "z\u{9b}31mc1.txt".as_bytes(),
        "w\r\nline\u{2028}sep\u{2029}end\u{85}.txt".as_bytes(),
    ];
    // Each text its own, or the list would fold the files into one row as copies.
    for (n, name) in names.into_iter().enumerate() {
        fs::write(
            dir.join(OsStr::from_bytes(name)),
            format!("{LONG}第{n}份。\n"),
        )
        .expect("write a hostile name");
    }
    let records = concat!(
        r#"{"title":"题\u001b]0;PWNED\u0007一\n二\u2028三\u009b31m\u202e四","author":"某\u001b[31m人\r\n乙","date":"2025\u2029","content":"正文振兴。"}"#,
        "\n",
        r#"{"title":"第二篇","content":"正文振兴。","section":"卷\n\u001b[2J上"}"#,
        "\n",
    );
    fs::write(dir.join("fields.jsonl"), records).expect("write JSON Lines");
    let front = "---\ntitle: \"前言\\e[31m\\L后记\\u202e\\r\\n完\"\nauthor: \"甲\\a乙\"\ntags: [\"标\\e]0;T\\a签\"]\ncategory: \"类\\N别\"\n---\n正文振兴。\n";
    fs::write(dir.join("notes.md"), front).expect("write front matter");
    folder
}

/// Runs wenji with `args` and its output in pipes; returns stdout and stderr as text (lossy, so a
/// stray byte shows as U+FFFD and is still caught when it decodes to a control).
fn run(args: &[&OsStr]) -> (String, String) {
    let sandbox = Sandbox::new();
    let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .env_clear()
        .envs(sandbox.env())
        .env("LANG", "C.UTF-8")
        .output()
        .expect("wenji runs");
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "wenji {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (stdout, stderr)
}

fn run_in(dir: &Path, args: &[&str]) -> (String, String) {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.push(dir.as_os_str());
    run(&all)
}

fn article_count(dir: &Path) -> usize {
    corpus::load(&[dir.to_path_buf()], LoadOptions::default())
        .expect("the folder loads")
        .articles
        .len()
}

#[test]
fn a_hostile_file_name_titles_its_article_with_placeholders() {
    let folder = hostile_folder();
    let corpus =
        corpus::load(&[folder.path().to_path_buf()], LoadOptions::default()).expect("loads");
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert!(titles.contains(&HOSTILE_SHOWN), "{titles:?}");
    assert!(titles.contains(&"y\u{FFFD}31mbad"), "{titles:?}");
    assert!(titles.contains(&"z\u{FFFD}31mc1"), "{titles:?}");
    assert!(titles.contains(&"w line sep end"), "{titles:?}");
    assert!(
        // Lines of a field are joined as a soft line break is: nothing between hanzi.
        titles.contains(&"题␛]0;PWNED␇一二三\u{FFFD}31m四"),
        "{titles:?}"
    );
    assert!(titles.contains(&"前言␛[31m后记完"), "{titles:?}");
    for article in &corpus.articles {
        let fields = [
            Some(article.title.as_str()),
            article.meta.section(),
            article.meta.speaker(),
            article.meta.role(),
            article.meta.credit(),
            article.meta.date().map(Date::text),
            article.meta.url(),
        ];
        let tags = article.meta.tags().iter().map(String::as_str);
        for field in fields.into_iter().flatten().chain(tags) {
            assert_clean("a field", field);
            assert!(!field.contains(['\n', '\t']), "one line: {field:?}");
        }
    }
}

#[test]
fn wenji_list_prints_one_clean_row_per_article() {
    let folder = hostile_folder();
    let articles = article_count(folder.path());
    assert_eq!(
        articles, 7,
        "four named files, two JSON records, one front matter"
    );
    let (tsv, warnings) = run_in(folder.path(), &["list"]);
    assert_clean("wenji list", &tsv);
    assert_clean("wenji list's warnings", &warnings);
    assert!(tsv.contains(HOSTILE_SHOWN), "{tsv}");
    let rows: Vec<&str> = tsv.lines().collect();
    assert_eq!(rows.len(), articles, "{tsv}");
    for row in &rows {
        assert_eq!(row.split('\t').count(), 8, "eight columns: {row:?}");
    }

    let (json, _) = run_in(folder.path(), &["list", "--json"]);
    assert_clean("wenji list --json", &json);
    let rows: Vec<&str> = json.lines().collect();
    assert_eq!(rows.len(), articles, "{json}");
    for row in rows {
        let entry: serde_json::Value = serde_json::from_str(row).expect("each row is JSON");
        let title = entry["title"].as_str().expect("a title");
        assert_clean("a JSON title, decoded", title);
    }
}

#[test]
fn show_and_search_in_a_pipe_write_no_control() {
    let folder = hostile_folder();
    let dir = folder.path();
    for number in 1..=article_count(dir) {
        let (shown, warnings) = run_in(dir, &["show", &number.to_string()]);
        assert_clean(&format!("wenji show {number}"), &shown);
        assert_clean("wenji show's warnings", &warnings);
        assert!(!shown.contains('\r'));
    }
    for args in [
        &["search", "振兴"][..],
        &["search", "--count", "振兴"],
        &["search", "--json", "振兴"],
        &["search", "PWNED"],
        &["search", "--json", "PWNED"],
    ] {
        let (found, warnings) = run_in(dir, args);
        assert_clean(&format!("wenji {args:?}"), &found);
        assert_clean("its warnings", &warnings);
        assert!(!found.is_empty(), "wenji {args:?} finds something");
    }
    let (counts, _) = run_in(dir, &["search", "--count", "振兴"]);
    assert_eq!(counts.lines().count(), 7, "one line per article: {counts}");
    assert!(counts.contains(&format!("{HOSTILE_SHOWN}: ")), "{counts}");
}

#[test]
fn a_hostile_argument_echoed_in_an_error_is_shown_with_placeholders() {
    let folder = hostile_folder();
    let spec = "\x1b]0;PWNED\x07\u{202e}无此标题";
    let (_, error) = run_in(folder.path(), &["show", spec]);
    assert_clean("the error", &error);
    assert!(error.contains("␛]0;PWNED␇无此标题"), "{error}");
}

#[test]
fn a_hostile_value_in_a_usage_error_reaches_a_terminal_clean() {
    // On a terminal clap writes its message with colours, and the value typed went out as it
    // stood: an OSC sequence in it set the window title.
    let value = "\x1b]0;PWNED\x07\x1b[31m\u{202e}gbk";
    let mut pty = Pty::wenji(&["--encoding", value], 100, 30, &[]);
    let exit = pty.wait_exit(PATIENCE).expect("wenji ends");
    assert!(!exit.success(), "a usage error");
    let output = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(output.contains("unknown encoding"), "{output}");
    assert_clean(
        "the usage error on a terminal",
        &output.replace("\r\n", "\n"),
    );
    assert!(pty.window_titles().is_empty(), "{:?}", pty.window_titles());
}

#[test]
fn the_browser_shows_placeholders_and_never_sets_the_title_or_colour() {
    let folder = hostile_folder();
    let sandbox = Sandbox::new();
    let config = sandbox.config_dir().join("wenji");
    fs::create_dir_all(&config).expect("config dir");
    fs::write(
        config.join("config.toml"),
        "theme = \"\\u001b]2;PWNED\\u0007\\u202enope\"\n",
    )
    .expect("write config");
    let path = folder.path().to_str().expect("a UTF-8 temp path");
    let mut pty = Pty::wenji_in(sandbox, &[path], 120, 30, &[("NO_COLOR", "1")]);
    pty.wait_for(HOSTILE_SHOWN, PATIENCE)
        .expect("the title shows its escapes as placeholders");
    // vt100 keeps U+FFFD off its screen (it stands for bytes it could not decode), so where the
    // name's bad byte is drawn as one is read from the output.
    pty.wait_for("y31mbad", PATIENCE)
        .expect("a non-UTF-8 name titles its article");
    pty.wait_for("题␛]0;PWNED␇一二三", PATIENCE)
        .expect("a JSON title on one row");
    pty.send_keys("G");
    pty.wait_for("z31mc1.txt:", PATIENCE)
        .expect("the info line names the last file");
    pty.send_keys("!");
    pty.wait_for("Esc closes", PATIENCE)
        .expect("the warnings open");
    pty.wait_for("␛]2;PWNED␇nope", PATIENCE)
        .expect("the config's theme name is quoted with placeholders");
    pty.press(Key::Esc);
    pty.wait_until(|s| !s.contents().contains("Esc closes"), PATIENCE)
        .expect("the warnings close");
    pty.send_keys("q");
    let quit = pty.wait_exit(PATIENCE);
    assert!(quit.is_some(), "wenji quits on q:\n{}", pty.screen_text());

    assert_eq!(pty.window_titles(), Vec::<Vec<u8>>::new(), "no title set");
    let raw = pty.raw_output();
    assert!(!raw.contains(&0x07), "no bell reached the terminal");
    let text = String::from_utf8(raw).expect("the browser writes UTF-8");
    for title in ["y\u{FFFD}31mbad", "z\u{FFFD}31mc1"] {
        assert!(text.contains(title), "{title:?} is drawn");
    }
    for c in ['\u{9b}', '\u{202e}', '\u{2028}', '\u{2029}', '\u{85}'] {
        assert!(!text.contains(c), "{c:?} reached the terminal");
    }
    for sequence in ["\x1b]", "\x1b[31m"] {
        assert!(
            !text.contains(sequence),
            "{sequence:?} reached the terminal"
        );
    }
}

#[test]
fn no_colour_leaks_from_a_title_into_the_screen() {
    let folder = hostile_folder();
    let path = folder.path().to_str().expect("a UTF-8 temp path");
    let pty = Pty::wenji(&[path], 120, 30, &[("NO_COLOR", "1")]);
    pty.wait_for(HOSTILE_SHOWN, PATIENCE).expect("listed");
    let screen = pty.screen();
    let (rows, cols) = screen.size();
    for row in 0..rows {
        for col in 0..cols {
            let cell = screen.cell(row, col).expect("a cell on screen");
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "without colour, no cell is coloured (row {row}, column {col}):\n{}",
                pty.screen_text()
            );
        }
    }
}

/// A file name from arbitrary bytes: never empty, never hidden, no `/` or NUL, ending in `.txt`.
fn file_name() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(1u8..=255, 1..60).prop_map(|bytes| {
        let mut name = b"n".to_vec();
        name.extend(bytes.into_iter().map(|b| if b == b'/' { b'_' } else { b }));
        name.extend_from_slice(b".txt");
        name
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_file_name_gives_a_clean_one_line_title_and_list_row(
        names in prop::collection::btree_set(file_name(), 1..6)
    ) {
        let folder = tempfile::tempdir().expect("temp dir");
        for name in &names {
            fs::write(folder.path().join(OsStr::from_bytes(name)), LONG).expect("write");
        }
        let corpus = corpus::load(&[folder.path().to_path_buf()], LoadOptions::default())
            .expect("loads");
        prop_assert_eq!(corpus.articles.len(), names.len());
        for article in &corpus.articles {
            prop_assert!(forbidden_in(&article.title).is_none(), "{:?}", article.title);
            prop_assert!(!article.title.contains(['\n', '\t']), "{:?}", article.title);
        }
        let (tsv, warnings) = run_in(folder.path(), &["list"]);
        prop_assert!(forbidden_in(&tsv).is_none(), "{:?}", tsv);
        prop_assert!(forbidden_in(&warnings).is_none(), "{:?}", warnings);
        prop_assert_eq!(tsv.lines().count(), names.len(), "{:?}", tsv);
        for row in tsv.lines() {
            prop_assert_eq!(row.split('\t').count(), 8, "{:?}", row);
        }
    }
}
