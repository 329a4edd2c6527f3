//! The searchable form of a corpus: every field a reader sees, folded and packed, in one string.
//!
//! Titles, speakers, roles, sections, tags, credits and paragraphs are folded ([`crate::search::fold`]),
//! packed ([`super::packing`]: the corpus's commonest characters renumbered to take two bytes)
//! and laid end to end, each followed by `\n` (which no query contains, so no match crosses two
//! fields). A table says where each field starts; a hit's offset finds its field by bisection,
//! the field's marks find the folded offset and its fold map the original bytes. Articles are
//! contiguous, so a scan can be limited to the articles an earlier query matched.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::packing::{Marks, Packing};
use super::text::Text;
use super::variants::Variants;
use crate::corpus::kept::fingerprint;
use crate::corpus::{Article, Corpus};
use crate::persist::cache::map::Mapped;
use crate::search::field::{Field, fields};
use crate::search::fold::{FoldMap, PackedField, fold_packed, fold_query};

/// Bytes of text, spread over the corpus, whose characters decide the packing.
const SAMPLE_BYTES: usize = 8 << 20;

/// One field of one article in the packed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub article: u32,
    pub field: Field,
    /// Back to original offsets; `None` when the field is short and folding kept every byte in
    /// place.
    pub(super) back: Option<Box<Back>>,
}

/// The way from packed offsets in a field to the original text's.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Back {
    pub(super) marks: Marks,
    pub(super) map: FoldMap,
}

/// Articles folded and packed, not yet in an index: each article's fields, and its
/// [`fingerprint`].
#[derive(Debug, Default)]
pub struct Folded {
    pub(super) articles: Vec<Vec<(Field, PackedField)>>,
    pub(super) fingerprints: Vec<u64>,
}

/// A corpus, ready to scan.
#[derive(Debug, Default)]
pub struct Index {
    /// Every field, folded and packed, each followed by `\n`.
    pub text: Text,
    pub segments: Vec<Segment>,
    /// Where each segment starts in [`Index::text`].
    pub(super) starts: Vec<usize>,
    /// Where each article starts in [`Index::text`], and after the last, the text's end.
    pub(super) article_starts: Vec<usize>,
    /// Each article's [`fingerprint`]: a stored index is used for an article only when the
    /// article it was made from had the same.
    pub(super) fingerprints: Vec<u64>,
    /// The renumbering the text is packed with; queries go through it too.
    pub packing: Packing,
    /// Where the text's characters were written in another script's form.
    pub variants: Variants,
}

impl Index {
    /// Folds and packs every article (in parallel) and lays them end to end.
    pub fn build(corpus: &Corpus) -> Self {
        let mut index = Self::new(Packing::from_sample(
            sample(&corpus.articles).iter().map(String::as_str),
        ));
        index.grow(&corpus.articles);
        index.variants.shrink_to_fit();
        index
    }

    /// An index of nothing yet, packed with `packing` as it grows.
    pub fn new(packing: Packing) -> Self {
        Index {
            packing,
            ..Index::default()
        }
    }

    /// The packing for a corpus that will grow from `first`, the articles known so far: chosen
    /// from them and from the embedded sample speeches, so a first part of a few articles still
    /// gives the commonest characters of Chinese prose their short forms.
    pub fn packing_for(first: &[Article]) -> Packing {
        let mut texts = sample(first);
        texts.push(fold_query(crate::corpus::load::SAMPLE));
        Packing::from_sample(texts.iter().map(String::as_str))
    }

    /// Folds and packs `articles` (in parallel) and lays them after the articles already held,
    /// numbered on from them. Offsets of hits found before stay valid.
    pub fn grow(&mut self, articles: &[Article]) {
        let folded = self.fold(articles);
        self.append(folded);
    }

    /// `articles` folded and packed as this index packs, ready to [`append`](Self::append).
    pub fn fold(&self, articles: &[Article]) -> Folded {
        let (articles, fingerprints) = articles
            .par_iter()
            .map(|article| (fold_article(article, &self.packing), fingerprint(article)))
            .unzip();
        Folded {
            articles,
            fingerprints,
        }
    }

