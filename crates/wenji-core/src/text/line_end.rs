//! Where to end a line that overflows.
//!
//! A line ends at the latest allowed break that leaves it within the width. When the line holds
//! none, it sits inside a chain the rules keep together (`「#NotMyPresident」，`, a URL, a long
//! word), and some rule has to give. From least to most bad:
//!
//! 1. **After `/ . @ - _ ? &` in the last third of the line.** Only a chain longer than the line
//!    gets here, so it is cut anyway; where a URL, an e-mail address or a path reads on is after
//!    one of its separators, and keeping the cut within the last third keeps the line full.
//! 2. **Inside a run wider than a whole line**, at the last column: the run cannot stay whole
//!    on any line, so cutting it costs nothing that a punctuation break would save. Ending the
//!    line earlier at a bracket would strand `（` and still cut the run on the next line.
//! 3. **A punctuation rule**: a mark that may not start a line starts one, or one that may not
//!    end a line ends one. The latest such place wins. In a chain `「word」，` that is before
//!    the `，`, so the brackets stay with the word they enclose and only a pause mark moves.
//! 4. **Inside a run that fits a line** (a Latin word, a number): never while 1–3 offer a
//!    place, because the run is what a reader quotes, copies and searches for; a word cut in two
//!    is misread, a comma at a line start is only untidy.
//! 5. **Inside `——` or `……`.**
//!
//! Whether a run fits a whole line can depend on units past the overflow, so the rest of the
//! last run is read ahead, at most one line's worth.

use super::breaks::{Break, Unit, must_not_start};

/// Marks after which a chain too long for the line is cut, by preference.
const CUT_AFTER: [char; 7] = ['/', '.', '@', '-', '_', '?', '&'];

/// How bad a place to end the line is, from worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Never,
    SplitsPair,
    SplitsFittingRun,
    BreaksPunctuationRule,
    SplitsLongRun,
    AfterSeparator,
}

/// The widths a line is measured against, and how wide the units read for it are.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Columns free on this line (the first line's indent taken off).
    pub room: usize,
    /// Columns of a whole line: what a run must fit in to stay whole.
    pub width: usize,
    /// Columns of all the units pending, spaces included.
    pub pending: usize,
}

/// Where the line that `pending` overflows ends: the number of units it keeps, at least one.
/// May move units from `more` to the end of `pending` to learn how long its last run is.
pub fn line_end(
    text: &str,
    pending: &mut Vec<Unit>,
    more: &mut impl Iterator<Item = Unit>,
    measure: Measure,
) -> usize {
    let (limit, limit_columns) = fitting_end(pending, measure.room, measure.pending);
    // Nearly every line of Chinese text ends here, one or two units back.
    if let Some(at) = (1..=limit)
        .rev()
        .find(|&at| pending[at].before == Break::Allowed)
    {
        return at;
    }
    read_rest_of_last_run(pending, more, measure.width);
    let mut best = (Rank::Never, limit);
    let mut columns = limit_columns;
    let mut run: Option<(usize, bool)> = None;
    for at in (1..=limit).rev() {
        let rank = match pending[at].before {
            Break::Never | Break::Allowed => Rank::Never,
            Break::SplitsPair => Rank::SplitsPair,
            _ if after_separator(text, pending, at) && 3 * columns >= 2 * measure.room => {
                Rank::AfterSeparator
            }
            Break::BreaksPunctuationRule => Rank::BreaksPunctuationRule,
            Break::SplitsRun => {
                let (start, long) = match run {
                    Some((start, long)) if start < at => (start, long),
                    _ => run_at(pending, at, measure.width),
                };
                run = Some((start, long));
                if long {
                    Rank::SplitsLongRun
                } else {
                    Rank::SplitsFittingRun
                }
            }
        };
        if rank > best.0 {
            best = (rank, at);
            if rank == Rank::AfterSeparator {
                break;
            }
        }
        columns -= pending[at - 1].width;
    }
    best.1
}

/// The most units of `pending` whose shown text fits in `room` (at least one, fewer than all,
/// since `pending` overflows), and the columns they take, trailing spaces included; `columns`
/// is the width of all of `pending`.
fn fitting_end(pending: &[Unit], room: usize, columns: usize) -> (usize, usize) {
    // Usually only the last unit overflowed: the rest is known to fit without a walk.
    if let Some((last, kept)) = pending.split_last()
        && !kept.is_empty()
    {
        let kept_columns = columns.saturating_sub(last.width);
        let spaces: usize = kept
            .iter()
            .rev()
            .take_while(|unit| unit.space)
            .map(|unit| unit.width)
            .sum();
        if kept_columns.saturating_sub(spaces) <= room {
            return (kept.len(), kept_columns);
        }
    }
    let mut total = 0;
    let mut shown = 0;
    let mut end = (1, pending.first().map_or(0, |unit| unit.width));
    for (at, unit) in pending.iter().enumerate() {
        if at > 0 {
            if shown > room {
                break;
            }
            end = (at, total);
        }
        total += unit.width;
        if !unit.space {
            shown = total;
        }
    }
    end
}

/// When the last unit of `pending` continues a run that fits a line so far, read on until the
/// run ends or outgrows the line, so a cut inside it is ranked by its whole width.
fn read_rest_of_last_run(
    pending: &mut Vec<Unit>,
    more: &mut impl Iterator<Item = Unit>,
    width: usize,
) {
    if pending
        .last()
        .is_none_or(|unit| unit.before != Break::SplitsRun)
    {
        return;
    }
    let start = pending
        .iter()
        .rposition(|unit| unit.before != Break::SplitsRun)
        .unwrap_or(0);
    let mut columns: usize = pending[start..].iter().map(|unit| unit.width).sum();
    while columns <= width
        && let Some(unit) = more.next()
    {
        pending.push(unit);
        if unit.before != Break::SplitsRun {
            break;
        }
        columns += unit.width;
    }
}

/// The run holding the cut before `pending[at]`: where it starts, and whether it is wider than
/// a whole line.
fn run_at(pending: &[Unit], at: usize, width: usize) -> (usize, bool) {
    let start = pending[..at]
        .iter()
        .rposition(|unit| unit.before != Break::SplitsRun)
        .unwrap_or(0);
    let end = pending[at..]
        .iter()
        .position(|unit| unit.before != Break::SplitsRun)
        .map_or(pending.len(), |offset| at + offset);
    let columns: usize = pending[start..end].iter().map(|unit| unit.width).sum();
    (start, columns > width)
}

/// The cut before `pending[at]` comes right after a separator of URLs and paths, and the next
/// line would not start with a mark that may not start one (`://`).
fn after_separator(text: &str, pending: &[Unit], at: usize) -> bool {
    let head = |unit: &Unit| text[unit.start..].chars().next().unwrap_or(' ');
    let mark = head(&pending[at - 1]);
    CUT_AFTER.contains(&mark) && !must_not_start(mark, head(&pending[at]))
}
