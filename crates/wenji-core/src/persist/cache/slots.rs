//! A cache file's directory, looked up by path: each slot held once (the path is not copied
//! into a key beside it) and found with a quick hash of the path's bytes. Opening the archive's
//! cache built 50 000 keys with `SipHash`, a tenth of a warm search's time, before any file was
//! looked up.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::hash::{Hash, Hasher};
use std::path::Path;

use foldhash::fast::RandomState;

use super::file::Slot;

/// The slots of a directory, by path.
#[derive(Debug, Default)]
pub struct Slots(HashSet<ByPath, RandomState>);

impl Slots {
    /// The slots of `directory`; of two for the same path (which wenji never writes), the last.
    pub fn new(directory: Vec<Slot>) -> Self {
        let mut slots = HashSet::with_capacity_and_hasher(directory.len(), RandomState::default());
        for slot in directory {
            slots.replace(ByPath(slot));
        }
        Self(slots)
    }

    /// The slot of `path`, written exactly as the directory has it.
    pub fn get(&self, path: &Path) -> Option<&Slot> {
        self.0.get(path.as_os_str()).map(|by_path| &by_path.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// A slot, hashed and compared by its path's bytes.
#[derive(Debug)]
struct ByPath(Slot);

impl Hash for ByPath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.path.as_os_str().hash(state);
    }
}

impl PartialEq for ByPath {
    fn eq(&self, other: &Self) -> bool {
        self.0.path.as_os_str() == other.0.path.as_os_str()
    }
}

impl Eq for ByPath {}

impl Borrow<OsStr> for ByPath {
    fn borrow(&self) -> &OsStr {
        self.0.path.as_os_str()
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
    }
}
