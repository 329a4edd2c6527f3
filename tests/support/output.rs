//! What the program under test has written: the raw bytes and the `vt100` screen they draw,
//! kept up to date by a reader thread and shared with the test behind a mutex and a condvar.
//!
//! The reader polls rather than blocking in `read`, so a test can ask it to close its end of the
//! pty (`Pty::hang_up`): the pty is hung up only once every copy of the master is closed.
//!
//! The screen also answers the two queries a real terminal answers and that crossterm may send
//! (cursor position, `ESC [ 6 n`, and primary device attributes, `ESC [ c`), so a program
//! that asks is not left waiting for a reply that never comes.

use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use filedescriptor::{FileDescriptor, POLLIN, pollfd};

/// How often the reader looks up from waiting to see whether it should close.
const STOP_CHECK: Duration = Duration::from_millis(20);

/// The writer to the pty, shared by the test and the reader's replies; `None` once hung up.
pub type Writer = Arc<Mutex<Option<Box<dyn Write + Send>>>>;

/// The program's output so far.
pub struct Output {
    pub parser: vt100::Parser<Replies>,
    pub raw: Vec<u8>,
    /// The pty reported end of output: every holder of the terminal has closed it.
    pub ended: bool,
}

/// `Output` plus the signal that it changed.
pub struct Shared {
    output: Mutex<Output>,
    pub changed: Condvar,
    /// Asks the reader to close its copy of the master and stop.
    stop: AtomicBool,
}

impl Shared {
    pub fn new(rows: u16, cols: u16) -> Arc<Self> {
        Arc::new(Shared {
            output: Mutex::new(Output {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Replies::default()),
                raw: Vec::new(),
                ended: false,
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
        })
    }

    /// Tells the reader to close its end; `Output::ended` is set once it has.
    pub fn stop_reading(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Locks the output; a panicked reader thread leaves the data usable, so poison is ignored.
    pub fn lock(&self) -> MutexGuard<'_, Output> {
        self.output.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Replies the screen owes the program, collected while parsing and written after; and the
/// window titles and icon names the program asked for (a terminal shows them outside the screen).
#[derive(Default)]
pub struct Replies {
    pending: Vec<u8>,
    pub titles: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Replies {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, icon_name: &[u8]) {
        self.titles.push(icon_name.to_vec());
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        match (i1, c, first) {
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.pending.extend_from_slice(reply.as_bytes());
            }
            (None, 'c', 0) => self.pending.extend_from_slice(b"\x1b[?1;2c"),
            _ => {}
        }
    }
}

/// Copies everything the program writes into `shared` until the pty reports end of output or
/// the test asks the reader to stop. `reader` is a copy of the master, closed when this ends.
pub fn spawn_reader(mut reader: FileDescriptor, writer: Writer, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            if shared.stop.load(Ordering::SeqCst) {
                break;
            }
            let mut wait = [pollfd {
                fd: reader.as_raw_fd(),
                events: POLLIN,
                revents: 0,
            }];
            match filedescriptor::poll(&mut wait, Some(STOP_CHECK)) {
                Ok(0) => continue,
                Ok(_) => {}
                Err(_) => break,
            }
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                // Linux reports EIO once the last holder of the terminal has closed it.
                Err(_) => break,
            };
            let replies = {
                let mut output = shared.lock();
                output.raw.extend_from_slice(&buf[..n]);
                output.parser.process(&buf[..n]);
                std::mem::take(&mut output.parser.callbacks_mut().pending)
            };
            shared.changed.notify_all();
            if !replies.is_empty() {
                let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
                // The program may already be gone; a lost reply is then harmless.
                if let Some(writer) = writer.as_mut() {
                    let _ = writer.write_all(&replies).and_then(|()| writer.flush());
                }
            }
        }
        drop(reader);
        shared.lock().ended = true;
        shared.changed.notify_all();
    });
}
