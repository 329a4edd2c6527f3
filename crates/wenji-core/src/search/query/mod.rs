//! Reading what the user typed as a query: terms that must all occur in an article, terms that
//! must not, conditions on what is known of it besides its text, and the rest of the query
//! language — `OR`, `-(…)`, proximity, patterns — for the engines to ask of each article.
//!
//! Chinese has no spaces between words, so a term is a substring, not a word. Spaces separate
//! terms; `"…"` quotes a phrase that contains spaces; `-term` excludes the articles holding
//! `term`. A word `field:value` is a condition ([`condition`]): `date:2020-05..2020-07`,
//! `author:林勵` (or `speaker:`), `category:眾聞` (or `section:`), `tag:國安法`, `title:…` and
//! `file:GLOB`, each negated by a leading `-`, its value quoted when it holds spaces
//! (`author:"Li Qiang"`). `A OR B` (or `A | B`), brackets, `-(…)`, `A NEAR/10 B`, `A ~10 B`,
//! `A NEAR/article B` and `re:…` (or `/…/`) are read into a tree ([`tree`]); the items of it
//! that are plain terms, excluded terms and conditions fill [`Query`]'s lists, and the others
//! are kept as they are ([`Query::extra`], asked by [`crate::search::check`]). Control
//! characters are dropped and every term is folded like the corpus ([`super::fold`]).
//!
//! What cannot be read is an error that says where ([`QueryError`]), never a term taken
//! literally: an unknown field (`auhtor:…`), a date that is not one (`date:2020-13`), an
//! unclosed bracket, an `OR` with nothing after it, a pattern that does not compile. The
//! search line shows it and keeps the results of the last query that could be read.

mod condition;
mod read;
#[cfg(test)]
mod tests;
pub mod tree;

use crate::search::fold::fold_written;
pub use condition::{Condition, DateRange, Described, FileGlob, Filter, MetaText};
pub use read::QueryError;

/// The grammar by example, as the help overlay lists it: what to type in the search line, and
/// what it finds (each example short enough for the overlay's key column).
pub const GRAMMAR: &[(&str, &str)] = &[
    (
        "振兴 东北",
        "search: articles holding both terms (a space is AND)",
    ),
    ("\"made in\"", "search: a phrase with spaces in it"),
    ("-东北", "search: leave out the articles holding 东北"),
    (
        "国家 OR 中国",
        "search: either term (also |); OR binds tighter than a space",
    ),
    (
        "-(改革 开放)",
        "search: leave out the articles holding all of a (group)",
    ),
    (
        "A NEAR/10 B",
        "search: both, at most 10 characters apart, in one paragraph (NEAR/article: anywhere)",
    ),
    (
        "A ~10 B",
        "search: B at most 10 characters after A, in one paragraph",
    ),
    (
        "re:国.安",
        "search: a regular expression over the folded text; also /国.安/",
    ),
    (
        "py:guojia",
        "search: every word read so (py:gjaq initials, py:\"guo jia\"); Ctrl-T takes one",
    ),
    (
        "date:2020",
        "search: dated within 2020; or 2020-05, 2020-05-22",
    ),
    (
        "date:A..B",
        "search: dated from A to B (2020-05..2020-07), ..B up to, A.. from",
    ),
    (
        "author:李强",
        "search: the speaker holds 李强 (also speaker:)",
    ),
    (
        "category:眾聞",
        "search: the section holds 眾聞 (also section:)",
    ),
    ("tag:國安法", "search: some tag holds 國安法"),
    ("title:报告", "search: the title holds 报告"),
    (
        "file:*.md",
        "search: the file's name, or with a /, its path, matches the glob",
    ),
    (
        "-author:李强",
        "search: any condition negated; quote a value with spaces (author:\"Li Qiang\")",
    ),
];

/// Terms longer than this are cut: a pasted essay is not a useful query, and must not stall.
const MAX_TERM_BYTES: usize = 1024;
/// At most this many terms are searched for; the rest are ignored.
pub const MAX_TERMS: usize = 16;
/// At most this many terms and patterns in all, those inside `OR`, `-(…)` and proximity
/// counted: each hit carries its term's number in a byte, and a query longer than this is refused.
pub const MAX_HIT_TERMS: usize = 64;

/// A parsed, folded query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded terms, none empty, each to be found in a matching article.
    pub terms: Vec<String>,
    /// Each term folded but for scripts ([`crate::search::fold::fold_written`]): the form an
    /// exact-script search looks for.
    pub written: Vec<String>,
    /// Whether a hit must be written in the very form of its term, scripts told apart
    /// (`國家` finds `國家` alone); by default each form of a character finds every other.
    pub exact_script: bool,
    /// Folded terms none of which may occur in a matching article (`-term`).
    pub excluded: Vec<String>,
    /// Conditions on the article's date, speaker, section, tags, title and file, all of which
    /// must hold.
    pub conditions: Vec<Condition>,
    /// What else must hold, each item of the query that is not one of the above: `A OR B`,
    /// `-(A B)`, `A NEAR/10 B`, `re:…`, a condition inside them ([`crate::search::check`]).
    pub extra: Vec<tree::Expr>,
}

