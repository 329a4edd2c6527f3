//! Rows held back to be printed in an order other than the corpus's (`--sort`).
//!
//! The one-shot commands print as the corpus is read, which is the corpus's order. Any other
//! order needs every row first: each is kept as the bytes it prints (an article's lines for
//! `wenji search`, already numbered) beside a stand-in article holding only its title and date,
//! which is all [`order::sort`] looks at. So the order is the browser's, to the tie, and memory
//! holds the output and a title and a date per row, never the texts.

use std::io::{self, Write};

use crate::corpus::order::{self, Order};
use crate::corpus::{Article, DateValue};

/// Rows waiting to be sorted and printed.
#[derive(Debug)]
pub struct Sorted {
    order: Order,
    rows: Vec<Row>,
    /// One per row, in the order pushed: what the order is decided on.
    articles: Vec<Article>,
}

/// One row: what it prints, and its hits.
#[derive(Debug)]
struct Row {
    bytes: Vec<u8>,
    hits: usize,
    /// Its stand-in in [`Sorted::articles`].
    article: u32,
}

impl Sorted {
    /// Rows to sort by `order`; `None` for the corpus's order, which needs no holding back.
    pub fn new(order: Order) -> Option<Self> {
        (order != Order::Corpus).then(|| Self {
            order,
            rows: Vec::new(),
            articles: Vec::new(),
        })
    }

    /// Keeps a row printing `bytes` for an article titled `title`, dated `date`, with `hits`
    /// hits. Rows must be pushed in the corpus's order, which ties keep.
    pub fn push(&mut self, title: &str, date: Option<DateValue>, hits: usize, bytes: Vec<u8>) {
        let mut article = Article {
            title: title.to_owned(),
            ..Article::default()
        };
        // The normalised form reads back as the same value, and orders as the original would.
        article.meta.set_date(date.map(|value| value.to_string()));
        self.rows.push(Row {
            bytes,
            hits,
            article: u32::try_from(self.articles.len()).unwrap_or(u32::MAX),
        });
        self.articles.push(article);
    }

    /// Sorts the rows and writes them out.
    ///
    /// # Errors
    /// The first write error.
    pub fn write_to(mut self, out: &mut impl Write) -> io::Result<()> {
        order::sort(
            self.order,
            &mut self.rows,
            &self.articles,
            |row| row.article,
            |row| row.hits,
        );
        self.rows
            .iter()
            .try_for_each(|row| out.write_all(&row.bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<DateValue> {
        DateValue::from_normalised(text)
    }

    fn printed(order: Order) -> String {
        let mut sorted = Sorted::new(order).expect("not the corpus's order");
        sorted.push("乙", date("2020-05"), 1, b"b\n".to_vec());
        sorted.push("甲", None, 3, b"a\n".to_vec());
        sorted.push("丙", date("2021"), 2, b"c1\nc2\n".to_vec());
        sorted.push("乙", date("2019-12-31"), 1, b"d\n".to_vec());
        let mut out = Vec::new();
        sorted.write_to(&mut out).expect("written to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn rows_come_out_whole_in_the_order_asked_the_undated_last() {
        assert_eq!(printed(Order::DateAscending), "d\nb\nc1\nc2\na\n");
        assert_eq!(printed(Order::DateDescending), "c1\nc2\nb\nd\na\n");
        assert_eq!(printed(Order::Hits), "a\nc1\nc2\nb\nd\n");
        // 丙 U+4E19, 乙 U+4E59, 甲 U+7532; the two 乙 in the order pushed.
        assert_eq!(printed(Order::Title), "c1\nc2\nb\nd\na\n");
        assert!(Sorted::new(Order::Corpus).is_none());
    }
}
