//! The `wenji` binary: parse the command line, run a one-shot command or the browser, and map the
//! outcome to an exit status (0 done, 1 nothing readable or a config with problems for
//! `--print-config`, 2 usage or terminal error, a mistyped command among them).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use wenji::app::{self, Exit, Opening};
use wenji::cli::{Cli, Command};
use wenji::commands;
use wenji::corpus::order::Order;
use wenji::corpus::{Corpus, LoadError, LoadOptions};
use wenji::persist::cache::pending;
use wenji::startup::{Overrides, Startup};
use wenji::text::width::AmbiguousWidth;

/// Loading allocates millions of strings from two threads; see Cargo.toml for the figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc asks for them, and a page of
/// 2 MB is zeroed whole the first time any byte of it is touched: loads that touch memory a
/// little at a time from several threads spent about half their time zeroing pages. Without
/// them the archive opens warm in two thirds of the time, with 5-10% less peak memory.
fn small_pages() {
    #[cfg(target_os = "linux")]
    {
        // Only speed depends on it: a kernel without the call keeps its pages.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

fn main() -> ExitCode {
    small_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let overrides = Overrides {
        theme: cli.theme.clone(),
        ambiguous_wide: cli.display.ambiguous_wide,
        no_mouse: cli.no_mouse,
        all_copies: cli.all_copies,
        exact_script: cli.exact_script,
    };
    let startup = Startup::load(&overrides);
    if cli.print_config {
        return print_config(startup);
    }
    let repair = startup.config.page_break_repair;
    match cli.command {
        Some(Command::List(args)) => list(&args, repair),
        Some(Command::Show(args)) => show(&args, &startup),
        Some(Command::Search(args)) => {
            let exact = args.exact_script || !startup.config.fold_script;
            search(&args, repair, exact)
        }
        Some(Command::Cache(args)) => cache(args.action),
        Some(Command::Completions(args)) => printed(
            commands::completions::write(args.shell, &mut std::io::stdout().lock()),
            "the completions",
        ),
        Some(Command::Man(args)) => man(&args.command),
        None => match commands::mistyped::mistyped(&cli.input.paths) {
            Some(typo) => {
                eprintln!("wenji: {typo}");
                ExitCode::from(2)
            }
            None => browse(&cli.input, cli.sort, startup),
        },
    }
}

/// The exit status of a command that only prints `what`: 0 once written (or when the reader
/// went away first, as with `| head`), 2 when it could not be.
fn printed(written: std::io::Result<()>, what: &str) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wenji: cannot write {what}: {error}");
            ExitCode::from(2)
        }
    }
}

/// `wenji man [COMMAND]…`: 0 printed, 2 when the words name no command.
fn man(command: &[String]) -> ExitCode {
    match commands::man::write(command, &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::man::ManError::Write(error)) => printed(Err(error), "the manual page"),
        Err(error) => {
            eprintln!("wenji: {error}");
            ExitCode::from(2)
        }
    }
}

/// `wenji list`: the sample at once; files and folders as they load, so a large archive is
/// printed part by part and never held whole.
fn list(args: &wenji::cli::ListArgs, repair: bool) -> ExitCode {
    // One write per line would be 50 000 system calls for a large archive.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let filter = commands::list::Filter::new(args.filter.as_ref());
    let shape = commands::list::Shape {
        json: args.json,
        sort: args.sort.unwrap_or_default(),
    };
    let written = if args.input.paths.is_empty() {
        let corpus = wenji::corpus::sample_with(commands::load_options(&args.input, repair));
        commands::report_warnings(&corpus.warnings, None);
        commands::list::write(&corpus, shape, filter, &mut out).map(|printed| {
            Some(commands::list::Listed {
                articles: corpus.articles.len(),
                printed,
                warnings: Vec::new(),
            })
        })
    } else {
        announce_typed_input(&args.input);
        let cache_dir = wenji::persist::cache::default_dir().filter(|_| !args.input.no_cache);
        let options = commands::load_options(&args.input, repair);
        commands::list::stream(
            &args.input.paths,
            options,
            cache_dir.as_deref(),
            shape,
            filter,
            &mut out,
        )
        .map(Some)
    };
    match written {
        Ok(Some(listed)) if listed.articles == 0 => {
            let warnings = listed.warnings;
            eprintln!("wenji: {}", LoadError::NothingReadable { warnings });
            ExitCode::from(1)
        }
        // As grep: nothing the filter lets through is not an error, but is not success either.
        Ok(Some(listed)) if listed.printed == 0 => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wenji: cannot write the list: {error}");
            ExitCode::from(2)
        }
    }
}

