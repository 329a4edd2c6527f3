//! `wenji search` over files: each read, searched and printed on its own, on every core, and
//! written out in corpus order as soon as it and the files before it are done.
//!
//! ```text
//! walk ─▶ ordered::map_found (a window of batches of files in flight, the walk still going)
//!       ─▶ per file, on a worker:
//!           read bytes ─▶ prefilter ─▶ parse ─▶ plain search ─▶ lines in memory
//!           (or, from the load cache: signature ─▶ entry ─▶ prefilter ─▶ decode ─▶ …)
//!       ─▶ in corpus order: write the lines (a write error stops the workers), report warnings
//! ```
//! Memory holds the files in flight and their printed lines, never the corpus. A file's lines
//! are written (and flushed, with the rest of its batch's) as soon as its batch and every one
//! before it are done. A file the prefilter ([`crate::search::prefilter`]) turns away is not
//! decoded or parsed: it cannot hold a hit, and its parse warnings go unreported (`wenji list`
//! reports every one). Two things need every file parsed:
//!
//! - `--json` numbers each hit's article across the corpus as `wenji list` does, and nothing
//!   short of parsing a file says how many articles it holds, so with `--json` every file is
//!   parsed (still one at a time, streaming); `--by` needs the date and names of every article,
//!   hits or none, so with it too (each file leaving only those facts: [`print::Fact`]);
//! - when not one article is readable, the search fails as loading does ("nothing readable"),
//!   so files are turned away only once some file has given an article: until then each is
//!   parsed, and if none ever gives one, every file was.
//!
//! With a load cache written by an earlier `wenji list` or browser ([`crate::persist::cache`]),
//! a file it holds unchanged is not read at all: its signature
//! ([`crate::search::signature`], a Bloom filter of the ideographs of its searched text and of
//! every two side by side) is asked first, a batch's signatures read together, and a file it
//! rules out costs a `stat` and a thousand bytes; the entry of a file it lets through is read,
//! the prefilter runs over its decoded text, and only then is it decoded, which costs a copy
//! instead of a parse. The cache's directory is read on a thread of its own while the walk
//! starts (a sixth of a rare term's search went to reading it first). The search never writes
//! the cache. A file turned away either way
//! reports no warnings, read or parse.
//!
//! Warnings come in corpus order; the first [`WARNINGS_SHOWN`] are printed as they come, and the
//! rest are counted at the end, or, when nothing was readable, printed there in full.
//!
//! What the writer does with each file's lines — write them, hold them for `--sort`, count
//! them for `--by` — is the [`Sink`]'s to say; whatever it holds back is written at the end.

use std::collections::HashSet;
use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::print::{self, Searched};
use super::sink::Sink;
use super::{Found, Options};
use crate::commands::{WARNINGS_SHOWN, report_warnings};
use crate::corpus::background::Background;
use crate::corpus::{Corpus, LoadError, LoadOptions, Loaded, Warning, load, ordered, walk};
use crate::persist::CorpusId;
use crate::persist::cache::{Cache, FileKey};
use crate::search::Query;
use crate::search::plain::Plain;
use crate::search::prefilter::Prefilter;
use crate::search::sieve::Sieve;
use crate::search::signature::Probe;

/// Files found in folders a worker searches before it hands their results over: each handing
/// over wakes the writer, which for a small file costs about as much as searching it.
const FILES_PER_BATCH: usize = 16;

/// Why a search over files did not run to its end.
#[derive(Debug)]
pub enum Failure {
    /// Not one article could be read; the warnings were reported, the error is still to be.
    NothingReadable(LoadError),
    /// The results could not be written (a closed pipe included).
    Write(io::Error),
}

