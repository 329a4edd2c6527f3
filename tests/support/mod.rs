//! End-to-end test harness: runs a real program in a pseudo-terminal of a chosen size, types
//! keys into it and reads the screen as a person would see it, through a `vt100` emulator fed
//! by a reader thread. Waits are bounded and, when they run out, the error shows the whole
//! screen, so a failing test explains itself. Dropping a `Pty` kills whatever is still running.
//!
//! `hang_up` closes the terminal under the program, as a dropped SSH session does.
//!
//! Checks on how the program leaves the terminal read its output (alternate screen, cursor,
//! mouse capture) and the terminal's own settings (raw mode, through the pty's termios, which
//! outlives the program: assert `pty.cooked_mode()` after `wait_exit`).
//!
//! ```ignore
//! let mut pty = Pty::wenji(&[], 80, 24, &[]);
//! pty.wait_for("文集", PATIENCE)?;
//! pty.press(Key::Down);
//! pty.send_keys("q");
//! pty.wait_exit(PATIENCE).expect("wenji quits on q");
//! pty.terminal_restored()?;
//! ```
#![allow(dead_code)] // each test binary uses its own part of the harness

mod command;
pub mod fifo;
mod key;
mod output;
mod restore;
mod sandbox;

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use nix::unistd::Pid;
use portable_pty::MasterPty;

pub use command::PtyCommand;
pub use key::Key;
pub use nix::sys::signal::Signal;
pub use sandbox::Sandbox;

use output::{Output, Shared};

/// How long a test should wait for anything: generous, because CI shares two loaded cores.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// Writes a file dated a minute ago, so it has settled and the load cache keeps it.
pub fn write_settled(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).expect("write");
    let time = std::time::SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(time))
        .expect("set the time");
}

/// How often `wait_exit` asks whether the child is gone.
const EXIT_POLL: Duration = Duration::from_millis(10);

/// How a finished program ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitInfo {
    /// The exit code, when it exited by itself.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<Signal>,
}

impl ExitInfo {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<std::process::ExitStatus> for ExitInfo {
    fn from(status: std::process::ExitStatus) -> Self {
        use std::os::unix::process::ExitStatusExt;
        ExitInfo {
            code: status.code(),
            signal: status.signal().and_then(|s| Signal::try_from(s).ok()),
        }
    }
}

/// A program running in a pseudo-terminal, and the screen it has drawn.
pub struct Pty {
    shared: Arc<Shared>,
    /// `None` once the test has hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: output::Writer,
    child: std::process::Child,
    _sandbox: Option<Sandbox>,
}

impl Pty {
    /// Describes a program to start; see `PtyCommand` for the settings.
    pub fn command(program: impl AsRef<OsStr>) -> PtyCommand {
        PtyCommand::new(program.as_ref())
    }

    /// Starts `program` with `args` in a `cols`×`rows` pty, with `env` on top of the defaults.
    pub fn spawn(
        program: impl AsRef<OsStr>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        Pty::described(program, args, cols, rows, env).spawn()
    }

    /// `program` with `args`, a `cols`×`rows` pty and `env` on top of the defaults.
    fn described(
        program: impl AsRef<OsStr>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> PtyCommand {
        env.iter()
            .fold(Pty::command(program), |cmd, (k, v)| cmd.env(k, v))
            .args(args)
            .size(cols, rows)
    }

    /// Starts the wenji binary built for this test run, in a fresh `Sandbox`.
    pub fn wenji(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::wenji_in(Sandbox::new(), args, cols, rows, env)
    }

    /// Like `wenji`, in a sandbox the test has already filled (a config file, saved state).
    pub fn wenji_in(
        sandbox: Sandbox,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        Pty::described(env!("CARGO_BIN_EXE_wenji"), args, cols, rows, env)
            .sandbox(sandbox)
            .spawn()
    }

    /// Writes `bytes` to the program as if typed.
    ///
    /// # Panics
    /// If the pty cannot be written to.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let writer = writer.as_mut().expect("the terminal was hung up");
        writer
            .write_all(bytes.as_ref())
            .and_then(|()| writer.flush())
            .expect("write to the pty");
    }

    /// Types `keys` as-is (UTF-8 text; `\r` is Enter).
    pub fn send_keys(&mut self, keys: &str) {
        self.send(keys);
    }

    /// Presses one named key.
    pub fn press(&mut self, key: Key) {
        self.send(key.bytes());
    }

    /// Waits until the screen shows `what`.
    ///
    /// # Errors
    /// On timeout, or when the output ends without it; the error holds the screen.
    pub fn wait_for(&self, what: &str, timeout: Duration) -> Result<(), String> {
        self.wait_screen(&format!("{what:?}"), timeout, |screen| {
            screen_text(screen).contains(what)
        })
    }

