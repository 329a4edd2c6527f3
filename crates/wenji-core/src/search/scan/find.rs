//! The scan: find every query term in the packed, folded corpus with `memchr::memmem`.
//!
//! Articles are grouped into units of a few megabytes (an article is never split), and a unit is
//! evaluated whole: the first term is scanned across the unit in one pass, and each further term
//! only inside the articles still matching. Units run in parallel on every core, in growing waves
//! in corpus order; each wave's results are handed over as soon as it is done, so the first screen
//! of a large corpus arrives long before the scan ends. Between units the scan asks whether it has
//! been cancelled (a newer query arrived) and stops if so.
//!
//! Measured figures that shaped this (2 cores): over a 1 GB corpus, out of cache, memmem scanned
//! folded Chinese at 7–10 GB/s per core, not the 25–30 GB/s first assumed, and recording 1.8 M
//! hits cost as much again. So the index packs the text (about two thirds the bytes,
//! [`super::packing`]), and a hit records only where it is, in eight bytes; its field is found
//! when the hit is shown ([`super::locate`]). No index structure is needed below ~1 GB.

use std::ops::Range;

use memchr::memmem::Finder;
use rayon::prelude::*;

use super::extra::{Extra, First};
use super::index::Index;
pub use super::results::{ArticleHits, Hit, Results};
use super::written::Exact;
use crate::search::check::Checks;
use crate::search::facts::Facts;
use crate::search::query::Query;

/// Packed bytes a unit of work aims for.
pub(super) const UNIT_BYTES: usize = 4 << 20;
/// Units in the first wave (a quick first screen) and the second; after that each wave is as
/// large as all before it, so a long scan waits at few wave ends (where a core can idle).
const FIRST_WAVE: usize = 2;
const SECOND_WAVE: usize = 16;

/// Which articles a search looks at.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    All,
    /// Only these (ascending), e.g. the results of a query this one narrows.
    Articles(&'a [u32]),
}

/// A query as the scan runs it: its terms packed, its extra items ready to be asked.
pub struct Plan<'q> {
    finders: Vec<Finder<'static>>,
    exact: Option<Exact>,
    extra: Extra<'q>,
    /// What a query of no terms looks for first.
    first: Option<First>,
    empty: bool,
}

impl<'q> Plan<'q> {
    /// The plan for `query` over `index`, the conditions inside its extra items answered from
    /// `facts`.
    pub fn new(index: &Index, query: &Query, facts: &'q Facts) -> Self {
        Self::with_checks(index, query, Checks::new(query), facts)
    }

    /// [`Plan::new`] with the query's checks already made ([`Checks::new`]), for a caller that
    /// needed them before.
    pub fn with_checks(index: &Index, query: &Query, checks: Checks, facts: &'q Facts) -> Self {
        let exact = Exact::new(query, &checks);
        let extra = Extra::new(index, checks, facts);
        let first = (query.terms.is_empty() && !extra.checks.is_empty()).then(|| extra.first());
        Self {
            finders: query
                .terms
                .iter()
                .map(|t| Finder::new(index.packing.pack(t).as_bytes()).into_owned())
                .collect(),
            exact,
            extra,
            first,
            empty: query.terms.is_empty() && query.extra.is_empty(),
        }
    }
}

/// Searches `index` for `plan`, handing results to `on_batch` wave by wave, in corpus order.
/// Returns `false` if `cancelled` said stop before the end. A query of conditions and excluded
/// terms alone is not for it (the engine lists what they admit); its extra items are.
pub fn search(
    index: &Index,
    plan: &Plan<'_>,
    scope: Scope<'_>,
    cancelled: &(dyn Fn() -> bool + Sync),
    mut on_batch: impl FnMut(Results),
) -> bool {
    if plan.empty {
        return true;
    }
    let units = units(index, scope);
    let mut next = 0;
    while next < units.len() {
        let size = if next == 0 {
            FIRST_WAVE
        } else {
            next.max(SECOND_WAVE)
        };
        let wave = &units[next..(next + size).min(units.len())];
        next += wave.len();
        let done: Option<Vec<Results>> = wave
            .par_iter()
            .map(|unit| (!cancelled()).then(|| evaluate(index, plan, unit)))
            .collect();
        let Some(done) = done else { return false };
        on_batch(Results::concat(done));
    }
    true
}

