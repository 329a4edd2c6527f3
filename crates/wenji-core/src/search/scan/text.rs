//! The packed text of an index: built in memory, or, for a corpus reopened as it was stored, a
//! stretch of the stored index's file, mapped and left where it is.
//!
//! Copying the archive's 264 MB of stored text into a fresh string was a fifth of a warm
//! open's work, most of it the kernel handing out zeroed pages; the file's pages are in the page
//! cache already. Every stored article is checked (its checksum, UTF-8, whole fields) before its
//! stretch is taken, so the mapped bytes are the ones that were checked, and nothing here takes
//! them as `str` unchecked: a field is read as text with [`Text::get`], which checks it again.
//! Text that does not follow on in the file (an article changed, added or moved) turns the text
//! into an owned copy, and it grows in memory from there.

use std::ops::{Deref, Range};
use std::sync::Arc;

use crate::persist::cache::map::Mapped;

/// Packed text, owned or mapped.
#[derive(Debug, Default)]
pub struct Text {
    inner: Inner,
    /// The most room asked for: made if a mapped text becomes owned.
    room: usize,
}

#[derive(Debug)]
enum Inner {
    Owned(String),
    /// Bytes `range` of `map`.
    Mapped {
        map: Arc<Mapped>,
        range: Range<usize>,
    },
}

impl Default for Inner {
    fn default() -> Self {
        Self::Owned(String::new())
    }
}

impl Text {
    pub fn as_bytes(&self) -> &[u8] {
        match &self.inner {
            Inner::Owned(text) => text.as_bytes(),
            Inner::Mapped { map, range } => map.get(range.clone()).unwrap_or_default(),
        }
    }

    /// Bytes `range` as text; `None` when they are not inside the text or not whole UTF-8.
    pub fn get(&self, range: Range<usize>) -> Option<&str> {
        match &self.inner {
            Inner::Owned(text) => text.get(range),
            Inner::Mapped { .. } => simdutf8::basic::from_utf8(self.as_bytes().get(range)?).ok(),
        }
    }

    pub fn push_str(&mut self, text: &str) {
        self.owned().push_str(text);
    }

    pub fn push(&mut self, c: char) {
        self.owned().push(c);
    }

    /// Lays bytes `range` of `map` after the text without copying them, when they follow on
    /// from it in the same file (or the text is empty); whether they were laid. The caller has
    /// checked them as it would check text it copies.
    pub fn push_mapped(&mut self, map: &Arc<Mapped>, range: Range<usize>) -> bool {
        if range.end > map.len() || range.start > range.end {
            return false;
        }
        match &mut self.inner {
            Inner::Owned(text) if !text.is_empty() => false,
            Inner::Owned(_) => {
                self.inner = Inner::Mapped {
                    map: Arc::clone(map),
                    range,
                };
                true
            }
            Inner::Mapped {
                map: held,
                range: held_range,
            } if Arc::ptr_eq(held, map) && held_range.end == range.start => {
                held_range.end = range.end;
                true
            }
            Inner::Mapped { .. } => false,
        }
    }

    pub fn reserve(&mut self, more: usize) {
        self.room = self.room.max(more);
        if let Inner::Owned(text) = &mut self.inner {
            text.reserve(more);
        }
    }

    /// Makes room for `more` bytes if it can be had; none is made if it cannot.
    pub fn try_reserve_exact(&mut self, more: usize) {
        self.room = self.room.max(more);
        if let Inner::Owned(text) = &mut self.inner {
            let _ = text.try_reserve_exact(more);
        }
    }

    /// Bytes the text holds or has room for in memory; a mapped text holds none.
    pub fn capacity(&self) -> usize {
        match &self.inner {
            Inner::Owned(text) => text.capacity(),
            Inner::Mapped { .. } => 0,
        }
    }

    /// Whether the text is a stretch of a stored index's file.
    pub fn is_mapped(&self) -> bool {
        matches!(self.inner, Inner::Mapped { .. })
    }

    /// The text as a string to grow: a mapped text is copied first.
    fn owned(&mut self) -> &mut String {
        if let Inner::Mapped { .. } = self.inner {
            let bytes = self.as_bytes();
            let mut owned = String::with_capacity(bytes.len().max(self.room));
            // Every stretch was checked as UTF-8 when it was laid; a map changed since (which
            // wenji never does) gives text with replacement characters, never a panic.
            owned.push_str(&String::from_utf8_lossy(bytes));
            self.inner = Inner::Owned(owned);
        }
        match &mut self.inner {
            Inner::Owned(text) => text,
            Inner::Mapped { .. } => unreachable!("made owned above"),
        }
    }
}

/// Texts are equal when their bytes are, wherever they are kept.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Text {}

impl Deref for Text {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(bytes: &[u8]) -> (tempfile::TempDir, Arc<Mapped>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("i");
        std::fs::write(&path, bytes).expect("write");
        (dir, Arc::new(Mapped::open(&path).expect("map")))
    }

    #[test]
    fn stretches_that_follow_on_stay_mapped_and_anything_else_is_copied() {
        let (_dir, map) = mapped("头振兴\n发展\n尾".as_bytes());
        let mut text = Text::default();
        text.reserve(100);
        assert!(text.push_mapped(&map, 3..10));
        assert!(text.push_mapped(&map, 10..17));
        assert!(text.is_mapped());
        assert_eq!(text.as_bytes(), "振兴\n发展\n".as_bytes());
        assert_eq!(text.get(0..6), Some("振兴"));
        assert_eq!(text.get(0..4), None, "not whole characters");
        assert!(!text.push_mapped(&map, 3..6), "does not follow on");
        assert!(!text.push_mapped(&map, 20..99), "past the end");
        text.push_str("新");
        assert!(!text.is_mapped());
        assert_eq!(text.as_bytes(), "振兴\n发展\n新".as_bytes());
        assert!(text.capacity() >= 100, "the room asked for while mapped");
        let (_other_dir, other) = mapped(b"abc");
        assert!(
            !text.push_mapped(&other, 0..3),
            "owned text is never mapped again"
        );
    }
}
