//! Search: what the user typed, folded, found in a folded copy of the corpus.
//!
//! ```text
//! corpus ─▶ index::Index::build (fold and pack every field, end to end)
//! typed  ─▶ query::Query::parse (terms, folded) ─▶ engine::search (terms packed likewise;
//!           memmem, units in parallel, waves in corpus order) ─▶ results::Results (articles,
//!           eight-byte hits) ─▶ hit::locate (field and original bytes, when a hit is shown)
//! ```
//! The worker runs queries off the UI thread, each tagged with a generation so a stale result
//! never replaces a newer one. Nothing here imports ratatui.

pub mod engine;
pub mod fold;
pub mod hit;
pub mod index;
pub mod narrow;
pub mod packing;
pub mod query;
pub mod results;
pub mod worker;

/// Corpora made up in tests: articles of nothing but the given paragraphs.
#[cfg(test)]
pub(crate) mod testing {
    use crate::corpus::{self, Article, Corpus, Meta, Paragraph, ParagraphKind};

    /// One untitled article per entry, each with the given paragraphs.
    pub fn corpus_of(paragraphs: Vec<Vec<String>>) -> Corpus {
        let mut corpus = corpus::sample();
        let template = corpus.articles[0].clone();
        corpus.articles = paragraphs
            .into_iter()
            .map(|texts| Article {
                title: String::new(),
                meta: Meta::default(),
                paragraphs: texts
                    .into_iter()
                    .map(|text| Paragraph {
                        text,
                        lines: 1..2,
                        kind: ParagraphKind::Body,
                    })
                    .collect(),
                ..template.clone()
            })
            .collect();
        corpus
    }
}
