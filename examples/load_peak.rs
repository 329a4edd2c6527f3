//! Loads the given files and folders once, as the browser does at start, and prints the figures a
//! memory budget is checked against: articles, bytes of text, elapsed time and the peak resident
//! set (`VmHWM` from `/proc/self/status`, so Linux only) as a multiple of the text bytes.
//!
//! ```text
//! cargo run --release --example load_peak -- /tmp/wenji-bench/100m
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser;

/// Load a corpus once and report time and peak memory.
#[derive(Debug, Parser)]
struct Args {
    /// Files and folders to load, as given to `wenji`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")
        .context("reading /proc/self/status (peak memory is measured on Linux only)")?;
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .with_context(|| format!("no {field} in /proc/self/status"))?;
    let kib: u64 = line
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .with_context(|| format!("{field} is not a number: {line}"))?;
    Ok(kib * 1024)
}

#[allow(clippy::cast_precision_loss, reason = "ratios and MB for display")]
fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let before = status_bytes("VmHWM")?;
    let start = Instant::now();
    let corpus = wenji::corpus::load(&args.paths, wenji::corpus::LoadOptions::default())?;
    let elapsed = start.elapsed();
    let peak = status_bytes("VmHWM")?;
    let resident = status_bytes("VmRSS")?;
    let bytes: u64 = corpus.sources.iter().map(|s| s.text.len() as u64).sum();
    let paragraphs: usize = corpus.articles.iter().map(|a| a.paragraphs.len()).sum();
    let paragraph_bytes: u64 = corpus
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len() as u64)
        .sum();
    let mb = |n: u64| n as f64 / 1e6;
    println!("files        {}", corpus.sources.len());
    println!("articles     {}", corpus.articles.len());
    println!(
        "paragraphs   {paragraphs} ({:.1} MB of text)",
        mb(paragraph_bytes)
    );
    println!("warnings     {}", corpus.warnings.len());
    println!("bytes        {} ({:.1} MB)", bytes, mb(bytes));
    println!("elapsed      {elapsed:.1?}");
    println!(
        "throughput   {:.0} MB/s",
        mb(bytes) / elapsed.as_secs_f64().max(1e-9)
    );
    println!(
        "peak RSS     {:.1} MB (before loading {:.1} MB)",
        mb(peak),
        mb(before)
    );
    println!("RSS now      {:.1} MB", mb(resident));
    println!("peak / bytes {:.2}", peak as f64 / bytes.max(1) as f64);
    Ok(())
}
