//! A second engine, for tests: deterministic, and as plain as a search can be written.
//!
//! [`Fake`] runs the plain per-article search ([`super::plain`]: each field folded, each term
//! found with `str::match_indices`) over every article on every request; it keeps no index and
//! no earlier answer. Its batches hold a fixed number of matching articles (one by default), so a
//! test sees an answer arrive in several parts; it can wait before each batch, so an answer
//! streams in slowly enough to watch, and be told to stop after some batches as if a newer
//! request had overtaken it. Because it shares nothing with the scan but the
//! folding rules, it is also the reference the scan is checked against.

use super::answer::{Batch, Location};
use super::engine::{Engine, Request};
use super::plain::Plain;
use crate::corpus::{Article, Corpus};
use std::sync::Arc;
use std::time::Duration;

/// The test engine over one corpus.
#[derive(Debug, Clone)]
pub struct Fake {
    corpus: Arc<Corpus>,
    /// Articles given by [`Engine::grow`], after the corpus's.
    grown: Vec<Article>,
    /// Matching articles per batch.
    batch_articles: usize,
    /// Stop (as if cancelled) after this many batches.
    stop_after: Option<usize>,
    /// How long to wait before handing over each batch.
    pace: Duration,
}

impl Fake {
    pub fn new(corpus: Arc<Corpus>) -> Self {
        Self {
            corpus,
            grown: Vec::new(),
            batch_articles: 1,
            stop_after: None,
            pace: Duration::ZERO,
        }
    }

    /// Puts `articles` matching articles in each batch.
    #[must_use]
    pub fn batch_articles(mut self, articles: usize) -> Self {
        self.batch_articles = articles.max(1);
        self
    }

    /// Hands over at most `batches` batches, then reports the request as cancelled.
    #[must_use]
    pub fn stop_after(mut self, batches: usize) -> Self {
        self.stop_after = Some(batches);
        self
    }

    /// Waits `pace` before each batch (a cancelled request still stops at the next batch).
    #[must_use]
    pub fn pace(mut self, pace: Duration) -> Self {
        self.pace = pace;
        self
    }

    /// Hands `batch` over after the pause, unless the request was overtaken or is to stop.
    fn hand_over(
        &self,
        batch: Vec<Location>,
        sent: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        sink: &mut dyn FnMut(Batch),
    ) -> bool {
        if !self.pace.is_zero() {
            std::thread::sleep(self.pace);
        }
        if cancelled() || self.stop_after == Some(sent) {
            return false;
        }
        sink(Batch::resolved(batch));
        true
    }

    /// The hits in article `article` of the corpus and the grown articles after it.
    fn article_hits(&self, article: usize, plain: &Plain<'_>) -> Vec<Location> {
        let id = u32::try_from(article).unwrap_or(u32::MAX);
        self.corpus
            .articles
            .get(article)
            .or_else(|| self.grown.get(article - self.corpus.articles.len()))
            .map_or_else(Vec::new, |at| plain.hits(at, id))
    }
}

impl Engine for Fake {
    fn run(
        &mut self,
        request: &Request,
        cancelled: &(dyn Fn() -> bool + Sync),
        sink: &mut dyn FnMut(Batch),
    ) -> bool {
        let terms = &request.query.terms;
        if terms.is_empty() {
            return true;
        }
        let plain = Plain::new(terms);
        let mut batch = Vec::new();
        let (mut articles, mut sent) = (0, 0);
        for article in 0..self.corpus.articles.len() + self.grown.len() {
            let hits = self.article_hits(article, &plain);
            if hits.is_empty() {
                continue;
            }
            batch.extend(hits);
            articles += 1;
            if articles == self.batch_articles {
                if !self.hand_over(std::mem::take(&mut batch), sent, cancelled, sink) {
                    return false;
                }
                (articles, sent) = (0, sent + 1);
            }
        }
        batch.is_empty() || self.hand_over(batch, sent, cancelled, sink)
    }

    fn grow(&mut self, articles: &[Article]) {
        self.grown.extend_from_slice(articles);
    }
}
