//! Conditions on what is known of an article besides its text: when it was given, by whom,
//! under which section, with which tags, under which title, from which file.
//!
//! A condition looks at an article through [`Described`]: its date's value and its texts
//! folded as terms are ([`fold_query`]), so `author:ＬＩ` finds `Li`. The engine that keeps no
//! articles (the scan) keeps these few texts for each; the per-article search folds them when
//! asked ([`MetaText`]).
//!
//! A date condition holds when the article's date lies wholly inside the range: an article
//! dated only `2020` is not known to be of May 2020, so `date:2020-05` leaves it out (and
//! `-date:2020-05` keeps it, as it keeps an article with no date at all).

use std::fmt;

use globset::{GlobBuilder, GlobMatcher};

use crate::corpus::{Article, Date, DateValue};
use crate::search::fold::fold_query;

/// One condition of a query, as typed: a filter, or (`-field:…`) its opposite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub filter: Filter,
    pub negated: bool,
}

impl Condition {
    /// Whether an article so described meets the condition.
    pub fn admits(&self, described: &Described<'_>) -> bool {
        self.filter.admits(described) != self.negated
    }
}

/// What a condition asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `date:`: the article's date lies within the range.
    Date(DateRange),
    /// `author:`, `speaker:`: the speaker holds this folded text.
    Speaker(String),
    /// `category:`, `section:`: the section holds it.
    Section(String),
    /// `tag:`: some tag holds it.
    Tag(String),
    /// `title:`: the title holds it.
    Title(String),
    /// `file:`: the file's name (a pattern without `/`) or path matches the glob.
    File(FileGlob),
}

impl Filter {
    fn admits(&self, described: &Described<'_>) -> bool {
        match self {
            Filter::Date(range) => described.date.is_some_and(|date| range.holds(date)),
            Filter::Speaker(text) => described.speaker.contains(text.as_str()),
            Filter::Section(text) => described.section.contains(text.as_str()),
            Filter::Tag(text) => described.tags.split('\n').any(|tag| tag.contains(text)),
            Filter::Title(text) => described.title.contains(text.as_str()),
            Filter::File(glob) => glob.matches(described.file),
        }
    }
}

/// The condition as a query would write it, with the canonical field names: `date:2020-05`,
/// `-author:李强`, `tag:"国 安"` (a value with a space, quote or bracket quoted). Reading what
/// is written gives the same condition back.
impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        write!(f, "{}", self.filter)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, value) = match self {
            Filter::Date(range) => return write!(f, "date:{range}"),
            Filter::Speaker(text) => ("author", text.as_str()),
            Filter::Section(text) => ("category", text.as_str()),
            Filter::Tag(text) => ("tag", text.as_str()),
            Filter::Title(text) => ("title", text.as_str()),
            Filter::File(glob) => ("file", glob.pattern.as_str()),
        };
        let quoted = value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '(' | ')' | '|'));
        if quoted {
            write!(f, "{name}:\"{value}\"")
        } else {
            write!(f, "{name}:{value}")
        }
    }
}

/// What a condition looks at: an article's date, its texts folded as query terms are, and the
/// name of its file as shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Described<'a> {
    pub date: Option<DateValue>,
    pub title: &'a str,
    pub speaker: &'a str,
    pub section: &'a str,
    /// Every tag, each followed by a line end.
    pub tags: &'a str,
    pub file: &'a str,
}

/// An article's texts folded for its conditions, owned: what [`Described`] borrows.
#[derive(Debug, Clone, Default)]
pub struct MetaText {
    date: Option<DateValue>,
    title: String,
    speaker: String,
    section: String,
    tags: String,
    file: String,
}

impl MetaText {
    /// What the conditions look at in `article`, from the file shown as `file`.
    pub fn of(article: &Article, file: &str) -> Self {
        let meta = &article.meta;
        let mut tags = String::new();
        for tag in meta.tags() {
            tags.push_str(&fold_query(tag));
            tags.push('\n');
        }
        Self {
            date: meta.date().and_then(Date::value),
            title: fold_query(&article.title),
            speaker: fold_query(meta.speaker().unwrap_or_default()),
            section: fold_query(meta.section().unwrap_or_default()),
            tags,
            file: file.to_owned(),
        }
    }

