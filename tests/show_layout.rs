//! `wenji show` and the reading pane lay articles out by the same rules: snapshots of the
//! sample's first article at four widths, the clreq line-edge rules checked on every line, and
//! the one-shot command's arguments and exit codes.

use std::process::Command;

use wenji::commands::show;
use wenji::corpus;
use wenji::state::Settings;
use wenji::text::width::{AmbiguousWidth, str_width};

/// Marks that must never start a line (CHINESE-TEXT.md §1), as a reader would spot them.
const NO_START: &[char] = &[
    '，', '。', '、', '：', '；', '！', '？', '”', '’', '》', '〉', '）', '」', '』', '】',
];
/// Marks that must never end a line.
const NO_END: &[char] = &['“', '‘', '《', '〈', '（', '「', '『', '【'];

fn shown(width: usize, settings: Settings) -> String {
    let corpus = corpus::sample();
    let mut out = Vec::new();
    show::write(&corpus, 0, settings, width, false, &mut out).expect("writes");
    String::from_utf8(out).expect("UTF-8 output")
}

fn assert_line_edges(text: &str, width: usize, ambiguous: AmbiguousWidth) {
    for line in text.lines() {
        assert!(
            str_width(line, ambiguous) <= width,
            "wider than {width}: {line}"
        );
        let body = line.trim_start();
        if let Some(first) = body.chars().next() {
            assert!(
                !NO_START.contains(&first),
                "line starts with {first}: {line}"
            );
        }
        if let Some(last) = body.chars().last() {
            assert!(!NO_END.contains(&last), "line ends with {last}: {line}");
        }
    }
}

#[test]
fn first_article_at_40_columns() {
    let text = shown(40, Settings::default());
    assert_line_edges(&text, 40, AmbiguousWidth::Narrow);
    insta::assert_snapshot!("first_article_40", text);
}

#[test]
fn first_article_at_61_columns() {
    let text = shown(61, Settings::default());
    assert_line_edges(&text, 61, AmbiguousWidth::Narrow);
    insta::assert_snapshot!("first_article_61", text);
}

#[test]
fn first_article_at_80_columns() {
    let text = shown(80, Settings::default());
    assert_line_edges(&text, 80, AmbiguousWidth::Narrow);
    insta::assert_snapshot!("first_article_80", text);
}

#[test]
fn first_article_at_120_columns_is_centred_at_40_hanzi() {
    let text = shown(120, Settings::default());
    assert_line_edges(&text, 120, AmbiguousWidth::Narrow);
    let widest = text
        .lines()
        .map(|l| str_width(l.trim_start(), AmbiguousWidth::Narrow))
        .max();
    assert_eq!(widest, Some(80), "no line of text is wider than 40 hanzi");
    assert!(
        text.lines()
            .filter(|l| !l.is_empty())
            .all(|l| l.starts_with(&" ".repeat(20)))
    );
    insta::assert_snapshot!("first_article_120", text);
}

#[test]
fn ambiguous_wide_counts_quotes_as_two_columns() {
    let settings = Settings {
        ambiguous: AmbiguousWidth::Wide,
        ..Settings::default()
    };
    let text = shown(40, settings);
    assert_line_edges(&text, 40, AmbiguousWidth::Wide);
    assert_ne!(
        text,
        shown(40, Settings::default()),
        "quotes change where lines break"
    );
}

#[test]
fn no_indent_separates_paragraphs_with_blank_lines() {
    let settings = Settings {
        indent: false,
        ..Settings::default()
    };
    let text = shown(80, settings);
    assert!(
        text.contains("\n\n习近平总书记对辽宁高度重视"),
        "blank line, then the paragraph unindented"
    );
    assert!(!text.contains("    习近平"));
}

fn wenji(args: &[&str]) -> std::process::Output {
    // A cache of its own: the developer's is neither read nor filled.
    let cache = tempfile::tempdir().expect("a cache folder");
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("wenji runs")
}

#[test]
fn show_by_number_or_title_part_prints_the_same_layout_without_colour_when_piped() {
    let by_number = wenji(&["show", "2", "--width", "61"]);
    let by_title = wenji(&["show", "龙江振兴", "--width", "61"]);
    assert!(by_number.status.success());
    assert_eq!(by_number.stdout, by_title.stdout);
    let text = String::from_utf8(by_number.stdout).expect("UTF-8");
    assert!(text.contains("许勤（黑龙江省委书记、省人大常委会主任）"));
    assert!(!text.contains('\x1b'), "no colour codes in a pipe");
    assert_line_edges(&text, 61, AmbiguousWidth::Narrow);
}

#[test]
fn show_explains_unknown_and_ambiguous_articles() {
    let missing = wenji(&["show", "不存在的标题"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article matches `不存在的标题`"));
    let ambiguous = wenji(&["show", "新"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(stderr.contains("matches 3 articles"), "{stderr}");
    assert!(stderr.contains("2\t打造向北开放新高地"), "{stderr}");
}

#[test]
fn show_0_is_an_error_since_article_numbers_start_at_1() {
    let zero = wenji(&["show", "0"]);
    assert_eq!(
        zero.status.code(),
        Some(1),
        "not the first title with a 0 in it"
    );
    assert!(zero.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&zero.stderr);
    assert!(stderr.contains("there is no article 0"), "{stderr}");
    assert!(stderr.contains("article numbers start at 1"), "{stderr}");
}

#[test]
fn a_number_is_taken_for_a_title_only_with_title() {
    // The third title begins 2023年; there are only 3 articles.
    let number = wenji(&["show", "2023"]);
    assert_eq!(number.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&number.stderr);
    assert!(stderr.contains("there is no article 2023"), "{stderr}");
    assert!(
        stderr.contains("--title"),
        "the error says how to search titles"
    );
    let title = wenji(&["show", "--title", "2023", "--width", "61"]);
    assert!(title.status.success());
    assert_eq!(title.stdout, wenji(&["show", "3", "--width", "61"]).stdout);
}
