//! The loop: draw, wait for an event, turn it into a [`Message`] for the state (a key into an
//! [`Action`](crate::action::Action) by the keymap the loop owns), perform the [`Effect`].
//!
//! Keys, mouse and resize events come from an input thread; signals from the signal thread; a
//! hung-up terminal from the hangup watch; all arrive on one channel, so the loop sleeps until
//! something happens. When the terminal is gone, the state is saved as on a quit and the session
//! ends with [`Exit::Hangup`], whether the watch said so or a draw failed on the dead terminal.
//!
//! The corpus loads in the background (`load`): the first frame is drawn at once, the list
//! fills as files are read, and the saved session (place, bookmarks) is opened when loading
//! ends. Keys that need an article, typed before the first one is read, wait for it.

mod engine;
mod load;

pub use load::Opening;

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event};

use crate::action::Action;
use crate::clipboard::{self, ClipboardOptions};
use crate::corpus::{LoadError, Warning};
use crate::keymap;
use crate::keymap::Keymap;
use crate::persist::CorpusId;
use crate::persist::keys::CorpusKeys;
use crate::search::worker::{Update, Worker};
use crate::session::{self, Session};
use crate::state::{Effect, KeyText, Message, Settings, State, tell};
use crate::terminal::{self, Signal, Tui};
use crate::theme::Theme;
use crate::ui;
use crate::ui::layout::{Areas, Shape};
use crate::ui::reader_place::ReaderPlace;

/// How soon a save that found another window saving is tried again.
const SAVE_RETRY: Duration = Duration::from_millis(100);

/// How a session ended.
#[derive(Debug)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it; the process should exit with `128 + number`.
    Signal(i32),
    /// The terminal went away without a SIGHUP reaching wenji; the process should exit with 129,
    /// as if one had.
    Hangup,
    /// Loading ended and not one article could be read.
    NothingReadable(LoadError),
}

/// What wakes the loop.
enum AppEvent {
    Terminal(Event),
    Signal(Signal),
    /// The search worker has news.
    Search(Update),
    /// The terminal can no longer be read.
    InputLost(std::io::Error),
    /// The terminal has hung up.
    Hangup,
}

/// What the browser starts with besides the corpus.
#[derive(Debug)]
pub struct Setup {
    pub settings: Settings,
    pub keymap: Keymap,
    /// Themes to cycle through with `t`, already adapted to the terminal's colours.
    pub themes: Vec<(String, Theme)>,
    /// The theme to start with.
    pub theme: usize,
    /// How citations are written.
    pub citation: String,
    /// What the open corpus is remembered by, and where (`None`: the usual state folder).
    pub corpus_id: CorpusId,
    pub state_dir: Option<PathBuf>,
}

/// Runs the browser on what `opening` names until the user quits, a signal ends it or the
/// terminal goes. `problems` (with the config, say) are listed in `!` before the corpus's
/// warnings.
pub fn run(opening: Opening, problems: Vec<Warning>, setup: Setup) -> Result<Exit> {
    match browse(opening, problems, setup) {
        // Gone before the loop began (say while a large corpus loaded): nothing was changed, so
        // nothing to save, and no one to tell.
        Err(_) if terminal::hangup::is_gone() => {
            terminal::hangup::quiet_stderr();
            Ok(Exit::Hangup)
        }
        outcome => outcome,
    }
}

fn browse(opening: Opening, problems: Vec<Warning>, setup: Setup) -> Result<Exit> {
    let Setup {
        settings,
        keymap,
        themes,
        theme,
        corpus_id,
        state_dir,
        citation,
    } = setup;
    let mouse = settings.mouse;
    let (sender, events) = mpsc::channel();
    let signal_sender = sender.clone();
    terminal::watch_signals(move |signal| {
        let _ = signal_sender.send(AppEvent::Signal(signal));
    })
    .context("cannot watch for signals")?;
    let hangup_sender = sender.clone();
    terminal::hangup::watch(move || {
        let _ = hangup_sender.send(AppEvent::Hangup);
    })
    .context("cannot watch the terminal")?;
    let mut state = State::loading_with(settings, problems);
    tell(&mut state, Message::Keys(KeyText::of(&keymap)));
    tell(&mut state, Message::Citation(citation));
    let names = themes.iter().map(|(name, _)| name.clone()).collect();
    tell(
        &mut state,
        Message::Themes {
            names,
            current: theme,
        },
    );
    let config_problem = state
        .corpus()
        .warnings
        .iter()
        .find(|w| w.source.starts_with("config") || w.source == "theme")
        .map(ToString::to_string);
    if let Some(first) = config_problem {
        tell(&mut state, Message::Notice(first));
    }
    let search_sender = sender.clone();
    let worker = engine::spawn(opening.index_file(), move |update| {
        let _ = search_sender.send(AppEvent::Search(update));
    })
    .context("cannot start the search worker")?;
    let keys = load::spawn(opening, worker.feeder()).context("cannot start loading")?;
    // crossterm starts listening for SIGWINCH when its event source is first used; do that before
    // the first frame, or a resize right after start-up goes unseen until the next key.
    event::poll(Duration::ZERO).context("cannot read the terminal")?;
    let mut tui = Tui::enter(mouse).context("cannot set up the terminal")?;
    spawn_input(sender);
    let mut app = App {
        session: None,
        opening: Some((state_dir, corpus_id, keys)),
        waiting: Vec::new(),
        acted: false,
        tui: &mut tui,
        state: &mut state,
        keymap: &keymap,
        worker: &worker,
        mouse,
        areas: None,
        reader_shown: None,
    };
    let exit = app.run(&themes, &events);
    let report = app.session.as_ref().and_then(Session::quit_report);
    // Said on the restored terminal, where it stays readable after wenji is gone.
    drop(tui);
    if let Some(report) = report {
        eprintln!("wenji: {report}");
    }
    exit
}