    /// Lays articles folded by [`fold`](Self::fold) after those already held.
    pub fn append(&mut self, folded: Folded) {
        let Folded {
            articles: folded,
            mut fingerprints,
        } = folded;
        self.fingerprints.append(&mut fingerprints);
        let total: usize = folded
            .iter()
            .flatten()
            .map(|(_, field)| field.text.len() + 1)
            .sum();
        self.text.reserve(total);
        self.article_starts.pop();
        self.article_starts.reserve(folded.len() + 1);
        let first = self.article_starts.len();
        for (article, fields) in folded.into_iter().enumerate() {
            let article = u32::try_from(first + article).unwrap_or(u32::MAX);
            self.article_starts.push(self.text.len());
            for (field, packed) in fields {
                let PackedField {
                    text,
                    map,
                    marks,
                    variants,
                } = packed;
                let back = (!map.is_identity() || !marks.is_empty())
                    .then(|| Box::new(Back { marks, map }));
                for (at, number) in variants {
                    self.variants.note(self.text.len() + at as usize, number);
                }
                self.starts.push(self.text.len());
                self.segments.push(Segment {
                    article,
                    field,
                    back,
                });
                self.text.push_str(&text);
                self.text.push('\n');
            }
        }
        self.article_starts.push(self.text.len());
    }

    /// Makes room for packed text of `bytes` in all, when that can be had; none is made when it
    /// cannot (the text then grows as it comes).
    pub fn reserve_text(&mut self, bytes: u64) {
        let more = usize::try_from(bytes).map_or(0, |bytes| bytes.saturating_sub(self.text.len()));
        self.text.try_reserve_exact(more);
    }

    /// Makes room for `text` more bytes of packed text, `segments` more fields and `articles`
    /// more articles.
    pub fn reserve(&mut self, (text, segments, articles): (usize, usize, usize)) {
        self.text.reserve(text);
        self.variants.reserve(text);
        self.segments.reserve(segments);
        self.starts.reserve(segments);
        self.article_starts.reserve(articles + 1);
        self.fingerprints.reserve(articles);
    }

    /// Lays one stored article after those held: its packed `text` (every field followed by
    /// `\n`), its fields with where each starts in `text` and its way back, its variants (the
    /// offsets in `text` of characters written in another form, ascending, each with its
    /// form's number), and its fingerprint. The stored index has checked that the fields cut `text` at line feeds.
    /// When `mapped` says where `text` is in the stored index's file, the index's text may be
    /// left there ([`Text::push_mapped`]) instead of copied.
    pub(super) fn push_stored(
        &mut self,
        text: &str,
        mapped: Option<(&Arc<Mapped>, usize)>,
        fields: impl Iterator<Item = (Field, usize, Option<Box<Back>>)>,
        variants: &[(u32, u8)],
        fingerprint: u64,
    ) {
        let article = to_u32(self.articles());
        let base = self.text.len();
        self.article_starts.pop();
        self.article_starts.push(base);
        self.variants.lay(base, variants);
        for (field, start, back) in fields {
            self.starts.push(base + start);
            self.segments.push(Segment {
                article,
                field,
                back,
            });
        }
        let laid = mapped.is_some_and(|(map, at)| self.text.push_mapped(map, at..at + text.len()));
        if !laid {
            self.text.push_str(text);
        }
        self.article_starts.push(self.text.len());
        self.fingerprints.push(fingerprint);
    }

    /// How many articles the index holds.
    pub fn articles(&self) -> usize {
        self.article_starts.len().saturating_sub(1)
    }

