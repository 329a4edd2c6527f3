//! Dates an article's own text gives when its source has no date field: a date standing alone
//! as its first paragraph or as its title (`（2024年3月5日）`, `2024年3月5日`), or a date with `年`
//! at the very start of its title (`1959年中华人民共和国国务院政府工作报告`, `2024年3月国务院常务会议`).
//!
//! Conservative, since a wrong date misleads more than a missing one: a paragraph counts only
//! when it is a date and nothing else, in full-width or ASCII brackets or none, and never a
//! bare number (`2025` may be anything); a title only by what leads it, never a number
//! elsewhere in it, and not when that reads as a decade (`1980年代`), a span (`2021年至2025年`)
//! or a time since (`2012年以来`), none of which says when the article was given. The text
//! found, without its brackets, is the date's text; its value is what that text reads as.

use super::{Date, numerals, parse};

/// The longest paragraph that is looked at as a date alone: more than any date's text
/// (`2020-05-22T10:00:00.123456+08:00`, `（二〇二四年十二月三十一日）`), so a paragraph of prose is
/// passed over without being read.
const MAX_ALONE_BYTES: usize = 64;

/// What may follow a title's leading date and shows it is not the article's date.
const NOT_WHEN: [&str; 9] = ["代", "间", "以来", "至", "到", "—", "-", "－", "～"];

/// The date the text of an article gives: its first paragraph or its title standing alone as
/// a date, or else the date that leads its title; `None` when none of them reads as one.
pub(in crate::corpus::meta) fn in_text(title: &str, first: Option<&str>) -> Option<Date> {
    let candidates = [first.and_then(alone), alone(title), leading(title)];
    candidates.into_iter().flatten().find_map(|text| {
        parse(text).map(|value| Date {
            text: text.to_owned(),
            value: Some(value),
        })
    })
}

/// `text` without its brackets, when it may be a date alone: short, and not a bare number.
fn alone(text: &str) -> Option<&str> {
    if text.len() > MAX_ALONE_BYTES {
        return None;
    }
    let text = text.trim();
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
        .unwrap_or(text)
        .trim();
    let bare_number = inner.bytes().all(|b| b.is_ascii_digit());
    (!bare_number).then_some(inner)
}

/// The date with `年` at the start of `title`: four digits and `年`, then a month with `月` and
/// a day with `日` when they follow.
fn leading(title: &str) -> Option<&str> {
    let title = title.trim_start();
    let year = run(title, is_digit);
    if title[..year].chars().count() != 4 {
        return None;
    }
    let mut end = year + title[year..].strip_prefix('年').map(|_| '年'.len_utf8())?;
    for unit in ['月', '日'] {
        let number = run(&title[end..], |c| is_digit(c) || c == '十');
        if number == 0 || !title[end + number..].starts_with(unit) {
            break;
        }
        end += number + unit.len_utf8();
    }
    let rest = &title[end..];
    (!NOT_WHEN.iter().any(|word| rest.starts_with(word))).then_some(&title[..end])
}

/// An ASCII, full-width or hanzi digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || numerals::full_width_digit(c).is_some() || numerals::digit(c).is_some()
}

/// Bytes at the start of `text` whose characters satisfy `accept`.
fn run(text: &str, accept: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .find(|&(_, c)| !accept(c))
        .map_or(text.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date found in an article titled `title` whose first paragraph is `first`: its text
    /// and the normalised form of its value; `-` for none.
    fn found(title: &str, first: &str) -> String {
        in_text(title, Some(first)).map_or_else(
            || "-".to_owned(),
            |date| format!("{} {}", date.text(), date.shown()),
        )
    }

    #[test]
    fn a_year_leading_a_title_dates_it_to_the_year() {
        assert_eq!(found("2025年政府工作报告", "各位代表："), "2025年 2025");
        assert_eq!(
            found("1959年中华人民共和国国务院政府工作报告", "各位代表："),
            "1959年 1959"
        );
        assert_eq!(found("  2023年新华社进校园活动", "正文。"), "2023年 2023");
        assert_eq!(found("2025年度工作要点", "正文。"), "2025年 2025");
    }

    #[test]
    fn a_month_or_day_leading_a_title_dates_it_to_the_month_or_day() {
        assert_eq!(
            found("2024年3月国务院常务会议", "正文。"),
            "2024年3月 2024-03"
        );
        assert_eq!(
            found(
                "2024年3月5日在第十四届全国人民代表大会第二次会议上",
                "正文。"
            ),
            "2024年3月5日 2024-03-05"
        );
        assert_eq!(found("2024年35项重点工作", "正文。"), "2024年 2024");
        assert_eq!(
            found("二〇二四年三月五日讲话", "正文。"),
            "二〇二四年三月五日 2024-03-05"
        );
        assert_eq!(
            found("２０２４年３月讲话", "正文。"),
            "２０２４年３月 2024-03"
        );
    }

    #[test]
    fn a_date_alone_under_the_title_dates_it_to_its_precision() {
        let title = "政府工作报告";
        assert_eq!(found(title, "（2024年3月5日）"), "2024年3月5日 2024-03-05");
        assert_eq!(found(title, "(2024年3月5日)"), "2024年3月5日 2024-03-05");
        assert_eq!(
            found(title, "（ 2024年3月5日 ）"),
            "2024年3月5日 2024-03-05"
        );
        assert_eq!(found(title, "2024年3月"), "2024年3月 2024-03");
        assert_eq!(found(title, "（2024年）"), "2024年 2024");
        assert_eq!(found(title, "2024-03-05"), "2024-03-05 2024-03-05");
        assert_eq!(
            found(title, "（二〇二四年三月五日）"),
            "二〇二四年三月五日 2024-03-05"
        );
    }

    #[test]
    fn a_date_alone_as_the_title_dates_it() {
        assert_eq!(
            in_text("（2024年3月5日）", None).map(|d| d.shown().into_owned()),
            Some("2024-03-05".to_owned())
        );
    }

    #[test]
    fn a_date_alone_comes_before_the_year_leading_the_title() {
        assert_eq!(
            found("2024年政府工作报告", "（2024年3月5日）"),
            "2024年3月5日 2024-03-05"
        );
    }

    #[test]
    fn numbers_that_are_not_the_article_s_date_are_not_taken() {
        for (title, first) in [
            ("关于2025年国民经济和社会发展计划的报告", "各位代表："),
            ("政府工作报告", "2025年是“十四五”规划收官之年。"),
            (
                "政府工作报告",
                "（2024年3月5日在第十四届全国人民代表大会第二次会议上）",
            ),
            ("政府工作报告", "2025"),
            ("政府工作报告", "（2025）"),
            ("政府工作报告", "（2023年2月30日）"),
            ("政府工作报告", "2023-02-30"),
            ("政府工作报告", "（2024年3月5日"),
            ("2023年2月30日讲话", "正文。"),
            ("2023年13月讲话", "正文。"),
            ("1980年代的中国", "正文。"),
            ("2012年以来的变化", "正文。"),
            ("2021年至2025年规划", "正文。"),
            ("2021年—2025年规划", "正文。"),
            ("202年工作", "正文。"),
            ("20250年工作", "正文。"),
            ("三年行动方案", "正文。"),
            ("十四五规划", "正文。"),
            ("", ""),
        ] {
            assert_eq!(found(title, first), "-", "{title:?} / {first:?}");
        }
    }
}
