//! Command-line arguments. Definitions only; `main` and `commands` act on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use encoding_rs::Encoding;

use crate::corpus::decode::encoding_for_label;
use crate::corpus::order::Order;
use crate::search::query::Query;

/// A terminal browser for corpora of Chinese speeches and articles.
///
/// With no paths, opens the sample speeches built into wenji.
#[derive(Debug, Parser)]
#[command(name = "wenji", version, about, args_conflicts_with_subcommands = true)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches, named as the command line names them"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub input: Input,
    #[command(flatten)]
    pub display: Display,
    /// Leave the mouse to the terminal, so its own text selection works (no wheel scrolling).
    #[arg(long)]
    pub no_mouse: bool,
    /// List every copy of an article as a row of its own: by default copies (the same text
    /// crawled again under another date or file) are one row, ×N, which `x` expands.
    #[arg(long)]
    pub all_copies: bool,
    /// Tell traditional, simplified and variant characters apart: 國家 finds 國家 alone. By
    /// default each form of a character finds every other (國家 finds 国家 too); the config
    /// setting `fold_script = false` does the same, and `f` turns it on and off.
    #[arg(long)]
    pub exact_script: bool,
    /// The order the list starts in: path (the corpus's: files in natural order), date, -date
    /// (newest first), title, or hits (while searching); `s` cycles it.
    #[arg(
        long,
        value_name = "ORDER",
        value_parser = order_parser(),
        allow_hyphen_values = true,
        ignore_case = true
    )]
    pub sort: Option<Order>,
    /// Colour theme: dark, light, high-contrast, paper, a theme in the themes folder, or a path.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// Print the configuration in effect (config file and command line) as TOML, and exit; any
    /// problems with it go to stderr, and the exit status is then 1.
    #[arg(long)]
    pub print_config: bool,
}

/// How text is measured and laid out.
#[derive(Debug, Args)]
pub struct Display {
    /// Count every East Asian Ambiguous character (“ ” … — · ① and letters such as α ú ё) as two
    /// columns, for terminals set up for CJK that draw them wide.
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
    /// Read at most SIZE of standard input, a FIFO or a device, which may never end (`yes |
    /// wenji -`); wenji then stops, says so, and opens the whole lines it read. SIZE is bytes or
    /// has a unit: 64k, 500M, 1GiB (K, M and G count in 1024s).
    #[arg(long, value_name = "SIZE", value_parser = parse_max_input, default_value = "1GiB")]
    pub max_input: u64,
    /// Read and parse every file, neither using nor writing the load cache (`wenji cache`).
    #[arg(long)]
    pub no_cache: bool,
}

/// One-shot commands that print to standard output.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per article: number, title, speaker, role, section, date, `file:line`, characters.
    List(ListArgs),
    /// Print one article laid out exactly as the reading pane lays it out.
    Show(ShowArgs),
    /// Print every hit of a query, one line each, as grep does: `file:line: title: …context…`.
    ///
    /// With no paths, searches the sample speeches built into wenji.
    ///
    /// Each line names the source file and the line the hit's paragraph starts on (the article's
    /// first line for hits in a title, byline, tag or credit), the article's title, and the hit with
    /// up to N characters each side. The hit is coloured as --color says (by default on a
    /// terminal, unless `NO_COLOR` is set) and put in 【】 otherwise; `…` marks context that was
    /// cut. Context never runs past the paragraph (or title, byline, credit) the hit is in.
    ///
    /// Matching folds case, full-width and half-width forms, so `gdp` finds `ＧＤＰ`.
    ///
    /// Exit status: 0 when something was found, 1 when nothing was (--by still prints its
    /// rows, every one 0), 2 on an error (a usage error such as an empty query, or nothing
    /// readable in the paths).
    Search(SearchArgs),
    /// The load cache: what loading computed for each file, kept in `$XDG_CACHE_HOME/wenji`
    /// (by default `~/.cache/wenji`) so a corpus opened again is not parsed again. One file per
    /// corpus; a changed file is read again, and the folder is capped at twice its largest file,
    /// the least recently used going first.
    Cache(CacheArgs),
    /// Print a completion script for a shell to standard output.
    ///
    /// It is written from the definitions that parse the command line, so it offers the
    /// commands, flags and values this very binary takes: `wenji completions bash >
    /// ~/.local/share/bash-completion/completions/wenji`, `wenji completions zsh > _wenji` in a
    /// folder on `$fpath`, `wenji completions fish > ~/.config/fish/completions/wenji.fish`.
    Completions(CompletionsArgs),
    /// Print the manual page, in roff, to standard output.
    ///
    /// `wenji man | man -l -` reads it, and `wenji man > ~/.local/share/man/man1/wenji.1`
    /// installs it. Each command has a page of its own: `wenji man search` prints
    /// wenji-search(1).
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`search`, `cache status`); wenji's own page without one.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

