//! The search worker: a thread that builds an engine, then runs requests as they come, newest
//! first, so typing never waits for a scan.
//!
//! Every request carries a generation. Submitting one makes it the latest; a running request of
//! an older generation is told it is cancelled (the engine checks between units of work and
//! stops), and queued older requests are skipped. Answers are sent tagged with their generation,
//! so the receiver can drop anything stale. The worker works with any [`Engine`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::answer::Batch;
use super::engine::{Engine, Request};

/// What the worker reports.
#[derive(Debug)]
pub enum Update {
    /// The engine is built; requests are answered from now on.
    Ready,
    /// More of the answer to request `generation`, in corpus order after any sent before.
    Batch { generation: u64, batch: Batch },
    /// The request's answer is over (`complete` is false if it was cancelled).
    Done { generation: u64, complete: bool },
}

/// The handle the UI keeps.
#[derive(Debug)]
pub struct Worker {
    requests: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker: `build` makes the engine on the worker's thread (building an index
    /// takes a while), and `notify` receives every update, from that thread.
    pub fn spawn<E: Engine>(
        build: impl FnOnce() -> E + Send + 'static,
        notify: impl Fn(Update) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (requests, queue) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let mut engine = build();
                notify(Update::Ready);
                run(&mut engine, &queue, &shared, &notify);
            })?;
        Ok(Self { requests, latest })
    }

    /// Makes `request` the latest; anything older stops.
    pub fn submit(&self, request: Request) {
        self.latest.store(request.generation, Ordering::SeqCst);
        // The worker only stops when this handle is dropped, so sending cannot fail before then.
        let _ = self.requests.send(request);
    }
}

fn run(
    engine: &mut impl Engine,
    queue: &Receiver<Request>,
    latest: &AtomicU64,
    notify: &impl Fn(Update),
) {
    while let Ok(mut request) = queue.recv() {
        while let Ok(newer) = queue.try_recv() {
            request = newer;
        }
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
