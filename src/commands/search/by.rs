//! `wenji search --count --by GROUP`: hits and articles with hits, one row per group.
//!
//! The rows a user compares over time or between people must not skip the groups where nothing
//! was found, or a gap reads as a year like the others. So every group the corpus has is
//! printed, 0 included: for a period, every year (month, day) from the earliest dated article of
//! the whole corpus searched to the latest, whether or not a match is dated then; for a name,
//! every author or category any article has. That needs every article's date and names, hits or
//! none, which is why `--by` parses every file ([`super::Options::parses_every_file`]).
//!
//! Only counters are kept: one per period or name met, and the earliest and latest period,
//! never an article. The periods between are made up as they are printed. `--by article` keeps
//! nothing at all: each article's row is printed as its file is done, unless `--sort` holds
//! them back ([`Sorted`]).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::print::Fact;
use crate::cli::By;
use crate::commands::sorted::Sorted;
use crate::corpus::order::Order;
use crate::corpus::{DateValue, Precision};

/// The row of the articles that fall in no period.
const UNKNOWN: &str = "unknown";
/// The row of the articles without an author (a category).
const NONE: &str = "(none)";

/// Hits in a group, and how many of its articles have any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Count {
    hits: usize,
    articles: usize,
}

impl Count {
    fn add(&mut self, fact: &Fact) {
        self.hits += fact.hits;
        self.articles += usize::from(fact.hits > 0);
    }
}

/// One group's row as `--json` prints it.
#[derive(Serialize)]
struct GroupRow<'a> {
    group: &'a str,
    hits: usize,
    articles: usize,
}

/// One article's row (`--by article`) as `--json` prints it.
#[derive(Serialize)]
struct ArticleRow<'a> {
    /// Its number in `wenji list`, as text like every group.
    group: String,
    hits: usize,
    articles: usize,
    title: &'a str,
    file: &'a str,
    line: usize,
}

/// The rows of `--by`, as the facts of each file come in corpus order.
#[derive(Debug)]
pub struct Groups {
    by: By,
    json: bool,
    /// The `#` line that names the columns (and the query), until it is written.
    header: Option<String>,
    /// The counts of the periods met, by year, month or day.
    periods: BTreeMap<DateValue, Count>,
    /// The counts of the authors or categories met.
    names: HashMap<String, Count>,
    /// Articles in no period, or without a name; `None` until one is met.
    unknown: Option<Count>,
    /// `--by article --sort`: the rows held back.
    sorted: Option<Sorted>,
}

impl Groups {
    /// Groups by `by`, printed as JSON Lines or as tab-separated columns under a header that
    /// names `query` (as typed), the rows of `--by article` in `order`.
    pub fn new(by: By, json: bool, query: &str, order: Order) -> Self {
        let columns = match by {
            By::Year => "year",
            By::Month => "month",
            By::Day => "day",
            By::Author => "author",
            By::Category => "category",
            By::Article => "article",
        };
        let more = if by == By::Article {
            "\ttitle\tfile:line"
        } else {
            ""
        };
        let query = tsv(&crate::text::sanitize::sanitize_line(query).0);
        Self {
            by,
            json,
            header: (!json).then(|| format!("# {columns}\thits\tarticles{more}\tquery: {query}\n")),
            periods: BTreeMap::new(),
            names: HashMap::new(),
            unknown: None,
            sorted: Sorted::new(order).filter(|_| by == By::Article),
        }
    }

    /// Counts the `facts` of one file's articles, numbered after `before` articles; with
    /// `--by article`, prints their rows to `out` (unless sorted). Whether anything was written.
    pub fn take(
        &mut self,
        facts: &[Fact],
        before: usize,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        match self.by {
            By::Year => self.periods(facts, Precision::Year),
            By::Month => self.periods(facts, Precision::Month),
            By::Day => self.periods(facts, Precision::Day),
            By::Author => self.names(facts, |fact| fact.speaker.as_deref()),
            By::Category => self.names(facts, |fact| fact.section.as_deref()),
            By::Article => return self.articles(facts, before, out),
        }
        Ok(false)
    }