/// Searches the files and folders in `paths` (`-` is standard input), read with `load` (or
/// taken from the load cache in `cache_dir`, when it holds them unchanged), for `query`, and
/// prints what `options` asks for to `out`, each file's lines as soon as they are known;
/// warnings go to standard error.
///
/// # Errors
/// [`Failure::NothingReadable`] when not one article could be read, [`Failure::Write`] at the
/// first write error, after which no more files are read.
pub fn stream(
    paths: &[PathBuf],
    load: LoadOptions,
    cache_dir: Option<&Path>,
    query: &Query,
    options: Options<'_>,
    out: &mut impl Write,
) -> Result<Found, Failure> {
    let mut warnings = Warnings::default();
    let corpus = CorpusId::from_inputs(paths);
    let (mut found, mut before, mut failure) = (Found::default(), 0, None);
    let mut sink = Sink::new(options);
    let readable = std::thread::scope(|scope| {
        // The cache's directory is read while the walk starts: a worker waits for it only
        // when it has files to look up.
        let opening = cache_dir.map(|dir| {
            Background::start(scope, "open-cache", move || {
                Cache::open_read_only(dir, &corpus, &load)
            })
        });
        let job = Job::new(load, opening, query, options);
        // Opening the cache says what it found before any file does.
        let mut told = false;
        let mut tell = |warnings: &mut Warnings| {
            if !std::mem::replace(&mut told, true)
                && let Some(opening) = &job.cache
            {
                warnings.add(one_line(opening.get().1.clone()));
            }
        };
        ordered::map_found(
            |give| batches(paths, give),
            None,
            |batch: &Batch| match batch {
                Batch::Files(files) => job.files(files),
                Batch::Skipped(warning) => vec![Outcome::warning(warning.clone())],
            },
            |_, outcomes: Vec<Outcome>| {
                tell(&mut warnings);
                let mut wrote = false;
                for outcome in outcomes {
                    warnings.add(outcome.warnings);
                    let written = outcome.searched.and_then(|searched| {
                        wrote |= sink.take(&searched, before, out)?;
                        Ok(searched.found)
                    });
                    before += outcome.articles;
                    match written {
                        Ok(more) => found += more,
                        Err(error) => {
                            failure = Some(error);
                            return ControlFlow::Break(());
                        }
                    }
                }
                // A batch's lines go out together, as soon as the batch is done.
                if wrote && let Err(error) = out.flush() {
                    failure = Some(error);
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            },
        );
        tell(&mut warnings);
        if let Some(cache) = job.cache() {
            warnings.add(one_line(cache.take_warnings()));
        }
        job.readable.load(Ordering::Relaxed)
    });
    if let Some(error) = failure {
        return Err(Failure::Write(error));
    }
    warnings.finish(readable)?;
    sink.finish(out).map_err(Failure::Write)?;
    Ok(found)
}

/// Files searched together, or a path the walk could not use, where it stands among them.
enum Batch {
    Files(Vec<PathBuf>),
    Skipped(Warning),
}

/// Walks `paths`, giving `give` the files found in batches of at most [`FILES_PER_BATCH`] as
/// they are found, a file named in `paths` alone (it may be a FIFO or standard input, which
/// can keep the files batched with it waiting), until `give` says stop.
fn batches(paths: &[PathBuf], give: &mut dyn FnMut(Batch) -> ControlFlow<()>) {
    let named: HashSet<&PathBuf> = paths.iter().collect();
    let mut batch = Vec::new();
    let flush = |batch: &mut Vec<PathBuf>, give: &mut dyn FnMut(Batch) -> ControlFlow<()>| {
        if batch.is_empty() {
            ControlFlow::Continue(())
        } else {
            give(Batch::Files(std::mem::take(batch)))
        }
    };
    walk::each(paths, |found| match found {
        walk::Found::File(path) if named.contains(&path) => {
            flush(&mut batch, give)?;
            give(Batch::Files(vec![path]))
        }
        walk::Found::File(path) => {
            batch.push(path);
            if batch.len() == FILES_PER_BATCH {
                flush(&mut batch, give)
            } else {
                ControlFlow::Continue(())
            }
        }
        walk::Found::Warning(warning) => {
            flush(&mut batch, give)?;
            let warning = one_line(vec![warning]).pop();
            warning.map_or(ControlFlow::Continue(()), |w| give(Batch::Skipped(w)))
        }
    });
    let _ = flush(&mut batch, give);
}

/// What every file is searched with.
struct Job<'q, 's> {
    load: LoadOptions,
    /// The load cache, read only, being opened (and what opening it had to say); `None`
    /// without one.
    cache: Option<Opening<'s>>,
    query: &'q Query,
    /// The search each file's articles are given, and what else it asks of them.
    plain: Plain<'q>,
    sieve: Sieve<'q>,
    options: Options<'q>,
    /// `None` when every file is to be parsed.
    prefilter: Option<Prefilter>,
    /// What is asked of a cached file's signature; `None` when every file is to be parsed.
    probe: Option<Probe>,
    /// Some file has given an article: from now on, files may be turned away unparsed.
    readable: AtomicBool,
}

/// The load cache being opened, and what opening it had to say.
type Opening<'s> = Background<'s, (Cache, Vec<Warning>)>;

/// A file as the cache was asked about it: its key, and whether its signature turns it away.
#[derive(Clone, Copy)]
struct Looked {
    key: Option<FileKey>,
    away: bool,
}

/// What one file gave.
struct Outcome {
    searched: io::Result<Searched>,
    /// Articles parsed from the file (none when it was turned away).
    articles: usize,
    warnings: Vec<Warning>,
}

impl Outcome {
    /// What a path the walk could not use gives: its warning.
    fn warning(warning: Warning) -> Self {
        Self {
            searched: Ok(Searched::default()),
            articles: 0,
            warnings: vec![warning],
        }
    }
}

impl<'q, 's> Job<'q, 's> {
    fn new(
        load: LoadOptions,
        cache: Option<Opening<'s>>,
        query: &'q Query,
        options: Options<'q>,
    ) -> Self {
        let every = options.parses_every_file();
        // The prefilter reads bytes as the decoder would guess, or as UTF-8.
        let guessed = load.encoding.is_none_or(|e| e == encoding_rs::UTF_8);
        let prefilter = (guessed && !every).then(|| Prefilter::new(query)).flatten();
        // A signature is of the parsed text, whatever the file was decoded from.
        let probe = (!every).then(|| Probe::new(query)).flatten();
        Self {
            load,
            cache,
            query,
            plain: Plain::for_query(query),
            sieve: Sieve::new(query),
            options,
            prefilter,
            probe,
            readable: AtomicBool::new(false),
        }
    }

    /// The load cache, once it is open (waiting for it until then); `None` without one.
    fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref().map(|opening| &opening.get().0)
    }

    /// [`Job::file`] for each of `paths`, their cache entries read together, except those of
    /// files their signatures turn away.
    fn files(&self, paths: &[PathBuf]) -> Vec<Outcome> {
        let Some(cache) = self.cache() else {
            return paths.iter().map(|path| self.file(path, None)).collect();
        };
        cache.read_ahead(paths.iter().map(PathBuf::as_path));
        let looked: Vec<Looked> = paths
            .iter()
            .map(|path| {
                let key = FileKey::of(path);
                let away = key.is_some_and(|key| {
                    self.probe.as_ref().is_some_and(|probe| {
                        cache.signature_says(path, key, |s| !probe.may_match(s)) == Some(true)
                    })
                });
                Looked { key, away }
            })
            .collect();
        let read = paths.iter().zip(&looked).filter(|(_, looked)| !looked.away);
        cache.read_bodies_ahead(read.map(|(path, _)| path.as_path()));
        paths
            .iter()
            .zip(looked)
            .map(|(path, looked)| self.file(path, Some(looked)))
            .collect()
    }

    /// Reads `path` (or takes it from the cache, as `looked` up there), parses it unless it
    /// cannot hold a hit, and prints its hits.
    fn file(&self, path: &Path, looked: Option<Looked>) -> Outcome {
        let cached = looked.and_then(|looked| self.cached(path, looked));
        let loaded = match cached {
            Some(loaded) => loaded,
            None => self.read(path),
        };
        let mut corpus = Corpus::default();
        corpus.absorb(loaded);
        if !corpus.articles.is_empty() {
            self.readable.store(true, Ordering::Relaxed);
        }
        Outcome {
            searched: print::print(&corpus, self.query, &self.plain, &self.sieve, self.options),
            articles: corpus.articles.len(),
            warnings: corpus.warnings,
        }
    }

    /// `path` read and parsed, unless it cannot hold a hit.
    fn read(&self, path: &Path) -> Loaded {
        match load::read_raw(path, self.load) {
            Ok(raw) if self.turns_away(|p| p.may_match(&raw.bytes, raw.path.as_deref())) => {
                Loaded {
                    warnings: raw.into_warnings(),
                    ..Loaded::default()
                }
            }
            Ok(raw) => load::parse_raw(raw, self.load),
            Err(warning) => Loaded {
                warnings: vec![warning],
                ..Loaded::default()
            },
        }
    }

    /// `path` from the load cache, when it holds it unchanged: nothing at all when its
    /// signature or its text says it cannot hold a hit, or its entry decoded.
    fn cached(&self, path: &Path, looked: Looked) -> Option<Loaded> {
        // As with the prefilter, only once some file has shown that the corpus has articles.
        if looked.away && self.readable.load(Ordering::Relaxed) {
            return Some(Loaded::default());
        }
        let entry = self.cache()?.entry(path, looked.key?)?;
        let text = entry.text_bytes()?;
        if self.turns_away(|prefilter| prefilter.may_match_decoded(text, Some(path))) {
            return Some(Loaded::default());
        }
        entry.decode()
    }

    /// Whether a file may go unparsed: it cannot hold a hit (`may_match` says no), and some
    /// file has already shown that the corpus has articles.
    fn turns_away(&self, may_match: impl FnOnce(&Prefilter) -> bool) -> bool {
        self.prefilter
            .as_ref()
            .is_some_and(|prefilter| self.readable.load(Ordering::Relaxed) && !may_match(prefilter))
    }
}

