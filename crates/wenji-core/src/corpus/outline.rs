//! The outline of a long speech: its numbered headings (`一、…`, `（一）…`, `1. …`) and the
//! article's own Markdown headings, each pointing at its paragraph.
//!
//! Government Work Reports and congress reports run to 20–40 thousand characters; their
//! numbering is the map a reader navigates by. A `（一）` heading often opens a long paragraph,
//! so its label is the first sentence only.

use super::model::{Article, Paragraph, ParagraphKind};
use super::numbering;

/// Labels longer than this many characters are cut (with `...`).
const MAX_LABEL: usize = 40;

/// One heading of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1 for `一、` and Markdown headings, 2 for `（一）`, 3 for `1.`, 4 for `（1）`.
    pub level: u8,
    pub label: String,
    /// The paragraph the heading is in.
    pub paragraph: usize,
}

/// The outline of `article`, in reading order.
///
/// ```
/// use wenji_core::corpus::outline::outline;
/// use wenji_core::corpus::{Article, Paragraph, ParagraphKind};
/// let paragraph = |text: &str| Paragraph { text: text.into(), lines: 1..2, kind: ParagraphKind::Body };
/// let article = Article {
///     paragraphs: vec![
///         paragraph("各位代表："),
///         paragraph("一、2024年工作回顾"),
///         paragraph("（一）大力提振消费，全方位扩大国内需求。促进消费和投资更好结合。"),
///     ]
///     .into(),
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
            let level = level_of(paragraph)?;
            Some(Entry {
                level,
                label: label(&paragraph.text),
                paragraph: index,
            })
        })
        .collect()
}

/// The outline level of a paragraph: a heading's numbering (1 for an unnumbered one), or the
/// numbering a body paragraph opens with — `（一）` whatever the length, since a report's
/// second-level heading often opens a long paragraph, and `一、` or `1.` on a short line.
fn level_of(paragraph: &Paragraph) -> Option<u8> {
    let level = numbering::marker(&paragraph.text).map(|(level, _)| level);
    match paragraph.kind {
        ParagraphKind::Heading => Some(level.unwrap_or(1)),
        ParagraphKind::Body => match level? {
            bracketed @ (2 | 4) => Some(bracketed),
            level => (paragraph.text.chars().count() <= MAX_LABEL).then_some(level),
        },
        _ => None,
    }
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

    fn body(text: &str) -> Paragraph {
        Paragraph {
            text: text.to_owned().into(),
            lines: 1..2,
            kind: ParagraphKind::Body,
        }
    }

    #[test]
    fn a_long_line_starting_with_a_numeral_is_prose_not_a_heading() {
        let text = "一、二、三产业协调发展，我们要把推动经济整体好转作为硬任务，坚持扩大内需战略同深化供给侧结构性改革有机结合。";
        assert_eq!(level_of(&body(text)), None);
    }

    #[test]
    fn levels_follow_the_numbering() {
        assert_eq!(level_of(&body("三、2025年政府工作任务")), Some(1));
        assert_eq!(level_of(&body("（十）加大保障和改善民生力度。")), Some(2));
        assert_eq!(level_of(&body("2. 稳定和扩大就业")), Some(3));
        assert_eq!(level_of(&body("2025年经济社会发展")), None);
        let heading = Paragraph {
            kind: ParagraphKind::Heading,
            ..body("四、加快构建新发展格局，着力推动高质量发展")
        };
        assert_eq!(level_of(&heading), Some(1));
        let markdown = Paragraph {
            kind: ParagraphKind::Heading,
            ..body("会议现场")
        };
        assert_eq!(level_of(&markdown), Some(1));
    }
}