    fn periods(&mut self, facts: &[Fact], by: Precision) {
        for fact in facts {
            match fact.date.and_then(|date| date.within(by)) {
                Some(period) => self.periods.entry(period).or_default().add(fact),
                None => self.unknown.get_or_insert_default().add(fact),
            }
        }
    }

    fn names(&mut self, facts: &[Fact], name: impl Fn(&Fact) -> Option<&str>) {
        for fact in facts {
            let Some(name) = name(fact).filter(|name| !name.is_empty()) else {
                self.unknown.get_or_insert_default().add(fact);
                continue;
            };
            // Looked up before it is copied: most articles have an author already met.
            if let Some(count) = self.names.get_mut(name) {
                count.add(fact);
            } else {
                let mut count = Count::default();
                count.add(fact);
                self.names.insert(name.to_owned(), count);
            }
        }
    }

    fn articles(
        &mut self,
        facts: &[Fact],
        before: usize,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        for (at, fact) in facts.iter().enumerate() {
            let mut row = Vec::new();
            self.article_row(&mut row, before + at + 1, fact)?;
            if let Some(sorted) = &mut self.sorted {
                sorted.push(&fact.title, fact.date, fact.hits, row);
            } else {
                self.write_header(out)?;
                out.write_all(&row)?;
            }
        }
        Ok(self.sorted.is_none() && !facts.is_empty())
    }

    fn article_row(&self, out: &mut Vec<u8>, number: usize, fact: &Fact) -> io::Result<()> {
        let count = {
            let mut count = Count::default();
            count.add(fact);
            count
        };
        if self.json {
            let row = ArticleRow {
                group: number.to_string(),
                hits: count.hits,
                articles: count.articles,
                title: &fact.title,
                file: &fact.file,
                line: fact.line,
            };
            return crate::commands::json::write_line(out, &row);
        }
        let title = if fact.title.is_empty() {
            "（无标题）"
        } else {
            &fact.title
        };
        writeln!(
            out,
            "{number}\t{}\t{}\t{}\t{}:{}",
            count.hits,
            count.articles,
            tsv(title),
            tsv(&fact.file),
            fact.line
        )
    }

    /// Prints every row: the periods in time order then `unknown`, or the names by hits then
    /// `(none)`, or the sorted articles.
    ///
    /// # Errors
    /// The first write error.
    pub fn finish(mut self, out: &mut impl Write) -> io::Result<()> {
        self.write_header(out)?;
        match self.by {
            // The periods are written below, each at the grouping's own precision.
            By::Year | By::Month | By::Day => {}
            By::Author | By::Category => {
                let mut names: Vec<(&String, &Count)> = self.names.iter().collect();
                names.sort_by_key(|&(name, count)| (Reverse(count.hits), name));
                for (name, count) in names {
                    self.row(out, name, *count)?;
                }
                return self.unknown(out, NONE);
            }
            By::Article => {
                return self
                    .sorted
                    .take()
                    .map_or(Ok(()), |sorted| sorted.write_to(out));
            }
        }
        let first = self.periods.first_key_value().map(|(&period, _)| period);
        let last = self.periods.last_key_value().map(|(&period, _)| period);
        if let (Some(mut period), Some(last)) = (first, last) {
            loop {
                let count = self.periods.get(&period).copied().unwrap_or_default();
                self.row(out, &period.to_string(), count)?;
                match period.next() {
                    Some(next) if period < last => period = next,
                    _ => break,
                }
            }
        }
        self.unknown(out, UNKNOWN)
    }

    /// The row of the articles in no group, when there are any.
    fn unknown(&self, out: &mut impl Write, label: &str) -> io::Result<()> {
        self.unknown
            .map_or(Ok(()), |count| self.row(out, label, count))
    }

