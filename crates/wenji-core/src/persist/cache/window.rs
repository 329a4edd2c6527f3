//! Parts of entries read a run at a time: a thread about to look up a run of files reads all
//! their heads and signatures, which lie side by side, with one `pread` ([`read_ahead`]), and
//! each lookup then finds its part in that window instead of reading it alone ([`read`]). The
//! bodies a search needs are read the same way into a window of their own ([`Part`]).
//!
//! A warm open of 50 000 files spent most of its system time on one `pread` per entry, and an
//! allocation per entry, touched fresh, cost a search a fifth of its time in page faults. Each
//! thread keeps one window per part (up to [`KEEP_ROOM`] of room) between lookups; what it
//! holds is only ever bytes of the cache file it names, at the place it names, and every part
//! read from it is checked exactly as one read alone (`Stored::read_head`).

use std::cell::Cell;
use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicU64, Ordering};

use super::map::Mapped;

/// The most room a thread keeps between lookups.
const KEEP_ROOM: usize = 16 << 20;

/// The most bytes one read ahead takes in.
const MOST_AHEAD: usize = 8 << 20;

thread_local! {
    static BODIES: Cell<Window> = const { Cell::new(Window::EMPTY) };
    static HEADS: Cell<Window> = const { Cell::new(Window::EMPTY) };
}

/// Which part of a cache file a window holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Bodies,
    Heads,
}

impl Part {
    fn take(self) -> Window {
        match self {
            Part::Bodies => BODIES.take(),
            Part::Heads => HEADS.take(),
        }
    }

    fn give_back(self, window: Window) {
        if window.bytes.capacity() <= KEEP_ROOM {
            match self {
                Part::Bodies => BODIES.set(window),
                Part::Heads => HEADS.set(window),
            }
        }
    }
}

/// A number for each cache file opened, so a window is never taken for another's.
pub(super) fn new_file_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Bytes of one cache file, from `start` on.
#[derive(Default)]
struct Window {
    /// The cache file's id ([`new_file_id`]); 0 for none.
    file: u64,
    start: usize,
    bytes: Vec<u8>,
}

impl Window {
    const EMPTY: Self = Self {
        file: 0,
        start: 0,
        bytes: Vec::new(),
    };

    /// Where `range` of file `file` is in the window, if it holds all of it.
    fn find(&self, file: u64, range: &Range<usize>) -> Option<Range<usize>> {
        let start = range.start.checked_sub(self.start)?;
        let end = range.end.checked_sub(self.start)?;
        (self.file == file && file != 0 && end <= self.bytes.len()).then_some(start..end)
    }

    /// Reads `range` of `map` (file `file`) into the window's room.
    fn fill(&mut self, map: &Mapped, file: u64, range: Range<usize>) -> bool {
        self.file = 0;
        let start = range.start;
        if !map.read_into(range, &mut self.bytes) {
            return false;
        }
        (self.file, self.start) = (file, start);
        true
    }
}

/// One entry's bytes (or one signature's), in this thread's window, which goes back to the
/// thread when it is dropped.
pub(super) struct Read {
    part: Part,
    window: Window,
    range: Range<usize>,
}

impl Deref for Read {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.window.bytes[self.range.clone()]
    }
}

impl Drop for Read {
    fn drop(&mut self) {
        let window = std::mem::replace(&mut self.window, Window::EMPTY);
        self.part.give_back(window);
    }
}

/// Bytes `range` of `map` (cache file `file`), in `part` of it: from this thread's window for
/// that part when it holds them, otherwise read alone; `None` when they cannot be read.
pub(super) fn read(map: &Mapped, file: u64, part: Part, range: Range<usize>) -> Option<Read> {
    let mut window = part.take();
    let found = match window.find(file, &range) {
        Some(found) => found,
        None if window.fill(map, file, range.clone()) => 0..range.len(),
        None => {
            part.give_back(window);
            return None;
        }
    };
    Some(Read {
        part,
        window,
        range: found,
    })
}

/// Reads the entries (or signatures) at `ranges` of `map` (cache file `file`) into this
/// thread's window for `part` with one read, when they lie close together: within
/// [`MOST_AHEAD`] bytes, at most half of them between. Nothing is read when the window holds
/// them already.
pub(super) fn read_ahead(
    map: &Mapped,
    file: u64,
    part: Part,
    ranges: impl Iterator<Item = Range<usize>>,
) {
    let (mut span, mut held): (Option<Range<usize>>, usize) = (None, 0);
    for range in ranges {
        held += range.len();
        span = Some(match span {
            None => range,
            Some(span) => span.start.min(range.start)..span.end.max(range.end),
        });
    }
    let Some(span) = span else { return };
    if span.len() > MOST_AHEAD || span.len() > 2 * held {
        return;
    }
    let mut window = part.take();
    if window.find(file, &span).is_none() {
        window.fill(map, file, span);
    }
    part.give_back(window);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(bytes: &[u8]) -> (tempfile::TempDir, Mapped) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c");
        std::fs::write(&path, bytes).expect("write");
        let map = Mapped::open(&path).expect("map");
        (dir, map)
    }

    #[test]
    fn an_entry_comes_from_the_window_read_ahead_or_alone() {
        let bytes: Vec<u8> = (0..=255).collect();
        let (_dir, map) = mapped(&bytes);
        let file = new_file_id();
        read_ahead(
            &map,
            file,
            Part::Bodies,
            [10..20, 20..40, 40..50].into_iter(),
        );
        let window = BODIES.take();
        assert_eq!(
            (window.file, window.start, window.bytes.len()),
            (file, 10, 40)
        );
        Part::Bodies.give_back(window);
        assert_eq!(
            &*read(&map, file, Part::Bodies, 20..40).expect("read"),
            &bytes[20..40]
        );
        // Still there for the next entry of the run.
        assert_eq!(
            &*read(&map, file, Part::Bodies, 40..50).expect("read"),
            &bytes[40..50]
        );
        // Outside it: read alone.
        assert_eq!(
            &*read(&map, file, Part::Bodies, 100..110).expect("read"),
            &bytes[100..110]
        );
        // The same places of another cache file are never taken from this one's window.
        let (_other_dir, other) = mapped(&[7; 256]);
        assert_eq!(
            &*read(&other, new_file_id(), Part::Bodies, 100..110).expect("read"),
            &[7; 10]
        );
        assert!(
            read(&map, file, Part::Bodies, 250..260).is_none(),
            "past the end"
        );
        // The room is reused: a shorter read then a longer one give exactly their bytes.
        assert_eq!(
            &*read(&map, file, Part::Bodies, 5..7).expect("read"),
            &bytes[5..7]
        );
        assert_eq!(
            &*read(&map, file, Part::Bodies, 0..256).expect("read"),
            &bytes[..]
        );
    }

    #[test]
    fn entries_far_apart_are_not_read_ahead() {
        let (_dir, map) = mapped(&[1; 4096]);
        BODIES.take();
        read_ahead(
            &map,
            new_file_id(),
            Part::Bodies,
            [0..10, 4000..4010].into_iter(),
        );
        assert_eq!(BODIES.take().file, 0, "mostly gaps: nothing read");
    }
}
