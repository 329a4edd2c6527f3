//! Recognising what a newspaper page puts around a speech — the byline under the title and the
//! editor credit at the end — and mending paragraphs that a page break cut in two.
//!
//! These are heuristics over one article's paragraphs; each says in its doc what it accepts.

use std::borrow::Cow;

use super::model::{Paragraph, ParagraphKind};
use super::numbering;
use crate::text::sanitize::{sanitize, stands_apart};

/// `郝鹏(辽宁省委书记、省人大常委会主任)` or with full-width brackets → (speaker, role).
///
/// The name is 1–12 characters without spaces or punctuation, the role fills the brackets and the
/// brackets end the line.
///
/// ```
/// use wenji_core::corpus::repair::byline;
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
/// use wenji_core::corpus::repair::split_credit;
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
/// Marks no paragraph starts with: stops, pauses and closing brackets belong to the text before.
const NEVER_FIRST: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '．', '”', '’', '」', '』', '）', ')', '〕', '］',
    ']', '｝', '}', '】', '〗', '》', '〉',
];
/// Marks no paragraph ends with: an opening bracket or quote belongs to the text after.
const NEVER_LAST: &[char] = &[
    '“', '‘', '「', '『', '（', '(', '〔', '［', '[', '｛', '{', '【', '〖', '《', '〈',
];
/// The longest fragment without prose punctuation that is taken into a sentence around it: a
/// link or a title that the export put on a line of its own (`…所作的` / `政府工作报告` / `。`).
const MAX_FRAGMENT_CHARS: usize = 40;

/// Joins paragraphs that a page break (or an export that put links and footnote marks on lines
/// of their own) split mid-sentence. Repair only ever joins: every character stays, in order.
///
/// Two passes over neighbouring body paragraphs:
/// 1. Certain joins, by the rule that a paragraph never starts with a closing mark (`。` `，` `”`
///    `）` …) nor ends with an opening one (`《` `“` `（` …), and that a bare number (`二、`) is
///    not a paragraph but the start of one. A short fragment followed by such a mark is the end
///    of the sentence before it, and joins that too.
/// 2. Likely joins: a prose paragraph that stops without sentence-final punctuation goes on into
///    the next when that is prose too, when it stopped at a comma, or when the next is a short
///    fragment that the prose after it goes on from.
///
/// Headings, captions and lines after a hard line break are never joined. A hard break is how the
/// source says "this line ends here": a quote that opens at the end of such a line (`他说：“`
/// then a hard break) is kept as the author wrote it, while the same line without the hard break
/// is taken as cut.
pub fn join_page_breaks(paragraphs: &mut Vec<Paragraph>) {
    let unjoined = std::mem::take(paragraphs)
        .into_iter()
        .map(|p| (p, Joins::default()));
    let certain = join_where(unjoined, certainly_continues);
    let likely = join_where(certain.into_iter(), likely_continues);
    *paragraphs = likely
        .into_iter()
        .map(|(mut paragraph, joins)| {
            if joins.any {
                // Marks that ended one line and began the next now sit on one character: cut
                // them as the sanitiser cuts any run.
                if joins.unclean
                    && let Cow::Owned(cut) = sanitize(&paragraph.text).0
                {
                    paragraph.text = cut.into();
                }
                // Growing by joins left spare room; a corpus keeps its paragraphs all session.
                paragraph.text.to_mut().shrink_to_fit();
                // A numbered heading that a break cut in two is whole again: lay it out as one.
                if numbering::heading_level(&paragraph.text).is_some() {
                    paragraph.kind = ParagraphKind::Heading;
                }
            }
            paragraph
        })
        .collect();
}

/// What joining made of a paragraph.
#[derive(Debug, Clone, Copy, Default)]
struct Joins {
    /// Others were joined to it.
    any: bool,
    /// One of them did not stand apart ([`stands_apart`]): the joined text must be sanitised
    /// again.
    unclean: bool,
}

/// Joins each paragraph to the one before whenever `joins(previous, next, after_next)` says so,
/// noting which paragraphs were made by joining.
fn join_where(
    paragraphs: impl Iterator<Item = (Paragraph, Joins)>,
    joins: impl Fn(&Paragraph, &Paragraph, Option<&Paragraph>) -> bool,
) -> Vec<(Paragraph, Joins)> {
    let mut joined: Vec<(Paragraph, Joins)> = Vec::new();
    let mut rest = paragraphs.peekable();
    while let Some((paragraph, its_joins)) = rest.next() {
        match joined.last_mut() {
            Some((previous, previous_joins))
                if joins(previous, &paragraph, rest.peek().map(|p| &p.0)) =>
            {
                previous.text.to_mut().push_str(&paragraph.text);
                previous.lines.end = paragraph.lines.end;
                previous_joins.any = true;
                previous_joins.unclean |= its_joins.unclean || !stands_apart(&paragraph.text);
            }
            _ => joined.push((paragraph, its_joins)),
        }
    }
    joined
}

