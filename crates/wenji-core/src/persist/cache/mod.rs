//! The load cache: what loading computed for each file, kept between runs, so reopening a corpus
//! costs a few long reads of the heads of its entries, which lie together in one file (its
//! directory read through a memory map), instead of reading, decoding and parsing every file
//! again. A file's text and paragraphs (its entry's body, most of the cache) stay in the cache
//! file until they are looked at ([`crate::corpus::kept`]), and are checked then.
//!
//! ```text
//! Cache::open ─▶ get(path, key) per file ─▶ Loaded   (a miss: corpus::read_file)
//!                        │                    │
//!                   keep(path)      add(path, key, Encoded)
//!                        └──────▶ CacheWriter ─▶ commit (temp file, fsync, rename; evict)
//! ```
//! One file per corpus in `$XDG_CACHE_HOME/wenji/` (by default `~/.cache/wenji/`), named by a
//! hash of the corpus's canonical inputs ([`key::file_name`]), holds one entry per input file:
//! the [`Loaded`] of `corpus::read_file`, keyed by the file's device, inode, size and times
//! ([`FileKey`]). The file's header names the build of wenji and the options that change
//! parsing ([`key::Settings`]): a change of either, and the whole cache is rebuilt; a changed,
//! added or removed file re-parses only that file. Standard input, FIFOs and devices have no
//! key and are never cached, nor is a file modified a moment ago ([`key::SETTLE`]).
//!
//! A loader, file by file: `FileKey::of(path)`; with a key, `cache.get(path, key)`; on a hit
//! `writer.keep(path)`, otherwise `corpus::read_file` and, with a key and an
//! [`Encoded::new`] entry, `writer.add(path, key, &entry)`; at the end
//! [`Cache::take_warnings`] and [`CacheWriter::commit`] (`corpus::load_cached` is that loop).
//!
//! Nothing in a cache file is trusted (`file`, `entry`, `bytes`): a truncated, corrupt,
//! foreign or hostile one is ignored with a [`Warning`] whose source is `cache`, its files are
//! read again, and it is rebuilt. A body is checked against its checksum when it is read back:
//! one found damaged then is never shown (its file is read again, the cache file removed to be
//! rebuilt), and a warning says so when it is found ([`Cache::late_warnings`]). Writing is
//! atomic and safe with several wenji at once (the last rename wins, and a reader keeps the
//! file it opened), and the folder is capped in size, the least recently used corpora going
//! first (`folder`). The loader's threads share one
//! [`Cache`] for lookups; one thread feeds the [`CacheWriter`], in corpus order.

pub(crate) mod bytes;
mod entry;
mod file;
pub mod folder;
pub mod key;
pub(crate) mod map;
pub mod pending;
mod slots;
mod window;
mod writer;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use xxhash_rust::xxh3::xxh3_64;

pub use file::Header;
pub use key::FileKey;
pub use writer::{CacheWriter, Commit, Encoded};

use crate::corpus::kept::{Kept, Restore, Restored};
use crate::corpus::{LoadOptions, Loaded, Warning};
use crate::persist::CorpusId;
use file::Slot;
use key::Settings;
use map::Mapped;
use window::Part;

/// The source named by the warnings the cache gives.
pub const WARNING_SOURCE: &str = "cache";

/// `$XDG_CACHE_HOME/wenji` (by default `~/.cache/wenji`); `None` without a home.
pub fn default_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.cache_dir().join("wenji"))
}

/// Where a corpus's search index is kept between runs (beside its cache file, removed with it),
/// and the settings it must have been made under; `search::scan::stored` reads and writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub path: PathBuf,
    pub settings: Settings,
}

impl IndexFile {
    /// The index file of `corpus`, loaded with `options`, in the cache folder `dir`.
    pub fn new(dir: &Path, corpus: &CorpusId, options: &LoadOptions) -> Self {
        Self {
            path: folder::index_of(&dir.join(key::file_name(corpus))),
            settings: Settings::new(options),
        }
    }
}

