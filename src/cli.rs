//! Command-line arguments. Definitions only; `main` and `commands` act on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use encoding_rs::Encoding;

use crate::corpus::decode::encoding_for_label;

/// A terminal browser for corpora of Chinese speeches and articles.
///
/// With no paths, opens the sample speeches built into wenji.
#[derive(Debug, Parser)]
#[command(name = "wenji", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: Input,
    #[command(flatten)]
    pub display: Display,
}

/// How text is measured and laid out.
#[derive(Debug, Args)]
pub struct Display {
    /// Count ambiguous-width characters (“ ” … — · ①) as two columns, for terminals set up for
    /// CJK that draw them wide.
    #[arg(long)]
    pub ambiguous_wide: bool,
}

/// What to open.
#[derive(Debug, Args)]
pub struct Input {
    /// Files and folders to open (folders: .txt .md .markdown .jsonl, recursively); `-` reads
    /// standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read every file in this encoding instead of detecting it (gbk, gb18030, big5, utf-16le, …).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static Encoding>,
}

/// One-shot commands that print to standard output.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article: number, title, speaker, role, section, `file:line`, characters.
    List(ListArgs),
    /// Print one article laid out exactly as the reading pane lays it out.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article: its number in `wenji list`, or a part of its title that only it has.
    pub article: String,
    #[command(flatten)]
    pub input: Input,
    #[command(flatten)]
    pub display: Display,
    /// Columns to lay out for (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(2..))]
    pub width: Option<u16>,
    /// No first-line indent; paragraphs are separated by blank lines instead.
    #[arg(long)]
    pub no_indent: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub input: Input,
    /// Print JSON Lines instead of tab-separated columns.
    #[arg(long)]
    pub json: bool,
}

fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le or utf-16be)")
    })
}
