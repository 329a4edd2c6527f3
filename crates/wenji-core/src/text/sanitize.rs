//! Making text safe to hand to a terminal.
//!
//! A corpus file is untrusted input that ends up on the user's screen. Its bytes must never act
//! on the terminal (`\x1b[2J` clears the screen, `\x1b]52;…` writes the clipboard), reorder what
//! is drawn, or hide characters. ratatui drops C0 and C1 controls but passes Unicode format
//! characters straight through, and drops tabs and CR while still counting them in widths, so
//! every string wenji shows goes through [`sanitize`] first:
//!
//! - ESC, the other C0 controls and DEL become their visible control pictures (`␛`, `␇`, `␡`);
//!   C1 controls become `�`. Each is a single narrow glyph, so widths stay honest.
//! - Bidi embeddings, overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E, U+200F,
//!   U+061C) are removed.
//! - Zero-width characters (U+200B–200D, U+2060, U+FEFF, soft hyphen U+00AD) are removed, except a
//!   zero-width joiner that holds an emoji sequence together, so 👨‍👩‍👧 stays one glyph.
//! - CRLF, lone CR, NEL (U+0085), U+2028 and U+2029 become `\n`.
//! - A tab becomes spaces up to the next multiple of [`TAB_WIDTH`] columns from the start of its
//!   line, columns measured as a terminal with narrow ambiguous characters draws them. Corpus tabs
//!   are almost all leading indents, where every terminal agrees.
//! - A run of more than [`MAX_MARKS`] combining marks (zero-width extenders) is cut to
//!   [`MAX_MARKS`]: "Zalgo" text would otherwise paint over the lines around it.
//!
//! A one-line field (a title, a name, a date, a message) goes through [`sanitize_line`] instead:
//! the same rules, and then every line end becomes one space, so the field never splits a row of
//! output and never reaches the terminal as a raw line break.
//!
//! Clean text costs one scan and no allocation: runs of plain characters, nearly all of a
//! Chinese text, are passed over by their bytes (`plain`). Search and copy work on the logical
//! text; this is the form that is drawn.

use std::borrow::Cow;
use std::fmt;
use std::ops::AddAssign;

use unicode_segmentation::GraphemeCursor;
use unicode_width::UnicodeWidthChar;

use self::plain::Plain;
use super::width::{AmbiguousWidth, str_width};

/// Tab stops are this many columns apart, counted from the start of the line.
pub const TAB_WIDTH: usize = 4;

/// Combining marks kept on one character; no real script stacks more.
pub const MAX_MARKS: usize = 8;

const ZWJ: char = '\u{200D}';

/// What [`sanitize`] changed, to show as one warning per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Control characters (ESC, other C0 controls, DEL, C1) shown as placeholders.
    pub controls: usize,
    /// Bidi embeddings, overrides, isolates and marks removed.
    pub bidi: usize,
    /// Zero-width characters removed.
    pub zero_width: usize,
    /// Characters whose combining marks were cut to [`MAX_MARKS`].
    pub overloaded_marks: usize,
}

impl Report {
    /// Nothing worth a warning was found. Tabs and CRLF line ends are ordinary formatting and
    /// are not counted, so clean text can still come back rewritten.
    pub fn is_clean(&self) -> bool {
        *self == Self::default()
    }
}

impl AddAssign for Report {
    fn add_assign(&mut self, other: Self) {
        self.controls += other.controls;
        self.bidi += other.bidi;
        self.zero_width += other.zero_width;
        self.overloaded_marks += other.overloaded_marks;
    }
}

impl fmt::Display for Report {
    /// One clause per kind of change, e.g. "3 control characters shown as placeholders
    /// (␛ for ESC), 1 bidi control removed".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let clauses = [
            (
                self.controls,
                "control character",
                " shown as placeholders (␛ for ESC)",
            ),
            (self.bidi, "bidi control", " removed"),
            (self.zero_width, "zero-width character", " removed"),
            (
                self.overloaded_marks,
                "character",
                " with too many combining marks trimmed",
            ),
        ];
        let mut first = true;
        for (count, noun, what) in clauses.into_iter().filter(|(count, ..)| *count > 0) {
            let separator = if first { "" } else { ", " };
            write!(f, "{separator}{count} {noun}{}{what}", plural(count))?;
            first = false;
        }
        if first {
            f.write_str("nothing to clean")?;
        }
        Ok(())
    }
}