/// Searches everything at once: the whole result, for one-shot commands and tests. Conditions
/// inside the query's extra items admit nothing here (there are no facts to answer them); the
/// engine ([`super::Scan`]) has them.
pub fn search_all(index: &Index, query: &Query) -> Results {
    let facts = Facts::default();
    let plan = Plan::new(index, query, &facts);
    let mut all = Results::default();
    search(index, &plan, Scope::All, &|| false, |batch| {
        all.append(batch);
    });
    all
}

/// A unit of work: a run of consecutive articles, or some articles listed in corpus order.
enum Unit<'a> {
    Run(Range<u32>),
    Listed(&'a [u32]),
}

impl Unit<'_> {
    /// The unit's articles as runs of consecutive numbers.
    fn runs(&self) -> impl Iterator<Item = Range<u32>> + '_ {
        let (run, listed) = match self {
            Unit::Run(run) => (Some(run.clone()), &[][..]),
            Unit::Listed(listed) => (None, *listed),
        };
        run.into_iter().chain(runs(listed))
    }
}

/// Cuts the articles in scope into units of about [`UNIT_BYTES`] (an article is never split).
fn units<'a>(index: &Index, scope: Scope<'a>) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    match scope {
        Scope::All => {
            let count = u32::try_from(index.articles()).unwrap_or(u32::MAX);
            let mut from = 0;
            while from < count {
                // Up to and including the article that holds the unit's last byte.
                let last = index.article_span(from).start + UNIT_BYTES - 1;
                let to = (index.article_after(from, last) + 1).min(count);
                units.push(Unit::Run(from..to));
                from = to;
            }
        }
        Scope::Articles(articles) => {
            let mut start = 0;
            let mut bytes = 0;
            for (at, &article) in articles.iter().enumerate() {
                bytes += index.article_span(article).len();
                if bytes >= UNIT_BYTES {
                    units.push(Unit::Listed(&articles[start..=at]));
                    (start, bytes) = (at + 1, 0);
                }
            }
            if start < articles.len() {
                units.push(Unit::Listed(&articles[start..]));
            }
        }
    }
    units
}

/// Hits and their articles as a scan finds them, before they become [`Results`].
#[derive(Default)]
pub(super) struct Found {
    pub articles: Vec<ArticleHits>,
    pub hits: Vec<Hit>,
}

impl Found {
    /// Records `hit`, in article `article`, after every hit recorded so far.
    pub fn push(&mut self, article: u32, hit: Hit) {
        self.hits.push(hit);
        match self.articles.last_mut() {
            Some(entry) if entry.article == article => entry.hits.end = self.hits.len(),
            _ => self.articles.push(ArticleHits {
                article,
                hits: self.hits.len() - 1..self.hits.len(),
            }),
        }
    }

    pub fn clear(&mut self) {
        self.articles.clear();
        self.hits.clear();
    }
}

