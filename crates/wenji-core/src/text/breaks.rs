//! Where a line of Chinese text may break, and how bad each break would be.
//!
//! The paragraph is cut into grapheme clusters ([`Unit`]s). Before each one sits a [`Break`]: the
//! UAX #14 opportunities of `unicode-linebreak`, tailored to the rules of CHINESE-TEXT.md §1
//! (clreq basic level with the GB/T 15834 and strict additions). The crate alone lets `～ — · ／`
//! start a line and `/` end one, glues `“ ”` to the hanzi around them and glues a full-width `（`
//! to the Latin word before it, and lets full-width digits part (`２ | ００８`); the rule
//! functions below fix each of those, and every one carries an example. Breaks are graded
//! rather than allowed or forbidden, so the wrapper can still cut a run that is wider than the
//! whole line at the least bad place.
//!
//! Nothing here knows about widths of lines or where lines end; that is `wrap`'s and
//! `line_end`'s job.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use super::width::{AmbiguousWidth, grapheme_width};

/// How acceptable a line break before a unit is, by the rules alone. Where a line holds no
/// allowed break, [`line_end`](super::line_end) ranks the others, by the width of the run a cut
/// would split too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// Not a place for a break: before a space (a break comes after the spaces, which are then
    /// consumed) or before the first unit of the paragraph.
    Never,
    /// Splits `——`, `……` or `⋯⋯`: only when the pair alone is wider than the line.
    SplitsPair,
    /// Starts a line with a must-not-start mark or ends one with a must-not-end mark: only when
    /// the line could hold nothing else.
    BreaksPunctuationRule,
    /// Cuts a run UAX #14 keeps together (a Latin word, `5.2%`, `2023`) or a full-width number
    /// (`２００８`): only when the run alone is wider than the line, or nothing else is left.
    SplitsRun,
    /// A line break opportunity.
    Allowed,
}

/// One grapheme cluster of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// Byte offset of the cluster in the paragraph.
    pub start: usize,
    /// Byte offset just past the cluster.
    pub end: usize,
    /// Columns the cluster occupies.
    pub width: usize,
    /// How acceptable a break just before this cluster is.
    pub before: Break,
    /// An ASCII space: never shown at the end or start of a wrapped line.
    pub space: bool,
}

/// The units of `text` (one paragraph) with the break grade before each.
///
/// Lazy, so a reader can stop after the lines it shows; no allocation per unit.
pub fn units(text: &str, ambiguous: AmbiguousWidth) -> impl Iterator<Item = Unit> + '_ {
    let mut opportunities = linebreaks(text).filter_map(|(offset, kind)| {
        // The mandatory break at the end of the text is the paragraph's end, not a choice.
        (kind == BreakOpportunity::Allowed).then_some(offset)
    });
    let mut next_opportunity = opportunities.next();
    // The first character of the last non-space unit, and whether spaces followed it.
    let mut previous: Option<char> = None;
    let mut spaced = false;
    let mut first = true;
    clusters(text).map(move |(start, grapheme)| {
        let space = grapheme == " ";
        let head = grapheme.chars().next().unwrap_or(' ');
        while next_opportunity.is_some_and(|offset| offset < start) {
            next_opportunity = opportunities.next();
        }
        let before = if space || first {
            Break::Never
        } else {
            match previous {
                Some(previous) => grade(previous, spaced, head, next_opportunity == Some(start)),
                // Only spaces came before: they open the paragraph and may stand alone.
                None => Break::Allowed,
            }
        };
        first = false;
        if space {
            spaced = true;
        } else {
            previous = Some(head);
            spaced = false;
        }
        Unit {
            start,
            end: start + grapheme.len(),
            width: grapheme_width(grapheme, ambiguous),
            before,
            space,
        }
    })
}

/// The grapheme clusters of `text` with their offsets, as `grapheme_indices(true)` gives them, but
/// skipping the full segmentation between two characters that can only stand alone (nearly all
/// of Chinese text): that keeps rewrapping a long article within a frame.
fn clusters(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = &text[start..];
        let mut chars = rest.chars();
        let first = chars.next()?;
        let len = match chars.next() {
            Some(second) if !(stands_alone(first) && stands_alone(second)) => {
                rest.graphemes(true).next().map_or(rest.len(), str::len)
            }
            _ => first.len_utf8(),
        };
        let cluster = (start, &rest[..len]);
        start += len;
        Some(cluster)
    })
}

