//! FIFOs for tests of sources that are slow to read or never end.

use std::path::Path;
use std::process::Command;

/// Makes a FIFO at `path` with the system's `mkfifo`.
///
/// # Panics
/// If `mkfifo` cannot be run or fails.
pub fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}