/// One corpus's cache file, open for lookups.
#[derive(Debug)]
pub struct Cache {
    /// The cache file, whether or not it exists yet.
    path: PathBuf,
    /// What a file written now would say in its header.
    header: Header,
    /// The entries on disk, when the file there could be used.
    stored: Option<Arc<Stored>>,
    /// A file that could not be used is there: it must be replaced even if nothing changed.
    stale: bool,
    /// Entries found damaged so far: the first, and how many.
    damaged: Mutex<(Option<String>, usize)>,
    /// Opened to read only ([`Cache::open_read_only`]): what is damaged is not rebuilt.
    read_only: bool,
    /// How the files are read: a body that cannot be read back is read from its file again.
    options: LoadOptions,
    /// Where bodies found damaged when read back are told of, and what hears it until it is
    /// taken ([`Cache::late_warnings`]).
    late: mpsc::Sender<Warning>,
    hears: Mutex<Option<mpsc::Receiver<Warning>>>,
}

/// One file's entry, read from the cache file, both its parts' checksums passed.
pub struct Entry<'c> {
    cache: &'c Cache,
    path: &'c Path,
    head: window::Read,
    body: window::Read,
}

impl Entry<'_> {
    /// The bytes of the decoded text of the file, as the entry holds it, not yet checked as
    /// UTF-8 (enough for a prefilter, which needs no more to turn a file away; decoding checks
    /// them); `None` (the entry counted as damaged) when they are not there as they should be.
    pub fn text_bytes(&self) -> Option<&[u8]> {
        entry::text_bytes(&self.body)
            .map_err(|bad| self.cache.damaged(self.path, bad.0))
            .ok()
    }

    /// What loading the file gave, text and paragraphs read now; `None` (the entry counted as
    /// damaged) when the entry fails its checks.
    pub fn decode(&self) -> Option<Loaded> {
        entry::read_head(&self.head, self.path)
            .and_then(|head| head.with_checked_body(&self.body, entry::Checksum::Passed))
            .map_err(|bad| self.cache.damaged(self.path, bad.0))
            .ok()
    }
}

/// Reads back an entry's body when its text or paragraphs are first looked at. A body that
/// cannot be read back as its head says is never shown: the file is read again, and the cache
/// file removed (when it is still the one read, and the cache is not open to read only), so
/// the next open rebuilds it.
struct Body {
    from: Arc<BodyFile>,
    /// Where the body is in the cache file, checked against its size.
    at: std::ops::Range<usize>,
    shape: entry::Shape,
    /// The file the entry is for.
    path: PathBuf,
}

/// What every body read back from one cache file shares.
#[derive(Debug)]
struct BodyFile {
    file: Arc<std::fs::File>,
    /// The cache file's path, to remove it when a body is found damaged; `None` when it is
    /// open to read only.
    cache: Option<PathBuf>,
    options: LoadOptions,
    /// Where a body found damaged is told of ([`Cache::late_warnings`]).
    late: mpsc::Sender<Warning>,
}

impl Restore for Body {
    fn restore(&self) -> Restored {
        let read = map::read_at(&self.from.file, self.at.clone())
            .and_then(|bytes| entry::read_body(&self.shape, &bytes).ok());
        read.unwrap_or_else(|| {
            self.remove_cache();
            self.warn();
            self.read_again()
        })
    }
}

impl Body {
    /// Tells whoever listens ([`Cache::late_warnings`]) that this body was found damaged.
    fn warn(&self) {
        let path = self.path.display();
        let message = match &self.from.cache {
            Some(cache) => format!(
                "{} is damaged (the text of {path} fails its checksum); that file was read \
                 again and the cache is rebuilt",
                cache.display()
            ),
            None => format!(
                "the cache is damaged (the text of {path} fails its checksum); \
                 that file was read again"
            ),
        };
        let _ = self.from.late.send(Warning {
            source: WARNING_SOURCE.to_owned(),
            line: None,
            message,
        });
    }

