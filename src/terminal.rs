//! Terminal set-up and restore, in one place.
//!
//! The alternate screen, raw mode, the hidden cursor and mouse capture are undone on every way
//! out: a normal quit (and any error, through `Drop`), a panic (the hook restores, then chains to
//! the previous hook), SIGTERM/SIGHUP/SIGINT/SIGQUIT (a signal thread asks the loop to stop and, if
//! it does not within a second — say the tty vanished and crossterm is spinning — restores and
//! exits itself), and Ctrl-Z or SIGTSTP (restore, stop, and re-enter on `fg`).
//!
//! A terminal that vanishes without a SIGHUP reaching wenji is noticed by [`hangup`]; restoring
//! it is then attempted once, and the failed writes are ignored.

pub mod hangup;

use std::io::{self, Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, TryLockError};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::wire::{ResetScrollRegion, Screen, Scroll};

/// Whether the terminal is currently in wenji's modes and needs restoring.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Held while writing to the terminal, so a restore from another thread never lands mid-frame.
static OUTPUT: Mutex<()> = Mutex::new(());
/// How long a restore waits for a frame in progress before writing anyway.
const OUTPUT_WAIT: Duration = Duration::from_millis(200);
/// How long the signal thread gives the main loop to stop before exiting on its own.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// What a signal asks of the app loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Leave now and exit with `128 + number`.
    Terminate(i32),
    /// Suspend to the shell (SIGTSTP).
    Suspend,
    /// We were continued after a stop: re-enter the modes and redraw everything.
    Resume,
}

/// The terminal while wenji owns it.
pub struct Tui {
    terminal: Screen<Stdout>,
}

impl Tui {
    /// Enters the alternate screen and raw mode, with the mouse captured when `mouse` is set.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        install_panic_hook();
        enter_modes(mouse)?;
        let terminal = Screen::new(stdout())?;
        Ok(Self { terminal })
    }

    pub fn size(&self) -> io::Result<Rect> {
        let size = self.terminal.size()?;
        Ok(Rect::new(0, 0, size.width, size.height))
    }

    pub fn draw(&mut self, render: impl FnOnce(&mut Frame<'_>)) -> io::Result<()> {
        let _output = lock_output();
        self.terminal.draw(render)
    }

    /// Says that the next frame shows `scroll`'s rows moved, for the terminal to move them itself
    /// when that is shorter than redrawing them.
    pub fn scroll_hint(&mut self, scroll: Scroll) {
        self.terminal.scroll_hint(scroll);
    }

    /// Writes `bytes` (an escape sequence such as OSC 52) straight to the terminal, between frames.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        let _output = lock_output();
        let mut out = stdout();
        out.write_all(bytes)?;
        out.flush()
    }

    /// Gives the terminal back to the shell and stops the process; returns after `fg`.
    pub fn suspend(&mut self, mouse: bool) -> io::Result<()> {
        restore();
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        self.resume(mouse)
    }

    /// Re-enters wenji's modes after a stop and forces a full redraw.
    pub fn resume(&mut self, mouse: bool) -> io::Result<()> {
        if !ACTIVE.load(Ordering::SeqCst) {
            enter_modes(mouse)?;
        }
        // A fresh `Screen` has empty buffers, so the next frame is drawn in full. (ratatui's own
        // `clear` asks the terminal for the cursor position, an answer the input thread would eat.)
        let _output = lock_output();
        execute!(stdout(), Clear(ClearType::All))?;
        self.terminal = Screen::new(stdout())?;
        Ok(())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
        // Before the `Terminal` inside is dropped and writes its parting words to standard error.
        hangup::quiet_stderr();
    }
}

fn enter_modes(mouse: bool) -> io::Result<()> {
    let _output = lock_output();
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Leaves every mode wenji set; safe to call from any thread, any number of times.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _output = lock_output();
    // Errors are ignored: the tty may already be gone (a dropped SSH session).
    // Raw mode goes first: once the screen is back, the shell may already be reading.
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(
        out,
        ResetScrollRegion,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = out.flush();
}

/// Takes the output lock, but never waits long: a panic mid-frame must still restore.
fn lock_output() -> Option<MutexGuard<'static, ()>> {
    let deadline = Instant::now() + OUTPUT_WAIT;
    loop {
        match OUTPUT.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(poisoned)) => return Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Starts the signal thread; `notify` passes each signal to the app loop.
pub fn watch_signals(notify: impl Fn(Signal) + Send + 'static) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => notify(Signal::Suspend),
                    SIGCONT => notify(Signal::Resume),
                    number => {
                        notify(Signal::Terminate(number));
                        thread::sleep(SHUTDOWN_GRACE);
                        restore();
                        std::process::exit(128 + number);
                    }
                }
            }
        })?;
    Ok(())
}
