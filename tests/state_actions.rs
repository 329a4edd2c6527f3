//! Browsing behaviour driven through actions on plain state — no terminal involved.

use wenji::action::{Action, Pane};
use wenji::corpus;
use wenji::state::{Effect, Message, Overlay, OverlayKind, State, Viewport};

fn sample_state() -> State {
    let mut state = State::new(corpus::sample());
    state.update(Message::Resize(Viewport {
        list_rows: 10,
        reader_width: 60,
        reader_height: 20,
        overlay_height: 10,
    }));
    state
}

fn apply(state: &mut State, actions: &[Action]) -> Vec<Effect> {
    actions.iter().map(|a| state.update(a.clone())).collect()
}

#[test]
fn selecting_the_next_article_shows_it_in_the_reader() {
    let mut state = sample_state();
    apply(&mut state, &[Action::MoveDown]);
    assert_eq!(state.list.selected(), 1);
    assert_eq!(state.reader.article(), 1);
    assert_eq!(state.focus, Pane::List);
}

#[test]
fn open_scroll_next_article_and_back() {
    let mut state = sample_state();
    apply(
        &mut state,
        &[
            Action::Open,
            Action::MoveDown,
            Action::MoveDown,
            Action::PageDown,
        ],
    );
    assert_eq!(state.focus, Pane::Reader);
    assert_eq!(
        state.reader.top(),
        2 + 19,
        "two lines, then a page of 20 minus one line of overlap"
    );
    apply(&mut state, &[Action::NextArticle]);
    assert_eq!(
        (state.reader.article(), state.reader.top()),
        (1, 0),
        "next article starts at its top"
    );
    apply(&mut state, &[Action::Back]);
    assert_eq!(state.focus, Pane::List);
    assert_eq!(state.list.selected(), 1);
}

#[test]
fn reader_stops_scrolling_at_the_end_and_reports_100_percent() {
    let mut state = sample_state();
    apply(&mut state, &[Action::Open, Action::Bottom]);
    let bottom = state.reader.top();
    assert!(bottom > 0);
    assert_eq!(state.reader.percent(), 100);
    apply(
        &mut state,
        &[Action::MoveDown, Action::PageDown, Action::HalfPageDown],
    );
    assert_eq!(state.reader.top(), bottom);
    apply(&mut state, &[Action::HalfPageUp, Action::Top]);
    assert_eq!((state.reader.top(), state.reader.percent()), (0, 0));
}

#[test]
fn next_article_at_the_end_says_so_instead_of_wrapping() {
    let mut state = sample_state();
    apply(&mut state, &[Action::Bottom, Action::NextArticle]);
    assert_eq!(state.list.selected(), 2);
    assert_eq!(
        state.message.as_deref(),
        Some("already at the last article")
    );
    apply(&mut state, &[Action::PreviousArticle]);
    assert_eq!(state.list.selected(), 1);
    assert_eq!(state.message, None);
}