/// Runs the whole query over one unit of articles.
fn evaluate(index: &Index, plan: &Plan<'_>, unit: &Unit<'_>) -> Results {
    let runs: Vec<(Range<u32>, Range<usize>)> = unit
        .runs()
        .map(|run| {
            let span = index.article_span(run.start).start..index.article_span(run.end - 1).end;
            (run, span)
        })
        .collect();
    let (found, seeded) = match &plan.first {
        None => (terms(index, plan, &runs), &[][..]),
        Some(First::Terms(leaves)) => (alternatives(index, plan, &runs, leaves), &leaves[..]),
        Some(First::Pattern(leaf)) => {
            let mut found = Found::default();
            for (_, span) in &runs {
                plan.extra
                    .find(index, *leaf, span.clone(), None, &mut |article, hit| {
                        found.push(article, hit);
                    });
            }
            (found, std::slice::from_ref(leaf))
        }
        Some(First::Every) => {
            let mut found = Found::default();
            for (run, _) in &runs {
                found
                    .articles
                    .extend(run.clone().map(|article| ArticleHits {
                        article,
                        hits: 0..0,
                    }));
            }
            (found, &[][..])
        }
    };
    if plan.extra.checks.is_empty() || plan.extra.checks.are_any_of(seeded) {
        return Results::new(found.articles, found.hits);
    }
    // The extra items, asked of each article found: the hits of the terms stay, the leaves'
    // are those that made the items hold.
    let terms = plan.finders.len();
    let mut all = Found::default();
    for entry in &found.articles {
        let hits = &found.hits[entry.hits.clone()];
        let start = all.hits.len();
        all.hits
            .extend(hits.iter().filter(|hit| usize::from(hit.term()) < terms));
        if !plan.extra.holds(
            index,
            entry.article,
            plan.exact.as_ref(),
            (seeded, hits),
            &mut all.hits,
        ) {
            all.hits.truncate(start);
            continue;
        }
        all.hits[start..].sort_unstable_by_key(|h| (h.start(), h.term()));
        drop_repeats(&mut all.hits, start);
        all.articles.push(ArticleHits {
            article: entry.article,
            hits: start..all.hits.len(),
        });
    }
    Results::new(all.articles, all.hits)
}

/// The articles of `runs` holding every term of `plan`, with their hits.
fn terms(index: &Index, plan: &Plan<'_>, runs: &[(Range<u32>, Range<usize>)]) -> Found {
    let exact = plan.exact.as_ref();
    let Some((first, rest)) = plan.finders.split_first() else {
        return Found::default();
    };
    // First term: one pass over each run of consecutive articles, straight into the results.
    // Room for a hit every 16 needle lengths up front: pages are only touched as hits arrive, and
    // a common word no longer pays for repeated regrowth.
    let unit_bytes: usize = runs.iter().map(|(_, span)| span.len()).sum();
    let articles: usize = runs.iter().map(|(run, _)| run.len()).sum();
    let mut found = Found {
        articles: Vec::with_capacity(articles),
        hits: Vec::with_capacity(unit_bytes / (first.needle().len().max(1) * 16)),
    };
    for (_, span) in runs {
        scan(index, first, 0, span.clone(), exact, |article, hit| {
            found.push(article, hit);
        });
    }
    if rest.is_empty() {
        return found;
    }
    // Further terms: only inside articles that still match; an article missing one is dropped.
    let mut all = Found::default();
    let mut more = Found::default();
    for entry in &found.articles {
        more.clear();
        let span = index.article_span(entry.article);
        let complete = rest.iter().enumerate().all(|(term, finder)| {
            let before = more.hits.len();
            let term = u8::try_from(term + 1).unwrap_or(u8::MAX);
            scan(index, finder, term, span.clone(), exact, |article, hit| {
                more.push(article, hit);
            });
            more.hits.len() > before
        });
        if complete {
            let start = all.hits.len();
            all.hits.extend_from_slice(&found.hits[entry.hits.clone()]);
            all.hits.extend_from_slice(&more.hits);
            all.hits[start..].sort_unstable_by_key(|h| (h.start(), h.term()));
            all.articles.push(ArticleHits {
                article: entry.article,
                hits: start..all.hits.len(),
            });
        }
    }
    all
}

