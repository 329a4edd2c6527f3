//! Search: what the user typed, found in the corpus by an engine behind one seam.
//!
//! ```text
//! typed ─▶ query::Query::read (terms, excluded terms, conditions and the rest of the query
//!          tree — OR, NOT, proximity, patterns — asked of each article by check; all folded
//!          like the corpus: fold)
//!       ─▶ engine::Request (generation, query, scope) ─▶ worker ─▶ an Engine
//!       ─▶ answer::Batch… (articles with their hit counts; hits as answer::Location:
//!          article, field, original bytes, term) ─▶ answer::Matches ─▶ context (the words
//!          around a hit, its source line)
//! ```
//! [`engine`] is the seam and says how other engines would sit behind it; [`scan`] is the
//! in-memory engine wenji runs, and the only code that knows its packed index; [`fake`] is a
//! deterministic engine for tests, built on [`plain`], the per-article search that needs no
//! index (and serves `wenji search` file by file, behind [`prefilter`], which turns away from
//! their raw bytes the files that cannot match). Nothing here imports ratatui.

pub mod answer;
pub mod check;
pub mod context;
pub mod engine;
pub mod facts;
pub mod fake;
pub mod field;
pub mod fold;
pub mod forms;
pub mod plain;
pub mod prefilter;
pub mod query;
pub mod scan;
pub mod sieve;
pub mod signature;
pub mod worker;

pub use answer::{Batch, Location, Matches};
pub use engine::{Engine, Request, Scope};
pub use field::Field;
pub use query::Query;
pub use scan::Scan;

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
                        text: text.into(),
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
