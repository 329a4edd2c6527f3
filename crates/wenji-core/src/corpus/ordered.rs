//! An ordered parallel map: work on items `0..count` on every core and hand each result over in
//! item order as soon as it and every one before it are done.
//!
//! Loading streams through it: the browser's list fills in its final order while later files are
//! still being read, and a one-shot search prints in corpus order without holding the corpus.
//! At most [`WINDOW`] items are in flight past the last one handed over, so a slow item (a FIFO,
//! a huge file) holds back memory for a bounded number of results, never for the whole corpus.
//! The consumer may stop early; the workers then finish the item they hold and quit.
//!
//! A worker claims a run of consecutive items and sends their results together, the run as long
//! as about [`RUN_TIME`] of its recent work: handing each of 50 000 small files over alone woke
//! the consumer 50 000 times, a tenth of the load's time on two cores, while a run keeps the
//! list filling within a millisecond or two of the work.

use std::collections::BTreeMap;
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// Items worked on ahead of the first one not yet handed over.
pub const WINDOW: usize = 512;

/// About how long a worker works on one run before it hands the run over.
const RUN_TIME: Duration = Duration::from_millis(1);

/// The longest run a worker claims, however quick its items.
const MAX_RUN: usize = 64;

/// Runs `work` on every item of `0..count` on `threads` threads (every core when `None`) and
/// calls `take` with each result in item order. Returns `false` when `take` broke off.
pub fn map<T: Send>(
    count: usize,
    threads: Option<usize>,
    work: impl Fn(usize) -> T + Sync,
    take: impl FnMut(usize, T) -> ControlFlow<()>,
) -> bool {
    map_ahead(count, threads, |_| {}, work, take)
}

/// [`map`], telling `ahead` which items a worker has claimed before it works on them, so it
/// can fetch what they need together (the load cache reads their entries with one read).
pub fn map_ahead<T: Send>(
    count: usize,
    threads: Option<usize>,
    ahead: impl Fn(Range<usize>) + Sync,
    work: impl Fn(usize) -> T + Sync,
    take: impl FnMut(usize, T) -> ControlFlow<()>,
) -> bool {
    let threads = threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, count.max(1));
    let claims = Claims::new(count, true);
    run(&claims, threads, ahead, work, take)
}