/// The articles of `runs` holding one of `leaves` at least (terms), with the hits of each, as
/// a scan for that leaf alone finds them ([`scan`]), so the checks can take them as they are.
///
/// Each run is scanned once for each leaf, while it is still in the cache from the first scan,
/// and the hits are merged in order. Measured on the 100 MB corpus for `发展 OR 改革` (one term:
/// 4.7 ms): 9.4 ms so; 15.1 ms for one pass of Aho-Corasick's SIMD searcher (Teddy) trying
/// every leaf at each match, 63.6 ms for its automaton restarted after each match.
fn alternatives(
    index: &Index,
    plan: &Plan<'_>,
    runs: &[(Range<u32>, Range<usize>)],
    leaves: &[usize],
) -> Found {
    let exact = plan.exact.as_ref();
    let mut found = Found::default();
    let mut each: Vec<Vec<(u32, Hit)>> = vec![Vec::new(); leaves.len()];
    for (_, span) in runs {
        for (hits, &leaf) in each.iter_mut().zip(leaves) {
            hits.clear();
            plan.extra
                .find(index, leaf, span.clone(), exact, &mut |article, hit| {
                    hits.push((article, hit));
                });
        }
        let mut next = vec![0; each.len()];
        loop {
            let first = each
                .iter()
                .zip(&next)
                .enumerate()
                .filter_map(|(leaf, (hits, &at))| Some((leaf, hits.get(at)?)))
                .min_by_key(|(leaf, (_, hit))| (hit.start(), *leaf));
            let Some((leaf, &(article, hit))) = first else {
                break;
            };
            next[leaf] += 1;
            // Two leaves found in one place (`国家 OR 國家`) are one hit, as the checks keep.
            if !repeats(&found.hits, hit) {
                found.push(article, hit);
            }
        }
    }
    found
}

/// `hits[from..]` (in order) without a hit where an earlier one of a lower term is, the same
/// bytes: `国家 (国家 OR 中国)` finds each 国家 once, as the plain search does.
fn drop_repeats(hits: &mut Vec<Hit>, from: usize) {
    let mut kept = from;
    for at in from..hits.len() {
        let hit = hits[at];
        if !repeats(&hits[from..kept], hit) {
            hits[kept] = hit;
            kept += 1;
        }
    }
    hits.truncate(kept);
}

/// Whether `hit` covers the same bytes as one of `earlier` (in order, so those starting where
/// it starts are last).
fn repeats(earlier: &[Hit], hit: Hit) -> bool {
    earlier
        .iter()
        .rev()
        .take_while(|h| h.start() == hit.start())
        .any(|h| h.len() == hit.len())
}

/// Consecutive article numbers in `unit`, as ranges.
fn runs(unit: &[u32]) -> impl Iterator<Item = Range<u32>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = *unit.get(start)?;
        let mut end = start + 1;
        while unit
            .get(end)
            .is_some_and(|&a| a == first + u32::try_from(end - start).unwrap_or(0))
        {
            end += 1;
        }
        let run = first..unit[end - 1] + 1;
        start = end;
        Some(run)
    })
}

/// Every non-overlapping match of `finder` in `span`, left to right, as (article, hit). With
/// `exact`, only the matches it keeps: after one it turns away the search goes on from the
/// match's second character, so a match it keeps is never hidden by one overlapping it.
pub(super) fn scan(
    index: &Index,
    finder: &Finder<'_>,
    term: u8,
    span: Range<usize>,
    exact: Option<&Exact>,
    mut found: impl FnMut(u32, Hit),
) {
    let haystack = index.text.as_bytes().get(span.clone()).unwrap_or_default();
    let len = finder.needle().len();
    let (mut article, mut article_end) = (0, 0);
    let mut take = |offset: usize| {
        let start = span.start + offset;
        if start >= article_end {
            article = index.article_after(article, start);
            article_end = index.article_span(article).end;
        }
        found(article, Hit::new(start, len, term));
    };
    let Some(exact) = exact else {
        finder.find_iter(haystack).for_each(take);
        return;
    };
    let step = finder
        .needle()
        .iter()
        .skip(1)
        .position(|&b| b & 0xC0 != 0x80)
        .map_or(len, |at| at + 1);
    let mut from = 0;
    while let Some(offset) = haystack.get(from..).and_then(|rest| finder.find(rest)) {
        let offset = from + offset;
        if exact.keeps(index, Hit::new(span.start + offset, len, term)) {
            take(offset);
            from = offset + len.max(1);
        } else {
            from = offset + step;
        }
    }
}
