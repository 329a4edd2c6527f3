//! Checking and compiling a query's regular expressions: Unicode-aware, case-insensitive as
//! terms are, and bounded in size so that no pattern typed or pasted can stall the search line.

use regex_automata::meta;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange};
use regex_syntax::hir::{Hir, HirKind, Literal, Repetition};

use super::super::read::QueryError;
use super::Pattern;
use crate::search::fold::fold_char;

/// Classes of up to this many characters are folded character by character (`[國国]` is `[国]`);
/// larger ones (`\p{Han}`, `[^，]`) are kept as they are, and match the folded text as they
/// would any other.
const FOLDED_CLASS: u32 = 4096;

/// How large a compiled pattern may grow (its NFA, in bytes): `\w{10000}` or `(a{1000}){1000}`
/// would take far more, and compiling them would stall the search line.
pub(super) const MAX_PATTERN_BYTES: usize = 1 << 20;

impl Pattern {
    /// The expression, compiled as the search matches it: Unicode classes (`\w`, `\p{Han}`),
    /// and case-insensitive as every term is (`(?-i)` inside turns that off), within
    /// a megabyte of automaton (`MAX_PATTERN_BYTES`).
    ///
    /// # Errors
    /// A [`QueryError`] at the pattern (or the part of it at fault) when it is not a regular
    /// expression or would be too large.
    pub fn compile(&self) -> Result<meta::Regex, QueryError> {
        let hir = self.hir()?;
        compile(&hir).map_err(|message| QueryError {
            at: self.at,
            len: self.len,
            message,
        })
    }

    /// The expression's syntax tree as it is matched against folded text: each literal
    /// character folded as the corpus is (`國` is `国`, `Ａ` is `a`), small classes likewise,
    /// and no line feed matched anywhere, so a match stays inside one field.
    ///
    /// # Errors
    /// A [`QueryError`] at the pattern (or the part at fault) when it is not a regular
    /// expression, or when it matches empty text (`a*`), which would be a hit everywhere.
    pub fn hir(&self) -> Result<Hir, QueryError> {
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(true)
            .utf8(true)
            .case_insensitive(true)
            .build()
            .parse(&self.source)
            .map_err(|error| self.syntax_error(&error))?;
        let hir = folded(&hir);
        if hir.properties().minimum_len().is_none_or(|len| len == 0) {
            return Err(QueryError {
                at: self.at,
                len: self.len,
                message: "this pattern matches empty text, which would be a hit everywhere: \
                          make it match at least one character (`a+`, not `a*`)"
                    .to_owned(),
            });
        }
        Ok(hir)
    }
}

/// `hir` compiled, within [`MAX_PATTERN_BYTES`] of automaton, or why it cannot be.
///
/// # Errors
/// A message for a pattern too large or that cannot be searched with.
pub fn compile(hir: &Hir) -> Result<meta::Regex, String> {
    meta::Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(MAX_PATTERN_BYTES)))
        .build_from_hir(hir)
        .map_err(|error| {
            if error.size_limit().is_some() {
                "this pattern is too large to search with: use smaller repetition counts \
                 (`{1000}` makes a thousand copies) or narrower classes than \\w"
                    .to_owned()
            } else {
                format!("this pattern cannot be searched with: {error}")
            }
        })
}

/// A regex that matches nothing: what a pattern that was checked when the query was read, but
/// fails to compile later, searches with, rather than a panic.
pub fn never() -> meta::Regex {
    compile(&Hir::fail()).unwrap_or_else(|_| meta::Regex::new("[^\\s\\S]").expect("matches none"))
}

/// `hir` as it matches folded text: see [`Pattern::hir`].
fn folded(hir: &Hir) -> Hir {
    map_chars(hir, &|c| fold_char(c), &fold_class)
}

/// `hir` with each literal character mapped by `char` (dropped where it gives `None`), each
/// Unicode class by `class`, and the line feed taken out of every class.
pub fn map_chars(
    hir: &Hir,
    char: &dyn Fn(char) -> Option<char>,
    class: &dyn Fn(&ClassUnicode) -> ClassUnicode,
) -> Hir {
    let map = |hir: &Hir| map_chars(hir, char, class);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(Literal(bytes)) => {
            let text = String::from_utf8_lossy(bytes);
            let mapped: String = text.chars().filter_map(char).collect();
            Hir::literal(mapped.into_bytes())
        }
        HirKind::Class(Class::Unicode(unicode)) => {
            let mut mapped = class(unicode);
            mapped.difference(&ClassUnicode::new([ClassUnicodeRange::new('\n', '\n')]));
            Hir::class(Class::Unicode(mapped))
        }
        HirKind::Class(Class::Bytes(bytes)) => {
            let mut bytes = bytes.clone();
            bytes.difference(&ClassBytes::new([ClassBytesRange::new(b'\n', b'\n')]));
            Hir::class(Class::Bytes(bytes))
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(map(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => map(&capture.sub),
        HirKind::Concat(items) => Hir::concat(items.iter().map(map).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(map).collect()),
    }
}

/// A small class with each of its characters folded; a large one as it is.
fn fold_class(class: &ClassUnicode) -> ClassUnicode {
    let size: u32 = class
        .ranges()
        .iter()
        .map(|range| u32::from(range.end()) - u32::from(range.start()) + 1)
        .sum();
    if size > FOLDED_CLASS {
        return class.clone();
    }
    ClassUnicode::new(
        class
            .ranges()
            .iter()
            .flat_map(|range| range.start()..=range.end())
            .filter_map(fold_char)
            .map(|c| ClassUnicodeRange::new(c, c)),
    )
}

impl Pattern {
    /// `error` in plain words, pointing at the part of the pattern it is about.
    fn syntax_error(&self, error: &regex_syntax::Error) -> QueryError {
        let (kind, span) = match error {
            regex_syntax::Error::Parse(error) => (error.kind().to_string(), *error.span()),
            regex_syntax::Error::Translate(error) => (error.kind().to_string(), *error.span()),
            _ => (
                error.to_string(),
                regex_syntax::ast::Span::splat(regex_syntax::ast::Position::new(0, 1, 1)),
            ),
        };
        let chars_before = |offset: usize| {
            self.source
                .get(..offset)
                .map_or(self.len, |before| before.chars().count())
        };
        let at = chars_before(span.start.offset).min(self.len);
        let end = chars_before(span.end.offset).clamp(at, self.len);
        let len = if end > at {
            end - at
        } else {
            usize::from(at < self.len)
        };
        QueryError {
            at: self.at + at,
            len,
            message: format!("not a regular expression: {kind}"),
        }
    }
}