/// Characters whose grapheme cluster break property is Other and which no UAX #29 rule joins to
/// a neighbour of the same kind: between two of them there is always a boundary. The ranges
/// skip combining marks hidden in CJK blocks (U+302A–302F, U+FF9E–FF9F) and the soft hyphen.
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2100}'..='\u{23FF}'
        | '\u{2E00}'..='\u{2E7F}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF9D}'
        | '\u{FFE0}'..='\u{FFEE}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// The pieces of `text` between which a line may break (spaces stay with the piece before).
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("东北—远东"), ["东", "北—", "远", "东"]);
/// assert_eq!(pieces("GB/T 15834"), ["GB/T ", "15834"]);
/// ```
pub fn pieces(text: &str) -> Vec<&str> {
    let mut result = Vec::new();
    let mut start = 0;
    for unit in units(text, AmbiguousWidth::Narrow) {
        if unit.before == Break::Allowed {
            result.push(&text[start..unit.start]);
            start = unit.start;
        }
    }
    if start < text.len() {
        result.push(&text[start..]);
    }
    result
}

/// Grade a break between `previous` (first character of the last non-space unit; `spaced` if
/// spaces follow it) and `next`, given whether UAX #14 offers a break there.
fn grade(previous: char, spaced: bool, next: char, uax14: bool) -> Break {
    if !spaced && previous == next && is_paired_mark(next) {
        Break::SplitsPair
    } else if must_not_start(previous, next) || must_not_end(previous, next) {
        Break::BreaksPunctuationRule
    } else if (uax14 || breaks_around_cjk_quote(previous, next) || opens_cjk_bracket(next))
        && (spaced || !inside_full_width_run(previous, next))
    {
        Break::Allowed
    } else {
        Break::SplitsRun
    }
}

/// Marks written as a pair that must stay on one line: `——`, `……`, `⋯⋯`.
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("啊——好"), ["啊——", "好"]);
/// assert_eq!(pieces("等等⋯⋯好"), ["等", "等⋯⋯", "好"]);
/// ```
fn is_paired_mark(c: char) -> bool {
    matches!(c, '—' | '…' | '⋯')
}

/// `next` may not begin a line (after `previous`): pause and stop marks, closing quotes and
/// brackets, connectors, interpuncts, solidi, dashes and ellipses, `々`, and units after digits.
/// UAX #14 lets several of them start a line; these are the cases it gets wrong:
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("东北—远东"), ["东", "北—", "远", "东"]);
/// assert_eq!(pieces("白求恩·诺尔曼"), ["白", "求", "恩·", "诺", "尔", "曼"]);
/// assert_eq!(pieces("一～二"), ["一～", "二"]);
/// assert_eq!(pieces("甲／乙"), ["甲／乙"]);
/// assert_eq!(pieces("30 ℃"), ["30 ℃"]);
/// ```
pub fn must_not_start(previous: char, next: char) -> bool {
    match next {
        '、' | '，' | '。' | '．' | '：' | '；' | '！' | '？' | '‼' | '⁇' | ',' | '.' | ':'
        | ';' | '!' | '?' | '”' | '’' | '」' | '』' | '）' | ')' | '〕' | '］' | ']' | '｝'
        | '}' | '】' | '〗' | '》' | '〉' | '～' | '-' | '–' | '—' | '·' | '・' | '‧' | '/'
        | '／' | '…' | '⋯' | '⸺' | '々' => true,
        '%' | '％' | '℃' | '°' | '‰' => is_digit(previous),
        _ => false,
    }
}

/// `previous` may not end a line (before `next`): opening quotes and brackets, solidi, and
/// currency or number signs before digits. UAX #14 lets `/` end a line:
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("GB/T"), ["GB/T"]);
/// assert_eq!(pieces("他说“ ok”"), ["他", "说", "“ ok”"]);
/// assert_eq!(pieces("$ 5"), ["$ 5"]);
/// ```
pub fn must_not_end(previous: char, next: char) -> bool {
    match previous {
        '“' | '‘' | '「' | '『' | '（' | '(' | '〔' | '［' | '[' | '｛' | '{' | '【' | '〖'
        | '《' | '〈' | '/' | '／' => true,
        '¥' | '＄' | '$' | '£' | '€' | '#' => is_digit(next),
        _ => false,
    }
}

/// Curly quotes among Chinese text separate like the brackets they are: a line may break before
/// an opening quote and after a closing one. Before Unicode 16 UAX #14 glues them to both
/// neighbours; an English apostrophe (`don’t`) stays glued.
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("说：“你好”他"), ["说：", "“你", "好”", "他"]);
/// assert_eq!(pieces("“甲”“乙”"), ["“甲”", "“乙”"]);
/// assert_eq!(pieces("don’t"), ["don’t"]);
/// ```
fn breaks_around_cjk_quote(previous: char, next: char) -> bool {
    let opening = |c| matches!(c, '“' | '‘');
    let closing = |c| matches!(c, '”' | '’');
    (opening(next) && (is_wide(previous) || closing(previous)))
        || (closing(previous) && (is_wide(next) || opening(next)))
}

