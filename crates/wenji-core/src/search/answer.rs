//! What an engine answers: matching articles with their hit counts, and every hit as a resolved
//! location in the original text, in batches that arrive in corpus order.
//!
//! A batch lists its articles with the hits each holds (the per-article counts a list shows), and
//! hands its hits through [`Hits`], which turns hit numbers into [`Location`]s. The in-memory scan
//! keeps a hit in eight bytes and resolves it when it is asked (a common word has millions of
//! hits, and only a screenful is ever shown at once); an engine whose hits arrive resolved (a
//! test double, a remote service) keeps the locations themselves. Either way the front end sees
//! locations only: article, field, original byte range, and which query term matched.
//!
//! [`Matches`] joins the batches of one answer, numbering hits across all of them.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::field::Field;
use super::forms::Forms;

/// One hit in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The article's number in the corpus.
    pub article: u32,
    pub field: Field,
    /// Bytes of the field's original text that matched.
    pub range: Range<usize>,
    /// Which query term matched (its position among the query's terms).
    pub term: u8,
}

/// A matching article and which hits (numbered within their batch, or across a [`Matches`]) are
/// in it; `hits.len()` is its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHits {
    pub article: u32,
    pub hits: Range<usize>,
}

/// The hits of one batch, resolved on request.
pub trait Hits: Send + Sync + fmt::Debug {
    /// How many hits the batch holds.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where hits `range` (numbered from 0 within the batch) are, in order. Hits asked for in
    /// reading order resolve fastest.
    fn locate(&self, range: Range<usize>) -> Vec<Location>;

    /// Counts into `forms` the forms hits `numbers` (ascending, within the batch) were written
    /// in ([`Forms`]). Hits that cannot tell add nothing.
    fn count_forms(&self, numbers: &mut dyn Iterator<Item = usize>, forms: &mut Forms) {
        let _ = (numbers, forms);
    }
}

/// Hits that arrived resolved, each with the form it was written in.
#[derive(Debug)]
struct Written {
    locations: Vec<Location>,
    forms: Vec<String>,
}

impl Hits for Written {
    fn len(&self) -> usize {
        self.locations.len()
    }

    fn locate(&self, range: Range<usize>) -> Vec<Location> {
        self.locations.locate(range)
    }

    fn count_forms(&self, numbers: &mut dyn Iterator<Item = usize>, forms: &mut Forms) {
        for number in numbers {
            if let (Some(location), Some(form)) =
                (self.locations.get(number), self.forms.get(number))
            {
                forms.add(location.term, form, 1);
            }
        }
    }
}

/// Hits that arrived resolved.
impl Hits for Vec<Location> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn locate(&self, range: Range<usize>) -> Vec<Location> {
        self.get(range)
            .map(<[Location]>::to_vec)
            .unwrap_or_default()
    }
}

/// Part of an answer: the next matching articles in corpus order, and their hits. An article's
/// hits are all in one batch.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Articles in corpus order; their hit ranges number `hits` from 0 and follow each other.
    pub articles: Vec<ArticleHits>,
    pub hits: Arc<dyn Hits>,
}

impl Batch {
    /// A batch of hits that are already resolved, in article order.
    pub fn resolved(locations: Vec<Location>) -> Self {
        let mut articles: Vec<ArticleHits> = Vec::new();
        for (number, location) in locations.iter().enumerate() {
            match articles.last_mut() {
                Some(entry) if entry.article == location.article => entry.hits.end = number + 1,
                _ => articles.push(ArticleHits {
                    article: location.article,
                    hits: number..number + 1,
                }),
            }
        }
        Self {
            articles,
            hits: Arc::new(locations),
        }
    }

    /// A batch of articles each with its hits, resolved already; an article may have none (a
    /// query of conditions alone matches articles, not text).
    pub fn by_article(articles: Vec<(u32, Vec<Location>)>) -> Self {
        let (entries, locations) = Self::entries(articles);
        Self {
            articles: entries,
            hits: Arc::new(locations),
        }
    }

    /// [`Batch::by_article`] with the form each hit was written in, hit by hit.
    pub fn by_article_written(articles: Vec<(u32, Vec<Location>)>, forms: Vec<String>) -> Self {
        let (entries, locations) = Self::entries(articles);
        Self {
            articles: entries,
            hits: Arc::new(Written { locations, forms }),
        }
    }

    /// The articles numbering the hits they hold, and those hits end to end.
    fn entries(articles: Vec<(u32, Vec<Location>)>) -> (Vec<ArticleHits>, Vec<Location>) {
        let mut entries = Vec::with_capacity(articles.len());
        let mut locations = Vec::new();
        for (article, hits) in articles {
            let start = locations.len();
            locations.extend(hits);
            entries.push(ArticleHits {
                article,
                hits: start..locations.len(),
            });
        }
        (entries, locations)
    }

    pub fn hit_count(&self) -> usize {
        self.hits.len()
    }
}

/// A whole answer so far: its batches joined, hits numbered across them in corpus order.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Matching articles in corpus order, with their hits numbered across the answer.
    pub articles: Vec<ArticleHits>,
    batches: Vec<Arc<dyn Hits>>,
    /// The number of each batch's first hit.
    batch_starts: Vec<usize>,
    hit_count: usize,
}

