//! The query language as a tree: terms and conditions combined with AND, OR and NOT, grouped by
//! brackets, with proximity (`NEAR/10`, `~10`) and patterns (`re:…`, `/…/`).
//!
//! It is what [`super::Query::read`] reads first (terms, `-term`, `"phrases"`, `field:value`
//! and the rest), before taking the plain items into the query's lists. Reading is
//! in two steps: the query is cut into tokens (`lex`), then the tokens are built into an
//! [`Expr`] by precedence. Nothing is ever taken literally because it could not be read: an
//! unbalanced bracket, an `OR` with nothing on one side, `NEAR/0`, a pattern that does not
//! compile are each a [`QueryError`] that points at the characters at fault.
//!
//! ```text
//! query     := item*                          (AND: items side by side)
//! item      := either
//! either    := near (("OR" | "|") near)*      (OR binds tighter than AND)
//! near      := unary [proximity text]         (both sides plain text, one operator at a time)
//! unary     := "-" atom | atom                ("-" alone, still being typed, is nothing)
//! atom      := "(" item+ ")" | text | pattern | condition
//! text      := WORD | '"' anything up to the next '"' (or, still being typed, the end)
//! pattern   := "re:" ('"' to an unescaped '"' or the end | anything up to a space)
//!            | "/" anything up to an unescaped "/" "/"
//!            | "py:" ('"' pinyin '"' | pinyin, then each next word of whole syllables)
//! condition := NAME (":" | "：") value       (as a query of terms reads it; see read.rs)
//! proximity := "NEAR/" (1..10000 | "article") | "~" 1..10000
//! ```
//! A WORD is the characters up to a space, a quote, a bracket or `|`; `OR` is uppercase ASCII
//! (`or`, `ORIGIN` are text), and only a word that starts with `-`, `/` or `~` is read for them.
//! The term after `-` is read whole, so `--a` leaves out `-a`.

mod describe;
mod lex;
mod pattern;
#[cfg(test)]
mod tests;

use super::Condition;
use super::read::QueryError;
use lex::{Kind, Token};
pub use pattern::{compile, map_chars, never};

/// How deep brackets may go inside each other: enough for any query typed by hand, and a bound
/// on the reader's recursion whatever is pasted.
const MAX_DEPTH: usize = 32;
/// A query read as a tree.
///
/// `And(vec![])` is the empty query: nothing typed, or only what is still being typed (`-`).
/// The tree is kept in one form: an `And` or `Or` has at least two items and holds no item of
/// its own kind, and a condition is never `negated` (`-author:李强` is `Not(Condition(…))`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Items side by side: each must hold.
    And(Vec<Expr>),
    /// `A OR B`, `A | B`: one at least must hold.
    Or(Vec<Expr>),
    /// `-term`, `-"phrase"`, `-(…)`, `-re:…`, `-field:value`: must not hold.
    Not(Box<Expr>),
    /// A bare word or a quoted phrase, to be found in the text.
    Text(Term),
    /// `A NEAR/10 B`, `A ~10 B`, `A NEAR/article B`: both terms, close together.
    Near {
        left: Term,
        right: Term,
        /// The most characters between the end of one and the start of the other;
        /// `u32::MAX` for [`Scope::Article`].
        within: u32,
        /// `~`: `right` starts after `left` ends. `NEAR`: either order.
        ordered: bool,
        scope: Scope,
    },
    /// `re:…` or `/…/`: a regular expression the text must match.
    Regex(Pattern),
    /// `field:value`: what is known of the article besides its text.
    Condition(Condition),
}

/// A term as typed and as searched for.
///
/// `at` and `len` count characters of the query with its control characters dropped, and
/// cover `written` exactly: a phrase's quotes are outside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// What is searched for: `written` folded as the corpus is, cut as a query's terms are.
    pub folded: String,
    /// What was typed, control characters dropped.
    pub written: String,
    pub at: usize,
    pub len: usize,
}

/// Where the two terms of a proximity must lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In one paragraph (`NEAR/n`, `~n`).
    Paragraph,
    /// In one article, at any distance (`NEAR/article`).
    Article,
}

