//! `wenji search` without an index: the one-shot command over files as it runs them — walked,
//! read and prefiltered on every core, parsed only where a hit may be, printed in corpus order —
//! its output written to nothing.
//!
//! - `search_stream/archive_count_common`: `--count 发展` over the 300 MB generated archive
//!   (budget, with `rg -F -l 发展` on the same files as the yardstick: at most 1.5×): most files
//!   hold the word, so this is mostly parsing.
//! - `search_stream/archive_lines_rare`: `振兴东北`, a phrase few articles hold: the prefilter
//!   turns most files away; the files that hold all four characters apart are still parsed.
//! - `search_stream/archive_prefilter_only`: a phrase of rare ideographs no file holds: every
//!   file is walked, read and turned away, none parsed — the floor this command pays.
//!
//! The archive is written to `$TMPDIR/wenji-bench/archive` on first run by the same code as
//! `examples/gen_corpus.rs --archive`, and reused while its marker file matches. The search
//! reports the archive's warnings on standard error each time: run with `2>/dev/null`.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use wenji::commands::search::{self, Format, Options};
use wenji::corpus::LoadOptions;
use wenji::search::Query;

/// The binary's allocator, so loading is timed as `wenji` does it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/corpus_gen.rs"]
#[allow(
    dead_code,
    reason = "the generator program uses the parts this bench does not"
)]
mod corpus_gen;

/// The archive, generated if needed; `None` (with a message) when it cannot be.
fn archive() -> Option<(PathBuf, u64)> {
    let dir = std::env::temp_dir().join("wenji-bench").join("archive");
    let spec = corpus_gen::archive::THREE_HUNDRED_MB;
    match corpus_gen::archive::ensure(&spec, &dir) {
        Ok(Some(summary)) => eprintln!("generated {}: {} files", dir.display(), summary.files),
        Ok(None) => {}
        Err(error) => {
            eprintln!(
                "search_stream skipped: cannot write {}: {error}",
                dir.display()
            );
            return None;
        }
    }
    Some((dir, spec.bytes))
}

fn archive_benches(c: &mut Criterion) {
    let Some((dir, bytes)) = archive() else {
        return;
    };
    let paths = [dir];
    let mut group = c.benchmark_group("search_stream");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(40))
        .throughput(Throughput::Bytes(bytes));
    for (name, query, format) in [
        ("archive_count_common", "发展", Format::Count),
        ("archive_lines_rare", "振兴东北", Format::Lines),
        ("archive_prefilter_only", "丂丄丅", Format::Lines),
    ] {
        let query = Query::parse(query);
        let options = Options {
            format,
            context: 20,
            colour: false,
            by: None,
            sort: wenji::corpus::order::Order::Corpus,
            typed: "",
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                search::stream(
                    &paths,
                    LoadOptions::default(),
                    None,
                    &query,
                    options,
                    &mut io::sink(),
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, archive_benches);
criterion_main!(benches);
