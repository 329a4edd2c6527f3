//! Narrowing: a query that extends the previous one (one more character typed, one more term)
//! can only match where the previous one did, so its hits are found among the previous hits
//! rather than by scanning again.
//!
//! A new term that contains an old term `O` at offset `k` occurs exactly where some occurrence of
//! `O` is preceded by `k` bytes of the new term — provided the scan found *every* occurrence of
//! `O`. memmem reports non-overlapping matches, which are all of them when `O` cannot overlap
//! itself (no proper prefix of `O` is also its suffix); only such terms are used. Other terms are
//! scanned for, but only inside the articles that matched before. The previous articles are
//! shared out among the cores in tasks of a few hundred.

use std::ops::Range;

use memchr::memmem::Finder;
use rayon::prelude::*;

use super::find::{ArticleHits, Found, Hit, Results, scan};
use super::index::Index;
use super::written::Exact;
use crate::search::check::Checks;
use crate::search::query::Query;

/// Matching articles of the previous results one task looks at; tasks run on every core.
const ARTICLES_PER_TASK: usize = 512;

/// The results of `query`, found among `previous` (the complete results of `previous_query`,
/// which `query` narrows). `None` if cancelled.
pub fn narrow(
    index: &Index,
    query: &Query,
    previous_query: &Query,
    previous: &Results,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Results> {
    let pack = |query: &Query| -> Vec<String> {
        query.terms.iter().map(|t| index.packing.pack(t)).collect()
    };
    let (terms, previous_terms) = (pack(query), pack(previous_query));
    let plans: Vec<Plan<'_>> = terms
        .iter()
        .map(|term| Plan::new(term, &previous_terms))
        .collect();
    let tasks: Vec<Range<usize>> = (0..previous.articles.len())
        .step_by(ARTICLES_PER_TASK)
        .map(|start| start..(start + ARTICLES_PER_TASK).min(previous.articles.len()))
        .collect();
    let exact = Exact::new(query, &Checks::default());
    let parts: Option<Vec<Results>> = tasks
        .into_par_iter()
        .map(|task| {
            (!cancelled()).then(|| narrow_task(index, &plans, exact.as_ref(), previous, task))
        })
        .collect();
    parts.map(Results::concat)
}

/// [`narrow`] over the matching articles numbered `task` in `previous`.
fn narrow_task(
    index: &Index,
    plans: &[Plan<'_>],
    exact: Option<&Exact>,
    previous: &Results,
    task: Range<usize>,
) -> Results {
    let mut results = Found::default();
    let mut found = Vec::new();
    for number in task {
        let entry = &previous.articles[number];
        found.clear();
        let old_hits = previous.hits_of(number);
        let matched = plans.iter().enumerate().all(|(term, plan)| {
            let before = found.len();
            let term = u8::try_from(term).unwrap_or(u8::MAX);
            plan.find(index, entry.article, old_hits, term, exact, &mut found);
            found.len() > before
        });
        if matched {
            if plans.len() > 1 {
                found.sort_unstable_by_key(|h: &Hit| (h.start(), h.term()));
            }
            let start = results.hits.len();
            results.hits.extend_from_slice(&found);
            results.articles.push(ArticleHits {
                article: entry.article,
                hits: start..results.hits.len(),
            });
        }
    }
    Results::new(results.articles, results.hits)
}

/// How to find one new term.
enum Plan<'a> {
    /// From the hits of old term number `old`, which sits `offset` bytes into the new term.
    FromHits {
        term: &'a [u8],
        old: u8,
        offset: usize,
    },
    /// By scanning the article.
    Scan(Box<Finder<'a>>),
}

impl<'a> Plan<'a> {
    /// The plan for `term`, given the previous query's terms (both packed).
    fn new(term: &'a str, previous: &[String]) -> Self {
        let derived = previous.iter().enumerate().find_map(|(old, old_term)| {
            let offset = term.find(old_term.as_str())?;
            let old = u8::try_from(old).ok()?;
            cannot_overlap(old_term.as_bytes()).then_some(Plan::FromHits {
                term: term.as_bytes(),
                old,
                offset,
            })
        });
        derived.unwrap_or_else(|| Plan::Scan(Box::new(Finder::new(term.as_bytes()))))
    }

    /// Appends the term's hits in `article` to `out`, in reading order, non-overlapping as
    /// memmem would report them (and only those `exact` keeps, as [`scan`] finds them).
    fn find(
        &self,
        index: &Index,
        article: u32,
        old_hits: &[Hit],
        term: u8,
        exact: Option<&Exact>,
        out: &mut Vec<Hit>,
    ) {
        match self {
            Plan::FromHits {
                term: needle,
                old,
                offset,
            } => {
                let text = index.text.as_bytes();
                let mut last_end = 0;
                for hit in old_hits.iter().filter(|h| h.term() == *old) {
                    let Some(start) = hit.start().checked_sub(*offset) else {
                        continue;
                    };
                    if text.get(start..start + needle.len()) != Some(needle) || start < last_end {
                        continue;
                    }
                    let hit = Hit::new(start, needle.len(), term);
                    if exact.is_some_and(|exact| !exact.keeps(index, hit)) {
                        continue;
                    }
                    last_end = start + needle.len();
                    out.push(hit);
                }
            }
            Plan::Scan(finder) => {
                scan(
                    index,
                    finder,
                    term,
                    index.article_span(article),
                    exact,
                    |_, hit| out.push(hit),
                );
            }
        }
    }
}

/// Whether occurrences of `term` can never overlap: no proper prefix is also a suffix.
///
/// ```
/// use wenji_core::search::scan::narrow::cannot_overlap;
/// assert!(cannot_overlap("发展".as_bytes()));
/// assert!(!cannot_overlap(b"aba"));
/// ```
pub fn cannot_overlap(term: &[u8]) -> bool {
    (1..term.len()).all(|length| term[..length] != term[term.len() - length..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::search::scan::find::search_all;
    use crate::search::testing::corpus_of;
    use proptest::prelude::*;

    #[test]
    fn typing_one_more_character_finds_the_same_hits_as_a_full_scan() {
        let corpus = corpus::sample();
        let index = Index::build(&corpus);
        let old = Query::parse("发展");
        let new = Query::parse("发展的");
        let previous = search_all(&index, &old);
        let narrowed = narrow(&index, &new, &old, &previous, &|| false).expect("not cancelled");
        assert_eq!(narrowed, search_all(&index, &new));
    }

    proptest! {
        #[test]
        fn narrowing_by_hits_equals_a_full_scan(
            paragraphs in prop::collection::vec(prop::collection::vec("[振兴ab ]{0,30}", 0..4), 1..20),
            old in "[振兴ab]{1,2}",
            before in "[振兴ab]{0,2}",
            after in "[振兴ab]{0,2}",
            second in prop::option::of("[振兴ab]{1,2}"),
        ) {
            let corpus = corpus_of(paragraphs);
            let index = Index::build(&corpus);
            let old_query = Query::parse(&old);
            let extended = format!("{before}{old}{after}");
            let new_text = match &second { Some(term) => format!("{extended} {term}"), None => extended };
            let new_query = Query::parse(&new_text);
            prop_assume!(new_query.narrows(&old_query));
            let previous = search_all(&index, &old_query);
            let narrowed = narrow(&index, &new_query, &old_query, &previous, &|| false).expect("runs");
            prop_assert_eq!(narrowed, search_all(&index, &new_query));
        }
    }
}
