//! Driving a `State` as the app does, without a terminal: a frame drawn on ratatui's
//! `TestBackend` with the viewport the app would give and the keys it would name, and a search
//! typed key by key with each request answered to the end at once by an engine, as the worker
//! would.

#![allow(dead_code)] // each test binary uses its own part of the helpers

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use wenji::action::Action;
use wenji::keymap::Keymap;
use wenji::search::Engine;
use wenji::search::worker::Update;
use wenji::state::{Effect, Message, State};
use wenji::theme::Theme;
use wenji::ui;
use wenji::ui::layout::{Areas, Shape};

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

/// Types `query` into the search line, each key's request answered to the end by `engine`.
pub fn type_search(state: &mut State, engine: &mut dyn Engine, query: &str) {
    state.update(Message::Search(Update::Ready));
    state.update(Action::StartSearch);
    for c in query.chars() {
        if let Effect::Search(request) = state.update(Action::SearchInput(c)) {
            let complete = engine.run(&request, &|| false, &mut |batch| {
                state.update(Message::Search(Update::Batch {
                    generation: request.generation,
                    batch,
                }));
            });
            state.update(Message::Search(Update::Done {
                generation: request.generation,
                complete,
            }));
        }
    }
}
