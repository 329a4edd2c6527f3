//! Invariants of `text::wrap` over random paragraphs mixing hanzi, every mark the line-breaking
//! rules name, Latin words, full-width and ASCII numbers, ambiguous-width letters and emoji, at
//! every width from 2 to 120 columns.
//!
//! The rules and the width data come from `layout_support`, written out again from
//! CHINESE-TEXT.md §1 and the Unicode data rather than imported from wenji.

mod layout_support;

use layout_support::east_asian_width::is_east_asian_ambiguous;
use layout_support::{PAIRED, Paragraph, forbidden, head, in_full_width_run, last_head};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;
use wenji_core::text::width::{AmbiguousWidth, grapheme_width, str_width};
use wenji_core::text::wrap::{Line, WrapOptions, wrap};

/// Hanzi and other wide characters that only follow the ordinary rules.
const HANZI: &str = "中国辽宁振兴新突破年〇　";

/// Words, numbers, pairs and emoji, each placed whole.
const WORDS: &[&str] = &[
    "AI",
    "GB/T",
    "hello",
    "internationalization",
    "NotMyPresident",
    "2023",
    "5.2%",
    "30℃",
    "15834",
    "１２",
    "２００８",
    "１４．９",
    "ＧＤＰ",
    "——",
    "……",
    "⋯⋯",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "e\u{301}",
    " ",
    " ",
    " ",
];

/// East Asian Ambiguous letters and signs `unicode-width` draws narrow even in a CJK context,
/// and one spelt with a combining mark.
const AMBIGUOUS_LETTERS: &[&str] = &["α", "ú", "Ω", "ё", "ø", "ā", "ǎ", "①", "е\u{308}"];

/// Pieces a paragraph is built from: every character the rules name, hanzi, words, emoji.
fn pieces() -> Vec<String> {
    [
        HANZI,
        layout_support::NO_START,
        layout_support::NO_START_AFTER_DIGIT,
        layout_support::NO_END,
        layout_support::NO_END_BEFORE_DIGIT,
    ]
    .concat()
    .chars()
    .map(String::from)
    .chain(
        WORDS
            .iter()
            .chain(AMBIGUOUS_LETTERS)
            .map(|&word| word.to_owned()),
    )
    .collect()
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces()), 0..120).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = WrapOptions> {
    (
        2usize..=120,
        prop::sample::select(vec![0usize, 4]),
        any::<bool>(),
    )
        .prop_map(|(width, first_indent, wide)| WrapOptions {
            width,
            first_indent,
            ambiguous: if wide {
                AmbiguousWidth::Wide
            } else {
                AmbiguousWidth::Narrow
            },
        })
}

/// Columns `text` takes in a terminal that draws every East Asian Ambiguous character two wide,
/// judged from the `East_Asian_Width` data rather than by wenji.
fn columns_in_a_cjk_terminal(text: &str) -> usize {
    text.graphemes(true)
        .map(|grapheme| match grapheme.width_cjk() {
            0 => 0,
            _ if is_east_asian_ambiguous(head(grapheme)) => 2,
            width => width.min(2),
        })
        .sum()
}

