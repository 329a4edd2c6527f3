//! Turning the paths a user gives into the list of files to read.
//!
//! Folders are walked recursively in natural order (`2.txt` before `10.txt`), hidden entries are
//! skipped, symlinks are followed and loops detected. A file named explicitly is read whatever its
//! extension; inside folders only text formats are picked up. A FIFO or a character device
//! (`/dev/stdin`, `<(yes)`) is read only when named explicitly, and then only up to the input
//! limit (`bounded`): inside a folder one could block the whole load, waiting for a writer.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fs::{self, FileType};
use std::ops::ControlFlow;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use super::model::Warning;

/// Extensions picked up inside folders.
const TEXT_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "jsonl", "ndjson"];

/// The files under `paths`, and a warning for every path that could not be used.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let (mut files, mut warnings) = (Vec::new(), Vec::new());
    each(paths, |found| {
        match found {
            Found::File(path) => files.push(path),
            Found::Warning(warning) => warnings.push(warning),
        }
        ControlFlow::Continue(())
    });
    (files, warnings)
}

/// What walking finds, in corpus order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    /// A path that could not be used, where it stands among the files.
    Warning(Warning),
}

/// Walks `paths` as [`files`] does, giving `found` each file and each warning as it is found:
/// a caller can start on the first files while the rest are being found, and stop the walk.
pub fn each(paths: &[PathBuf], found: impl FnMut(Found) -> ControlFlow<()>) {
    let mut walker = Walker {
        found,
        seen_dirs: HashSet::new(),
        stopped: false,
    };
    for path in paths {
        if path.as_os_str() == super::load::STDIN_PATH {
            walker.give(Found::File(path.clone()));
        } else {
            walker.visit(path, true);
        }
    }
}

struct Walker<F> {
    found: F,
    seen_dirs: HashSet<PathBuf>,
    /// The caller wants no more.
    stopped: bool,
}

impl<F: FnMut(Found) -> ControlFlow<()>> Walker<F> {
    fn give(&mut self, found: Found) {
        if !self.stopped {
            self.stopped = (self.found)(found).is_break();
        }
    }

    fn visit(&mut self, path: &Path, explicit: bool) {
        if self.stopped {
            return;
        }
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                let what = if fs::symlink_metadata(path).is_ok() {
                    "dangling or looping symlink"
                } else {
                    "cannot be read"
                };
                self.warn(path, format!("{what}: {error}; skipped"));
                return;
            }
        };
        self.visit_kind(path, metadata.file_type(), explicit);
    }

    /// Visits `path`, of type `kind` (a symlink's target's type).
    fn visit_kind(&mut self, path: &Path, kind: FileType, explicit: bool) {
        if kind.is_dir() {
            self.visit_dir(path);
        } else if kind.is_file() {
            if explicit || has_text_extension(path) {
                self.give(Found::File(path.to_path_buf()));
            }
        } else if explicit && is_stream(kind) {
            self.give(Found::File(path.to_path_buf()));
        } else if explicit || has_text_extension(path) {
            let why = if explicit {
                "a socket or block device, not a file; skipped"
            } else {
                // Opening a FIFO blocks until something writes to it.
                "not a regular file (a FIFO, socket or device); only read when named on the \
                 command line; skipped"
            };
            self.warn(path, why.to_owned());
        }
    }

    fn visit_dir(&mut self, dir: &Path) {
        let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(canonical) {
            self.warn(
                dir,
                "folder already visited (symlink loop); skipped".to_owned(),
            );
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.warn(dir, format!("folder cannot be read: {error}; skipped"));
                return;
            }
        };
        // The folder's own listing says what each entry is, so only a symlink (or an entry the
        // listing does not type) costs a `stat`: 50 000 files, 50 000 system calls fewer. Names
        // sort as their paths would, the folder's path being the same before each.
        let mut children: Vec<(String, PathBuf, Option<FileType>)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let kind = entry.file_type().ok().filter(|kind| !kind.is_symlink());
                (!name.starts_with('.')).then(|| (name, entry.path(), kind))
            })
            .collect();
        children.sort_by(|(a, ..), (b, ..)| natural_cmp(a, b));
        for (_, child, kind) in children {
            if self.stopped {
                return;
            }
            match kind {
                Some(kind) => self.visit_kind(&child, kind, false),
                None => self.visit(&child, false),
            }
        }
    }

    fn warn(&mut self, path: &Path, message: String) {
        self.give(Found::Warning(Warning {
            // File names are untrusted too: one may hold terminal escapes.
            source: super::load::display_name(path),
            line: None,
            message,
        }));
    }
}

/// A FIFO or a character device: read as a stream, which may never end.
fn is_stream(kind: FileType) -> bool {
    kind.is_fifo() || kind.is_char_device()
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// Compares strings with digit runs compared as numbers: `2.txt` < `10.txt`.
///
/// ```
/// use wenji_core::corpus::walk::natural_cmp;
/// use std::cmp::Ordering;
/// assert_eq!(natural_cmp("2.txt", "10.txt"), Ordering::Less);
/// assert_eq!(natural_cmp("a10", "a9"), Ordering::Greater);
/// ```
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    // Compared byte by byte: UTF-8 orders as its characters do, and digits are ASCII.
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                let (ta, tb) = (trim_zeros(da), trim_zeros(db));
                let order = ta
                    .len()
                    .cmp(&tb.len())
                    .then_with(|| ta.cmp(tb))
                    .then_with(|| da.len().cmp(&db.len()));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let start = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    &digits[start..]
}
