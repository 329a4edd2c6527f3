//! One-shot commands: open the corpus like the browser does, print to standard output, report
//! problems on standard error, and exit with a status a script can test.

pub mod cache;
pub mod colour;
pub mod completions;
pub mod json;
pub mod list;
pub mod man;
pub mod mistyped;
pub mod search;
pub mod show;
pub mod sorted;

use std::io::Write;
use std::path::Path;

use crate::cli::Input;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};

/// Opens what `input` names (the sample when it names nothing), repairing page breaks unless
/// `page_break_repair` is off, through the load cache in `cache_dir` unless `--no-cache` says
/// not to; with what will hear of texts found damaged in the cache when read back.
pub fn open(
    input: &Input,
    page_break_repair: bool,
    cache_dir: Option<&Path>,
) -> Result<(Corpus, Late), LoadError> {
    let options = load_options(input, page_break_repair);
    if input.paths.is_empty() {
        return Ok((corpus::sample_with(options), Late(None)));
    }
    let cache_dir = cache_dir.filter(|_| !input.no_cache);
    corpus::load_cached(&input.paths, options, cache_dir)
        .map(|(corpus, report)| (corpus, Late(report.late)))
}

/// Where warnings come about texts found damaged in the load cache when read back (the text
/// printed is then read from its file).
pub struct Late(Option<std::sync::mpsc::Receiver<corpus::Warning>>);

impl Late {
    /// Reports those that came so far.
    pub fn report(&self) {
        let warnings: Vec<corpus::Warning> =
            self.0.iter().flat_map(|late| late.try_iter()).collect();
        report_warnings(&warnings, None);
    }
}

/// Ends a one-shot command's use of `corpus` without freeing it: the process exits next, which
/// returns its memory at once, where freeing a large corpus string by string takes about a
/// third of a second on a 300 MB archive.
pub fn leave(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// How `input` asks for files to be read.
pub fn load_options(input: &Input, page_break_repair: bool) -> LoadOptions {
    LoadOptions {
        encoding: input.encoding,
        page_break_repair,
        max_input: input.max_input,
        copy_keys: false,
    }
}

/// Warnings `search` and `show` print before saying how many more there are: a generated or
/// scraped corpus can have one per file, and thousands of lines would bury the results.
pub const WARNINGS_SHOWN: usize = 20;

/// Writes each warning to standard error, prefixed with the program name; with a `limit`, only
/// that many, then how many more there are and where to see them all.
pub fn report_warnings(warnings: &[corpus::Warning], limit: Option<usize>) {
    // Standard error is unbuffered: every piece of every line would be a system call.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    let shown = limit.unwrap_or(warnings.len()).min(warnings.len());
    for warning in &warnings[..shown] {
        let _ = writeln!(stderr, "wenji: {warning}");
    }
    let more = warnings.len() - shown;
    if more > 0 {
        let _ = writeln!(
            stderr,
            "wenji: … and {more} more warning{} (`wenji list` prints them all)",
            if more == 1 { "" } else { "s" }
        );
    }
}
