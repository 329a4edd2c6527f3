//! Line wrapping for body text, by the rules of CHINESE-TEXT.md §1.
//!
//! `wrap` turns one paragraph into display lines, each a byte range of the paragraph, so callers
//! can draw a line, map a search hit onto the lines it spans ([`spans_of`]), or copy the original
//! text. Lines are never wider than the requested width unless a single grapheme cluster is wider
//! than the whole line, and a wide glyph never lands in a column it cannot fit in.
//!
//! The steps:
//! 1. [`breaks::units`](super::breaks::units) cuts the paragraph into grapheme clusters, each
//!    graded by how acceptable a break just before it is.
//! 2. Lines are filled greedily. When a cluster overflows the line, the line ends at the latest
//!    allowed break it holds. That is push-out: a mark that may not start a line takes the
//!    character before it down with it (a terminal can neither compress nor hang punctuation).
//!    A line with no allowed break ends at the least bad place [`line_end`](super::line_end)
//!    finds: a long URL after a `/`, never inside a word that fits a line while a punctuation
//!    rule could give instead.
//! 3. Spaces at a break are consumed: they are in neither line's range. So are spaces ending the
//!    paragraph, which would otherwise push a blank line past the width.
//! 4. If the last line is a lone hanzi (孤字), perhaps with closing punctuation, the line above
//!    gives it one more character when a break allows and the width has room.
//!
//! [`wrap_iter`] does this lazily, holding back one line for step 4, so a reader of a huge
//! paragraph can stop after the lines on screen.

use std::ops::Range;

use super::breaks::{Break, Unit, is_hanzi, must_not_start, units};
use super::line_end::{Measure, line_end};
use super::width::AmbiguousWidth;

/// How to lay out one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapOptions {
    /// Columns available for a line, indent included.
    pub width: usize,
    /// Blank columns before the first line (two ideographic spaces are 4).
    pub first_indent: usize,
    /// How wide ambiguous characters are drawn.
    pub ambiguous: AmbiguousWidth,
}

/// One display line: a byte range of the paragraph and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Bytes of the paragraph shown on this line: spaces at a break, and at the paragraph's end,
    /// are excluded.
    pub range: Range<usize>,
    /// Blank columns before the text.
    pub indent: usize,
    /// Columns the text occupies, indent excluded.
    pub width: usize,
}

/// Wrap `text` (one paragraph, no newlines) into lines of at most `options.width` columns.
///
/// ```
/// use wenji_core::text::width::AmbiguousWidth;
/// use wenji_core::text::wrap::{wrap, WrapOptions};
/// let text = "辽宁振兴，新突破。";
/// let options = WrapOptions { width: 8, first_indent: 0, ambiguous: AmbiguousWidth::Narrow };
/// let lines: Vec<&str> = wrap(text, &options).iter().map(|l| &text[l.range.clone()]).collect();
/// // `，` may not start a line, so `兴` goes down with it; `破。` alone would be an orphan.
/// assert_eq!(lines, ["辽宁振", "兴，新", "突破。"]);
/// ```
pub fn wrap(text: &str, options: &WrapOptions) -> Vec<Line> {
    wrap_iter(text, options).collect()
}

/// The lines of [`wrap`], one at a time: a reader can stop after the lines it shows.
///
/// ```
/// use wenji_core::text::width::AmbiguousWidth;
/// use wenji_core::text::wrap::{wrap_iter, WrapOptions};
/// let text = "天下大事必作于细".repeat(100_000);
/// let options = WrapOptions { width: 10, first_indent: 4, ambiguous: AmbiguousWidth::Narrow };
/// let screen: Vec<&str> = wrap_iter(&text, &options).take(2).map(|l| &text[l.range]).collect();
/// assert_eq!(screen, ["天下大", "事必作于细"]);
/// ```
pub fn wrap_iter<'a>(text: &'a str, options: &WrapOptions) -> impl Iterator<Item = Line> + use<'a> {
    // An indent that would leave no room for a wide glyph is dropped rather than squeezed.
    let indent = if options.first_indent + 2 <= options.width {
        options.first_indent
    } else {
        0
    };
    Wrapper {
        text,
        width: options.width,
        units: units(text, options.ambiguous),
        pending: Vec::new(),
        pending_total: 0,
        pending_shown: 0,
        indent,
        held: None,
        spare: Vec::new(),
        finished: false,
    }
}

