//! What a cached entry is valid for: one file as the file system last saw it ([`FileKey`]), read
//! by one build of wenji with the options that change parsing ([`Settings`]), for one corpus
//! (the cache file's name, [`file_name`]).

use std::fs::Metadata;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::xxh3_64;

use super::bytes::{Bad, In, Out};
use crate::corpus::LoadOptions;
use crate::corpus::load::STDIN_PATH;
use crate::persist::CorpusId;

/// The version of the cache's layout; a change of it invalidates every cache. 4: a file's
/// signature holds its articles' tags, which one written before lacks (and would turn away a
/// file whose only hit is in a tag). 5: an article's head holds its copy key. 6: a signature
/// holds each ideograph in its script-folded form.
pub const FORMAT: u32 = 6;

/// The suffix of cache files in the cache folder.
pub const SUFFIX: &str = ".wjc";
/// The suffix of the search index kept beside a cache file, under the same name.
pub const INDEX_SUFFIX: &str = ".wji";

/// A regular file as `stat` describes it: any write to it, a replacement, a `chmod` or a copy
/// that keeps the modification time (`cp -p`) changes one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKey {
    pub device: u64,
    pub inode: u64,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub modified: i128,
    /// Status-change time, nanoseconds since the epoch.
    pub changed: i128,
}

/// How long ago a file must have been modified for its key to be trusted. File systems stamp
/// times from a clock that ticks every few milliseconds (FAT every two seconds): a file written
/// again within the tick of its last write keeps its time, and with the same size would look
/// unchanged. Past this, any later write gets a later time. (Git's "racy clean" entries.)
pub const SETTLE: Duration = Duration::from_secs(2);

impl FileKey {
    /// The key of what `path` names now; `None` for standard input, a FIFO, a device or a
    /// folder (whose contents are not a file's to key), for what cannot be read, and for a file
    /// modified within [`SETTLE`], which is read but not cached until it has settled.
    pub fn of(path: &Path) -> Option<Self> {
        if path.as_os_str() == STDIN_PATH {
            return None;
        }
        let before = SystemTime::now().checked_sub(SETTLE)?;
        let metadata = std::fs::metadata(path).ok()?;
        let settled = metadata.modified().ok().is_some_and(|time| time <= before);
        settled.then(|| Self::from_metadata(&metadata)).flatten()
    }

    /// The key `metadata` gives, when it is a regular file's, settled or not.
    fn from_metadata(metadata: &Metadata) -> Option<Self> {
        let nanos =
            |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        metadata.is_file().then(|| Self {
            device: metadata.dev(),
            inode: metadata.ino(),
            size: metadata.size(),
            modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
        })
    }

    pub(super) fn write(&self, out: &mut Out) {
        out.u64(self.device);
        out.u64(self.inode);
        out.u64(self.size);
        out.bytes.extend_from_slice(&self.modified.to_le_bytes());
        out.bytes.extend_from_slice(&self.changed.to_le_bytes());
    }

    pub(super) fn read(read: &mut In<'_>) -> Result<Self, Bad> {
        let time = |read: &mut In<'_>| -> Result<i128, Bad> {
            let mut word = [0; 16];
            word.copy_from_slice(read.take(16, "a file's time")?);
            Ok(i128::from_le_bytes(word))
        };
        Ok(Self {
            device: read.u64("a file's device")?,
            inode: read.u64("a file's inode")?,
            size: read.u64("a file's size")?,
            modified: time(read)?,
            changed: time(read)?,
        })
    }
}

/// Everything besides the files themselves that decides what loading gives: the build of wenji
/// and the options that change parsing. A cache written under other settings is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// wenji's version.
    pub version: String,
    /// The running program's size and modification time, so a rebuilt parser never reads
    /// entries an older one wrote under the same version number.
    pub program: String,
    /// `--encoding`, by its name; empty when encodings are detected.
    pub encoding: String,
    pub page_break_repair: bool,
}

impl Settings {
    pub fn new(options: &LoadOptions) -> Self {
        let program = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .and_then(|metadata| FileKey::from_metadata(&metadata))
            .map(|key| format!("{}:{}", key.size, key.modified))
            .unwrap_or_default();
        Self {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            program,
            encoding: options
                .encoding
                .map(|encoding| encoding.name().to_owned())
                .unwrap_or_default(),
            page_break_repair: options.page_break_repair,
        }
    }

    pub(crate) fn write(&self, out: &mut Out) {
        out.str(&self.version);
        out.str(&self.program);
        out.str(&self.encoding);
        out.u8(u8::from(self.page_break_repair));
    }

    pub(crate) fn read(read: &mut In<'_>) -> Result<Self, Bad> {
        Ok(Self {
            version: read.string("the version")?,
            program: read.string("the program")?,
            encoding: read.string("the encoding")?,
            page_break_repair: read.flag("page-break repair")?,
        })
    }
}

/// The cache file's name for `corpus`: a hash of its inputs, so any set of paths has one file.
pub fn file_name(corpus: &CorpusId) -> String {
    let joined = corpus.0.join("\0");
    format!("{:016x}{SUFFIX}", xxh3_64(joined.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_changes_the_key_and_a_fifo_has_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        let write = |text: &str, age: u64| {
            std::fs::write(&path, text).expect("write");
            let time = SystemTime::now() - Duration::from_secs(age);
            let file = std::fs::File::options().write(true).open(&path);
            file.and_then(|f| f.set_modified(time))
                .expect("set the time");
        };
        write("一", 100);
        let before = FileKey::of(&path).expect("a file has a key");
        assert_eq!(FileKey::of(&path), Some(before));
        write("二", 100);
        assert_ne!(FileKey::of(&path), Some(before));
        // Just written: not trusted yet.
        write("三", 0);
        assert_eq!(FileKey::of(&path), None);
        assert_eq!(FileKey::of(Path::new("-")), None);
        assert_eq!(FileKey::of(dir.path()), None);
        assert_eq!(FileKey::of(Path::new("/dev/null")), None);
    }

    #[test]
    fn settings_and_keys_read_back() {
        let settings = Settings::new(&LoadOptions {
            encoding: Some(encoding_rs::GBK),
            ..LoadOptions::default()
        });
        assert_eq!(settings.encoding, "GBK");
        let key = FileKey {
            device: 1,
            inode: 2,
            size: 3,
            modified: -4,
            changed: 5,
        };
        let mut out = Out::default();
        settings.write(&mut out);
        key.write(&mut out);
        let mut read = In::new(&out.bytes);
        assert_eq!(Settings::read(&mut read), Ok(settings));
        assert_eq!(FileKey::read(&mut read), Ok(key));
        assert_eq!(read.end("end"), Ok(()));
    }

    #[test]
    fn each_corpus_has_its_own_file() {
        let a = file_name(&CorpusId(vec!["/a".to_owned()]));
        let b = file_name(&CorpusId(vec!["/a".to_owned(), "/b".to_owned()]));
        assert_ne!(a, b);
        assert!(a.ends_with(SUFFIX) && a.len() == 16 + SUFFIX.len());
    }
}
