//! The outline of a long speech: its numbered headings (`一、…`, `（一）…`, `1. …`) and the
//! article's own Markdown headings, each pointing at its paragraph.
//!
//! Government Work Reports and congress reports run to 20–40 thousand characters; their
//! numbering is the map a reader navigates by. A `（一）` heading often opens a long paragraph,
//! so its label is the first sentence only.

use super::model::{Article, ParagraphKind};

/// Labels longer than this many characters are cut (with `...`).
const MAX_LABEL: usize = 40;

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1 for `一、` and Markdown headings, 2 for `（一）`, 3 for `1.`.
    pub level: u8,
    pub label: String,
    /// The paragraph the heading is in.
    pub paragraph: usize,
}

/// The outline of `article`, in reading order.
///
/// ```
/// use wenji::corpus::outline::outline;
/// use wenji::corpus::{Article, Paragraph, ParagraphKind};
/// let paragraph = |text: &str| Paragraph { text: text.into(), lines: 1..2, kind: ParagraphKind::Body };
/// let article = Article {
///     paragraphs: vec![
///         paragraph("各位代表："),
///         paragraph("一、2024年工作回顾"),
///         paragraph("（一）大力提振消费，全方位扩大国内需求。促进消费和投资更好结合。"),
///     ],
///     ..Article::default()
/// };
/// let labels: Vec<(u8, String)> = outline(&article).into_iter().map(|e| (e.level, e.label)).collect();
/// assert_eq!(labels, [(1, "一、2024年工作回顾".into()), (2, "（一）大力提振消费，全方位扩大国内需求。".into())]);
/// ```
pub fn outline(article: &Article) -> Vec<Entry> {
    article
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(index, paragraph)| {
            let level = if paragraph.kind == ParagraphKind::Heading {
                Some(1)
            } else {
                numbered_level(&paragraph.text)
            }?;
            Some(Entry {
                level,
                label: label(&paragraph.text),
                paragraph: index,
            })
        })
        .collect()
}

/// The level of a numbered heading at the start of `text`, if it is one.
fn numbered_level(text: &str) -> Option<u8> {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    let numeral_run = |s: &str| {
        s.chars()
            .take_while(|c| NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum::<usize>()
    };
    // 一、…  (a short line: a heading, not a list item inside prose)
    let run = numeral_run(text);
    if run > 0 && text[run..].starts_with('、') {
        return (text.chars().count() <= MAX_LABEL).then_some(1);
    }
    // （一）…
    if let Some(rest) = text.strip_prefix('（').or_else(|| text.strip_prefix('(')) {
        let run = numeral_run(rest);
        if run > 0 && (rest[run..].starts_with('）') || rest[run..].starts_with(')')) {
            return Some(2);
        }
    }
    // 1. / 1．/ 1、 followed by text, on a short line
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = &text[digits..];
    if (1..=2).contains(&digits)
        && (after.starts_with(". ") || after.starts_with('．') || after.starts_with('、'))
    {
        return (text.chars().count() <= MAX_LABEL).then_some(3);
    }
    None
}

/// The heading's label: its first sentence, cut to [`MAX_LABEL`] characters.
fn label(text: &str) -> String {
    let sentence = text
        .find('。')
        .map_or(text, |end| &text[..end + '。'.len_utf8()]);
    if sentence.chars().count() <= MAX_LABEL {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(MAX_LABEL - 1).collect();
    format!("{cut}...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_starting_with_a_numeral_is_prose_not_a_heading() {
        let text = "一、二、三产业协调发展，我们要把推动经济整体好转作为硬任务，坚持扩大内需战略同深化供给侧结构性改革有机结合。";
        assert_eq!(numbered_level(text), None);
    }

    #[test]
    fn levels_follow_the_numbering() {
        assert_eq!(numbered_level("三、2025年政府工作任务"), Some(1));
        assert_eq!(numbered_level("（十）加大保障和改善民生力度。"), Some(2));
        assert_eq!(numbered_level("2. 稳定和扩大就业"), Some(3));
        assert_eq!(numbered_level("2025年经济社会发展"), None);
    }
}
