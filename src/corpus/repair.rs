//! Recognising what a newspaper page puts around a speech — the byline under the title and the
//! editor credit at the end — and mending paragraphs that a page break cut in two.
//!
//! These are heuristics over one article's paragraphs; each says in its doc what it accepts.

use super::model::{Paragraph, ParagraphKind};

/// `郝鹏(辽宁省委书记、省人大常委会主任)` or with full-width brackets → (speaker, role).
///
/// The name is 1–12 characters without spaces or punctuation, the role fills the brackets and the
/// brackets end the line.
///
/// ```
/// use wenji::corpus::repair::byline;
/// assert_eq!(byline("许勤（黑龙江省委书记）"), Some(("许勤", "黑龙江省委书记")));
/// assert_eq!(byline("新锐青年说 | “新”记者实践"), None);
/// ```
pub fn byline(text: &str) -> Option<(&str, &str)> {
    let open = text.find(['(', '（'])?;
    let name = text[..open].trim();
    let rest = &text[open + text[open..].chars().next()?.len_utf8()..];
    let role = rest
        .strip_suffix(')')
        .or_else(|| rest.strip_suffix('）'))?
        .trim();
    let name_ok = (1..=12).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphabetic() || c == '·' || c == '•');
    let role_ok = !role.is_empty() && !role.contains(['(', '（', ')', '）']);
    (name_ok && role_ok).then_some((name, role))
}

/// Words that mark a bracketed note as an editor credit rather than part of the speech.
const CREDIT_WORDS: [&str; 8] = [
    "记者",
    "整理",
    "编辑",
    "通讯员",
    "报道",
    "供稿",
    "撰稿",
    "执笔",
];

/// Splits a trailing editor credit `（新华社记者…整理）` off the end of `text`.
///
/// Returns the text before the credit (trimmed; empty when the credit stood alone) and the credit
/// without its brackets.
///
/// ```
/// use wenji::corpus::repair::split_credit;
/// assert_eq!(
///     split_credit("营造浓厚氛围。（新华社记者曹智、李铮整理）"),
///     Some(("营造浓厚氛围。", "新华社记者曹智、李铮整理"))
/// );
/// assert_eq!(split_credit("（新华社记者刘伟整理）"), Some(("", "新华社记者刘伟整理")));
/// assert_eq!(split_credit("我们要坚持“两个毫不动摇”（见附件）"), None);
/// ```
pub fn split_credit(text: &str) -> Option<(&str, &str)> {
    let inner_end = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let open = inner_end.rfind(['（', '('])?;
    let credit = &inner_end[open + inner_end[open..].chars().next()?.len_utf8()..];
    let is_credit = credit.chars().count() <= 60 && CREDIT_WORDS.iter().any(|w| credit.contains(w));
    is_credit.then(|| (text[..open].trim_end(), credit.trim()))
}

/// Marks after which a paragraph is complete: a page break cannot have cut it.
const SENTENCE_END: &[char] = &[
    '。', '！', '？', '!', '?', '…', '；', ';', '：', ':', '.', '．',
];
/// Closing marks that may follow the sentence end (`……。”`).
const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '》', '〉', '】', '〕', ']', '"', '\'',
];
/// Marks that show a paragraph is running prose rather than a caption or a list line.
const PROSE_MARKS: &[char] = &['，', '。', '；', '、', '！', '？'];

/// Joins paragraphs that a page break split mid-sentence.
///
/// Two neighbouring body paragraphs are joined when the first is prose that stops without
/// sentence-final punctuation and the second is prose that continues it. Headings, lines after a
/// hard break, and short lines without prose punctuation (captions, mastheads) are never joined.
pub fn join_page_breaks(paragraphs: &mut Vec<Paragraph>) {
    let mut joined: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs.drain(..) {
        match joined.last_mut() {
            Some(previous) if continues(previous, &paragraph) => {
                previous.text.push_str(&paragraph.text);
                previous.lines.end = paragraph.lines.end;
            }
            _ => joined.push(paragraph),
        }
    }
    *paragraphs = joined;
}

