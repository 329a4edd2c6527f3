//! The in-memory engine: a scan of a folded, packed copy of the corpus, the [`Engine`] wenji runs.
//!
//! ```text
//! corpus ─▶ index::Index::build (fold and pack every field, end to end)
//! Request ─▶ find::search (terms packed likewise; memmem, units in parallel, waves in corpus
//!            order) or narrow::narrow (from the hits of the answer it narrows)
//!         ─▶ results::Results (articles, eight-byte hits) ─▶ Batch, resolved by locate::Locator
//!            when a hit is shown
//! ```
//! Its parts are public for its own benches and tests; the browser and the commands see only
//! [`Scan`] through the [`Engine`] seam, and locations.

pub mod find;
pub mod index;
pub mod locate;
pub mod narrow;
pub mod packing;
pub mod results;

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use self::index::Index;
use self::locate::Locator;
use self::results::Results;
use super::answer::{Batch, Hits, Location};
use super::engine::{Engine, Request, Scope};
use super::query::Query;
use crate::corpus::{Article, Corpus};

/// Complete answers kept for requests within them. A request is made when a key is typed, so
/// the front end may ask within an answer a little older than the newest (the newest one's end
/// was still on its way): a few are kept, newest last.
const KEPT: usize = 4;

/// The in-memory engine over one corpus, which may grow while it answers.
///
/// The index is shared with the batches handed over, which resolve their hits through it when
/// they are shown; a corpus that grows appends to it under a write lock, which leaves every
/// offset already handed over valid.
#[derive(Debug)]
pub struct Scan {
    index: Arc<RwLock<Index>>,
    /// Whether the packing is chosen (by the first articles of a growing corpus).
    packed: bool,
    /// The latest answers that ran to the end, with all their hits: a request within one of
    /// them is answered from its hits.
    kept: VecDeque<Complete>,
}

#[derive(Debug)]
struct Complete {
    generation: u64,
    query: Query,
    results: Results,
    /// Articles the index held when it was found: an answer of a smaller corpus cannot be
    /// narrowed for a larger one.
    articles: usize,
}

impl Scan {
    /// Folds, packs and indexes `corpus` (on every core).
    pub fn build(corpus: &Corpus) -> Self {
        Self {
            index: Arc::new(RwLock::new(Index::build(corpus))),
            packed: true,
            kept: VecDeque::with_capacity(KEPT),
        }
    }

    /// An engine over a corpus still to come, given to it by [`Engine::grow`] as it loads.
    pub fn growing() -> Self {
        Self {
            index: Arc::default(),
            packed: false,
            kept: VecDeque::with_capacity(KEPT),
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Index> {
        read(&self.index)
    }

    fn batch(&self, results: Results) -> Batch {
        Batch {
            articles: results.articles.clone(),
            hits: Arc::new(PackedHits {
                index: Arc::clone(&self.index),
                results,
            }),
        }
    }
}

impl Engine for Scan {
    fn run(
        &mut self,
        request: &Request,
        cancelled: &(dyn Fn() -> bool + Sync),
        sink: &mut dyn FnMut(Batch),
    ) -> bool {
        let query = &request.query;
        if query.is_empty() {
            return true;
        }
        let index = self.read();
        let articles = index.articles();
        let within = match request.scope {
            Scope::Within(generation) => self
                .kept
                .iter()
                .find(|k| k.generation == generation && k.articles == articles),
            Scope::All => None,
        };
        let (complete, all) = if let Some(last) = within {
            let narrowed = narrow::narrow(&index, query, &last.query, &last.results, cancelled);
            if let Some(results) = &narrowed {
                sink(self.batch(results.clone()));
            }
            (narrowed.is_some(), narrowed.unwrap_or_default())
        } else {
            let mut all = Results::default();
            let complete = find::search(&index, query, find::Scope::All, cancelled, |results| {
                all.append(results.clone());
                sink(self.batch(results));
            });
            (complete, all)
        };
        drop(index);
        if complete {
            if self.kept.len() == KEPT {
                self.kept.pop_front();
            }
            self.kept.push_back(Complete {
                generation: request.generation,
                query: query.clone(),
                results: all,
                articles,
            });
        }
        complete
    }

    fn grow(&mut self, articles: &[Article]) {
        if articles.is_empty() {
            return;
        }
        if !self.packed {
            self.packed = true;
            *write(&self.index) = Index::new(Index::packing_for(articles));
        }
        // Folded under a read lock, so a hit being shown meanwhile waits only for the append.
        let folded = self.read().fold(articles);
        write(&self.index).append(folded);
    }
}

fn read(index: &RwLock<Index>) -> RwLockReadGuard<'_, Index> {
    // A panic under the lock leaves the index whole (it only ever grows at its end).
    index.read().unwrap_or_else(PoisonError::into_inner)
}

fn write(index: &RwLock<Index>) -> std::sync::RwLockWriteGuard<'_, Index> {
    index.write().unwrap_or_else(PoisonError::into_inner)
}

/// A batch's hits as the scan found them, resolved through the index when asked.
struct PackedHits {
    index: Arc<RwLock<Index>>,
    results: Results,
}

impl std::fmt::Debug for PackedHits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PackedHits({} hits)", self.results.hit_count())
    }
}

impl Hits for PackedHits {
    fn len(&self) -> usize {
        self.results.hit_count()
    }

    fn locate(&self, range: Range<usize>) -> Vec<Location> {
        let index = read(&self.index);
        let mut locator = Locator::new(&index);
        range
            .filter_map(|number| self.results.hit(number))
            .map(|hit| locator.locate(hit))
            .collect()
    }
}

#[cfg(test)]
mod tests;
