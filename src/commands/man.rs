//! `wenji man [COMMAND]…`: manual pages in roff, written from the clap definitions, so they
//! document the commands and flags the binary takes in the words `--help` prints. wenji's own
//! page lists the commands as wenji-search(1) and so on, and each of those is printed by naming
//! its command.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::text::sanitize::sanitized_line;

/// Why no page was written.
#[derive(Debug, thiserror::Error)]
pub enum ManError {
    #[error("`wenji {0}` is not a command, so it has no manual page (see `wenji --help`)")]
    NoSuchCommand(String),
    #[error(transparent)]
    Write(#[from] io::Error),
}

/// Writes to `out` the page of the command that the words of `command` name, one level each
/// (`["cache", "status"]`), or wenji's own page when there are none.
pub fn write(command: &[String], out: &mut impl Write) -> Result<(), ManError> {
    // The pages describe `wenji help` nowhere: `--help` is on every page already.
    let mut page = Cli::command().disable_help_subcommand(true);
    page.build();
    for (depth, word) in command.iter().enumerate() {
        page = page
            .find_subcommand(word)
            .cloned()
            .ok_or_else(|| ManError::NoSuchCommand(sanitized_line(command[..=depth].join(" "))))?;
    }
    // A command's page would otherwise name only the command, with no version, at its foot.
    let source = format!("wenji {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(page).source(source).render(out)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(command: &[&str]) -> String {
        let words: Vec<String> = command.iter().map(|&word| word.to_owned()).collect();
        let mut out = Vec::new();
        write(&words, &mut out).expect("a page");
        String::from_utf8(out).expect("roff is UTF-8")
    }

    #[test]
    fn each_command_has_a_page_of_its_own() {
        assert!(page(&[]).contains(".TH wenji 1"));
        let version = env!("CARGO_PKG_VERSION");
        let search = page(&["search"]);
        assert!(search.contains(&format!(".TH wenji-search 1  \"wenji {version}\"")));
        assert!(search.contains("\\-\\-context"), "its own flags");
        assert!(page(&["cache", "status"]).contains(".TH wenji-cache-status 1"));
    }

    #[test]
    fn there_is_no_page_for_help_nor_for_what_is_not_a_command() {
        assert!(
            !page(&[]).contains("wenji\\-help"),
            "no help command listed"
        );
        for missing in [
            &["help"][..],
            &["serach"],
            &["cache", "bogus"],
            &["list", "x"],
        ] {
            let words: Vec<String> = missing.iter().map(|&word| word.to_owned()).collect();
            let error = write(&words, &mut Vec::new()).expect_err("no page");
            assert_eq!(
                error.to_string(),
                format!(
                    "`wenji {}` is not a command, so it has no manual page (see `wenji --help`)",
                    missing.join(" ")
                )
            );
        }
    }
}
