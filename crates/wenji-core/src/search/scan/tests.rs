//! The in-memory scan: terms in every field, folded matches, units and waves, cancelling.

use super::find::{Hit, Plan, Results, Scope, UNIT_BYTES, search, search_all};
use super::index::Index;
use super::locate::{Locator, locate};
use crate::corpus::{self, Corpus, Paragraph, ParagraphKind};
use crate::search::answer::Location;
use crate::search::context::context;
use crate::search::facts::Facts;
use crate::search::field::Field;
use crate::search::query::Query;
use crate::search::testing::corpus_of;
use proptest::prelude::*;

fn hits_as_text(corpus: &Corpus, index: &Index, results: &Results) -> Vec<(u32, String)> {
    results
        .hits()
        .map(|h| {
            let located = locate(index, h);
            (located.article, context(corpus, &located, 0).hit.to_owned())
        })
        .collect()
}

#[test]
fn a_speakers_name_finds_their_speech() {
    let corpus = corpus::sample();
    let index = Index::build(&corpus);
    let results = search_all(&index, &Query::parse("许勤"));
    assert_eq!(results.article_ids(), [1]);
    let located = locate(&index, results.hit(0).expect("a hit"));
    assert_eq!(located.field, Field::Speaker);
}

#[test]
fn every_term_must_occur_and_each_is_found() {
    let corpus = corpus::sample();
    let index = Index::build(&corpus);
    let both = search_all(&index, &Query::parse("振兴 龙江"));
    assert_eq!(both.article_ids(), [1]);
    let terms: std::collections::BTreeSet<u8> = both.hits().map(Hit::term).collect();
    assert_eq!(terms.into_iter().collect::<Vec<_>>(), [0, 1]);
    assert!(
        search_all(&index, &Query::parse("振兴 不存在"))
            .articles
            .is_empty()
    );
}

#[test]
fn a_hit_across_a_repaired_page_break_is_found_whole() {
    let corpus = corpus::sample();
    let index = Index::build(&corpus);
    let results = search_all(&index, &Query::parse("指标增幅"));
    assert_eq!(
        hits_as_text(&corpus, &index, &results),
        [(0, "指标增幅".to_owned())]
    );
}

#[test]
fn folded_matches_highlight_exactly_the_original_characters() {
    let mut corpus = corpus::sample();
    corpus.articles[0].paragraphs[0] = Paragraph {
        text: "ＧＤＰ增长\u{200b}５%，AI与ａｉ".to_owned().into(),
        lines: 1..2,
        kind: ParagraphKind::Body,
    };
    let index = Index::build(&corpus);
    let found = |q: &str| {
        let mut hits = hits_as_text(&corpus, &index, &search_all(&index, &Query::parse(q)));
        hits.retain(|(article, _)| *article == 0);
        hits
    };
    assert_eq!(found("gdp"), [(0, "ＧＤＰ".to_owned())]);
    assert_eq!(found("增长5%"), [(0, "增长\u{200b}５%".to_owned())]);
    assert_eq!(found("ai"), [(0, "AI".to_owned()), (0, "ａｉ".to_owned())]);
}

#[test]
fn hits_deep_in_a_long_paragraph_map_back_to_their_original_characters() {
    // Long enough that the packed field keeps marks, with full-width letters folded on the way.
    let unit = "ＡＢ振兴东北，";
    let corpus = corpus_of(vec![vec![unit.repeat(3000)]]);
    let index = Index::build(&corpus);
    let results = search_all(&index, &Query::parse("ab振兴"));
    assert_eq!(results.hit_count(), 3000);
    for (n, hit) in results.hits().enumerate() {
        let located = locate(&index, hit);
        assert_eq!(located.range.start, n * unit.len());
        assert_eq!(context(&corpus, &located, 0).hit, "ＡＢ振兴");
    }
}

#[test]
fn a_locator_walking_hits_in_order_finds_what_each_hit_alone_finds() {
    let unit = "ＡＢ振兴东北，振兴";
    let corpus = corpus_of(vec![vec![unit.repeat(500), "振兴".to_owned()]]);
    let index = Index::build(&corpus);
    let results = search_all(&index, &Query::parse("振兴"));
    let mut locator = Locator::new(&index);
    for hit in results.hits() {
        assert_eq!(locator.locate(hit), locate(&index, hit));
    }
}

#[test]
fn a_corpus_of_several_units_is_searched_whole_by_range_and_by_list() {
    // About 9 MB: three units or so, whichever way they are cut.
    let paragraph = "发展经济，振兴东北。".repeat(100);
    let articles: Vec<Vec<String>> = (0..3000)
        .map(|n| vec![paragraph.clone(), format!("第{n}篇"), paragraph.clone()])
        .collect();
    let corpus = corpus_of(articles);
    let index = Index::build(&corpus);
    assert!(index.text.len() > 2 * UNIT_BYTES);
    let query = Query::parse("振兴");
    let all = search_all(&index, &query);
    assert_eq!(all.hit_count(), 3000 * 200);
    assert_eq!(all.articles.len(), 3000);
    let every: Vec<u32> = (0..3000).collect();
    let mut listed = Results::default();
    search(
        &index,
        &Plan::new(&index, &query, &Facts::default()),
        Scope::Articles(&every),
        &|| false,
        |batch| {
            listed.append(batch);
        },
    );
    assert_eq!(listed, all);
    let last = locate(&index, all.hit(all.hit_count() - 1).expect("a last hit"));
    assert_eq!(last.article, 2999);
}

