//! Driving a `State` as the app does, without a terminal: a frame drawn on ratatui's
//! `TestBackend` with the viewport the app would give, and a search typed key by key with each
//! request answered to the end at once by an engine, as the worker would.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use wenji::action::Action;
use wenji::search::Engine;
use wenji::search::worker::Update;
use wenji::state::{Effect, State};
use wenji::theme::Theme;
use wenji::ui;
use wenji::ui::layout::{Areas, Shape};

/// Draws `state` at `width`×`height` in the default theme, after setting its viewport.
pub fn draw(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    let screen = Rect::new(0, 0, width, height);
    if let Some(areas) = Areas::new(screen, Shape::of(state)) {
        state.set_viewport(areas.viewport(screen));
    }
    terminal
        .draw(|frame| ui::render(frame, state, &Theme::default()))
        .expect("draws");
    terminal
}

/// Types `query` into the search line, each key's request answered to the end by `engine`.
pub fn type_search(state: &mut State, engine: &mut dyn Engine, query: &str) {
    state.on_search(Update::Ready);
    state.update(Action::StartSearch);
    for c in query.chars() {
        if let Effect::Search(request) = state.update(Action::SearchInput(c)) {
            let complete = engine.run(&request, &|| false, &mut |batch| {
                state.on_search(Update::Batch {
                    generation: request.generation,
                    batch,
                });
            });
            state.on_search(Update::Done {
                generation: request.generation,
                complete,
            });
        }
    }
}
