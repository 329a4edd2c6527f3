//! The query language as the engines run it: `OR`, `-(…)`, proximity and patterns find the
//! articles a naive reading of the query finds (each field folded, `str::contains`, distances
//! counted by hand), and both engines give the same hits at the same original bytes.

use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, Paragraph, ParagraphKind};
use wenji_core::search::fake::Fake;
use wenji_core::search::fold::fold_query;
use wenji_core::search::{Engine, Location, Query, Request, Scan, Scope};

/// The sample corpus's first articles with `texts` as their paragraphs, and no others.
fn corpus_with(texts: &[Vec<String>]) -> Corpus {
    let mut corpus = corpus::sample();
    let template = corpus.articles[0].clone();
    corpus.articles = texts
        .iter()
        .map(|paragraphs| corpus::Article {
            title: String::new(),
            meta: corpus::Meta::default(),
            paragraphs: paragraphs
                .iter()
                .map(|text| Paragraph {
                    text: text.clone().into(),
                    lines: 1..2,
                    kind: ParagraphKind::Body,
                })
                .collect(),
            ..template.clone()
        })
        .collect();
    corpus
}

/// Whether an article of these paragraphs matches, read naively.
type Naive<'a> = dyn Fn(&[String]) -> bool + 'a;

fn answer(engine: &mut dyn Engine, text: &str) -> (Vec<(u32, usize)>, Vec<Location>) {
    let request = Request {
        generation: 1,
        query: Query::read(text).expect("a query"),
        scope: Scope::All,
    };
    let (matches, complete) = engine.answer(&request);
    assert!(complete);
    let counts = matches
        .articles
        .iter()
        .map(|a| (a.article, a.hits.len()))
        .collect();
    (counts, matches.locations(0..matches.hit_count()))
}

fn articles(engine: &mut dyn Engine, text: &str) -> Vec<u32> {
    answer(engine, text).0.into_iter().map(|(a, _)| a).collect()
}

/// Whether a paragraph of `paragraphs` holds `a` and `b` with at most `within` characters
/// between them (in either order, or `b` after `a` when `ordered`), by trying every pair.
fn near(paragraphs: &[String], a: &str, b: &str, within: usize, ordered: bool) -> bool {
    paragraphs.iter().any(|p| {
        let p = fold_query(p);
        let starts = |t: &str| p.match_indices(t).map(|(at, _)| at).collect::<Vec<_>>();
        let chars = |from: usize, to: usize| p[from..to].chars().count();
        starts(a).iter().any(|&x| {
            starts(b).iter().any(|&y| {
                let (x_end, y_end) = (x + a.len(), y + b.len());
                if y >= x_end {
                    chars(x_end, y) <= within
                } else if ordered {
                    false
                } else if x >= y_end {
                    chars(y_end, x) <= within
                } else {
                    true
                }
            })
        })
    })
}

