//! What every fuzz suite (`tests/fuzz_*.rs`) shares: one way to set how many cases run, the
//! characters that must never reach the terminal, and hostile corpus files built from pieces.
//!
//! `WENJI_FUZZ_CASES` sets the cases of every property (default [`DEFAULT_CASES`], small enough
//! for `cargo test`); a long run sets it high, in a release build:
//! `WENJI_FUZZ_CASES=1000000 cargo test --release --test fuzz_pipeline`. A failure found that
//! way is kept as a plain regression test named after the fault, so proptest's own failure files
//! are not written.
#![allow(dead_code)] // each test binary uses its own part of the helpers

pub mod hostile;

use proptest::test_runner::Config;

/// Cases per property when `WENJI_FUZZ_CASES` is not set.
pub const DEFAULT_CASES: u32 = 256;

/// The case count `WENJI_FUZZ_CASES` asks for, or [`DEFAULT_CASES`]. A value that is not a
/// positive whole number stops the run rather than silently testing nothing.
pub fn cases() -> u32 {
    match std::env::var("WENJI_FUZZ_CASES") {
        Err(_) => DEFAULT_CASES,
        Ok(value) => match value.trim().parse::<u32>() {
            Ok(cases) if cases > 0 => cases,
            _ => panic!("WENJI_FUZZ_CASES must be a positive whole number, not {value:?}"),
        },
    }
}

/// The proptest settings of a property: [`cases`] divided by `slower` (at least 4), for
/// properties whose cases cost more (a process each), and no failure files.
pub fn config(slower: u32) -> Config {
    Config {
        cases: (cases() / slower.max(1)).max(4),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Bidi embeddings, overrides, isolates and marks: what the sanitiser removes so that text
/// cannot reorder a line.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters `text::sanitize` promises never to leave in a string (a zero-width joiner is left
/// only inside an emoji, so it is not counted here; `\n` is its line end).
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{AD}'
        | '\u{200B}' | '\u{200C}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{FEFF}')
        || is_bidi(c)
}

/// The first forbidden character of `text` and where it is, for a failure message.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| is_forbidden(c))
}

/// Bytes a terminal would act on or reorder by: ESC and the other C0 controls but `\n` and `\t`,
/// DEL, C1 controls (raw or UTF-8 encoded) and bidi controls, found in `bytes`.
/// Output that is not UTF-8 counts as a hazard too: a raw C1 byte would hide in it.
pub fn terminal_hazard(bytes: &[u8]) -> Option<(usize, String)> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Some((error.valid_up_to(), "invalid UTF-8".to_owned())),
    };
    text.char_indices()
        .find(|&(_, c)| {
            (c.is_control() && c != '\n' && c != '\t')
                || is_bidi(c)
                || matches!(c, '\u{2028}' | '\u{2029}')
        })
        .map(|(at, c)| (at, format!("{c:?}")))
}
