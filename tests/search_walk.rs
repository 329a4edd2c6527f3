//! `n` and `N` from where the reader is: across articles with a wrap, after going to an article,
//! after scrolling, and from the raw view — on plain state answered by the test engine.

mod search_support;

use wenji::action::Action;

use search_support::Session;

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
