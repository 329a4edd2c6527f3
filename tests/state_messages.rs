//! What the session and the app hand the state comes in through the same door as the user's
//! actions: a saved place, the bookmarks, a notice. And what has the keyboard is one thing at a
//! time: opening an overlay ends a selection rather than hiding it underneath.

use wenji::action::{Action, Pane};
use wenji::corpus;
use wenji::layout::TextRef;
use wenji::persist::CorpusId;
use wenji::session::Session;
use wenji::state::{Message, Modal, OverlayKind, State, Viewport};

const VIEWPORT: Viewport = Viewport {
    list_rows: 10,
    reader_width: 60,
    reader_height: 5,
    overlay_height: 10,
};

/// The paragraph at the top of the reader.
fn paragraph_at_top(state: &State) -> Option<usize> {
    let document = state.reader.document().expect("laid out");
    document.paragraph_at(state.reader.top())
}

#[test]
fn a_restored_place_sent_before_the_reader_has_a_size_is_shown_once_it_has_one() {
    let mut state = State::new(corpus::sample());
    state.update(Message::Restore {
        article: 2,
        anchor: Some((TextRef::Paragraph(3), 0)),
    });
    state.update(Message::Resize(VIEWPORT));
    assert_eq!((state.reader.article(), state.list.selected()), (2, 2));
    assert_eq!(paragraph_at_top(&state), Some(3));
    assert_eq!(state.focus, Pane::List, "restoring a place moves no focus");
}

#[test]
fn the_place_a_window_saved_comes_back_through_the_door_in_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let open = || {
        let corpus = corpus::sample();
        let (session, _) =
            Session::open(Some(dir.path().to_path_buf()), &corpus, CorpusId::sample());
        (session, State::new(corpus))
    };
    let (mut session, mut state) = open();
    state.update(Message::Resize(VIEWPORT));
    state.update(Action::Bottom);
    state.update(Action::Open);
    state.update(Action::StartGoTo);
    for c in "p4".chars() {
        state.update(Action::GoToInput(c));
    }
    state.update(Action::GoToSubmit);
    assert_eq!(paragraph_at_top(&state), Some(3));
    assert_eq!(session.save(&state), None);

    let (mut session, mut state) = open();
    session.restore(&mut state);
    state.update(Message::Resize(VIEWPORT));
    assert_eq!(state.reader.article(), 2);
    assert_eq!(paragraph_at_top(&state), Some(3));
}

#[test]
fn a_bookmark_made_by_the_session_reaches_the_list_and_opens_the_note_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus::sample();
    let (mut session, _) =
        Session::open(Some(dir.path().to_path_buf()), &corpus, CorpusId::sample());
    let mut state = State::new(corpus);
    let id = session
        .toggle_bookmark(&mut state, 0, 2)
        .expect("a bookmark is added");
    assert_eq!(state.bookmarks.len(), 1);
    assert_eq!(state.bookmarks[0].paragraph, 2);
    state.update(Message::AskNote(id.clone()));
    assert_eq!(state.note_prompt(), Some((&id, "")));
    session.delete_bookmark(&mut state, &id);
    assert!(state.bookmarks.is_empty());
    assert_eq!(state.message.as_deref(), Some("bookmark deleted"));
}

#[test]
fn opening_an_overlay_ends_a_selection_and_closing_it_leaves_nothing_open() {
    let mut state = State::new(corpus::sample());
    state.update(Message::Resize(VIEWPORT));
    state.update(Action::Open);
    state.update(Action::StartSelection);
    assert!(matches!(state.modal(), Some(Modal::Selection { .. })));
    assert!(state.selected_paragraphs().is_some());
    state.update(Action::ToggleHelp);
    assert_eq!(state.overlay().map(|o| o.kind), Some(OverlayKind::Help));
    assert_eq!(state.selected_paragraphs(), None);
    state.update(Action::CloseOverlay);
    assert_eq!(state.modal(), None);
}
