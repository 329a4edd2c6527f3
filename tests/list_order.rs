//! The list's order, driven through actions on plain state: `s` cycles corpus order, date
//! ascending and descending, most hits (only while searching) and title; the selection stays on
//! its article whatever the order, and the border says the order.

mod search_support;

use wenji::action::Action;
use wenji::corpus::order::Order;

use search_support::Session;

/// The titles the list shows, row by row, in its order.
fn shown(session: &Session) -> Vec<String> {
    let state = &session.state;
    let search = state.search.as_ref().filter(|s| s.filters());
    (0..state.list.len())
        .map(|row| {
            let entry = state.rows().entry(row).expect("a row");
            let article = search.map_or(entry, |s| s.results.articles[entry].article as usize);
            state.corpus().articles[article].title.clone()
        })
        .collect()
}

const LIAONING: &str = "以全面振兴新突破建设中国式现代化新辽宁";
const LONGJIANG: &str = "打造向北开放新高地 谱写龙江振兴新篇章";
const CAMPUS: &str = "2023年新华社进校园活动正式启动";

#[test]
fn the_key_cycles_the_orders_and_keeps_the_selected_article() {
    let mut session = Session::new();
    assert_eq!(shown(&session), [LIAONING, LONGJIANG, CAMPUS]);
    session.act(Action::NextArticle);
    assert_eq!(session.state.selected_article(), Some(1));
    session.act(Action::CycleOrder);
    assert_eq!(session.state.order(), Order::DateAscending);
    // Only the campus article is dated (2023, by its title): the undated follow in corpus order.
    assert_eq!(shown(&session), [CAMPUS, LIAONING, LONGJIANG]);
    assert_eq!(
        session.state.selected_article(),
        Some(1),
        "the selection follows its article"
    );
    assert_eq!(session.state.list.selected(), 2);
    session.act(Action::CycleOrder);
    assert_eq!(session.state.order(), Order::DateDescending);
    assert_eq!(
        shown(&session),
        [CAMPUS, LIAONING, LONGJIANG],
        "the undated stay last"
    );
    session.act(Action::CycleOrder);
    assert_eq!(
        session.state.order(),
        Order::Title,
        "no hits order without a search"
    );
    let mut by_title = vec![LIAONING, LONGJIANG, CAMPUS];
    by_title.sort_unstable();
    assert_eq!(shown(&session), by_title);
    session.act(Action::CycleOrder);
    assert_eq!(session.state.order(), Order::Corpus);
    assert_eq!(shown(&session), [LIAONING, LONGJIANG, CAMPUS]);
    assert_eq!(session.state.selected_article(), Some(1));
}

#[test]
fn a_search_is_sorted_too_and_by_hits_only_while_searching() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴");
    session.act(Action::SearchSubmit);
    let found = shown(&session);
    assert_eq!(found.len(), 2);
    for _ in 0..3 {
        session.act(Action::CycleOrder);
    }
    assert_eq!(session.state.order(), Order::Hits);
    let search = session.state.search.as_ref().expect("searching");
    let counts: Vec<usize> = (0..found.len())
        .map(|row| {
            let entry = session.state.rows().entry(row).expect("a row");
            search.results.articles[entry].hits.len()
        })
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most hits first: {counts:?}"
    );
    let mut sorted = shown(&session);
    sorted.sort_unstable();
    let mut expected = found.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "the same articles");
    session.act(Action::SearchCancel);
    session.act(Action::StartSearch);
    session.act(Action::SearchCancel);
    assert!(session.state.search.is_none());
    assert_eq!(session.state.order(), Order::Hits, "the order stays");
    assert_eq!(
        shown(&session),
        [LIAONING, LONGJIANG, CAMPUS],
        "without a search, most hits is the corpus's order"
    );
}