/// A regular expression as typed: its text between `/…/`, after `re:` or inside `re:"…"`, with
/// any `\/` or `\"` kept (both mean the character itself). `at` and `len` cover `source`.
///
/// The tree keeps the text, not the compiled expression: the search compiles it when it runs
/// ([`Pattern::compile`]); reading only checks that it compiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub source: String,
    pub at: usize,
    pub len: usize,
    /// For `py:…`, the pinyin it was read from, one syllable or initial a character
    /// (`guo jia`): the pattern is then every run of characters read so
    /// ([`crate::text::pinyin`]).
    pub reading: Option<String>,
}

/// Reads `input` as a tree, or says what in it cannot be read, and where.
///
/// ```
/// use wenji_core::search::query::tree::parse;
/// let tree = parse("date:2020 (国家 OR 中国) -author:李强").expect("a query");
/// assert_eq!(tree.describe(), "date:2020 (国家 | 中国) -author:李强");
/// assert_eq!(parse("振兴 NEAR/5 东北").expect("a query").describe(), "振兴 NEAR/5 东北");
/// let error = parse("振兴 (东北").expect_err("unclosed");
/// assert_eq!((error.at, error.len), (3, 1));
/// ```
///
/// # Errors
/// A [`QueryError`] for anything that cannot be read: see the module's grammar.
pub fn parse(input: &str) -> Result<Expr, QueryError> {
    let chars: Vec<char> = input.chars().filter(|c| !c.is_control()).collect();
    let mut parser = Parser {
        tokens: lex::tokens(&chars)?.into_iter().peekable(),
        end: 0,
    };
    let items = parser.items(0)?;
    if let Some(close) = parser.tokens.next() {
        return Err(error(&close, "this `)` closes no `(`"));
    }
    Ok(and(items))
}

/// The tokens being read, and where the last one read ends.
struct Parser {
    tokens: std::iter::Peekable<std::vec::IntoIter<Token>>,
    end: usize,
}

/// What reading an operand gives: the expression (`None` for one that asks nothing, as `""`),
/// and its term when it was a lone text token, which is all a proximity takes.
type Operand = (Option<Expr>, Option<Term>);

