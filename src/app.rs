//! The loop: draw, wait for an event, turn it into an [`Action`], update the state, perform the
//! [`Effect`].
//!
//! Keys, mouse and resize events come from an input thread; signals from the signal thread; both
//! arrive on one channel, so the loop sleeps until something happens.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event};

use crate::corpus::Corpus;
use crate::keymap;
use crate::state::{Effect, Settings, State};
use crate::terminal::{self, Signal, Tui};
use crate::ui::{self, layout::Areas, theme::Theme};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the process should exit with `128 + number`.
    Signal(i32),
}

/// What wakes the loop.
enum AppEvent {
    Terminal(Event),
    Signal(Signal),
    /// The terminal can no longer be read.
    InputLost(std::io::Error),
}

/// Runs the browser on `corpus` until the user quits or a signal ends it.
pub fn run(corpus: Corpus, settings: Settings) -> Result<Exit> {
    let mouse = true;
    let (sender, events) = mpsc::channel();
    let signal_sender = sender.clone();
    terminal::watch_signals(move |signal| {
        let _ = signal_sender.send(AppEvent::Signal(signal));
    })
    .context("cannot watch for signals")?;
    let mut tui = Tui::enter(mouse).context("cannot set up the terminal")?;
    spawn_input(sender);
    let mut state = State::with_settings(corpus, settings);
    let theme = Theme::default();
    event_loop(&mut tui, &mut state, &theme, &events, mouse)
}

fn event_loop(
    tui: &mut Tui,
    state: &mut State,
    theme: &Theme,
    events: &Receiver<AppEvent>,
    mouse: bool,
) -> Result<Exit> {
    loop {
        let screen = tui.size()?;
        let areas = Areas::new(screen);
        if let Some(areas) = areas {
            state.set_viewport(areas.viewport(screen));
        }
        tui.draw(|frame| ui::render(frame, state, theme))?;
        let action = match events.recv().context("event channel closed")? {
            AppEvent::Terminal(Event::Key(key)) => {
                fault::on_key();
                keymap::action(state.mode(), key)
            }
            AppEvent::Terminal(Event::Mouse(mouse_event)) => {
                areas.and_then(|a| keymap::mouse_action(mouse_event, a.list, a.reader))
            }
            AppEvent::Terminal(_) => None,
            AppEvent::Signal(Signal::Terminate(number)) => return Ok(Exit::Signal(number)),
            AppEvent::Signal(Signal::Suspend) => {
                tui.suspend(mouse)?;
                None
            }
            AppEvent::Signal(Signal::Resume) => {
                tui.resume(mouse)?;
                None
            }
            AppEvent::InputLost(error) => return Err(error).context("lost the terminal"),
        };
        match action.map_or(Effect::None, |a| state.update(a)) {
            Effect::None => {}
            Effect::Quit => return Ok(Exit::Quit),
            Effect::Suspend => tui.suspend(mouse)?,
        }
    }
}

/// Reads terminal events on a thread of its own, so the loop can also wait for signals.
fn spawn_input(sender: Sender<AppEvent>) {
    thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => AppEvent::Terminal(event),
                Err(error) => {
                    let _ = sender.send(AppEvent::InputLost(error));
                    return;
                }
            };
            if sender.send(message).is_err() {
                return;
            }
        }
    });
}

/// Fault injection for the end-to-end tests, compiled into debug builds only.
mod fault {
    /// With `WENJI_TEST_PANIC_ON_KEY` set, the first key press panics, so a test can check that
    /// the panic hook restores the terminal.
    pub fn on_key() {
        #[cfg(debug_assertions)]
        assert!(
            std::env::var_os("WENJI_TEST_PANIC_ON_KEY").is_none(),
            "panic injected by WENJI_TEST_PANIC_ON_KEY"
        );
    }
}
