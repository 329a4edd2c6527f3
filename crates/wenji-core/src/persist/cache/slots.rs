//! A cache file's directory, in its order, looked up by path: a table of places in it, found
//! with a quick hash of the path's bytes (the path is not copied into a key beside it), so a
//! writer notes a kept file by its place. Opening the archive's cache built 50 000 keys with
//! `SipHash`, a tenth of a warm search's time, before any file was looked up.

use std::hash::BuildHasher;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use super::file::Slot;

/// The slots of a directory, in its order, found by path.
#[derive(Debug, Default)]
pub struct Slots {
    listed: Vec<Slot>,
    /// Each path's place in `listed`, by a hash of its bytes.
    by_path: HashTable<u32>,
    hasher: RandomState,
}

impl Slots {
    /// The slots of `directory`; of two for the same path (which wenji never writes), the last.
    pub fn new(directory: Vec<Slot>) -> Self {
        let hasher = RandomState::default();
        let hash = |slot: &Slot| hasher.hash_one(slot.path.as_os_str().as_bytes());
        let mut by_path: HashTable<u32> = HashTable::with_capacity(directory.len());
        for (at, slot) in directory.iter().enumerate() {
            let Ok(at) = u32::try_from(at) else { break };
            let same = |&other: &u32| directory[other as usize].path == slot.path;
            match by_path.find_mut(hash(slot), same) {
                Some(place) => *place = at,
                None => {
                    by_path
                        .insert_unique(hash(slot), at, |&other| hash(&directory[other as usize]));
                }
            }
        }
        Self {
            listed: directory,
            by_path,
            hasher,
        }
    }

    /// The slot of `path`, written exactly as the directory has it.
    pub fn get(&self, path: &Path) -> Option<&Slot> {
        self.find(path).map(|at| &self.listed[at])
    }

    /// Where the slot of `path` is among them ([`Slots::at`]).
    pub fn find(&self, path: &Path) -> Option<usize> {
        let bytes = path.as_os_str().as_bytes();
        let same = |&at: &u32| self.listed[at as usize].path.as_os_str().as_bytes() == bytes;
        let at = self.by_path.find(self.hasher.hash_one(bytes), same)?;
        Some(*at as usize)
    }

    /// The slot at `at`, which [`Slots::find`] gave.
    pub fn at(&self, at: usize) -> Option<&Slot> {
        self.listed.get(at)
    }

    /// How many places [`Slots::find`] can give: from 0 to this, not all of them used.
    pub fn places(&self) -> usize {
        self.listed.len()
    }

    /// How many paths they hold.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::cache::file::tests::slot;

    #[test]
    fn a_slot_is_found_by_its_path() {
        let slots = Slots::new(vec![
            slot("/a/1.md", 10, 1),
            slot("/a/二.md", 20, 1),
            slot("/a/1.md", 30, 1),
        ]);
        assert_eq!(slots.len(), 2);
        assert_eq!(
            slots.get(Path::new("/a/二.md")).map(|s| s.head.start),
            Some(20)
        );
        assert_eq!(
            slots.get(Path::new("/a/1.md")).map(|s| s.head.start),
            Some(30),
            "the last"
        );
        assert!(slots.get(Path::new("/a/3.md")).is_none());
        assert_eq!(slots.find(Path::new("/a/1.md")), Some(2));
        assert_eq!(slots.at(1).map(|s| s.head.start), Some(20));
        assert_eq!((slots.places(), slots.at(3)), (3, None));
    }
}
