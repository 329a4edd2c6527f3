//! The list's rows: which entries of the list's source they show (an article of the corpus, or
//! while searching a matching article of the answer), in the order chosen (`s` cycles it,
//! `--sort` sets it), with copies folded, and the way back from an entry to its row.
//!
//! Copies of one article (the same body crawled again: [`Copies`]) are one row, `×N`. The row
//! shows the copy with the earliest date (the first in the corpus among equals), so the article
//! is listed under the date it first appeared; in the corpus's order it stands where its first
//! copy stands, so a copy that loads later never moves it. `x` expands a row: its other copies
//! follow it, each with its date and file. An empty article (no text at all) has no row.
//!
//! While searching, a hit is counted once: the concordance, the counts and `n`/`N` go through
//! the hits of the articles the rows show, not those of the copies folded into them.
//!
//! Rows are made again whenever the source changes (a part of the corpus loads, a batch of the
//! answer arrives), keeping the selection on the article it was on.

use std::collections::HashSet;

use wenji_core::corpus::copies::Copies;
use wenji_core::corpus::order::{self, Order};
use wenji_core::search::Matches;
use wenji_core::search::forms::Forms;

use super::State;

/// No row: an entry left out (an empty article).
const NONE: u32 = u32::MAX;

/// What one row of the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRow {
    /// The entry of the list's source.
    pub entry: u32,
    /// The copies folded into this row (shown under it when expanded); 0 for one alone.
    pub copies: u32,
    /// The row is a copy shown under the row of its article, which is expanded.
    pub copy: bool,
}

/// Rows in order, where each entry's row is, and the hits the rows count.
#[derive(Debug, Default, Clone)]
pub struct Rows {
    #[allow(
        clippy::struct_field_names,
        reason = "the rows, as the list shows them"
    )]
    rows: Vec<ListRow>,
    /// Entry → row: a folded copy's is the row it is folded into; [`NONE`] when left out.
    places: Vec<u32>,
    /// The hits counted, in order (each hit of an article a row shows); `None` when that is
    /// every hit of the answer.
    counted: Option<Vec<u32>>,
    /// Rows that stand for an article (not a copy shown under one).
    distinct: usize,
    /// Entries with a row or folded into one: all but the empty articles.
    listed: usize,
    /// What the last folding worked with, kept for the next.
    slots: Slots,
    /// The list's source, each entry's article, as the last folding had it.
    articles: Vec<u32>,
    /// The last folding was of the corpus in its own order with nothing expanded: articles
    /// appended to it can be taken in without folding the rest again ([`Rows::append`]).
    appendable: bool,
}

impl Rows {
    /// What row `row` shows.
    pub fn get(&self, row: usize) -> Option<ListRow> {
        self.rows.get(row).copied()
    }

    /// The entry row `row` shows.
    pub fn entry(&self, row: usize) -> Option<usize> {
        self.rows.get(row).map(|row| row.entry as usize)
    }

    /// The row that shows `entry`, or the row it is folded into; `None` when it is left out.
    pub fn row(&self, entry: usize) -> Option<usize> {
        self.places
            .get(entry)
            .filter(|&&row| row != NONE)
            .map(|&row| row as usize)
    }

    /// Whether `entry` is an article a row stands for, whose hits are counted (not a copy,
    /// shown or folded, nor left out).
    pub fn counts(&self, entry: usize) -> bool {
        self.row(entry)
            .and_then(|row| self.get(row))
            .is_some_and(|row| row.entry as usize == entry && !row.copy)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Articles once copies are counted once: the rows that are not copies shown under one.
    pub fn distinct(&self) -> usize {
        self.distinct
    }

    /// Entries listed, copies included: all but the empty articles.
    pub fn listed(&self) -> usize {
        self.listed
    }

    /// The forms the hits counted in `answer` were written in.
    pub fn forms(&self, answer: &Matches) -> Forms {
        match &self.counted {
            Some(counted) => answer.forms_of(&mut counted.iter().map(|&hit| hit as usize)),
            None => answer.forms(),
        }
    }

    /// How many hits are counted, of an answer's `all`.
    pub fn hits(&self, all: usize) -> usize {
        self.counted.as_ref().map_or(all, Vec::len)
    }

    /// Hit number `index` of those counted.
    pub fn hit(&self, index: usize) -> Option<usize> {
        match &self.counted {
            Some(counted) => counted.get(index).map(|&hit| hit as usize),
            None => Some(index),
        }
    }

    /// Where hit `hit` is among those counted; `None` when it is not counted (a copy's).
    pub fn hit_index(&self, hit: usize) -> Option<usize> {
        match &self.counted {
            Some(counted) => {
                let hit = u32::try_from(hit).ok()?;
                counted.binary_search(&hit).ok()
            }
            None => Some(hit),
        }
    }
}

/// What folding looks at: the list's source, the copies, the rows expanded.
struct Source<'a> {
    /// Each entry's article, in corpus order.
    articles: &'a [u32],
    copies: &'a Copies,
    /// The groups whose copies are shown.
    expanded: &'a HashSet<u32>,
    corpus: &'a [wenji_core::corpus::Article],
}

