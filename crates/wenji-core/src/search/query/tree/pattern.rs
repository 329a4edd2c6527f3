//! Checking and compiling a query's regular expressions: Unicode-aware, case-insensitive as
//! terms are, and bounded in size so that no pattern typed or pasted can stall the search line.

use regex_automata::meta;

use super::super::read::QueryError;
use super::Pattern;

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
        let hir = regex_syntax::ParserBuilder::new()
            .unicode(true)
            .utf8(true)
            .case_insensitive(true)
            .build()
            .parse(&self.source)
            .map_err(|error| self.syntax_error(&error))?;
        meta::Regex::builder()
            .configure(meta::Config::new().nfa_size_limit(Some(MAX_PATTERN_BYTES)))
            .build_from_hir(&hir)
            .map_err(|error| {
                let message = if error.size_limit().is_some() {
                    "this pattern is too large to search with: use smaller repetition counts \
                     (`{1000}` makes a thousand copies) or narrower classes than \\w"
                        .to_owned()
                } else {
                    format!("this pattern cannot be searched with: {error}")
                };
                QueryError {
                    at: self.at,
                    len: self.len,
                    message,
                }
            })
    }

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
