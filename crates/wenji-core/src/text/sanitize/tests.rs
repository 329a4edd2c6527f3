//! Sanitising: escape sequences, bidi and zero-width characters, line ends and tabs — what is made
//! visible, dropped or kept.

use std::borrow::Cow;

use proptest::prelude::*;

use super::*;

fn shown(text: &str) -> String {
    sanitize(text).0.into_owned()
}

/// Characters that must never reach the terminal (a joiner only inside an emoji).
fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\t' | '\u{AD}'
        | '\u{061C}' | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[test]
fn escape_sequence_cannot_clear_the_screen() {
    let (text, report) = sanitize("各位代表\x1b[2J好");
    assert_eq!(text, "各位代表␛[2J好");
    assert_eq!(report.controls, 1);
}

#[test]
fn escape_sequence_cannot_write_the_clipboard() {
    let (text, report) = sanitize("\x1b]52;c;SGVsbG8=\x07实现全面振兴");
    assert_eq!(text, "␛]52;c;SGVsbG8=␇实现全面振兴");
    assert_eq!(report.controls, 2);
}

#[test]
fn delete_and_c1_controls_become_visible() {
    assert_eq!(shown("a\x7fb\u{9b}2Jc\0"), "a␡b\u{FFFD}2Jc␀");
}

#[test]
fn right_to_left_override_cannot_reverse_a_line() {
    let (text, report) = sanitize("文件\u{202E}txt.exe\u{202C} \u{2067}x\u{2069}\u{200F}");
    assert_eq!(text, "文件txt.exe x");
    assert_eq!(report.bidi, 5);
    assert_eq!(report.to_string(), "5 bidi controls removed");
}

#[test]
fn zero_width_characters_cannot_hide_in_the_text() {
    let (text, report) = sanitize("振\u{200B}兴\u{200C}新\u{200D}突\u{2060}破\u{FEFF}，co\u{AD}op");
    assert_eq!(text, "振兴新突破，coop");
    assert_eq!(report.zero_width, 6);
}

#[test]
fn emoji_family_stays_one_glyph() {
    let family = "👨\u{200D}👩\u{200D}👧";
    let text = format!("欢迎{family}！");
    let (shown, report) = sanitize(&text);
    assert!(matches!(shown, Cow::Borrowed(_)));
    assert!(report.is_clean());
    // A joiner between letters joins nothing and goes.
    assert_eq!(self::shown("a\u{200D}b 👨\u{200D}\u{301}"), "ab 👨\u{301}");
}

#[test]
fn tabs_line_up_on_four_column_stops() {
    assert_eq!(shown("\t第一条"), "    第一条");
    assert_eq!(shown("ab\tc"), "ab  c");
    // 中国 is four columns wide, so the tab goes to column 8.
    assert_eq!(shown("中国\t一\n\tx"), "中国    一\n    x");
    assert_eq!(shown("a\t\tb"), "a       b");
}

#[test]
fn windows_and_old_mac_line_ends_become_newlines() {
    let (text, report) = sanitize("第一段\r\n第二段\r第三段\r\n\r\n");
    assert_eq!(text, "第一段\n第二段\n第三段\n\n");
    assert!(report.is_clean(), "line ends are formatting, not a warning");
}

#[test]
fn unicode_line_separators_break_lines() {
    assert_eq!(shown("一\u{2028}二\u{2029}三\u{85}四"), "一\n二\n三\n四");
}

#[test]
fn pile_of_combining_marks_is_trimmed() {
    let zalgo = format!("Z{}a\u{301}", "\u{336}".repeat(40));
    let (text, report) = sanitize(&zalgo);
    assert_eq!(text, format!("Z{}a\u{301}", "\u{336}".repeat(MAX_MARKS)));
    assert_eq!(report.overloaded_marks, 1);
    let legitimate = "e\u{301}\u{323} 가";
    assert!(matches!(sanitize(legitimate).0, Cow::Borrowed(_)));
}

#[test]
fn clean_text_is_returned_without_copying() {
    let clean =
        "　　各位代表：\n现在，我代表省人民政府，向大会报告工作。GDP增长5.3%！😀\n".repeat(1000);
    let (text, report) = sanitize(&clean);
    assert!(matches!(text, Cow::Borrowed(_)));
    assert!(report.is_clean());
    assert_eq!(report.to_string(), "nothing to clean");
}

#[test]
fn lines_before_the_first_change_are_kept_as_they_were() {
    assert_eq!(shown("一\t二\n三\u{200B}\t四"), "一  二\n三  四");
}

