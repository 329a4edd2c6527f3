//! What a search found: hits, and the articles they are in.
//!
//! A common word has millions of hits in a large corpus, so a hit is eight bytes, and results
//! are kept in the chunks the scan produced them in (one per unit of work): joining batches moves
//! chunks, never hits. Hits are still numbered across the whole result, in corpus order.

pub use crate::search::answer::ArticleHits;

/// One occurrence of a term: where it is in the packed text (`Index::text`), how many bytes it
/// spans there, and which query term it is — in one `u64`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Hit(u64);

/// Bits of a [`Hit`] that hold its start: a terabyte of packed text.
const START_BITS: u32 = 40;
const LEN_BITS: u32 = 16;

impl Hit {
    /// A hit of term number `term`, `len` packed bytes from `start`.
    ///
    /// ```
    /// use wenji_core::search::scan::results::Hit;
    /// let hit = Hit::new(1_000_000, 6, 2);
    /// assert_eq!((hit.start(), hit.end(), hit.term()), (1_000_000, 1_000_006, 2));
    /// ```
    pub fn new(start: usize, len: usize, term: u8) -> Self {
        let start = (start as u64).min((1 << START_BITS) - 1);
        let len = (len as u64).min((1 << LEN_BITS) - 1);
        Self(start | len << START_BITS | u64::from(term) << (START_BITS + LEN_BITS))
    }

    pub fn start(self) -> usize {
        usize::try_from(self.0 & ((1 << START_BITS) - 1)).unwrap_or(usize::MAX)
    }

    pub fn len(self) -> usize {
        usize::try_from(self.0 >> START_BITS & ((1 << LEN_BITS) - 1)).unwrap_or(0)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    pub fn end(self) -> usize {
        self.start() + self.len()
    }

    /// Which query term it is.
    pub fn term(self) -> u8 {
        u8::try_from(self.0 >> (START_BITS + LEN_BITS)).unwrap_or(u8::MAX)
    }
}

impl std::fmt::Debug for Hit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hit({}..{} #{})", self.start(), self.end(), self.term())
    }
}

/// Matching articles in corpus order, each with its hits in reading order.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub articles: Vec<ArticleHits>,
    /// Hits, in runs; an article's hits are always in one chunk.
    chunks: Vec<Vec<Hit>>,
    /// The number of each chunk's first hit.
    chunk_starts: Vec<usize>,
    hit_count: usize,
}

impl PartialEq for Results {
    /// The same articles and hits, however they are chunked.
    fn eq(&self, other: &Self) -> bool {
        self.articles == other.articles && self.hits().eq(other.hits())
    }
}

impl Eq for Results {}

impl Results {
    /// Results made of `hits`, with `articles` numbering them from 0.
    pub fn new(articles: Vec<ArticleHits>, hits: Vec<Hit>) -> Self {
        let mut results = Self::default();
        results.append_chunk(articles, hits);
        results
    }

    /// How many hits there are.
    pub fn hit_count(&self) -> usize {
        self.hit_count
    }

    /// Hit number `number`.
    pub fn hit(&self, number: usize) -> Option<Hit> {
        let chunk = self.chunk_of(number)?;
        self.chunks[chunk]
            .get(number - self.chunk_starts[chunk])
            .copied()
    }

