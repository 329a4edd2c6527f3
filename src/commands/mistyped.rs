//! A mistyped command. The browser takes paths where the commands are named, so `wenji serach
//! 振兴` would read two paths and open on nothing readable; when the first is no file or folder
//! and is spelt nearly as a command is, wenji says which command was probably meant instead.

use std::fmt;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::Cli;

/// A first path that names nothing but looks like a command's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistyped {
    /// What was typed.
    pub word: String,
    /// The command it is nearest.
    pub command: String,
}

impl fmt::Display for Mistyped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no such file or folder, nor command: `{}` — did you mean `wenji {}`?",
            self.word, self.command
        )
    }
}

/// The command the browser's `paths` seem to have meant to name, if any. Only the first path
/// is looked at (a command comes first), and only a word of letters: a name with a slash, a dot
/// or a digit is taken for a path, and so is anything that exists, a dangling link included,
/// even when spelt like a command (a folder named `serach` still opens).
pub fn mistyped(paths: &[PathBuf]) -> Option<Mistyped> {
    let word = paths.first()?.to_str()?;
    if !word.bytes().all(|byte| byte.is_ascii_alphabetic()) || exists(Path::new(word)) {
        return None;
    }
    let cli = Cli::command();
    let command = nearest(word, cli.get_subcommands().map(clap::Command::get_name))?;
    Some(Mistyped {
        word: word.to_owned(),
        command: command.to_owned(),
    })
}

/// Whether anything is at `path`, without following a link.
fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// The name among `names` nearest `word`, ignoring case, when it is at most one typo away for a
/// name of up to four letters and two for a longer one; a pair of letters swapped (`serach`)
/// counts as one. Two typos in a short name would make most short words a near miss. Of names
/// equally near, the first.
pub fn nearest<'a>(word: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    names
        .into_iter()
        .map(|name| (strsim::osa_distance(&word, name), name))
        .filter(|&(distance, name)| distance <= if name.len() <= 4 { 1 } else { 2 })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command `nearest` finds for `word` among wenji's own.
    fn command(word: &str) -> Option<String> {
        let cli = Cli::command();
        nearest(word, cli.get_subcommands().map(clap::Command::get_name)).map(str::to_owned)
    }

    #[test]
    fn swapped_missing_and_wrong_letters_find_the_command() {
        for (word, name) in [
            ("serach", "search"),
            ("lsit", "list"),
            ("shwo", "show"),
            ("cahce", "cache"),
            ("serch", "search"),
            ("seaarch", "search"),
            ("Search", "search"),
            ("LIST", "list"),
            ("completion", "completions"),
            ("compeltions", "completions"),
            ("mna", "man"),
        ] {
            assert_eq!(command(word).as_deref(), Some(name), "{word}");
        }
    }

    #[test]
    fn words_far_from_every_command_are_not_commands() {
        for word in [
            "speeches",
            "corpus",
            "lt",
            "sw",
            "m",
            "notes",
            "srh",
            "cachefolder",
        ] {
            assert_eq!(command(word), None, "{word}");
        }
    }

    #[test]
    fn the_nearest_of_two_candidates_wins() {
        assert_eq!(
            nearest("lish", ["list", "lisp"]),
            Some("list"),
            "first of equals"
        );
        assert_eq!(
            nearest("lisp", ["list", "lisp"]),
            Some("lisp"),
            "the exact one"
        );
    }

    #[test]
    fn only_a_first_word_of_letters_that_names_nothing_is_taken_for_a_command() {
        let typo = mistyped(&[PathBuf::from("serach"), PathBuf::from("振兴")]);
        assert_eq!(
            typo.map(|typo| typo.to_string()).as_deref(),
            Some("no such file or folder, nor command: `serach` — did you mean `wenji search`?")
        );
        assert_eq!(mistyped(&[]), None);
        assert_eq!(mistyped(&[PathBuf::from("-")]), None);
        for path in ["serach/", "serach.txt", "./lsit", "shwo2"] {
            assert_eq!(mistyped(&[PathBuf::from(path)]), None, "{path}");
        }
        assert_eq!(
            mistyped(&[PathBuf::from("notes"), PathBuf::from("serach")]),
            None,
            "only the first word"
        );
    }
}