    /// Removes the cache file if it is still the one this body is in, not one written since.
    fn remove_cache(&self) {
        use std::os::unix::fs::MetadataExt;
        let same =
            |a: &std::fs::Metadata, b: &std::fs::Metadata| (a.dev(), a.ino()) == (b.dev(), b.ino());
        let Some(cache) = &self.from.cache else {
            return;
        };
        if let (Ok(open), Ok(there)) = (self.from.file.metadata(), cache.symlink_metadata())
            && same(&open, &there)
        {
            let _ = std::fs::remove_file(cache);
        }
    }

    /// The file read again: its text and paragraphs if it still has as many articles, and as
    /// many paragraphs in each, as the head said; nothing otherwise.
    fn read_again(&self) -> Restored {
        let loaded = crate::corpus::read_file(&self.path, self.from.options);
        let bodies: Vec<Vec<crate::corpus::Paragraph>> = loaded
            .articles
            .iter()
            .map(|article| article.paragraphs.to_vec())
            .collect();
        let same = bodies.iter().map(Vec::len).eq(self.shape.counts());
        match loaded.source {
            Some(source) if same => Restored {
                text: Arc::clone(source.text.shared()),
                bodies,
            },
            _ => Restored::default(),
        }
    }
}

/// A usable cache file: its map and its directory.
#[derive(Debug)]
struct Stored {
    map: Mapped,
    /// Its number among the cache files opened ([`window::new_file_id`]).
    id: u64,
    slots: slots::Slots,
    /// What its entries' bodies are read back from.
    bodies: Arc<BodyFile>,
}

impl Stored {
    /// `slot`'s signature, read ahead or now, checked against its checksum.
    fn read_signature(&self, slot: &Slot) -> Result<window::Read, &'static str> {
        self.read_checked(&slot.signature, slot.signature_checksum)
            .ok_or("its signature fails its checksum")
    }

    /// `slot`'s head, read ahead or now, checked against its checksum.
    fn read_head(&self, slot: &Slot) -> Result<window::Read, &'static str> {
        self.read_checked(&slot.head, slot.checksum)
            .ok_or("it fails its checksum")
    }

    /// Bytes `range` of the heads and signatures, read ahead or now, when they pass
    /// `checksum`; `None` when they cannot be read or do not.
    fn read_checked(&self, range: &Range<usize>, checksum: u64) -> Option<window::Read> {
        let bytes = window::read(&self.map, self.id, Part::Heads, range.clone())?;
        (xxh3_64(&bytes) == checksum).then_some(bytes)
    }

    /// The head of `slot`'s entry, checked against its checksum and read, and its signature
    /// checked too, so a damaged one is rebuilt with the entry. The body is not read: it is
    /// checked against the checksum its head holds when it is read back.
    fn checked(&self, slot: &Slot) -> Result<entry::Head, &'static str> {
        self.read_signature(slot)?;
        let head = self.read_head(slot)?;
        entry::read_head(&head, &slot.path).map_err(|bad| bad.0)
    }
}

impl Cache {
    /// Opens the cache of `corpus` in `dir` for loading with `options`. Never fails: a file that
    /// cannot be used is a warning (when it is broken rather than merely out of date), and the
    /// cache starts empty.
    pub fn open(dir: &Path, corpus: &CorpusId, options: &LoadOptions) -> (Self, Vec<Warning>) {
        Self::opened(dir, corpus, options, false)
    }

    /// Opens the cache as [`Cache::open`] does, for lookups only (`wenji search`): its warnings
    /// say that a damaged file or entry is passed over, not that it is rebuilt.
    pub fn open_read_only(
        dir: &Path,
        corpus: &CorpusId,
        options: &LoadOptions,
    ) -> (Self, Vec<Warning>) {
        Self::opened(dir, corpus, options, true)
    }