fn shown<'t>(text: &'t str, line: &Line) -> &'t str {
    &text[line.range.clone()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_line_is_wider_than_the_width(text in paragraph(), options in options()) {
        for line in wrap(&text, &options) {
            let single = shown(&text, &line).graphemes(true).count() == 1;
            prop_assert!(line.indent + line.width <= options.width || single, "{line:?}");
        }
    }

    #[test]
    fn width_field_is_the_width_of_the_shown_text(text in paragraph(), options in options()) {
        for line in wrap(&text, &options) {
            prop_assert_eq!(line.width, str_width(shown(&text, &line), options.ambiguous));
        }
    }

    #[test]
    fn lines_give_back_the_paragraph_minus_break_spaces(
        text in paragraph(),
        options in options(),
    ) {
        let lines = wrap(&text, &options);
        prop_assert!(!lines.is_empty());
        prop_assert_eq!(lines[0].range.start, 0);
        for pair in lines.windows(2) {
            let gap = &text[pair[0].range.end..pair[1].range.start];
            prop_assert!(pair[0].range.end <= pair[1].range.start);
            prop_assert!(gap.bytes().all(|b| b == b' '), "gap {gap:?}");
        }
        let tail = lines.last().map_or(0, |line| line.range.end);
        prop_assert!(text[tail..].bytes().all(|b| b == b' '));
        prop_assert!(lines.iter().skip(1).all(|line| line.indent == 0));
    }

    #[test]
    fn no_line_starts_or_ends_against_the_rules_unless_it_can_hold_nothing_else(
        text in paragraph(),
        options in options(),
    ) {
        let paragraph = Paragraph::new(&text);
        let lines = wrap(&text, &options);
        for pair in lines.windows(2) {
            let above = shown(&text, &pair[0]);
            let below = shown(&text, &pair[1]);
            let (before, after) = (last_head(above), head(below));
            let is_pair = before == after && PAIRED.contains(after);
            if forbidden(before, after, false) && !is_pair {
                prop_assert!(
                    paragraph.holds_nothing_separable(paragraph.indices(pair[0].range.clone())),
                    "{above:?} | {below:?} at {options:?}",
                );
            }
        }
    }

    #[test]
    fn dash_pair_and_ellipsis_are_never_split_unless_wider_than_the_line(
        text in paragraph(),
        options in options(),
    ) {
        let lines = wrap(&text, &options);
        for pair in lines.windows(2) {
            let above = shown(&text, &pair[0]);
            let below = shown(&text, &pair[1]);
            let mark = head(below);
            if pair[0].range.end == pair[1].range.start
                && last_head(above) == mark
                && PAIRED.contains(mark)
            {
                // The whole run of that mark around the split is what must fit.
                let run_before = above.chars().rev().take_while(|&c| c == mark).count();
                let run_after = below.chars().take_while(|&c| c == mark).count();
                let mark_width = grapheme_width(&mark.to_string(), options.ambiguous);
                prop_assert!(
                    pair[0].indent + (run_before + run_after) * mark_width > options.width,
                    "{above:?} | {below:?} at {options:?}",
                );
            }
        }
    }

    #[test]
    fn a_latin_word_or_number_is_split_only_when_wider_than_the_line(
        text in paragraph(),
        options in options(),
    ) {
        split_only_when_wider(&text, &options, |before, after| {
            before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()
        })?;
    }

    #[test]
    fn a_full_width_number_is_split_only_when_wider_than_the_line(
        text in paragraph(),
        options in options(),
    ) {
        split_only_when_wider(&text, &options, in_full_width_run)?;
    }

    #[test]
    fn in_wide_mode_no_line_is_wider_than_a_cjk_terminal_draws_it(
        text in paragraph(),
        width in 2usize..=120,
        first_indent in prop::sample::select(vec![0usize, 4]),
    ) {
        let options = WrapOptions { width, first_indent, ambiguous: AmbiguousWidth::Wide };
        for line in wrap(&text, &options) {
            let shown = shown(&text, &line);
            let single = shown.graphemes(true).count() == 1;
            prop_assert!(
                line.indent + columns_in_a_cjk_terminal(shown) <= width || single,
                "{shown:?} at {width}",
            );
        }
    }
}

/// The index of the first cluster of `below` when the break between `above` and it falls
/// between two clusters with no space consumed.
/// Every line break between two characters of a run (`in_run(before, after)`) cuts a run wider
/// than the line it starts on.
fn split_only_when_wider(
    text: &str,
    options: &WrapOptions,
    in_run: impl Fn(char, char) -> bool,
) -> Result<(), TestCaseError> {
    let paragraph = Paragraph::new(text);
    for pair in wrap(text, options).windows(2) {
        let Some(index) = split_joint(&paragraph, &pair[0], &pair[1]) else {
            continue;
        };
        if in_run(paragraph.head_of(index - 1), paragraph.head_of(index)) {
            let room = options.width - pair[0].indent;
            prop_assert!(
                paragraph.run_width(index, options.ambiguous) > room,
                "{:?} | {:?} at {options:?}",
                shown(text, &pair[0]),
                shown(text, &pair[1]),
            );
        }
    }
    Ok(())
}

fn split_joint(paragraph: &Paragraph<'_>, above: &Line, below: &Line) -> Option<usize> {
    let index = paragraph.index_at(below.range.start);
    (above.range.end == below.range.start && index > 0).then_some(index)
}