    pub fn described(&self) -> Described<'_> {
        Described {
            date: self.date,
            title: &self.title,
            speaker: &self.speaker,
            section: &self.section,
            tags: &self.tags,
            file: &self.file,
        }
    }
}

/// A day as a triple that orders by time: year, month, day.
type Day = (u16, u8, u8);

/// Days from `from` to `to`, both included; an end left open is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    from: Option<Day>,
    to: Option<Day>,
}

impl DateRange {
    /// The range from the start of `from` to the end of `to` (`date:2020-05..2020-07`: from
    /// 1 May to 31 July); `None` if it would run backwards or is open at both ends.
    pub fn new(from: Option<DateValue>, to: Option<DateValue>) -> Option<Self> {
        let range = Self {
            from: from.map(first_day),
            to: to.map(last_day),
        };
        match (range.from, range.to) {
            (None, None) => None,
            (Some(from), Some(to)) if from > to => None,
            _ => Some(range),
        }
    }

    /// Whether every day `date` may be lies within the range.
    pub fn holds(self, date: DateValue) -> bool {
        self.from.is_none_or(|from| first_day(date) >= from)
            && self.to.is_none_or(|to| last_day(date) <= to)
    }
}

/// The range as `date:` takes it, each end as short as it can be written: `2020`, `2020-05`,
/// `2020-05-22`, `2020-03..2020-05`, `..2019`, `2021..`.
impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let from = self.from.map(|(year, month, day)| match (month, day) {
            (1, 1) => format!("{year}"),
            (_, 1) => format!("{year}-{month:02}"),
            _ => format!("{year}-{month:02}-{day:02}"),
        });
        let to = self.to.map(|(year, month, day)| match (month, day) {
            (12, 31) => format!("{year}"),
            (_, 31) => format!("{year}-{month:02}"),
            _ => format!("{year}-{month:02}-{day:02}"),
        });
        match (from, to) {
            (Some(from), Some(to)) if from == to => f.write_str(&from),
            (from, to) => write!(
                f,
                "{}..{}",
                from.unwrap_or_default(),
                to.unwrap_or_default()
            ),
        }
    }
}

/// The first day a date known to some precision may be.
fn first_day(date: DateValue) -> Day {
    (
        date.year(),
        date.month().unwrap_or(1),
        date.day().unwrap_or(1),
    )
}

/// The last (31 stands for the end of any month: no real day is later).
fn last_day(date: DateValue) -> Day {
    (
        date.year(),
        date.month().unwrap_or(12),
        date.day().unwrap_or(31),
    )
}

/// A `file:` pattern: `*` and `?` within one name, `**` across folders, `{a,b}`, `[…]`.
#[derive(Clone)]
pub struct FileGlob {
    pattern: String,
    /// Matched against the file's name alone when the pattern has no `/`.
    whole_path: bool,
    matcher: GlobMatcher,
}

impl FileGlob {
    /// The glob `pattern`, or why it is not one.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let whole_path = pattern.contains('/');
        let anchored = if !whole_path || pattern.starts_with('/') || pattern.starts_with("**") {
            pattern.to_owned()
        } else {
            format!("**/{pattern}")
        };
        let glob = GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map_err(|error| error.kind().to_string())?;
        Ok(Self {
            pattern: pattern.to_owned(),
            whole_path,
            matcher: glob.compile_matcher(),
        })
    }

    fn matches(&self, file: &str) -> bool {
        if self.whole_path {
            self.matcher.is_match(file)
        } else {
            let name = file.rsplit('/').next().unwrap_or(file);
            self.matcher.is_match(name)
        }
    }
}

impl PartialEq for FileGlob {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for FileGlob {}

impl fmt::Debug for FileGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileGlob({:?})", self.pattern)
    }
}
