//! Search benches: how long the in-memory engine (`wenji::search::scan`) takes to answer a query.
//!
//! - `search/100MB_2char`: every hit of a common two-character word (发展) in a generated 100 MB
//!   corpus (budget: under 10 ms).
//! - `search/100MB_2char_engine`: the same through the engine seam, as the browser asks for it:
//!   `Scan::run` with a request, its batches joined into `Matches` (and the answer kept for the
//!   next keystroke to narrow).
//! - `search/100MB_2char_forms`: the forms those hits were written in, counted as the search
//!   line counts them; `search/100MB_2char_exact`: the word with scripts told apart, through
//!   the engine.
//! - `search/100MB_2char_date`: the same word beside a date condition (`date:YEAR 发展`, the
//!   year of the middle article), through the engine (budget: within 2 ms of the word alone);
//!   `search/100MB_date_only`: the condition alone, every article of that year listed.
//! - `search/100MB_extend`: the query typed one step further (发展经济), found among the previous
//!   query's hits, as the search worker does (budget: under 3 ms).
//! - `search/100MB_extend_scoped`: the same, scanning the articles the previous query matched
//!   (the worker's way when it has no previous hits to use), for comparison.
//! - `search/1GB_first_batch`: a 1 GB corpus, until the first batch of results is handed over —
//!   the first screen (budget: under 16 ms). The scan is cancelled there.
//! - `search/1GB_full`: the same query over the whole 1 GB corpus (budget: under 60 ms).
//! - `search/1GB_full_rare`: a phrase that occurs rarely, so the time is the scan alone — the
//!   floor any query pays on this machine.
//! - `search/1GB_memmem_count_only`: memmem counting the common word in the packed text on both
//!   cores and recording nothing: the floor for that word, whatever the engine does with its hits.
//! - `search/1GB_read_only`: both cores reading the packed text and nothing else: the floor any
//!   full scan pays, set by memory bandwidth.
//!
//! Corpora are written to `$TMPDIR/wenji-bench/{100m,1g}` on first run by the same code as
//! `examples/gen_corpus.rs` and reused while their marker files match. Loading and indexing happen
//! once per corpus, outside the timed sections; the index's size against the corpus text is
//! printed, to check it against the memory budget.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wenji::corpus::{self, Corpus, LoadOptions};
use wenji::search::facts::Facts;
use wenji::search::scan::find::{self as engine, Plan, Results, Scope};
use wenji::search::scan::index::Index;
use wenji::search::scan::narrow;
use wenji::search::{Engine, Query, Request, Scan};

#[path = "support/corpus_gen.rs"]
#[allow(
    dead_code,
    reason = "the generator program uses the parts this bench does not"
)]
mod corpus_gen;

const HUNDRED_MB: corpus_gen::Spec = corpus_gen::HUNDRED_MB;

/// The corpus the first-screen budget is stated for; `gen_corpus --size 1G` writes the same.
const ONE_GB: corpus_gen::Spec = corpus_gen::Spec {
    bytes: 1_000_000_000,
    files: 200_000,
    seed: corpus_gen::DEFAULT_SEED,
};

/// A word nearly every generated article holds, and the same word typed further.
const COMMON: &str = "发展";
const EXTENDED: &str = "发展经济";
/// The query language on the same corpus: either of two common words, two words close
/// together, a pattern.
const OR: &str = "发展 OR 改革";
const NEAR: &str = "改革 NEAR/10 开放";
const REGEX: &str = "re:发.{0,3}展";

