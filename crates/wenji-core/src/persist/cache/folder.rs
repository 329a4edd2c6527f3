//! The cache folder as a whole: what it holds (`wenji cache status`), emptying it (`wenji cache
//! clear`), and keeping it within its size cap.
//!
//! Beside a corpus's cache file (`*.wjc`) may lie its search index (the same name, `*.wji`):
//! the two count as one corpus, the index is removed with its cache file, and an index whose
//! cache file is gone is removed when the folder is trimmed or cleared.
//!
//! A cache file's modification time is when it was last used: a warm open that changes nothing
//! sets it ([`mark_used`]) instead of rewriting the file. When the folder grows past its cap —
//! by default twice its largest corpus (with its index), so the biggest always fits with room
//! beside it — the least recently used go first, never the one just written. Deleting a file another
//! wenji has open is safe: it keeps the old bytes until it is done.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use super::file::{self, Header};
use super::key::{INDEX_SUFFIX, SUFFIX};
use super::map::Mapped;

/// Temporary files older than this were left by a wenji that died while writing.
const STALE_TEMP: Duration = Duration::from_secs(3600);
const TEMP_SUFFIX: &str = ".tmp";

/// One corpus's cache file, as `wenji cache status` describes it.
#[derive(Debug)]
pub struct CacheFile {
    pub path: PathBuf,
    pub bytes: u64,
    /// When a wenji last opened it.
    pub last_used: SystemTime,
    /// What its header says, or why it cannot be read.
    pub header: Result<Header, String>,
    /// How many files it holds, when its directory is sound.
    pub files: Option<usize>,
    /// The size of the search index kept beside it, if there is one (counted in `bytes`).
    pub index_bytes: Option<u64>,
}

/// The search index kept beside the cache file at `cache`.
pub fn index_of(cache: &Path) -> PathBuf {
    cache.with_extension(INDEX_SUFFIX.trim_start_matches('.'))
}

/// The size of the regular file at `path`, if there is one.
fn file_size(path: &Path) -> Option<u64> {
    fs::symlink_metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|m| m.len())
}

/// A cache file's size with its index's.
fn corpus_bytes(path: &Path, metadata: &fs::Metadata) -> u64 {
    metadata.len() + file_size(&index_of(path)).unwrap_or(0)
}

/// The cache files in `dir`, least recently used first; none when the folder does not exist.
pub fn list(dir: &Path) -> io::Result<Vec<CacheFile>> {
    let mut found = Vec::new();
    for (path, metadata) in cache_files(dir)? {
        let (header, files) = match Mapped::open(&path) {
            Ok(map) => match file::read_header(&map) {
                Ok((header, len)) => {
                    let files = file::read_directory(&map, len).ok().map(|s| s.len());
                    (Ok(header), files)
                }
                Err(problem) => (Err(problem.to_string()), None),
            },
            Err(error) => (Err(error.to_string()), None),
        };
        found.push(CacheFile {
            bytes: corpus_bytes(&path, &metadata),
            index_bytes: file_size(&index_of(&path)),
            path,
            last_used: metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            header,
            files,
        });
    }
    found.sort_by_key(|file| file.last_used);
    Ok(found)
}

/// Removes every cache file in `dir`, and temporary files left behind; how many cache files
/// and how many bytes went.
pub fn clear(dir: &Path) -> io::Result<(usize, u64)> {
    let (mut files, mut bytes) = (0, 0);
    for (path, metadata) in cache_files(dir)? {
        let with_index = corpus_bytes(&path, &metadata);
        match fs::remove_file(&path) {
            Ok(()) => {
                let _ = fs::remove_file(index_of(&path));
                files += 1;
                bytes += with_index;
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    bytes += remove_orphan_indexes(dir);
    remove_temps(dir, Duration::ZERO);
    Ok((files, bytes))
}

/// Removes the least recently used cache files in `dir`, each with its index, until they add up
/// to at most `limit` bytes (by default twice the largest), never `keep`; and temporary files
/// left by a wenji that died, and indexes whose cache file is gone. Returns the cache files
/// removed. Problems are ignored: the cap is best effort.
pub fn evict(dir: &Path, keep: &Path, limit: Option<u64>) -> Vec<PathBuf> {
    remove_temps(dir, STALE_TEMP);
    remove_orphan_indexes(dir);
    let Ok(mut files) = cache_files(dir) else {
        return Vec::new();
    };
    let sizes: Vec<u64> = files.iter().map(|(p, m)| corpus_bytes(p, m)).collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let limit = limit.unwrap_or(largest.saturating_mul(2));
    let mut total: u64 = sizes.iter().sum();
    files.sort_by_key(|(_, metadata)| metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH));
    let mut removed = Vec::new();
    for (path, metadata) in files {
        if total <= limit {
            break;
        }
        let bytes = corpus_bytes(&path, &metadata);
        if path != keep && fs::remove_file(&path).is_ok() {
            let _ = fs::remove_file(index_of(&path));
            total -= bytes;
            removed.push(path);
        }
    }
    removed
}

/// Removes the search indexes in `dir` whose cache file is gone; the bytes they held.
fn remove_orphan_indexes(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut bytes = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(INDEX_SUFFIX)) else {
            continue;
        };
        let cache = dir.join(format!("{stem}{SUFFIX}"));
        let orphan = !stem.starts_with('.') && fs::symlink_metadata(&cache).is_err();
        if let Some(size) = file_size(&entry.path()).filter(|_| orphan)
            && fs::remove_file(entry.path()).is_ok()
        {
            bytes += size;
        }
    }
    bytes
}