/// Warnings in the order they came.
#[derive(Default)]
struct Warnings {
    all: Vec<Warning>,
}

impl Warnings {
    /// Prints each of `new` while fewer than [`WARNINGS_SHOWN`] were, and keeps them all.
    fn add(&mut self, new: Vec<Warning>) {
        for warning in new {
            if self.all.len() < WARNINGS_SHOWN {
                report_warnings(std::slice::from_ref(&warning), None);
            }
            self.all.push(warning);
        }
    }

    /// Says how many more there were; or, when nothing was `readable`, prints them and fails.
    fn finish(self, readable: bool) -> Result<(), Failure> {
        let rest = &self.all[WARNINGS_SHOWN.min(self.all.len())..];
        if readable {
            report_warnings(rest, Some(0));
            return Ok(());
        }
        report_warnings(rest, None);
        Err(Failure::NothingReadable(LoadError::NothingReadable {
            warnings: self.all,
        }))
    }
}

/// `warnings` made safe to print on one line each, as the corpus makes every warning it takes.
fn one_line(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut corpus = Corpus::default();
    corpus.absorb(Loaded {
        warnings,
        ..Loaded::default()
    });
    corpus.warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the walk of `paths` gives in batches: each batch's size, a skipped path as 0.
    fn sizes(paths: &[PathBuf]) -> Vec<usize> {
        let mut sizes = Vec::new();
        batches(paths, &mut |batch| {
            sizes.push(match batch {
                Batch::Files(files) => files.len(),
                Batch::Skipped(_) => 0,
            });
            ControlFlow::Continue(())
        });
        sizes
    }

    #[test]
    fn files_named_alone_the_rest_sixteen_at_a_time_a_skipped_path_in_its_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("d");
        std::fs::create_dir(&folder).expect("mkdir");
        for n in 0..40 {
            std::fs::write(folder.join(format!("{n}.txt")), "振兴\n").expect("write");
        }
        std::os::unix::fs::symlink("/nowhere", folder.join("33.txt.md")).expect("symlink");
        let named = folder.join("20.txt");
        assert_eq!(
            sizes(&[folder.clone(), named.clone()]),
            [16, 4, 1, 13, 0, 6, 1]
        );
        assert_eq!(sizes(&[named]), [1]);
        assert!(sizes(&[]).is_empty());
        let mut given = 0;
        batches(&[folder], &mut |_| {
            given += 1;
            ControlFlow::Break(())
        });
        assert_eq!(given, 1, "stopped after the first");
    }
}