fn continues(previous: &Paragraph, next: &Paragraph) -> bool {
    // A paragraph ending on a comma or enumeration mark was certainly cut mid-sentence.
    let cut_at_pause = previous.text.ends_with(['，', '、', ',']);
    previous.kind == ParagraphKind::Body
        && next.kind == ParagraphKind::Body
        && is_prose(&previous.text)
        && (cut_at_pause || is_prose(&next.text))
        && !ends_sentence(&previous.text)
        && !starts_numbered(&next.text)
        && !is_numbered_heading(&previous.text)
}

/// `一、2024年工作回顾`: a short numbered line without a comma is a heading, complete as it is.
fn is_numbered_heading(text: &str) -> bool {
    starts_numbered(text) && !text.contains(['，', ',']) && text.chars().count() <= 40
}

fn is_prose(text: &str) -> bool {
    text.chars().count() >= 8 && text.contains(PROSE_MARKS)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(SENTENCE_END)
}

/// `一、` `（一）` `1.` `2、`: the start of a numbered heading or list item, never a continuation.
fn starts_numbered(text: &str) -> bool {
    let body = text.trim_start_matches(['（', '(']);
    let digits = body
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || "一二三四五六七八九十百零〇０１２３４５６７８９".contains(*c)
        })
        .count();
    digits > 0
        && body
            .chars()
            .nth(digits)
            .is_some_and(|c| matches!(c, '、' | '.' | '．' | '）' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, line: usize) -> Paragraph {
        Paragraph {
            text: text.to_owned(),
            lines: line..line + 1,
            kind: ParagraphKind::Body,
        }
    }

    #[test]
    fn page_break_split_paragraphs_are_joined() {
        let mut paragraphs = vec![
            body("今年以来，固定资产投资、规上工业增加值等主要经济指标", 3),
            body(
                "增幅达到近年历史同期最好水平，发展新动能正不断加速集聚。",
                5,
            ),
        ];
        join_page_breaks(&mut paragraphs);
        assert_eq!(paragraphs.len(), 1);
        assert!(paragraphs[0].text.contains("主要经济指标增幅达到"));
        assert_eq!(paragraphs[0].lines, 3..6);
    }

    #[test]
    fn complete_sentences_are_not_joined() {
        let mut paragraphs = vec![
            body("各位代表：", 1),
            body("现在，我代表国务院，向大会报告政府工作。", 3),
            body("一、2024年工作回顾，过去一年很不平凡", 5),
            body("（一）经济运行总体平稳，稳中有进。", 7),
        ];
        join_page_breaks(&mut paragraphs);
        assert_eq!(paragraphs.len(), 4);
    }

    #[test]
    fn a_numbered_heading_is_not_joined_to_the_paragraph_after_it() {
        let mut paragraphs = vec![
            body("一、2024年工作回顾", 1),
            body("过去一年，我国发展历程很不平凡。", 3),
            body("（一）经济运行总体平稳、稳中有进", 5),
            body("全年国内生产总值增长5%。", 7),
        ];
        join_page_breaks(&mut paragraphs);
        assert_eq!(paragraphs.len(), 4);
    }

    #[test]
    fn captions_without_prose_punctuation_are_not_joined() {
        let mut paragraphs = vec![
            body("新锐青年说 | “新”记者实践", 1),
            body("邀你做主编 | 校园快闪", 3),
        ];
        join_page_breaks(&mut paragraphs);
        assert_eq!(paragraphs.len(), 2);
    }

    #[test]
    fn a_break_after_a_closing_quote_ending_a_sentence_is_kept() {
        assert!(ends_sentence("他说：“我们一定要做好。”"));
        assert!(!ends_sentence("打一场“辽沈战役”"));
    }
}
