//! Noticing that the terminal has gone away: an SSH session dropped, a tmux pane killed, a
//! terminal window closed.
//!
//! The kernel sends SIGHUP to the session leader when that happens, but a shell that ignores it
//! (`trap '' HUP`, `nohup`, some job managers) stays the leader, and wenji then hears nothing.
//! crossterm's reader does not notice either: it reads end of file from the dead terminal and
//! tries again at once, for ever, at full speed (crossterm issue #793). So a thread of its own
//! waits in `poll(2)` on the terminal crossterm reads keys from, asking for no events at all:
//! a hangup or an error is reported whatever is asked, so the thread sleeps until the terminal
//! is gone, then says so once.
//!
//! Where `poll` cannot watch a terminal at all (macOS answers "invalid" for terminal devices)
//! the thread ends at once and a vanished terminal is noticed only through SIGHUP, as before.
//!
//! This module only watches; what to do about it (save, exit with 129) is the app loop's call.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::OnceLock;
use std::thread;

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// A copy of the terminal crossterm reads keys from, once the watch has started.
static INPUT: OnceLock<OwnedFd> = OnceLock::new();

/// Starts the watch; `notify` is called once, from a thread of its own, when the terminal is
/// gone. Only the first call starts a watch.
pub fn watch(notify: impl FnOnce() + Send + 'static) -> io::Result<()> {
    if INPUT.set(input()?).is_err() {
        return Ok(());
    }
    let Some(input) = INPUT.get() else {
        return Ok(());
    };
    thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            if wait(input.as_fd(), None) == Some(true) {
                notify();
            }
        })?;
    Ok(())
}

/// Whether the watched terminal is gone, without waiting; false when nothing is watched.
pub fn is_gone() -> bool {
    INPUT.get().is_some_and(|input| gone_now(input.as_fd()))
}

/// Points standard error at `/dev/null` when it is a terminal that has gone (or a pipe nobody
/// reads): `eprintln!` panics when its write fails, and ratatui says "Failed to show the cursor"
/// there as it is dropped. Standard error to a file or a live terminal is left alone.
pub fn quiet_stderr() {
    if !gone_now(io::stderr().as_fd()) {
        return;
    }
    if let Ok(null) = File::options().write(true).open("/dev/null") {
        let _ = rustix::stdio::dup2_stderr(&null);
    }
}

fn gone_now(fd: BorrowedFd<'_>) -> bool {
    wait(fd, Some(&Timespec::default())) == Some(true)
}

/// Waits up to `timeout` (`None`: for ever) for `fd` to hang up or fail: `Some(true)` if it
/// did, `Some(false)` if the time ran out, `None` if `poll` cannot watch it.
fn wait(fd: BorrowedFd<'_>, timeout: Option<&Timespec>) -> Option<bool> {
    loop {
        let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::empty())];
        match poll(&mut fds, timeout) {
            Ok(0) => return Some(false),
            Ok(_) => {
                let revents = fds[0].revents();
                if revents.contains(PollFlags::NVAL) {
                    return None;
                }
                return Some(revents.intersects(PollFlags::HUP | PollFlags::ERR));
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return None,
        }
    }
}

/// A copy of what crossterm reads keys from: standard input when it is a terminal, else
/// `/dev/tty`, the same choice crossterm makes.
fn input() -> io::Result<OwnedFd> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        return stdin.as_fd().try_clone_to_owned();
    }
    File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map(OwnedFd::from)
}