/// For each line that `range` touches: (line index, the part of `range` on that line).
///
/// A range split across a break gives one span per line; the consumed spaces between belong to
/// neither. An empty range touches nothing.
///
/// ```
/// use wenji_core::text::width::AmbiguousWidth;
/// use wenji_core::text::wrap::{spans_of, wrap, WrapOptions};
/// let text = "辽宁振兴新突破";
/// let options = WrapOptions { width: 8, first_indent: 0, ambiguous: AmbiguousWidth::Narrow };
/// let lines = wrap(text, &options); // 辽宁振兴 | 新突破
/// let hit = text.find("兴新").unwrap_or(0);
/// assert_eq!(spans_of(&lines, hit..hit + 6), [(0, 9..12), (1, 12..15)]);
/// ```
pub fn spans_of(lines: &[Line], range: Range<usize>) -> Vec<(usize, Range<usize>)> {
    // Lines are in paragraph order, so the first touched line can be found by bisection.
    let first = lines.partition_point(|line| line.range.end <= range.start);
    lines[first..]
        .iter()
        .enumerate()
        .take_while(|(_, line)| line.range.start < range.end)
        .filter_map(|(offset, line)| {
            let start = line.range.start.max(range.start);
            let end = line.range.end.min(range.end);
            (start < end).then_some((first + offset, start..end))
        })
        .collect()
}

/// A line filled but not yet handed out, with the units it holds.
struct Held {
    units: Vec<Unit>,
    indent: usize,
}

/// The state of one paragraph being wrapped.
struct Wrapper<'a, U> {
    text: &'a str,
    width: usize,
    units: U,
    /// Units read but not yet placed on a finished line.
    pending: Vec<Unit>,
    /// Columns of all of `pending`.
    pending_total: usize,
    /// Columns of `pending` up to its last non-space unit.
    pending_shown: usize,
    /// Indent of the line being filled (only the first has one).
    indent: usize,
    /// The last filled line, kept back until it is known whether the next one is an orphan.
    held: Option<Held>,
    /// A cleared buffer to fill the next line into, so lines reuse their allocations.
    spare: Vec<Unit>,
    /// The last line has been filled.
    finished: bool,
}

impl<U: Iterator<Item = Unit>> Iterator for Wrapper<'_, U> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        loop {
            if self.finished {
                return self.held.take().map(|held| line_of(&held));
            }
            let mut units = std::mem::take(&mut self.spare);
            units.clear();
            let indent = self.indent;
            self.finished = self.fill_line(&mut units);
            self.indent = 0;
            let mut filled = Held { units, indent };
            if self.finished
                && let Some(above) = &mut self.held
            {
                pull_down_orphan(self.text, self.width, &mut above.units, &mut filled.units);
            }
            if let Some(previous) = self.held.replace(filled) {
                let line = line_of(&previous);
                self.spare = previous.units;
                return Some(line);
            }
        }
    }
}

