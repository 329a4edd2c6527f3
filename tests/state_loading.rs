//! The state while its corpus loads in the background, part by part as the worker passes the
//! parts on: nothing panics before the first article, keys that need one wait for it, the list
//! lengthens without moving what the user looks at, and a search typed meanwhile is asked again
//! at the end — its shown answer replaced only by a complete one, of which it is a prefix.

mod state_support;

use std::sync::Arc;

use state_support::draw;
use wenji::action::Action;
use wenji::corpus::{self, Growth, Progress};
use wenji::search::fake::Fake;
use wenji::search::worker::Update;
use wenji::search::{Engine, Request, Scope};
use wenji::state::{Effect, Message, Settings, State};

/// The sample corpus as the loader would hand it over: its first `first` articles (with the
/// source), then the rest in a last part.
fn parts(first: usize) -> (Growth, Growth) {
    let corpus = corpus::sample();
    let mut head = corpus.articles;
    let rest = head.split_off(first);
    let progress = |files, done| Progress {
        files,
        of_files: 2,
        bytes: 0,
        done,
    };
    let head = Growth {
        sources: corpus.sources,
        articles: head,
        warnings: corpus.warnings,
        progress: progress(1, false),
    };
    let rest = Growth {
        articles: rest,
        progress: progress(2, true),
        ..Growth::default()
    };
    (head, rest)
}

/// Hands `part` to `engine` and then to `state`, as the worker does; what the state asks.
fn grow(state: &mut State, engine: &mut dyn Engine, part: Growth) -> Effect {
    engine.grow(&part.articles);
    state.update(Message::Search(Update::Grown(part)))
}

/// Answers `request` with `engine` and delivers the batches; `done` also ends the answer.
fn answer(state: &mut State, engine: &mut dyn Engine, request: &Request, done: bool) {
    let complete = engine.run(request, &|| false, &mut |batch| {
        state.update(Message::Search(Update::Batch {
            generation: request.generation,
            batch,
        }));
    });
    if done {
        state.update(Message::Search(Update::Done {
            generation: request.generation,
            complete,
        }));
    }
}

fn screen(state: &mut State, width: u16, height: u16) -> String {
    let terminal = draw(state, width, height);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn before_the_first_article_the_screen_draws_and_keys_that_need_one_wait() {
    let mut state = State::loading_with(Settings::default(), Vec::new());
    let mut engine = Fake::new(Arc::default());
    for (width, height) in [(80, 24), (60, 20), (100, 30)] {
        let text = screen(&mut state, width, height);
        assert!(text.contains("Articles (0 so far)"), "{text}");
        assert!(text.contains("loading: finding files"), "{text}");
    }
    for action in [Action::MoveDown, Action::Open, Action::Bottom, Action::Yank] {
        assert!(state.awaits_articles(&action), "{action:?} waits");
    }
    assert!(!state.awaits_articles(&Action::StartSearch));
    assert!(!state.awaits_articles(&Action::Quit));

    state.update(Message::Search(Update::Ready));
    state.update(Action::StartSearch);
    let Effect::Search(request) = state.update(Action::SearchInput('发')) else {
        panic!("a query asks the engine");
    };
    answer(&mut state, &mut engine, &request, true);
    let text = screen(&mut state, 120, 30);
    assert!(text.contains("0 hits in 0 articles"), "{text}");
    assert!(text.contains("searching 0% of the corpus"), "{text}");
    let text = screen(&mut state, 80, 24);
    assert!(text.contains("searching 0% of the corpus"), "{text}");
    let text = screen(&mut state, 60, 20);
    assert!(text.contains("0 hits in 0 articles · 0% loaded"), "{text}");
    assert!(text.contains("/发"), "the query keeps its room:\n{text}");
    let text = screen(&mut state, 36, 20);
    assert!(text.contains("0 hits in 0 articles"), "{text}");
    assert!(
        !text.contains("loaded"),
        "a narrow line keeps the query:\n{text}"
    );
    state.update(Action::SearchCancel);
    screen(&mut state, 80, 24);

    let (head, _) = parts(1);
    grow(&mut state, &mut engine, head);
    assert!(!state.awaits_articles(&Action::MoveDown));
    let text = screen(&mut state, 100, 30);
    assert!(text.contains("loading 1 / 2 files"), "{text}");
    assert!(text.contains("Articles (1 so far)"), "{text}");
}

#[test]
fn the_list_lengthens_at_its_end_and_the_selection_stays() {
    let mut state = State::loading_with(Settings::default(), Vec::new());
    let mut engine = Fake::new(Arc::default());
    let (head, rest) = parts(2);
    grow(&mut state, &mut engine, head);
    screen(&mut state, 100, 30);
    state.update(Action::MoveDown);
    state.update(Action::Open);
    assert_eq!((state.list.selected(), state.reader.article()), (1, 1));
    assert_eq!(grow(&mut state, &mut engine, rest), Effect::None);
    assert_eq!(state.list.len(), corpus::sample().articles.len());
    assert_eq!((state.list.selected(), state.reader.article()), (1, 1));
    assert_eq!(state.loading(), None);
    let text = screen(&mut state, 100, 30);
    assert!(!text.contains("loading"), "{text}");
}

#[test]
fn a_search_typed_while_loading_completes_itself_with_its_answer_a_prefix_of_the_whole() {
    let mut state = State::loading_with(Settings::default(), Vec::new());
    let mut engine = Fake::new(Arc::default());
    let (head, rest) = parts(1);
    grow(&mut state, &mut engine, head);
    state.update(Message::Search(Update::Ready));
    state.update(Action::StartSearch);
    for c in "发展".chars() {
        if let Effect::Search(request) = state.update(Action::SearchInput(c)) {
            answer(&mut state, &mut engine, &request, true);
        }
    }
    let search = state.search.as_ref().expect("searching");
    let partial = search.results.locations(0..search.results.hit_count());
    assert!(!partial.is_empty(), "the first article has 发展");
    assert_eq!(search.covers, Some(50));
    state.update(Action::SearchSelectNext);
    let selected = state.list.selected();

    let Effect::Search(again) = grow(&mut state, &mut engine, rest) else {
        panic!("the last part asks for the search again");
    };
    assert_eq!(again.scope, Scope::All);
    answer(&mut state, &mut engine, &again, false);
    let search = state.search.as_ref().expect("searching");
    assert_eq!(
        search.results.locations(0..search.results.hit_count()),
        partial,
        "until the whole answer is in, the partial one stays"
    );
    state.update(Message::Search(Update::Done {
        generation: again.generation,
        complete: true,
    }));

    let (whole, _) = Fake::new(Arc::new(corpus::sample())).answer(&again);
    let search = state.search.as_ref().expect("searching");
    let shown = search.results.locations(0..search.results.hit_count());
    assert_eq!(shown, whole.locations(0..whole.hit_count()));
    assert!(shown.len() > partial.len() && shown.starts_with(&partial));
    assert_eq!(search.covers, None);
    assert_eq!(
        state.list.selected(),
        selected,
        "nothing the user looks at moved"
    );
    let text = screen(&mut state, 100, 30);
    assert!(!text.contains("searching"), "{text}");
}