/// Writes the file at `target` through `write`, atomically: into a temporary file beside it,
/// synced, then renamed over it. Its size.
pub(crate) fn replace(
    target: &Path,
    write: impl FnOnce(&mut io::BufWriter<NamedTempFile>) -> io::Result<()>,
) -> io::Result<u64> {
    let mut out = io::BufWriter::with_capacity(1 << 20, temp_file(target)?);
    write(&mut out)?;
    let temp = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    put_in_place(temp, target)
}

/// Syncs `temp`, written in full, and renames it over `target` (a rename within a folder is
/// atomic: a reader opens the old file or the new, never a mix), then syncs the folder. The
/// file's size.
pub(super) fn put_in_place(temp: NamedTempFile, target: &Path) -> io::Result<u64> {
    temp.as_file().sync_all()?;
    let bytes = temp.as_file().metadata()?.len();
    temp.persist(target).map_err(|error| error.error)?;
    let dir = target.parent().filter(|dir| !dir.as_os_str().is_empty());
    fs::File::open(dir.unwrap_or(Path::new(".")))?.sync_all()?;
    Ok(bytes)
}

/// Marks the cache file at `path` as just used. Best effort: at worst it is evicted sooner.
pub fn mark_used(path: &Path) {
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return;
    }
    if let Ok(file) = fs::OpenOptions::new().write(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// A new temporary file beside `target`, creating the folder when needed.
pub(super) fn temp_file(target: &Path) -> io::Result<NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
}

/// The regular files named `*.wjc` in `dir`, with their metadata.
fn cache_files(dir: &Path) -> io::Result<Vec<(PathBuf, fs::Metadata)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let named = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.ends_with(SUFFIX) && !name.starts_with('.'));
        if let Ok(metadata) = entry.metadata()
            && named
            && metadata.is_file()
        {
            files.push((path, metadata));
        }
    }
    Ok(files)
}

/// Removes temporary cache files in `dir` older than `age`; younger ones may be a write under
/// way in another wenji.
fn remove_temps(dir: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with('.')
            && (name.contains(SUFFIX) || name.contains(INDEX_SUFFIX))
            && name.ends_with(TEMP_SUFFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|time| time.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(dir: &Path, name: &str, bytes: usize, age: u64) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, vec![0; bytes]).expect("write");
        let time = SystemTime::now() - Duration::from_secs(age);
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(time))
            .expect("set the time");
        path
    }

    #[test]
    fn the_least_recently_used_go_first_and_never_the_one_just_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let oldest = file_of(dir.path(), "a.wjc", 100, 300);
        let older = file_of(dir.path(), "b.wjc", 100, 200);
        let newest = file_of(dir.path(), "c.wjc", 100, 100);
        let other = file_of(dir.path(), "notes.txt", 1000, 400);
        // Twice the largest is 200: one of the three must go.
        assert_eq!(evict(dir.path(), &newest, None), vec![oldest.clone()]);
        // With a cap of 50, all but the one kept go, whatever their age.
        assert_eq!(evict(dir.path(), &newest, Some(50)), vec![older]);
        assert!(newest.exists() && other.exists() && !oldest.exists());
    }

    #[test]
    fn an_index_counts_with_its_cache_file_goes_with_it_and_goes_without_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = file_of(dir.path(), "a.wjc", 100, 300);
        let old_index = file_of(dir.path(), "a.wji", 100, 300);
        let new = file_of(dir.path(), "b.wjc", 100, 100);
        let orphan = file_of(dir.path(), "c.wji", 10, 100);
        let listed = list(dir.path()).expect("listed");
        assert_eq!(listed[0].path, old);
        assert_eq!((listed[0].bytes, listed[0].index_bytes), (200, Some(100)));
        assert_eq!((listed[1].bytes, listed[1].index_bytes), (100, None));
        // Twice the largest corpus (200 with its index) holds both: only the orphan goes.
        assert!(evict(dir.path(), &new, None).is_empty());
        assert!(!orphan.exists() && old_index.exists());
        // Under a cap of 150 the older corpus goes, its index with it.
        assert_eq!(evict(dir.path(), &new, Some(150)), vec![old]);
        assert!(!old_index.exists() && new.exists());
        file_of(dir.path(), "b.wji", 50, 0);
        assert_eq!(clear(dir.path()).expect("cleared"), (1, 150));
    }

    #[test]
    fn clearing_removes_cache_files_and_temporaries_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        file_of(dir.path(), "a.wjc", 10, 0);
        file_of(dir.path(), ".a.wjc.x1.tmp", 10, 0);
        let other = file_of(dir.path(), "notes.txt", 10, 0);
        assert_eq!(clear(dir.path()).expect("cleared"), (1, 10));
        let left: Vec<PathBuf> = fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(left, vec![other]);
        assert_eq!(clear(&dir.path().join("none")).expect("no folder"), (0, 0));
    }
}