impl Source<'_> {
    /// The date of entry `entry`'s article, as the list's orders compare dates.
    fn date(&self, entry: u32) -> u32 {
        self.corpus
            .get(self.articles[entry as usize] as usize)
            .map_or(order::UNDATED, order::date_key)
    }
}

/// The groups a source's entries fall in, one slot each, in the order they are first met; its
/// vectors kept from one folding to the next (the list is folded again as each part of a
/// corpus loads, and would otherwise allocate and free its size every time).
#[derive(Debug, Default, Clone)]
struct Slots {
    /// Each slot's entry shown: the earliest dated (the first among equals).
    shown: Vec<u32>,
    /// How many entries each slot holds.
    sizes: Vec<u32>,
    /// Each entry's slot; [`NONE`] when it is left out.
    slot_of: Vec<u32>,
    /// Each group's slot, while filling.
    slot_of_group: Vec<u32>,
    /// The slots in the list's order, and each one's row.
    in_order: Vec<u32>,
    row_of_slot: Vec<u32>,
}

impl Slots {
    fn fill(&mut self, source: &Source<'_>) {
        let Source {
            articles, copies, ..
        } = *source;
        self.shown.clear();
        self.sizes.clear();
        self.slot_of.clear();
        self.slot_of.resize(articles.len(), NONE);
        self.slot_of_group.clear();
        self.slot_of_group.resize(copies.distinct(), NONE);
        for (entry, &article) in (0u32..).zip(articles) {
            let Some(group) = copies.group(article as usize) else {
                continue;
            };
            let slot = &mut self.slot_of_group[group as usize];
            if *slot == NONE {
                *slot = u32::try_from(self.shown.len()).unwrap_or(NONE);
                self.shown.push(entry);
                self.sizes.push(1);
            } else {
                let at = *slot as usize;
                self.sizes[at] += 1;
                if source.date(entry) < source.date(self.shown[at]) {
                    self.shown[at] = entry;
                }
            }
            self.slot_of[entry as usize] = *slot;
        }
    }

    /// The entries of the slots whose group is expanded, but the one shown, in corpus order,
    /// by slot (none at all when no group is).
    fn expanded(&self, source: &Source<'_>) -> Vec<Vec<u32>> {
        if source.expanded.is_empty() {
            return Vec::new();
        }
        let mut members = vec![Vec::new(); self.shown.len()];
        for (entry, &slot) in (0u32..).zip(&self.slot_of) {
            let Some(&lead) = self.shown.get(slot as usize) else {
                continue;
            };
            let group = source.copies.group(source.articles[lead as usize] as usize);
            if entry != lead && group.is_some_and(|g| source.expanded.contains(&g)) {
                members[slot as usize].push(entry);
            }
        }
        members
    }

    /// The hits of the entries shown, in order, into `counted`.
    fn count(&self, answer: &Matches, counted: &mut Vec<u32>) {
        let mut lead = vec![false; self.slot_of.len()];
        for &entry in &self.shown {
            lead[entry as usize] = true;
        }
        counted.clear();
        let hits = answer.articles.iter().zip(lead).filter(|(_, lead)| *lead);
        counted.extend(
            hits.flat_map(|(a, _)| a.hits.clone())
                .map(|hit| u32::try_from(hit).unwrap_or(NONE)),
        );
    }
}

