//! Merging with a state file another instance saved after this one read it.
//!
//! Positions and last articles carry an `updated` time: the newer entry wins, this instance on
//! a tie. Bookmarks are merged three ways, by identity ([`BookmarkId`]), against the file as this
//! instance last read or wrote it (the base), and the latest event for each bookmark wins: of
//! two notes, the one set later; of a note and a deletion (deletions are kept in the file for
//! a while), the later. What only one side added is kept. Positions in the list play no part.

use std::collections::{BTreeMap, HashMap};

use super::model::{Bookmark, BookmarkId, Deleted, StateFile};

/// `ours` with what `theirs` (the file on disk now) added or removed since `base`.
pub fn merge(ours: &StateFile, theirs: &StateFile, base: &StateFile) -> StateFile {
    let mut merged = ours.clone();
    for entry in &theirs.corpora {
        match merged.corpora.iter_mut().find(|e| e.id == entry.id) {
            Some(mine) if mine.updated < entry.updated => *mine = entry.clone(),
            Some(_) => {}
            None => merged.corpora.push(entry.clone()),
        }
    }
    // Every article read keeps a position: looked up by key, so a merge stays linear in them.
    let mut at: HashMap<_, usize> = merged
        .positions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.clone(), i))
        .collect();
    for entry in &theirs.positions {
        match at.get(&entry.key) {
            Some(&i) if merged.positions[i].updated < entry.updated => {
                merged.positions[i] = entry.clone();
            }
            Some(_) => {}
            None => {
                at.insert(entry.key.clone(), merged.positions.len());
                merged.positions.push(entry.clone());
            }
        }
    }
    (merged.bookmarks, merged.deleted) = merge_bookmarks(ours, theirs, base);
    merged
}

/// One bookmark's fate on both sides: its copies, and when each side deleted it.
#[derive(Default)]
struct Sides {
    ours: Option<Bookmark>,
    theirs: Option<Bookmark>,
    deleted: Option<Deleted>,
}

/// Per identity, the latest event wins: a note set after a deletion brings the bookmark back
/// with that note; a deletion after the last note removes it. Where neither side recorded a
/// deletion (a file from before deletions were kept), a bookmark only one side holds is taken as
/// deleted by the other when it is as it was in `base`.
fn merge_bookmarks(
    ours: &StateFile,
    theirs: &StateFile,
    base: &StateFile,
) -> (Vec<Bookmark>, Vec<Deleted>) {
    let mut sides: BTreeMap<BookmarkId, Sides> = BTreeMap::new();
    for mark in &ours.bookmarks {
        sides.entry(mark.id()).or_default().ours = Some(mark.clone());
    }
    for mark in &theirs.bookmarks {
        sides.entry(mark.id()).or_default().theirs = Some(mark.clone());
    }
    for gone in ours.deleted.iter().chain(&theirs.deleted) {
        let entry = &mut sides.entry(gone.id()).or_default().deleted;
        if entry.as_ref().is_none_or(|d| d.deleted < gone.deleted) {
            *entry = Some(gone.clone());
        }
    }
    let base: HashMap<BookmarkId, &Bookmark> = base.bookmarks.iter().map(|b| (b.id(), b)).collect();
    let (mut marks, mut deleted) = (Vec::new(), Vec::new());
    for (id, side) in sides {
        let one_sided = side.ours.is_some() != side.theirs.is_some();
        let copy = match (side.ours, side.theirs) {
            (Some(mine), Some(other)) => Some(later(mine, other)),
            (one, other) => one.or(other),
        };
        match (copy, side.deleted) {
            (Some(copy), Some(gone)) if copy.edit_time() > gone.deleted => marks.push(copy),
            (_, Some(gone)) => deleted.push(gone),
            (Some(copy), None) => {
                let unchanged = base
                    .get(&id)
                    .is_some_and(|old| old.edit_time() >= copy.edit_time());
                if !(one_sided && unchanged) {
                    marks.push(copy);
                }
            }
            (None, None) => {}
        }
    }
    marks.sort_by(|a, b| (&a.created, &a.uid).cmp(&(&b.created, &b.uid)));
    deleted.sort_by(|a, b| a.deleted.cmp(&b.deleted));
    (marks, deleted)
}