/// When a one-shot command writes colour, decided as rg, fd and bat decide it.
#[derive(Debug, Args)]
pub struct Colour {
    /// When to colour the output: auto (on a terminal, unless `NO_COLOR` is set), always (into a
    /// pipe too, for `| less -R`, whatever `NO_COLOR` says) or never.
    #[arg(
        long = "color",
        visible_alias = "colour",
        value_name = "WHEN",
        value_enum,
        default_value_t = ColourWhen::Auto
    )]
    pub when: ColourWhen,
}

/// The values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColourWhen {
    /// Colour on a terminal, unless `NO_COLOR` is set and not empty.
    Auto,
    /// Colour wherever the output goes.
    Always,
    /// No colour.
    Never,
}

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// List the cached corpora: their inputs, files, sizes, when each was last used, and paths.
    Status,
    /// Remove every cached corpus; the next open of each reads its files again.
    Clear,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article: its number in `wenji list` (from 1), or a part of its title that only it
    /// has. A number is always an article number; add --title to find it in titles instead.
    pub article: String,
    /// Take ARTICLE as a part of a title even when it is a number (`--title 2023`).
    #[arg(long)]
    pub title: bool,
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
    #[command(flatten)]
    pub colour: Colour,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub input: Input,
    /// Print JSON Lines instead of tab-separated columns.
    #[arg(long)]
    pub json: bool,
    /// List only the articles QUERY matches, numbered as in the whole list: its terms all in
    /// the article, its conditions met, none of its `-terms` in it (`'date:2020 author:林勵'`,
    /// `'国家安全 -香港'`; the grammar of the search line, listed in the browser's help).
    #[arg(long, value_name = "QUERY", value_parser = parse_filter, allow_hyphen_values = true)]
    pub filter: Option<Query>,
    /// Print the articles in this order instead of the corpus's: date (oldest first), -date
    /// (newest first), title, path (the corpus's own order, printed as it loads) or hits (the
    /// corpus's order here). The undated come last either way, and each row keeps its number
    /// in the unsorted list. Any order but path holds the rows back until every file is read.
    #[arg(
        long,
        value_name = "ORDER",
        value_parser = order_parser(),
        allow_hyphen_values = true,
        ignore_case = true
    )]
    pub sort: Option<Order>,
    // `wenji list` writes no colour; --color is taken so that a script or shell function can
    // give the same flag to every command.
    #[command(flatten)]
    pub colour: Colour,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find, as one argument (quote it in the shell when it has spaces: '振兴 龙江').
    /// Terms separated by spaces must all occur in an article, and each is reported; "…" quotes
    /// a phrase that contains spaces. Chinese needs no spaces: 振兴东北 is one term. `-term`
    /// leaves out the articles holding it, and conditions narrow the articles searched:
    /// `date:2020`, `date:2020-05..2020-07`, `author:林勵`, `category:眾聞`, `tag:國安法`,
    /// `title:报告`, `file:2020/*.md`, each negated by a leading `-`.
    #[arg(value_name = "QUERY", value_parser = parse_query, allow_hyphen_values = true)]
    pub query: TypedQuery,
    #[command(flatten)]
    pub input: Input,
    /// Characters of context to print each side of a hit.
    #[arg(short = 'C', long, value_name = "N", default_value_t = 20)]
    pub context: usize,
    /// Print JSON Lines, one object per hit, with `file`, `line`, `article` (its number in
    /// `wenji list`), `title`, `speaker`, `date` (as written), `date_value` (`2020-05-22`,
    /// `2020-05` or `2020`, null when the date does not read), `category`, `tags`, `url`,
    /// `field` (title, speaker, role, section, tag, credit or paragraph), `paragraph` (1-based, for
    /// body text), `byte_start` and `byte_end` (the hit's bytes in that field's text), `term`,
    /// `left`, `hit`, `right`, and `more_left` and `more_right` (whether context was cut). With
    /// --count, one object per matching article instead, with `file`, `line`, `article`,
    /// `title`, `speaker`, `date`, `date_value`, `category`, `tags`, `url` and `hits`; with
    /// --by, one per group.
    #[arg(long)]
    pub json: bool,
    /// Print one line per matching article instead: `file:line: title: N`, N its number of hits
    /// (with --json, one object per article).
    #[arg(long)]
    pub count: bool,
    /// Tell traditional, simplified and variant characters apart: 國家 finds 國家 alone, where
    /// by default it finds 国家 too. With --count, the forms found are said on standard error
    /// either way (`国家安全 → 國家安全 ×8 816 · 国家安全 ×7`).
    #[arg(long)]
    pub exact_script: bool,
    /// With --count: one row per group of articles instead of one per article: the group, its
    /// hits and how many of its articles have a hit, tab-separated under a `#` line naming the
    /// columns and the query, or with --json one object per row
    /// (`{"group":"2020","hits":25,"articles":7}`).
    ///
    /// Groups with no hit are printed too. year, month and day give every period from the
    /// earliest dated article of the corpus searched to the latest, in time order, then
    /// `unknown` for the articles whose date does not read or is coarser than the period (a
    /// year alone, by month), when there are any. author and category give every one the
    /// corpus names, most hits first, then `(none)` for the articles without one. article
    /// gives one row per article, numbered as in `wenji list`, with its title and `file:line`.
    ///
    /// Every file is read (or taken from the load cache) and parsed, even those that cannot
    /// hold a hit, since the groups without hits come from them: on a large corpus this is as
    /// slow as `wenji list`, where a rare term alone passes over most files unparsed.
    #[arg(long, value_name = "GROUP", value_enum, requires = "count")]
    pub by: Option<By>,
    /// Print whole articles in this order instead of the corpus's: date (oldest first), -date
    /// (newest first), hits (most first), title, or path (the corpus's own order, printed as
    /// found). An article's lines stay together in reading order, the undated come last, and
    /// ties keep the corpus's order. Any order but path holds the output back until every file
    /// is searched. With --by it orders the rows of --by article only.
    #[arg(
        long,
        value_name = "ORDER",
        value_parser = order_parser(),
        allow_hyphen_values = true,
        ignore_case = true
    )]
    pub sort: Option<Order>,
    #[command(flatten)]
    pub colour: Colour,
}