#[test]
fn or_not_and_near_find_what_they_say() {
    let texts: Vec<Vec<String>> = [
        &["改革开放以来，国家发展"][..],
        &["中国的改革", "开放的中国"],
        &["國家安全，香港"],
        &["人民"],
    ]
    .iter()
    .map(|p| p.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    let corpus = Arc::new(corpus_with(&texts));
    let mut scan = Scan::build(&corpus);
    assert_eq!(articles(&mut scan, "国家 OR 人民"), [0, 2, 3]);
    assert_eq!(articles(&mut scan, "国家 | 中国"), [0, 1, 2]);
    assert_eq!(articles(&mut scan, "改革 -(国家 发展)"), [1]);
    assert_eq!(articles(&mut scan, "改革 NEAR/3 开放"), [0]);
    assert_eq!(articles(&mut scan, "改革 NEAR/article 开放"), [0, 1]);
    assert_eq!(articles(&mut scan, "开放 ~3 改革"), Vec::<u32>::new());
    assert_eq!(articles(&mut scan, "re:国.安"), [2], "over the folded text");
    assert_eq!(articles(&mut scan, "/改.{0,3}放/"), [0]);
    // A term inside an OR beside itself is one hit, not two.
    let (counts, _) = answer(&mut scan, "国家 (国家 OR 人民)");
    assert_eq!(counts, [(0, 1), (2, 1)]);
    // Hits of an OR are each alternative's, on the original glyphs.
    let (counts, hits) = answer(&mut scan, "国家 OR 香港");
    assert_eq!(counts, [(0, 1), (2, 2)]);
    assert_eq!(hits[1].range, 0.."國家".len());
    assert_eq!(hits[2].range, "國家安全，".len().."國家安全，香港".len());
}

#[test]
fn a_query_of_alternatives_alone_narrows_nothing_and_lists_nothing_extra() {
    let corpus = Arc::new(corpus::sample());
    let mut scan = Scan::build(&corpus);
    let either = articles(&mut scan, "许勤 OR 振兴");
    let one = articles(&mut scan, "许勤");
    let other = articles(&mut scan, "振兴");
    let mut union: Vec<u32> = one.iter().chain(&other).copied().collect();
    union.sort_unstable();
    union.dedup();
    assert_eq!(either, union);
    assert!(!either.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// The scan finds the articles a naive reading finds, and both engines the same hits.
    #[test]
    fn the_engines_answer_the_query_language_alike_and_as_a_naive_reading(
        texts in prop::collection::vec(
            prop::collection::vec("[振兴發发展ａa b，]{0,16}", 0..4), 1..7),
        a in prop::sample::select(vec!["振兴", "发展", "兴", "a", "ａ b", "發展"]),
        b in prop::sample::select(vec!["振兴", "发展", "展", "a b", "b"]),
        within in 0usize..6,
        shape in 0u8..7,
    ) {
        let corpus = Arc::new(corpus_with(&texts));
        let mut scan = Scan::build(&corpus);
        let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(2);
        let quote = |t: &str| if t.contains(' ') { format!("\"{t}\"") } else { t.to_owned() };
        let (qa, qb) = (quote(a), quote(b));
        let (fa, fb) = (fold_query(a), fold_query(b));
        let holds = |paragraphs: &[String], term: &str| {
            paragraphs.iter().any(|p| fold_query(p).contains(term))
        };
        let (text, naive): (String, Box<Naive<'_>>) = match shape {
            0 => (format!("{qa} OR {qb}"), Box::new(|p| holds(p, &fa) || holds(p, &fb))),
            1 => (format!("{qa} -({qb})"), Box::new(|p| holds(p, &fa) && !holds(p, &fb))),
            2 => (format!("-({qa} {qb})"), Box::new(|p| !(holds(p, &fa) && holds(p, &fb)))),
            3 => (format!("{qa} NEAR/{} {qb}", within.max(1)),
                  Box::new(|p| near(p, &fa, &fb, within.max(1), false))),
            4 => (format!("{qa} ~{} {qb}", within.max(1)),
                  Box::new(|p| near(p, &fa, &fb, within.max(1), true))),
            5 => (format!("({qa} | {qb}) {qa}"), Box::new(|p| holds(p, &fa))),
            _ => (format!("re:\"{}.{{0,{within}}}展\"", regex_syntax::escape(&fa)),
                  Box::new(|p| p.iter().any(|p| {
                      let p = fold_query(p);
                      p.match_indices(fa.as_str()).any(|(at, _)| {
                          p[at + fa.len()..].chars().take(within + 1).any(|c| c == '展')
                      })
                  }))),
        };
        let scanned = answer(&mut scan, &text);
        let expected: Vec<u32> = texts.iter().enumerate()
            .filter(|(_, p)| naive(p))
            .map(|(n, _)| u32::try_from(n).expect("few"))
            .collect();
        let found: Vec<u32> = scanned.0.iter().map(|(a, _)| *a).collect();
        prop_assert_eq!(&found, &expected, "{}", text);
        prop_assert_eq!(&scanned, &answer(&mut fake, &text), "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Alternatives that overlap each other and themselves (`兴 OR 振兴 OR 兴兴`), folded or
    /// with scripts told apart: the scan's one pass finds each alternative's hits as a search
    /// for it alone does.
    #[test]
    fn overlapping_alternatives_are_each_found_as_alone(
        texts in prop::collection::vec(prop::collection::vec("[振兴發发展]{0,20}", 0..3), 1..6),
        terms in prop::collection::vec(
            prop::sample::select(vec!["振兴", "兴发", "发展", "發展", "兴", "兴兴", "展"]), 2..4),
        exact in any::<bool>(),
    ) {
        let corpus = Arc::new(corpus_with(&texts));
        let mut scan = Scan::build(&corpus);
        let mut fake = Fake::new(Arc::clone(&corpus)).batch_articles(2);
        let text = terms.join(" OR ");
        let request = Request {
            generation: 1,
            query: Query::read(&text).expect("a query").with_exact_script(exact),
            scope: Scope::All,
        };
        let run = |engine: &mut dyn Engine| {
            let (matches, complete) = engine.answer(&request);
            assert!(complete);
            let counts: Vec<(u32, usize)> =
                matches.articles.iter().map(|a| (a.article, a.hits.len())).collect();
            (counts, matches.locations(0..matches.hit_count()))
        };
        prop_assert_eq!(run(&mut scan), run(&mut fake), "{} exact {}", text, exact);
    }
}
