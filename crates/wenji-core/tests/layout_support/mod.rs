//! Shared by the layout tests: the line-breaking rules of CHINESE-TEXT.md §1 and the Unicode
//! data widths are judged by, written out again here rather than imported, so a mark dropped
//! from the implementation's lists or a wrong width makes the tests fail.
//!
//! Only the base opportunities come from the crate wenji tailors (`unicode-linebreak`, UAX #14):
//! they say where a Latin word or a number holds together, which the rules take as given.
#![allow(dead_code)] // each test binary uses its own part of the helpers

pub mod east_asian_width;

use std::collections::BTreeSet;
use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use wenji_core::text::width::{AmbiguousWidth, grapheme_width};

pub const NO_START: &str = "、，。．：；！？‼⁇,.:;!?”’」』）)〕］]｝}】〗》〉～-–—·・‧/／…⋯⸺々";
pub const NO_START_AFTER_DIGIT: &str = "%％℃°‰";
pub const NO_END: &str = "“‘「『（(〔［[｛{【〖《〈/／";
pub const NO_END_BEFORE_DIGIT: &str = "¥＄$£€#";
pub const PAIRED: &str = "—…⋯";

pub fn head(text: &str) -> char {
    text.chars().next().unwrap_or(' ')
}

/// First character of the last grapheme cluster of `text`.
pub fn last_head(text: &str) -> char {
    text.graphemes(true).next_back().map_or(' ', head)
}

pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The rules of §1 forbid a break between `before` and `after` (spaces already stripped).
pub fn forbidden(before: char, after: char, spaced: bool) -> bool {
    NO_START.contains(after)
        || (NO_START_AFTER_DIGIT.contains(after) && is_digit(before))
        || NO_END.contains(before)
        || (NO_END_BEFORE_DIGIT.contains(before) && is_digit(after))
        || (!spaced && before == after && PAIRED.contains(after))
}

/// Full-width letters and digits hold together like ASCII ones, and `．` joins the digit after
/// it: §1 tailors UAX #14, which lets them part anywhere.
pub fn in_full_width_run(before: char, after: char) -> bool {
    let digit = |c| ('０'..='９').contains(&c);
    let alphanumeric = |c| digit(c) || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c);
    (alphanumeric(before) && alphanumeric(after)) || (before == '．' && digit(after))
}

/// A paragraph cut into grapheme clusters, with what the rules say about the joint before each.
pub struct Paragraph<'t> {
    graphemes: Vec<(usize, &'t str)>,
    opportunities: BTreeSet<usize>,
}

impl<'t> Paragraph<'t> {
    pub fn new(text: &'t str) -> Self {
        let opportunities = linebreaks(text)
            .filter(|&(_, kind)| kind == BreakOpportunity::Allowed)
            .map(|(offset, _)| offset)
            .collect();
        Self {
            graphemes: text.grapheme_indices(true).collect(),
            opportunities,
        }
    }

    /// Index of the cluster starting at byte `offset`.
    pub fn index_at(&self, offset: usize) -> usize {
        self.graphemes.partition_point(|&(start, _)| start < offset)
    }

    /// The clusters in the byte range `range`, as indices.
    pub fn indices(&self, range: Range<usize>) -> Range<usize> {
        self.index_at(range.start)..self.index_at(range.end)
    }

    pub fn head_of(&self, index: usize) -> char {
        head(self.graphemes[index].1)
    }

    /// The rules allow a break before cluster `index`, after `previous` (the last non-space
    /// character before it, with spaces between when `spaced`).
    pub fn separable(&self, previous: char, spaced: bool, index: usize) -> bool {
        let (offset, grapheme) = self.graphemes[index];
        let next = head(grapheme);
        !forbidden(previous, next, spaced)
            && self.opportunities.contains(&offset)
            && (spaced || !in_full_width_run(previous, next))
    }

    /// The rules allow a break nowhere inside the clusters `indices`: a line holding them can
    /// give nothing away.
    pub fn holds_nothing_separable(&self, indices: Range<usize>) -> bool {
        let mut previous: Option<char> = None;
        let mut spaced = false;
        for index in indices {
            if self.graphemes[index].1 == " " {
                spaced = true;
                continue;
            }
            if let Some(before) = previous
                && self.separable(before, spaced, index)
            {
                return false;
            }
            previous = Some(self.head_of(index));
            spaced = false;
        }
        true
    }

    /// Clusters `index - 1` and `index` are held together: neither is a space, and the rules
    /// neither forbid a break there nor offer one.
    fn kept(&self, index: usize) -> bool {
        let (before, after) = (self.graphemes[index - 1].1, self.graphemes[index].1);
        let (offset, next) = (self.graphemes[index].0, head(after));
        before != " "
            && after != " "
            && !forbidden(head(before), next, false)
            && (!self.opportunities.contains(&offset) || in_full_width_run(head(before), next))
    }

    /// Columns of the run held together across the joint before cluster `index`.
    pub fn run_width(&self, index: usize, ambiguous: AmbiguousWidth) -> usize {
        let mut first = index - 1;
        while first > 0 && self.kept(first) {
            first -= 1;
        }
        let mut last = index;
        while last + 1 < self.graphemes.len() && self.kept(last + 1) {
            last += 1;
        }
        self.graphemes[first..=last]
            .iter()
            .map(|&(_, grapheme)| grapheme_width(grapheme, ambiguous))
            .sum()
    }
}
