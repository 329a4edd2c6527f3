//! Searching in the browser, driven through actions on plain state and answered by the
//! deterministic test engine (`search_support`): narrowing per key, history, the concordance,
//! clearing and cancelling, stale answers, and what typing may put in the search line.

mod search_support;

use wenji::action::{Action, Pane};
use wenji::search::Scope;
use wenji::search::worker::Update;
use wenji::state::Message;

use search_support::Session;

#[test]
fn every_key_narrows_the_list_and_shows_the_first_hit() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振");
    assert_eq!(session.titles().len(), 2);
    session.type_text("兴");
    assert_eq!(session.titles().len(), 2);
    session.type_text(" 龙江");
    assert_eq!(session.titles(), ["打造向北开放新高地 谱写龙江振兴新篇章"]);
    assert_eq!(
        session.state.reader.article(),
        1,
        "the reader shows the only match"
    );
    let highlights = session.state.highlights();
    assert!(
        highlights.iter().any(|h| h.current),
        "the first hit is the current one"
    );
}

#[test]
fn extending_a_query_scans_only_the_previous_matches() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.type_text("新");
    let last = session.requests.last().expect("a request per change");
    assert!(
        matches!(last.scope, Scope::Within(_)),
        "振兴新 narrows 振兴"
    );
    session.act(Action::SearchBackspace);
    assert_eq!(
        session.requests.last().expect("request").scope,
        Scope::All,
        "振兴 does not narrow 振兴新"
    );
}

#[test]
fn esc_in_the_search_line_restores_the_exact_position() {
    let mut session = Session::new();
    session.act(Action::NextArticle);
    session.act(Action::Open);
    for _ in 0..5 {
        session.act(Action::MoveDown);
    }
    let before = (
        session.state.reader.article(),
        session.state.reader.top(),
        session.state.focus,
    );
    session.act(Action::StartSearch);
    session.type_text("辽宁");
    assert_ne!(
        session.state.reader.article(),
        before.0,
        "the search moved to the first match"
    );
    session.act(Action::SearchCancel);
    assert!(session.state.search.is_none());
    let after = (
        session.state.reader.article(),
        session.state.reader.top(),
        session.state.focus,
    );
    assert_eq!(after, before);
    assert_eq!(session.state.list.selected(), 1);
}

#[test]
fn history_recalls_earlier_queries() {
    let mut session = Session::new();
    for query in ["振兴", "龙江"] {
        session.act(Action::StartSearch);
        session.act(Action::SearchClear);
        session.type_text(query);
        session.act(Action::SearchSubmit);
    }
    session.act(Action::StartSearch);
    session.act(Action::SearchClear);
    session.act(Action::HistoryPrevious);
    assert_eq!(
        session.state.search.as_ref().expect("searching").text(),
        "龙江"
    );
    session.act(Action::HistoryPrevious);
    assert_eq!(
        session.state.search.as_ref().expect("searching").text(),
        "振兴"
    );
    session.act(Action::HistoryNext);
    assert_eq!(
        session.state.search.as_ref().expect("searching").text(),
        "龙江"
    );
}

#[test]
fn ctrl_n_moves_the_selection_while_typing() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSelectNext);
    assert_eq!(
        (
            session.state.list.selected(),
            session.state.reader.article()
        ),
        (1, 1)
    );
    assert!(
        session.state.search.as_ref().expect("searching").typing,
        "still typing"
    );
}

#[test]
fn concordance_enter_jumps_to_that_hit() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::ToggleConcordance);
    assert!(session.state.concordance_shown());
    session.act(Action::SearchSubmit);
    session.act(Action::Back);
    let last = session
        .state
        .search
        .as_ref()
        .expect("searching")
        .results
        .hit_count()
        - 1;
    session.act(Action::Bottom);
    session.act(Action::Open);
    let search = session.state.search.as_ref().expect("searching");
    assert_eq!(search.current, Some(last));
    assert_eq!(session.state.focus, Pane::Reader);
    assert_eq!(session.state.reader.article(), 1);
}

#[test]
fn an_empty_query_shows_everything_and_a_stale_result_is_dropped() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("龙江");
    let stale = session.requests.last().expect("request").clone();
    session.act(Action::SearchClear);
    assert_eq!(session.state.list.len(), 3, "no query: every article");
    let old = session.answer(&stale).remove(0);
    session.state.update(Message::Search(Update::Batch {
        generation: stale.generation,
        batch: old,
    }));
    assert_eq!(
        session.state.list.len(),
        3,
        "the stale result changed nothing"
    );
}

#[test]
fn clearing_the_search_keeps_the_article_being_read() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("许勤");
    session.act(Action::SearchSubmit);
    session.act(Action::ClearSearch);
    assert!(session.state.search.is_none());
    assert_eq!(session.state.list.len(), 3);
    assert_eq!(
        (
            session.state.list.selected(),
            session.state.reader.article()
        ),
        (1, 1)
    );
}

#[test]
fn typed_and_pasted_controls_enter_the_search_line_as_the_text_shows_them() {
    // A bidi override typed or pasted was kept and drawn, turning the line around on screen.
    let mut session = Session::new();
    session.act(Action::StartSearch);
    for c in ['振', '\u{202e}', '兴', '\u{200b}'] {
        session.act(Action::SearchInput(c));
    }
    assert_eq!(session.search().text(), "振兴");
    session.act(Action::SearchPaste(
        "\u{1b}[31m\u{2066}新\r\n辽宁".to_owned(),
    ));
    assert_eq!(session.search().text(), "振兴␛[31m新 辽宁");
}
