//! The query cut into tokens: brackets, `OR`, a leading `-`, proximity operators, and the
//! atoms between them (terms, phrases, patterns, conditions), each with where it was typed.
//!
//! Only the start of a word is looked at for syntax: a `-` in `COVID-19`, a `/` in `1/2` or a
//! `~` in `a~b` is text. A bare word ends at a space, a quote, a bracket or `|`, so that
//! `(国家|國家)` reads as it looks. Atoms that cannot be read (an unknown field, a pattern that
//! does not compile, `NEAR/0`) are errors here, the first in the query.

use super::super::read::{self, QueryError, cut};
use super::{Pattern, Scope, Term};
use crate::search::fold::fold_query;
use crate::search::query::Condition;
use crate::text::pinyin;

/// The largest distance `NEAR/n` and `~n` take, in characters.
pub(super) const MAX_WITHIN: u32 = 10_000;

/// One token, and the characters of the query it was read from.
#[derive(Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub at: usize,
    pub len: usize,
}

/// What a token is.
#[derive(Debug)]
pub(super) enum Kind {
    Open,
    Close,
    Or,
    /// A `-` before an atom or a bracket (a `-` alone is no token at all).
    Minus,
    /// `NEAR/n`, `NEAR/article` or `~n`.
    Proximity {
        within: u32,
        ordered: bool,
        scope: Scope,
    },
    /// A bare word or a phrase; its folded text may be empty (`""`), which asks nothing.
    Text(Term),
    Regex(Pattern),
    Condition(Condition),
}

/// The tokens of `chars` (the query with its control characters dropped), or the first thing
/// in it that cannot be read.
pub(super) fn tokens(chars: &[char]) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        let symbol = match c {
            '(' => Some(Kind::Open),
            ')' => Some(Kind::Close),
            '|' => Some(Kind::Or),
            _ => None,
        };
        if let Some(kind) = symbol {
            tokens.push(Token { kind, at, len: 1 });
            at += 1;
        } else if c.is_whitespace() || (c == '-' && ends_word(chars.get(at + 1))) {
            // A `-` alone is still being typed, as a query of terms has it: nothing.
            at += 1;
        } else if c == '-' {
            tokens.push(Token {
                kind: Kind::Minus,
                at,
                len: 1,
            });
            at += 1;
            if chars[at] != '(' {
                // The word after a `-` is read whole, so `--a` leaves out `-a`.
                at = push_word(&mut tokens, chars, at)?;
            }
        } else {
            at = push_word(&mut tokens, chars, at)?;
        }
    }
    Ok(tokens)
}

/// Whether a `-` followed by `next` stands alone.
fn ends_word(next: Option<&char>) -> bool {
    next.is_none_or(|&c| c.is_whitespace() || c == ')' || c == '|')
}

/// Where a bare word or a bare condition value ends.
fn ends_bare(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '(' | ')' | '|')
}

/// Reads the word starting at `start` onto `tokens`; where the next may start.
fn push_word(tokens: &mut Vec<Token>, chars: &[char], start: usize) -> Result<usize, QueryError> {
    let (kind, next) = match chars[start] {
        '"' => {
            let (inner, next) = quoted(chars, start);
            (Kind::Text(term(chars, start + 1, inner)), next)
        }
        '/' => slashed(chars, start)?,
        _ => match read::named(chars, start) {
            Some((name, colon)) if name == "re" => named_pattern(chars, start, colon)?,
            Some((name, colon)) if name == "py" => pinyin(chars, start, colon)?,
            Some((name, colon)) => match read::condition(chars, start, &name, colon, ends_bare) {
                Some(condition) => {
                    let (filter, next) = condition?;
                    let negated = false;
                    (Kind::Condition(Condition { filter, negated }), next)
                }
                None => bare(chars, start)?,
            },
            None => bare(chars, start)?,
        },
    };
    tokens.push(Token {
        kind,
        at: start,
        len: next - start,
    });
    Ok(next)
}

/// Where the text quoted at `start` ends, and where the word after it may start: at its
/// closing quote, or (still being typed) at the end.
fn quoted(chars: &[char], start: usize) -> (usize, usize) {
    match chars[start + 1..].iter().position(|&c| c == '"') {
        Some(length) => (start + 1 + length, start + 2 + length),
        None => (chars.len(), chars.len()),
    }
}