    fn row(&self, out: &mut impl Write, group: &str, count: Count) -> io::Result<()> {
        if self.json {
            let row = GroupRow {
                group,
                hits: count.hits,
                articles: count.articles,
            };
            return crate::commands::json::write_line(out, &row);
        }
        writeln!(out, "{}\t{}\t{}", tsv(group), count.hits, count.articles)
    }

    fn write_header(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.header.take() {
            Some(header) => out.write_all(header.as_bytes()),
            None => Ok(()),
        }
    }
}

/// A field for tab-separated output: tabs would shift the columns.
fn tsv(text: &str) -> String {
    text.replace('\t', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(date: Option<&str>, speaker: Option<&str>, hits: usize) -> Fact {
        Fact {
            title: String::new(),
            date: date.and_then(DateValue::from_normalised),
            speaker: speaker.map(str::to_owned),
            section: None,
            file: "a.md".to_owned(),
            line: 1,
            hits,
        }
    }

    fn rows(by: By, facts: &[Fact]) -> Vec<String> {
        let mut groups = Groups::new(by, false, "发展", Order::Corpus);
        let mut out = Vec::new();
        groups.take(facts, 0, &mut out).expect("to memory");
        groups.finish(&mut out).expect("to memory");
        String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_period_in_range_is_a_row_and_the_coarse_or_undated_are_unknown() {
        let facts = [
            fact(Some("2019-11-30"), None, 2),
            fact(Some("2020"), None, 1),
            fact(Some("2020-02-28"), None, 0),
            fact(None, None, 4),
        ];
        assert_eq!(
            rows(By::Month, &facts),
            [
                "2019-11\t2\t1",
                "2019-12\t0\t0",
                "2020-01\t0\t0",
                "2020-02\t0\t0",
                "unknown\t5\t2"
            ]
        );
        assert_eq!(
            rows(By::Year, &facts),
            ["2019\t2\t1", "2020\t1\t1", "unknown\t4\t1"]
        );
        let days = rows(By::Day, &facts);
        assert_eq!(days.len(), 1 + 31 + 31 + 28 + 1, "{days:?}");
        assert_eq!(days[1], "2019-12-01\t0\t0");
        assert_eq!(days[days.len() - 2], "2020-02-28\t0\t0");
    }

    #[test]
    fn a_leap_day_and_a_year_end_follow_on() {
        let next = |text| {
            DateValue::from_normalised(text)
                .expect("a date")
                .next()
                .map(|p| p.to_string())
        };
        assert_eq!(next("2020-02-28").as_deref(), Some("2020-02-29"));
        assert_eq!(next("2020-02-29").as_deref(), Some("2020-03-01"));
        assert_eq!(next("2019-02-28").as_deref(), Some("2019-03-01"));
        assert_eq!(next("2019-12-31").as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn names_come_by_hits_then_name_the_nameless_last_and_zero_rows_stay() {
        let facts = [
            fact(None, Some("乙"), 1),
            fact(None, Some("甲"), 1),
            fact(None, Some("丙"), 0),
            fact(None, Some("丁"), 3),
            fact(None, None, 0),
        ];
        assert_eq!(
            rows(By::Author, &facts),
            [
                "丁\t3\t1",
                "乙\t1\t1",
                "甲\t1\t1",
                "丙\t0\t0",
                "(none)\t0\t0"
            ]
        );
        assert!(rows(By::Year, &[]).is_empty(), "no articles, no rows");
    }

    #[test]
    fn the_header_names_the_columns_and_the_query_and_json_has_none() {
        let mut out = Vec::new();
        Groups::new(By::Year, false, "发\t展\u{1b}", Order::Corpus)
            .finish(&mut out)
            .expect("to memory");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "# year\thits\tarticles\tquery: 发  展␛\n"
        );
        let mut out = Vec::new();
        Groups::new(By::Year, true, "发展", Order::Corpus)
            .finish(&mut out)
            .expect("to memory");
        assert!(out.is_empty());
    }
}
