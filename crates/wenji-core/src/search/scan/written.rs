//! How a hit was written: its packed text unpacked, each character the index marked as written
//! in another script's form ([`super::variants`]) given that form back. From it, the forms a
//! search found are counted ([`count_forms`]) and an exact-script search keeps only the hits
//! written as asked ([`Exact`]).

use super::index::Index;
use super::results::Hit;
use crate::search::check::{Checks, Leaf};
use crate::search::forms::Forms;
use crate::search::query::Query;
use crate::text::script;

/// The characters `hit` was written with, folded but for scripts, one after another.
fn written(index: &Index, hit: Hit) -> impl Iterator<Item = char> + '_ {
    let packed = index.text.get(hit.start()..hit.end()).unwrap_or_default();
    // The variants come in order, each at a character's first byte: looked up once for the hit.
    let mut variants = index.variants.within(hit.start()..hit.end()).peekable();
    packed.char_indices().map(move |(offset, c)| {
        let folded = index.packing.unpack_char(c);
        let at = hit.start() + offset;
        while variants.next_if(|&(variant, _)| variant < at).is_some() {}
        let number = variants
            .next_if(|&(variant, _)| variant == at)
            .map_or(0, |(_, number)| number);
        script::form(folded, number)
    })
}

/// How many of a pattern's hits have their forms told apart; the rest are counted together.
const PATTERN_HITS_LOOKED_AT: usize = 100_000;

/// Counts into `forms` the forms `hits` were written in; `terms`, the query's folded terms, are
/// the forms of every hit with no character written otherwise, counted apart (nearly every
/// hit, in a simplified text) so that only the others are looked up among the forms.
pub fn count_forms(
    index: &Index,
    hits: impl Iterator<Item = Hit>,
    terms: &[String],
    forms: &mut Forms,
) {
    let mut as_folded = vec![0; terms.len()];
    let mut looked_at = vec![0; terms.len()];
    let mut form = String::new();
    for hit in hits {
        // A pattern's matches differ (its term is empty): each is looked at, up to a bound, so
        // that a pattern matching millions of texts does not hold up the screen.
        let pattern = terms
            .get(usize::from(hit.term()))
            .is_none_or(String::is_empty);
        if pattern && let Some(looked) = looked_at.get_mut(usize::from(hit.term())) {
            *looked += 1;
            if *looked > PATTERN_HITS_LOOKED_AT {
                forms.add_others(hit.term(), 1);
                continue;
            }
        }
        if !pattern && !index.variants.any(hit.start()..hit.end()) {
            if let Some(count) = as_folded.get_mut(usize::from(hit.term())) {
                *count += 1;
            }
            continue;
        }
        form.clear();
        form.extend(written(index, hit));

        forms.add(hit.term(), &form, 1);
    }
    for (term, (folded, count)) in terms.iter().zip(as_folded).enumerate() {
        forms.add(u8::try_from(term).unwrap_or(u8::MAX), folded, count);
    }
}

/// Which hits an exact-script search keeps: those written in the very form of their term.
#[derive(Debug)]
pub struct Exact {
    /// Each term as written, and whether that is its folded form (so a hit with no character
    /// written otherwise is one), by hit number; `None` for a pattern, whose every match is
    /// kept.
    terms: Vec<Option<(Vec<char>, bool)>>,
}

impl Exact {
    /// The test for `query`, whose extra items are `checks`, or `None` when it folds scripts
    /// together.
    pub fn new(query: &Query, checks: &Checks) -> Option<Self> {
        let term = |folded: &String, written: &String| {
            Some((written.chars().collect(), folded == written))
        };
        let leaves = checks.leaves().iter().map(|leaf| match leaf {
            Leaf::Text { folded, written } => term(folded, written),
            Leaf::Pattern(_) => None,
        });
        query.exact_script.then(|| Self {
            terms: query
                .terms
                .iter()
                .zip(&query.written)
                .map(|(folded, written)| term(folded, written))
                .chain(leaves)
                .collect(),
        })
    }

    /// Whether `hit` is written as its term is.
    pub fn keeps(&self, index: &Index, hit: Hit) -> bool {
        let Some(term) = self.terms.get(usize::from(hit.term())) else {
            return false;
        };
        let Some((written, as_folded)) = term else {
            return true;
        };
        if !index.variants.any(hit.start()..hit.end()) {
            return *as_folded;
        }
        self::written(index, hit).eq(written.iter().copied())
    }
}
