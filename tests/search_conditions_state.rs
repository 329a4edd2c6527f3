//! Conditions typed in the browser's search line, answered by the test engine: they narrow the
//! list on every key as terms do, alone or with terms, and a query that cannot be read is shown
//! as an error while the list keeps the last answer.

mod search_support;

use wenji::action::Action;
use wenji::search::Scope;

use search_support::Session;

const LIAONING: &str = "以全面振兴新突破建设中国式现代化新辽宁";
const LONGJIANG: &str = "打造向北开放新高地 谱写龙江振兴新篇章";

#[test]
fn a_condition_alone_lists_its_articles_and_a_term_then_narrows_them() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("-author:郝鹏");
    assert_eq!(session.titles().len(), 2, "every article but 郝鹏's");
    assert!(!session.titles().iter().any(|t| t == LIAONING));
    session.type_text(" 振兴");
    assert_eq!(session.titles(), [LONGJIANG]);
    assert!(
        matches!(
            session.requests.last().expect("a request").scope,
            Scope::Within(_)
        ),
        "adding a term narrows the condition's answer"
    );
}

#[test]
fn an_unreadable_query_is_an_error_and_the_list_keeps_the_last_answer() {
    let mut session = Session::new();
    session.act(Action::StartSearch);
    session.type_text("振兴 许勤");
    let before = session.titles();
    assert_eq!(before, [LONGJIANG]);
    session.type_text(" auhtor");
    assert!(
        session.titles().is_empty(),
        "auhtor is a term, in no article"
    );
    let requests = session.requests.len();
    session.type_text(":");
    let search = session.state.search.as_ref().expect("searching");
    let error = search.error.as_ref().expect("an unknown field is an error");
    assert!(
        error.message.contains("no field `auhtor:`"),
        "{}",
        error.message
    );
    assert_eq!(
        session.requests.len(),
        requests,
        "nothing was asked of the engine"
    );
    assert!(session.titles().is_empty(), "the last answer stays");
    for _ in 0.." auhtor:".chars().count() {
        session.act(Action::SearchBackspace);
    }
    session.type_text(" author:许勤");
    assert!(
        session
            .state
            .search
            .as_ref()
            .expect("searching")
            .error
            .is_none()
    );
    assert_eq!(session.titles(), [LONGJIANG]);
}