/// `--print-config`: the settings in effect on stdout — a bad value as its fallback, the theme
/// actually used, the key bindings as they work — and on stderr every problem the browser would
/// list under `!`; exit status 1 when there was any.
fn print_config(mut startup: Startup) -> ExitCode {
    let keymap = startup.keymap();
    let (themes, current) = startup.themes(|name| std::env::var(name).ok());
    let mut config = startup.config.clone();
    if let Some((name, _)) = themes.get(current) {
        config.theme.clone_from(name);
    }
    config.keys = keymap.overrides_in_effect();
    print!("{}", wenji::config::to_toml(&config));
    commands::report_warnings(&startup.problems, None);
    if startup.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn show(args: &wenji::cli::ShowArgs, startup: &Startup) -> ExitCode {
    let (corpus, late) =
        match open_or_report(&args.input, startup.config.page_break_repair, Cached::Yes) {
            Ok(opened) => opened,
            Err(code) => return code,
        };
    commands::report_warnings(&corpus.warnings, Some(commands::WARNINGS_SHOWN));
    let index = match commands::show::find(&corpus, &args.article, args.title) {
        Ok(index) => index,
        Err(error) => {
            eprintln!("wenji: {error}");
            return ExitCode::from(1);
        }
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let width = args.width.map_or_else(
        || {
            let columns = terminal
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten();
            columns.map_or(80, |(columns, _)| usize::from(columns))
        },
        usize::from,
    );
    let mut settings = startup.settings();
    settings.indent &= !args.no_indent;
    if args.display.ambiguous_wide {
        settings.ambiguous = AmbiguousWidth::Wide;
    }
    let written = commands::show::write(
        &corpus,
        index,
        settings,
        width,
        commands::colour::for_stdout(args.colour.when),
        &mut stdout.lock(),
    );
    late.report();
    commands::leave(corpus);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::show::ShowError::Write(error))
            if error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wenji: {error}");
            ExitCode::from(2)
        }
    }
}

/// Exit status as grep gives it: 0 found, 1 not found, 2 trouble.
fn search(args: &wenji::cli::SearchArgs, repair: bool, exact_script: bool) -> ExitCode {
    use commands::search::Format;
    let sort = args.sort.unwrap_or_default();
    if args.by.is_some_and(|by| by != wenji::cli::By::Article) && sort != Order::Corpus {
        eprintln!(
            "wenji: --sort orders articles; with --by only the rows of --by article have one \
             (periods come in time order, names by hits)"
        );
        return ExitCode::from(2);
    }
    let stdout = std::io::stdout();
    let format = match (args.count, args.json) {
        (true, true) => Format::CountJson,
        (true, false) => Format::Count,
        (false, true) => Format::Json,
        (false, false) => Format::Lines,
    };
    let options = commands::search::Options {
        format,
        context: args.context,
        colour: commands::colour::for_stdout(args.colour.when),
        by: args.by,
        sort,
        typed: &args.query.text,
    };
    let query = &args.query.query.clone().with_exact_script(exact_script);
    let mut out = std::io::BufWriter::new(stdout.lock());
    let load = commands::load_options(&args.input, repair);
    let searched = if args.input.paths.is_empty() {
        let corpus = wenji::corpus::sample_with(load);
        commands::report_warnings(&corpus.warnings, Some(commands::WARNINGS_SHOWN));
        commands::search::run(&corpus, query, options, &mut out)
            .map_err(commands::search::Failure::Write)
    } else {
        announce_typed_input(&args.input);
        let cache_dir = wenji::persist::cache::default_dir().filter(|_| !args.input.no_cache);
        let paths = &args.input.paths;
        commands::search::stream(paths, load, cache_dir.as_deref(), query, options, &mut out)
    };
    // The lines written first, then what is said of them.
    let searched = searched.and_then(|found| {
        std::io::Write::flush(&mut out).map_err(commands::search::Failure::Write)?;
        Ok(found)
    });
    if let Ok(found) = &searched
        && args.count
    {
        tell_forms(&found.forms, query);
    }
    match searched {
        Ok(found) if found.hits > 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(commands::search::Failure::NothingReadable(error)) => {
            eprintln!("wenji: {error}");
            ExitCode::from(2)
        }
        Err(commands::search::Failure::Write(error))
            if error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(commands::search::Failure::Write(error)) => {
            eprintln!("wenji: cannot write the results: {error}");
            ExitCode::from(2)
        }
    }
}

/// The most forms of one term `wenji search --count` lists (a pattern's may be thousands).
const TOLD_FORMS: usize = 50;

/// `wenji search --count`'s last word, on standard error (standard output keeps one shape of
/// line): the forms each term was found in, the most frequent first, when some term was found
/// written otherwise than asked or scripts were told apart.
fn tell_forms(forms: &wenji::search::forms::Forms, query: &wenji::search::Query) {
    let asked = query.asked();
    let line = forms.line(&asked, TOLD_FORMS);
    if line.is_empty() || !(query.exact_script || forms.found_otherwise(&asked)) {
        return;
    }
    let apart = if query.exact_script {
        " (scripts told apart)"
    } else {
        ""
    };
    eprintln!("wenji: forms found{apart}: {line}");
}

