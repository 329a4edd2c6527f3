//! The search worker: a thread that builds an engine, then runs requests as they come, newest
//! first, so typing never waits for a scan.
//!
//! Every request carries a generation. Submitting one makes it the latest; a running request of
//! an older generation is told it is cancelled (the engine checks between units of work and
//! stops), and queued older requests are skipped. Answers are sent tagged with their generation,
//! so the receiver can drop anything stale. The worker works with any [`Engine`].
//!
//! A corpus that loads in the background reaches the engine through the worker too: each part
//! ([`Growth`]) is taken in between requests, in order, and then passed on ([`Update::Grown`]),
//! so whoever receives the updates holds every article an answer names before the answer.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::answer::Batch;
use super::engine::{Engine, Request};
use crate::corpus::Growth;

/// What the worker reports.
#[derive(Debug)]
pub enum Update {
    /// The engine is built; requests are answered from now on.
    Ready,
    /// More of the answer to request `generation`, in corpus order after any sent before.
    Batch { generation: u64, batch: Batch },
    /// The request's answer is over (`complete` is false if it was cancelled).
    Done { generation: u64, complete: bool },
    /// The engine has taken in this part of a loading corpus; answers from now on cover it.
    Grown(Growth),
}

/// What the worker is asked to do.
enum Job {
    Search(Request),
    Grow(Growth),
}

/// The handle the UI keeps.
#[derive(Debug)]
pub struct Worker {
    jobs: Sender<Job>,
    latest: Arc<AtomicU64>,
}

/// A handle for the loader: hands the engine the corpus part by part.
#[derive(Debug, Clone)]
pub struct Feeder {
    jobs: Sender<Job>,
}

impl Feeder {
    /// Gives the engine the next part of the corpus; `false` once the worker is gone (the
    /// browser has quit), when loading should stop.
    pub fn grow(&self, growth: Growth) -> bool {
        self.jobs.send(Job::Grow(growth)).is_ok()
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Job::Search(request) => write!(f, "Search({})", request.generation),
            Job::Grow(growth) => write!(f, "Grow({} articles)", growth.articles.len()),
        }
    }
}

impl Worker {
    /// Starts the worker: `build` makes the engine on the worker's thread (building an index
    /// takes a while), and `notify` receives every update, from that thread.
    pub fn spawn<E: Engine>(
        build: impl FnOnce() -> E + Send + 'static,
        notify: impl Fn(Update) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let mut engine = build();
                notify(Update::Ready);
                run(&mut engine, &queue, &shared, &notify);
            })?;
        Ok(Self { jobs, latest })
    }

    /// Makes `request` the latest; anything older stops.
    pub fn submit(&self, request: Request) {
        self.latest.store(request.generation, Ordering::SeqCst);
        // The worker only stops when this handle is dropped, so sending cannot fail before then.
        let _ = self.jobs.send(Job::Search(request));
    }

    /// A handle that feeds the engine a corpus as it loads.
    pub fn feeder(&self) -> Feeder {
        Feeder {
            jobs: self.jobs.clone(),
        }
    }
}

fn run(
    engine: &mut impl Engine,
    queue: &Receiver<Job>,
    latest: &AtomicU64,
    notify: &impl Fn(Update),
) {
    while let Ok(job) = queue.recv() {
        // Every part waiting is taken in, in order; of the requests only the newest is run.
        let mut newest = None;
        for job in std::iter::once(job).chain(queue.try_iter()) {
            match job {
                Job::Grow(mut growth) => {
                    if let Some(bytes) = growth.progress.expected_bytes() {
                        engine.expect_text(bytes);
                    }
                    engine.add_sources(&growth.sources);
                    engine.grow(&growth.articles);
                    growth.let_go();
                    if growth.progress.done {
                        engine.loaded();
                    }
                    notify(Update::Grown(growth));
                }
                Job::Search(request) => newest = Some(request),
            }
        }
        let Some(request) = newest else { continue };
        let generation = request.generation;
        if latest.load(Ordering::SeqCst) != generation {
            continue;
        }
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let complete = engine.run(&request, &cancelled, &mut |batch| {
            notify(Update::Batch { generation, batch });
        });
        notify(Update::Done {
            generation,
            complete,
        });
    }
}
