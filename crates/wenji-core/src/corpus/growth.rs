//! Loading in the background: the corpus grows file by file, in its final order, and every
//! step says how far loading has come.
//!
//! [`stream`] walks the inputs, reads them on every core ([`super::ordered`]) and hands over
//! what is ready as a [`Growth`] — the next sources, articles and warnings, numbered as the
//! whole corpus will number them — first as soon as one file is read, then at most every
//! [`EVERY`], so a reader can open the first article while the rest still loads, and the list
//! only ever lengthens at its end. [`Corpus::grow`] takes one in.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::fields;
use super::load::{LoadOptions, Loaded, read_file};
use super::model::{Article, Corpus, Source, Warning};
use super::{ordered, walk};

/// How often a growth is handed over while files keep coming.
pub const EVERY: Duration = Duration::from_millis(50);

/// How far loading has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Inputs read so far (whether or not they gave articles).
    pub files: usize,
    /// Inputs to read in all; known once the paths are walked.
    pub of_files: usize,
    /// Bytes of text read so far.
    pub bytes: u64,
    /// Every input has been read.
    pub done: bool,
}

impl Progress {
    /// About how many bytes of text all the inputs will give, from what those read so far gave;
    /// `None` until a sixteenth of them is read (one large file read first says little).
    pub fn expected_bytes(&self) -> Option<u64> {
        let files = u64::try_from(self.files).ok().filter(|&files| files > 0)?;
        let of_files = u64::try_from(self.of_files).ok()?.max(files);
        (files.saturating_mul(16) >= of_files).then(|| self.bytes.saturating_mul(of_files) / files)
    }

    /// How much of the corpus is loaded, in hundredths (by files), for "searching 60%": 0
    /// until the files are counted, 100 only when loading is done.
    pub fn percent(&self) -> usize {
        if self.done {
            100
        } else {
            (self.files * 100)
                .checked_div(self.of_files)
                .map_or(0, |percent| percent.min(99))
        }
    }
}

/// The next part of a corpus being loaded: sources and articles to append, their article's
/// `source` already numbered in the whole corpus, and the warnings met on the way.
#[derive(Debug, Default)]
pub struct Growth {
    pub sources: Vec<Source>,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// How far loading has come with this part taken in.
    pub progress: Progress,
}

impl Growth {
    /// A corpus read already, as the one and last part.
    pub fn whole(corpus: Corpus) -> Self {
        let files = corpus.sources.len();
        Self {
            sources: corpus.sources,
            articles: corpus.articles,
            warnings: corpus.warnings,
            progress: Progress {
                files,
                of_files: files,
                bytes: 0,
                done: true,
            },
        }
    }
}

impl Growth {
    /// Lets go of the text and paragraphs that were written to the load cache as the part was
    /// read ([`super::kept`]): once the search index has folded them, a cold load need not hold
    /// them, and they are read back from the cache when an article is read.
    pub fn let_go(&mut self) {
        self.sources.iter_mut().for_each(|s| s.text.let_go());
        self.articles.iter_mut().for_each(|a| a.paragraphs.let_go());
    }
}

impl Corpus {
    /// Appends a part handed over by [`stream`] (parts must be taken in the order given).
    pub fn grow(&mut self, growth: Growth) {
        let Growth {
            mut sources,
            mut articles,
            mut warnings,
            progress,
        } = growth;
        // Room for a source per file, and as many articles, made once: the corpus's vectors
        // would otherwise double, moving every article each time, as 50 000 files come in.
        let files = progress.of_files;
        if self.sources.capacity() < files {
            self.sources.reserve(files - self.sources.len());
        }
        if self.articles.capacity() < files {
            self.articles.reserve(files - self.articles.len());
        }
        self.sources.append(&mut sources);
        self.articles.append(&mut articles);
        self.warnings.append(&mut warnings);
    }
}

/// How [`stream`] reads each input: `ahead` with the inputs a thread is about to read (a cache
/// reads their entries together), `read` on every core (normally [`read_file`]; a cache may
/// answer instead), then `each` in corpus order on the thread that hands the parts over (a cache
/// notes what to keep), and `last` once every input is in, for warnings that belong at the end.
pub struct Reading<A, R, E, L> {
    pub ahead: A,
    pub read: R,
    pub each: E,
    pub last: L,
}