#[test]
fn report_reads_as_one_sentence_and_adds_up() {
    let mut report = sanitize("\x1b[1m\x1b[0m\u{202E}").1;
    report += sanitize("x\u{200B}").1;
    assert_eq!(
        report.to_string(),
        "2 control characters shown as placeholders (␛ for ESC), 1 bidi control removed, \
         1 zero-width character removed"
    );
}

#[test]
fn a_one_line_field_shows_each_line_end_as_a_space() {
    let (title, report) = sanitize_line("题\x1b[31m一\r\n二\r三\n四\u{85}五\u{2028}六\u{2029}");
    assert_eq!(title, "题␛[31m一 二 三 四 五 六 ");
    assert_eq!(report.controls, 1, "line ends are not counted");
    assert!(matches!(sanitize_line("第二篇").0, Cow::Borrowed(_)));
    assert_eq!(sanitized_line("x\u{9b}y\n".to_owned()), "x\u{FFFD}y ");
}

#[test]
fn what_the_sanitiser_rewrites_is_named_for_encoders() {
    for c in [
        '\x1b', '\x07', '\t', '\r', '\x7f', '\u{9b}', '\u{2028}', '\u{202E}', '\u{200B}',
    ] {
        assert!(is_rewritten(c), "{c:?}");
    }
    for c in ['\n', 'a', '振', '，', '\u{301}', '😀', '␛'] {
        assert!(!is_rewritten(c), "{c:?}");
    }
}

proptest! {
    #[test]
    fn a_one_line_field_is_one_clean_line(text in any::<String>()) {
        let (shown, _) = sanitize_line(&text);
        prop_assert!(!shown.chars().any(|c| is_forbidden(c) || c == '\n'), "{:?}", shown);
    }

    #[test]
    fn nothing_dangerous_reaches_the_terminal(text in any::<String>()) {
        let (shown, _) = sanitize(&text);
        prop_assert!(!shown.chars().any(is_forbidden), "{:?}", shown);
        for (at, _) in shown.match_indices('\u{200D}') {
            let next = shown[at + 3..].chars().next();
            prop_assert!(next.and_then(char::width).unwrap_or(0) > 0, "{:?}", shown);
        }
    }

    #[test]
    fn sanitizing_twice_changes_nothing(text in "(\\PC|[\t\r\n\x1b\u{200B}\u{200D}\u{202E}\u{301}])*") {
        let (once, _) = sanitize(&text);
        let (twice, report) = sanitize(&once);
        prop_assert!(matches!(twice, Cow::Borrowed(_)), "{:?}", once);
        prop_assert!(report.is_clean());
    }
}

/// Characters that sanitising reads together with their neighbours: marks, joiners, emoji,
/// grapheme extenders, Indic conjuncts, regional indicators, Hangul jamo; and plain ones.
const NEIGHBOURLY: &str = "(a| |振|，|“|•|\n|\t|\u{200B}|\u{301}|\u{200D}|😀|😀\u{200D}👩|😀\u{FE0F}\u{200D}👩|\
                           e\u{301}\u{301}|\u{FF76}\u{FF9E}|\u{FF9E}\u{200D}😀|\u{0915}\u{094D}\u{200D}\u{0937}|\
                           \u{1F1E6}\u{1F1E8}|\u{1100}\u{1161}|\u{E0100})*";

/// `text` cut before each of the characters `cuts` name (as indices modulo its length).
fn cut(text: &str, cuts: &[usize]) -> Vec<String> {
    let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
    let mut points: Vec<usize> = cuts
        .iter()
        .filter_map(|&n| starts.get(n % starts.len().max(1)).copied())
        .chain([0, text.len()])
        .collect();
    points.sort_unstable();
    points.dedup();
    points
        .windows(2)
        .map(|w| text[w[0]..w[1]].to_owned())
        .collect()
}

proptest! {
    #[test]
    fn parts_that_stand_apart_join_without_sanitising_again(
        first in NEIGHBOURLY,
        second in NEIGHBOURLY,
        cuts in proptest::collection::vec(0usize..64, 0..8),
        separators in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just(" | "), Just("• ")], 8),
    ) {
        let (first, second) = (shown(&first), shown(&second));
        let parts: Vec<String> = cut(&first, &cuts)
            .into_iter()
            .chain(cut(&second, &cuts))
            .filter(|part| stands_apart(part))
            .collect();
        // Sanitised text of any kind may stand before them.
        let mut joined = first.clone();
        for (part, separator) in parts.iter().zip(separators.iter().cycle()) {
            prop_assert!(matches!(sanitize(part).0, Cow::Borrowed(_)), "{:?}", part);
            joined.push_str(separator);
            joined.push_str(part);
        }
        prop_assert!(matches!(sanitize(&joined).0, Cow::Borrowed(_)), "{:?} from {:?}", joined, parts);
    }
}
