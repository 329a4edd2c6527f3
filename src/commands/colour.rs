//! Whether a one-shot command writes colour: `--color` decides, and `auto` leaves it to where
//! the output goes, as rg, fd and bat do — a terminal, and `NO_COLOR` unset or empty
//! (<https://no-color.org>). An explicit `always` wins over `NO_COLOR`, as that convention asks:
//! the variable is a standing preference, the flag a wish for this one run.

use std::ffi::OsStr;
use std::io::IsTerminal;

use ratatui::crossterm::style::Colored;

use crate::cli::ColourWhen;

/// Whether to colour standard output, as `when` asks, in this process's environment.
///
/// Colours are written through crossterm, which reads `NO_COLOR` too and then drops every
/// colour (keeping bold and italics); when colour is wanted, crossterm is told to write them.
pub fn for_stdout(when: ColourWhen) -> bool {
    let colour = wanted(
        when,
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    if colour {
        Colored::set_ansi_color_disabled(false);
    }
    colour
}

/// The decision, from whether the output is a `terminal` and what `NO_COLOR` holds.
pub fn wanted(when: ColourWhen, terminal: bool, no_color: Option<&OsStr>) -> bool {
    match when {
        ColourWhen::Always => true,
        ColourWhen::Never => false,
        ColourWhen::Auto => terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `NO_COLOR=1` and `NO_COLOR=`.
    fn set_and_empty() -> (Option<&'static OsStr>, Option<&'static OsStr>) {
        (Some(OsStr::new("1")), Some(OsStr::new("")))
    }

    #[test]
    fn auto_colours_a_terminal_unless_no_color_is_set_and_not_empty() {
        let (set, empty) = set_and_empty();
        assert!(wanted(ColourWhen::Auto, true, None));
        assert!(wanted(ColourWhen::Auto, true, empty));
        assert!(!wanted(ColourWhen::Auto, true, set));
        assert!(!wanted(ColourWhen::Auto, false, None));
    }

    #[test]
    fn always_and_never_ignore_the_terminal_and_no_color() {
        let (set, empty) = set_and_empty();
        for terminal in [true, false] {
            for no_color in [None, empty, set] {
                assert!(wanted(ColourWhen::Always, terminal, no_color));
                assert!(!wanted(ColourWhen::Never, terminal, no_color));
            }
        }
    }
}
