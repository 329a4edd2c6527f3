//! Load benches: how long `wenji::corpus` takes to turn files into a browsable corpus.
//!
//! - `load/seed`: the embedded sample, what a user sees with no arguments (budget: the whole start
//!   to first frame under 50 ms).
//! - `load/100MB_20k_files`: a generated 100 MB tree of 20 000 files (budget: first frame under
//!   1 s). The corpus is written to `$TMPDIR/wenji-bench/100m` on first run by the same code as
//!   `examples/gen_corpus.rs`, and reused while its marker file matches.
//! - `load/archive_300MB_50k_files`: the generated archive of issue 14 (Markdown under YAML
//!   front matter, `<figure>` HTML, re-crawls, GBK files; `benches/support/archive.rs`), written
//!   to `$TMPDIR/wenji-bench/archive` on first run (budget: at most 3× `rg -F -c` on the same
//!   files, which the README's figures compare as whole processes).
//! - `load/wikisource`: the real reports in `../shared/corpora/wikisource-political/`, skipped
//!   with a message when the folder is absent or nothing in it loads.
//!
//! Corpora are dropped outside the timed section: a browser keeps its corpus until it exits.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// The binary's allocator, so loading is timed as `wenji` does it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/corpus_gen.rs"]
#[allow(
    dead_code,
    reason = "the generator program uses the parts this bench does not"
)]
mod corpus_gen;

const BIG: corpus_gen::Spec = corpus_gen::HUNDRED_MB;

fn bench_dir() -> PathBuf {
    std::env::temp_dir().join("wenji-bench")
}

/// Bytes of text a corpus holds, for throughput figures.
fn corpus_bytes(corpus: &wenji::corpus::Corpus) -> u64 {
    corpus.sources.iter().map(|s| s.text.len() as u64).sum()
}

fn seed(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(corpus_bytes(&wenji::corpus::sample())));
    group.bench_function("seed", |b| b.iter(wenji::corpus::sample));
    group.finish();
}

fn generated(c: &mut Criterion) {
    let dir = bench_dir().join("100m");
    if corpus_gen::ensure_reported(&BIG, &dir, "load/100MB_20k_files") {
        whole_folder(c, "100MB_20k_files", dir, Duration::from_secs(30));
    }
}

fn archive(c: &mut Criterion) {
    let dir = bench_dir().join("archive");
    match corpus_gen::archive::ensure(&corpus_gen::archive::THREE_HUNDRED_MB, &dir) {
        Ok(Some(summary)) => eprintln!(
            "generated {}: {} files, {} bytes",
            dir.display(),
            summary.files,
            summary.bytes
        ),
        Ok(None) => {}
        Err(error) => {
            eprintln!(
                "load/archive_300MB_50k_files skipped: cannot write {}: {error}",
                dir.display()
            );
            return;
        }
    }
    whole_folder(c, "archive_300MB_50k_files", dir, Duration::from_secs(40));
}

/// `load/NAME`: loading the folder `dir` whole, measured for `measurement`.
fn whole_folder(c: &mut Criterion, name: &str, dir: PathBuf, measurement: Duration) {
    let paths = [dir];
    let bytes = match wenji::corpus::load(&paths, wenji::corpus::LoadOptions::default()) {
        Ok(corpus) => corpus_bytes(&corpus),
        Err(error) => {
            eprintln!("load/{name} skipped: {error}");
            return;
        }
    };
    let mut group = c.benchmark_group("load");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(measurement)
        .throughput(Throughput::Bytes(bytes));
    group.bench_function(name, |b| {
        b.iter_with_large_drop(|| {
            wenji::corpus::load(black_box(&paths), wenji::corpus::LoadOptions::default())
        });
    });
    group.finish();
}

fn wikisource(c: &mut Criterion) {
    let dir = corpus_gen::wikisource_dir();
    if !dir.is_dir() {
        eprintln!("load/wikisource skipped: {} is absent", dir.display());
        return;
    }
    let paths = [dir];
    let bytes = match wenji::corpus::load(&paths, wenji::corpus::LoadOptions::default()) {
        Ok(corpus) => corpus_bytes(&corpus),
        Err(error) => {
            eprintln!(
                "load/wikisource skipped: {} loads nothing yet ({error})",
                paths[0].display()
            );
            return;
        }
    };
    let mut group = c.benchmark_group("load");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(bytes));
    group.bench_function("wikisource", |b| {
        b.iter_with_large_drop(|| {
            wenji::corpus::load(black_box(&paths), wenji::corpus::LoadOptions::default())
        });
    });
    group.finish();
}

criterion_group!(benches, seed, generated, archive, wikisource);
criterion_main!(benches);
