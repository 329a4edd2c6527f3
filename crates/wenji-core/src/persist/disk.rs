//! Reading and writing the state file: quarantine of bad files, atomic replacement.
//!
//! Writing goes write → fsync → rename → fsync the folder, through a temporary file in the
//! state folder itself (a rename is atomic only within one file system). Readers therefore see
//! either the old file or the new one, never a mix, however many instances save at once.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::model::{StateFile, VERSION, now};

/// The state file's name inside the state folder.
pub const FILE_NAME: &str = "state.toml";

/// Why the state could not be saved. The app shows it once and carries on.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "no state folder could be found (is $HOME set?); positions and bookmarks are not saved"
    )]
    NoFolder,
    #[error(
        "{path} is from a newer wenji or could not be moved aside, so it is left untouched; positions and bookmarks are not saved"
    )]
    Protected { path: PathBuf },
    #[error("cannot save {path}: {source}; positions and bookmarks are not saved")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Another instance holds the save lock: it is saving right now. Not a failure; try again.
    #[error("another wenji is saving the state; trying again")]
    Busy,
    #[error("cannot write the state: {0}")]
    Encode(#[from] toml::ser::Error),
}

impl SaveError {
    /// Why, without the path or what follows: "Not a directory (os error 20)".
    pub fn cause(&self) -> String {
        match self {
            SaveError::NoFolder => "no state folder could be found (is $HOME set?)".to_owned(),
            SaveError::Protected { .. } => {
                "the file there is from a newer wenji or could not be moved aside".to_owned()
            }
            SaveError::Io { source, .. } => source.to_string(),
            SaveError::Busy => "another wenji was saving".to_owned(),
            SaveError::Encode(e) => e.to_string(),
        }
    }
}

/// The points of a save where [`super::StateStore::save_with`]'s hook is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStage {
    /// The temporary file is written and synced; it has not replaced the state file yet.
    TempWritten,
    /// The temporary file has replaced the state file; the folder is not yet synced.
    Renamed,
}

/// What was found on disk.
pub enum Loaded {
    /// No state file yet.
    Missing,
    /// A good file, with the bytes it was read from.
    Good(StateFile, Vec<u8>),
    /// Unusable: why, and whether it was moved aside.
    Bad { warning: String, moved: bool },
}

/// Reads `path`, moving a corrupt, unreadable or future-version file aside.
pub fn load(path: &Path) -> Loaded {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        // Nothing there to move aside (no file, or the folder is unusable): saving will say why.
        Err(_) if path.symlink_metadata().is_err() => return Loaded::Missing,
        Err(e) => return quarantine(path, &Problem::Corrupt(format!("cannot be read: {e}"))),
    };
    match parse(&bytes) {
        Ok(file) => Loaded::Good(file, bytes),
        Err(problem) => quarantine(path, &problem),
    }
}

/// What is wrong with a state file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not UTF-8, not TOML, or not the shape of a state file.
    Corrupt(String),
    /// Written in a newer format, which this build must not overwrite by accident.
    Newer(i64),
}

impl Problem {
    fn label(&self) -> &'static str {
        match self {
            Problem::Corrupt(_) => "corrupt",
            Problem::Newer(_) => "newer",
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Corrupt(why) => write!(f, "is corrupt ({why})"),
            Problem::Newer(v) => write!(
                f,
                "was written by a newer wenji (format {v}; this one reads {VERSION})"
            ),
        }
    }
}

/// Parses the bytes of a state file.
pub fn parse(bytes: &[u8]) -> Result<StateFile, Problem> {
    let corrupt = |e: &dyn std::fmt::Display| Problem::Corrupt(e.to_string());
    let text = std::str::from_utf8(bytes).map_err(|e| corrupt(&e))?;
    // The version is checked first, so a newer format is reported as such, not as corrupt.
    let probe: toml::Table = toml::from_str(text).map_err(|e| corrupt(&e))?;
    match probe.get("version").and_then(toml::Value::as_integer) {
        Some(v) if v == i64::from(VERSION) => {}
        Some(v) if v > i64::from(VERSION) => return Err(Problem::Newer(v)),
        _ => return Err(corrupt(&"no valid `version`")),
    }
    toml::from_str(text).map_err(|e| corrupt(&e))
}

fn quarantine(path: &Path, problem: &Problem) -> Loaded {
    let stamp = now().replace([':', '-'], "");
    let base = format!("{}.{}-{stamp}", path.display(), problem.label());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        target = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    match fs::rename(path, &target) {
        Ok(()) => Loaded::Bad {
            warning: format!(
                "{} {problem}; moved it to {} and started fresh",
                path.display(),
                target.display()
            ),
            moved: true,
        },
        Err(e) => Loaded::Bad {
            warning: format!(
                "{} {problem}, and it could not be moved aside ({e}); starting fresh without saving",
                path.display()
            ),
            moved: false,
        },
    }
}

/// Held while one instance reads, merges and writes the state file, so two instances saving at
/// once do not each merge a file the other is about to replace.
///
/// It is a kernel advisory lock (`flock`) on `state.toml.lock`, which stays in the folder: the
/// kernel lets go of it when the holder closes the file or dies, so a crashed or killed instance
/// never leaves a lock behind for the next one to wait out.
#[derive(Debug)]
pub struct SaveLock {
    /// Closing it releases the lock.
    _file: fs::File,
}

/// The lock file's path for the state file at `state_path`.
pub fn lock_path(state_path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock", state_path.display()))
}

impl SaveLock {
    /// Creates the state folder if needed and takes the lock without waiting; `None` when
    /// another instance holds it (it is saving right now).
    pub fn try_acquire(state_path: &Path) -> io::Result<Option<Self>> {
        let dir = state_path.parent().unwrap_or_else(|| Path::new("."));
        create_folder(dir)?;
        let file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path(state_path))?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(fs4::TryLockError::WouldBlock) => Ok(None),
            Err(fs4::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Takes the lock, trying again every few milliseconds for at most `wait`; `None` when
    /// another instance still holds it then.
    pub fn acquire_within(state_path: &Path, wait: Duration) -> io::Result<Option<Self>> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(lock) = Self::try_acquire(state_path)? {
                return Ok(Some(lock));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Creates `dir` and its parents; when something that is not a folder stands in the way, the
/// error says so and where (the system's "File exists" would not).
fn create_folder(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir).map_err(|error| {
        let blocker = dir
            .ancestors()
            .find(|path| path.symlink_metadata().is_ok_and(|m| !m.is_dir()));
        match blocker {
            Some(path) => io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} is a file, not a folder", path.display()),
            ),
            None => error,
        }
    })
}

/// Temporary files older than this were left by an instance that died while saving.
pub const STALE_TEMP: Duration = Duration::from_secs(60);

/// Removes `.state.*.tmp` files in `dir` older than [`STALE_TEMP`]. Younger ones may belong to
/// a save under way in another instance and are left alone. Called with the lock held.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if age.is_some_and(|age| age > STALE_TEMP) {
            // Gone already, or not ours to remove: either way nothing is lost.
            let _ = fs::remove_file(entry.path());
        }
    }
}

const TEMP_PREFIX: &str = ".state.";
const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` atomically, calling `hook` at each [`SaveStage`]; an error from
/// the hook aborts the save as a failed write would (the temporary file is removed).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    hook: &mut dyn FnMut(SaveStage) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    hook(SaveStage::TempWritten)?;
    // On failure the returned temporary file is dropped, which deletes it.
    temp.persist(path).map_err(|e| e.error)?;
    hook(SaveStage::Renamed)?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Folders cannot be opened for syncing here; the rename is still atomic.
    Ok(())
}
