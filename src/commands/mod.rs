//! One-shot commands: open the corpus like the browser does, print to standard output, report
//! problems on standard error, and exit with a status a script can test.

pub mod list;
pub mod search;
pub mod show;

use std::io::Write;

use crate::cli::Input;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};

/// Opens what `input` names (the sample when it names nothing).
pub fn open(input: &Input) -> Result<Corpus, LoadError> {
    if input.paths.is_empty() {
        return Ok(corpus::sample());
    }
    corpus::load(
        &input.paths,
        LoadOptions {
            encoding: input.encoding,
        },
    )
}

/// Writes each warning to standard error, prefixed with the program name.
pub fn report_warnings(warnings: &[corpus::Warning]) {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "wenji: {warning}");
    }
}
