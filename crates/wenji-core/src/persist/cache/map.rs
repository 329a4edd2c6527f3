//! A cache file mapped into memory, read-only: the one `unsafe` call in wenji.
//!
//! Mapping lets a warm open read the header and the directory in place, wherever they are in a
//! file of hundreds of megabytes. Entries are read with `pread` instead ([`Mapped::read_at`]):
//! each is copied out once anyway, and pages read through a map count as the process's memory
//! until it is unmapped (a warm open of a 400 MB cache held all of it), where pages read into a
//! buffer stay in the page cache. The stored search index is mapped too, and its packed text
//! searched where it lies (`search::scan::text`): an index holds all of it anyway, and copying it
//! into fresh memory cost more than the rest of taking it. `memmap2` marks mapping unsafe because
//! the bytes may change under the map if some program writes to the file. wenji never does: a
//! cache or index file is written once, to a temporary name, and renamed into place (`writer`,
//! `search::scan::stored`); replacing or deleting it leaves the old file, and so every map of
//! it, untouched. And nothing read through a map is trusted: every
//! length and offset is bounds-checked, every part checksummed, and every string validated
//! (`bytes`, `file`, `entry`), so even bytes that did change could give an error, never a panic
//! or an out-of-bounds read.

use std::fs::File;
use std::io;
use std::ops::{Deref, Range};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::Arc;

/// A cache file's bytes.
#[derive(Debug)]
pub struct Mapped {
    /// `None` for an empty file, which cannot be mapped and holds nothing anyway.
    map: Option<memmap2::Mmap>,
    /// Shared with what reads an entry's body later ([`read_at`]).
    file: Arc<File>,
}

impl Mapped {
    /// Maps the file at `path`, which must be a regular file: opening a FIFO put in its place
    /// would wait for a writer forever.
    pub fn open(path: &Path) -> io::Result<Self> {
        if !std::fs::metadata(path)?.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        Self::from_file(File::open(path)?)
    }

    /// Maps `file`, opened by its caller, which must be a regular file.
    pub fn from_file(file: File) -> io::Result<Self> {
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        let file = Arc::new(file);
        if metadata.len() == 0 {
            return Ok(Self { map: None, file });
        }
        Ok(Self {
            map: Some(map(&file)?),
            file,
        })
    }

    /// A copy of bytes `range` of the file, read from it rather than through the map; `None`
    /// when the range lies outside the file or cannot be read.
    pub fn read_at(&self, range: Range<usize>) -> Option<Vec<u8>> {
        if range.start > range.end || range.end > self.len() {
            return None;
        }
        read_at(&self.file, range)
    }

    /// Reads bytes `range` of the file into `bytes`, as [`Mapped::read_at`] does.
    pub fn read_into(&self, range: Range<usize>, bytes: &mut Vec<u8>) -> bool {
        range.start <= range.end && range.end <= self.len() && read_into(&self.file, range, bytes)
    }

    /// The open file, to read from later: the file stays readable as it was opened even once
    /// a new cache is renamed over it.
    pub fn file(&self) -> &Arc<File> {
        &self.file
    }
}

/// A copy of bytes `range` of `file`; `None` when they cannot all be read.
pub fn read_at(file: &File, range: Range<usize>) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    read_into(file, range, &mut bytes).then_some(bytes)
}

/// Reads bytes `range` of `file` into `bytes` (whose room is reused); whether they could all
/// be read. When they could not, `bytes` holds nothing to rely on.
pub fn read_into(file: &File, range: Range<usize>, bytes: &mut Vec<u8>) -> bool {
    let Some(len) = range.end.checked_sub(range.start) else {
        return false;
    };
    // The read writes over every byte kept, so only room not yet used is zeroed first (a fresh
    // zeroing of every window cost a warm search 3% of its time).
    bytes.truncate(len);
    bytes.resize(len, 0);
    file.read_exact_at(bytes, range.start as u64).is_ok()
}

#[allow(unsafe_code)]
fn map(file: &File) -> io::Result<memmap2::Mmap> {
    // SAFETY: wenji never writes to a cache file once it is in place (see the module's doc),
    // and every byte read from the map is checked before use, so a change under the map by
    // another program cannot make wenji read out of bounds or trust what it reads.
    let map = unsafe { memmap2::Mmap::map(file)? };
    Ok(map)
}

impl Deref for Mapped {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.map.as_deref().unwrap_or_default()
    }
}
