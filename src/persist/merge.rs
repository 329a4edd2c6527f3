//! Merging with a state file another instance saved after this one read it.
//!
//! Positions and last articles carry an `updated` time: the newer entry wins, this instance on
//! a tie. Bookmarks are merged three ways against the file as this instance last read or wrote
//! it (the base): a bookmark only one side removed stays removed, one only one side added is
//! kept, and where both sides hold it this instance's copy (its note) wins.

use std::collections::HashSet;

use super::model::{ArticleKey, Bookmark, StateFile};

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
    for entry in &theirs.positions {
        match merged.positions.iter_mut().find(|e| e.key == entry.key) {
            Some(mine) if mine.updated < entry.updated => *mine = entry.clone(),
            Some(_) => {}
            None => merged.positions.push(entry.clone()),
        }
    }
    merged.bookmarks = merge_bookmarks(&ours.bookmarks, &theirs.bookmarks, &base.bookmarks);
    merged
}

type Id<'a> = (&'a ArticleKey, usize);

fn id(b: &Bookmark) -> Id<'_> {
    (&b.key, b.paragraph)
}

fn merge_bookmarks(ours: &[Bookmark], theirs: &[Bookmark], base: &[Bookmark]) -> Vec<Bookmark> {
    let their_ids: HashSet<Id> = theirs.iter().map(id).collect();
    let our_ids: HashSet<Id> = ours.iter().map(id).collect();
    let base_by_id: std::collections::HashMap<Id, &Bookmark> =
        base.iter().map(|b| (id(b), b)).collect();
    let mut merged: Vec<Bookmark> = ours
        .iter()
        .filter(|b| {
            // Dropped only when they removed it and this side left it as it was.
            their_ids.contains(&id(b)) || base_by_id.get(&id(b)).is_none_or(|old| old != b)
        })
        .cloned()
        .collect();
    merged.extend(
        theirs
            .iter()
            .filter(|b| !our_ids.contains(&id(b)) && !base_by_id.contains_key(&id(b)))
            .cloned(),
    );
    merged.sort_by(|a, b| a.created.cmp(&b.created));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

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
            stale: false,
        }
    }

    #[test]
    fn bookmarks_from_two_instances_are_both_kept() {
        let base = vec![mark(0, "")];
        let ours = vec![mark(0, ""), mark(1, "")];
        let theirs = vec![mark(0, ""), mark(2, "")];
        let merged = merge_bookmarks(&ours, &theirs, &base);
        assert_eq!(merged, vec![mark(0, ""), mark(1, ""), mark(2, "")]);
    }

    #[test]
    fn a_bookmark_deleted_in_one_instance_stays_deleted() {
        let base = vec![mark(0, ""), mark(1, "")];
        let ours = vec![mark(1, "")];
        let theirs = vec![mark(0, "")];
        assert_eq!(merge_bookmarks(&ours, &theirs, &base), Vec::new());
    }

    #[test]
    fn a_note_edited_here_survives_a_delete_elsewhere() {
        let base = vec![mark(0, "")];
        let ours = vec![mark(0, "new note")];
        assert_eq!(
            merge_bookmarks(&ours, &[], &base),
            vec![mark(0, "new note")]
        );
    }
}
