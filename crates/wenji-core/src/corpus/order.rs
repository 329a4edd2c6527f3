//! The orders a list of articles is shown in: the corpus's own (files in natural order, articles
//! as they stand in them), by date either way, by title, and during a search by hits.
//!
//! Every order is stable and total: ties keep the corpus's order, so the same articles always
//! come out in the same sequence, and an article without a date that can be read comes after
//! every dated one, whichever way dates run. A date known only to its year sorts before that
//! year's months, and a month before its days (as [`DateValue`] orders them).
//!
//! Sorting looks at a key per article made once, so a list of 200 000 articles sorts by date in
//! a few milliseconds (`benches/order.rs`).

use std::fmt;

use super::{Article, DateValue};

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// As the corpus holds them: files in natural order, articles as they stand in each.
    #[default]
    Corpus,
    DateAscending,
    DateDescending,
    /// Most hits first (the corpus's order when nothing is searched for).
    Hits,
    Title,
}

impl Order {
    /// Every order, as `--sort` names them.
    pub const NAMES: [(&'static str, Order); 5] = [
        ("path", Order::Corpus),
        ("date", Order::DateAscending),
        ("-date", Order::DateDescending),
        ("hits", Order::Hits),
        ("title", Order::Title),
    ];

    /// The order `--sort NAME` names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name.trim()))
            .map(|&(_, order)| order)
    }

