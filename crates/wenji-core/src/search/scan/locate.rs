//! From a hit in the packed text back to the original: which article, which field, which bytes.

use super::index::Index;
use super::results::Hit;
use crate::search::answer::Location;

/// Where `hit` is in the original text.
pub fn locate(index: &Index, hit: Hit) -> Location {
    Locator::new(index).locate(hit)
}

/// Finds where hits are in the original text, one after another. Given in reading order (an
/// article's hits, as every frame highlights them), hits in one field share one walk through it
/// instead of each walking from the field's start or last mark.
pub struct Locator<'a> {
    index: &'a Index,
    /// The segment of the last hit, and its end as `(packed, folded)` offsets in the field.
    last: Option<(usize, (usize, usize))>,
}

impl<'a> Locator<'a> {
    pub fn new(index: &'a Index) -> Self {
        Self { index, last: None }
    }

    /// Where `hit` is in the original text.
    pub fn locate(&mut self, hit: Hit) -> Location {
        let index = self.index;
        let number = index.segment_at(hit.start());
        let base = index.segment_start(number);
        let (start, end) = (
            hit.start() - base.min(hit.start()),
            hit.end().saturating_sub(base),
        );
        let resume = self.last.filter(|&(s, _)| s == number).map(|(_, at)| at);
        let (start_folded, start_original) = index.original(number, start, resume);
        let (end_folded, end_original) = index.original(number, end, Some((start, start_folded)));
        self.last = Some((number, (end, end_folded)));
        let segment = &index.segments[number];
        Location {
            article: segment.article,
            field: segment.field,
            range: start_original..end_original.max(start_original),
            term: hit.term(),
        }
    }
}