/// Loads `paths` (see [`super::load`]) and hands the corpus over part by part to `take`, which
/// may stop the load by breaking. The first part, handed over once the paths are walked, holds
/// no articles: it says how many files there are. The last part has `progress.done` set, and
/// comes even when nothing could be read; a load of nothing readable ends with an empty corpus
/// and its warnings. Returns whether the load ran to the end.
pub fn stream<T: Send>(
    paths: &[PathBuf],
    reading: Reading<
        impl Fn(&[PathBuf]) + Sync,
        impl Fn(&Path) -> T + Sync,
        impl FnMut(&Path, T) -> Loaded,
        impl FnOnce() -> Vec<Warning>,
    >,
    mut take: impl FnMut(Growth) -> ControlFlow<()>,
) -> bool {
    let Reading {
        ahead,
        read,
        mut each,
        last,
    } = reading;
    let (files, mut walked) = walk::files(paths);
    walked.iter_mut().for_each(fields::make_warning_one_line);
    let mut staged = Staged {
        growth: Growth {
            warnings: walked,
            progress: Progress {
                of_files: files.len(),
                ..Progress::default()
            },
            ..Growth::default()
        },
        sources_before: 0,
        last: None,
    };
    // What the walk found (how many files, what could not be used), before any is read.
    if take(staged.take()).is_break() {
        return false;
    }
    let whole = ordered::map_ahead(
        files.len(),
        None,
        |run| ahead(&files[run]),
        |at| read(&files[at]),
        |at, read| {
            staged.add(each(&files[at], read));
            match staged.due() {
                Some(growth) => take(growth),
                None => ControlFlow::Continue(()),
            }
        },
    );
    if !whole {
        return false;
    }
    let mut end = staged.take();
    let mut warnings = last();
    warnings.iter_mut().for_each(fields::make_warning_one_line);
    end.warnings.append(&mut warnings);
    end.progress.done = true;
    take(end).is_continue()
}

/// [`stream`] reading each file with [`read_file`].
pub fn stream_files(
    paths: &[PathBuf],
    options: LoadOptions,
    take: impl FnMut(Growth) -> ControlFlow<()>,
) -> bool {
    let reading = Reading {
        ahead: |_: &[PathBuf]| {},
        read: |path: &Path| read_file(path, options),
        each: |_: &Path, loaded| loaded,
        last: Vec::new,
    };
    stream(paths, reading, take)
}

/// What is read but not yet handed over.
struct Staged {
    growth: Growth,
    /// Sources handed over in earlier parts.
    sources_before: usize,
    /// When the last part was handed over (`None`: not yet).
    last: Option<Instant>,
}

impl Staged {
    fn add(&mut self, loaded: Loaded) {
        // Taken in where the part grows, so no file's articles are moved twice.
        let growth = &mut self.growth;
        let mut part = Corpus {
            sources: std::mem::take(&mut growth.sources),
            articles: std::mem::take(&mut growth.articles),
            warnings: std::mem::take(&mut growth.warnings),
        };
        let (sources, articles) = (part.sources.len(), part.articles.len());
        part.absorb(loaded);
        for article in &mut part.articles[articles..] {
            article.source += self.sources_before;
        }
        growth.progress.files += 1;
        growth.progress.bytes += part.sources[sources..]
            .iter()
            .map(|s| s.text.len() as u64)
            .sum::<u64>();
        (growth.sources, growth.articles, growth.warnings) =
            (part.sources, part.articles, part.warnings);
    }

    /// The part to hand over now: the first as soon as it has an article, later ones every
    /// [`EVERY`].
    fn due(&mut self) -> Option<Growth> {
        let now = Instant::now();
        let due = match self.last {
            None => !self.growth.articles.is_empty(),
            Some(last) => now.duration_since(last) >= EVERY,
        };
        due.then(|| {
            self.last = Some(now);
            self.take()
        })
    }

    fn take(&mut self) -> Growth {
        let progress = self.growth.progress;
        // The next part is about as large as this one: room for it (and half as much again)
        // is made once, not by doubling as it comes (each article is a few hundred bytes to
        // move).
        let room = |len: usize| len + len / 2;
        let next = Growth {
            sources: Vec::with_capacity(room(self.growth.sources.len())),
            articles: Vec::with_capacity(room(self.growth.articles.len())),
            progress,
            ..Growth::default()
        };
        let growth = std::mem::replace(&mut self.growth, next);
        self.sources_before += growth.sources.len();
        growth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_expected_is_guessed_once_a_sixteenth_of_the_files_is_read() {
        let progress = |files, of_files, bytes| Progress {
            files,
            of_files,
            bytes,
            done: false,
        };
        assert_eq!(progress(0, 100, 0).expected_bytes(), None);
        assert_eq!(progress(6, 100, 600).expected_bytes(), None, "too few read");
        assert_eq!(progress(7, 100, 700).expected_bytes(), Some(10_000));
        assert_eq!(progress(1, 3, 5).expected_bytes(), Some(15));
        // A stream counted after it was read: never fewer files than read.
        assert_eq!(progress(4, 0, 40).expected_bytes(), Some(40));
        assert_eq!(
            progress(1, usize::MAX, u64::MAX).expected_bytes(),
            None,
            "one of very many"
        );
    }
}