/// Rewrites `text` so a terminal can draw it as is; line ends come out as `\n`.
///
/// Returns the input unchanged (borrowed) when there is nothing to rewrite.
///
/// ```
/// use std::borrow::Cow;
/// use wenji_core::text::sanitize::sanitize;
///
/// let (shown, report) = sanitize("各位代表：\x1b[2J\r\n\u{202E}请予审议。");
/// assert_eq!(shown, "各位代表：␛[2J\n请予审议。");
/// assert_eq!(report.to_string(), "1 control character shown as placeholders (␛ for ESC), 1 bidi control removed");
/// assert!(matches!(sanitize("振兴\n").0, Cow::Borrowed(_)));
/// ```
pub fn sanitize(text: &str) -> (Cow<'_, str>, Report) {
    let Some(first) = first_change(text) else {
        return (Cow::Borrowed(text), Report::default());
    };
    // Everything before the line with the first change is copied as is; that line is redone
    // from its start, which is where tab columns and mark runs are counted from.
    let line_start = text[..first].rfind('\n').map_or(0, |newline| newline + 1);
    let mut writer = Writer {
        out: String::with_capacity(text.len() + text.len() / 16),
        report: Report::default(),
        column: 0,
        measured: 0,
        marks: 0,
    };
    writer.out.push_str(&text[..line_start]);
    writer.measured = writer.out.len();
    writer.write(text, line_start);
    (Cow::Owned(writer.out), writer.report)
}

/// [`sanitize`] for a one-line field: each line end (`\n`, `\r`, CRLF, NEL, U+2028, U+2029)
/// becomes one space.
///
/// ```
/// use wenji_core::text::sanitize::sanitize_line;
///
/// let (shown, report) = sanitize_line("题\x1b]0;PWNED\x07\r\n二\u{2028}三\u{202E}");
/// assert_eq!(shown, "题␛]0;PWNED␇ 二 三");
/// assert_eq!(report.controls, 2);
/// ```
pub fn sanitize_line(text: &str) -> (Cow<'_, str>, Report) {
    let (shown, report) = sanitize(text);
    if memchr::memchr(b'\n', shown.as_bytes()).is_some() {
        (Cow::Owned(shown.replace('\n', " ")), report)
    } else {
        (shown, report)
    }
}

/// [`sanitize_line`] for a string the caller owns: it comes back as it was when already clean.
pub fn sanitized_line(text: String) -> String {
    match sanitize_line(&text).0 {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    }
}

/// Whether `text`, a part of some sanitised text, is sanitised itself and stays so wherever it
/// is put after sanitised text: it starts with a character that no rule reads together with
/// what comes before it (printable ASCII, hanzi, CJK and full-width punctuation, `•`: never a
/// mark, a joiner or a grapheme extender) and does not end with a zero-width joiner, whose
/// meaning depends on what follows. Text made of such parts need not be sanitised again.
///
/// ```
/// use wenji_core::text::sanitize::stands_apart;
/// assert!(stands_apart("振兴东北") && stands_apart(""));
/// assert!(!stands_apart("\u{301}e") && !stands_apart("👨\u{200D}"));
/// ```
pub fn stands_apart(text: &str) -> bool {
    let starts_apart = text.chars().next().is_none_or(|c| {
        matches!(c, ' '..='\x7e' | '•' | '\u{3000}'..='\u{3029}' | '\u{3400}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF60}')
    });
    starts_apart && !text.ends_with(ZWJ)
}

/// Whether [`sanitize`] rewrites or removes `c` wherever it stands: controls, line ends other
/// than `\n`, tabs, bidi and zero-width characters. An encoder that must pass such characters
/// on (JSON) escapes them instead.
pub fn is_rewritten(c: char) -> bool {
    !matches!(kind(c), Kind::Keep | Kind::Mark)
}

/// What to do with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keep,
    /// Zero width, draws on the character before it.
    Mark,
    Control(char),
    Bidi,
    ZeroWidth,
    LineEnd,
    Tab,
}

/// The kind of `c`, found at byte `at` of `text` (a zero-width joiner depends on its neighbours).
fn kind_at(text: &str, at: usize, c: char) -> Kind {
    match kind(c) {
        Kind::ZeroWidth if c == ZWJ && joins_emoji(text, at) => Kind::Mark,
        other => other,
    }
}

