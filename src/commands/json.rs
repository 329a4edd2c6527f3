//! JSON Lines that are safe to print on a terminal.
//!
//! `serde_json` escapes the C0 controls, but writes DEL, the C1 controls (U+009B is CSI to many
//! terminals), bidi overrides, zero-width characters and U+2028/U+2029 as they are: valid JSON,
//! yet bytes that act on a terminal when the output is read there. Every character the text
//! sanitiser would rewrite (`text::sanitize::is_rewritten`) is written as a `\uXXXX` escape
//! instead, so a JSON reader still gets the exact string and a terminal sees only ASCII for it.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use crate::corpus::{Article, Date};
use crate::text::sanitize::is_rewritten;

/// Writes `value` as one line of JSON and a line end.
///
/// ```
/// let mut out = Vec::new();
/// wenji::commands::json::write_line(&mut out, &["题\u{9b}31m\u{202E}\u{2028}"]).expect("written");
/// assert_eq!(String::from_utf8(out).expect("UTF-8"), "[\"题\\u009b31m\\u202e\\u2028\"]\n");
/// ```
///
/// # Errors
/// When `out` cannot be written to.
pub fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(&mut *out, TerminalSafe))?;
    writeln!(out)
}

/// `serde_json`'s compact layout, escaping what a terminal would act on.
struct TerminalSafe;

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_rewritten(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_string_reads_back_exactly_and_prints_nothing_a_terminal_acts_on(text in any::<String>()) {
            let mut out = Vec::new();
            write_line(&mut out, &text).expect("written to memory");
            let line = String::from_utf8(out).expect("UTF-8");
            prop_assert!(line.ends_with('\n'));
            let body = &line[..line.len() - 1];
            prop_assert!(!body.chars().any(|c| c < ' ' || is_rewritten(c)), "{:?}", body);
            let back: String = serde_json::from_str(body).expect("valid JSON");
            prop_assert_eq!(back, text);
        }
    }
}

/// What the JSON lines of every command say of an article besides its title, flattened into
/// each: `wenji list`'s entries, `wenji search`'s hits and counts.
#[derive(Serialize)]
pub struct Described<'a> {
    pub speaker: Option<&'a str>,
    /// As written.
    pub date: Option<&'a str>,
    /// As far as it reads: `2020-05-22`, `2020-05` or `2020`; `None` when it does not.
    pub date_value: Option<String>,
    /// The section, under the name front matter gives it.
    pub category: Option<&'a str>,
    pub tags: &'a [String],
    pub url: Option<&'a str>,
}

impl<'a> Described<'a> {
    /// What `article`'s metadata says.
    pub fn of(article: &'a Article) -> Self {
        let date = article.meta.date();
        Self {
            speaker: article.meta.speaker(),
            date: date.map(Date::text),
            date_value: date.and_then(Date::value).map(|value| value.to_string()),
            category: article.meta.section(),
            tags: article.meta.tags(),
            url: article.meta.url(),
        }
    }
}
