//! How a program is started in a pty: its arguments, the terminal size, a clean environment
//! (only a few inherited variables, so a developer's `NO_COLOR`, `TMUX`, `COLORTERM`, `LINES` or
//! `COLUMNS` never changes a result), the working directory and an optional `Sandbox`.

use std::ffi::{OsStr, OsString};
use std::os::fd::{AsRawFd, RawFd};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use filedescriptor::FileDescriptor;
use portable_pty::{CommandBuilder, PtySize};

use super::output::{self, Shared};
use super::{Pty, Sandbox};

/// Variables a test run may rely on; everything else in the environment is dropped.
const INHERITED: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "TMPDIR",
    "RUST_BACKTRACE",
    "RUST_LOG",
    "LLVM_PROFILE_FILE",
];

/// Set for every program unless the test gives its own value.
const DEFAULTS: &[(&str, &str)] = &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")];

/// A program to start in a pty; `Pty::command` makes one, `spawn` starts it.
pub struct PtyCommand {
    program: OsString,
    args: Vec<OsString>,
    cols: u16,
    rows: u16,
    env: Vec<(OsString, OsString)>,
    cwd: PathBuf,
    sandbox: Option<Sandbox>,
}

impl PtyCommand {
    pub(super) fn new(program: &OsStr) -> Self {
        PtyCommand {
            program: program.to_owned(),
            args: Vec::new(),
            cols: 80,
            rows: 24,
            env: Vec::new(),
            cwd: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            sandbox: None,
        }
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// The terminal's size; 80×24 unless set.
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        (self.cols, self.rows) = (cols, rows);
        self
    }

    /// Sets a variable, overriding the defaults and the sandbox.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The working directory; the crate root unless set.
    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = dir.into();
        self
    }

    /// Points `HOME` and the XDG directories into `sandbox`, which lives as long as the `Pty`.
    pub fn sandbox(mut self, sandbox: Sandbox) -> Self {
        self.sandbox = Some(sandbox);
        self
    }

    /// Starts the program.
    ///
    /// # Panics
    /// If the pty cannot be opened or the program cannot be started.
    pub fn spawn(self) -> Pty {
        let mut command = CommandBuilder::new(&self.program);
        command.args(&self.args);
        command.cwd(&self.cwd);
        command.env_clear();
        for name in INHERITED {
            if let Some(value) = std::env::var_os(name) {
                command.env(name, value);
            }
        }
        for (name, value) in DEFAULTS {
            command.env(name, value);
        }
        for (name, path) in self.sandbox.iter().flat_map(Sandbox::env) {
            command.env(name, path);
        }
        for (name, value) in &self.env {
            command.env(name, value);
        }

        let pair = portable_pty::native_pty_system()
            .openpty(pty_size(self.cols, self.rows))
            .expect("open a pseudo-terminal");
        let child = pair
            .slave
            .spawn_command(command)
            .unwrap_or_else(|e| panic!("start {} in a pty: {e}", self.program.display()));
        // Only the child may hold the terminal, so its exit ends the output.
        drop(pair.slave);
        let child = child
            .into_any()
            .downcast::<std::process::Child>()
            .expect("portable-pty starts a std::process::Child on unix");

        let shared = Shared::new(self.rows, self.cols);
        // A copy of the master the reader can poll (portable-pty's own reader can only block).
        let master_fd = pair
            .master
            .as_raw_fd()
            .expect("the pty master has a descriptor");
        let reader = FileDescriptor::dup(&Descriptor(master_fd)).expect("read from the pty");
        let writer = Arc::new(Mutex::new(Some(
            pair.master.take_writer().expect("write to the pty"),
        )));
        output::spawn_reader(reader, Arc::clone(&writer), Arc::clone(&shared));
        Pty {
            shared,
            master: Some(pair.master),
            writer,
            child: *child,
            _sandbox: self.sandbox,
        }
    }
}

/// A descriptor borrowed for the moment `FileDescriptor::dup` copies it.
struct Descriptor(RawFd);

impl AsRawFd for Descriptor {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

pub(super) fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}
