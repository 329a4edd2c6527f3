//! A tree written back as a query in one canonical form ([`super::Expr::describe`]), so that
//! tests and logs can say what a query was read as in the query's own words.

use std::fmt;

use super::super::read;
use super::{Expr, Pattern, Scope, Term};

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::And(items) => joined(f, items, " ", |item| matches!(item, Expr::Or(_))),
            Expr::Or(items) => joined(f, items, " | ", |item| matches!(item, Expr::And(_))),
            Expr::Not(inner) => match **inner {
                Expr::Text(_) | Expr::Regex(_) | Expr::Condition(_) => write!(f, "-{inner}"),
                _ => write!(f, "-({inner})"),
            },
            Expr::Text(term) => write_term(f, term),
            Expr::Near {
                left,
                right,
                within,
                ordered,
                scope,
            } => {
                write_term(f, left)?;
                match (scope, ordered) {
                    (Scope::Article, _) => f.write_str(" NEAR/article ")?,
                    (Scope::Paragraph, true) => write!(f, " ~{within} ")?,
                    (Scope::Paragraph, false) => write!(f, " NEAR/{within} ")?,
                }
                write_term(f, right)
            }
            Expr::Regex(Pattern {
                reading: Some(reading),
                ..
            }) => write!(f, "py:\"{reading}\""),
            Expr::Regex(pattern) => write_pattern(f, &pattern.source),
            Expr::Condition(condition) => write!(f, "{condition}"),
        }
    }
}

/// `items` with `separator` between, those `bracketed` is true of in brackets.
fn joined(
    f: &mut fmt::Formatter<'_>,
    items: &[Expr],
    separator: &str,
    bracketed: fn(&Expr) -> bool,
) -> fmt::Result {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        if bracketed(item) {
            write!(f, "({item})")?;
        } else {
            write!(f, "{item}")?;
        }
    }
    Ok(())
}

/// A term's folded text: bare when it reads back as that one term, else in quotes.
fn write_term(f: &mut fmt::Formatter<'_>, term: &Term) -> fmt::Result {
    let text = &term.folded;
    let chars: Vec<char> = text.chars().collect();
    let bare = !text.is_empty()
        && !text.starts_with(['-', '/', '~'])
        && !chars
            .iter()
            .any(|&c| c.is_whitespace() || matches!(c, '"' | '(' | ')' | '|'))
        && read::named(&chars, 0).is_none();
    if bare {
        f.write_str(text)
    } else {
        write!(f, "\"{text}\"")
    }
}

/// A pattern between slashes, any `/` in it not yet escaped escaped.
fn write_pattern(f: &mut fmt::Formatter<'_>, source: &str) -> fmt::Result {
    f.write_str("/")?;
    let mut escaped = false;
    for c in source.chars() {
        if c == '/' && !escaped {
            f.write_str("\\")?;
        }
        escaped = c == '\\' && !escaped;
        write!(f, "{c}")?;
    }
    f.write_str("/")
}
