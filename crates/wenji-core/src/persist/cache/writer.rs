//! Writing a corpus's cache file: entries in corpus order as files load, then atomically into
//! place.
//!
//! Bodies stream into a temporary file in the cache folder as the loader hands them over, and
//! heads and signatures into a second one, unnamed, appended to the first at the end, so the
//! new cache is never held in memory. The file is started only once something changed: a
//! warm open where every file was kept writes nothing and only marks the cache as used. At the
//! end the directory and trailer are written, the file synced and renamed over the old one (a
//! rename is atomic within a folder: a reader maps the old file or the new, never a mix, and
//! with two wenji at once the last rename wins), and the folder trimmed to its size cap.

use std::collections::HashSet;
use std::io::{self, BufWriter, Seek, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tempfile::NamedTempFile;
use xxhash_rust::xxh3::xxh3_64;

use super::file::{self, Header, Slot};
use super::{Body, BodyFile, Cache, FileKey, Stored, entry, folder};
use crate::corpus::copies::Sums;
use crate::corpus::kept::Kept;
use crate::corpus::{LoadOptions, Loaded, Warning};
use crate::search::signature;

/// One file's entry, encoded and checksummed, ready to write: built on any thread.
#[derive(Debug)]
pub struct Encoded {
    pub(super) bytes: Vec<u8>,
    /// How much of `bytes` is the entry's head, which `checksum` is of.
    pub(super) head: usize,
    pub(super) checksum: u64,
    /// What the body holds, and each article's fingerprint and sums.
    shape: entry::Shape,
    articles: Vec<(u64, Sums)>,
    /// The file's signature, written after the head, and its checksum.
    signature: Vec<u8>,
    signature_checksum: u64,
}

impl Encoded {
    /// The entry for `loaded`; `None` when it is not kept (nothing could be read from the file).
    pub fn new(loaded: &Loaded) -> Option<Self> {
        let entry::Encoding {
            bytes,
            head,
            shape,
            articles,
        } = entry::encode(loaded)?;
        let checksum = xxh3_64(&bytes[..head]);
        let signature = signature::of(&loaded.articles);
        Some(Self {
            bytes,
            head,
            checksum,
            shape,
            articles,
            signature_checksum: xxh3_64(&signature),
            signature,
        })
    }
}

/// What a commit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Commit {
    /// Nothing changed: the cache on disk was kept, marked as just used.
    Unchanged,
    /// A new cache file was written, holding this many files, this many bytes long.
    Written { files: usize, bytes: u64 },
    /// Nothing could be cached (only standard input and streams): there is no cache file.
    Nothing,
}

/// The cache being written, fed one file at a time in corpus order.
#[derive(Debug)]
pub struct CacheWriter {
    path: PathBuf,
    header: Header,
    stored: Option<Arc<Stored>>,
    /// Entries the old file holds; fewer kept means files were removed.
    stored_len: usize,
    stale: bool,
    /// Kept entries not yet copied, by their places in the old directory: the file is started
    /// only on a change.
    kept: Vec<usize>,
    /// Which places of the old directory were kept already.
    kept_already: Vec<bool>,
    /// The new file, once started, and its entries at their new places.
    out: Option<Output>,
    slots: Vec<Slot>,
    /// The files added so far, by a quick hash of their paths, as the directory's lookups are
    /// ([`super::slots`]).
    seen: HashSet<PathBuf, foldhash::fast::RandomState>,
    /// A file was added: the cache must be written.
    added: bool,
    error: Option<io::Error>,
    /// How the files are read: a body that cannot be read back is read from its file again.
    options: LoadOptions,
    /// Where a body found damaged when read back is told of.
    late: std::sync::mpsc::Sender<Warning>,
}

#[derive(Debug)]
struct Output {
    file: BufWriter<NamedTempFile>,
    offset: usize,
    /// The heads and signatures, kept aside until the bodies end, and how long they are so
    /// far: each slot's head and signature are placed in them until [`CacheWriter::finish`]
    /// moves them to the file.
    heads: BufWriter<std::fs::File>,
    heads_len: usize,
    /// What bodies written to it are read back from, once flushed.
    bodies: Arc<BodyFile>,
}

