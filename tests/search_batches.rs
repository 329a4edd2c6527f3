//! An answer that arrives in batches: the first hit is shown when a later batch brings it, and
//! once the reader moved (or the first hit was shown) later batches never move it.

mod search_support;

use wenji::action::Action;
use wenji::search::worker::Update;
use wenji::search::{Batch, Matches};
use wenji::state::Message;

use search_support::Session;

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