/// Lays out as headings the body paragraphs that are numbered headings
/// ([`numbering::heading_level`]), except inside a sentence: after a paragraph that ends with an
/// opening mark, or before one that starts with a closing mark (`“` / `一、两年之内…` / `”。`
/// is a quotation, not a heading).
pub fn mark_numbered_headings(paragraphs: &mut [Paragraph]) {
    for index in 0..paragraphs.len() {
        let paragraph = &paragraphs[index];
        if paragraph.kind != ParagraphKind::Body
            || numbering::heading_level(&paragraph.text).is_none()
        {
            continue;
        }
        let opened_before = index
            .checked_sub(1)
            .map(|before| &paragraphs[before])
            .is_some_and(|p| p.kind == ParagraphKind::Body && p.text.ends_with(NEVER_LAST));
        let closed_after = paragraphs
            .get(index + 1)
            .is_some_and(|p| p.kind == ParagraphKind::Body && p.text.starts_with(NEVER_FIRST));
        if !opened_before && !closed_after {
            paragraphs[index].kind = ParagraphKind::Heading;
        }
    }
}

fn both_body(previous: &Paragraph, next: &Paragraph) -> bool {
    previous.kind == ParagraphKind::Body && next.kind == ParagraphKind::Body
}

fn certainly_continues(previous: &Paragraph, next: &Paragraph, after: Option<&Paragraph>) -> bool {
    if !both_body(previous, next) {
        return false;
    }
    // `…李克强所作的` / `政府工作报告` / `。会议…`: the full stop says the fragment ends a sentence
    // that began before it.
    let fragment_ends_a_sentence = !ends_sentence(&previous.text)
        && is_fragment(&next.text)
        && after.is_some_and(|after| both_body(next, after) && after.text.starts_with(NEVER_FIRST));
    next.text.starts_with(NEVER_FIRST)
        || previous.text.ends_with(NEVER_LAST)
        || numbering::is_bare_marker(&previous.text)
        || fragment_ends_a_sentence
}

fn likely_continues(previous: &Paragraph, next: &Paragraph, after: Option<&Paragraph>) -> bool {
    if !both_body(previous, next)
        || !is_prose(&previous.text)
        || ends_sentence(&previous.text)
        || numbering::heading_level(&previous.text).is_some()
        || numbering::marker(&next.text).is_some()
    {
        return false;
    }
    // A paragraph ending on a comma or enumeration mark was certainly cut mid-sentence.
    let cut_at_pause = previous.text.ends_with(['，', '、', ',']);
    cut_at_pause
        || is_prose(&next.text)
        || ends_sentence(&next.text)
        || (is_fragment(&next.text)
            && after.is_some_and(|after| both_body(next, after) && is_prose(&after.text)))
}

fn is_prose(text: &str) -> bool {
    text.chars().nth(7).is_some() && has_prose_mark(text)
}

/// A short piece of a sentence without punctuation of its own: a name, a title, a link's text.
fn is_fragment(text: &str) -> bool {
    text.chars().nth(MAX_FRAGMENT_CHARS).is_none() && !has_prose_mark(text)
}

/// Whether `text` holds one of [`PROSE_MARKS`], found by their lead bytes: every one of them is
/// a CJK or full-width mark (U+3000–U+3FFF, U+F000–U+FFFF), never a hanzi.
fn has_prose_mark(text: &str) -> bool {
    memchr::memchr2_iter(0xE3, 0xEF, text.as_bytes()).any(|at| {
        text.get(at..)
            .is_some_and(|rest| rest.starts_with(PROSE_MARKS))
    })
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(SENTENCE_END)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, line: usize) -> Paragraph {
        Paragraph {
            text: text.to_owned().into(),
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
    fn prose_marks_are_found_by_their_lead_bytes() {
        for mark in PROSE_MARKS {
            let text = format!("振兴“东北”{mark}全面");
            assert!(has_prose_mark(&text), "{mark}");
            assert!(
                matches!(mark.to_string().as_bytes()[0], 0xE3 | 0xEF),
                "{mark}"
            );
        }
        for text in [
            "",
            "振兴东北",
            "“振兴”（东北）《报告》……——:;,.",
            "ＡＢＣ　〇",
        ] {
            assert!(!has_prose_mark(text), "{text}");
        }
    }

    #[test]
    fn a_break_after_a_closing_quote_ending_a_sentence_is_kept() {
        assert!(ends_sentence("他说：“我们一定要做好。”"));
        assert!(!ends_sentence("打一场“辽沈战役”"));
    }
}
