//! Copies folded in the list, driven through actions on plain state: an archive that holds one
//! article crawled three times (the text the same but for whitespace, the dates apart) lists it
//! once, `×3`, under its earliest date; `x` shows the copies under it and folds them back; a
//! search counts a hit once; an empty article has no row and is named in `!`; and with folding
//! off (`--all-copies`, `fold_copies = false`) every copy is a row of its own.

mod search_support;

use std::path::Path;

use wenji::action::Action;
use wenji::corpus::{self, LoadOptions};
use wenji::state::{OverlayKind, Settings};

use search_support::Session;

/// Five files in corpus order: 甲 crawled three times (a, b, e; b the earliest), 乙, and an
/// empty stub.
const FILES: [(&str, &str); 5] = [
    (
        "a.md",
        "---\ntitle: 甲\ndate: 2020-05-22\n---\n振兴东北，推动发展。\n\n第二段。\n",
    ),
    (
        "b.md",
        "---\ntitle: 甲（重发）\ndate: 2020-05-20\n---\n振兴东北， 推动发展。\n\n第二段。\n",
    ),
    (
        "c.md",
        "---\ntitle: 乙\ndate: 2019-01-01\n---\n另一篇文章，也说振兴。\n",
    ),
    ("d.md", "---\ntitle: 空\ndate: 2021-01-01\n---\n"),
    (
        "e.md",
        "---\ntitle: 甲\ndate: 2020-06-01\n---\n振兴东北，推动发展。\n第二段。\n",
    ),
];

fn archive(dir: &Path) -> corpus::Corpus {
    for (name, text) in FILES {
        std::fs::write(dir.join(name), text).expect("written");
    }
    corpus::load(&[dir.to_path_buf()], LoadOptions::default()).expect("loads")
}

/// The list's rows as `title ×N` (or `↳ title` for a copy shown under its article).
fn rows(session: &Session) -> Vec<String> {
    let state = &session.state;
    let search = state.search.as_ref().filter(|s| s.filters());
    (0..state.list.len())
        .map(|at| {
            let row = state.rows().get(at).expect("a row");
            let entry = row.entry as usize;
            let article = search.map_or(entry, |s| s.results.articles[entry].article as usize);
            let title = &state.corpus().articles[article].title;
            match (row.copy, row.copies) {
                (true, _) => format!("↳ {title}"),
                (false, 0) => title.clone(),
                (false, n) => format!("{title} ×{}", n + 1),
            }
        })
        .collect()
}

#[test]
fn copies_are_one_row_under_the_earliest_date_and_x_shows_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::with_corpus(archive(dir.path()));
    assert_eq!(session.state.corpus().articles.len(), 5);
    assert_eq!(rows(&session), ["甲（重发） ×3", "乙"]);
    let listed = session.state.rows();
    assert_eq!((listed.listed(), listed.distinct()), (4, 2));
    assert_eq!(
        session.state.selected_article(),
        Some(1),
        "the row opens the earliest copy"
    );
    assert_eq!(session.state.reader.article(), 1, "the reader shows it too");

    session.act(Action::CycleOrder);
    assert_eq!(
        rows(&session),
        ["乙", "甲（重发） ×3"],
        "sorted by the earliest copy's date"
    );
    session.act(Action::CycleOrder);
    assert_eq!(rows(&session), ["甲（重发） ×3", "乙"]);
    session.act(Action::CycleOrder);
    session.act(Action::CycleOrder);
    assert_eq!(session.state.order(), wenji::corpus::order::Order::Corpus);

    session.act(Action::ToggleCopies);
    assert_eq!(rows(&session), ["甲（重发） ×3", "↳ 甲", "↳ 甲", "乙"]);
    assert_eq!(
        session.state.message.as_deref(),
        Some("2 copies shown under the article")
    );
    session.act(Action::MoveDown);
    session.act(Action::MoveDown);
    assert_eq!(
        session.state.reader.article(),
        4,
        "a copy opens as itself: file e"
    );
    session.act(Action::ToggleCopies);
    assert_eq!(rows(&session), ["甲（重发） ×3", "乙"]);
    assert_eq!(
        session.state.list.selected(),
        0,
        "back on the article's row"
    );

    session.act(Action::MoveDown);
    session.act(Action::ToggleCopies);
    assert_eq!(
        session.state.message.as_deref(),
        Some("this article has no copies")
    );
    assert_eq!(rows(&session), ["甲（重发） ×3", "乙"]);
}

#[test]
fn an_empty_article_has_no_row_and_is_named_in_the_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let session = Session::with_corpus(archive(dir.path()));
    assert!(!rows(&session).iter().any(|row| row.starts_with('空')));
    let warnings = OverlayKind::Warnings.rows(&session.state);
    let empty: Vec<_> = warnings
        .iter()
        .filter(|row| row.text.contains("has no text"))
        .collect();
    assert_eq!(empty.len(), 1, "{warnings:?}");
    assert!(empty[0].label.ends_with("d.md:1"), "{:?}", empty[0].label);
    assert_eq!(empty[0].text, "《空》 has no text: left out of the list");
    assert_eq!(
        session.state.warning_count(),
        session.state.corpus().warnings.len() + 1
    );
}