impl Query {
    /// Reads `input`, or says what in it cannot be read, and where.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// let query = Query::read("振兴 -东北 date:2020..2022 author:李强").expect("a query");
    /// assert_eq!(query.terms, ["振兴"]);
    /// assert_eq!(query.excluded, ["东北"]);
    /// assert_eq!(query.conditions.len(), 2);
    /// let error = Query::read("振兴 auhtor:李强").expect_err("no such field");
    /// assert_eq!(error.at, 3);
    /// ```
    ///
    /// # Errors
    /// A [`QueryError`] for an unknown field or a value its field cannot take.
    pub fn read(input: &str) -> Result<Self, QueryError> {
        read::read(input)
    }

    /// Reads `input` that is known to be a query of terms (tests, examples): what
    /// [`Query::read`] reads, or the empty query if it cannot be read.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// assert_eq!(Query::parse("振兴  ＧＤＰ").terms, ["振兴", "gdp"]);
    /// assert_eq!(Query::parse("\"made in china\" 制造").terms, ["made in china", "制造"]);
    /// assert!(Query::parse("   ").is_empty());
    /// ```
    pub fn parse(input: &str) -> Self {
        Self::read(input).unwrap_or_default()
    }

    /// The query with scripts told apart (`exact`) or folded together.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// let exact = Query::parse("國家").with_exact_script(true);
    /// assert_eq!((exact.terms[0].as_str(), exact.written[0].as_str()), ("国家", "國家"));
    /// assert!(!exact.narrows(&Query::parse("國")));
    /// ```
    #[must_use]
    pub fn with_exact_script(self, exact: bool) -> Self {
        Self {
            exact_script: exact,
            ..self
        }
    }

    /// Whether the query asks nothing at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.excluded.is_empty()
            && self.conditions.is_empty()
            && self.extra.is_empty()
    }

    /// Whether a matching article has hits to show: the query looks for some text, not only
    /// for conditions and what must not be there.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// assert!(Query::parse("国家 OR 中国").seeks_text());
    /// assert!(!Query::parse("date:2020 -香港").seeks_text());
    /// ```
    pub fn seeks_text(&self) -> bool {
        !self.terms.is_empty()
            || self
                .extra
                .iter()
                .any(|item| !item.sought_terms().is_empty() || item.has_pattern())
    }

    /// What each hit number looks for, as asked: the terms as written (folded but for
    /// scripts), then each term and pattern of the extra items in the order typed, a pattern
    /// as `/…/`. A hit's number picks its entry; the forms line names a term by it.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// let query = Query::parse("國家 (安全 OR /发./) 改革 NEAR/5 开放");
    /// assert_eq!(query.asked(), ["國家", "安全", "/发./", "改革", "开放"].map(String::from));
    /// ```
    pub fn asked(&self) -> Vec<String> {
        fn walk(expr: &tree::Expr, out: &mut Vec<String>) {
            match expr {
                tree::Expr::And(items) | tree::Expr::Or(items) => {
                    for item in items {
                        walk(item, out);
                    }
                }
                tree::Expr::Not(inner) => walk(inner, out),
                tree::Expr::Text(term) => out.push(fold_written(&term.written)),
                tree::Expr::Near { left, right, .. } => {
                    out.push(fold_written(&left.written));
                    out.push(fold_written(&right.written));
                }
                tree::Expr::Regex(pattern) => out.push(match &pattern.reading {
                    Some(reading) => format!("py:{}", reading.replace(' ', "")),
                    None => format!("/{}/", pattern.source),
                }),
                tree::Expr::Condition(_) => {}
            }
        }
        let mut asked = self.written.clone();
        for item in &self.extra {
            walk(item, &mut asked);
        }
        asked
    }

    /// Whether every article matching `self` also matches `previous`, so a search for `self` can
    /// look only at `previous`'s results (typing one more character, adding a term or a
    /// condition).
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// assert!(Query::parse("振兴东北").narrows(&Query::parse("振兴")));
    /// assert!(Query::parse("振兴 东北").narrows(&Query::parse("振兴")));
    /// assert!(!Query::parse("振").narrows(&Query::parse("振兴")));
    /// assert!(Query::parse("date:2020 振兴").narrows(&Query::parse("date:2020")));
    /// assert!(!Query::parse("振兴").narrows(&Query::parse("date:2020 振兴")));
    /// ```
    pub fn narrows(&self, previous: &Query) -> bool {
        !previous.is_empty()
            && self.exact_script == previous.exact_script
            && self.extra.is_empty()
            && previous.extra.is_empty()
            && previous
                .terms
                .iter()
                .all(|old| self.terms.iter().any(|new| new.contains(old.as_str())))
            && previous
                .excluded
                .iter()
                .all(|old| self.excluded.contains(old))
            && previous
                .conditions
                .iter()
                .all(|old| self.conditions.contains(old))
    }

    /// Whether an article described by `described` meets every condition (the terms aside).
    pub fn admits(&self, described: &Described<'_>) -> bool {
        self.conditions.iter().all(|c| c.admits(described))
    }
}