/// What `--by` groups the articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// The year of the article's date.
    Year,
    /// The month of its date.
    Month,
    /// The day of its date.
    Day,
    /// Its speaker or author.
    #[value(alias = "speaker")]
    Author,
    /// Its section or category.
    #[value(alias = "section")]
    Category,
    /// Each article on its own.
    Article,
}

/// A search query as typed (for a header that names it) and as read.
#[derive(Debug, Clone)]
pub struct TypedQuery {
    pub text: String,
    pub query: Query,
}

/// `--sort`'s names, as [`Order::NAMES`] gives them: an unknown one is a usage error listing
/// them, and shell completions offer them.
fn order_parser() -> impl clap::builder::TypedValueParser<Value = Order> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Order::NAMES.map(|(name, _)| name))
        .try_map(|name: String| Order::from_name(&name).ok_or("not an order"))
}

/// A query with nothing to search for is a usage error.
fn parse_query(text: &str) -> Result<TypedQuery, String> {
    read_query(text).map(|query| TypedQuery {
        text: text.to_owned(),
        query,
    })
}

fn read_query(text: &str) -> Result<Query, String> {
    let query = Query::read(text).map_err(|error| error.message)?;
    if query.is_empty() {
        Err("the query is empty; give a word or phrase to search for".to_owned())
    } else if !query.seeks_text() {
        Err(
            "the query has no term to search for; `wenji list --filter QUERY` lists the \
             articles its conditions admit"
                .to_owned(),
        )
    } else {
        Ok(query)
    }
}