/// The term written as `chars[from..to]`.
fn term(chars: &[char], from: usize, to: usize) -> Term {
    let written: String = chars[from..to].iter().collect();
    Term {
        folded: cut(fold_query(&written)),
        written,
        at: from,
        len: to - from,
    }
}

/// A bare word: `OR`, a proximity operator, or a term.
fn bare(chars: &[char], start: usize) -> Result<(Kind, usize), QueryError> {
    let length = chars[start..]
        .iter()
        .take_while(|&&c| !ends_bare(c))
        .count();
    let next = start + length;
    let word: String = chars[start..next].iter().collect();
    let proximity = if word == "OR" {
        return Ok((Kind::Or, next));
    } else if word == "NEAR" {
        Err(
            "`NEAR` needs a distance: NEAR/10 (within 10 characters) or NEAR/article (in one \
             article); to search for the word, quote it: \"NEAR\""
                .to_owned(),
        )
    } else if let Some(suffix) = word.strip_prefix("NEAR/") {
        distance(&word, suffix, false)
    } else if let Some(suffix) = word.strip_prefix('~') {
        distance(&word, suffix, true)
    } else {
        return Ok((Kind::Text(term(chars, start, next)), next));
    };
    let (within, scope) = proximity.map_err(|message| QueryError {
        at: start,
        len: length,
        message,
    })?;
    let ordered = word.starts_with('~');
    Ok((
        Kind::Proximity {
            within,
            ordered,
            scope,
        },
        next,
    ))
}

/// The distance and scope `suffix` gives the operator `word` (`10`, `article`; full-width digits
/// are read as digits), or why it gives none.
fn distance(word: &str, suffix: &str, ordered: bool) -> Result<(u32, Scope), String> {
    let suffix = fold_query(suffix);
    if suffix == "article" {
        return if ordered {
            Err(format!(
                "`{word}`: ~ takes a number of characters; for both in one article, in any \
                 order, write NEAR/article"
            ))
        } else {
            Ok((u32::MAX, Scope::Article))
        };
    }
    if suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if ordered {
            format!(
                "`{word}`: ~ needs a number of characters right after it, as in 改革 ~10 开放 \
                 (to search for a word starting with ~, quote it)"
            )
        } else {
            format!(
                "`{word}` needs a number of characters from 1 to {MAX_WITHIN}, or `article`: \
                 NEAR/10, NEAR/article"
            )
        });
    }
    // More digits than the largest distance has cannot be one, and must not overflow.
    let within = if suffix.len() > 5 {
        MAX_WITHIN + 1
    } else {
        suffix.parse().unwrap_or(MAX_WITHIN + 1)
    };
    match within {
        0 => Err(format!(
            "`{word}`: the distance must be at least 1 character (for text right next to each \
             other, type it as one term)"
        )),
        n if n > MAX_WITHIN => Err(format!(
            "`{word}`: the distance is at most {MAX_WITHIN} characters; for anywhere in one \
             article, write NEAR/article"
        )),
        n => Ok((n, Scope::Paragraph)),
    }
}

/// A pattern between slashes, opened at `start`: to the next `/` that no `\` escapes.
fn slashed(chars: &[char], start: usize) -> Result<(Kind, usize), QueryError> {
    let Some(close) = closing(chars, start + 1, '/') else {
        return Err(QueryError {
            at: start,
            len: chars.len() - start,
            message: "this `/` starts a pattern that is never closed: end it with `/` (to \
                      search for text starting with /, quote it)"
                .to_owned(),
        });
    };
    if close == start + 1 {
        return Err(QueryError {
            at: start,
            len: 2,
            message: "an empty pattern `//` would find everything: write one between the slashes"
                .to_owned(),
        });
    }
    let after = chars[close + 1..]
        .iter()
        .take_while(|&&c| !c.is_whitespace() && c != ')' && c != '|')
        .count();
    if after > 0 {
        return Err(QueryError {
            at: close + 1,
            len: after,
            message: "put a space after the `/` that closes a pattern (a pattern takes no \
                      flags after it; write them inside, as (?-i))"
                .to_owned(),
        });
    }
    let pattern = checked(chars, start + 1, close)?;
    Ok((Kind::Regex(pattern), close + 1))
}

