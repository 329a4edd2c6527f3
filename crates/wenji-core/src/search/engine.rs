//! The engine seam: what the browser and the commands ask of a search engine, and nothing more.
//!
//! A [`Request`] is plain data — a generation, a parsed [`Query`], a [`Scope`] — and the answer
//! is a stream of [`Batch`]es of resolved hits (see [`super::answer`]), in corpus order. The
//! engine decides nothing about the screen; the state decides nothing about the index.
//!
//! ```text
//! state ─ Request ─▶ Worker (thread, latest generation) ─▶ Engine::run ─ Batch… ─▶ state
//! ```
//! The in-memory scan ([`super::scan::Scan`]) is the engine wenji runs; [`super::fake::Fake`] is
//! a deterministic one for tests, that finds the same hits by the plainest means.
//!
//! ## Other engines
//! - **An on-disk index (tantivy)** would index each field as a document of its own (article
//!   number, field, and the folded text through a one-character tokenizer with positions and
//!   offsets), answer a query as a phrase query per term and an AND over the article's fields,
//!   and turn the offsets it stores back into original bytes with the fold map kept beside each
//!   field. `run` would collect segment by segment and hand each segment's hits over as a batch,
//!   sorted by article; [`Scope::Within`] it may ignore (see there).
//! - **A remote engine (Quickwit, Elasticsearch/OpenSearch)** would send the request as one
//!   search call per page (`search_after` on the article number, so pages stay in corpus order),
//!   each page a batch, with the hit offsets taken from the engine's highlighting (offsets or
//!   term vectors) and shipped as [`Location`](super::answer::Location)s, which `Batch::resolved`
//!   keeps as they are. The generation goes with the call as its request id; cancelling is
//!   checking `cancelled` between pages and dropping the connection of the page in flight (or a
//!   `_tasks/…/_cancel` call), and a late page of an old generation is dropped by the worker as
//!   any stale batch is.
//!
//! Engines run one request at a time on the worker's thread; [`super::worker::Worker`] keeps the
//! latest generation and tells a running request when it has been overtaken.

use super::answer::{Batch, Matches};
use super::query::Query;
use crate::corpus::{Article, Source};

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Numbers requests in the order they were made; an answer carries its request's, so a late
    /// answer to an older request is recognised and dropped.
    pub generation: u64,
    pub query: Query,
    pub scope: Scope,
}

/// Which articles a request looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole corpus.
    All,
    /// Only articles that matched the complete answer to request `generation`, which the new
    /// query narrows ([`Query::narrows`]: one more character typed, one more term). Since every
    /// match of the new query is then among those articles anyway, an engine that no longer
    /// holds that answer may search everything and give the same result; one that holds it
    /// answers from it, far faster.
    Within(u64),
}

impl Scope {
    /// The scope for `query`, given the last complete answer `(generation, its query)`: within
    /// it when `query` narrows it. This is the one place narrowing is decided.
    pub fn for_query(query: &Query, last_complete: Option<(u64, &Query)>) -> Self {
        match last_complete {
            Some((generation, previous)) if query.narrows(previous) => Scope::Within(generation),
            _ => Scope::All,
        }
    }
}

/// A search engine.
pub trait Engine: Send + 'static {
    /// Answers `request`: hands its matches to `sink` batch by batch, in corpus order, and
    /// returns whether it ran to the end (`false` when `cancelled()` said stop first, in which
    /// case the batches handed over are a prefix of the answer).
    fn run(
        &mut self,
        request: &Request,
        cancelled: &(dyn Fn() -> bool + Sync),
        sink: &mut dyn FnMut(Batch),
    ) -> bool;

    /// Takes in `articles`, which follow those it holds, numbered on from them: a corpus that
    /// loads in the background grows while the engine answers. Requests answered after this
    /// cover them.
    fn grow(&mut self, articles: &[Article]);

    /// Takes the sources that the articles given next to [`Engine::grow`] come from, numbered
    /// after those given before (an article's `source`): their names are what a `file:`
    /// condition looks at. An engine that is never given them sees every name as empty.
    fn add_sources(&mut self, sources: &[Source]) {
        let _ = sources;
    }

    /// The corpus is whole: no more [`grow`](Self::grow) will come. An engine that keeps its
    /// index between runs stores it now.
    fn loaded(&mut self) {}

    /// The corpus being loaded will hold about `bytes` of text in all (an estimate, likely
    /// high): an engine may make room for its index at once rather than grow it step by step,
    /// which holds the old and the new room at once.
    fn expect_text(&mut self, bytes: u64) {
        let _ = bytes;
    }

    /// Answers `request` to the end, its batches joined: the whole answer at once, and whether
    /// the engine ran to the end.
    fn answer(&mut self, request: &Request) -> (Matches, bool) {
        let mut matches = Matches::default();
        let complete = self.run(request, &|| false, &mut |batch| matches.append(batch));
        (matches, complete)
    }
}
