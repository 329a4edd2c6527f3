//! Searching in the browser, driven through actions on plain state; the worker's part is played
//! by the deterministic test engine, each request answered at once and its batches (one matching
//! article each) handed back.

use wenji::action::Action;
use wenji::action::Pane;
use wenji::corpus;
use wenji::search::fake::Fake;
use wenji::search::worker::Update;
use wenji::search::{Batch, Engine, Matches, Request, Scope};
use wenji::state::{Effect, Message, Search, State, Viewport};

struct Session {
    state: State,
    engine: Fake,
    requests: Vec<Request>,
}

impl Session {
    fn new() -> Self {
        let mut state = State::new(corpus::sample());
        state.update(Message::Resize(Viewport {
            list_rows: 10,
            reader_width: 60,
            reader_height: 12,
            overlay_height: 10,
        }));
        let engine = Fake::new(state.shared_corpus());
        state.update(Message::Search(Update::Ready));
        Self {
            state,
            engine,
            requests: Vec::new(),
        }
    }

    fn act(&mut self, action: Action) -> Effect {
        let effect = self.state.update(action);
        if let Effect::Search(request) = &effect {
            self.requests.push(request.clone());
            let batches = self.answer(request);
            self.deliver(request, batches);
        }
        effect
    }

    /// The engine's whole answer to `request`, batch by batch.
    fn answer(&mut self, request: &Request) -> Vec<Batch> {
        let mut batches = Vec::new();
        self.engine
            .run(request, &|| false, &mut |batch| batches.push(batch));
        batches
    }

    /// Types `text` into the search line and returns the last request without answering it,
    /// so a test can hand the answer back in batches of its own.
    fn type_pending(&mut self, text: &str) -> Request {
        let mut last = None;
        for c in text.chars() {
            if let Effect::Search(request) = self.state.update(Action::SearchInput(c)) {
                last = Some(request);
            }
        }
        last.expect("the query changed")
    }

    /// Hands `batches` of `request`'s answer to the state, then says the answer is complete.
    fn deliver(&mut self, request: &Request, batches: Vec<Batch>) {
        for batch in batches {
            self.state.update(Message::Search(Update::Batch {
                generation: request.generation,
                batch,
            }));
        }
        self.state.update(Message::Search(Update::Done {
            generation: request.generation,
            complete: true,
        }));
    }

    fn go_to(&mut self, text: &str) {
        self.act(Action::StartGoTo);
        for c in text.chars() {
            self.act(Action::GoToInput(c));
        }
        self.act(Action::GoToSubmit);
    }

    fn search(&self) -> &Search {
        self.state.search.as_ref().expect("searching")
    }

    /// The display line of each hit in the reader's article, in hit order (`None` beyond the
    /// lines laid out), and which of them is current.
    fn hit_lines(&self) -> (Vec<Option<usize>>, Option<usize>) {
        let document = self.state.reader.document().expect("laid out");
        let hits: Vec<_> = self
            .state
            .highlights()
            .into_iter()
            .filter(|h| !h.selection)
            .collect();
        let lines = hits
            .iter()
            .map(|h| {
                document
                    .lines
                    .iter()
                    .position(|l| l.text == h.text && l.range.contains(&h.range.start))
            })
            .collect();
        (lines, hits.iter().position(|h| h.current))
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::SearchInput(c));
        }
    }

    fn titles(&self) -> Vec<String> {
        let search = self.state.search.as_ref().expect("searching");
        search
            .results
            .articles
            .iter()
            .map(|a| {
                self.state.corpus().articles[a.article as usize]
                    .title
                    .clone()
            })
            .collect()
    }
}

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
fn n_walks_hits_across_articles_and_wraps_with_a_notice() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSubmit);
    let search = session.state.search.as_ref().expect("kept after Enter");
    assert!(!search.typing);
    let total = search.results.hit_count();
    let first_article_hits = search.results.articles[0].hits.len();
    for _ in 0..first_article_hits {
        session.act(Action::NextHit);
    }
    assert_eq!(
        session.state.reader.article(),
        1,
        "n crossed into the next matching article"
    );
    assert_eq!(session.state.list.selected(), 1);
    for _ in first_article_hits..total {
        session.act(Action::NextHit);
    }
    assert_eq!(
        session.state.message.as_deref(),
        Some("search wrapped to the first hit")
    );
    assert_eq!(session.state.reader.article(), 0);
    session.act(Action::PreviousHit);
    assert_eq!(
        session.state.message.as_deref(),
        Some("search wrapped to the last hit")
    );
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
fn searching_from_the_raw_view_returns_to_the_article_text() {
    let mut session = Session::new();
    session.act(Action::ToggleRaw);
    assert!(session.state.reader.is_raw());
    session.act(Action::StartSearch);
    session.type_text("振兴");
    assert!(
        !session.state.reader.is_raw(),
        "hits are highlighted in the article, not the file"
    );
    assert!(session.state.highlights().iter().any(|h| h.current));
}