/// `wenji cache status|clear`: 0 done, 2 when the folder cannot be read or cleared.
fn cache(action: wenji::cli::CacheAction) -> ExitCode {
    let dir = wenji::persist::cache::default_dir();
    match commands::cache::run(action, dir.as_deref(), &mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::cache::CacheError::Write(error))
            if error.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wenji: {error}");
            ExitCode::from(2)
        }
    }
}

fn browse(input: &wenji::cli::Input, sort: Option<Order>, mut startup: Startup) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "wenji: standard output is not a terminal; the browser needs one to draw on \
             (try `wenji list` to print the articles)."
        );
        return ExitCode::from(2);
    }
    let repair = startup.config.page_break_repair;
    let opening = if input.paths.is_empty() || stdin_typed(input) {
        // Read before the screen is taken: text typed at the terminal needs it.
        match open_or_report(input, repair, Cached::No) {
            Ok((corpus, _)) => Opening::Read(corpus),
            Err(code) => return code,
        }
    } else {
        Opening::Paths {
            paths: input.paths.clone(),
            // The list folds copies by their keys, reckoned as files are read.
            options: LoadOptions {
                copy_keys: true,
                ..commands::load_options(input, repair)
            },
            cache_dir: wenji::persist::cache::default_dir().filter(|_| !input.no_cache),
        }
    };
    let keymap = startup.keymap();
    let (themes, theme) = startup.themes(|name| std::env::var(name).ok());
    let corpus_id = if input.paths.is_empty() {
        wenji::persist::CorpusId::sample()
    } else {
        wenji::persist::CorpusId::from_inputs(&input.paths)
    };
    let mut settings = startup.settings();
    settings.order = sort.unwrap_or_default();
    let setup = app::Setup {
        settings,
        keymap,
        themes,
        theme,
        corpus_id,
        state_dir: None,
        citation: startup.config.citation.clone(),
    };
    match app::run(opening, startup.problems, setup) {
        Ok(Exit::Quit) => {
            finish_cache_writes();
            ExitCode::SUCCESS
        }
        Ok(Exit::Signal(number)) => ExitCode::from(u8::try_from(128 + number).unwrap_or(255)),
        // As a SIGHUP would have ended it.
        Ok(Exit::Hangup) => ExitCode::from(129),
        Ok(Exit::NothingReadable(error)) => {
            let LoadError::NothingReadable { warnings } = &error;
            commands::report_warnings(warnings, None);
            eprintln!("wenji: {error}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("wenji: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Lets the load cache and the search index, written in the background once a corpus is in,
/// finish when the browser quits soon after (the terminal is already restored): killed, they
/// would leave the next open to read and fold everything again. Ctrl-C skips the wait.
fn finish_cache_writes() {
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);
    if !pending::wait(std::time::Duration::from_millis(100)) {
        eprintln!("wenji: saving the cache for the next open (Ctrl-C skips it)…");
        pending::wait(PATIENCE);
    }
}

/// Whether opening goes through the load cache.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cached {
    Yes,
    No,
}

/// Opens the corpus; when nothing is readable, says why on stderr and gives exit status 1.
fn open_or_report(
    input: &wenji::cli::Input,
    repair: bool,
    cached: Cached,
) -> Result<(Corpus, commands::Late), ExitCode> {
    announce_typed_input(input);
    let cache_dir = (cached == Cached::Yes)
        .then(wenji::persist::cache::default_dir)
        .flatten();
    commands::open(input, repair, cache_dir.as_deref()).map_err(|error| {
        let LoadError::NothingReadable { warnings } = &error;
        commands::report_warnings(warnings, None);
        eprintln!("wenji: {error}");
        ExitCode::from(1)
    })
}

/// With `-` and a terminal as standard input, wenji waits for text to be typed: say so, or the
/// user sees a blank line (the browser cannot take the screen before the text is read).
fn announce_typed_input(input: &wenji::cli::Input) {
    if stdin_typed(input) {
        eprintln!("wenji: reading standard input (type or paste text, then Ctrl-D to end)");
    }
}

/// Whether `-` names standard input and that is a terminal: the text is typed there.
fn stdin_typed(input: &wenji::cli::Input) -> bool {
    let stdin_named = input
        .paths
        .iter()
        .any(|path| path.as_os_str() == wenji::corpus::load::STDIN_PATH);
    stdin_named && std::io::stdin().is_terminal()
}

/// Prints clap's message for `--help`, `--version` or a usage error and gives its exit status.
/// A usage error quotes what was typed, and an argument can carry escapes (a pasted file name):
/// it is shown as file contents are, with placeholders, and without clap's colours.
fn usage_error(error: &clap::Error) -> ExitCode {
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if error.use_stderr() {
        let message = error.render().to_string();
        eprint!("{}", wenji::text::sanitize::sanitize(&message).0);
    } else {
        let _ = error.print();
    }
    ExitCode::from(code)
}
