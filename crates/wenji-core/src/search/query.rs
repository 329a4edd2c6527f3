//! Reading what the user typed as a query: terms that must all occur in an article.
//!
//! Chinese has no spaces between words, so a term is a substring, not a word. Spaces separate
//! terms; `"…"` quotes a phrase that contains spaces. Control characters are dropped and every
//! term is folded like the corpus ([`super::fold`]).

use super::fold::fold_query;

/// Terms longer than this are cut: a pasted essay is not a useful query, and must not stall.
const MAX_TERM_BYTES: usize = 1024;
/// At most this many terms are searched for; the rest are ignored.
pub const MAX_TERMS: usize = 16;

/// A parsed, folded query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded terms, none empty, each to be found in a matching article.
    pub terms: Vec<String>,
}

impl Query {
    /// Parses `input`.
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// assert_eq!(Query::parse("振兴  ＧＤＰ").terms, ["振兴", "gdp"]);
    /// assert_eq!(Query::parse("\"made in china\" 制造").terms, ["made in china", "制造"]);
    /// assert!(Query::parse("   ").is_empty());
    /// ```
    pub fn parse(input: &str) -> Self {
        let clean: String = input.chars().filter(|c| !c.is_control()).collect();
        let mut terms = Vec::new();
        for (index, part) in clean.split('"').enumerate() {
            if index % 2 == 1 {
                push_term(&mut terms, part);
            } else {
                for word in part.split(|c: char| c.is_whitespace()) {
                    push_term(&mut terms, word);
                }
            }
        }
        terms.truncate(MAX_TERMS);
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every article matching `self` also matches `previous`, so a search for `self` can
    /// look only at `previous`'s results (typing one more character, adding a term).
    ///
    /// ```
    /// use wenji_core::search::query::Query;
    /// assert!(Query::parse("振兴东北").narrows(&Query::parse("振兴")));
    /// assert!(Query::parse("振兴 东北").narrows(&Query::parse("振兴")));
    /// assert!(!Query::parse("振").narrows(&Query::parse("振兴")));
    /// ```
    pub fn narrows(&self, previous: &Query) -> bool {
        !previous.is_empty()
            && previous
                .terms
                .iter()
                .all(|old| self.terms.iter().any(|new| new.contains(old.as_str())))
    }
}

fn push_term(terms: &mut Vec<String>, raw: &str) {
    let folded = fold_query(raw);
    if folded.trim().is_empty() {
        return;
    }
    let mut end = folded.len().min(MAX_TERM_BYTES);
    while !folded.is_char_boundary(end) {
        end -= 1;
    }
    let term = folded[..end].to_owned();
    if !terms.contains(&term) {
        terms.push(term);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_a_query_are_dropped() {
        assert_eq!(Query::parse("振\x1b兴\x07").terms, ["振兴"]);
    }

    #[test]
    fn a_huge_pasted_query_is_cut_not_choked_on() {
        let query = Query::parse(&"振兴".repeat(5_000));
        assert_eq!(query.terms.len(), 1);
        assert!(query.terms[0].len() <= MAX_TERM_BYTES);
    }

    #[test]
    fn punctuation_alone_is_a_term() {
        assert_eq!(Query::parse("，").terms, [","]);
    }

    #[test]
    fn an_unclosed_quote_quotes_to_the_end() {
        assert_eq!(Query::parse("\"新 时代").terms, ["新 时代"]);
    }
}
