//! Loading through the load cache ([`crate::persist::cache`]): each file is taken from the
//! cache when it is unchanged, read as [`load`](super::load()) reads it otherwise, and the
//! cache rewritten after, with what changed.
//!
//! ```text
//! walk ─▶ per file, on every core: key ─▶ cache.get ─┬─ hit ─────────────────────┐
//!                                                     └─ miss: read_file, encode ─┤
//!                          in corpus order: absorb, and keep or add to the writer ◀┘ ─▶ commit
//! ```
//! The file's key is taken before it is read, so a file that changes while it loads is stored
//! under its old key and read again next time; a file modified a moment ago has no key yet
//! (`persist::cache::key::SETTLE`) and is read, not cached. The corpus is the one `load` gives, warnings
//! included, with the cache's own warnings (source `cache`) after the files'.

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::background::Background;
use super::growth::{self, Growth, Reading};
use super::load::{LoadError, LoadOptions, Loaded, load, read_file};
use super::model::{Corpus, Warning};
use super::{fields, ordered, walk};
use crate::persist::CorpusId;
use crate::persist::cache::{Cache, CacheWriter, Commit, Encoded, FileKey, pending};

/// What the cache did for one load.
#[derive(Debug, Default)]
pub struct CacheReport {
    /// Files taken from the cache.
    pub hits: usize,
    /// Files read from disk: changed, new, or never cached (standard input, streams, files
    /// nothing could be read from).
    pub read: usize,
    /// What writing the cache did; `None` without a cache or when it could not be written
    /// (a warning then says why).
    pub commit: Option<Commit>,
    /// Warnings to come about texts found damaged in the cache when first read back
    /// ([`Cache::late_warnings`]); `None` without a cache.
    pub late: Option<mpsc::Receiver<Warning>>,
}

/// How a [`stream_cached`] ended.
#[derive(Debug, Default)]
pub struct Streamed {
    /// Why the cache could not be written, if it could not.
    pub failed: Option<Warning>,
    /// Warnings to come about texts found damaged in the cache when first read back
    /// ([`Cache::late_warnings`]); `None` without a cache.
    pub late: Option<mpsc::Receiver<Warning>>,
}

/// What one file gave, and how.
enum Got {
    Hit(Loaded),
    Read(Loaded, Option<(FileKey, Box<Encoded>)>),
}

/// Opens the files and folders in `paths` as [`load`] does, through the cache in `cache_dir`
/// (none: no cache, read everything), and writes the cache after. Fails only when not one
/// article could be read.
pub fn load_cached(
    paths: &[PathBuf],
    options: LoadOptions,
    cache_dir: Option<&Path>,
) -> Result<(Corpus, CacheReport), LoadError> {
    let Some(dir) = cache_dir else {
        return load(paths, options).map(|corpus| (corpus, CacheReport::default()));
    };
    let (files, mut warnings) = walk::files(paths);
    warnings.iter_mut().for_each(fields::make_warning_one_line);
    let mut corpus = Corpus {
        warnings,
        ..Corpus::default()
    };
    let (cache, mut cache_warnings) = Cache::open(dir, &CorpusId::from_inputs(paths), &options);
    let mut writer = cache.writer();
    let mut report = CacheReport {
        late: cache.late_warnings(),
        ..CacheReport::default()
    };
    ordered::map_ahead(
        files.len(),
        None,
        |run| cache.read_ahead(files[run].iter().map(PathBuf::as_path)),
        |at| fetch(&cache, &files[at], options),
        |at, got| {
            corpus.absorb(note(&mut writer, &mut report, &files[at], got));
            ControlFlow::Continue(())
        },
    );
    cache_warnings.append(&mut cache.take_warnings());
    match writer.commit() {
        Ok(commit) => report.commit = Some(commit),
        Err(warning) => cache_warnings.push(warning),
    }
    cache_warnings
        .iter_mut()
        .for_each(fields::make_warning_one_line);
    corpus.warnings.append(&mut cache_warnings);
    if corpus.articles.is_empty() {
        return Err(LoadError::NothingReadable {
            warnings: corpus.warnings,
        });
    }
    Ok((corpus, report))
}

/// One file from the cache when it is unchanged, or read (and encoded for the cache).
fn fetch(cache: &Cache, path: &Path, options: LoadOptions) -> Got {
    let key = FileKey::of(path);
    if let Some(loaded) = key.and_then(|key| cache.get(path, key)) {
        return Got::Hit(loaded);
    }
    let loaded = read_file(path, options);
    let entry = key.and_then(|key| Some((key, Box::new(Encoded::new(&loaded)?))));
    Got::Read(loaded, entry)
}

/// Notes in corpus order what the writer keeps or adds for one file, and counts it.
fn note(writer: &mut CacheWriter, report: &mut CacheReport, path: &Path, got: Got) -> Loaded {
    match got {
        Got::Hit(loaded) => {
            writer.keep(path);
            report.hits += 1;
            loaded
        }
        Got::Read(mut loaded, entry) => {
            if let Some((key, encoded)) = entry {
                writer.add(path, key, &encoded, &mut loaded);
            }
            report.read += 1;
            loaded
        }
    }
}

/// [`growth::stream`] through the cache in `cache_dir` (none: read every file): unchanged files
/// come from it, its warnings come with the last part, and it is put in place after the last
/// part has been handed over, so whoever takes the parts never waits for the write. A file read
/// from disk is written to the new cache file as it comes, and its part can let go of its text
/// and paragraphs ([`Growth::let_go`]), which are read back from there. Returns the warning of
/// a write that failed, and where warnings about texts found damaged later will come.
pub fn stream_cached(
    paths: &[PathBuf],
    options: LoadOptions,
    cache_dir: Option<&Path>,
    take: impl FnMut(Growth) -> ControlFlow<()>,
) -> Streamed {
    let Some(dir) = cache_dir else {
        growth::stream_files(paths, options, take);
        return Streamed::default();
    };
    let corpus = CorpusId::from_inputs(paths);
    std::thread::scope(|scope| {
        // The cache's directory is read while the paths are walked.
        let opening =
            Background::start(scope, "open-cache", || Cache::open(dir, &corpus, &options));
        let cache = || &opening.get().0;
        let writer: RefCell<Option<CacheWriter>> = RefCell::new(None);
        let mut report = CacheReport::default();
        let reading = Reading {
            ahead: |paths: &[PathBuf]| cache().read_ahead(paths.iter().map(PathBuf::as_path)),
            read: |path: &Path| fetch(cache(), path, options),
            each: |path: &Path, got| {
                let mut writer = writer.borrow_mut();
                let writer = writer.get_or_insert_with(|| cache().writer());
                note(writer, &mut report, path, got)
            },
            last: || {
                let opened = opening.get().1.iter().cloned();
                opened.chain(cache().take_warnings()).collect()
            },
        };
        // The write counts as under way from before the last part is handed over, so whoever
        // takes it and then quits knows to wait for it (`pending`).
        let mut writing = None;
        let mut take = take;
        let whole = growth::stream(paths, reading, |part| {
            if part.progress.done {
                writing = Some(pending::writing());
            }
            // What the part let go of later is read back from the new cache file.
            if let Some(writer) = writer.borrow_mut().as_mut() {
                writer.flush();
            }
            take(part)
        });
        let failed = if whole {
            let writer = writer.into_inner();
            writer.unwrap_or_else(|| cache().writer()).commit().err()
        } else {
            None
        };
        Streamed {
            failed,
            late: cache().late_warnings(),
        }
    })
}