/// [`map`] over items still being found: `find` runs on a thread of its own and gives each item
/// to the function it is passed, in item order, and workers start on the first items while
/// later ones are being found. `work` and `take` see an item by its place in that order. Once
/// `take` breaks off, the function `find` is given says so, and `find` should stop.
pub fn map_found<I: Send + Sync, T: Send>(
    find: impl FnOnce(&mut dyn FnMut(I) -> ControlFlow<()>) + Send,
    threads: Option<usize>,
    work: impl Fn(&I) -> T + Sync,
    take: impl FnMut(usize, T) -> ControlFlow<()>,
) -> bool {
    let threads = threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    let claims = Claims::new(0, false);
    let items: Mutex<Vec<std::sync::Arc<I>>> = Mutex::new(Vec::new());
    let item = |at: usize| {
        let items = items.lock().unwrap_or_else(PoisonError::into_inner);
        std::sync::Arc::clone(&items[at])
    };
    thread::scope(|scope| {
        let (claims, items) = (&claims, &items);
        scope.spawn(move || {
            let mut found = |next: I| {
                let known = {
                    let mut items = items.lock().unwrap_or_else(PoisonError::into_inner);
                    items.push(std::sync::Arc::new(next));
                    items.len()
                };
                claims.grow(known, false);
                if claims.stopped() {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            find(&mut found);
            let known = items.lock().unwrap_or_else(PoisonError::into_inner).len();
            claims.grow(known, true);
        });
        run(claims, threads, |_| {}, |at| work(&item(at)), take)
    })
}

/// Works on the items `claims` hands out, on `threads` threads, and calls `take` with each
/// result in item order.
fn run<T: Send>(
    claims: &Claims,
    threads: usize,
    ahead: impl Fn(Range<usize>) + Sync,
    work: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(usize, T) -> ControlFlow<()>,
) -> bool {
    let (sender, results) = mpsc::channel::<(usize, Vec<T>)>();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (ahead, work) = (&ahead, &work);
            scope.spawn(move || {
                let mut run = 1;
                while let Some(items) = claims.claim(run) {
                    let (first, started) = (items.start, Instant::now());
                    ahead(items.clone());
                    let mut done = Vec::with_capacity(items.len());
                    for item in items {
                        if claims.stopped() {
                            return;
                        }
                        done.push(work(item));
                    }
                    run = next_run(done.len(), started.elapsed());
                    if sender.send((first, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        let mut whole = true;
        'receive: for (first, done) in &results {
            waiting.insert(first, done);
            while let Some(done) = waiting.remove(&want) {
                for result in done {
                    if take(want, result).is_break() {
                        whole = false;
                        break 'receive;
                    }
                    want += 1;
                }
            }
            claims.handed(want);
        }
        if !whole {
            claims.stop();
        }
        // Dropping the receiver makes a worker's next send fail, so none blocks on it.
        drop(results);
        whole
    })
}

/// How many items to claim next, after `len` items took `took`: about [`RUN_TIME`]'s worth.
fn next_run(len: usize, took: Duration) -> usize {
    let each = took.as_nanos() / u128::try_from(len.max(1)).unwrap_or(u128::MAX);
    let run = RUN_TIME.as_nanos() / each.max(1);
    usize::try_from(run).unwrap_or(MAX_RUN).clamp(1, MAX_RUN)
}

/// The items handed out to workers, shared by them and the consumer.
struct Claims {
    state: Mutex<Claimed>,
    /// Signalled when the consumer moves on, for workers waiting on the window.
    moved: Condvar,
    stop: AtomicBool,
}

struct Claimed {
    /// How many items there are so far, and whether that is all.
    known: usize,
    complete: bool,
    /// The first item not yet claimed.
    next: usize,
    /// The first item not yet handed over.
    handed: usize,
    /// Workers waiting for `handed` to move.
    waiting: usize,
}

impl Claims {
    fn new(known: usize, complete: bool) -> Self {
        Self {
            state: Mutex::new(Claimed {
                known,
                complete,
                next: 0,
                handed: 0,
                waiting: 0,
            }),
            moved: Condvar::new(),
            stop: AtomicBool::new(false),
        }
    }

    /// There are `known` items now, and no more when `complete`.
    fn grow(&self, known: usize, complete: bool) {
        let mut state = self.lock();
        state.known = known;
        state.complete = complete;
        if state.waiting > 0 {
            self.moved.notify_all();
        }
    }

    fn lock(&self) -> MutexGuard<'_, Claimed> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Up to `run` consecutive items within the window, waiting while the window is full or
    /// the next item is still to be found; `None` once every item is claimed or the consumer
    /// stopped.
    fn claim(&self, run: usize) -> Option<Range<usize>> {
        let mut state = self.lock();
        loop {
            if self.stopped() || (state.complete && state.next >= state.known) {
                return None;
            }
            let end = state.known.min(state.handed + WINDOW);
            if state.next < end {
                let first = state.next;
                state.next = end.min(first + run);
                return Some(first..state.next);
            }
            state.waiting += 1;
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
    }

    /// Every item before `want` has been handed over.
    fn handed(&self, want: usize) {
        let mut state = self.lock();
        state.handed = want;
        if state.waiting > 0 {
            self.moved.notify_all();
        }
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let _state = self.lock();
        self.moved.notify_all();
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_order_they_finish_in() {
        let mut seen = Vec::new();
        let whole = map(
            2000,
            Some(4),
            |item| {
                // Early items are the slow ones.
                if item % 7 == 0 {
                    thread::sleep(std::time::Duration::from_micros(200));
                }
                item * 2
            },
            |item, result| {
                seen.push((item, result));
                ControlFlow::Continue(())
            },
        );
        assert!(whole);
        let expected: Vec<(usize, usize)> = (0..2000).map(|i| (i, i * 2)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn stopping_early_ends_the_workers_and_says_so() {
        let done = AtomicUsize::new(0);
        let mut taken = 0;
        let whole = map(
            100_000,
            Some(2),
            |item| {
                done.fetch_add(1, Ordering::Relaxed);
                item
            },
            |item, _| {
                taken += 1;
                if item == 9 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert!(!whole);
        assert_eq!(taken, 10);
        // Work went no further than the window past what was handed over.
        assert!(done.load(Ordering::Relaxed) <= 10 + WINDOW + 2);
    }

    /// Items still being found are worked on as they come, handed over in order, and a
    /// consumer that stops stops the finding too.
    #[test]
    fn items_found_as_work_goes_on_come_in_order_and_stop_the_finder() {
        let mut seen = Vec::new();
        let whole = map_found(
            |give| {
                for item in 0..500usize {
                    if item % 50 == 0 {
                        thread::sleep(Duration::from_millis(1));
                    }
                    if give(item).is_break() {
                        return;
                    }
                }
            },
            Some(3),
            |&item| item + 1,
            |at, result| {
                seen.push((at, result));
                ControlFlow::Continue(())
            },
        );
        assert!(whole);
        assert_eq!(seen, (0..500).map(|i| (i, i + 1)).collect::<Vec<_>>());

        let found = AtomicUsize::new(0);
        let whole = map_found(
            |give| {
                for item in 0..1_000_000usize {
                    found.fetch_add(1, Ordering::Relaxed);
                    if give(item).is_break() {
                        return;
                    }
                }
            },
            Some(2),
            |&item| item,
            |at, _| {
                if at == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert!(!whole);
        assert!(
            found.load(Ordering::Relaxed) < 1_000_000,
            "the finder stopped"
        );
        assert!(map_found(
            |_| {},
            None,
            |&i: &usize| i,
            |_, _| ControlFlow::Continue(())
        ));
    }

    #[test]
    fn no_items_and_one_thread_both_work() {
        assert!(map(0, None, |i| i, |_, _| ControlFlow::Continue(())));
        let mut seen = Vec::new();
        map(
            5,
            Some(1),
            |i| i,
            |_, r| {
                seen.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
    }
}
