//! Runs too long for any line (URLs, e-mail addresses, paths) are cut after a separator
//! `/ . @ - _ ? &` when one falls in the last third of the line, not at the last column.
//! Random URL-like runs, sometimes among hanzi, at every width from 2 to 60 columns.

mod layout_support;

use layout_support::{NO_START, Paragraph, head};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use wenji_core::text::width::{AmbiguousWidth, str_width};
use wenji_core::text::wrap::{WrapOptions, wrap};

const SEPARATORS: &str = "/.@-_?&";

/// A URL-like run: words of lowercase letters and digits joined by separators, `:` and `=`.
fn run() -> impl Strategy<Value = String> {
    let word = "[a-z0-9]{1,14}";
    let joint = prop::sample::select(vec!["/", ".", "@", "-", "_", "?", "&", "=", "://", "/"]);
    (word, prop::collection::vec((joint, word), 0..12)).prop_map(|(first, rest)| {
        rest.into_iter()
            .fold(first, |run, (joint, word)| run + joint + &word)
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    let around = prop::sample::select(vec!["", "参见", "。", "地址：", "中国"]);
    (around.clone(), run(), around)
        .prop_map(|(before, run, after)| before.to_owned() + &run + after)
}

/// Where the line `shown` may be cut after a separator in its last third of `room`: the
/// number of clusters kept, for each such place, including its end (before `next`).
fn separator_cuts(shown: &str, next: char, room: usize) -> Vec<usize> {
    let graphemes: Vec<&str> = shown.graphemes(true).collect();
    let mut cuts = Vec::new();
    let mut columns = 0;
    for (at, grapheme) in graphemes.iter().enumerate() {
        columns += str_width(grapheme, AmbiguousWidth::Narrow);
        let after = graphemes.get(at + 1).map_or(next, |&g| head(g));
        if SEPARATORS.contains(head(grapheme))
            && !NO_START.contains(after)
            && 3 * columns >= 2 * room
        {
            cuts.push(at + 1);
        }
    }
    cuts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_run_longer_than_the_line_is_cut_after_a_separator_in_the_last_third(
        text in paragraph(),
        width in 2usize..=60,
    ) {
        let options = WrapOptions { width, first_indent: 0, ambiguous: AmbiguousWidth::Narrow };
        let paragraph = Paragraph::new(&text);
        for pair in wrap(&text, &options).windows(2) {
            let (above, below) = (&text[pair[0].range.clone()], &text[pair[1].range.clone()]);
            let index = paragraph.index_at(pair[1].range.start);
            let above_indices = paragraph.indices(pair[0].range.clone());
            let last = paragraph.head_of(index - 1);
            // Only a line with no place the rules allow a break had to cut the run.
            let forced = paragraph.holds_nothing_separable(above_indices)
                && !paragraph.separable(last, false, index);
            let cuts = separator_cuts(above, head(below), width);
            if forced && !cuts.is_empty() {
                prop_assert_eq!(
                    cuts.last().copied(),
                    Some(above.graphemes(true).count()),
                    "{:?} | {:?} at {}", above, below, width,
                );
            }
        }
    }
}
