//! The search worker: a thread that builds the index, then runs queries as they come, newest
//! first, so typing never waits for a scan.
//!
//! Every query carries a generation number. Submitting a query makes it the latest; a scan of an
//! older one notices between units and stops, and queued older jobs are skipped. Results are sent
//! tagged with their generation, so the receiver can drop anything stale.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::engine::{self, Results, Scope};
use super::index::Index;
use super::narrow;
use super::query::Query;
use crate::corpus::Corpus;

/// A query to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub generation: u64,
    pub query: Query,
    /// Search only these articles (the previous results, when the query narrows them).
    pub scope: Option<Vec<u32>>,
}

/// What the worker reports.
#[derive(Debug)]
pub enum Update {
    /// The index is built; searches run from now on.
    Ready { index: Arc<Index> },
    /// More results for a query, in corpus order after any sent before.
    Batch { generation: u64, results: Results },
    /// The query's scan is over (`complete` is false if it was cancelled).
    Done { generation: u64, complete: bool },
}

/// The handle the UI keeps.
#[derive(Debug)]
pub struct Worker {
    jobs: Sender<Job>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker on `corpus`; `notify` receives every update (from the worker thread).
    pub fn spawn(
        corpus: Arc<Corpus>,
        notify: impl Fn(Update) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let index = Arc::new(Index::build(&corpus));
                drop(corpus);
                notify(Update::Ready {
                    index: Arc::clone(&index),
                });
                run(&index, &queue, &shared, &notify);
            })?;
        Ok(Self { jobs, latest })
    }

    /// Makes `job` the latest query; anything older stops.
    pub fn submit(&self, job: Job) {
        self.latest.store(job.generation, Ordering::SeqCst);
        // The worker only stops when this handle is dropped, so sending cannot fail before then.
        let _ = self.jobs.send(job);
    }
}

fn run(index: &Index, queue: &Receiver<Job>, latest: &AtomicU64, notify: &impl Fn(Update)) {
    // The last query that ran to the end, with all its results: a query that narrows it is
    // answered from its hits.
    let mut previous: Option<(Query, Results)> = None;
    while let Ok(mut job) = queue.recv() {
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        let generation = job.generation;
        if latest.load(Ordering::SeqCst) != generation {
            continue;
        }
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let narrowing = previous
            .as_ref()
            .filter(|(query, _)| job.query.narrows(query));
        let (complete, all) = if let Some((old_query, old_results)) = narrowing {
            let narrowed = narrow::narrow(index, &job.query, old_query, old_results, &cancelled);
            if let Some(results) = &narrowed {
                notify(Update::Batch {
                    generation,
                    results: results.clone(),
                });
            }
            (narrowed.is_some(), narrowed.unwrap_or_default())
        } else {
            let mut all = Results::default();
            let scope = job.scope.as_deref().map_or(Scope::All, Scope::Articles);
            let complete = engine::search(index, &job.query, scope, &cancelled, |results| {
                all.append(results.clone());
                notify(Update::Batch {
                    generation,
                    results,
                });
            });
            (complete, all)
        };
        if complete && !job.query.is_empty() {
            previous = Some((job.query, all));
        }
        notify(Update::Done {
            generation,
            complete,
        });
    }
}
