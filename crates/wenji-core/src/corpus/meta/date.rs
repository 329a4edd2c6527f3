//! A date as sources write it, read as far as it can be: to the year, the month or the day.
//!
//! The text is kept as written; the parsed value is for sorting, filtering and the normalised
//! form a list row shows ([`Date::shown`]: `2020-05-22`, `2020-05`, `2020`). Accepted: `2020`,
//! `2020-05`, `2020-05-22`, `2020/5/22`, `2020/5`, `2020年`, `2020年5月`, `2020年5月22日` (in
//! full-width digits or hanzi numerals too, `二〇二〇年五月二十二日`: `numerals`), and a day
//! followed by a time, as ISO 8601 and YAML write one (`2020-05-22T10:00:00+08:00`,
//! `2001-12-14 21:59:43.10 -5`). Anything else keeps its text and has no value, and loading
//! warns of it ([`Date::unread_message`]).
//!
//! Where a source has no date field, an article's title or first paragraph may give one
//! (`found`).

pub(super) mod found;
mod numerals;

use std::borrow::Cow;
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

    /// The date as a list row shows it: normalised to its precision (`2020-05-22`, `2020-05`,
    /// `2020`) when it reads as a date, so rows line up and sort by eye whatever the sources
    /// wrote; as written when it does not.
    ///
    /// ```
    /// use wenji_core::corpus::Date;
    /// assert_eq!(Date::new("2020年5月22日".to_owned()).shown(), "2020-05-22");
    /// assert_eq!(Date::new("2020/5".to_owned()).shown(), "2020-05");
    /// assert_eq!(Date::new("sometime in spring".to_owned()).shown(), "sometime in spring");
    /// ```
    pub fn shown(&self) -> Cow<'_, str> {
        match self.value {
            Some(value) => Cow::Owned(value.to_string()),
            None => Cow::Borrowed(&self.text),
        }
    }

    /// What loading warns of a date whose text does not read as one (`None` when it reads):
    /// such a date is shown as written and cannot be sorted or filtered by time, which the
    /// user should know. The text is cut to a readable length.
    pub(crate) fn unread_message(&self) -> Option<String> {
        const SHOWN_CHARS: usize = 40;
        if self.value.is_some() {
            return None;
        }
        let mut text: String = self.text.chars().take(SHOWN_CHARS).collect();
        if text.len() < self.text.len() {
            text.push('…');
        }
        Some(format!(
            "date \"{text}\" could not be read; shown as written"
        ))
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

    /// Reads the normalised form [`DateValue`]'s `Display` writes, and nothing else: exactly
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in ASCII digits, naming a real month and day. This is
    /// the form a user types where a date is asked for (a query's `date:2020-05..2020-07`), so
    /// it is strict where [`Date::new`] is lenient: `2020-5`, `2020/05`, `2020年` and
    /// `2023-02-30` are `None`.
    ///
    /// ```
    /// use wenji_core::corpus::meta::{DateValue, Precision};
    /// let may = DateValue::from_normalised("2020-05").expect("a month");
    /// assert_eq!((may.year(), may.month(), may.precision()), (2020, Some(5), Precision::Month));
    /// assert_eq!(may.to_string(), "2020-05");
    /// assert_eq!(DateValue::from_normalised("2020-5"), None);
    /// assert_eq!(DateValue::from_normalised("2023-02-30"), None);
    /// ```
    pub fn from_normalised(text: &str) -> Option<Self> {
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let mut parts = text.split('-');
        let year = digits(parts.next()?, 4)?;
        let mut place = || match parts.next() {
            None => Some(None),
            Some(part) => digits(part, 2).and_then(|n| u8::try_from(n).ok()).map(Some),
        };
        let (month, day) = (place()?, place()?);
        if parts.next().is_some() {
            return None;
        }
        Self::checked(year, month, day)
    }

    /// The period of precision `to` this date lies in: the date cut to its year or month (or
    /// itself, to the day); `None` when it is known less precisely than that.
    ///
    /// ```
    /// use wenji_core::corpus::meta::{DateValue, Precision};
    /// let day = DateValue::from_normalised("2020-05-22").expect("a day");
    /// assert_eq!(day.within(Precision::Month).map(|d| d.to_string()).as_deref(), Some("2020-05"));
    /// let year = DateValue::from_normalised("2020").expect("a year");
    /// assert_eq!(year.within(Precision::Month), None);
    /// ```
    #[must_use]
    pub fn within(self, to: Precision) -> Option<Self> {
        (self.precision() >= to).then(|| Self {
            year: self.year,
            month: self.month.filter(|_| to >= Precision::Month),
            day: self.day.filter(|_| to == Precision::Day),
        })
    }

    /// The period after this one at its own precision: the next year, month or day; `None`
    /// past the last year there is.
    #[must_use]
    pub fn next(self) -> Option<Self> {
        let within_year = match (self.month, self.day) {
            (None, _) => None,
            (Some(month), None) => (month < 12).then(|| Self {
                month: Some(month + 1),
                ..self
            }),
            (Some(month), Some(day)) if day < days_in(self.year, month) => Some(Self {
                day: Some(day + 1),
                ..self
            }),
            (Some(month), Some(_)) => (month < 12).then(|| Self {
                month: Some(month + 1),
                day: Some(1),
                ..self
            }),
        };
        within_year.or_else(|| {
            self.year.checked_add(1).map(|year| Self {
                year,
                month: self.month.map(|_| 1),
                day: self.day.map(|_| 1),
            })
        })
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

/// The normalised form: `2020-05-22`, `2020-05` or `2020`, which
/// [`DateValue::from_normalised`] reads back.
impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
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
    let text = numerals::ascii(text.trim())?;
    let text = text.as_ref();
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
    use proptest::prelude::*;

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
            ("二〇二〇年", "2020"),
            ("二〇二〇年五月二十二日", "2020-5-22"),
            ("２０２０年５月", "2020-5"),
            ("二〇二〇年春", "-"),
            ("二十年", "-"),
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

    #[test]
    fn a_list_row_shows_a_date_normalised_to_its_precision() {
        for (text, shown) in [
            ("2020-05-22", "2020-05-22"),
            ("2020年5月22日", "2020-05-22"),
            ("2020-05-22T10:00:00+08:00", "2020-05-22"),
            ("二〇二〇年五月", "2020-05"),
            ("2020/5", "2020-05"),
            ("2020年", "2020"),
            ("0042", "0042"),
            ("sometime in spring", "sometime in spring"),
            ("2023-02-30", "2023-02-30"),
        ] {
            assert_eq!(Date::new(text.to_owned()).shown(), shown, "{text:?}");
        }
    }

    #[test]
    fn only_the_normalised_form_is_read_back() {
        for text in [
            "2020-5",
            "2020-05-2",
            "20-05",
            "2020/05",
            "2020年",
            "2020-05-22T10:00",
            "2020-05-22-01",
            "2020-",
            "2020--05",
            "-2020",
            " 2020",
            "2020-13",
            "2020-00",
            "2020-05-00",
            "2023-02-29",
            "2023-02-30",
            "２０２０",
            "+020",
            "",
        ] {
            assert_eq!(DateValue::from_normalised(text), None, "{text:?}");
        }
        assert_eq!(
            DateValue::from_normalised("2024-02-29").map(DateValue::precision),
            Some(Precision::Day)
        );
    }

    #[test]
    fn an_unread_date_is_warned_of_with_its_text() {
        let unread = Date::new("sometime in spring".to_owned());
        assert_eq!(
            unread.unread_message().as_deref(),
            Some("date \"sometime in spring\" could not be read; shown as written")
        );
        assert_eq!(Date::new("2023-02-30".to_owned()).value(), None);
        assert!(
            Date::new("2023-02-30".to_owned())
                .unread_message()
                .is_some()
        );
        assert_eq!(Date::new("2020-05".to_owned()).unread_message(), None);
        let long = Date::new("很久很久以前".repeat(20));
        let message = long.unread_message().expect("unread");
        assert!(message.starts_with("date \"很久很久以前很久"), "{message}");
        assert!(message.contains("…\" could not be read"), "{message}");
        assert!(message.chars().count() < 100, "{message}");
    }

    /// Every value of every precision: any four-digit year, any month, any day of that month.
    fn any_value() -> impl Strategy<Value = DateValue> {
        (0..=9999u16, 1..=12u8, 1..=31u8, 0..3u8).prop_map(|(year, month, day, precision)| {
            let day = day.min(days_in(year, month));
            let value = match precision {
                0 => DateValue::checked(year, None, None),
                1 => DateValue::checked(year, Some(month), None),
                _ => DateValue::checked(year, Some(month), Some(day)),
            };
            value.expect("a real date")
        })
    }

    proptest! {
        #[test]
        fn the_normalised_form_reads_back_as_the_value(value in any_value()) {
            let shown = value.to_string();
            prop_assert_eq!(DateValue::from_normalised(&shown), Some(value), "{}", shown);
            prop_assert_eq!(parse(&shown), Some(value), "{}", shown);
        }

        #[test]
        fn what_is_read_back_is_written_the_same(text in "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?") {
            if let Some(value) = DateValue::from_normalised(&text) {
                prop_assert_eq!(value.to_string(), text);
            }
        }
    }
}