#[test]
fn a_cancelled_scan_stops_and_says_so() {
    let corpus = corpus::sample();
    let index = Index::build(&corpus);
    let mut batches = 0;
    let complete = search(
        &index,
        &Plan::new(&index, &Query::parse("振兴"), &Facts::default()),
        Scope::All,
        &|| true,
        |_| batches += 1,
    );
    assert!(!complete);
    assert_eq!(batches, 0);
}

/// Every occurrence by plain `str::find`, as (article, field text offset).
fn oracle(corpus: &Corpus, term: &str) -> Vec<(u32, usize, usize)> {
    let mut found = Vec::new();
    for (a, article) in corpus.articles.iter().enumerate() {
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            let mut from = 0;
            while let Some(at) = paragraph.text[from..].find(term) {
                found.push((u32::try_from(a).unwrap_or(0), p, from + at));
                from += at + term.len().max(1);
            }
        }
    }
    found
}

proptest! {
    #[test]
    fn engine_finds_exactly_what_str_find_finds(
        paragraphs in prop::collection::vec(prop::collection::vec("[振兴东北ab ]{0,40}", 0..4), 1..30),
        term in "[振兴东北ab]{1,3}",
    ) {
        let corpus = corpus_of(paragraphs);
        let index = Index::build(&corpus);
        let results = search_all(&index, &Query::parse(&term));
        let found: Vec<(u32, usize, usize)> = results.hits().map(|h| {
            let located = locate(&index, h);
            let Field::Paragraph(p) = located.field else { panic!("only paragraphs have text") };
            (located.article, p as usize, located.range.start)
        }).collect();
        // memmem reports non-overlapping matches left to right, as the oracle does.
        prop_assert_eq!(found, oracle(&corpus, &term));
    }

    #[test]
    fn narrowing_gives_the_same_results_as_a_full_scan(
        paragraphs in prop::collection::vec(prop::collection::vec("[振兴东北ab ]{0,40}", 0..4), 1..30),
        first in "[振兴东北ab]{1,2}",
        extra in "[振兴东北ab]{1,2}",
    ) {
        let corpus = corpus_of(paragraphs);
        let index = Index::build(&corpus);
        let previous = search_all(&index, &Query::parse(&first));
        let longer = Query::parse(&format!("{first}{extra}"));
        prop_assert!(longer.narrows(&Query::parse(&first)));
        let scope = previous.article_ids();
        let mut narrowed = Results::default();
        let facts = Facts::default();
        let plan = Plan::new(&index, &longer, &facts);
        search(&index, &plan, Scope::Articles(&scope), &|| false, |b| narrowed.append(b));
        prop_assert_eq!(narrowed, search_all(&index, &longer));
    }
}

#[test]
fn a_request_within_a_slightly_older_answer_finds_that_answer_kept() {
    use crate::search::{Engine, Request, Scan, Scope};
    fn ask(scan: &mut Scan, generation: u64, text: &str, scope: Scope) -> Vec<Location> {
        let request = Request {
            generation,
            query: Query::parse(text),
            scope,
        };
        let (matches, complete) = scan.answer(&request);
        assert!(complete);
        matches.locations(0..matches.hit_count())
    }
    let corpus = corpus::sample();
    let mut scan = Scan::build(&corpus);
    ask(&mut scan, 1, "振兴", Scope::All);
    ask(&mut scan, 2, "振兴新", Scope::Within(1));
    // The front end asked for 振兴新突 before the end of 振兴新 reached it: within 1.
    let within = ask(&mut scan, 3, "振兴新突", Scope::Within(1));
    assert_eq!(within, ask(&mut scan, 4, "振兴新突", Scope::All));
    assert!(!within.is_empty());
    let kept: Vec<u64> = scan.kept.iter().map(|k| k.generation).collect();
    assert_eq!(kept, [1, 2, 3, 4]);
    ask(&mut scan, 5, "新", Scope::All);
    assert!(
        scan.kept.iter().all(|k| k.generation != 1),
        "only the latest few are kept"
    );
}

/// Room made for the text a loading corpus is expected to hold is only room: an estimate too
/// large to have is passed over, and the index grows as it would have.
#[test]
fn room_for_the_expected_text_changes_nothing_and_an_impossible_estimate_is_passed_over() {
    use crate::search::engine::Engine;
    use crate::search::scan::Scan;
    let corpus = corpus::sample();
    let mut plain = Scan::growing();
    plain.grow(&corpus.articles);
    for bytes in [1 << 20, u64::MAX] {
        let mut roomy = Scan::growing();
        roomy.expect_text(bytes);
        roomy.grow(&corpus.articles);
        assert_eq!(roomy.read().text, plain.read().text);
        assert!(roomy.read().text.capacity() >= plain.read().text.len());
    }
    let mut roomy = Scan::growing();
    roomy.expect_text(1 << 20);
    roomy.grow(&corpus.articles);
    assert!(roomy.read().text.capacity() >= 1 << 20);
}
