//! A value made on a thread of its own while its caller goes on: a load or a search opens the
//! load cache (reading its directory of 50 000 paths) while it walks the paths, and whoever
//! needs the cache first waits for it.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};

/// What a function gives, made on a thread of a scope's. When no thread can be had, or the
/// thread panicked, the first to ask makes it on its own thread instead.
pub struct Background<'scope, T> {
    thread: Mutex<Option<ScopedJoinHandle<'scope, T>>>,
    value: OnceLock<T>,
    make: Arc<dyn Fn() -> T + Send + Sync + 'scope>,
}

impl<'scope, T: Send + 'scope> Background<'scope, T> {
    /// Starts making the value with `make` on a thread of `scope`'s called `name`.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        name: &str,
        make: impl Fn() -> T + Send + Sync + 'scope,
    ) -> Self {
        let make: Arc<dyn Fn() -> T + Send + Sync + 'scope> = Arc::new(make);
        let on_thread = Arc::clone(&make);
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, move || on_thread())
            .ok();
        Self {
            thread: Mutex::new(thread),
            value: OnceLock::new(),
            make,
        }
    }

    /// The value, waiting for it while it is made.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let thread = self
                .thread
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            thread
                .and_then(|thread| thread.join().ok())
                .unwrap_or_else(|| (self.make)())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_value_is_made_once_and_every_asker_gets_it() {
        let made = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let value = Background::start(scope, "test", || {
                made.fetch_add(1, Ordering::Relaxed);
                vec![1, 2, 3]
            });
            std::thread::scope(|askers| {
                for _ in 0..4 {
                    askers.spawn(|| assert_eq!(value.get(), &[1, 2, 3]));
                }
            });
            assert_eq!(value.get(), &[1, 2, 3]);
        });
        assert_eq!(made.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_thread_that_panicked_is_made_up_for_by_the_first_asker() {
        let tries = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let value = Background::start(scope, "test", || {
                assert!(
                    tries.fetch_add(1, Ordering::Relaxed) > 0,
                    "the first try fails"
                );
                7
            });
            assert_eq!(*value.get(), 7);
        });
        assert_eq!(tries.load(Ordering::Relaxed), 2);
    }
}
