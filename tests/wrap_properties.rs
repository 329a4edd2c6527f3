//! Invariants of `text::wrap` over random paragraphs mixing hanzi, every mark the line-breaking
//! rules name, Latin words, numbers and emoji, at every width from 2 to 120 columns.
//!
//! The rule sets are written out again here from CHINESE-TEXT.md §1 rather than imported, so a
//! mark dropped from the implementation's lists makes these tests fail.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use wenji::text::width::{AmbiguousWidth, grapheme_width, str_width};
use wenji::text::wrap::{Line, WrapOptions, wrap};

const NO_START: &str = "、，。．：；！？‼⁇,.:;!?”’」』）)〕］]｝}】〗》〉～-–—·・‧/／…⋯⸺々";
const NO_START_AFTER_DIGIT: &str = "%％℃°‰";
const NO_END: &str = "“‘「『（(〔［[｛{【〖《〈/／";
const NO_END_BEFORE_DIGIT: &str = "¥＄$£€#";
const PAIRED: &str = "—…⋯";

/// Hanzi and other wide characters that only follow the ordinary rules.
const HANZI: &str = "中国辽宁振兴新突破年〇　";

/// Words, numbers, pairs and emoji, each placed whole.
const WORDS: &[&str] = &[
    "AI",
    "GB/T",
    "hello",
    "internationalization",
    "2023",
    "5.2%",
    "30℃",
    "15834",
    "１２",
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

/// Pieces a paragraph is built from: every character the rules name, hanzi, words, emoji.
fn pieces() -> Vec<String> {
    [
        HANZI,
        NO_START,
        NO_START_AFTER_DIGIT,
        NO_END,
        NO_END_BEFORE_DIGIT,
    ]
    .concat()
    .chars()
    .map(String::from)
    .chain(WORDS.iter().map(|&word| word.to_owned()))
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

fn head(text: &str) -> char {
    text.chars().next().unwrap_or(' ')
}

/// First character of the last grapheme cluster of `text`.
fn last_head(text: &str) -> char {
    text.graphemes(true).next_back().map_or(' ', head)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The rules of §1 forbid a break between `before` and `after` (spaces already stripped).
fn forbidden(before: char, after: char, spaced: bool) -> bool {
    NO_START.contains(after)
        || (NO_START_AFTER_DIGIT.contains(after) && is_digit(before))
        || NO_END.contains(before)
        || (NO_END_BEFORE_DIGIT.contains(before) && is_digit(after))
        || (!spaced && before == after && PAIRED.contains(after))
}

/// The line holds no place where the rules would let it break: it can give nothing away.
fn holds_nothing_separable(shown: &str) -> bool {
    let mut previous: Option<char> = None;
    let mut spaced = false;
    for grapheme in shown.graphemes(true) {
        if grapheme == " " {
            spaced = true;
            continue;
        }
        if let Some(before) = previous
            && !forbidden(before, head(grapheme), spaced)
        {
            return false;
        }
        previous = Some(head(grapheme));
        spaced = false;
    }
    true
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
        let lines = wrap(&text, &options);
        for pair in lines.windows(2) {
            let above = shown(&text, &pair[0]);
            let below = shown(&text, &pair[1]);
            let (before, after) = (last_head(above), head(below));
            let is_pair = before == after && PAIRED.contains(after);
            if forbidden(before, after, false) && !is_pair {
                prop_assert!(
                    holds_nothing_separable(above),
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
}
