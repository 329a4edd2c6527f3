//! Hits in an article's tags and section, in the browser's state: the reader's tag line shows
//! them marked on exactly the tag's characters, and `n` meets them in reading order, after the
//! byline and before the text — on plain state answered by the test engine.

mod search_support;

use wenji::action::Action;
use wenji::corpus;
use wenji::layout::{LineKind, Texts};

use search_support::Session;

/// The sample, its second article (`打造向北开放新高地 谱写龙江振兴新篇章`) filed under a
/// section with two tags.
fn tagged() -> Session {
    let mut corpus = corpus::sample();
    let article = &mut corpus.articles[1];
    article.meta.set_section(Some("眾聞".to_owned()), None);
    article
        .meta
        .set_tags(vec!["龙江".to_owned(), "国安法".to_owned()]);
    Session::with_corpus(corpus)
}

/// The text each hit highlighted in the reader covers, by the kind of line it is on.
fn marked(session: &Session) -> Vec<(LineKind, String)> {
    let state = &session.state;
    let document = state.reader.document().expect("laid out");
    let article = &state.corpus().articles[state.reader.article()];
    let texts = Texts {
        article,
        source: &state.corpus().sources[article.source],
    };
    state
        .highlights()
        .iter()
        .filter(|h| !h.selection)
        .filter_map(|h| {
            let line = document
                .lines
                .iter()
                .find(|l| l.text == h.text && l.range.contains(&h.range.start))?;
            let shown = document.text(texts, line);
            let at = h.range.start - line.range.start..h.range.end - line.range.start;
            Some((line.kind, shown.get(at)?.to_owned()))
        })
        .collect()
}

fn searched(text: &str) -> Session {
    let mut session = tagged();
    session.act(Action::StartSearch);
    session.type_text(text);
    session.act(Action::SearchSubmit);
    session
}

#[test]
fn a_term_only_in_a_tag_finds_the_article_and_is_marked_on_its_tag_line() {
    let session = searched("国安法");
    assert_eq!(session.titles(), ["打造向北开放新高地 谱写龙江振兴新篇章"]);
    assert_eq!(session.state.reader.article(), 1);
    assert_eq!(marked(&session), [(LineKind::Tags, "国安法".to_owned())]);
}

#[test]
fn a_hit_in_the_section_is_marked_where_the_tag_line_shows_it() {
    let session = searched("眾聞");
    assert_eq!(marked(&session), [(LineKind::Tags, "眾聞".to_owned())]);
}

#[test]
fn n_meets_a_tag_after_the_byline_and_before_the_text() {
    let mut session = searched("龙江");
    let kinds: Vec<LineKind> = marked(&session).into_iter().map(|(kind, _)| kind).collect();
    assert_eq!(
        kinds[..4],
        [
            LineKind::Title,
            LineKind::Byline,
            LineKind::Tags,
            LineKind::Body
        ],
        "龙江 in the title, the role (黑龙江省委书记), the first tag and the text"
    );
    let (lines, _) = session.hit_lines();
    assert!(
        lines.is_sorted(),
        "hits in the order of the lines: {lines:?}"
    );
    // From the first hit (in the title), n goes to the byline, the tag, then into the text.
    assert_eq!(session.search().current, Some(0));
    for step in 1..=3 {
        session.act(Action::NextHit);
        assert_eq!(session.search().current, Some(step));
    }
    // And back: N from the text returns to the tag.
    session.act(Action::PreviousHit);
    assert_eq!(session.search().current, Some(2));
    assert_eq!(marked(&session)[2].0, LineKind::Tags);
}

#[test]
fn n_with_the_tag_line_scrolled_away_knows_the_tag_is_above_the_view() {
    let mut session = searched("国安法");
    session.act(Action::Open);
    let document = session.state.reader.document().expect("laid out");
    let info = document
        .lines
        .iter()
        .position(|l| l.kind == LineKind::Info)
        .expect("an info line");
    assert_eq!(document.lines[info - 1].kind, LineKind::Tags);
    for _ in 0..info {
        session.act(Action::MoveDown);
    }
    assert_eq!(session.state.reader.top(), info, "the info line on top");
    session.act(Action::NextHit);
    assert_eq!(
        session.state.message.as_deref(),
        Some("search wrapped to the first hit"),
        "the only hit lies above the view"
    );
}