    /// Waits until `pred` holds for the screen.
    ///
    /// # Errors
    /// On timeout, or when the output ends without it; the error holds the screen.
    pub fn wait_until(
        &self,
        pred: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> Result<(), String> {
        self.wait_screen("the screen condition", timeout, pred)
    }

    fn wait_screen(
        &self,
        description: &str,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        let mut output = self.shared.lock();
        loop {
            if pred(output.parser.screen()) {
                return Ok(());
            }
            if output.ended {
                let why = format!("the program's output ended without {description}");
                return Err(explain(&why, &output));
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                let why = format!("timed out after {timeout:?} waiting for {description}");
                return Err(explain(&why, &output));
            };
            output = self
                .shared
                .changed
                .wait_timeout(output, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// The screen's text: one line per row, trailing spaces trimmed.
    pub fn screen_text(&self) -> String {
        screen_text(self.shared.lock().parser.screen())
    }

    /// A copy of the emulated screen, for cells, colours and modes.
    pub fn screen(&self) -> vt100::Screen {
        self.shared.lock().parser.screen().clone()
    }

    /// Row `n` (from 0) of the screen, trailing spaces trimmed; empty past the last row.
    pub fn row(&self, n: usize) -> String {
        screen_rows(self.shared.lock().parser.screen())
            .nth(n)
            .unwrap_or_default()
    }

    /// Every window title and icon name the program has set (`ESC ] 0;…`, `1;…`, `2;…`).
    pub fn window_titles(&self) -> Vec<Vec<u8>> {
        self.shared.lock().parser.callbacks().titles.clone()
    }

    /// Every byte the program has written so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` to the program.
    ///
    /// # Panics
    /// If the signal cannot be sent.
    pub fn signal(&self, signal: Signal) {
        nix::sys::signal::kill(self.nix_pid(), signal)
            .unwrap_or_else(|e| panic!("send {signal} to the program: {e}"));
    }

    fn nix_pid(&self) -> Pid {
        Pid::from_raw(i32::try_from(self.child.id()).expect("a pid fits in pid_t"))
    }

    /// Resizes the terminal; the program gets `SIGWINCH`.
    ///
    /// # Panics
    /// If the pty refuses the size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator first, so whatever the program draws in answer lands on the new size.
        self.shared.lock().parser.screen_mut().set_size(rows, cols);
        self.master()
            .resize(command::pty_size(cols, rows))
            .expect("resize the pty");
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the terminal was hung up")
    }

    /// Closes every copy of the pty's master, as a dropped SSH session or a killed tmux pane
    /// does: the program's terminal is hung up (reads give end of file, writes fail). The
    /// screen as last drawn stays readable; keys can no longer be sent.
    ///
    /// # Panics
    /// If the reader does not let go of the master within `PATIENCE`.
    pub fn hang_up(&mut self) {
        self.writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        self.master.take();
        self.shared.stop_reading();
        let deadline = Instant::now() + PATIENCE;
        let mut output = self.shared.lock();
        while !output.ended {
            let left = deadline
                .checked_duration_since(Instant::now())
                .expect("the reader closes its end of the pty");
            output = self
                .shared
                .changed
                .wait_timeout(output, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits for the program to end, then for its last output to reach the screen.
    /// `None` if it is still running at the timeout.
    ///
    /// # Panics
    /// If the child's status cannot be read.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitInfo> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("read the child's status") {
                break status;
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(EXIT_POLL);
        };
        // The output ends when the last holder of the terminal closes it: usually at once, later
        // if the program left a background process behind.
        let mut output = self.shared.lock();
        while !output.ended {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            output = self
                .shared
                .changed
                .wait_timeout(output, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Some(status.into())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // While unreaped, the pid (and so its process group) cannot belong to anyone else.
        if let Ok(None) = self.child.try_wait() {
            // The child leads its own session and group; this reaches what it started too.
            let _ = nix::sys::signal::killpg(self.nix_pid(), Signal::SIGKILL);
            let _ = self.child.wait();
        }
    }
}

fn screen_rows(screen: &vt100::Screen) -> impl Iterator<Item = String> + '_ {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .map(|row| row.trim_end_matches(' ').to_owned())
}

fn screen_text(screen: &vt100::Screen) -> String {
    screen_rows(screen).collect::<Vec<_>>().join("\n")
}

/// `why`, then the screen with row numbers, so a failed wait shows what was there instead.
fn explain(why: &str, output: &Output) -> String {
    let screen = output.parser.screen();
    let (rows, cols) = screen.size();
    let (cursor_row, cursor_col) = screen.cursor_position();
    let mut text = format!(
        "{why}\nscreen {cols}x{rows}, cursor at row {cursor_row} col {cursor_col}{}{}\n",
        if screen.alternate_screen() {
            ", alternate screen"
        } else {
            ""
        },
        if output.ended { ", output ended" } else { "" },
    );
    for (n, row) in screen_rows(screen).enumerate() {
        let _ = writeln!(text, "{n:>3}|{row}");
    }
    text
}