impl Rows {
    /// Folds a source's entries into these rows, in `order`; `answer` gives their hits while
    /// searching.
    fn fold(&mut self, source: &Source<'_>, order: Order, answer: Option<&Matches>) {
        let mut slots = std::mem::take(&mut self.slots);
        slots.fill(source);
        let hits_of = |entry: u32| {
            answer
                .and_then(|answer| answer.articles.get(entry as usize))
                .map_or(0, |a| a.hits.len())
        };
        let shown = &slots.shown;
        slots.in_order.clear();
        slots
            .in_order
            .extend(0..u32::try_from(shown.len()).unwrap_or(NONE));
        order::sort(
            order,
            &mut slots.in_order,
            source.corpus,
            |&slot| source.articles[shown[slot as usize] as usize],
            |&slot| hits_of(shown[slot as usize]),
        );
        let members = slots.expanded(source);
        self.rows.clear();
        slots.row_of_slot.clear();
        slots.row_of_slot.resize(shown.len(), NONE);
        for &slot in &slots.in_order {
            let at = slot as usize;
            slots.row_of_slot[at] = u32::try_from(self.rows.len()).unwrap_or(NONE);
            self.rows.push(ListRow {
                entry: shown[at],
                copies: slots.sizes[at] - 1,
                copy: false,
            });
            let copies = members.get(at).into_iter().flatten();
            self.rows.extend(copies.map(|&entry| ListRow {
                entry,
                copies: 0,
                copy: true,
            }));
        }
        self.places.clear();
        self.places.extend(slots.slot_of.iter().map(|&slot| {
            slots
                .row_of_slot
                .get(slot as usize)
                .copied()
                .unwrap_or(NONE)
        }));
        for (row, shown) in (0u32..).zip(&self.rows) {
            self.places[shown.entry as usize] = row;
        }
        let listed = slots.slot_of.iter().filter(|&&slot| slot != NONE).count();
        // Counted apart only when something is folded or left out; else every hit counts.
        let apart = listed > shown.len() || listed < slots.slot_of.len();
        match answer.filter(|_| apart) {
            Some(answer) => slots.count(answer, self.counted.get_or_insert_with(Vec::new)),
            None => self.counted = None,
        }
        self.distinct = shown.len();
        self.listed = listed;
        self.slots = slots;
        self.appendable = answer.is_none() && order == Order::Corpus && source.expanded.is_empty();
    }