impl Matches {
    /// Adds `batch`, which comes later in corpus order than everything before it.
    pub fn append(&mut self, batch: Batch) {
        let base = self.hit_count;
        self.articles
            .extend(batch.articles.into_iter().map(|a| ArticleHits {
                article: a.article,
                hits: a.hits.start + base..a.hits.end + base,
            }));
        let count = batch.hits.len();
        if count > 0 {
            self.batch_starts.push(base);
            self.batches.push(batch.hits);
            self.hit_count += count;
        }
    }

    /// How many hits there are.
    pub fn hit_count(&self) -> usize {
        self.hit_count
    }

    /// The forms every hit was written in.
    pub fn forms(&self) -> Forms {
        self.forms_of(&mut (0..self.hit_count))
    }

    /// The forms hits `numbers` (ascending) were written in.
    pub fn forms_of(&self, numbers: &mut dyn Iterator<Item = usize>) -> Forms {
        let mut forms = Forms::default();
        let mut numbers = numbers.peekable();
        for (batch, &start) in self.batches.iter().zip(&self.batch_starts) {
            let end = start + batch.len();
            let mut within = std::iter::from_fn(|| {
                numbers
                    .next_if(|&n| n < end)
                    .map(|n| n.saturating_sub(start))
            });
            batch.count_forms(&mut within, &mut forms);
            // Numbers the batch left unread are passed over.
            while numbers.next_if(|&n| n < end).is_some() {}
        }
        forms
    }

    /// The matching articles' numbers.
    pub fn article_ids(&self) -> Vec<u32> {
        self.articles.iter().map(|a| a.article).collect()
    }

    /// The position in [`Matches::articles`] of the article holding hit `hit`.
    pub fn entry_of_hit(&self, hit: usize) -> Option<usize> {
        let entry = self.articles.partition_point(|a| a.hits.end <= hit);
        (entry < self.articles.len()).then_some(entry)
    }

    /// The position in [`Matches::articles`] of article `article`, if it matched.
    pub fn entry_of_article(&self, article: usize) -> Option<usize> {
        self.articles
            .binary_search_by_key(&article, |a| a.article as usize)
            .ok()
    }

    /// Where hit `number` is.
    pub fn location(&self, number: usize) -> Option<Location> {
        self.locations(number..number + 1).pop()
    }

    /// Where hits `range` are, in order (as many as exist).
    pub fn locations(&self, range: Range<usize>) -> Vec<Location> {
        let range = range.start..range.end.min(self.hit_count);
        let mut out = Vec::with_capacity(range.len());
        let mut at = range.start;
        while at < range.end {
            let batch = self
                .batch_starts
                .partition_point(|&start| start <= at)
                .saturating_sub(1);
            let start = self.batch_starts[batch];
            let end = self
                .batch_starts
                .get(batch + 1)
                .copied()
                .unwrap_or(self.hit_count)
                .min(range.end);
            out.extend(self.batches[batch].locate(at - start..end - start));
            at = end;
        }
        out
    }

    /// Where the hits of the `entry`-th matching article are, in reading order.
    pub fn locations_of(&self, entry: usize) -> Vec<Location> {
        self.articles
            .get(entry)
            .map(|a| self.locations(a.hits.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(article: u32, start: usize) -> Location {
        Location {
            article,
            field: Field::Paragraph(0),
            range: start..start + 3,
            term: 0,
        }
    }

    #[test]
    fn hits_are_numbered_across_batches() {
        let mut matches = Matches::default();
        matches.append(Batch::resolved(vec![at(0, 1), at(0, 5)]));
        matches.append(Batch::resolved(Vec::new()));
        matches.append(Batch::resolved(vec![at(3, 9), at(4, 2)]));
        assert_eq!(matches.hit_count(), 4);
        assert_eq!(matches.article_ids(), [0, 3, 4]);
        assert_eq!(matches.articles[1].hits, 2..3);
        assert_eq!(matches.location(2), Some(at(3, 9)));
        assert_eq!(matches.location(4), None);
        assert_eq!(matches.locations(1..4), [at(0, 5), at(3, 9), at(4, 2)]);
        assert_eq!(matches.locations_of(0), [at(0, 1), at(0, 5)]);
        assert_eq!(matches.entry_of_hit(3), Some(2));
        assert_eq!(matches.entry_of_article(3), Some(1));
        assert_eq!(matches.entry_of_article(2), None);
    }

    #[test]
    fn forms_are_counted_for_the_hits_asked_for_across_batches() {
        let mut matches = Matches::default();
        let written = |forms: &[&str]| forms.iter().map(|&f| f.to_owned()).collect();
        matches.append(Batch::by_article_written(
            vec![(0, vec![at(0, 1), at(0, 5)])],
            written(&["國家", "国家"]),
        ));
        matches.append(Batch::resolved(vec![at(2, 0)]));
        matches.append(Batch::by_article_written(
            vec![(3, vec![at(3, 9)]), (4, vec![at(4, 2)])],
            written(&["國家", "國家"]),
        ));
        assert_eq!(matches.forms().of(0), [("國家", 3), ("国家", 1)]);
        let some = matches.forms_of(&mut [1, 2, 4].into_iter());
        assert_eq!(some.of(0), [("国家", 1), ("國家", 1)]);
    }
}
