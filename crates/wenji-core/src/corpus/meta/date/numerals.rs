//! Dates written in full-width digits (`２０２４年３月５日`) or in hanzi numerals
//! (`二〇二四年三月五日`), as Chinese print writes them, rewritten in ASCII digits for reading.
//!
//! Only the value is read this way: the date's text stays as written. A year is four numerals
//! read digit by digit (`二〇二四` is 2024, with `〇`, `零` or `○` for zero); a month or a day is
//! a number of up to two places (`五`, `十`, `十二`, `二十二`, `三十一`).

use std::borrow::Cow;

/// `text` with its full-width digits and its runs of hanzi numerals in ASCII digits; borrowed
/// when it has none. `None` when a run of numerals is not a number (`二二月`, `十十日`).
pub(super) fn ascii(text: &str) -> Option<Cow<'_, str>> {
    if text.is_ascii()
        || !text
            .chars()
            .any(|c| is_numeral(c) || full_width_digit(c).is_some())
    {
        return Some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let run = rest
            .char_indices()
            .find(|&(_, c)| !is_numeral(c))
            .map_or(rest.len(), |(at, _)| at);
        if run == 0 {
            out.push(full_width_digit(c).unwrap_or(c));
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (numerals, after) = rest.split_at(run);
        if after.starts_with('年') {
            for numeral in numerals.chars() {
                out.push(char::from_digit(u32::from(digit(numeral)?), 10)?);
            }
        } else {
            out.push_str(&number(numerals)?.to_string());
        }
        rest = after;
    }
    Some(Cow::Owned(out))
}

/// The value of a hanzi numeral digit.
pub(super) fn digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A hanzi numeral: a digit or `十`.
fn is_numeral(c: char) -> bool {
    c == '十' || digit(c).is_some()
}

/// The ASCII digit a full-width one (`０`–`９`) stands for.
pub(super) fn full_width_digit(c: char) -> Option<char> {
    char::from_digit(u32::from(c).checked_sub(u32::from('０'))?, 10)
}

/// A number of up to two places: `五`, `十`, `十二`, `二十`, `二十二`.
fn number(numerals: &str) -> Option<u8> {
    let value = |text: &str| -> Option<u8> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => digit(c).filter(|&d| d > 0),
            _ => None,
        }
    };
    match numerals.split_once('十') {
        None => value(numerals),
        Some((tens, units)) => {
            let tens = if tens.is_empty() {
                Some(1)
            } else {
                value(tens)
            }?;
            let units = if units.is_empty() {
                Some(0)
            } else {
                value(units)
            }?;
            Some(tens * 10 + units)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_become_ascii_digits() {
        let cases = [
            ("二〇二四年三月五日", Some("2024年3月5日")),
            ("一九五九年十二月三十一日", Some("1959年12月31日")),
            ("二零二零年十月二十日", Some("2020年10月20日")),
            ("二○二○年", Some("2020年")),
            ("２０２４年３月５日", Some("2024年3月5日")),
            ("二〇二四年3月五日", Some("2024年3月5日")),
            ("2024-03-05", Some("2024-03-05")),
            ("二二月", None),
            ("二〇二四年十十日", None),
            ("二十年", None),
        ];
        for (text, expected) in cases {
            assert_eq!(ascii(text).as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn text_without_numerals_is_borrowed() {
        assert!(matches!(ascii("2024年3月"), Some(Cow::Borrowed(_))));
    }
}
