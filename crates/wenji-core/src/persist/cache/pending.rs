//! Cache files being written in the background, so a browser that quits can let them finish.
//!
//! The load cache is written once the last part of a corpus is handed over, and the search
//! index once the engine has taken it in, each on a thread the browser does not wait for. A
//! person who quits a moment after a large corpus loaded would otherwise kill both writes, and
//! the next open would read and fold everything again. Each write holds a [`Writing`] while it
//! runs; the browser, its terminal restored, waits for them with [`wait`].

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How many writes are under way.
static PENDING: Mutex<usize> = Mutex::new(0);
static DONE: Condvar = Condvar::new();

/// A write under way, until dropped.
#[derive(Debug)]
#[must_use = "the write counts as under way only while this is held"]
pub struct Writing(());

/// Counts a write as under way, until the value returned is dropped.
pub fn writing() -> Writing {
    *PENDING.lock().unwrap_or_else(PoisonError::into_inner) += 1;
    Writing(())
}

impl Drop for Writing {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
        *pending = pending.saturating_sub(1);
        DONE.notify_all();
    }
}

/// Whether a write is under way.
pub fn any() -> bool {
    *PENDING.lock().unwrap_or_else(PoisonError::into_inner) > 0
}

/// Waits until no write is under way, for at most `patience`; whether none is.
pub fn wait(patience: Duration) -> bool {
    let until = Instant::now() + patience;
    let mut pending = PENDING.lock().unwrap_or_else(PoisonError::into_inner);
    while *pending > 0 {
        let Some(left) = until.checked_duration_since(Instant::now()) else {
            return false;
        };
        pending = DONE
            .wait_timeout(pending, left)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_when_the_last_write_does_or_when_patience_runs_out() {
        let first = writing();
        let second = writing();
        assert!(any());
        assert!(!wait(Duration::from_millis(20)), "two writes under way");
        let finishing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            drop(first);
            std::thread::sleep(Duration::from_millis(50));
            drop(second);
        });
        let started = Instant::now();
        assert!(wait(Duration::from_secs(10)));
        assert!(
            started.elapsed() >= Duration::from_millis(90),
            "it waited for both"
        );
        finishing.join().expect("the writer thread");
    }
}