    fn opened(
        dir: &Path,
        corpus: &CorpusId,
        options: &LoadOptions,
        read_only: bool,
    ) -> (Self, Vec<Warning>) {
        let path = dir.join(key::file_name(corpus));
        let header = Header {
            settings: Settings::new(options),
            corpus: corpus.clone(),
            written: 0,
        };
        let (late, hears) = mpsc::channel();
        let mut cache = Self {
            path,
            header,
            stored: None,
            stale: false,
            damaged: Mutex::new((None, 0)),
            read_only,
            options: *options,
            late,
            hears: Mutex::new(Some(hears)),
        };
        let mut warnings = Vec::new();
        match cache.read() {
            Ok(stored) => cache.stored = stored.map(Arc::new),
            Err(why) => {
                cache.stale = true;
                if let Some(why) = why {
                    let then = if read_only {
                        "it is not used"
                    } else {
                        "it is rebuilt"
                    };
                    warnings.push(cache.warning(&format!("{why}; {then}")));
                }
            }
        }
        (cache, warnings)
    }

    /// The entries of the file on disk: `None` when there is none, an error when it cannot be
    /// used, with what to warn about when it is broken.
    fn read(&self) -> Result<Option<Stored>, Option<String>> {
        let map = match Mapped::open(&self.path) {
            Ok(map) => map,
            // Nothing there (or a file where a folder should be): writing will say why.
            Err(_) if self.path.symlink_metadata().is_err() => return Ok(None),
            Err(error) => return Err(Some(format!("cannot be read ({error})"))),
        };
        let (header, header_len) = file::read_header(&map).map_err(|p| Some(p.to_string()))?;
        let ours = &self.header.settings;
        if header.settings.version != ours.version {
            let why = format!("was written by wenji {}", header.settings.version);
            return Err(Some(why));
        }
        if header.settings != *ours {
            // Another build of this version, or other options: out of date, not broken.
            return Err(None);
        }
        if header.corpus != self.header.corpus {
            return Err(Some("is for another corpus".to_owned()));
        }
        let slots = file::read_directory(&map, header_len).map_err(|p| Some(p.to_string()))?;
        let slots = slots::Slots::new(slots);
        let bodies = Arc::new(BodyFile {
            file: Arc::clone(map.file()),
            cache: (!self.read_only).then(|| self.path.clone()),
            options: self.options,
            late: self.late.clone(),
        });
        let id = window::new_file_id();
        Ok(Some(Stored {
            map,
            id,
            slots,
            bodies,
        }))
    }

    /// How many files the cache on disk holds.
    pub fn len(&self) -> usize {
        self.stored.as_ref().map_or(0, |stored| stored.slots.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What loading `path` gave when it had `key`, if the cache holds it unchanged: the
    /// source and its articles, their text and paragraphs kept in the cache file until looked
    /// at ([`crate::corpus::kept`]). An entry whose head fails its checks is counted for
    /// [`Cache::take_warnings`] and missed.
    pub fn get(&self, path: &Path, key: FileKey) -> Option<Loaded> {
        let stored = self.stored.as_ref()?;
        let slot = stored.slots.get(path).filter(|slot| slot.key == key)?;
        // The entry is read whole to be checked, and only its head kept.
        let head = stored
            .checked(slot)
            .map_err(|why| self.damaged(path, why))
            .ok()?;
        let body = |shape: entry::Shape| {
            let len = shape.text_len();
            let body = Body {
                from: Arc::clone(&stored.bodies),
                at: slot.body.clone(),
                shape,
                path: path.to_path_buf(),
            };
            Kept::new(Box::new(body), len)
        };
        Some(head.with_kept(body))
    }

    /// The entry of `path` when the cache holds it for `key` and it passes its checksum, not
    /// yet decoded: [`Entry::text_bytes`] gives its source's text, so a search can tell whether
    /// to decode it at all. An entry that cannot be read or fails its checksum is counted for
    /// [`Cache::take_warnings`] and missed.
    pub fn entry<'c>(&'c self, path: &'c Path, key: FileKey) -> Option<Entry<'c>> {
        let stored = self.stored.as_ref()?;
        let slot = stored.slots.get(path).filter(|slot| slot.key == key)?;
        let read = stored.read_head(slot).and_then(|head| {
            let body = window::read(&stored.map, stored.id, Part::Bodies, slot.body.clone())
                .ok_or("it cannot be read")?;
            // The text is given to a prefilter before anything decodes it.
            if entry::body_sound(&head, &body) {
                Ok((head, body))
            } else {
                Err("it fails its checksum")
            }
        });
        match read {
            Ok((head, body)) => Some(Entry {
                cache: self,
                path,
                head,
                body,
            }),
            Err(why) => {
                self.damaged(path, why);
                None
            }
        }
    }

    /// What `test` says of the signature ([`crate::search::signature`]) of `path`'s file, when
    /// the cache holds the file for `key`: what a search asks before it reads the entry. A
    /// signature that cannot be read or fails its checksum is counted for
    /// [`Cache::take_warnings`] and missed (`None`), and the entry is then read as if there
    /// were none.
    pub fn signature_says(
        &self,
        path: &Path,
        key: FileKey,
        test: impl FnOnce(&[u8]) -> bool,
    ) -> Option<bool> {
        let stored = self.stored.as_ref()?;
        let slot = stored.slots.get(path).filter(|slot| slot.key == key)?;
        match stored.read_signature(slot) {
            Ok(signature) => Some(test(&signature)),
            Err(why) => {
                self.damaged(path, why);
                None
            }
        }
    }

    /// Reads the heads and signatures of `paths` with one read, when the cache holds them close
    /// together (as it does files in corpus order), for this thread's next lookups
    /// ([`Cache::get`], [`Cache::signature_says`], [`Cache::entry`]) to find.
    pub fn read_ahead<'p>(&self, paths: impl IntoIterator<Item = &'p Path>) {
        self.read_part_ahead(paths, Part::Heads, Slot::head_and_signature);
    }

    /// Reads the bodies of `paths` with one read, when the cache holds them close together,
    /// for this thread's next [`Cache::entry`] to find.
    pub fn read_bodies_ahead<'p>(&self, paths: impl IntoIterator<Item = &'p Path>) {
        self.read_part_ahead(paths, Part::Bodies, |slot| slot.body.clone());
    }

