//! Exact wrapped lines for examples from clreq and GB/T 15834, the orphan rule, and mapping
//! search hits onto wrapped lines.

use wenji_core::text::width::AmbiguousWidth;
use wenji_core::text::wrap::{WrapOptions, spans_of, wrap};

fn lines_of(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<&str> {
    let options = WrapOptions {
        width,
        first_indent: 0,
        ambiguous,
    };
    wrap(text, &options)
        .into_iter()
        .map(|line| &text[line.range])
        .collect()
}

fn lines(text: &str, width: usize) -> Vec<&str> {
    lines_of(text, width, AmbiguousWidth::Narrow)
}

/// (paragraph, width, expected lines), all with narrow ambiguous characters and no indent.
const EXAMPLES: &[(&str, usize, &[&str])] = &[
    // A connector dash stays at the end of its line and never starts one.
    ("东北—远东", 4, &["东", "北—", "远东"]),
    ("东北—远东", 5, &["东北—", "远东"]),
    ("1949—2019年", 10, &["1949—", "2019年"]),
    // The interpunct in a transliterated name never starts a line.
    ("诺尔曼·白求恩", 6, &["诺尔", "曼·白", "求恩"]),
    // Book-title marks: `《` never ends a line, `》` and `。` never start one.
    ("我读《论语》。", 6, &["我读", "《论", "语》。"]),
    ("我读《论语》。", 8, &["我读《论", "语》。"]),
    // Quotes open and close like brackets among hanzi.
    ("他说：“你好。”", 10, &["他说：", "“你好。”"]),
    ("“甲”“乙”", 4, &["“甲”", "“乙”"]),
    // Numbers with their units and signs stay whole; a year may part from `年`.
    ("增长5.2%的", 8, &["增长", "5.2%的"]),
    ("气温达30℃以上", 8, &["气温达", "30℃以上"]),
    ("价格¥100元", 6, &["价格", "¥100元"]),
    ("我们2023年完成", 8, &["我们2023", "年完成"]),
    // Mixed Latin: `GB/T` is one run, the space before the number is a break.
    (
        "依据GB/T 15834—2011标准",
        12,
        &["依据GB/T", "15834—2011", "标准"],
    ),
    ("用AI技术", 3, &["用", "AI", "技", "术"]),
    (
        "使用AI（人工智能）技术",
        10,
        &["使用AI（人", "工智能）", "技术"],
    ),
    ("上下／左右", 4, &["上", "下／", "左右"]),
    // Dash pairs and ellipses go down whole, taking the character before them.
    ("啊——好的", 5, &["啊——", "好的"]),
    ("他说……好吧", 5, &["他", "说……", "好吧"]),
    ("研究（试行）办法", 6, &["研究", "（试", "行）", "办法"]),
    // A word wider than the line is cut at grapheme boundaries.
    ("internationalization", 8, &["internat", "ionaliza", "tion"]),
];

#[test]
fn clreq_and_gb_examples_wrap_exactly() {
    for &(text, width, expected) in EXAMPLES {
        assert_eq!(lines(text, width), expected, "{text:?} at width {width}");
    }
}

#[test]
fn full_width_year_is_never_split_but_may_part_from_nian() {
    // `２００８` is 8 columns: at width 10 the year goes down whole rather than `于２ | ００８年`.
    assert_eq!(lines("始于２００８年", 10), ["始于", "２００８年"]);
    assert_eq!(lines("于２００８年底", 10), ["于２００８", "年底"]);
}

#[test]
fn full_width_percentage_is_never_split() {
    assert_eq!(lines("增长１４．９％，", 12), ["增长", "１４．９％，"]);
    assert_eq!(lines("增长了１４．９％", 14), ["增长了", "１４．９％"]);
}

#[test]
fn full_width_letters_hold_together_like_ascii_ones() {
    assert_eq!(lines("我国ＧＤＰ总量", 8), ["我国", "ＧＤＰ", "总量"]);
}

#[test]
fn a_latin_word_that_fits_a_line_is_never_split_for_a_bracket_rule() {
    // `「#NotMyPresident」，` is 21 columns: something must give at width 20. The word stays
    // whole with both its brackets; only the comma goes down, and `「` never ends a line.
    assert_eq!(
        lines("發起「#NotMyPresident」，鼓勵", 20),
        ["發起", "「#NotMyPresident」", "，鼓勵"]
    );
    assert_eq!(
        lines("用（internationalization）。", 22),
        ["用", "（internationalization", "）。"]
    );
}

#[test]
fn a_word_too_long_for_any_line_is_cut_at_the_last_column_not_after_its_bracket() {
    // The overflow falls inside the word; only reading on shows it is wider than a line.
    assert_eq!(lines("「abcdefghijklmn」", 12), ["「abcdefghij", "klmn」"]);
}

#[test]
fn an_over_long_url_is_cut_after_a_slash_or_low_line_in_the_last_third() {
    assert_eq!(
        lines(
            "https://example.org/reports/government_work_report.html",
            24
        ),
        [
            "https://example.org/",
            "reports/government_work_",
            "report.html"
        ]
    );
}

#[test]
fn an_over_long_email_address_is_cut_after_its_at_sign() {
    assert_eq!(
        lines("请致信press.office@xinhua.example.com", 16),
        ["请致信", "press.office@", "xinhua.example.", "com"]
    );
}

#[test]
fn an_over_long_run_without_a_mark_near_the_end_is_cut_at_the_last_column() {
    // The only `/` is in the first third of the line.
    assert_eq!(
        lines("ab/cdefghijklmnopqrstuvwxyz", 12),
        ["ab/cdefghijk", "lmnopqrstuvw", "xyz"]
    );
}

#[test]
fn comma_never_starts_a_line() {
    assert_eq!(lines("一二三四，五", 8), ["一二三", "四，五"]);
}

#[test]
fn dash_pair_is_never_split() {
    assert_eq!(lines("他说——好吧", 5), ["他", "说——", "好吧"]);
}

#[test]
fn wide_quotes_take_two_columns_in_ambiguous_wide_mode() {
    let text = "他说：“你好。”";
    assert_eq!(lines(text, 8), ["他说：", "“你好。”"]);
    assert_eq!(
        lines_of(text, 8, AmbiguousWidth::Wide),
        ["他说：", "“你", "好。”"]
    );
}

#[test]
fn a_lone_last_hanzi_pulls_one_character_down() {
    // Greedy filling would leave `九。` alone on the last line.
    assert_eq!(
        lines("一二三四五六七八九。", 8),
        ["一二三四", "五六七", "八九。"]
    );
    assert_eq!(lines("辽宁振兴新", 8), ["辽宁振", "兴新"]);
}

#[test]
fn orphan_stays_when_nothing_can_come_down() {
    // `《` may not end a line and `《论` does not fit beside `语》。`.
    assert_eq!(lines("我读《论语》。", 6), ["我读", "《论", "语》。"]);
}

#[test]
fn first_line_indent_narrows_only_the_first_line() {
    let options = WrapOptions {
        width: 8,
        first_indent: 4,
        ambiguous: AmbiguousWidth::Narrow,
    };
    let wrapped = wrap("一二三四五六七八", &options);
    let indents: Vec<usize> = wrapped.iter().map(|line| line.indent).collect();
    assert_eq!(indents, [4, 0, 0]);
}

#[test]
fn highlight_inside_one_line_is_one_span() {
    let text = "辽宁振兴新突破";
    let options = WrapOptions {
        width: 8,
        first_indent: 0,
        ambiguous: AmbiguousWidth::Narrow,
    };
    let wrapped = wrap(text, &options);
    assert_eq!(spans_of(&wrapped, 3..9), [(0, 3..9)]);
}

#[test]
fn highlight_split_across_a_break_gives_a_span_per_line() {
    let text = "hello world again";
    let options = WrapOptions {
        width: 11,
        first_indent: 0,
        ambiguous: AmbiguousWidth::Narrow,
    };
    let wrapped = wrap(text, &options);
    assert_eq!(lines(text, 11), ["hello world", "again"]);
    // "world again" spans the break; the consumed space belongs to neither line.
    assert_eq!(spans_of(&wrapped, 6..17), [(0, 6..11), (1, 12..17)]);
    assert!(spans_of(&wrapped, 11..12).is_empty());
}
