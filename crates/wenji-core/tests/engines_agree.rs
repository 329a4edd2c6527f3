//! Two engines behind the seam give the same answer: the in-memory scan (folded, packed,
//! narrowed from earlier hits) and the test engine (folding each field and `match_indices`) find
//! the same articles and the same hits at the same original bytes, and so do requests that
//! narrow an earlier answer.

use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, Paragraph, ParagraphKind};
use wenji_core::search::fake::Fake;
use wenji_core::search::{Engine, Location, Query, Request, Scan, Scope};

/// The sample corpus with the first articles' paragraphs replaced by `texts` (titles, speakers
/// and sections kept, so hits in every field are compared).
fn corpus_with(texts: &[Vec<String>]) -> Corpus {
    let mut corpus = corpus::sample();
    for (article, paragraphs) in corpus.articles.iter_mut().zip(texts) {
        article.paragraphs = paragraphs
            .iter()
            .map(|text| Paragraph {
                text: text.clone().into(),
                lines: 1..2,
                kind: ParagraphKind::Body,
            })
            .collect();
    }
    corpus
}

/// Every hit of `request`, with the articles' hit counts, and whether it ran to the end.
fn answer(engine: &mut dyn Engine, request: &Request) -> (Vec<(u32, usize)>, Vec<Location>, bool) {
    let (matches, complete) = engine.answer(request);
    let counts = matches
        .articles
        .iter()
        .map(|a| (a.article, a.hits.len()))
        .collect();
    (counts, matches.locations(0..matches.hit_count()), complete)
}

fn request(generation: u64, text: &str, scope: Scope) -> Request {
    Request {
        generation,
        query: Query::parse(text),
        scope,
    }
}

#[test]
fn both_engines_find_a_speaker_and_a_folded_word_alike() {
    let corpus = Arc::new(corpus_with(&[vec![
        "ＧＤＰ增长\u{200b}５%，gdp与ａｉ".to_owned(),
    ]]));
    let mut scan = Scan::build(&corpus);
    let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(2);
    for text in ["许勤", "gdp", "增长5", "振兴 龙江", "发展"] {
        let request = request(1, text, Scope::All);
        let (counts, hits, complete) = answer(&mut scan, &request);
        assert!(complete);
        assert!(!hits.is_empty(), "{text} is in the sample");
        assert_eq!((counts, hits), {
            let (c, h, _) = answer(&mut fake, &request);
            (c, h)
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_scan_answers_as_the_plain_engine_does(
        texts in prop::collection::vec(prop::collection::vec("[振兴发展ａＡa b\u{200b}，]{0,24}", 0..4), 1..6),
        first in "[振兴发展ａa]{1,2}",
        before in "[振兴发展a]{0,2}",
        after in "[振兴发展a]{0,2}",
        second in prop::option::of("[振兴发展a]{1,2}"),
    ) {
        let corpus = Arc::new(corpus_with(&texts));
        let mut scan = Scan::build(&corpus);
        let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(3);
        let old = request(1, &first, Scope::All);
        let scanned = answer(&mut scan, &old);
        prop_assert_eq!(&scanned, &answer(&mut fake, &old));
        let extended = format!("{before}{first}{after}");
        let text = match &second { Some(term) => format!("{extended} {term}"), None => extended };
        let query = Query::parse(&text);
        let scope = Scope::for_query(&query, Some((1, &old.query)));
        prop_assume!(scope == Scope::Within(1));
        let new = Request { generation: 2, query, scope };
        prop_assert_eq!(answer(&mut scan, &new), answer(&mut fake, &new));
    }
}

#[test]
fn a_request_within_an_answer_the_engine_no_longer_holds_searches_everything() {
    let corpus = Arc::new(corpus::sample());
    let mut scan = Scan::build(&corpus);
    let whole = answer(&mut scan, &request(7, "发展经济", Scope::All));
    assert_eq!(
        answer(&mut scan, &request(8, "发展经济", Scope::Within(3))),
        whole
    );
}

#[test]
fn a_cancelled_request_hands_over_a_prefix_of_its_answer() {
    let corpus = Arc::new(corpus::sample());
    let mut fake = Fake::new(Arc::clone(&corpus)).stop_after(1);
    let (counts, _, complete) = answer(&mut fake, &request(1, "发展", Scope::All));
    let (all, _, _) = answer(&mut Fake::new(corpus), &request(1, "发展", Scope::All));
    assert!(!complete);
    assert_eq!(counts.len(), 1);
    assert!(all.len() > 1 && all.starts_with(&counts));
}