#[test]
fn n_after_going_to_an_article_goes_to_that_articles_first_hit() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSubmit);
    session.go_to("2");
    assert_eq!(session.state.reader.article(), 1);
    session.act(Action::NextHit);
    assert_eq!(
        session.state.reader.article(),
        1,
        "n stays in the article in view, not back in the first"
    );
    let second = session.search().results.articles[1].hits.clone();
    assert_eq!(session.search().current, Some(second.start));
    assert_eq!(session.state.list.selected(), 1);
}

#[test]
fn shift_n_after_going_to_an_article_goes_to_the_last_hit_before_it() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSubmit);
    session.go_to("2");
    session.act(Action::PreviousHit);
    let first = session.search().results.articles[0].hits.clone();
    assert_eq!(session.state.reader.article(), 0);
    assert_eq!(session.search().current, Some(first.end - 1));
    assert_eq!(
        session.state.message, None,
        "no wrap: hits lie before the view"
    );
}

/// Scrolls the reader past the first article's early hits, keeping the current one above.
fn scrolled_past_early_hits() -> (Session, usize) {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSubmit);
    session.act(Action::Open);
    for _ in 0..3 {
        session.act(Action::PageDown);
    }
    let top = session.state.reader.top();
    let (lines, current) = session.hit_lines();
    let current = current.expect("a current hit in this article");
    assert!(
        lines[current].is_some_and(|l| l < top),
        "the current hit is above the view"
    );
    assert!(
        lines.iter().take(2).all(|l| l.is_some_and(|l| l < top)),
        "the first two hits are above the view"
    );
    (session, top)
}

#[test]
fn n_after_scrolling_goes_to_the_first_hit_below_the_top_of_the_view() {
    let (mut session, top) = scrolled_past_early_hits();
    session.act(Action::NextHit);
    assert_eq!(session.state.reader.article(), 0);
    let (lines, current) = session.hit_lines();
    let current = current.expect("a current hit");
    assert!(
        lines[current].is_some_and(|l| l >= top),
        "the hit n went to is at or below where the view was: {lines:?}, hit {current}, top {top}"
    );
    assert!(
        lines[..current].iter().all(|l| l.is_some_and(|l| l < top)),
        "and it is the first such"
    );
}

#[test]
fn shift_n_after_scrolling_goes_to_the_last_hit_above_the_top_of_the_view() {
    let (mut session, top) = scrolled_past_early_hits();
    session.act(Action::PreviousHit);
    assert_eq!(session.state.message, None, "no wrap to the last hit");
    let (lines, current) = session.hit_lines();
    let current = current.expect("a current hit");
    assert!(lines[current].is_some_and(|l| l < top));
    assert!(
        lines[current + 1..]
            .iter()
            .all(|l| l.is_none_or(|l| l >= top)),
        "no hit between it and the view: {lines:?}, hit {current}, top {top}"
    );
}

#[test]
fn the_first_hit_is_shown_when_a_later_batch_brings_it() {
    let mut session = Session::new();
    assert_eq!(session.state.reader.article(), 0);
    session.act(Action::StartSearch);
    let request = session.type_pending("许勤");
    let mut batches = vec![Batch::resolved(Vec::new()), Batch::resolved(Vec::new())];
    batches.extend(session.answer(&request));
    session.deliver(&request, batches);
    assert_eq!(
        session.state.reader.article(),
        1,
        "the reader shows the only matching article"
    );
    assert_eq!(session.search().current, Some(0), "its hit is current");
    assert_eq!(session.state.list.selected(), 0);
}

#[test]
fn once_the_reader_moved_a_later_batch_leaves_it_where_it_is() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    let request = session.type_pending("许勤");
    session.state.update(Message::Search(Update::Batch {
        generation: request.generation,
        batch: Batch::resolved(Vec::new()),
    }));
    session.act(Action::WheelDown(wenji::action::Pane::Reader));
    let moved_to = (session.state.reader.article(), session.state.reader.top());
    assert_eq!(moved_to.0, 0);
    assert!(moved_to.1 > 0, "the wheel scrolled the reader");
    let batches = session.answer(&request);
    session.deliver(&request, batches);
    assert_eq!(
        (session.state.reader.article(), session.state.reader.top()),
        moved_to,
        "the reader stays where the user put it"
    );
    assert_eq!(
        session.search().results.articles.len(),
        1,
        "the list has the result"
    );
}

#[test]
fn after_the_first_hit_is_shown_later_batches_never_move_the_reader() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    let request = session.type_pending("振兴");
    let batches = session.answer(&request);
    let mut all = Matches::default();
    for batch in &batches {
        all.append(batch.clone());
    }
    assert!(batches.len() > 1, "one batch per matching article");
    let mut batches = batches.into_iter();
    session.state.update(Message::Search(Update::Batch {
        generation: request.generation,
        batch: batches.next().expect("a first article"),
    }));
    assert_eq!(session.search().current, Some(0), "the first hit is shown");
    session.act(Action::WheelDown(wenji::action::Pane::Reader));
    let moved_to = (session.state.reader.article(), session.state.reader.top());
    session.deliver(&request, batches.collect());
    let every = |m: &Matches| (m.article_ids(), m.locations(0..m.hit_count()));
    assert_eq!(
        every(&session.search().results),
        every(&all),
        "every batch arrived"
    );
    assert_eq!(
        (session.state.reader.article(), session.state.reader.top()),
        moved_to
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