impl CacheWriter {
    pub(super) fn new(cache: &Cache) -> Self {
        Self {
            path: cache.path.clone(),
            header: cache.header.clone(),
            stored: cache.stored.clone(),
            stored_len: cache.len(),
            stale: cache.stale,
            kept: Vec::new(),
            kept_already: vec![false; cache.stored.as_ref().map_or(0, |s| s.slots.places())],
            out: None,
            slots: Vec::new(),
            seen: HashSet::default(),
            added: false,
            error: None,
            options: cache.options,
            late: cache.late.clone(),
        }
    }

    /// Keeps the entry of `path` that [`Cache::get`] just gave.
    pub fn keep(&mut self, path: &Path) {
        let Some(at) = self.stored.as_ref().and_then(|s| s.slots.find(path)) else {
            return;
        };
        match self.kept_already.get_mut(at) {
            Some(kept) if !*kept => *kept = true,
            _ => return,
        }
        if self.out.is_some() {
            self.copy(at);
        } else {
            self.kept.push(at);
        }
    }

    /// Adds the entry of `path`, read with `key`; once it is written, `loaded` (what it was
    /// encoded from) is told where its text and paragraphs are kept, to let go of them later
    /// ([`crate::corpus::Growth::let_go`]). They can be read back from the new cache file once
    /// [`CacheWriter::flush`] has run, whether or not it is ever put in place.
    pub fn add(&mut self, path: &Path, key: FileKey, encoded: &Encoded, loaded: &mut Loaded) {
        let stored = self.stored.as_ref().and_then(|s| s.slots.find(path));
        let kept = stored.is_some_and(|at| self.kept_already.get(at) == Some(&true));
        if kept || !self.seen.insert(path.to_path_buf()) {
            return;
        }
        self.added = true;
        let slot = Slot {
            path: path.to_path_buf(),
            key,
            body: 0..0,
            head: 0..0,
            checksum: encoded.checksum,
            signature: 0..0,
            signature_checksum: encoded.signature_checksum,
        };
        self.start();
        let (head, body) = encoded.bytes.split_at(encoded.head);
        let Some(at) = self.append(slot, [head, body, &encoded.signature]) else {
            return;
        };
        let Some(out) = &self.out else {
            return;
        };
        let body = Body {
            from: Arc::clone(&out.bodies),
            at,
            shape: encoded.shape.clone(),
            path: path.to_path_buf(),
        };
        let kept = Kept::new(Box::new(body), encoded.shape.text_len());
        if let Some(source) = loaded.source.as_mut() {
            source.text.keep_later(Arc::clone(&kept));
        }
        for (at, (article, &(fingerprint, sums))) in loaded
            .articles
            .iter_mut()
            .zip(&encoded.articles)
            .enumerate()
        {
            let kept = Arc::clone(&kept);
            article.paragraphs.keep_later(kept, at, fingerprint, sums);
        }
    }

    /// Writes out what is buffered, so every entry added so far can be read back.
    pub fn flush(&mut self) {
        if let Some(out) = &mut self.out
            && let Err(error) = out.file.flush()
        {
            self.error = Some(error);
            self.out = None;
        }
    }

    /// Finishes the new cache and puts it in place, or, when nothing changed, marks the old one
    /// as used. A failure is a warning: the corpus is loaded all the same, and the next open
    /// parses again.
    pub fn commit(mut self) -> Result<Commit, Warning> {
        let changed = self.added || self.stale || self.kept.len() != self.stored_len;
        if !changed {
            folder::mark_used(&self.path);
            return Ok(Commit::Unchanged);
        }
        if self.kept.is_empty() && self.slots.is_empty() && !self.added {
            drop(self.out.take());
            return match std::fs::remove_file(&self.path) {
                Err(error) if error.kind() != io::ErrorKind::NotFound => Err(self.warning(&error)),
                _ => Ok(Commit::Nothing),
            };
        }
        self.start();
        match self.finish() {
            Ok(bytes) => {
                folder::evict(
                    self.path.parent().unwrap_or(Path::new(".")),
                    &self.path,
                    None,
                );
                Ok(Commit::Written {
                    files: self.slots.len(),
                    bytes,
                })
            }
            Err(error) => Err(self.warning(&error)),
        }
    }