    /// Its name for `--sort`.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|&&(_, order)| order == self)
            .map_or("path", |&(name, _)| name)
    }

    /// What the list's border calls it.
    pub fn label(self) -> &'static str {
        match self {
            Order::Corpus => "corpus order",
            Order::DateAscending => "date ↑",
            Order::DateDescending => "date ↓",
            Order::Hits => "most hits",
            Order::Title => "title",
        }
    }

    /// The order after this one when the key cycles: by hits only while searching.
    #[must_use]
    pub fn next(self, searching: bool) -> Self {
        match self {
            Order::Corpus => Order::DateAscending,
            Order::DateAscending => Order::DateDescending,
            Order::DateDescending if searching => Order::Hits,
            Order::DateDescending | Order::Hits => Order::Title,
            Order::Title => Order::Corpus,
        }
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Sorts `rows` by `order`: each row stands for article `article(row)` of `articles` (rows must
/// come in corpus order, and `article` must name an article there) and has `hits(row)` hits.
pub fn sort<T>(
    order: Order,
    rows: &mut [T],
    articles: &[Article],
    article: impl Fn(&T) -> u32,
    hits: impl Fn(&T) -> usize,
) {
    let date = |row: &T| {
        articles
            .get(article(row) as usize)
            .map_or(UNDATED, date_key)
    };
    match order {
        Order::Corpus => {}
        Order::DateAscending => by_key(rows, date),
        Order::DateDescending => {
            by_key(rows, |row| match date(row) {
                UNDATED => UNDATED,
                day => UNDATED - 1 - day,
            });
        }
        Order::Hits => by_key(rows, |row| {
            u32::MAX - u32::try_from(hits(row)).unwrap_or(u32::MAX)
        }),
        Order::Title => {
            let title = |row: &T| {
                articles
                    .get(article(row) as usize)
                    .map_or("", |a| a.title.as_str())
            };
            // Stable: equal titles keep the corpus's order.
            rows.sort_by(|a, b| title(a).cmp(title(b)));
        }
    }
}

/// Sorts `rows` by `key`, ties in their present order: each row's key and place packed in one
/// number, those sorted, and the rows moved to their new places along the permutation's cycles.
fn by_key<T>(rows: &mut [T], key: impl Fn(&T) -> u32) {
    let mut keyed: Vec<u64> = rows
        .iter()
        .zip(0u32..)
        .map(|(row, at)| u64::from(key(row)) << 32 | u64::from(at))
        .collect();
    keyed.sort_unstable();
    // `from[i]`: where the row that belongs at `i` is now.
    let mut from: Vec<usize> = keyed
        .into_iter()
        .map(|packed| usize::try_from(packed & u64::from(u32::MAX)).unwrap_or_default())
        .collect();
    for start in 0..rows.len() {
        let mut at = start;
        while from[at] != start {
            let next = from[at];
            rows.swap(at, next);
            from[at] = at;
            at = next;
        }
        from[at] = at;
    }
}

/// The [`date_key`] of an article without a date that can be read: after every other.
pub const UNDATED: u32 = u32::MAX;

/// `article`'s date as one number that orders as [`DateValue`] does (a year before its months,
/// a month before its days); [`UNDATED`] when it has none that can be read.
pub fn date_key(article: &Article) -> u32 {
    article
        .meta
        .date()
        .and_then(super::Date::value)
        .map_or(UNDATED, day_key)
}

fn day_key(date: DateValue) -> u32 {
    u32::from(date.year()) << 16
        | u32::from(date.month().unwrap_or(0)) << 8
        | u32::from(date.day().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::{Meta, Paragraphs};

    fn article(title: &str, date: Option<&str>) -> Article {
        let mut meta = Meta::default();
        meta.set_date(date.map(str::to_owned));
        Article {
            source: 0,
            title: title.to_owned(),
            meta,
            paragraphs: Paragraphs::default(),
            lines: 1..2,
        }
    }

    fn sorted(order: Order, articles: &[Article], hits: &[usize]) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..u32::try_from(articles.len()).expect("few")).collect();
        sort(order, &mut rows, articles, |&r| r, |&r| hits[r as usize]);
        rows
    }

    #[test]
    fn dates_sort_either_way_with_the_undated_last_and_ties_in_corpus_order() {
        let articles = [
            article("乙", Some("2020-05-22")),
            article("甲", None),
            article("丙", Some("2020")),
            article("丁", Some("2019-12-31")),
            article("戊", Some("2020-05-22")),
            article("己", Some("不详")),
            article("庚", Some("2020-05")),
        ];
        let hits = [0; 7];
        assert_eq!(
            sorted(Order::DateAscending, &articles, &hits),
            [3, 2, 6, 0, 4, 1, 5]
        );
        assert_eq!(
            sorted(Order::DateDescending, &articles, &hits),
            [0, 4, 6, 2, 3, 1, 5]
        );
        assert_eq!(
            sorted(Order::Corpus, &articles, &hits),
            [0, 1, 2, 3, 4, 5, 6]
        );
    }

    #[test]
    fn hits_sort_most_first_and_titles_by_their_text() {
        let articles = [article("b", None), article("a", None), article("b", None)];
        assert_eq!(sorted(Order::Hits, &articles, &[1, 5, 1]), [1, 0, 2]);
        assert_eq!(sorted(Order::Title, &articles, &[0, 0, 0]), [1, 0, 2]);
    }

    #[test]
    fn the_key_cycles_through_every_order_and_hits_only_while_searching() {
        let mut seen = vec![Order::Corpus];
        let mut order = Order::Corpus.next(true);
        while order != Order::Corpus {
            seen.push(order);
            order = order.next(true);
        }
        assert_eq!(seen.len(), 5);
        assert!(
            !std::iter::successors(Some(Order::Corpus), |o| Some(o.next(false)))
                .take(6)
                .any(|o| o == Order::Hits)
        );
        for (name, order) in Order::NAMES {
            assert_eq!(Order::from_name(name), Some(order));
            assert_eq!(order.name(), name);
        }
        assert_eq!(Order::from_name("DATE"), Some(Order::DateAscending));
        assert_eq!(Order::from_name("size"), None);
    }

    proptest! {
        /// Every order is a permutation, ordered by its key, ties in corpus order.
        #[test]
        fn every_order_is_a_stable_permutation(
            rows in prop::collection::vec((prop::option::of((1990u16..2030, prop::option::of(1u8..13))), 0usize..4, "[ab]{0,2}"), 0..40),
        ) {
            let articles: Vec<Article> = rows.iter().map(|(date, _, title)| {
                let date = date.map(|(y, m)| m.map_or(format!("{y}"), |m| format!("{y}-{m:02}")));
                article(title, date.as_deref())
            }).collect();
            let hits: Vec<usize> = rows.iter().map(|(_, h, _)| *h).collect();
            for (_, order) in Order::NAMES {
                let out = sorted(order, &articles, &hits);
                let mut seen = out.clone();
                seen.sort_unstable();
                prop_assert_eq!(seen, (0..u32::try_from(rows.len()).expect("few")).collect::<Vec<_>>());
                let key = |n: u32| {
                    let a = &articles[n as usize];
                    let value = a.meta.date().and_then(crate::corpus::Date::value);
                    match order {
                        Order::Corpus => (0, 0, String::new()),
                        Order::DateAscending => (u64::from(value.is_none()), value.map_or(0, |v| u64::from(day_key(v))), String::new()),
                        Order::DateDescending => (u64::from(value.is_none()), value.map_or(0, |v| u64::from(u32::MAX - day_key(v))), String::new()),
                        Order::Hits => (0, u64::MAX - hits[n as usize] as u64, String::new()),
                        Order::Title => (0, 0, a.title.clone()),
                    }
                };
                for pair in out.windows(2) {
                    let (a, b) = (key(pair[0]), key(pair[1]));
                    prop_assert!(a < b || (a == b && pair[0] < pair[1]), "{:?}: {:?}", order, out);
                }
            }
        }
    }
}