impl Parser {
    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.next()?;
        self.end = token.at + token.len;
        Some(token)
    }

    fn peek(&mut self) -> Option<&Kind> {
        self.tokens.peek().map(|token| &token.kind)
    }

    /// Items side by side, up to a `)` or the end.
    fn items(&mut self, depth: usize) -> Result<Vec<Expr>, QueryError> {
        let mut items = Vec::new();
        while let Some(token) = self.tokens.peek() {
            match token.kind {
                Kind::Close => break,
                Kind::Or => return Err(error(token, "`OR` needs something before it")),
                Kind::Proximity { .. } => {
                    return Err(error(token, "this needs a term or a \"phrase\" before it"));
                }
                _ => items.extend(self.either(depth)?),
            }
        }
        Ok(items)
    }

    /// Operands joined by `OR` or `|`.
    fn either(&mut self, depth: usize) -> Result<Option<Expr>, QueryError> {
        let first = self.near(depth)?;
        let mut alternatives = Vec::new();
        let mut first_or = None;
        while matches!(self.peek(), Some(Kind::Or)) {
            let or = self.next().expect("peeked");
            let operand = match self.peek() {
                None | Some(Kind::Close | Kind::Or | Kind::Proximity { .. }) => None,
                Some(_) => self.near(depth)?,
            };
            let Some(operand) = operand else {
                return Err(error(&or, "`OR` needs something to look for after it"));
            };
            alternatives.push(operand);
            first_or.get_or_insert(or);
        }
        let Some(or) = first_or else {
            return Ok(first);
        };
        let Some(first) = first else {
            return Err(error(&or, "`OR` needs something to look for before it"));
        };
        alternatives.insert(0, first);
        Ok(Some(either(alternatives)))
    }

    /// An operand, or two terms joined by a proximity operator.
    fn near(&mut self, depth: usize) -> Result<Option<Expr>, QueryError> {
        let start = self.tokens.peek().map_or(self.end, |token| token.at);
        let (expr, term) = self.unary(depth)?;
        if !matches!(self.peek(), Some(Kind::Proximity { .. })) {
            return Ok(expr);
        }
        let left_end = self.end;
        let operator = self.next().expect("peeked");
        let Kind::Proximity {
            within,
            ordered,
            scope,
        } = operator.kind
        else {
            unreachable!("peeked a proximity")
        };
        let Some(left) = term.filter(|term| !term.folded.trim().is_empty()) else {
            return Err(QueryError {
                at: start,
                len: left_end - start,
                message: proximity_message(&operator, "before"),
            });
        };
        let right = match self.next() {
            Some(Token {
                kind: Kind::Text(term),
                ..
            }) if !term.folded.trim().is_empty() => term,
            Some(other) => return Err(error(&other, &proximity_message(&operator, "after"))),
            None => return Err(error(&operator, &proximity_message(&operator, "after"))),
        };
        if let Some(chained) = self.tokens.peek()
            && matches!(chained.kind, Kind::Proximity { .. })
        {
            return Err(error(
                chained,
                "one proximity at a time: for A near B near C, write both pairs, as \
                 (A NEAR/5 B) (B NEAR/5 C)",
            ));
        }
        Ok(Some(Expr::Near {
            left,
            right,
            within,
            ordered,
            scope,
        }))
    }

    /// An atom, or `-` and an atom.
    fn unary(&mut self, depth: usize) -> Result<Operand, QueryError> {
        let token = self.next().expect("an operand follows");
        if !matches!(token.kind, Kind::Minus) {
            return self.atom(token, depth);
        }
        let operand = match self.peek() {
            Some(Kind::Or | Kind::Proximity { .. }) | None => {
                let at = self
                    .tokens
                    .peek()
                    .map_or(token.at + 1, |next| next.at + next.len);
                return Err(QueryError {
                    at: token.at,
                    len: at - token.at,
                    message: "`-` goes before a term, a \"phrase\", a (group), a pattern or a \
                              condition"
                        .to_owned(),
                });
            }
            Some(_) => self.next().expect("peeked"),
        };
        let (expr, _) = self.atom(operand, depth)?;
        Ok((expr.map(|expr| Expr::Not(Box::new(expr))), None))
    }

    /// One token's atom, or a group that opens with it.
    fn atom(&mut self, token: Token, depth: usize) -> Result<Operand, QueryError> {
        Ok(match token.kind {
            Kind::Open => (Some(self.group(&token, depth + 1)?), None),
            Kind::Text(term) if term.folded.trim().is_empty() => (None, Some(term)),
            Kind::Text(term) => (Some(Expr::Text(term.clone())), Some(term)),
            Kind::Regex(pattern) => (Some(Expr::Regex(pattern)), None),
            Kind::Condition(condition) => (Some(Expr::Condition(condition)), None),
            // The callers take these first; should one come, it is still an error, not a panic.
            Kind::Close | Kind::Or | Kind::Minus | Kind::Proximity { .. } => {
                return Err(error(&token, "this cannot stand here"));
            }
        })
    }

    /// The items of a group opened by `open`, to its `)`.
    fn group(&mut self, open: &Token, depth: usize) -> Result<Expr, QueryError> {
        if depth > MAX_DEPTH {
            let message = format!("more than {MAX_DEPTH} brackets inside each other");
            return Err(error(open, &message));
        }
        let items = self.items(depth)?;
        if self.next().is_none() {
            return Err(error(open, "this `(` is never closed: add a `)`"));
        }
        if items.is_empty() {
            return Err(QueryError {
                at: open.at,
                len: self.end - open.at,
                message: "nothing to look for inside these brackets".to_owned(),
            });
        }
        Ok(and(items))
    }
}

/// What a proximity `operator` lacks `side` of it.
fn proximity_message(operator: &Token, side: &str) -> String {
    format!(
        "this proximity needs a term or a \"phrase\" {side} it (brackets, `-`, patterns and \
         conditions cannot be near); to leave out what is near, write -(A {} B)",
        match operator.kind {
            Kind::Proximity {
                ordered: true,
                within,
                ..
            } => format!("~{within}"),
            Kind::Proximity { within, .. } if within < u32::MAX => format!("NEAR/{within}"),
            _ => "NEAR/article".to_owned(),
        }
    )
}

