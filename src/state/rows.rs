//! The list's rows in the order chosen (`s` cycles it, `--sort` sets it): which entry of the
//! list's source each row shows — an article of the corpus, or while searching a matching
//! article of the answer — and the way back from an entry to its row.
//!
//! In the corpus's order a row is its entry and nothing is kept. Another order is made again
//! whenever the source changes (a part of the corpus loads, a batch of the answer arrives),
//! keeping the selection on the article it was on.

use wenji_core::corpus::order::{self, Order};

use super::State;

/// Rows in order, and where each entry's row is.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    /// Row → entry; empty in the corpus's order.
    entries: Vec<u32>,
    /// Entry → row.
    rows: Vec<u32>,
}

impl Rows {
    /// The entry row `row` shows.
    pub fn entry(&self, row: usize) -> usize {
        self.entries.get(row).map_or(row, |&entry| entry as usize)
    }

    /// The row that shows `entry`.
    pub fn row(&self, entry: usize) -> usize {
        self.rows.get(entry).map_or(entry, |&row| row as usize)
    }
}

impl State {
    /// The order the list is in.
    pub fn order(&self) -> Order {
        self.order
    }

    /// Puts the list in `order`, the selection staying on its article.
    pub fn sort_by(&mut self, order: Order) {
        self.order = order;
        self.resort();
    }

    /// The next order, as the key cycles (by hits only while searching).
    pub(super) fn cycle_order(&mut self) {
        let searching = self.search.as_ref().is_some_and(super::Search::filters);
        let next = self.order.next(searching);
        self.sort_by(next);
        self.message = Some(format!("list sorted: {}", next.label()));
    }

    /// The entry of the list's source that the selected row shows.
    pub(super) fn selected_entry(&self) -> usize {
        self.rows.entry(self.list.selected())
    }

    /// Selects the row that shows `entry`; returns whether the selection changed.
    pub(super) fn select_entry(&mut self, entry: usize) -> bool {
        let row = self.rows.row(entry);
        self.list.select(row)
    }

    /// The list's rows in order (for drawing).
    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    /// Orders the rows again for what the list now shows, the selection kept on its entry.
    pub(super) fn resort(&mut self) {
        let selected = self.selected_entry();
        let searching = self.search.as_ref().filter(|s| s.filters());
        let len = searching.map_or(self.corpus.articles.len(), |s| s.results.articles.len());
        self.rows = if self.order == Order::Corpus
            || (self.order == Order::Hits && searching.is_none())
        {
            Rows::default()
        } else {
            let mut entries: Vec<u32> = (0..u32::try_from(len).unwrap_or(u32::MAX)).collect();
            let articles = &self.corpus.articles;
            match searching {
                Some(search) => {
                    let answer = &search.results.articles;
                    let article = |&e: &u32| answer.get(e as usize).map_or(u32::MAX, |a| a.article);
                    let hits = |&e: &u32| answer.get(e as usize).map_or(0, |a| a.hits.len());
                    order::sort(self.order, &mut entries, articles, article, hits);
                }
                None => order::sort(self.order, &mut entries, articles, |&e| e, |_| 0),
            }
            let mut rows = vec![0; entries.len()];
            for (row, &entry) in entries.iter().enumerate() {
                rows[entry as usize] = u32::try_from(row).unwrap_or(u32::MAX);
            }
            Rows { entries, rows }
        };
        self.list.set_len(len);
        self.select_entry(selected);
    }
}
