//! Driving a `State` as the app does, without a terminal: a frame drawn on ratatui's
//! `TestBackend` with the viewport the app would give and the keys it would name, and a search
//! typed key by key with each scan run to the end at once, as the worker would.

#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use wenji::action::Action;
use wenji::keymap::Keymap;
use wenji::search::engine::{self, Scope};
use wenji::search::index::Index;
use wenji::search::worker::Update;
use wenji::state::{Effect, Message, State};
use wenji::ui::layout::{Areas, Shape};
use wenji::ui::{self, theme::Theme};

/// Draws `state` at `width`×`height` in the default theme and keys, after setting its viewport.
pub fn draw(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_keyed(state, &Keymap::default(), width, height)
}

/// [`draw`], naming the keys as `keys` binds them.
pub fn draw_keyed(
    state: &mut State,
    keys: &Keymap,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let screen = Rect::new(0, 0, width, height);
    if let Some(areas) = Areas::new(screen, Shape::of(state)) {
        state.update(Message::Resize(areas.viewport(screen)));
    }
    terminal
        .draw(|frame| ui::render(frame, state, keys, &Theme::default()))
        .expect("draws");
    terminal
}

/// Types `query` into the search line over `index`, each key's scan run to the end.
pub fn type_search(state: &mut State, index: &Arc<Index>, query: &str) {
    state.on_search(Update::Ready {
        index: Arc::clone(index),
    });
    state.update(Action::StartSearch);
    for c in query.chars() {
        if let Effect::Search(job) = state.update(Action::SearchInput(c)) {
            engine::search(index, &job.query, Scope::All, &|| false, |results| {
                state.on_search(Update::Batch {
                    generation: job.generation,
                    results,
                });
            });
            state.on_search(Update::Done {
                generation: job.generation,
                complete: true,
            });
        }
    }
}
