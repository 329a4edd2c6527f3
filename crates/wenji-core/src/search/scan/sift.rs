//! A query's conditions and excluded terms, as the scan answers them: the conditions from the
//! facts it keeps of each article ([`crate::search::facts`]), which say which articles the terms
//! are looked for in, and the excluded terms with memmem over each matching article's packed
//! text, which leave out the articles that hold one.

use memchr::memmem::Finder;

use super::find::{ArticleHits, Results};
use super::index::Index;
use crate::search::facts::Facts;
use crate::search::query::Query;

/// What the scan asks of every article besides its terms, for one query.
pub(super) struct Sift {
    /// The articles the conditions admit, ascending; `None` without conditions (all are).
    pub admitted: Option<Vec<u32>>,
    /// A finder for each excluded term, packed.
    excluded: Vec<Finder<'static>>,
}

impl Sift {
    pub fn new(index: &Index, facts: &Facts, query: &Query) -> Self {
        let admitted =
            (!query.conditions.is_empty()).then(|| facts.admitted(query, index.articles()));
        let excluded = query
            .excluded
            .iter()
            .map(|term| Finder::new(index.packing.pack(term).as_bytes()).into_owned())
            .collect();
        Self { admitted, excluded }
    }

    /// Whether `article` is admitted by the conditions.
    fn admits(&self, article: u32) -> bool {
        self.admitted
            .as_ref()
            .is_none_or(|admitted| admitted.binary_search(&article).is_ok())
    }

    /// Whether `article` holds an excluded term.
    fn excludes(&self, index: &Index, article: u32) -> bool {
        if self.excluded.is_empty() {
            return false;
        }
        let span = index.article_span(article);
        let text = index.text.as_bytes().get(span).unwrap_or_default();
        self.excluded
            .iter()
            .any(|finder| finder.find(text).is_some())
    }

    /// `results` without the articles the conditions leave out or that hold an excluded term.
    pub fn results(&self, index: &Index, results: Results) -> Results {
        if self.admitted.is_none() && self.excluded.is_empty() {
            return results;
        }
        results.retain(|article| self.admits(article) && !self.excludes(index, article))
    }

    /// What a query of no terms matches: every admitted article without an excluded term, each
    /// with no hits.
    pub fn listed(&self, index: &Index) -> Results {
        let count = u32::try_from(index.articles()).unwrap_or(u32::MAX);
        let candidates: Box<dyn Iterator<Item = u32>> = match &self.admitted {
            Some(admitted) => Box::new(admitted.iter().copied()),
            None => Box::new(0..count),
        };
        let articles = candidates
            .filter(|&article| !self.excludes(index, article))
            .map(|article| ArticleHits {
                article,
                hits: 0..0,
            })
            .collect();
        Results::new(articles, Vec::new())
    }
}