/// The loop's working set.
struct App<'a> {
    tui: &'a mut Tui,
    /// The saved session, opened once the corpus has loaded.
    session: Option<Session>,
    /// Where the session is to be opened from, and the article keys the loader makes for it,
    /// until it is.
    opening: Option<(Option<PathBuf>, CorpusId, Receiver<CorpusKeys>)>,
    /// Actions that need an article, typed before the first was read.
    waiting: Vec<Action>,
    /// The user has done something: the saved place is not restored over it.
    acted: bool,
    state: &'a mut State,
    /// The keys in effect: the loop looks keys up in it, the screen names them by it.
    keymap: &'a Keymap,
    worker: &'a Worker,
    mouse: bool,
    /// Where the panes were at the last draw, for the mouse.
    areas: Option<Areas>,
    /// Where the last frame drew the reader, to scroll its rows in place.
    reader_shown: Option<ReaderPlace>,
}

impl App<'_> {
    fn run(&mut self, themes: &[(String, Theme)], events: &Receiver<AppEvent>) -> Result<Exit> {
        loop {
            match self.turn(themes, events) {
                Ok(None) => {}
                Ok(Some(exit)) => return Ok(exit),
                // A draw (or a resume) failed because the terminal is gone: not an error to
                // report, and nowhere to report it.
                Err(_) if terminal::hangup::is_gone() => return Ok(self.hang_up()),
                Err(error) => return Err(error),
            }
        }
    }

    /// Draws once, then handles everything that has arrived by the time the loop wakes.
    fn turn(
        &mut self,
        themes: &[(String, Theme)],
        events: &Receiver<AppEvent>,
    ) -> Result<Option<Exit>> {
        let screen = self.tui.size()?;
        self.areas = Areas::new(screen, Shape::of(self.state));
        if let Some(areas) = self.areas {
            tell(self.state, Message::Resize(areas.viewport(screen)));
        }
        let place = self
            .areas
            .and_then(|areas| ReaderPlace::of(self.state, areas));
        if let Some(scroll) = self
            .reader_shown
            .zip(place)
            .and_then(|(shown, next)| shown.scroll_to(&next))
        {
            self.tui.scroll_hint(scroll);
        }
        let (state, keys) = (&*self.state, self.keymap);
        let theme = &themes[state.theme().min(themes.len() - 1)].1;
        self.tui
            .draw(|frame| ui::render(frame, state, keys, theme))?;
        self.reader_shown = place;
        // Handle everything already waiting before drawing again: typing fast never lags.
        let Some(first) = self.next_event(events)? else {
            return Ok(None);
        };
        for event in std::iter::once(first).chain(events.try_iter()) {
            if let Some(exit) = self.handle(event)? {
                return Ok(Some(exit));
            }
        }
        Ok(None)
    }

    /// Saves what a quit saves and ends the session; a problem saving has nowhere to be shown.
    fn hang_up(&mut self) -> Exit {
        self.save_before_quit();
        Exit::Hangup
    }

    /// Saves the place and bookmarks, if the session is open (quitting while the corpus still
    /// loads leaves the saved place as it was).
    fn save_before_quit(&mut self) {
        if let Some(session) = &mut self.session {
            session.save_before_quit(self.state);
        }
    }

    /// Waits for the next event. While a save waits for another window's, the wait is cut
    /// short to try it again (`None`: tried, nothing else happened).
    fn next_event(&mut self, events: &Receiver<AppEvent>) -> Result<Option<AppEvent>> {
        let Some(session) = self.session.as_mut().filter(|s| s.pending()) else {
            return events.recv().map(Some).context("event channel closed");
        };
        match events.recv_timeout(SAVE_RETRY) {
            Ok(event) => Ok(Some(event)),
            Err(RecvTimeoutError::Timeout) => {
                session.retry(self.state);
                Ok(None)
            }
            Err(RecvTimeoutError::Disconnected) => Err(anyhow::anyhow!("event channel closed")),
        }
    }

    fn handle(&mut self, event: AppEvent) -> Result<Option<Exit>> {
        let action = match event {
            AppEvent::Terminal(Event::Key(key)) => {
                fault::on_key();
                self.keymap.action(self.state.mode(), key)
            }
            AppEvent::Terminal(Event::Paste(text)) => keymap::paste_action(self.state.mode(), text),
            AppEvent::Terminal(Event::Mouse(mouse)) => self
                .areas
                .and_then(|a| keymap::mouse_action(mouse, a.list, a.reader)),
            AppEvent::Terminal(_) => None,
            AppEvent::Search(update) => return self.on_search(update),
            AppEvent::Signal(Signal::Terminate(number)) => {
                self.save_before_quit();
                return Ok(Some(Exit::Signal(number)));
            }
            AppEvent::Signal(Signal::Suspend) => {
                self.tui.suspend(self.mouse)?;
                None
            }
            AppEvent::Signal(Signal::Resume) => {
                self.tui.resume(self.mouse)?;
                None
            }
            AppEvent::InputLost(error) => return Err(error).context("lost the terminal"),
            AppEvent::Hangup => return Ok(Some(self.hang_up())),
        };
        match action {
            Some(action) if self.state.awaits_articles(&action) => {
                self.waiting.push(action);
                Ok(None)
            }
            Some(action) => self.act(action),
            None => Ok(None),
        }
    }

    fn act(&mut self, action: Action) -> Result<Option<Exit>> {
        self.acted = true;
        let before = Session::position(self.state);
        let effect = self.state.update(action);
        if let Some(session) = &mut self.session {
            session.follow(self.state, before);
        }
        self.perform(effect)
    }

    /// News from the worker; a part of the corpus may let waiting keys act, and the last one
    /// opens the session (or ends the browser when nothing could be read).
    fn on_search(&mut self, update: Update) -> Result<Option<Exit>> {
        let done = matches!(&update, Update::Grown(growth) if growth.progress.done);
        let effect = self.state.update(Message::Search(update));
        if let Some(exit) = self.perform(effect)? {
            return Ok(Some(exit));
        }
        if !self.state.corpus().articles.is_empty() {
            for action in std::mem::take(&mut self.waiting) {
                if let Some(exit) = self.act(action)? {
                    return Ok(Some(exit));
                }
            }
        }
        if done {
            return Ok(self.loaded());
        }
        Ok(None)
    }

    /// Loading has ended: opens the saved session, putting the reader back where it was unless
    /// the user has already gone somewhere.
    fn loaded(&mut self) -> Option<Exit> {
        if self.state.corpus().articles.is_empty() {
            let warnings = self.state.corpus().warnings.clone();
            return Some(Exit::NothingReadable(LoadError::NothingReadable {
                warnings,
            }));
        }
        let (state_dir, corpus_id, keys) = self.opening.take()?;
        // Sent before the last part, so it is there; made here only if the loader is gone.
        let corpus = self.state.corpus();
        let keys = keys.try_recv().unwrap_or_else(|_| CorpusKeys::new(corpus));
        let (mut session, problems) = Session::open_with(state_dir, corpus, corpus_id, keys);
        if self.acted {
            session.follow_from_here(self.state);
        } else {
            session.restore(self.state);
        }
        if let Some(problem) = problems.first() {
            tell(self.state, Message::Notice(problem.clone()));
        }
        let warnings = problems.into_iter().map(session::state_warning).collect();
        tell(self.state, Message::Warnings(warnings));
        self.session = Some(session);
        None
    }

    /// Does what an update asked for.
    fn perform(&mut self, effect: Effect) -> Result<Option<Exit>> {
        match effect {
            Effect::None => {}
            Effect::Quit => {
                self.save_before_quit();
                return Ok(Some(Exit::Quit));
            }
            Effect::Suspend => self.tui.suspend(self.mouse)?,
            Effect::Search(request) => self.worker.submit(request),
            Effect::Copy { text, what } => {
                let mut sequence = Vec::new();
                let sent = clipboard::copy(&text, &mut sequence, &ClipboardOptions::from_env())?;
                self.tui.write_raw(&sequence)?;
                tell(self.state, Message::Notice(sent.describe(&what)));
            }
            Effect::ToggleBookmark { .. }
            | Effect::SetNote { .. }
            | Effect::DeleteBookmark { .. } => {
                self.bookmark(effect);
            }
        }
        Ok(None)
    }

    /// Makes, annotates or deletes a bookmark and saves it; while the corpus loads (the
    /// session is not open yet) the status bar says to wait.
    fn bookmark(&mut self, effect: Effect) {
        let Some(session) = &mut self.session else {
            let notice = "bookmarks can be made once the corpus has loaded".to_owned();
            tell(self.state, Message::Notice(notice));
            return;
        };
        match effect {
            Effect::ToggleBookmark { article, paragraph } => {
                if let Some(id) = session.toggle_bookmark(self.state, article, paragraph) {
                    tell(self.state, Message::AskNote(id));
                }
            }
            Effect::SetNote { id, note } => session.set_note(self.state, &id, &note),
            Effect::DeleteBookmark { id } => session.delete_bookmark(self.state, &id),
            _ => return,
        }
        session.save_after_bookmark(self.state);
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
