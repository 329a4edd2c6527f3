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
//! When something fails, [`is_gone`] tells a vanished terminal from a real error, and
//! [`quiet_stderr`] sends standard error that was that terminal to `/dev/null`, so a last
//! message cannot panic on it. What to do about a hangup (save, exit with 129) is the app
//! loop's call.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::thread;

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// Starts the watch; `notify` is called once, from a thread of its own, when the terminal is
/// gone.
pub fn watch(notify: impl FnOnce() + Send + 'static) -> io::Result<()> {
    let input = input()?;
    thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            if wait(input.as_fd(), None) == Some(true) {
                notify();
            }
        })?;
    Ok(())
}

/// Whether the terminal wenji draws on (standard output) is gone, without waiting: asked when
/// something failed, to tell a vanished terminal from a real error.
pub fn is_gone() -> bool {
    gone_now(io::stdout().as_fd())
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

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timespec = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };

    #[test]
    fn a_live_descriptor_is_not_gone_and_one_whose_other_end_closed_is() {
        let (reader, writer) = io::pipe().expect("a pipe");
        assert_eq!(wait(reader.as_fd(), Some(&NOW)), Some(false));
        drop(writer);
        assert_eq!(wait(reader.as_fd(), Some(&NOW)), Some(true));
        // And without a timeout the wait returns at once rather than sleeping.
        assert_eq!(wait(reader.as_fd(), None), Some(true));
    }

    #[test]
    fn data_waiting_to_be_read_is_not_a_hangup() {
        let (reader, mut writer) = io::pipe().expect("a pipe");
        io::Write::write_all(&mut writer, b"key").expect("write");
        assert_eq!(wait(reader.as_fd(), Some(&NOW)), Some(false));
    }
}