/// A query for `--filter`, which may hold conditions alone.
fn parse_filter(text: &str) -> Result<Query, String> {
    Query::read(text).map_err(|error| error.message)
}

/// A size for `--max-input`: plain bytes or with a unit, where K, M, G (with or without `i` and
/// `B`, in any case) are powers of 1024, as in `head -c` and `sort -S`.
fn parse_max_input(text: &str) -> Result<u64, String> {
    let size = parse_size::Config::new()
        .with_binary()
        .parse_size(text)
        .map_err(|error| format!("`{text}` is not a size ({error}); try 64k, 500M or 1GiB"))?;
    if size == 0 {
        return Err("the limit must be at least 1 byte".to_owned());
    }
    Ok(size)
}

fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    encoding_for_label(label).ok_or_else(|| {
        format!("unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le or utf-16be)")
    })
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::{Cli, ColourWhen, Command, parse_max_input};

    /// clap's own check of the definitions (clashing names, bad defaults), which it otherwise
    /// makes only in debug builds, on the first parse that reaches the mistake.
    #[test]
    fn the_definitions_hold_together() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_one_shot_command_takes_color_in_either_spelling() {
        let when = |args: &[&str]| {
            let cli = Cli::try_parse_from(args).expect("parses");
            match cli.command.expect("a command") {
                Command::Search(search) => search.colour.when,
                Command::Show(show) => show.colour.when,
                Command::List(list) => list.colour.when,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(when(&["wenji", "search", "振兴"]), ColourWhen::Auto);
        assert_eq!(
            when(&["wenji", "search", "振兴", "--color=always"]),
            ColourWhen::Always
        );
        assert_eq!(
            when(&["wenji", "show", "1", "--colour", "never"]),
            ColourWhen::Never
        );
        assert_eq!(
            when(&["wenji", "list", "--colour=always"]),
            ColourWhen::Always
        );
        assert!(Cli::try_parse_from(["wenji", "list", "--color=sometimes"]).is_err());
    }

    #[test]
    fn max_input_takes_plain_bytes_and_binary_units() {
        assert_eq!(parse_max_input("4096"), Ok(4096));
        assert_eq!(parse_max_input("64k"), Ok(64 << 10));
        assert_eq!(parse_max_input("64K"), Ok(64 << 10));
        assert_eq!(parse_max_input("500M"), Ok(500 << 20));
        assert_eq!(parse_max_input("500MB"), Ok(500 << 20));
        assert_eq!(parse_max_input("1GiB"), Ok(1 << 30));
        assert_eq!(parse_max_input("1 gib"), Ok(1 << 30));
        assert_eq!(parse_max_input("1.5G"), Ok(3 << 29));
    }

    #[test]
    fn max_input_rejects_what_is_not_a_size() {
        for bad in ["", "lots", "-1", "1.5.2M", "12 parsecs", "0", "0k"] {
            let error = parse_max_input(bad).expect_err(bad);
            assert!(
                error.contains("size") || error.contains("at least"),
                "{bad}: {error}"
            );
        }
    }
}
