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
use std::sync::Arc;

use self::index::Index;
use self::locate::Locator;
use self::results::Results;
use super::answer::{Batch, Hits, Location};
use super::engine::{Engine, Request, Scope};
use super::query::Query;
use crate::corpus::Corpus;

/// Complete answers kept for requests within them. A request is made when a key is typed, so
/// the front end may ask within an answer a little older than the newest (the newest one's end
/// was still on its way): a few are kept, newest last.
const KEPT: usize = 4;

/// The in-memory engine over one corpus.
#[derive(Debug)]
pub struct Scan {
    index: Arc<Index>,
    /// The latest answers that ran to the end, with all their hits: a request within one of
    /// them is answered from its hits.
    kept: VecDeque<Complete>,
}

#[derive(Debug)]
struct Complete {
    generation: u64,
    query: Query,
    results: Results,
}

impl Scan {
    /// Folds, packs and indexes `corpus` (on every core).
    pub fn build(corpus: &Corpus) -> Self {
        Self {
            index: Arc::new(Index::build(corpus)),
            kept: VecDeque::with_capacity(KEPT),
        }
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
        let within = match request.scope {
            Scope::Within(generation) => self.kept.iter().find(|k| k.generation == generation),
            Scope::All => None,
        };
        let (complete, all) = if let Some(last) = within {
            let narrowed =
                narrow::narrow(&self.index, query, &last.query, &last.results, cancelled);
            if let Some(results) = &narrowed {
                sink(self.batch(results.clone()));
            }
            (narrowed.is_some(), narrowed.unwrap_or_default())
        } else {
            let mut all = Results::default();
            let index = Arc::clone(&self.index);
            let complete = find::search(&index, query, find::Scope::All, cancelled, |results| {
                all.append(results.clone());
                sink(self.batch(results));
            });
            (complete, all)
        };
        if complete {
            if self.kept.len() == KEPT {
                self.kept.pop_front();
            }
            self.kept.push_back(Complete {
                generation: request.generation,
                query: query.clone(),
                results: all,
            });
        }
        complete
    }
}

/// A batch's hits as the scan found them, resolved through the index when asked.
struct PackedHits {
    index: Arc<Index>,
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
        let mut locator = Locator::new(&self.index);
        range
            .filter_map(|number| self.results.hit(number))
            .map(|hit| locator.locate(hit))
            .collect()
    }
}

#[cfg(test)]
mod tests;
