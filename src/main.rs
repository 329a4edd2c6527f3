//! The `wenji` binary: parse the command line, open the corpus, run the browser, and map the
//! outcome to an exit status (0 done, 1 nothing readable, 2 usage or terminal error).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use wenji::app::{self, Exit};
use wenji::cli::Cli;
use wenji::corpus::{self, LoadError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !std::io::stdout().is_terminal() {
        eprintln!("wenji: standard output is not a terminal; the browser needs one to draw on.");
        return ExitCode::from(2);
    }
    let corpus = if cli.paths.is_empty() {
        corpus::sample()
    } else {
        match corpus::load(&cli.paths) {
            Ok(corpus) => corpus,
            Err(error @ LoadError::NothingReadable { .. }) => {
                let LoadError::NothingReadable { warnings } = &error;
                for warning in warnings {
                    eprintln!("wenji: {warning}");
                }
                eprintln!("wenji: {error}");
                return ExitCode::from(1);
            }
        }
    };
    match app::run(corpus) {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(number)) => ExitCode::from(u8::try_from(128 + number).unwrap_or(255)),
        Err(error) => {
            eprintln!("wenji: {error:#}");
            ExitCode::from(2)
        }
    }
}