/// A pattern after `re:` (its colon at `colon`): quoted to the next `"` that no `\` escapes (or
/// the end), else to the next space.
fn named_pattern(chars: &[char], start: usize, colon: usize) -> Result<(Kind, usize), QueryError> {
    let from = colon + 1;
    let (source, next) = if chars.get(from) == Some(&'"') {
        match closing(chars, from + 1, '"') {
            Some(close) => ((from + 1, close), close + 1),
            None => ((from + 1, chars.len()), chars.len()),
        }
    } else {
        let length = chars[from..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .count();
        ((from, from + length), from + length)
    };
    if source.0 == source.1 {
        return Err(QueryError {
            at: start,
            len: next - start,
            message: "`re:` needs a pattern, such as re:改革.{0,4}开放 or re:\"改革 ?开放\""
                .to_owned(),
        });
    }
    let quoted = chars.get(from) == Some(&'"');
    let pattern = checked(chars, source.0, source.1).map_err(|mut error| {
        if !quoted && chars[source.1 - 1] == ')' {
            error.message.push_str(
                " (a pattern after re: runs to the next space, brackets and all; in a group, \
                 write re:\"…\" or /…/)",
            );
        }
        error
    })?;
    Ok((Kind::Regex(pattern), next))
}

/// Pinyin after `py:` (its colon at `colon`): quoted, or a bare word and each next word that
/// reads as whole syllables (`py:guojia anquan`, but `py:guojia gdp` is two terms), read as the
/// runs of characters with that reading.
fn pinyin(chars: &[char], start: usize, colon: usize) -> Result<(Kind, usize), QueryError> {
    let from = colon + 1;
    let word_end = |from: usize| {
        from + chars[from.min(chars.len())..]
            .iter()
            .take_while(|&&c| !ends_bare(c))
            .count()
    };
    let (letters, next) = if chars.get(from) == Some(&'"') {
        let (inner, next) = quoted(chars, from);
        (chars[from + 1..inner].iter().collect::<String>(), next)
    } else {
        let mut end = word_end(from);
        loop {
            let next_start = end
                + chars[end..]
                    .iter()
                    .take_while(|c| c.is_whitespace())
                    .count();
            let next_end = word_end(next_start);
            let word: String = chars[next_start..next_end].iter().collect();
            let syllables = next_end > next_start
                && pinyin::read(&word).is_ok_and(|reading| {
                    reading
                        .sounds()
                        .iter()
                        .all(|sound| matches!(sound, pinyin::Sound::Syllable(_)))
                });
            if !syllables {
                break;
            }
            end = next_end;
        }
        (chars[from..end].iter().collect(), end)
    };
    let at_fault = |message: String| QueryError {
        at: start,
        len: next - start,
        message,
    };
    if letters.trim().is_empty() {
        return Err(at_fault(
            "`py:` needs pinyin, such as py:guojia, py:\"guojia anquan\" or the initials py:gjaq"
                .to_owned(),
        ));
    }
    let reading =
        pinyin::read(&letters).map_err(|why| at_fault(format!("`py:{letters}`: {why}")))?;
    let pattern = Pattern {
        source: reading.regex_source(),
        at: start,
        len: next - start,
        reading: Some(reading.to_string()),
    };
    pattern.compile().map_err(|error| at_fault(error.message))?;
    Ok((Kind::Regex(pattern), next))
}

/// Where the first `close` from `from` on is that no backslash escapes.
fn closing(chars: &[char], from: usize, close: char) -> Option<usize> {
    let mut at = from;
    while let Some(&c) = chars.get(at) {
        if c == close {
            return Some(at);
        }
        at += if c == '\\' { 2 } else { 1 };
    }
    None
}

/// The pattern written as `chars[from..to]`, once it is known to compile.
fn checked(chars: &[char], from: usize, to: usize) -> Result<Pattern, QueryError> {
    let pattern = Pattern {
        source: chars[from..to].iter().collect(),
        at: from,
        len: to - from,
        reading: None,
    };
    pattern.compile()?;
    Ok(pattern)
}