/// Of two copies of one bookmark, the one whose note was set later; this window's on a tie.
fn later(mine: Bookmark, other: Bookmark) -> Bookmark {
    if other.edit_time() > mine.edit_time() {
        Bookmark {
            stale: mine.stale,
            ..other
        }
    } else {
        mine
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::ArticleKey;

    fn mark(paragraph: usize, note: &str) -> Bookmark {
        Bookmark {
            key: ArticleKey {
                file: "a.txt".into(),
                title: "T".into(),
            },
            paragraph,
            line: paragraph + 1,
            snippet: String::new(),
            note: note.into(),
            created: format!("2025-01-01T00:00:0{paragraph}Z"),
            uid: String::new(),
            edited: String::new(),
            stale: false,
        }
    }

    fn edited(mut mark: Bookmark, at: &str) -> Bookmark {
        mark.edited = format!("2025-01-01T00:01:{at}.000000000Z");
        mark
    }

    fn gone(mark: &Bookmark, at: &str) -> Deleted {
        Deleted {
            key: mark.key.clone(),
            paragraph: mark.paragraph,
            created: mark.created.clone(),
            uid: mark.uid.clone(),
            deleted: format!("2025-01-01T00:01:{at}.000000000Z"),
        }
    }

    fn file(bookmarks: Vec<Bookmark>, deleted: Vec<Deleted>) -> StateFile {
        StateFile {
            bookmarks,
            deleted,
            ..StateFile::default()
        }
    }

    fn marks(bookmarks: Vec<Bookmark>) -> StateFile {
        file(bookmarks, Vec::new())
    }

    fn merged(ours: &StateFile, theirs: &StateFile, base: &StateFile) -> Vec<Bookmark> {
        merge_bookmarks(ours, theirs, base).0
    }

    #[test]
    fn bookmarks_from_two_instances_are_both_kept() {
        let base = marks(vec![mark(0, "")]);
        let ours = marks(vec![mark(0, ""), mark(1, "")]);
        let theirs = marks(vec![mark(0, ""), mark(2, "")]);
        assert_eq!(
            merged(&ours, &theirs, &base),
            vec![mark(0, ""), mark(1, ""), mark(2, "")]
        );
    }

    #[test]
    fn a_bookmark_deleted_in_one_instance_stays_deleted() {
        let base = marks(vec![mark(0, ""), mark(1, "")]);
        let ours = file(vec![mark(1, "")], vec![gone(&mark(0, ""), "01")]);
        let theirs = file(vec![mark(0, "")], vec![gone(&mark(1, ""), "02")]);
        let (kept, deleted) = merge_bookmarks(&ours, &theirs, &base);
        assert_eq!(kept, Vec::new());
        assert_eq!(deleted.len(), 2, "both deletions are remembered");
    }

    #[test]
    fn a_file_without_deletions_still_merges_a_delete() {
        let base = marks(vec![mark(0, ""), mark(1, "")]);
        let ours = marks(vec![mark(1, "")]);
        let theirs = marks(vec![mark(0, "")]);
        assert_eq!(merged(&ours, &theirs, &base), Vec::new());
    }

    #[test]
    fn a_note_set_after_a_delete_elsewhere_brings_the_bookmark_back() {
        let base = marks(vec![mark(0, "")]);
        let ours = marks(vec![edited(mark(0, "new note"), "20")]);
        let theirs = file(Vec::new(), vec![gone(&mark(0, ""), "10")]);
        assert_eq!(merged(&ours, &theirs, &base), ours.bookmarks);
    }

    #[test]
    fn a_delete_after_the_last_note_elsewhere_wins() {
        let base = marks(vec![mark(0, "")]);
        let ours = marks(vec![edited(mark(0, "new note"), "10")]);
        let theirs = file(Vec::new(), vec![gone(&mark(0, ""), "20")]);
        assert_eq!(merged(&ours, &theirs, &base), Vec::new());
    }

    #[test]
    fn the_note_set_later_wins_whichever_window_saves_last() {
        let base = marks(vec![mark(0, "")]);
        let early = marks(vec![edited(mark(0, "early"), "10")]);
        let late = marks(vec![edited(mark(0, "late"), "20")]);
        assert_eq!(merged(&early, &late, &base), late.bookmarks);
        assert_eq!(merged(&late, &early, &base), late.bookmarks);
    }

    #[test]
    fn two_bookmarks_on_one_paragraph_made_in_one_second_are_two() {
        let one = Bookmark {
            uid: "1-10".into(),
            ..mark(0, "one")
        };
        let two = Bookmark {
            uid: "1-20".into(),
            ..mark(0, "two")
        };
        let result = merged(
            &marks(vec![one.clone()]),
            &marks(vec![two.clone()]),
            &StateFile::default(),
        );
        assert_eq!(result, vec![one, two]);
    }
}