/// Generates (if needed), loads and indexes the corpus `spec` describes in `wenji-bench/name`.
fn corpus(spec: &corpus_gen::Spec, name: &str) -> Option<(Corpus, Index)> {
    let dir = std::env::temp_dir().join("wenji-bench").join(name);
    if !corpus_gen::ensure_reported(spec, &dir, &format!("search/{name}")) {
        return None;
    }
    let started = Instant::now();
    let corpus = match corpus::load(&[PathBuf::from(&dir)], LoadOptions::default()) {
        Ok(corpus) => corpus,
        Err(error) => {
            eprintln!("search/{name} skipped: {error}");
            return None;
        }
    };
    let index = Index::build(&corpus);
    let text: usize = corpus.sources.iter().map(|s| s.text.len()).sum();
    #[allow(clippy::cast_precision_loss, reason = "a ratio for display")]
    let ratio = index.heap_bytes() as f64 / text as f64;
    eprintln!(
        "{}: {} articles, {text} bytes of text; index {} bytes ({ratio:.2}× the text), \
         folded text {} bytes; loaded and indexed in {:.1?}",
        dir.display(),
        corpus.articles.len(),
        index.heap_bytes(),
        index.text.len(),
        started.elapsed()
    );
    Some((corpus, index))
}

/// Runs `query` over `scope` to the end, as the search line's worker does.
fn scan(index: &Index, query: &Query, scope: Scope<'_>) -> Results {
    let facts = Facts::default();
    let plan = Plan::new(index, query, &facts);
    let mut all = Results::default();
    engine::search(index, &plan, scope, &|| false, |batch| all.append(batch));
    all
}

/// Time from the start of a scan to its first batch of results; the rest is cancelled.
fn until_first_batch(index: &Index, query: &Query) -> Duration {
    let stop = AtomicBool::new(false);
    let facts = Facts::default();
    let plan = Plan::new(index, query, &facts);
    let started = Instant::now();
    let mut first = None;
    engine::search(
        index,
        &plan,
        Scope::All,
        &|| stop.load(Ordering::Relaxed),
        |batch| {
            if first.is_none() {
                first = Some(started.elapsed());
                stop.store(true, Ordering::Relaxed);
            }
            black_box(batch);
        },
    );
    first.unwrap_or_else(|| started.elapsed())
}

fn hundred_mb(c: &mut Criterion) {
    let Some((corpus, index)) = corpus(&HUNDRED_MB, "100m") else {
        return;
    };
    let common = Query::parse(COMMON);
    let extended = Query::parse(EXTENDED);
    let previous = scan(&index, &common, Scope::All);
    let previous_ids = previous.article_ids();
    let narrowed = scan(&index, &extended, Scope::Articles(&previous_ids));
    eprintln!(
        "{COMMON}: {} hits in {} articles; {EXTENDED}: {} hits in {} articles",
        previous.hit_count(),
        previous.articles.len(),
        narrowed.hit_count(),
        narrowed.articles.len()
    );
    let mut group = c.benchmark_group("search");
    group
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(index.text.len() as u64));
    group.bench_function("100MB_2char", |b| {
        b.iter_with_large_drop(|| engine::search_all(&index, black_box(&common)));
    });
    let mut engine = Scan::build(&corpus);
    let request = Request {
        generation: 1,
        query: common.clone(),
        scope: wenji::search::Scope::All,
    };
    group.bench_function("100MB_2char_engine", |b| {
        b.iter_with_large_drop(|| engine.answer(black_box(&request)));
    });
    // The forms every hit was written in, as the search line counts them after each batch
    // (budget: a small part of the search), and the word with scripts told apart.
    let (answer, _) = engine.answer(&request);
    eprintln!(
        "{COMMON} forms: {}",
        answer.forms().line(&common.written, 3)
    );
    group.bench_function("100MB_2char_forms", |b| {
        b.iter_with_large_drop(|| black_box(&answer).forms());
    });
    let exact = Request {
        query: common.clone().with_exact_script(true),
        ..request.clone()
    };
    group.bench_function("100MB_2char_exact", |b| {
        b.iter_with_large_drop(|| engine.answer(black_box(&exact)));
    });
    query_language(&mut group, &mut engine, &request);
    // A date condition beside the term: the year of the middle article, so it admits a part of
    // the corpus, not all or nothing (budget: within 2 ms of the term alone).
    let year = corpus.articles[corpus.articles.len() / 2]
        .meta
        .date()
        .and_then(wenji::corpus::Date::value)
        .map_or(2020, wenji::corpus::DateValue::year);
    let dated = Request {
        query: Query::read(&format!("date:{year} {COMMON}")).expect("a query"),
        ..request.clone()
    };
    let (answer, _) = engine.answer(&dated);
    eprintln!(
        "date:{year} {COMMON}: {} hits in {} articles",
        answer.hit_count(),
        answer.articles.len()
    );
    group.bench_function("100MB_2char_date", |b| {
        b.iter_with_large_drop(|| engine.answer(black_box(&dated)));
    });
    let date_only = Request {
        query: Query::read(&format!("date:{year}")).expect("a query"),
        ..request.clone()
    };
    group.bench_function("100MB_date_only", |b| {
        b.iter_with_large_drop(|| engine.answer(black_box(&date_only)));
    });
    drop(engine);
    group.bench_function("100MB_extend", |b| {
        b.iter_with_large_drop(|| {
            narrow::narrow(&index, black_box(&extended), &common, &previous, &|| false)
        });
    });
    group.bench_function("100MB_extend_scoped", |b| {
        b.iter_with_large_drop(|| {
            scan(&index, black_box(&extended), Scope::Articles(&previous_ids))
        });
    });
    group.finish();
}

