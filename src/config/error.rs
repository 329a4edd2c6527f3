//! The one error type a user reads about their configuration: which file, where in it, what was
//! wrong (quoting the value as written) and what wenji does instead.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::text::sanitize::sanitize_line;

/// A problem in a config or theme file, displayed as `FILE:LINE:COL: message`.
///
/// The message already says what happens next (`…; using 40`), so the caller only shows it.
/// What it quotes is as the user wrote it; the display is sanitised, on one line, so a value
/// with an escape sequence in it shows `␛` instead of acting on the terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {}", sanitize_line(.message).0)]
pub struct ConfigError {
    pub place: Place,
    pub message: String,
}

/// Where a problem is: a file, and a 1-based line and column (in characters) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: PathBuf,
    pub line_col: Option<(usize, usize)>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", sanitize_line(&self.file.display().to_string()).0)?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        Ok(())
    }
}

impl ConfigError {
    /// A problem with the file as a whole (unreadable, not found).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self {
            place: Place {
                file: file.to_path_buf(),
                line_col: None,
            },
            message: message.into(),
        }
    }

    /// A problem at a byte span of `text`, the file's contents.
    pub fn at(
        file: &Path,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            place: Place {
                file: file.to_path_buf(),
                line_col: span.map(|span| line_col(text, span.start)),
            },
            message: message.into(),
        }
    }

    /// The line and column, when the problem has a position.
    pub fn line(&self) -> Option<usize> {
        self.place.line_col.map(|(line, _)| line)
    }
}

/// 1-based line and column (counted in characters, so a value after hanzi lines up) of a byte
/// offset; an offset inside a character or past the end counts from the nearest boundary before.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The text of `span` as the user wrote it, on one line and shortened, to quote in a message.
pub(crate) fn quote(text: &str, span: Option<Range<usize>>) -> String {
    const MAX_CHARS: usize = 40;
    let raw = span.and_then(|span| text.get(span)).unwrap_or("").trim();
    let first_line = raw.lines().next().unwrap_or("");
    let mut shown: String = first_line.chars().take(MAX_CHARS).collect();
    if shown.len() < raw.len() {
        shown.push('…');
    }
    shown
}

/// A message from toml or serde on one line, with the value as written added when it does not
/// already quote it.
pub(crate) fn describe(message: &str, text: &str, span: Option<Range<usize>>) -> String {
    let message = one_line(message);
    let raw = quote(text, span);
    if raw.is_empty() || message.contains(&raw) {
        message
    } else {
        format!("{message}: {raw}")
    }
}

/// A toml message on one line (the parser's messages may carry a second line of expectations).
pub(crate) fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "a = 1\n题 = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let x = text.find("\"x").unwrap();
        assert_eq!(line_col(text, x), (2, 5));
    }

    #[test]
    fn message_reads_file_line_column_then_what_went_wrong() {
        let err = ConfigError::at(
            Path::new("config.toml"),
            "a\nbc = 3",
            Some(7..8),
            "bad; using 1",
        );
        assert_eq!(err.to_string(), "config.toml:2:6: bad; using 1");
        let whole = ConfigError::file(Path::new("x.toml"), "unreadable");
        assert_eq!(whole.to_string(), "x.toml: unreadable");
    }

    #[test]
    fn long_values_are_shortened_when_quoted() {
        let text = "x".repeat(100);
        let quoted = quote(&text, Some(0..100));
        assert_eq!(quoted.chars().count(), 41);
        assert!(quoted.ends_with('…'));
    }
}
