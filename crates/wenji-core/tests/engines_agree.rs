//! Two engines behind the seam give the same answer: the in-memory scan (folded, packed,
//! narrowed from earlier hits) and the test engine (folding each field and `match_indices`) find
//! the same articles and the same hits at the same original bytes, and so do requests that
//! narrow an earlier answer, hits in tags among them.

use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, Paragraph, ParagraphKind};
use wenji_core::search::fake::Fake;
use wenji_core::search::{Engine, Field, Location, Query, Request, Scan, Scope};

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

#[test]
fn both_engines_find_a_term_only_in_a_tag_and_none_across_two_tags() {
    let mut corpus = corpus::sample();
    corpus.articles[1]
        .meta
        .set_tags(vec!["香港".to_owned(), "国安法".to_owned()]);
    let corpus = Arc::new(corpus);
    let mut scan = Scan::build(&corpus);
    let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(2);
    let found = request(1, "国安法", Scope::All);
    let (counts, hits, complete) = answer(&mut scan, &found);
    assert!(complete);
    assert_eq!(counts, [(1, 1)], "the tagged article, once");
    assert_eq!(hits[0].field, Field::Tag(1));
    assert_eq!(hits[0].range, 0.."国安法".len());
    assert_eq!(answer(&mut fake, &found), (counts, hits, true));
    // A term that would run from one tag into the next is in neither.
    for engine in [&mut scan as &mut dyn Engine, &mut fake] {
        let (counts, _, _) = answer(engine, &request(2, "港国", Scope::All));
        assert!(counts.is_empty(), "{counts:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_scan_answers_as_the_plain_engine_does(
        texts in prop::collection::vec(prop::collection::vec("[振兴发展ａＡa b\u{200b}，]{0,24}", 0..4), 1..6),
        tags in prop::collection::vec(prop::collection::vec("[振兴发展ａＡa b\u{200b}，]{0,6}", 0..3), 0..4),
        first in "[振兴发展ａa]{1,2}",
        before in "[振兴发展a]{0,2}",
        after in "[振兴发展a]{0,2}",
        second in prop::option::of("[振兴发展a]{1,2}"),
    ) {
        let mut corpus = corpus_with(&texts);
        for (article, tags) in corpus.articles.iter_mut().zip(tags) {
            article.meta.set_tags(tags);
        }
        let corpus = Arc::new(corpus);
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

/// The sample corpus with each article given the date, speaker, tags and file of a row, so
/// that every kind of condition meets articles that hold and articles that do not.
fn corpus_described(rows: &[(u8, u8, bool)]) -> Corpus {
    let mut corpus = corpus::sample();
    let template = corpus.sources[0].clone();
    for (n, name) in ["a/2019/one.md", "b/2020/two.txt"].iter().enumerate() {
        let mut source = template.clone();
        (*name).clone_into(&mut source.name);
        if n < corpus.sources.len() {
            corpus.sources[n] = source;
        } else {
            corpus.sources.push(source);
        }
    }
    for (article, &(year, speaker, tagged)) in corpus.articles.iter_mut().zip(rows.iter().cycle()) {
        let date = ["2019", "2019-05", "2020-03-05", "2021", "spring"][usize::from(year) % 5];
        article.meta.set_date(Some(date.to_owned()));
        let speaker = ["李强", "李克强", "ＬＩ Qiang", ""][usize::from(speaker) % 4];
        article
            .meta
            .set_speaker((!speaker.is_empty()).then(|| speaker.to_owned()));
        article.meta.set_tags(if tagged {
            vec!["国安法".to_owned(), "香港".to_owned()]
        } else {
            vec![]
        });
        article.source = usize::from(year) % 2;
    }
    corpus
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Conditions and excluded terms answer alike in both engines, alone, with terms, and in a
    /// request that narrows one of conditions alone.
    #[test]
    fn conditions_and_exclusions_answer_alike_in_both_engines(
        rows in prop::collection::vec((0u8..5, 0u8..4, any::<bool>()), 1..6),
        conditions in prop::collection::vec(prop::sample::select(vec![
            "date:2019", "date:2019-05..2020", "-date:2021", "date:..2019-12", "date:2020..",
            "author:李", "speaker:li", "-author:克强", "tag:国安", "-tag:香港", "file:*.md",
            "file:b/**", "-file:one.*", "title:报告", "category:新声", "section:无此",
        ]), 1..3),
        term in prop::option::of(prop::sample::select(vec!["发展", "振兴", "许勤", "经济"])),
        excluded in prop::option::of(prop::sample::select(vec!["-改革", "-振兴", "-龙江"])),
    ) {
        let corpus = Arc::new(corpus_described(&rows));
        let mut scan = Scan::build(&corpus);
        let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(2);
        let conditions = conditions.join(" ");
        let old = request(1, &conditions, Scope::All);
        prop_assert!(!old.query.is_empty());
        prop_assert_eq!(answer(&mut scan, &old), answer(&mut fake, &old));
        let text = [Some(conditions.as_str()), term, excluded].into_iter().flatten()
            .collect::<Vec<_>>().join(" ");
        let query = Query::read(&text).expect("a query");
        let scope = Scope::for_query(&query, Some((1, &old.query)));
        prop_assert_eq!(scope, Scope::Within(1), "{} narrows {}", text, conditions);
        let new = Request { generation: 2, query, scope };
        let scanned = answer(&mut scan, &new);
        prop_assert_eq!(&scanned, &answer(&mut fake, &new));
        prop_assert_eq!(&scanned, &answer(&mut scan, &Request { scope: Scope::All, ..new.clone() }));
    }
}

#[test]
fn a_condition_alone_lists_its_articles_with_no_hits() {
    let corpus = Arc::new(corpus_described(&[(2, 0, true), (0, 1, false)]));
    let mut scan = Scan::build(&corpus);
    let (counts, hits, complete) = answer(&mut scan, &request(1, "date:2020", Scope::All));
    assert!(complete);
    assert!(hits.is_empty());
    let dated_2020: Vec<u32> = (0..corpus.articles.len())
        .filter(|&n| {
            corpus.articles[n]
                .meta
                .date()
                .is_some_and(|d| d.text() == "2020-03-05")
        })
        .map(|n| u32::try_from(n).expect("few"))
        .collect();
    assert!(!dated_2020.is_empty());
    assert_eq!(
        counts,
        dated_2020.iter().map(|&n| (n, 0)).collect::<Vec<_>>()
    );
}
