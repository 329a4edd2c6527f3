//! The numbering of a speech's structure: `一、` `（一）` `1.` `（1）` at the start of a line.
//!
//! Government Work Reports and congress reports number their parts, and the numbering is how a
//! reader finds a heading, how the outline is built, and how page-break repair knows where a
//! paragraph cannot be a continuation. A numbered line is a heading when it is short and says no
//! complete sentence (`四、加快构建新发展格局，着力推动高质量发展`, commas and all); a numbered line
//! with a full stop is the first sentence of a paragraph (`（一）大力提振消费。促进…`).

/// The longest line, in characters, that still reads as a numbered heading.
const MAX_HEADING_CHARS: usize = 100;

/// Marks that end a sentence: a line with one inside says something, it does not title it.
const SENTENCE_MARKS: &[char] = &['。', '！', '？', '；', '!', '?', ';'];

/// Marks after which a line is unfinished (pauses, opening brackets and quotes): it cannot be a
/// heading.
const OPEN_ENDINGS: &[char] = &[
    '，', '、', ',', '：', ':', '“', '‘', '「', '『', '（', '(', '〔', '［', '[', '【', '〖', '《',
    '〈',
];

/// The level of the numbering that opens `text` and the marker's length in bytes: 1 for `一、`,
/// 2 for `（一）`, 3 for `1.` `1．` `1、` and 4 for `（1）`.
///
/// ```
/// use wenji_core::corpus::numbering::marker;
/// assert_eq!(marker("十二、实现建军一百年奋斗目标"), Some((1, "十二、".len())));
/// assert_eq!(marker("（三）强化安全生产工作"), Some((2, "（三）".len())));
/// assert_eq!(marker("２．稳定和扩大就业"), Some((3, "２．".len())));
/// assert_eq!(marker("(4) 扩大内需"), Some((4, 3)));
/// assert_eq!(marker("2.5微米"), None);
/// assert_eq!(marker("2025年经济社会发展"), None);
/// ```
pub fn marker(text: &str) -> Option<(u8, usize)> {
    // Nearly every paragraph is told apart by its first character.
    let first = text.chars().next()?;
    if !(is_hanzi_numeral(first) || matches!(first, '（' | '(') || is_digit(first)) {
        return None;
    }
    let hanzi = run(text, is_hanzi_numeral);
    if hanzi > 0 && text[hanzi..].starts_with('、') {
        return Some((1, hanzi + '、'.len_utf8()));
    }
    if let Some(open) = text.chars().next().filter(|c| matches!(c, '（' | '(')) {
        let inner = &text[open.len_utf8()..];
        let hanzi = run(inner, is_hanzi_numeral);
        let digits = run(inner, is_digit);
        let (level, numeral) = if hanzi > 0 { (2, hanzi) } else { (4, digits) };
        let close = inner[numeral..]
            .chars()
            .next()
            .filter(|c| matches!(c, '）' | ')'));
        if let (true, Some(close)) = (numeral > 0, close) {
            return Some((level, open.len_utf8() + numeral + close.len_utf8()));
        }
        return None;
    }
    let digits = run(text, is_digit);
    let after = &text[digits..];
    let mark = after.chars().next()?;
    let follows = after[mark.len_utf8()..].chars().next();
    let is_mark = match mark {
        '、' | '．' => true,
        // `2.5` is a number, not the item `2.`
        '.' => !follows.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    (digits > 0 && text[..digits].chars().count() <= 3 && is_mark)
        .then_some((3, digits + mark.len_utf8()))
}

/// Whether `text` is only a numbering marker (`二、`, `（三）`), its text on the lines after.
///
/// ```
/// use wenji_core::corpus::numbering::is_bare_marker;
/// assert!(is_bare_marker("二、") && is_bare_marker("（三）"));
/// assert!(!is_bare_marker("二、现状"));
/// ```
pub fn is_bare_marker(text: &str) -> bool {
    marker(text).is_some_and(|(_, len)| text[len..].trim().is_empty())
}

/// The level of `text` as a numbered heading: numbered, short, and without a sentence in it.
///
/// ```
/// use wenji_core::corpus::numbering::heading_level;
/// assert_eq!(heading_level("四、加快构建新发展格局，着力推动高质量发展"), Some(1));
/// assert_eq!(heading_level("（三）强化安全生产工作和整顿规范市场秩序"), Some(2));
/// assert_eq!(heading_level("（一）大力提振消费，全方位扩大国内需求。促进消费和投资更好结合。"), None);
/// assert_eq!(heading_level("四、所有确定进行建设的项目，一律实行“五定”，"), None);
/// ```
pub fn heading_level(text: &str) -> Option<u8> {
    let (level, len) = marker(text)?;
    // Asked first, and no further than a heading can run: a numbered paragraph of prose (many
    // in a report) is not read to its end for sentence marks.
    let short = text.chars().nth(MAX_HEADING_CHARS).is_none();
    if !short {
        return None;
    }
    let rest = text[len..].trim();
    let says_a_sentence = rest.contains(SENTENCE_MARKS);
    let unfinished = rest.ends_with(OPEN_ENDINGS);
    (!rest.is_empty() && !says_a_sentence && !unfinished).then_some(level)
}

/// Bytes at the start of `text` whose characters satisfy `accept`.
fn run(text: &str, accept: impl Fn(char) -> bool) -> usize {
    text.chars()
        .take_while(|&c| accept(c))
        .map(char::len_utf8)
        .sum()
}

/// Hanzi numerals, as in `十二、` and `（三）`.
fn is_hanzi_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}