/// The query language (budgets: OR of two terms at most 1.3× one term; proximity and a pattern
/// at most 3× one term), each through the engine as the search line asks it.
fn query_language(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    engine: &mut Scan,
    request: &Request,
) {
    for (name, text) in [
        ("100MB_or", OR),
        ("100MB_near", NEAR),
        ("100MB_regex", REGEX),
    ] {
        let asked = Request {
            query: Query::read(text).expect("a query"),
            ..request.clone()
        };
        let (answer, _) = engine.answer(&asked);
        eprintln!(
            "{text}: {} hits in {} articles",
            answer.hit_count(),
            answer.articles.len()
        );
        group.bench_function(name, |b| {
            b.iter_with_large_drop(|| engine.answer(black_box(&asked)));
        });
    }
}

fn one_gb(c: &mut Criterion) {
    let Some((_corpus, index)) = corpus(&ONE_GB, "1g") else {
        return;
    };
    let common = Query::parse(COMMON);
    // No throughput here: the first batch covers only the first few megabytes.
    let mut group = c.benchmark_group("search");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("1GB_first_batch", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| until_first_batch(&index, black_box(&common)))
                .sum()
        });
    });
    group.finish();
    let mut group = c.benchmark_group("search");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(index.text.len() as u64));
    group.bench_function("1GB_full", |b| {
        b.iter_with_large_drop(|| engine::search_all(&index, black_box(&common)));
    });
    // The scan alone, with nothing recorded: memmem counting the common word on both cores.
    group.bench_function("1GB_memmem_count_only", |b| {
        let needle = index.packing.pack(COMMON);
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let text = index.text.as_bytes();
        let half = text.len() / 2;
        b.iter(|| {
            let (left, right) = text.split_at(half);
            let (a, b) = rayon::join(
                || finder.find_iter(left).count(),
                || finder.find_iter(right).count(),
            );
            black_box(a + b)
        });
    });
    // Reading the packed text on both cores and nothing else: the memory-bandwidth floor.
    group.bench_function("1GB_read_only", |b| {
        let sum = |bytes: &[u8]| {
            bytes.chunks_exact(8).fold(0u64, |sum, word| {
                sum.wrapping_add(u64::from_le_bytes(word.try_into().unwrap_or_default()))
            })
        };
        let (left, right) = index.text.as_bytes().split_at(index.text.len() / 2);
        b.iter(|| {
            let (a, b) = rayon::join(|| sum(left), || sum(right));
            black_box(a ^ b)
        });
    });
    let rare = Query::parse("辽沈战役");
    group.bench_function("1GB_full_rare", |b| {
        b.iter_with_large_drop(|| engine::search_all(&index, black_box(&rare)));
    });
    group.finish();
}

criterion_group!(benches, hundred_mb, one_gb);
criterion_main!(benches);