    /// Every hit, in order.
    pub fn hits(&self) -> impl Iterator<Item = Hit> + '_ {
        self.chunks.iter().flatten().copied()
    }

    /// The hits of the `index`-th matching article.
    pub fn hits_of(&self, index: usize) -> &[Hit] {
        let Some(entry) = self.articles.get(index) else {
            return &[];
        };
        let Some(chunk) = self.chunk_of(entry.hits.start) else {
            return &[];
        };
        let base = self.chunk_starts[chunk];
        self.chunks[chunk]
            .get(entry.hits.start - base..entry.hits.end - base)
            .unwrap_or_default()
    }

    /// The matching articles' numbers.
    pub fn article_ids(&self) -> Vec<u32> {
        self.articles.iter().map(|a| a.article).collect()
    }

    /// Adds `more`, which must come later in corpus order. Its hits are not copied.
    pub fn append(&mut self, more: Results) {
        let base = self.hit_count;
        self.articles.extend(shifted(more.articles, base));
        for (chunk, start) in more.chunks.into_iter().zip(more.chunk_starts) {
            self.chunk_starts.push(start + base);
            self.hit_count += chunk.len();
            self.chunks.push(chunk);
        }
    }

    /// The results of the articles `keep` says yes to, their hits numbered again.
    #[must_use]
    pub fn retain(&self, mut keep: impl FnMut(u32) -> bool) -> Results {
        let mut articles = Vec::new();
        let mut hits = Vec::new();
        for (index, entry) in self.articles.iter().enumerate() {
            if keep(entry.article) {
                let start = hits.len();
                hits.extend_from_slice(self.hits_of(index));
                articles.push(ArticleHits {
                    article: entry.article,
                    hits: start..hits.len(),
                });
            }
        }
        Results::new(articles, hits)
    }

    /// Joins results in corpus order.
    pub fn concat(parts: Vec<Results>) -> Results {
        let mut all = Results::default();
        all.articles
            .reserve(parts.iter().map(|p| p.articles.len()).sum());
        for part in parts {
            all.append(part);
        }
        all
    }

    /// Adds one chunk of hits and its articles, numbered from 0 within `hits`.
    fn append_chunk(&mut self, articles: Vec<ArticleHits>, hits: Vec<Hit>) {
        let base = self.hit_count;
        self.articles.extend(shifted(articles, base));
        if !hits.is_empty() {
            self.chunk_starts.push(base);
            self.hit_count += hits.len();
            self.chunks.push(hits);
        }
    }

    /// Hits `numbers` (ascending), one after another: each chunk is looked up once, not once a
    /// hit.
    pub fn hits_numbered<'a>(
        &'a self,
        numbers: impl Iterator<Item = usize> + 'a,
    ) -> impl Iterator<Item = Hit> + 'a {
        let mut chunk = 0;
        numbers.filter_map(move |number| {
            let in_chunk = |chunk: usize| {
                let start = *self.chunk_starts.get(chunk)?;
                let end = self
                    .chunk_starts
                    .get(chunk + 1)
                    .copied()
                    .unwrap_or(self.hit_count);
                (start..end).contains(&number).then_some(start)
            };
            let start = if let Some(start) = in_chunk(chunk) {
                start
            } else {
                chunk = self.chunk_of(number)?;
                in_chunk(chunk)?
            };
            self.chunks[chunk].get(number - start).copied()
        })
    }

    fn chunk_of(&self, number: usize) -> Option<usize> {
        if number >= self.hit_count {
            return None;
        }
        Some(
            self.chunk_starts
                .partition_point(|&start| start <= number)
                .saturating_sub(1),
        )
    }
}

/// `articles` with their hits numbered from `base` on.
fn shifted(articles: Vec<ArticleHits>, base: usize) -> impl Iterator<Item = ArticleHits> {
    articles.into_iter().map(move |a| ArticleHits {
        article: a.article,
        hits: a.hits.start + base..a.hits.end + base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(article: u32, starts: &[usize]) -> Results {
        let hits: Vec<Hit> = starts.iter().map(|&s| Hit::new(s, 3, 0)).collect();
        Results::new(
            vec![ArticleHits {
                article,
                hits: 0..hits.len(),
            }],
            hits,
        )
    }

    #[test]
    fn joined_results_number_hits_across_chunks() {
        let all = Results::concat(vec![part(0, &[1, 5]), Results::default(), part(3, &[9])]);
        assert_eq!(all.hit_count(), 3);
        assert_eq!(all.hit(2).map(Hit::start), Some(9));
        assert_eq!(all.hit(3), None);
        assert_eq!(
            all.hits_of(1).iter().map(|h| h.start()).collect::<Vec<_>>(),
            [9]
        );
        assert_eq!(all.articles[1].hits, 2..3);
        assert_eq!(
            all,
            Results::new(all.articles.clone(), all.hits().collect())
        );
    }

    #[test]
    fn hits_asked_for_by_number_come_from_their_chunks() {
        let all = Results::concat(vec![
            part(0, &[1, 5]),
            Results::default(),
            part(3, &[9, 12]),
            part(4, &[20]),
        ]);
        let starts = |numbers: &[usize]| -> Vec<usize> {
            all.hits_numbered(numbers.iter().copied())
                .map(Hit::start)
                .collect()
        };
        assert_eq!(starts(&[0, 1, 2, 3, 4]), [1, 5, 9, 12, 20]);
        assert_eq!(starts(&[1, 3, 4, 9]), [5, 12, 20], "past the end is none");
        assert_eq!(starts(&[4]), [20]);
        assert_eq!(starts(&[]), Vec::<usize>::new());
    }

    #[test]
    fn a_hit_keeps_its_fields_at_their_limits() {
        let hit = Hit::new((1 << 40) - 1, 65_535, 255);
        assert_eq!(
            (hit.start(), hit.len(), hit.term()),
            ((1 << 40) - 1, 65_535, 255)
        );
    }
}
