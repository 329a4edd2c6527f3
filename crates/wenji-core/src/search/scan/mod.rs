//! The in-memory engine: a scan of a folded, packed copy of the corpus, the [`Engine`] wenji runs.
//!
//! ```text
//! corpus ─▶ index::Index::build (fold and pack every field, end to end)
//!           (a reopened corpus: the fields stored::Stored kept from the last run, as far as
//!            the articles are the same; the index is stored again once the corpus is in)
//! Request ─▶ find::search (terms packed likewise; memmem, units in parallel, waves in corpus
//!            order) or narrow::narrow (from the hits of the answer it narrows)
//!         ─▶ results::Results (articles, eight-byte hits) ─▶ Batch, resolved by locate::Locator
//!            when a hit is shown
//! ```
//! Its parts are public for its own benches and tests; the browser and the commands see only
//! [`Scan`] through the [`Engine`] seam, and locations.

mod extra;
pub mod find;
pub mod index;
pub mod locate;
pub mod narrow;
pub mod packing;
pub mod results;
mod sift;
pub mod stored;
pub mod text;
pub mod variants;
pub mod written;

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use rayon::prelude::*;

use self::index::Index;
use self::locate::Locator;
use self::results::Results;
use self::sift::Sift;
use self::stored::Stored;
use super::answer::{Batch, Hits, Location};
use super::engine::{Engine, Request, Scope};
use super::facts::Facts;
use super::forms::Forms;
use super::query::Query;
use crate::corpus::kept::fingerprint;
use crate::corpus::{Article, Corpus, Source};
use crate::persist::cache::{IndexFile, pending};

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
    /// Where the index is kept between runs, for a growing corpus that has a cache.
    store: Option<Store>,
    /// Bytes of text the growing corpus is expected to hold, once told, until room is made.
    expected: Option<u64>,
    /// Room was made for the expected text.
    reserved: bool,
    /// What the query's conditions look at in each article.
    facts: Facts,
}