#[test]
fn a_search_counts_a_hit_once_and_walks_only_the_hits_it_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::with_corpus(archive(dir.path()));
    session.act(Action::StartSearch);
    session.type_text("振兴");
    assert_eq!(
        session.search().results.articles.len(),
        4,
        "every copy matches"
    );
    assert_eq!(rows(&session), ["甲（重发） ×3", "乙"]);
    let all = session.search().results.hit_count();
    assert_eq!(all, 4);
    assert_eq!(session.state.rows().hits(all), 2, "one hit per article");
    assert_eq!(session.search().kwic.len(), 2, "the concordance's rows");
    session.act(Action::SearchSubmit);

    let mut read = Vec::new();
    for _ in 0..3 {
        session.act(Action::NextHit);
        read.push(session.state.reader.article());
    }
    assert_eq!(
        read,
        [1, 2, 1],
        "b's hit, c's, then around to b's: never a or e"
    );
    assert_eq!(
        session.state.message.as_deref(),
        Some("search wrapped to the first hit")
    );

    // A condition that admits one copy alone lists it alone.
    session.act(Action::StartSearch);
    for _ in 0..2 {
        session.act(Action::SearchBackspace);
    }
    session.type_text("date:2020-06 振兴");
    assert_eq!(rows(&session), ["甲"]);
    assert_eq!(session.state.selected_article(), Some(4));
}

#[test]
fn with_folding_off_every_copy_is_a_row_and_the_empty_still_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        fold_copies: false,
        ..Settings::default()
    };
    let mut session = Session::with_settings(archive(dir.path()), settings);
    assert_eq!(rows(&session), ["甲", "甲（重发）", "乙", "甲"]);
    session.act(Action::ToggleCopies);
    assert_eq!(
        session.state.message.as_deref(),
        Some("copies are not folded (--all-copies)")
    );
    session.act(Action::StartSearch);
    session.type_text("振兴");
    let all = session.search().results.hit_count();
    assert_eq!(session.state.rows().hits(all), 4);
}

/// The list's rows, as `(entry, copies, copy)`.
fn row_triples(state: &wenji::state::State) -> Vec<(u32, u32, bool)> {
    (0..state.rows().len())
        .map(|at| {
            let row = state.rows().get(at).expect("a row");
            (row.entry, row.copies, row.copy)
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A corpus that loads part by part (each part taken in without folding the rest again)
    /// ends with the list that folding it whole gives: the same rows, each showing the same
    /// copy, whatever order the copies and their dates come in.
    #[test]
    fn a_list_grown_part_by_part_is_the_list_folded_whole(
        bodies in proptest::collection::vec((0..5u8, 0..4u8), 1..40),
        cuts in proptest::collection::vec(0..40usize, 0..5),
    ) {
        use wenji::corpus::{Article, Corpus, Growth, Meta, Paragraph, ParagraphKind, Progress};
        use wenji::search::worker::Update;
        use wenji::state::{Message, State};

        // Body 0 is empty; the others come in five texts, each article dated one of four days.
        let articles: Vec<Article> = bodies
            .iter()
            .map(|&(body, day)| {
                let mut meta = Meta::default();
                meta.set_date(Some(format!("2020-01-0{}", 4 - day)));
                let paragraphs: Vec<Paragraph> = (body > 0)
                    .then(|| Paragraph {
                        text: format!("第{body}篇。").into(),
                        lines: 1..2,
                        kind: ParagraphKind::Body,
                    })
                    .into_iter()
                    .collect();
                Article {
                    title: format!("{body}"),
                    meta,
                    paragraphs: paragraphs.into(),
                    lines: 1..2,
                    ..Article::default()
                }
            })
            .collect();
        let sample = wenji::corpus::sample();
        let whole = State::new(Corpus {
            sources: sample.sources.clone(),
            articles: articles.clone(),
            warnings: Vec::new(),
        });

        let mut grown = State::loading_with(wenji::state::Settings::default(), Vec::new());
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(articles.len())).collect();
        cuts.push(articles.len());
        cuts.sort_unstable();
        let mut from = 0;
        for (at, &cut) in cuts.iter().enumerate() {
            let part = Growth {
                sources: if at == 0 { sample.sources.clone() } else { Vec::new() },
                articles: articles[from..cut].to_vec(),
                warnings: Vec::new(),
                progress: Progress {
                    files: at + 1,
                    of_files: cuts.len(),
                    bytes: 0,
                    done: at + 1 == cuts.len(),
                },
            };
            grown.update(Message::Search(Update::Grown(part)));
            from = cut;
        }
        proptest::prop_assert_eq!(row_triples(&grown), row_triples(&whole));
        proptest::prop_assert_eq!(grown.rows().distinct(), whole.rows().distinct());
        proptest::prop_assert_eq!(grown.rows().listed(), whole.rows().listed());
        for entry in 0..articles.len() {
            proptest::prop_assert_eq!(grown.rows().row(entry), whole.rows().row(entry));
        }
    }
}
