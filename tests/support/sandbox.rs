//! A throwaway home for the program under test: `HOME` and the XDG directories point into a
//! fresh temporary directory, so a test can never read or overwrite the user's configuration
//! or state. The directory is removed when the `Sandbox` (or the `Pty` holding it) is dropped.

use std::path::{Path, PathBuf};

/// A fresh temporary directory standing in for the user's home and XDG directories.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// Creates the directory with empty `home`, `config`, `state`, `data` and `cache` inside.
    ///
    /// # Panics
    /// If the temporary directory cannot be created.
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("wenji-test-")
            .tempdir()
            .expect("create a temporary directory for the test's home");
        let sandbox = Sandbox { dir };
        for (_, path) in sandbox.env() {
            std::fs::create_dir_all(&path).expect("create a directory inside the test's home");
        }
        sandbox
    }

    /// The temporary directory itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// What `XDG_CONFIG_HOME` points at; a test writes `wenji/…` files here before spawning.
    pub fn config_dir(&self) -> PathBuf {
        self.path().join("config")
    }

    /// What `XDG_STATE_HOME` points at.
    pub fn state_dir(&self) -> PathBuf {
        self.path().join("state")
    }

    /// The variables that send the program here instead of to the user's files.
    pub fn env(&self) -> [(&'static str, PathBuf); 5] {
        [
            ("HOME", self.path().join("home")),
            ("XDG_CONFIG_HOME", self.config_dir()),
            ("XDG_STATE_HOME", self.state_dir()),
            ("XDG_DATA_HOME", self.path().join("data")),
            ("XDG_CACHE_HOME", self.path().join("cache")),
        ]
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}
