//! [`Unsaved`]: what a failed save leaves unsaved, counted for the message on quitting
//! ("could not save 2 bookmarks and the reading position in 1 article to …").

use std::collections::{HashMap, HashSet};

use super::model::{Bookmark, BookmarkId, StateFile};
use crate::count::count;

/// What a failed save leaves unsaved, counted for the message on quitting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unsaved {
    /// Bookmarks made, or given another note.
    pub bookmarks: usize,
    /// Bookmarks deleted.
    pub deleted: usize,
    /// Articles whose reading position changed.
    pub places: usize,
}

impl Unsaved {
    /// Nothing is lost.
    pub fn is_empty(self) -> bool {
        self == Self::default()
    }
}

impl std::fmt::Display for Unsaved {
    /// "1 bookmark, 2 deleted bookmarks and the reading position in 3 articles".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.bookmarks > 0 {
            parts.push(count(self.bookmarks, "bookmark"));
        }
        if self.deleted > 0 {
            parts.push(format!(
                "the deletion of {}",
                count(self.deleted, "bookmark")
            ));
        }
        if self.places > 0 {
            parts.push(format!(
                "the reading position in {}",
                count(self.places, "article")
            ));
        }
        match parts.split_last() {
            None => write!(f, "nothing"),
            Some((last, [])) => write!(f, "{last}"),
            Some((last, rest)) => write!(f, "{} and {last}", rest.join(", ")),
        }
    }
}

impl Unsaved {
    /// What `ours` holds that `saved` (the file as last read or written) does not.
    pub fn between(ours: &StateFile, saved: &StateFile) -> Self {
        let saved_notes: HashMap<BookmarkId, &str> = saved
            .bookmarks
            .iter()
            .map(|b| (b.id(), b.note.as_str()))
            .collect();
        let our_ids: HashSet<BookmarkId> = ours.bookmarks.iter().map(Bookmark::id).collect();
        Self {
            bookmarks: ours
                .bookmarks
                .iter()
                .filter(|b| saved_notes.get(&b.id()) != Some(&b.note.as_str()))
                .count(),
            deleted: saved_notes
                .keys()
                .filter(|id| !our_ids.contains(id))
                .count(),
            places: ours
                .positions
                .iter()
                .filter(|p| {
                    !saved
                        .positions
                        .iter()
                        .any(|s| s.key == p.key && s.position == p.position)
                })
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_not_saved_reads_as_a_list() {
        let some = |bookmarks, deleted, places| Unsaved {
            bookmarks,
            deleted,
            places,
        };
        assert_eq!(some(0, 0, 0).to_string(), "nothing");
        assert_eq!(some(1, 0, 0).to_string(), "1 bookmark");
        assert_eq!(
            some(2, 0, 3).to_string(),
            "2 bookmarks and the reading position in 3 articles"
        );
        assert_eq!(
            some(1, 1, 1).to_string(),
            "1 bookmark, the deletion of 1 bookmark and the reading position in 1 article"
        );
    }
}
