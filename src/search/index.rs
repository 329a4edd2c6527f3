//! The searchable form of a corpus: every field a reader sees, folded, in one string.
//!
//! Titles, speakers, roles, sections, credits and paragraphs are folded ([`super::fold`]) and
//! laid end to end, each followed by `\n` (which no query contains, so no match crosses two
//! fields). A table of segments says where each field starts; a hit's offset finds its field by
//! bisection, and the field's fold map finds the original bytes. Articles are contiguous, so a
//! scan can be limited to the articles an earlier query matched.

use std::ops::Range;

use rayon::prelude::*;

use super::fold::{FoldMap, fold};
use crate::corpus::{Article, Corpus};

/// Which of an article's texts a segment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Speaker,
    Role,
    Section,
    Credit,
    Paragraph(u32),
}

/// One field of one article in the folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where the field starts in [`Index::text`].
    pub start: usize,
    pub article: u32,
    pub field: Field,
    /// Back to original offsets; `None` when folding kept every byte in place.
    map: Option<Box<FoldMap>>,
}

impl Segment {
    /// The original byte offset, within the field's text, of folded offset `folded` (relative to
    /// the segment's start).
    pub fn original(&self, folded: usize) -> usize {
        self.map.as_ref().map_or(folded, |m| m.original(folded))
    }
}

/// A corpus, ready to scan.
#[derive(Debug, Default)]
pub struct Index {
    /// Every field, folded, each followed by `\n`.
    pub text: String,
    pub segments: Vec<Segment>,
    /// For each article, its segments' indices.
    pub article_segments: Vec<Range<u32>>,
}

impl Index {
    /// Folds every article (in parallel) and lays them end to end.
    pub fn build(corpus: &Corpus) -> Self {
        let folded: Vec<Vec<(Field, String, FoldMap)>> =
            corpus.articles.par_iter().map(fold_article).collect();
        let total: usize = folded
            .iter()
            .flatten()
            .map(|(_, text, _)| text.len() + 1)
            .sum();
        let mut index = Index {
            text: String::with_capacity(total),
            ..Index::default()
        };
        for (article, fields) in folded.into_iter().enumerate() {
            let article = u32::try_from(article).unwrap_or(u32::MAX);
            let first = index.segments.len();
            for (field, text, map) in fields {
                let map = (!map.is_identity()).then(|| Box::new(map));
                index.segments.push(Segment {
                    start: index.text.len(),
                    article,
                    field,
                    map,
                });
                index.text.push_str(&text);
                index.text.push('\n');
            }
            index
                .article_segments
                .push(to_u32(first)..to_u32(index.segments.len()));
        }
        index
    }

    /// The folded bytes article `article` spans.
    pub fn article_span(&self, article: u32) -> Range<usize> {
        let Some(segments) = self.article_segments.get(article as usize) else {
            return 0..0;
        };
        let start = self
            .segments
            .get(segments.start as usize)
            .map_or(self.text.len(), |s| s.start);
        let end = self
            .segments
            .get(segments.end as usize)
            .map_or(self.text.len(), |s| s.start);
        start..end
    }

    /// The segment holding folded offset `offset`.
    pub fn segment_at(&self, offset: usize) -> usize {
        self.segments
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1)
    }

    /// Heap bytes the index holds, to check it against the corpus size.
    pub fn heap_bytes(&self) -> usize {
        let maps: usize = self
            .segments
            .iter()
            .filter_map(|s| s.map.as_ref())
            .map(|m| m.heap_bytes() + 8)
            .sum();
        self.text.capacity()
            + self.segments.capacity() * std::mem::size_of::<Segment>()
            + self.article_segments.capacity() * std::mem::size_of::<Range<u32>>()
            + maps
    }
}

/// The texts of an article a reader sees, folded, in reading order.
fn fold_article(article: &Article) -> Vec<(Field, String, FoldMap)> {
    let mut fields = Vec::with_capacity(article.paragraphs.len() + 5);
    let mut add = |field: Field, text: &str| {
        if !text.is_empty() {
            let folded = fold(text);
            fields.push((field, folded.text, folded.map));
        }
    };
    add(Field::Title, &article.title);
    add(
        Field::Speaker,
        article.speaker.as_deref().unwrap_or_default(),
    );
    add(Field::Role, article.role.as_deref().unwrap_or_default());
    add(
        Field::Section,
        article.section.as_deref().unwrap_or_default(),
    );
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        add(Field::Paragraph(to_u32(index)), &paragraph.text);
    }
    add(Field::Credit, article.credit.as_deref().unwrap_or_default());
    fields
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The original text of `field` in `article`.
pub fn field_text(article: &Article, field: Field) -> &str {
    match field {
        Field::Title => &article.title,
        Field::Speaker => article.speaker.as_deref().unwrap_or_default(),
        Field::Role => article.role.as_deref().unwrap_or_default(),
        Field::Section => article.section.as_deref().unwrap_or_default(),
        Field::Credit => article.credit.as_deref().unwrap_or_default(),
        Field::Paragraph(index) => article
            .paragraphs
            .get(index as usize)
            .map_or("", |p| p.text.as_str()),
    }
}
