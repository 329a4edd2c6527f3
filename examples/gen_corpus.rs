//! Writes a benchmark corpus of a requested size: a `year/month` folder tree of `.txt` and `.md`
//! files recombined from the embedded sample and, when present, the wikisource reports in
//! `../shared/corpora/`; with `--archive`, one Markdown article a file under front matter, shaped
//! like a web archive's export (figures, re-crawls, stubs, both scripts, a few GBK files). The
//! same arguments always write the same bytes.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --size 100M --files 20000 --out /tmp/wenji-bench/100m
//! cargo run --release --example gen_corpus -- --archive --size 300M --files 50000 --out /tmp/wenji-bench/archive
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code, reason = "the bench uses the parts this program does not")]
mod corpus_gen;

/// Generate a benchmark corpus for wenji.
#[derive(Debug, Parser)]
struct Args {
    /// Total bytes: 1M, 100M, 1G (powers of 1000) or 64Mi (powers of 1024).
    #[arg(long, value_parser = corpus_gen::parse_size)]
    size: u64,
    /// Number of files [default: one per 5 KB].
    #[arg(long)]
    files: Option<usize>,
    /// Folder to write; an earlier generated corpus there is replaced.
    #[arg(long)]
    out: PathBuf,
    /// Seed for the shuffling.
    #[arg(long, default_value_t = corpus_gen::DEFAULT_SEED)]
    seed: u64,
    /// Write an archive export (front matter, figures, re-crawls, stubs, GBK) instead.
    #[arg(long)]
    archive: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let files = args
        .files
        .unwrap_or_else(|| {
            usize::try_from(args.size / corpus_gen::DEFAULT_FILE_BYTES).unwrap_or(usize::MAX)
        })
        .max(1);
    let spec = corpus_gen::Spec {
        bytes: args.size,
        files,
        seed: args.seed,
    };
    let mut pools = corpus_gen::Pools::from_sample();
    let wikisource = corpus_gen::wikisource_dir();
    if wikisource.is_dir() {
        let reports = pools
            .add_wikisource(&wikisource)
            .with_context(|| format!("reading {}", wikisource.display()))?;
        eprintln!("gen_corpus: recombining the sample and {reports} wikisource reports");
    } else {
        eprintln!(
            "gen_corpus: {} is absent; recombining the sample alone",
            wikisource.display()
        );
    }
    let start = Instant::now();
    if args.archive {
        let summary = corpus_gen::archive::generate(&spec, &pools, &args.out)
            .with_context(|| format!("writing {}", args.out.display()))?;
        println!(
            "{}: {} files, {} bytes: {} re-crawls, {} farewell notices, {} empty stubs, {} in \
             traditional characters, {} in GBK, {} figures; dates under `published` {}, under \
             `created` {}, unknown {}; {:.1?}",
            args.out.display(),
            summary.files,
            summary.bytes,
            summary.recrawls,
            summary.farewells,
            summary.stubs,
            summary.traditional,
            summary.gbk,
            summary.figures,
            summary.published,
            summary.created,
            summary.unknown_dates,
            start.elapsed()
        );
        return Ok(());
    }
    let summary = corpus_gen::generate(&spec, &pools, &args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    #[allow(clippy::cast_precision_loss, reason = "a percentage for display")]
    let off = (summary.bytes as f64 - spec.bytes as f64) / spec.bytes as f64 * 100.0;
    println!(
        "{}: {} files in {} folders, {} bytes ({off:+.4}% of the request), about {} articles; \
         file sizes {}..{} bytes (median {}); {:.1?}",
        args.out.display(),
        summary.files,
        summary.folders,
        summary.bytes,
        summary.articles,
        summary.smallest,
        summary.largest,
        summary.median,
        start.elapsed()
    );
    Ok(())
}