    /// The packed bytes article `article` spans.
    pub fn article_span(&self, article: u32) -> Range<usize> {
        let at = article as usize;
        match (self.article_starts.get(at), self.article_starts.get(at + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => self.text.len()..self.text.len(),
        }
    }

    /// The article holding packed offset `offset`, at or after article `from`: scans go left to
    /// right, so the next few articles are tried before a bisection.
    pub fn article_after(&self, from: u32, offset: usize) -> u32 {
        const NEAR: usize = 8;
        let from = from as usize;
        let later = self.article_starts.get(from + 1..).unwrap_or_default();
        let near = later
            .iter()
            .take(NEAR)
            .take_while(|&&s| s <= offset)
            .count();
        let ahead = if near < NEAR {
            near
        } else {
            later.partition_point(|&s| s <= offset)
        };
        to_u32(from + ahead)
    }

    /// The segment holding packed offset `offset`.
    pub fn segment_at(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Where segment `segment` starts in the packed text.
    pub fn segment_start(&self, segment: usize) -> usize {
        self.starts.get(segment).copied().unwrap_or(self.text.len())
    }

    /// The folded and the original byte offset, in its field's text, of packed offset `offset`
    /// (relative to the start of segment `segment`). `resume` is a `(packed, folded)` pair of
    /// this field from an earlier call: the walk goes on from there when that is nearer than the
    /// field's last mark, so hits taken in order walk each field once.
    pub fn original(
        &self,
        segment: usize,
        offset: usize,
        resume: Option<(usize, usize)>,
    ) -> (usize, usize) {
        let start = self.segment_start(segment);
        let end = self.segment_start(segment + 1);
        let packed = self.text.get(start..end).unwrap_or_default();
        let back = self.segments.get(segment).and_then(|s| s.back.as_deref());
        let mark = back.map_or(&Marks::NONE, |b| &b.marks).before(offset);
        let (from, folded) = resume
            .filter(|&(p, _)| mark.0 <= p && p <= offset)
            .unwrap_or(mark);
        let folded = folded
            + self
                .packing
                .unpacked_len(packed.get(from..offset).unwrap_or_default());
        (folded, back.map_or(folded, |b| b.map.original(folded)))
    }

    /// Heap bytes the index holds, to check it against the corpus size.
    pub fn heap_bytes(&self) -> usize {
        let backs: usize = self
            .segments
            .iter()
            .filter_map(|s| s.back.as_ref())
            .map(|b| b.map.heap_bytes() + b.marks.heap_bytes() + std::mem::size_of::<Back>())
            .sum();
        let tables = 2 * 0x1_0000 * std::mem::size_of::<u16>();
        self.text.capacity()
            + self.segments.capacity() * std::mem::size_of::<Segment>()
            + (self.starts.capacity() + self.article_starts.capacity())
                * std::mem::size_of::<usize>()
            + self.fingerprints.capacity() * std::mem::size_of::<u64>()
            + backs
            + self.variants.heap_bytes()
            + tables
    }
}

/// Folded text from articles spread evenly over `articles`, about [`SAMPLE_BYTES`] of it.
fn sample(articles: &[Article]) -> Vec<String> {
    let size = |article: &Article| -> usize {
        article.title.len()
            + article
                .paragraphs
                .iter()
                .map(|p| p.text.len())
                .sum::<usize>()
    };
    let total: usize = articles.iter().map(size).sum();
    let every = total.div_ceil(SAMPLE_BYTES).max(1);
    articles
        .iter()
        .step_by(every)
        .flat_map(|article| {
            std::iter::once(article.title.as_str())
                .chain(article.paragraphs.iter().map(|p| p.text.as_str()))
        })
        .map(fold_query)
        .collect()
}

/// A field as a kind and a number (the paragraph's or the tag's), for the stored index.
pub(super) fn field_code(field: Field) -> (u8, u32) {
    match field {
        Field::Title => (0, 0),
        Field::Speaker => (1, 0),
        Field::Role => (2, 0),
        Field::Section => (3, 0),
        Field::Credit => (4, 0),
        Field::Paragraph(n) => (5, n),
        Field::Tag(n) => (6, n),
    }
}

/// The texts of an article a reader sees, folded and packed, in reading order.
fn fold_article(article: &Article, packing: &Packing) -> Vec<(Field, PackedField)> {
    fields(article)
        .map(|(field, text)| (field, fold_packed(text, packing)))
        .collect()
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