/// A full-width opening bracket may start a line even after a Latin word or a number; the
/// crate applies UAX #14's rule against `word(` to East Asian brackets too.
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("AI（人工）"), ["AI", "（人", "工）"]);
/// ```
fn opens_cjk_bracket(next: char) -> bool {
    matches!(
        next,
        '（' | '〔' | '［' | '｛' | '【' | '〖' | '《' | '〈' | '「' | '『'
    )
}

/// Full-width letters and digits hold together as ASCII ones do, and a full-width point joins
/// the digits after it (`１４．９`); UAX #14 classes them as ideographs, which part anywhere. The
/// point before a digit needs no rule here: `．` may not start a line. A full-width number may
/// still part from the hanzi after it, as `2023` from `年`.
///
/// ```
/// use wenji_core::text::breaks::pieces;
/// assert_eq!(pieces("于２００８年"), ["于", "２００８", "年"]);
/// assert_eq!(pieces("增长１４．９％，"), ["增", "长", "１４．９％，"]);
/// assert_eq!(pieces("ＧＤＰ总量"), ["ＧＤＰ", "总", "量"]);
/// assert_eq!(pieces("２００８ ２００９"), ["２００８ ", "２００９"]);
/// ```
fn inside_full_width_run(previous: char, next: char) -> bool {
    // Called for nearly every unit: one comparison turns away hanzi and everything else.
    if !('０'..='ｚ').contains(&next) {
        return false;
    }
    let digit = |c| ('０'..='９').contains(&c);
    let alphanumeric = |c| digit(c) || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c);
    (alphanumeric(previous) && alphanumeric(next)) || (previous == '．' && digit(next))
}

/// A hanzi (CJK unified or compatibility ideograph, or `〇`): what the orphan rule counts.
///
/// ```
/// use wenji_core::text::breaks::is_hanzi;
/// assert!(is_hanzi('辽') && is_hanzi('〇') && !is_hanzi('。') && !is_hanzi('A'));
/// ```
pub fn is_hanzi(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '〇')
}

/// ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// East Asian Wide or Fullwidth: the context in which curly quotes act as Chinese quotes.
fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn clusters_match_full_grapheme_segmentation(
            chars in proptest::collection::vec(proptest::sample::select(TRICKY), 0..40),
        ) {
            let text: String = chars.into_iter().collect();
            let fast: Vec<(usize, &str)> = clusters(&text).collect();
            let full: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            proptest::prop_assert_eq!(fast, full);
        }
    }

    /// Characters that stand alone next to ones that combine, join or pair up.
    const TRICKY: &[char] = &[
        '中', 'a', ' ', '。', '“', '—', '\u{301}', '\u{302A}', '\u{FF9E}', 'ｶ', '\u{200D}',
        '\u{FE0F}', '👨', '🇨', '🇳', '\u{1100}', '\u{1161}', '\u{AC00}', '\u{AD}', '\r', '\n',
        '\u{0915}', '\u{094D}', '\u{0600}', '\u{0E33}', '©',
    ];

    #[test]
    fn break_between_a_year_and_nian_is_allowed() {
        assert_eq!(pieces("2023年"), ["2023", "年"]);
    }

    #[test]
    fn numbers_with_units_stay_whole() {
        assert_eq!(pieces("增长5.2%，"), ["增", "长", "5.2%，"]);
        assert_eq!(pieces("30℃以上"), ["30℃", "以", "上"]);
    }

    #[test]
    fn zwj_emoji_sequence_is_one_unit() {
        let text = "家👨\u{200d}👩\u{200d}👧中";
        assert_eq!(units(text, AmbiguousWidth::Narrow).count(), 3);
    }

    #[test]
    fn spaces_are_never_a_place_to_break_before() {
        let grades: Vec<Break> = units("a b", AmbiguousWidth::Narrow)
            .map(|unit| unit.before)
            .collect();
        assert_eq!(grades, [Break::Never, Break::Never, Break::Allowed]);
    }

    #[test]
    fn dash_pair_grades_as_a_pair_split() {
        let grades: Vec<Break> = units("——", AmbiguousWidth::Narrow)
            .map(|unit| unit.before)
            .collect();
        assert_eq!(grades, [Break::Never, Break::SplitsPair]);
    }
}
