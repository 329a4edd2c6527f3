//! What a query asks of an article besides its terms: every condition met, no excluded term
//! held. The per-article engines (the test engine, `wenji search` file by file) ask it of each
//! article; the scan answers the same from what it keeps of each ([`super::facts`]).

use super::plain::Plain;
use super::query::{MetaText, Query};
use crate::corpus::Article;

/// A query's conditions and excluded terms, asked of one article at a time.
#[derive(Debug, Clone)]
pub struct Sieve<'q> {
    query: &'q Query,
    /// One search per excluded term: an article with a hit of any is left out.
    excluded: Vec<Plain<'q>>,
}

impl<'q> Sieve<'q> {
    pub fn new(query: &'q Query) -> Self {
        Self {
            query,
            excluded: query.excluded.chunks(1).map(Plain::new).collect(),
        }
    }

    /// Whether the sieve lets every article through.
    pub fn is_open(&self) -> bool {
        self.query.conditions.is_empty() && self.excluded.is_empty()
    }

    /// Whether `article`, from the file shown as `file`, meets every condition and holds none
    /// of the excluded terms.
    pub fn admits(&self, article: &Article, file: &str) -> bool {
        let meets = self.query.conditions.is_empty()
            || self.query.admits(&MetaText::of(article, file).described());
        meets
            && self
                .excluded
                .iter()
                .all(|plain| plain.hits(article, 0).is_empty())
    }
}
