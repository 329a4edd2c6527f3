//! Command-line arguments. Definitions only; `main` acts on them.

use std::path::PathBuf;

use clap::Parser;

/// A terminal browser for corpora of Chinese speeches and articles.
///
/// With no paths, opens the sample speeches built into wenji.
#[derive(Debug, Parser)]
#[command(name = "wenji", version, about)]
pub struct Cli {
    /// Files and folders to open (.txt and .md; folders are read recursively).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}