    /// Reads `part` of the entries of `paths`, each where `place` says, into this thread's
    /// window for it.
    fn read_part_ahead<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p Path>,
        part: Part,
        place: impl Fn(&Slot) -> Range<usize>,
    ) {
        if let Some(stored) = &self.stored {
            let ranges = paths
                .into_iter()
                .filter_map(|path| stored.slots.get(path))
                .map(place);
            window::read_ahead(&stored.map, stored.id, part, ranges);
        }
    }

    /// Counts a damaged entry for [`Cache::take_warnings`].
    fn damaged(&self, path: &Path, why: &str) {
        let mut damaged = self.damaged.lock().unwrap_or_else(PoisonError::into_inner);
        damaged
            .0
            .get_or_insert_with(|| format!("{why}, in the entry of {}", path.display()));
        damaged.1 += 1;
    }

    /// A warning for the damaged entries [`Cache::get`] met since the last call, if any.
    pub fn take_warnings(&self) -> Vec<Warning> {
        let mut damaged = self.damaged.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(first) = damaged.0.take() else {
            return Vec::new();
        };
        let others = std::mem::take(&mut damaged.1) - 1;
        let more = match others {
            0 => String::new(),
            1 => " and 1 other".to_owned(),
            n => format!(" and {n} others"),
        };
        let then = if self.read_only {
            "those files were read instead"
        } else {
            "those files were read again and it is rebuilt"
        };
        vec![self.warning(&format!("is damaged ({first}{more}); {then}"))]
    }

    /// Warnings, as they come, about bodies found damaged when they were first read back, long
    /// after the load that kept them: the text shown is then read from its file again, and the
    /// cache file removed to be rebuilt. A load checks every head and signature, but reads no
    /// body (most of the cache), so this is where damage to one is told. Given once; `None`
    /// after.
    pub fn late_warnings(&self) -> Option<mpsc::Receiver<Warning>> {
        self.hears
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// A writer for the cache that will replace this one, starting from its entries.
    pub fn writer(&self) -> CacheWriter {
        CacheWriter::new(self)
    }

    fn warning(&self, message: &str) -> Warning {
        Warning {
            source: WARNING_SOURCE.to_owned(),
            line: None,
            message: format!("{} {message}", self.path.display()),
        }
    }
}