    /// Takes in the entries appended to the source since the last folding, when that was of the
    /// corpus in its own order with nothing expanded (the list while a corpus loads, part by
    /// part): each a row of its own at the end, or folded into its group's row (which shows it
    /// from now on if its date is earlier). A row's place is then its slot's. Returns `false`
    /// when the rows must be folded whole instead.
    fn append(&mut self, source: &Source<'_>) -> bool {
        let before = self.slots.slot_of.len();
        if !self.appendable || !source.expanded.is_empty() || source.articles.len() < before {
            return false;
        }
        let slots = &mut self.slots;
        slots.slot_of_group.resize(source.copies.distinct(), NONE);
        for (entry, &article) in (0u32..).zip(source.articles).skip(before) {
            let Some(group) = source.copies.group(article as usize) else {
                slots.slot_of.push(NONE);
                self.places.push(NONE);
                continue;
            };
            let slot = &mut slots.slot_of_group[group as usize];
            if *slot == NONE {
                *slot = u32::try_from(slots.shown.len()).unwrap_or(NONE);
                slots.shown.push(entry);
                slots.sizes.push(1);
                self.rows.push(ListRow {
                    entry,
                    copies: 0,
                    copy: false,
                });
            } else {
                let at = *slot as usize;
                slots.sizes[at] += 1;
                self.rows[at].copies += 1;
                if source.date(entry) < source.date(slots.shown[at]) {
                    slots.shown[at] = entry;
                    self.rows[at].entry = entry;
                }
            }
            slots.slot_of.push(*slot);
            self.places.push(*slot);
            self.listed += 1;
        }
        self.distinct = slots.shown.len();
        true
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

    /// Shows the copies folded into the selected row's article under it, or folds them back.
    pub(super) fn toggle_copies(&mut self) {
        if !self.copies.folds() {
            self.message = Some("copies are not folded (--all-copies)".to_owned());
            return;
        }
        let Some(lead) = self.lead_of(self.list.selected()) else {
            return;
        };
        let Some(group) = self
            .article_of_entry(lead.entry as usize)
            .and_then(|article| self.copies.group(article))
        else {
            return;
        };
        if self.expanded.remove(&group) {
            self.message = Some("copies folded".to_owned());
        } else if lead.copies == 0 {
            self.message = Some("this article has no copies".to_owned());
            return;
        } else {
            self.expanded.insert(group);
            let copies = match lead.copies {
                1 => "1 copy".to_owned(),
                n => format!("{n} copies"),
            };
            self.message = Some(format!("{copies} shown under the article"));
        }
        self.resort();
        self.select_entry(lead.entry as usize);
    }

    /// The row of the article row `row` stands under (itself when it is not a copy).
    fn lead_of(&self, row: usize) -> Option<ListRow> {
        (0..=row)
            .rev()
            .filter_map(|at| self.rows.get(at))
            .find(|r| !r.copy)
    }

    /// The article entry `entry` of the list's source is.
    pub(super) fn article_of_entry(&self, entry: usize) -> Option<usize> {
        match self.search.as_ref().filter(|s| s.filters()) {
            Some(search) => search
                .results
                .articles
                .get(entry)
                .map(|a| a.article as usize),
            None => (entry < self.corpus.articles.len()).then_some(entry),
        }
    }

    /// The entry of the list's source that the selected row shows.
    pub(super) fn selected_entry(&self) -> Option<usize> {
        self.rows.entry(self.list.selected())
    }

    /// Selects the row that shows `entry` (or the row it is folded into); returns whether the
    /// selection changed.
    pub(super) fn select_entry(&mut self, entry: usize) -> bool {
        match self.rows.row(entry) {
            Some(row) => self.list.select(row),
            None => false,
        }
    }

    /// The list's rows in order (for drawing).
    pub fn rows(&self) -> &Rows {
        &self.rows
    }

    /// Makes the rows again for what the list now shows, the selection kept on its entry.
    pub(super) fn resort(&mut self) {
        let selected = self.selected_entry();
        // While browsing, a reader on the selected row's article, not yet scrolled, follows the
        // row when a copy that loads later (with an earlier date) becomes the one it shows.
        let following = self.search.is_none()
            && self.reader.top() == 0
            && self.selected_article() == Some(self.reader.article());
        self.copies.add(&self.corpus.articles);
        let searching = self.search.as_ref().filter(|s| s.filters());
        let mut articles = std::mem::take(&mut self.rows.articles);
        articles.clear();
        match searching {
            Some(search) => articles.extend(search.results.articles.iter().map(|a| a.article)),
            None => articles.extend(0..u32::try_from(self.corpus.articles.len()).unwrap_or(NONE)),
        }
        let order = if self.order == Order::Hits && searching.is_none() {
            Order::Corpus
        } else {
            self.order
        };
        let source = Source {
            articles: &articles,
            copies: &self.copies,
            expanded: &self.expanded,
            corpus: &self.corpus.articles,
        };
        let appended = searching.is_none() && order == Order::Corpus && self.rows.append(&source);
        if !appended {
            self.rows
                .fold(&source, order, searching.map(|s| &s.results));
        }
        self.rows.articles = articles;
        self.list.set_len(self.rows.len());
        if let Some(search) = &mut self.search {
            search
                .kwic
                .set_len(self.rows.hits(search.results.hit_count()));
            search.forms = if search.query.seeks_text() {
                self.rows.forms(&search.results)
            } else {
                Forms::default()
            };
        }
        if let Some(entry) = selected {
            self.select_entry(entry);
        }
        let reading = self.reader.article();
        if following
            && let Some(article) = self.selected_article()
            && article != reading
            && self.copies.group(article) == self.copies.group(reading)
        {
            self.reader.show(&self.corpus, article);
        }
    }

    /// Shows the selected row's article in the reader: at the start, where the first row may
    /// stand for another article than the first (a copy with an earlier date, or the first
    /// article empty).
    pub(super) fn read_selected(&mut self) {
        if let Some(article) = self.selected_article() {
            self.reader.show(&self.corpus, article);
        }
    }
}
