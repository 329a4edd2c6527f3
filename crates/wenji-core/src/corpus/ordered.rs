//! An ordered parallel map: work on items `0..count` on every core and hand each result over in
//! item order as soon as it and every one before it are done.
//!
//! Loading streams through it: the browser's list fills in its final order while later files are
//! still being read, and a one-shot search prints in corpus order without holding the corpus.
//! At most [`WINDOW`] items are in flight past the last one handed over, so a slow item (a FIFO,
//! a huge file) holds back memory for a bounded number of results, never for the whole corpus.
//! The consumer may stop early; the workers then finish the item they hold and quit.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::thread;

/// Items worked on ahead of the first one not yet handed over.
pub const WINDOW: usize = 512;

/// Runs `work` on every item of `0..count` on `threads` threads (every core when `None`) and
/// calls `take` with each result in item order. Returns `false` when `take` broke off.
pub fn map<T: Send>(
    count: usize,
    threads: Option<usize>,
    work: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(usize, T) -> ControlFlow<()>,
) -> bool {
    let threads = threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
        .clamp(1, count.max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The first item not yet handed over; workers wait while they are a window ahead of it.
    let handed = Mutex::new(0usize);
    let moved = Condvar::new();
    let (sender, results) = mpsc::channel::<(usize, T)>();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, stop, handed, moved, work) = (&next, &stop, &handed, &moved, &work);
            scope.spawn(move || {
                loop {
                    let item = next.fetch_add(1, Ordering::Relaxed);
                    if item >= count || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let mut first = handed
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    while item >= *first + WINDOW && !stop.load(Ordering::Relaxed) {
                        first = moved
                            .wait(first)
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                    }
                    drop(first);
                    if stop.load(Ordering::Relaxed) || sender.send((item, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        let mut whole = true;
        'receive: for (item, result) in &results {
            waiting.insert(item, result);
            while let Some(result) = waiting.remove(&want) {
                if take(want, result).is_break() {
                    whole = false;
                    break 'receive;
                }
                want += 1;
            }
            *handed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = want;
            moved.notify_all();
        }
        if !whole {
            stop.store(true, Ordering::Relaxed);
            let _lock = handed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            moved.notify_all();
        }
        // Dropping the receiver makes a worker's next send fail, so none blocks on it.
        drop(results);
        whole
    })
}

#[cfg(test)]
mod tests {
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
