//! One-shot commands: open the corpus like the browser does, print to standard output, report
//! problems on standard error, and exit with a status a script can test.

pub mod list;
pub mod search;
pub mod show;

use std::io::Write;

use crate::cli::Input;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};

/// Opens what `input` names (the sample when it names nothing), repairing page breaks unless
/// `page_break_repair` is off.
pub fn open(input: &Input, page_break_repair: bool) -> Result<Corpus, LoadError> {
    let options = LoadOptions {
        encoding: input.encoding,
        page_break_repair,
    };
    if input.paths.is_empty() {
        return Ok(corpus::sample_with(options));
    }
    corpus::load(&input.paths, options)
}

/// Writes each warning to standard error, prefixed with the program name.
pub fn report_warnings(warnings: &[corpus::Warning]) {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "wenji: {warning}");
    }
}