#[test]
fn tab_switches_focus_and_movement_follows_it() {
    let mut state = sample_state();
    apply(&mut state, &[Action::ToggleFocus, Action::MoveDown]);
    assert_eq!((state.list.selected(), state.reader.top()), (0, 1));
    apply(&mut state, &[Action::ToggleFocus, Action::MoveDown]);
    assert_eq!((state.list.selected(), state.reader.top()), (1, 0));
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_whatever_has_focus() {
    let mut state = sample_state();
    apply(&mut state, &[Action::WheelDown(Pane::Reader)]);
    assert_eq!((state.focus, state.reader.top()), (Pane::List, 3));
    apply(&mut state, &[Action::WheelDown(Pane::List)]);
    assert_eq!(state.list.selected(), 1);
}

#[test]
fn help_takes_the_movement_keys_while_open() {
    let mut state = sample_state();
    apply(
        &mut state,
        &[Action::ToggleHelp, Action::MoveDown, Action::MoveDown],
    );
    assert_eq!(
        state.overlay(),
        Some(Overlay {
            kind: OverlayKind::Help,
            top: 2,
            selected: None,
        })
    );
    assert_eq!(
        state.list.selected(),
        0,
        "the list did not move under the overlay"
    );
    apply(&mut state, &[Action::Bottom, Action::CloseOverlay]);
    assert_eq!(state.overlay(), None);
}

#[test]
fn warnings_overlay_replaces_help_and_closes_on_its_own_key() {
    let mut state = sample_state();
    apply(&mut state, &[Action::ToggleHelp, Action::ToggleWarnings]);
    assert_eq!(state.overlay().map(|o| o.kind), Some(OverlayKind::Warnings));
    apply(&mut state, &[Action::ToggleWarnings]);
    assert_eq!(state.overlay(), None);
}

#[test]
fn raw_view_opens_at_the_articles_first_line_and_returns_where_reading_was() {
    let mut state = sample_state();
    apply(
        &mut state,
        &[
            Action::NextArticle,
            Action::Open,
            Action::MoveDown,
            Action::MoveDown,
        ],
    );
    apply(&mut state, &[Action::ToggleRaw]);
    assert!(state.reader.is_raw());
    let document = state.reader.document().expect("laid out");
    let top_number = document.lines[state.reader.top()].number;
    assert_eq!(
        top_number,
        Some(29),
        "the second article's title is on line 29"
    );
    apply(&mut state, &[Action::ShowLocation]);
    assert_eq!(state.message.as_deref(), Some("speeches.txt:29"));
    apply(&mut state, &[Action::ToggleRaw]);
    assert!(!state.reader.is_raw());
    assert_eq!(state.reader.top(), 2);
}

#[test]
fn location_names_the_lines_of_the_paragraph_at_the_top() {
    let mut state = sample_state();
    apply(&mut state, &[Action::ShowLocation]);
    assert_eq!(
        state.message.as_deref(),
        Some("speeches.txt:9 · paragraph 1 of 8")
    );
    apply(&mut state, &[Action::Open]);
    let at_third = |state: &State| {
        let document = state.reader.document().expect("laid out");
        document.paragraph_at(state.reader.top()) == Some(2)
    };
    while !at_third(&state) {
        let before = state.reader.top();
        state.update(Action::MoveDown);
        assert_ne!(
            state.reader.top(),
            before,
            "reached the end before the third paragraph"
        );
    }
    apply(&mut state, &[Action::ShowLocation]);
    assert_eq!(
        state.message.as_deref(),
        Some("speeches.txt:13-15 · paragraph 3 of 8")
    );
}

#[test]
fn quit_and_suspend_are_effects_for_the_loop() {
    let mut state = sample_state();
    assert_eq!(
        apply(&mut state, &[Action::Suspend, Action::Quit]),
        [Effect::Suspend, Effect::Quit]
    );
}

#[test]
fn resizing_keeps_the_text_at_the_top_of_the_view() {
    let mut state = sample_state();
    apply(&mut state, &[Action::Open, Action::PageDown]);
    let document = state.reader.document().expect("laid out");
    let anchor = document.anchor(state.reader.top()).expect("top line");
    state.update(Message::Resize(Viewport {
        list_rows: 10,
        reader_width: 30,
        reader_height: 20,
        overlay_height: 10,
    }));
    let document = state.reader.document().expect("laid out again");
    let line = &document.lines[state.reader.top()];
    assert_eq!(line.text, anchor.0);
    assert!(line.range.start <= anchor.1 && anchor.1 < line.range.end.max(line.range.start + 1));
}

#[test]
fn go_to_prompt_opens_an_article_or_a_paragraph_and_explains_bad_input() {
    let mut state = sample_state();
    let type_in = |state: &mut State, text: &str| {
        state.update(Action::StartGoTo);
        for c in text.chars() {
            state.update(Action::GoToInput(c));
        }
        state.update(Action::GoToSubmit)
    };
    type_in(&mut state, "3");
    assert_eq!((state.reader.article(), state.list.selected()), (2, 2));
    assert_eq!(state.focus, Pane::Reader);
    type_in(&mut state, "1");
    type_in(&mut state, "p5");
    let document = state.reader.document().expect("laid out");
    assert_eq!(document.paragraph_at(state.reader.top()), Some(4));
    type_in(&mut state, "p99");
    assert_eq!(
        state.message.as_deref(),
        Some("this article has 8 paragraphs")
    );
    type_in(&mut state, "x");
    assert!(
        state
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("go to:"))
    );
    state.update(Action::StartGoTo);
    state.update(Action::GoToCancel);
    assert_eq!(state.go_to_prompt(), None);
}

#[test]
fn clicking_a_list_entry_selects_it_and_clicking_the_reader_focuses_it() {
    let mut state = sample_state();
    // Row 0 is the border; entries take two rows each.
    state.update(Action::Click(Pane::List, 3));
    assert_eq!((state.list.selected(), state.reader.article()), (1, 1));
    state.update(Action::Click(Pane::Reader, 5));
    assert_eq!(state.focus, Pane::Reader);
    state.update(Action::Click(Pane::List, 0));
    assert_eq!(state.list.selected(), 1, "the border selects nothing");
}

#[test]
fn raw_view_gives_an_empty_source_line_one_row() {
    let mut state = sample_state();
    apply(
        &mut state,
        &[Action::Open, Action::ToggleRaw, Action::Bottom],
    );
    let source = &state.corpus().sources[0].text;
    let empty: Vec<usize> = source
        .split_terminator('\n')
        .enumerate()
        .filter(|(_, line)| line.is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    assert!(empty.len() > 10, "the sample has blank lines");
    let document = state.reader.document().expect("laid out");
    for number in empty {
        let row = document
            .lines
            .iter()
            .position(|l| l.number == Some(number))
            .expect("every line is numbered");
        let next = document.lines.get(row + 1).map(|l| l.number);
        assert!(
            matches!(next, None | Some(Some(_))),
            "source line {number} is empty, yet the row after it has no number of its own"
        );
    }
}

#[test]
fn skipping_a_bookmarks_note_still_reaches_the_app_so_it_can_say_if_saving_failed() {
    let mut state = sample_state();
    let id = wenji::persist::BookmarkId {
        key: wenji::persist::ArticleKey {
            file: wenji::persist::SAMPLE_FILE.into(),
            title: "题".into(),
        },
        paragraph: 0,
        created: "2025-01-01T00:00:00Z".into(),
        uid: "1-1".into(),
    };
    state.update(Message::AskNote(id.clone()));
    let effects = apply(&mut state, &[Action::GoToInput('x'), Action::GoToCancel]);
    assert_eq!(
        effects.last(),
        Some(&Effect::SetNote {
            id,
            note: String::new()
        })
    );
    assert_eq!(state.note_prompt(), None);
    assert_eq!(state.message.as_deref(), Some("bookmarked (no note)"));
}