fn kind(c: char) -> Kind {
    match c {
        // Hanzi, CJK punctuation and full-width forms are the bulk of a Chinese corpus and are
        // never zero width, so they skip the width table below.
        '\n'
        | ' '..='\x7e'
        | '\u{3000}'..='\u{3029}'
        | '\u{3400}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF60}' => Kind::Keep,
        '\t' => Kind::Tab,
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Kind::LineEnd,
        // U+2400 + n is the control picture for C0 control n; U+2421 is the one for DEL.
        '\0'..='\x1f' => Kind::Control(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}')),
        '\x7f' => Kind::Control('\u{2421}'),
        '\u{80}'..='\u{9f}' => Kind::Control('\u{FFFD}'),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Kind::Bidi,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => Kind::ZeroWidth,
        _ if c.width() == Some(0) => Kind::Mark,
        _ => Kind::Keep,
    }
}

/// Whether the joiner at byte `at` glues two pictographs into one emoji (UAX #29 rule GB11).
fn joins_emoji(text: &str, at: usize) -> bool {
    let after = at + ZWJ.len_utf8();
    let Some(next) = text.get(after..).and_then(|rest| rest.chars().next()) else {
        return false;
    };
    // The joiner also attaches to a following combining mark, which is no emoji.
    next.width().unwrap_or(0) > 0
        && !GraphemeCursor::new(after, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true)
}

/// Byte offset of the first character that needs rewriting, if any.
fn first_change(text: &str) -> Option<usize> {
    let plain = Plain::new();
    let mut marks = 0;
    let mut at = 0;
    loop {
        let end = plain.run_end(text.as_bytes(), at);
        if end > at {
            marks = 0;
            at = end;
        }
        let c = text[at..].chars().next()?;
        match kind_at(text, at, c) {
            Kind::Keep => marks = 0,
            Kind::Mark if marks < MAX_MARKS => marks += 1,
            _ => return Some(at),
        }
        at += c.len_utf8();
    }
}

struct Writer {
    out: String,
    report: Report,
    /// Display column at byte `measured` of `out`; the rest of the line is measured at the
    /// next tab, so a line costs one measurement however many tabs it has.
    column: usize,
    measured: usize,
    /// Combining marks since the last base character.
    marks: usize,
}

impl Writer {
    fn write(&mut self, text: &str, from: usize) {
        let plain = Plain::new();
        let mut at = from;
        loop {
            let end = plain.run_end(text.as_bytes(), at);
            if end > at {
                self.marks = 0;
                self.out.push_str(&text[at..end]);
                at = end;
            }
            let Some(c) = text[at..].chars().next() else {
                return;
            };
            let mut next = at + c.len_utf8();
            match kind_at(text, at, c) {
                Kind::Keep if c == '\n' => self.new_line(),
                Kind::Keep => self.push_base(c),
                Kind::Mark => {
                    self.marks += 1;
                    if self.marks <= MAX_MARKS {
                        self.out.push(c);
                    } else if self.marks == MAX_MARKS + 1 {
                        self.report.overloaded_marks += 1;
                    }
                }
                Kind::Control(picture) => {
                    self.report.controls += 1;
                    self.push_base(picture);
                }
                Kind::Bidi => self.report.bidi += 1,
                Kind::ZeroWidth => self.report.zero_width += 1,
                Kind::LineEnd => {
                    if c == '\r' && text.as_bytes().get(next) == Some(&b'\n') {
                        next += 1;
                    }
                    self.new_line();
                }
                Kind::Tab => self.expand_tab(),
            }
            at = next;
        }
    }

    fn push_base(&mut self, c: char) {
        self.marks = 0;
        self.out.push(c);
    }

    fn new_line(&mut self) {
        self.push_base('\n');
        self.column = 0;
        self.measured = self.out.len();
    }

    fn expand_tab(&mut self) {
        self.column += str_width(&self.out[self.measured..], AmbiguousWidth::Narrow);
        let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
        self.marks = 0;
        self.out.extend(std::iter::repeat_n(' ', spaces));
        self.column += spaces;
        self.measured = self.out.len();
    }
}

mod plain;
#[cfg(test)]
mod tests;
