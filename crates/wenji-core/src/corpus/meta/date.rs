//! A date as sources write it, read as far as it can be: to the year, the month or the day.
//!
//! The text is kept as written and is what is shown; the parsed value is for sorting and
//! filtering. Accepted: `2020`, `2020-05`, `2020-05-22`, `2020/5/22`, `2020/5`, `2020年`,
//! `2020年5月`, `2020年5月22日`, and a day followed by a time, as ISO 8601 and YAML write one
//! (`2020-05-22T10:00:00+08:00`, `2001-12-14 21:59:43.10 -5`). Anything else keeps its text and
//! has no value.

use std::fmt;

/// A date's text and, when it reads as one, its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    text: String,
    value: Option<DateValue>,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date known to a year, a month or a day. Ordered by time, a year before its months
/// and a month before its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    /// Reads `text` as a date, keeping the text whatever it says.
    pub fn new(text: String) -> Self {
        let value = parse(&text);
        Self { text, value }
    }

    /// The date as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What the text reads as, if it reads as a date.
    pub fn value(&self) -> Option<DateValue> {
        self.value
    }

    pub(super) fn into_text(self) -> String {
        self.text
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl DateValue {
    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> Option<u8> {
        self.month
    }

    pub fn day(self) -> Option<u8> {
        self.day
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// A value from its parts, if they name a real year, month and day.
    fn checked(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = match (month, day) {
            (_, None) => true,
            (Some(month), Some(day)) => (1..=days_in(year, month)).contains(&day),
            (None, Some(_)) => false,
        };
        (month_ok && day_ok).then_some(Self { year, month, day })
    }
}

fn days_in(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn parse(text: &str) -> Option<DateValue> {
    let text = text.trim();
    if let Some((year_text, rest)) = text.split_once('年') {
        return hanzi(year(year_text)?, rest);
    }
    let (day, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim_start())),
        None => (text, None),
    };
    let separator = if day.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = day.split(separator).collect();
    let (year, month, date) = match parts[..] {
        [year_text] => (year(year_text)?, None, None),
        [year_text, month] => (year(year_text)?, Some(number(month)?), None),
        [year_text, month, date] => (year(year_text)?, Some(number(month)?), Some(number(date)?)),
        _ => return None,
    };
    let value = DateValue::checked(year, month, date)?;
    match time {
        Some(time) if value.precision() != Precision::Day || !is_time(time) => None,
        _ => Some(value),
    }
}

/// The rest of a date after its `年`: nothing, `5月` or `5月22日`.
fn hanzi(year: u16, rest: &str) -> Option<DateValue> {
    if rest.is_empty() {
        return DateValue::checked(year, None, None);
    }
    let (month, rest) = rest.split_once('月')?;
    let month = number(month)?;
    let day = match rest {
        "" => None,
        rest => Some(number(rest.strip_suffix('日')?)?),
    };
    DateValue::checked(year, Some(month), day)
}

/// Four ASCII digits.
fn year(text: &str) -> Option<u16> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// One or two ASCII digits.
fn number(text: &str) -> Option<u8> {
    ((1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A time of day with an optional fraction and zone (`10:00:00+08:00`, `21:59:43.10 -5`, `10:00Z`).
fn is_time(text: &str) -> bool {
    let Some((hours, rest)) = text.split_once(':') else {
        return false;
    };
    number(hours).is_some_and(|h| h < 24)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ':' | '.' | ',' | '+' | '-' | 'Z' | 'z' | ' ')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `text` reads as, written `2020-5-22`, `2020-5` or `2020`; `-` for nothing.
    fn read(text: &str) -> String {
        parse(text).map_or_else(
            || "-".to_owned(),
            |v| match (v.month(), v.day()) {
                (Some(month), Some(day)) => format!("{}-{month}-{day}", v.year()),
                (Some(month), None) => format!("{}-{month}", v.year()),
                _ => v.year().to_string(),
            },
        )
    }

    #[test]
    fn dates_read_to_the_precision_they_are_written_in() {
        let cases = [
            ("2020-05-22", "2020-5-22"),
            ("2020-05", "2020-5"),
            ("2020", "2020"),
            ("2020/5/22", "2020-5-22"),
            ("2020/05", "2020-5"),
            ("2020年5月22日", "2020-5-22"),
            ("2020年05月", "2020-5"),
            ("2020年", "2020"),
            ("2020-05-22T10:00:00+08:00", "2020-5-22"),
            ("2020-05-22T10:00:00Z", "2020-5-22"),
            ("2001-12-14 21:59:43.10 -5", "2001-12-14"),
            ("2001-12-14t21:59:43.10-05:00", "2001-12-14"),
            (" 2025-03-05 ", "2025-3-5"),
            ("2024-02-29", "2024-2-29"),
            ("2023-02-29", "-"),
            ("2020-13", "-"),
            ("2020-05-32", "-"),
            ("2020年5月22", "-"),
            ("2020-05T10:00", "-"),
            ("2020-05-22 午后", "-"),
            ("2020-05-22T", "-"),
            ("20200522", "-"),
            ("五月", "-"),
            ("二〇二〇年", "-"),
            ("2020-5-22-1", "-"),
            ("2020/05-22", "-"),
            ("", "-"),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_text_is_kept_whatever_it_reads_as() {
        let date = Date::new("二〇二〇年春".to_owned());
        assert_eq!(date.text(), "二〇二〇年春");
        assert_eq!(date.value(), None);
        let date = Date::new("2020年5月".to_owned());
        assert_eq!(date.to_string(), "2020年5月");
        assert_eq!(
            date.value().map(DateValue::precision),
            Some(Precision::Month)
        );
    }

    #[test]
    fn a_year_sorts_before_its_months_and_a_month_before_its_days() {
        let year = parse("2020").expect("a year");
        let month = parse("2020-01").expect("a month");
        let day = parse("2020-01-01").expect("a day");
        assert!(year < month && month < day);
        assert!(day < parse("2020-02").expect("a month"));
    }
}