impl<U: Iterator<Item = Unit>> Wrapper<'_, U> {
    /// Move the units of the next line into `line`; true if it is the paragraph's last.
    fn fill_line(&mut self, line: &mut Vec<Unit>) -> bool {
        let room = self.width.saturating_sub(self.indent);
        loop {
            // Only a non-space unit can overflow: spaces at the end of a line are consumed.
            let overflows = self.pending_shown > room
                && self.pending.len() > 1
                && self.pending.last().is_some_and(|unit| !unit.space);
            if overflows {
                let measure = Measure {
                    room,
                    width: self.width,
                    pending: self.pending_total,
                };
                let at = line_end(self.text, &mut self.pending, &mut self.units, measure);
                // Spaces opening the rest are consumed by the break.
                let rest = at
                    + self.pending[at..]
                        .iter()
                        .take_while(|unit| unit.space)
                        .count();
                line.extend_from_slice(&self.pending[..at]);
                self.pending.drain(..rest);
                self.pending_total = self.pending.iter().map(|unit| unit.width).sum();
                self.pending_shown = shown_width(self.pending.iter());
                return false;
            }
            let Some(unit) = self.units.next() else {
                line.append(&mut self.pending);
                self.pending_total = 0;
                self.pending_shown = 0;
                return true;
            };
            self.pending_total += unit.width;
            if !unit.space {
                self.pending_shown = self.pending_total;
            }
            self.pending.push(unit);
        }
    }
}

/// Give a last line that is a lone hanzi (孤字) one more character from the line above, at the
/// latest allowed break that keeps the last line within `width`.
fn pull_down_orphan(text: &str, width: usize, above: &mut Vec<Unit>, last: &mut Vec<Unit>) {
    if !is_orphan(text, last) {
        return;
    }
    let mut pulled = 0;
    let last_width = shown_width(last.iter());
    for at in (1..above.len()).rev() {
        pulled += above[at].width;
        if pulled + last_width > width {
            return;
        }
        if above[at].before == Break::Allowed && above[..at].iter().any(|unit| !unit.space) {
            last.splice(0..0, above.drain(at..));
            return;
        }
    }
}

/// A single hanzi, maybe followed by marks that may not start a line.
fn is_orphan(text: &str, line: &[Unit]) -> bool {
    let mut heads = line
        .iter()
        .filter(|unit| !unit.space)
        .map(|unit| text[unit.start..].chars().next().unwrap_or(' '));
    heads
        .next()
        .is_some_and(|hanzi| is_hanzi(hanzi) && heads.all(|mark| must_not_start(hanzi, mark)))
}

/// Columns of `units` up to the last non-space one.
fn shown_width<'u>(units: impl Iterator<Item = &'u Unit>) -> usize {
    let mut total = 0;
    let mut shown = 0;
    for unit in units {
        total += unit.width;
        if !unit.space {
            shown = total;
        }
    }
    shown
}

/// The display line for a filled line's units: trailing spaces are not shown.
fn line_of(held: &Held) -> Line {
    let start = held.units.first().map_or(0, |unit| unit.start);
    let shown = held.units.iter().rposition(|unit| !unit.space);
    let end = shown.map_or(start, |last| held.units[last].end);
    Line {
        range: start..end,
        indent: held.indent,
        width: shown_width(held.units.iter()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::str_width;

    fn texts(text: &str, width: usize, indent: usize) -> Vec<String> {
        let options = WrapOptions {
            width,
            first_indent: indent,
            ambiguous: AmbiguousWidth::Narrow,
        };
        wrap(text, &options)
            .iter()
            .map(|l| text[l.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let text = "习近平总书记对辽宁高度重视、念兹在兹、充满期待。AI and GB/T 5.2%";
        for width in 2..40 {
            let options = WrapOptions {
                width,
                first_indent: 4,
                ambiguous: AmbiguousWidth::Narrow,
            };
            for line in wrap(text, &options) {
                let shown = &text[line.range.clone()];
                assert_eq!(line.width, str_width(shown, AmbiguousWidth::Narrow));
                assert!(line.indent + line.width <= width, "{shown:?} at {width}");
            }
        }
    }

    #[test]
    fn a_wide_glyph_never_takes_the_last_free_column() {
        assert_eq!(texts("ab中文", 3, 0), ["ab", "中", "文"]);
    }

    #[test]
    fn first_line_is_indented() {
        assert_eq!(texts("一二三四五", 8, 4), ["一二", "三四五"]);
    }

    #[test]
    fn spaces_at_a_break_are_consumed() {
        assert_eq!(texts("ab   cd", 3, 0), ["ab", "cd"]);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        assert_eq!(texts("", 10, 0), [""]);
    }
}
