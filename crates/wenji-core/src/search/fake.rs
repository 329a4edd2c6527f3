//! A second engine, for tests: deterministic, and as plain as a search can be written.
//!
//! [`Fake`] runs the plain per-article search ([`super::plain`]: each field folded, each term
//! found with `str::match_indices`) over every article on every request; it keeps no index and
//! no earlier answer. Its batches hold a fixed number of matching articles (one by default), so a
//! test sees an answer arrive in several parts; it can wait before each batch, so an answer
//! streams in slowly enough to watch, and be told to stop after some batches as if a newer
//! request had overtaken it. Because it shares nothing with the scan but the
//! folding rules, it is also the reference the scan is checked against.

use super::answer::Batch;
use super::engine::{Engine, Request};
use super::plain::{Plain, written_forms};
use super::sieve::Sieve;
use crate::corpus::{Article, Corpus, Source};
use std::sync::Arc;
use std::time::Duration;

/// The test engine over one corpus.
#[derive(Debug, Clone)]
pub struct Fake {
    corpus: Arc<Corpus>,
    /// Articles given by [`Engine::grow`], after the corpus's.
    grown: Vec<Article>,
    /// Sources given by [`Engine::add_sources`], after the corpus's.
    grown_sources: Vec<Source>,
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
            grown_sources: Vec::new(),
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
        batch: Batch,
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
        sink(batch);
        true
    }

    /// Article `article` of the corpus and the grown articles after it, and its file's name.
    fn article(&self, article: usize) -> Option<(&Article, &str)> {
        let at = self
            .corpus
            .articles
            .get(article)
            .or_else(|| self.grown.get(article - self.corpus.articles.len()))?;
        let file = self
            .corpus
            .sources
            .get(at.source)
            .or_else(|| {
                at.source
                    .checked_sub(self.corpus.sources.len())
                    .and_then(|n| self.grown_sources.get(n))
            })
            .map_or("", |source| source.name.as_str());
        Some((at, file))
    }
}

impl Engine for Fake {
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
        let (plain, sieve) = (Plain::for_query(query), Sieve::new(query));
        let mut batch = Vec::new();
        let mut forms = Vec::new();
        let mut sent = 0;
        for article in 0..self.corpus.articles.len() + self.grown.len() {
            let Some((at, file)) = self.article(article) else {
                continue;
            };
            let id = u32::try_from(article).unwrap_or(u32::MAX);
            let Some(hits) = plain.find(at, id, file) else {
                continue;
            };
            if !sieve.admits(at, file) {
                continue;
            }
            forms.extend(written_forms(at, &hits));
            batch.push((id, hits));
            if batch.len() == self.batch_articles {
                let batch = Batch::by_article_written(
                    std::mem::take(&mut batch),
                    std::mem::take(&mut forms),
                );
                if !self.hand_over(batch, sent, cancelled, sink) {
                    return false;
                }
                sent += 1;
            }
        }
        batch.is_empty()
            || self.hand_over(
                Batch::by_article_written(batch, forms),
                sent,
                cancelled,
                sink,
            )
    }

    fn add_sources(&mut self, sources: &[Source]) {
        self.grown_sources.extend(sources.iter().cloned());
    }

    fn grow(&mut self, articles: &[Article]) {
        self.grown.extend_from_slice(articles);
    }
}
