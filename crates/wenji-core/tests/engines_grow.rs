//! An engine that takes its corpus in parts, as the browser loads it, answers as one built on
//! the whole: the same hits at the same bytes, whatever the parts and whenever the requests
//! came, and an answer found over fewer articles is never narrowed as if it covered more.

use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Article, Corpus};
use wenji_core::search::fake::Fake;
use wenji_core::search::{Engine, Location, Query, Request, Scan, Scope};

fn answer(engine: &mut dyn Engine, request: &Request) -> (Vec<(u32, usize)>, Vec<Location>) {
    let (matches, complete) = engine.answer(request);
    assert!(complete);
    let counts = matches
        .articles
        .iter()
        .map(|a| (a.article, a.hits.len()))
        .collect();
    (counts, matches.locations(0..matches.hit_count()))
}

fn request(generation: u64, text: &str, scope: Scope) -> Request {
    Request {
        generation,
        query: Query::parse(text),
        scope,
    }
}

/// The sample four times over: enough articles to cut in many ways.
fn corpus() -> Corpus {
    let sample = corpus::sample();
    let mut corpus = Corpus::default();
    for _ in 0..4 {
        corpus.articles.extend(sample.articles.iter().cloned());
    }
    corpus
}

/// `articles` cut at `cuts` (positions taken modulo its length), in order.
fn parts(articles: &[Article], cuts: &[usize]) -> Vec<Vec<Article>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (articles.len() + 1)).collect();
    at.push(0);
    at.push(articles.len());
    at.sort_unstable();
    at.windows(2)
        .map(|w| articles[w[0]..w[1]].to_vec())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_grown_scan_answers_as_a_built_one(
        cuts in prop::collection::vec(0usize..200, 0..6),
        query in prop::sample::select(vec!["发展", "振兴 龙江", "许勤", "经济", "ｇｄｐ", "高质量发展"]),
        asked_between in 0usize..6,
    ) {
        let corpus = corpus();
        let whole = answer(&mut Scan::build(&corpus), &request(1, query, Scope::All));
        let mut grown = Scan::growing();
        let mut generation = 0;
        for (number, part) in parts(&corpus.articles, &cuts).iter().enumerate() {
            grown.grow(part);
            if number == asked_between {
                generation += 1;
                answer(&mut grown, &request(generation, query, Scope::All));
            }
        }
        // Asked within an answer from before the last parts: the engine must search them too.
        let scope = if generation > 0 { Scope::Within(generation) } else { Scope::All };
        prop_assert_eq!(answer(&mut grown, &request(generation + 1, query, scope)), whole);
    }
}

#[test]
fn hits_handed_over_before_a_growth_still_resolve_after_it() {
    let corpus = corpus();
    let (first, rest) = corpus.articles.split_at(5);
    let mut scan = Scan::growing();
    scan.grow(first);
    let (before, _) = scan.answer(&request(1, "发展", Scope::All));
    let shown = before.locations(0..before.hit_count());
    scan.grow(rest);
    assert!(!shown.is_empty());
    assert_eq!(before.locations(0..before.hit_count()), shown);
}

#[test]
fn the_test_engine_grows_too() {
    let whole = answer(
        &mut Fake::new(Arc::new(corpus::sample())),
        &request(1, "发展", Scope::All),
    );
    let mut fake = Fake::new(Arc::default());
    let sample = corpus::sample();
    fake.grow(&sample.articles[..2]);
    fake.grow(&sample.articles[2..]);
    assert_eq!(answer(&mut fake, &request(2, "发展", Scope::All)), whole);
}
