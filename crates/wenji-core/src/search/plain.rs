//! Every hit of the terms in one article, found as plainly as a search can be written: each
//! field folded ([`super::fold`]) and each term found with `str::match_indices`.
//!
//! It keeps no index, so it costs nothing to set up: the test engine ([`super::fake`]) runs it
//! over a whole corpus, and `wenji search` over each file as it is parsed, where building the
//! scan's packed index per file would cost more than the search. The scan must answer as this
//! does (`tests/engines_agree.rs`), so a hit means the same thing whichever found it.

use super::answer::Location;
use super::field::fields;
use super::fold::fold;
use crate::corpus::Article;

/// The hits of `terms` in `article` (numbered `id` in the locations), field by field in the
/// order a reader meets them and by position within a field; none unless every term occurs.
///
/// ```
/// use wenji_core::corpus;
/// use wenji_core::search::{Field, Query, plain};
/// let corpus = corpus::sample();
/// let hits = plain::hits(&corpus.articles[1], 1, &Query::parse("许勤").terms);
/// assert_eq!((hits[0].article, hits[0].field, hits[0].range.clone()), (1, Field::Speaker, 0..6));
/// assert!(plain::hits(&corpus.articles[1], 1, &Query::parse("许勤 没有这个词").terms).is_empty());
/// ```
pub fn hits(article: &Article, id: u32, terms: &[String]) -> Vec<Location> {
    let mut hits = Vec::new();
    let mut found = vec![false; terms.len()];
    for (field, text) in fields(article) {
        let folded = fold(text);
        let mut in_field: Vec<Location> = Vec::new();
        for (term, needle) in terms.iter().enumerate() {
            for (start, _) in folded.text.match_indices(needle.as_str()) {
                found[term] = true;
                in_field.push(Location {
                    article: id,
                    field,
                    range: folded.map.original(start)..folded.map.original(start + needle.len()),
                    term: u8::try_from(term).unwrap_or(u8::MAX),
                });
            }
        }
        in_field.sort_by_key(|l| (l.range.start, l.term));
        hits.extend(in_field);
    }
    if found.iter().all(|&f| f) {
        hits
    } else {
        Vec::new()
    }
}
