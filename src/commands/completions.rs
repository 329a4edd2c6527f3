//! `wenji completions SHELL`: a completion script written from the clap definitions, so the
//! commands, flags and their values it offers are always those the binary takes.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes the script for `shell` to `out`.
///
/// The generator panics on a failed write (a closed pipe included), so the script is made in
/// memory and written here, where a closed pipe is an error like any other.
pub fn write(shell: Shell, out: &mut impl Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "wenji", &mut script);
    out.write_all(&script)?;
    out.flush()
}