fn error(token: &Token, message: &str) -> QueryError {
    QueryError {
        at: token.at,
        len: token.len,
        message: message.to_owned(),
    }
}

/// `items` as one expression: the items of an `And` among them taken in, a single item alone.
fn and(items: Vec<Expr>) -> Expr {
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Expr::And(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat.len() == 1 {
        flat.pop().expect("one item")
    } else {
        Expr::And(flat)
    }
}

/// `alternatives` (two or more) as one `Or`, the alternatives of an `Or` among them taken in.
fn either(alternatives: Vec<Expr>) -> Expr {
    let mut flat = Vec::with_capacity(alternatives.len());
    for alternative in alternatives {
        match alternative {
            Expr::Or(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    Expr::Or(flat)
}

impl Expr {
    /// Whether the query asks nothing at all.
    pub fn is_empty(&self) -> bool {
        matches!(self, Expr::And(items) if items.is_empty())
    }

    /// Every text term, in the order typed, those of a proximity and those under a `-`
    /// included: what the search line colours.
    pub fn terms(&self) -> Vec<&Term> {
        let mut terms = Vec::new();
        self.collect_terms(true, &mut terms);
        terms
    }

    /// The text terms a found article may hold, in the order typed: [`Expr::terms`] without
    /// those under a `-`. What a result highlights.
    pub fn sought_terms(&self) -> Vec<&Term> {
        let mut terms = Vec::new();
        self.collect_terms(false, &mut terms);
        terms
    }

    /// How many terms and patterns the tree looks for, those under a `-` included: one for a
    /// term or a pattern, two for a proximity.
    pub fn leaves(&self) -> usize {
        match self {
            Expr::And(items) | Expr::Or(items) => items.iter().map(Expr::leaves).sum(),
            Expr::Not(inner) => inner.leaves(),
            Expr::Text(_) | Expr::Regex(_) => 1,
            Expr::Near { .. } => 2,
            Expr::Condition(_) => 0,
        }
    }

    /// Whether a found article may hold a match of a pattern of the tree (one not under a `-`).
    pub fn has_pattern(&self) -> bool {
        match self {
            Expr::And(items) | Expr::Or(items) => items.iter().any(Expr::has_pattern),
            Expr::Regex(_) => true,
            Expr::Not(_) | Expr::Text(_) | Expr::Near { .. } | Expr::Condition(_) => false,
        }
    }

    fn collect_terms<'a>(&'a self, negated_too: bool, terms: &mut Vec<&'a Term>) {
        match self {
            Expr::And(items) | Expr::Or(items) => {
                for item in items {
                    item.collect_terms(negated_too, terms);
                }
            }
            Expr::Not(inner) if negated_too => inner.collect_terms(negated_too, terms),
            Expr::Text(term) => terms.push(term),
            Expr::Near { left, right, .. } => terms.extend([left, right]),
            Expr::Not(_) | Expr::Regex(_) | Expr::Condition(_) => {}
        }
    }

    /// The tree written back in its canonical form (what [`std::fmt::Display`] writes).
    ///
    /// Items side by side are AND; ` | ` is OR, in brackets when side by side with others;
    /// `-` is NOT, before a bracket when what it negates is more than one atom. Terms are
    /// written folded, bare when they would read back as the same term, else quoted.
    /// Proximity is `A NEAR/10 B`, `A ~10 B` or `A NEAR/article B`; patterns `/…/` (a `/` in
    /// them escaped); conditions with their canonical field names (`author:`, `category:`).
    /// Reading the description gives the same tree, positions aside.
    ///
    /// ```
    /// use wenji_core::search::query::tree::parse;
    /// let describe = |typed: &str| parse(typed).expect(typed).describe();
    /// assert_eq!(describe("a OR b c"), "(a | b) c");
    /// assert_eq!(describe("a (b c) OR d"), "a ((b c) | d)");
    /// assert_eq!(describe("-(ＧＤＰ OR re:\"a/b\")"), "-(gdp | /a\\/b/)");
    /// ```
    pub fn describe(&self) -> String {
        self.to_string()
    }
}