    /// Starts the new file, if it is not started: its header, then the entries kept so far.
    fn start(&mut self) {
        if self.out.is_some() || self.error.is_some() {
            return;
        }
        self.header.written = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let header = file::header(&self.header);
        let opened = folder::temp_file(&self.path).and_then(|temp| {
            let reader = temp.reopen()?;
            let heads = tempfile::tempfile_in(temp.path().parent().unwrap_or(Path::new(".")))?;
            let mut file = BufWriter::with_capacity(1 << 20, temp);
            file.write_all(&header)?;
            Ok((file, reader, heads))
        });
        match opened {
            Ok((file, reader, heads)) => {
                let bodies = Arc::new(BodyFile {
                    file: Arc::new(reader),
                    cache: Some(self.path.clone()),
                    options: self.options,
                    late: self.late.clone(),
                });
                self.out = Some(Output {
                    file,
                    offset: header.len(),
                    heads: BufWriter::with_capacity(1 << 16, heads),
                    heads_len: 0,
                    bodies,
                });
                for at in std::mem::take(&mut self.kept) {
                    self.copy(at);
                }
            }
            Err(error) => self.error = Some(error),
        }
    }

    /// Copies a kept entry, and its signature, from the old file: the one at place `at` of its
    /// directory.
    fn copy(&mut self, at: usize) {
        let Some(stored) = self.stored.clone() else {
            return;
        };
        let Some(slot) = stored.slots.at(at) else {
            return;
        };
        // Its places were checked against the file's size when the directory was read.
        let parts =
            [&slot.head, &slot.body, &slot.signature].map(|at| stored.map.read_at(at.clone()));
        if let [Some(head), Some(body), Some(signature)] = parts {
            let _ = self.append(slot.clone(), [&head, &body, &signature]);
        }
    }

    /// Appends an entry's body, and puts its head and signature aside; where the body went in
    /// the new file, if it could be written.
    fn append(
        &mut self,
        mut slot: Slot,
        [head, body, signature]: [&[u8]; 3],
    ) -> Option<Range<usize>> {
        let out = self.out.as_mut()?;
        slot.body = out.offset..out.offset + body.len();
        slot.head = out.heads_len..out.heads_len + head.len();
        slot.signature = slot.head.end..slot.head.end + signature.len();
        let written = out
            .file
            .write_all(body)
            .and_then(|()| out.heads.write_all(head))
            .and_then(|()| out.heads.write_all(signature));
        match written {
            Ok(()) => {
                out.offset = slot.body.end;
                out.heads_len = slot.signature.end;
                let at = slot.body.clone();
                self.slots.push(slot);
                Some(at)
            }
            Err(error) => {
                self.error = Some(error);
                self.out = None;
                None
            }
        }
    }

    /// Writes the directory and trailer, syncs, and renames the file into place; its size.
    fn finish(&mut self) -> io::Result<u64> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let Some(mut out) = self.out.take() else {
            return Err(io::Error::other("the cache file was never started"));
        };
        // The heads and signatures follow the bodies.
        let mut heads = out
            .heads
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        heads.seek(io::SeekFrom::Start(0))?;
        let copied = io::copy(&mut heads, &mut out.file)?;
        if usize::try_from(copied).ok() != Some(out.heads_len) {
            return Err(io::Error::other("the heads could not all be copied"));
        }
        let moved = |at: &Range<usize>| out.offset + at.start..out.offset + at.end;
        for slot in &mut self.slots {
            (slot.head, slot.signature) = (moved(&slot.head), moved(&slot.signature));
        }
        out.offset += out.heads_len;
        out.file
            .write_all(&file::directory(&self.slots, out.offset))?;
        let temp = out
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        folder::put_in_place(temp, &self.path)
    }

    fn warning(&self, error: &io::Error) -> Warning {
        Warning {
            source: super::WARNING_SOURCE.to_owned(),
            line: None,
            message: format!(
                "cannot write {}: {error}; the files will be read again next time",
                self.path.display()
            ),
        }
    }
}