/// The index kept between runs, as a growing corpus uses it.
#[derive(Debug)]
struct Store {
    file: IndexFile,
    /// The stored index being opened, on a thread of its own, while the corpus's files are
    /// walked: the first part's articles need its packing.
    opening: Option<std::thread::JoinHandle<Option<Stored>>>,
    /// The stored index, while its articles are still the corpus's.
    stored: Option<Stored>,
    /// Articles folded here, not taken from the stored index: if any, it must be written again.
    folded: usize,
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
        let mut facts = Facts::default();
        facts.add_sources(&corpus.sources);
        facts.grow(&corpus.articles);
        Self {
            index: Arc::new(RwLock::new(Index::build(corpus))),
            packed: true,
            kept: VecDeque::with_capacity(KEPT),
            store: None,
            expected: None,
            reserved: false,
            facts,
        }
    }

    /// An engine over a corpus still to come, given to it by [`Engine::grow`] as it loads.
    pub fn growing() -> Self {
        Self {
            index: Arc::default(),
            packed: false,
            kept: VecDeque::with_capacity(KEPT),
            store: None,
            expected: None,
            reserved: false,
            facts: Facts::default(),
        }
    }

    /// An engine over a corpus still to come, as [`Scan::growing`], that takes what it can
    /// from the index stored in `file` by the last run, and stores its index there once the
    /// corpus is in ([`Engine::loaded`]), unless the stored one was the same.
    pub fn growing_stored(file: IndexFile) -> Self {
        let opened = file.clone();
        let opening = std::thread::Builder::new()
            .name("open-index".into())
            .spawn(move || Stored::open(&opened).ok())
            .ok();
        Self {
            store: Some(Store {
                file,
                opening,
                stored: None,
                folded: 0,
            }),
            ..Self::growing()
        }
    }

    fn read(&self) -> RwLockReadGuard<'_, Index> {
        read(&self.index)
    }

    /// `results` as a batch; `terms`, the query's, are the forms of its hits with no
    /// character written otherwise.
    fn batch(&self, results: Results, terms: &Arc<[String]>) -> Batch {
        Batch {
            articles: results.articles.clone(),
            hits: Arc::new(PackedHits {
                index: Arc::clone(&self.index),
                results,
                terms: Arc::clone(terms),
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
        let sift = Sift::new(&index, &self.facts, query);
        let checks = crate::search::check::Checks::new(query);
        let terms: Arc<[String]> = checks.hit_terms(query).into();
        let within = match request.scope {
            Scope::Within(generation) => self
                .kept
                .iter()
                .find(|k| k.generation == generation && k.articles == articles),
            Scope::All => None,
        };
        let (complete, all) = if let Some(last) = within {
            let narrowed = narrow::narrow(&index, query, &last.query, &last.results, cancelled)
                .map(|results| sift.results(&index, results));
            if let Some(results) = &narrowed {
                sink(self.batch(results.clone(), &terms));
            }
            (narrowed.is_some(), narrowed.unwrap_or_default())
        } else if query.terms.is_empty() && query.extra.is_empty() {
            let listed = sift.listed(&index);
            sink(self.batch(listed.clone(), &terms));
            (true, listed)
        } else {
            let mut all = Results::default();
            let scope = sift
                .admitted
                .as_deref()
                .map_or(find::Scope::All, find::Scope::Articles);
            let plan = find::Plan::with_checks(&index, query, checks, &self.facts);
            let complete = find::search(&index, &plan, scope, cancelled, |results| {
                let results = sift.results(&index, results);
                all.append(results.clone());
                sink(self.batch(results, &terms));
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

    fn add_sources(&mut self, sources: &[Source]) {
        self.facts.add_sources(sources);
    }

    fn grow(&mut self, articles: &[Article]) {
        if articles.is_empty() {
            return;
        }
        self.facts.grow(articles);
        if !self.packed {
            self.packed = true;
            let stored = self.store.as_mut().and_then(|store| {
                store.stored = store.opening.take()?.join().ok().flatten();
                let stored = store.stored.as_mut()?;
                Some((stored.take_packing()?, stored.size()))
            });
            *write(&self.index) = match stored {
                Some((packing, size)) => {
                    let mut index = Index::new(packing);
                    index.reserve(size);
                    index
                }
                None => Index::new(Index::packing_for(articles)),
            };
        }
        let stored = self
            .store
            .as_ref()
            .is_some_and(|store| store.stored.is_some());
        if let Some(bytes) = self.expected.take().filter(|_| !stored) {
            // Packed text is about the text's size, markup gone: room for all of it at once
            // (which costs nothing until written), not a doubling that holds both. A stored
            // index has made room for its own size already.
            write(&self.index).reserve_text(bytes);
        }
        let Some(store) = self.store.as_mut().filter(|store| store.stored.is_some()) else {
            if let Some(store) = self.store.as_mut() {
                store.folded += articles.len();
            }
            // Folded under a read lock, so a hit being shown meanwhile waits only for the
            // append.
            let folded = read(&self.index).fold(articles);
            write(&self.index).append(folded);
            return;
        };
        let fingerprints: Vec<u64> = articles.par_iter().map(fingerprint).collect();
        let mut at = 0;
        while at < articles.len() {
            at += store.take_into(&self.index, &articles[at..], &fingerprints[at..]);
            if at == articles.len() {
                break;
            }
            // Folded up to the next article the stored index may hold, one at least.
            let end = at + 1 + store.untaken(&fingerprints[at + 1..]);
            store.folded += end - at;
            let folded = read(&self.index).fold(&articles[at..end]);
            write(&self.index).append(folded);
            at = end;
        }
    }

    fn expect_text(&mut self, bytes: u64) {
        if !self.reserved {
            self.reserved = true;
            self.expected = Some(bytes);
        }
    }

    fn loaded(&mut self) {
        write(&self.index).variants.shrink_to_fit();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let same = store.folded == 0 && store.stored.take().is_some_and(|s| s.taken_all());
        if same {
            return;
        }
        let (index, file) = (Arc::clone(&self.index), store.file.clone());
        let writing = pending::writing();
        // Written in the background: a failure only means folding again next time.
        let _ = std::thread::Builder::new()
            .name("store-index".into())
            .spawn(move || {
                let _writing = writing;
                stored::save(&read(&index), &file)
            });
    }
}

impl Store {
    /// Lays what the stored index holds of the first of `articles`, the next of the corpus,
    /// whose fingerprints are `fingerprints`, into `index`; how many it took (none without a
    /// stored index).
    fn take_into(
        &mut self,
        index: &RwLock<Index>,
        articles: &[Article],
        fingerprints: &[u64],
    ) -> usize {
        let Some(stored) = self.stored.as_mut() else {
            return 0;
        };
        // A copy out of the stored text: searches wait only as long as that takes.
        stored.take_into(&mut write(index), articles, fingerprints)
    }

    /// How many of the first articles whose fingerprints are `fingerprints` the stored index
    /// holds nothing for.
    fn untaken(&self, fingerprints: &[u64]) -> usize {
        let Some(stored) = self.stored.as_ref() else {
            return fingerprints.len();
        };
        fingerprints
            .iter()
            .take_while(|&&fingerprint| !stored.holds(fingerprint))
            .count()
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
    /// The query's folded terms.
    terms: Arc<[String]>,
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

    fn count_forms(&self, numbers: &mut dyn Iterator<Item = usize>, forms: &mut Forms) {
        let index = read(&self.index);
        let hits = self.results.hits_numbered(numbers);
        written::count_forms(&index, hits, &self.terms, forms);
    }
}

#[cfg(test)]
mod tests;
