//! A file's signature: a small Bloom filter of the ideographs in its articles' searched text
//! and of every two that stand side by side there, so `wenji search` over a warm load cache can
//! turn a file away without reading its entry.
//!
//! A term is found in a field's folded text ([`super::plain`]), so each of its ideographs is
//! in that text, and each two of them side by side in the term are side by side there too. The
//! signature holds exactly those items for every field of every article of the file (the
//! folded text is the field itself when folding drops nothing there, with each ideograph in its
//! folded form, [`crate::text::script::fold_char`]), and a file passes a query when every item
//! of every
//! term may be in it. A Bloom filter answers "maybe" for an item it holds and, now and then,
//! for one it does not: a file with a hit always passes, and most files without one do not.
//! Terms without an ideograph ask nothing, as in [`super::prefilter`].
//!
//! ```text
//! signature := 0 bytes (no ideograph in the file) | 2^n 64-bit little-endian words, n ≥ 0
//! item      := one ideograph | two side by side → 64-bit hash h
//!              → two bits, (h >> 32) % 64 and (h >> 38) % 64, of word h mod 2^n
//! ```
//! Both of an item's bits lie in one word (a blocked Bloom filter), so adding one is one write
//! and asking for one is one read. A filter is built at a size with room to spare and halved
//! (each half OR'd into the other, which keeps every word's place modulo the smaller size and
//! every bit's place in its word) while the half stays at most
//! [`FILL_IN_TEN`] tenths full: about 1.3 KB for a file of 2 000 characters, where a bit in
//! four set keeps a missing item's chance of passing near 6%. Articles in the archive run from
//! a few hundred characters to a few hundred thousand; past [`MAX_BITS`] a filter fills up and
//! passes everything, which is still exact.

use super::check::{Checks, Leaf};
use super::fold::fold;
use super::plain::{drops_some, is_ideograph};
use super::query::Query;
use crate::corpus::Article;
use crate::search::field::fields;
use crate::text::script;

/// The largest filter built: 32 KiB.
const MAX_BITS: usize = 1 << 18;
/// A filter is halved while its half has at most this many bits in ten set.
const FILL_IN_TEN: usize = 3;

/// The signature of a file that gave `articles`.
///
/// ```
/// use wenji_core::corpus;
/// use wenji_core::search::{Query, signature::{self, Probe}};
/// let corpus = corpus::sample();
/// let signature = signature::of(&corpus.articles);
/// let probe = |q: &str| Probe::new(&Query::parse(q)).expect("an ideograph").may_match(&signature);
/// assert!(probe("振兴"));
/// assert!(!probe("龘"));
/// ```
pub fn of(articles: &[Article]) -> Vec<u8> {
    let texts = || articles.iter().flat_map(fields).map(|(_, text)| text);
    let room: usize = texts().map(str::len).sum();
    // An ideograph is three bytes or four, and gives at most two items, each two bits: room
    // for four times as many bits as they could set, halved below.
    let items = room / 3 * 2;
    let bits = (items * 8).next_power_of_two().clamp(64, MAX_BITS);
    let mut filter = Filter {
        words: vec![0; bits / 64],
    };
    let mut any = false;
    for text in texts() {
        if drops_some(text) {
            any |= filter.add_text(&fold(text).text);
        } else {
            any |= filter.add_text(text);
        }
    }
    if !any {
        return Vec::new();
    }
    filter.shrink();
    filter
        .words
        .iter()
        .flat_map(|word| word.to_le_bytes())
        .collect()
}

/// Whether `signature` has the shape [`of`] gives: empty, or a power of two of at least eight
/// bytes and no more than the largest filter. A cache checks this before it trusts one.
pub fn well_formed(signature: &[u8]) -> bool {
    signature.is_empty()
        || (signature.len().is_power_of_two()
            && signature.len() >= 8
            && signature.len() * 8 <= MAX_BITS)
}

/// The items one query asks of a file's signature.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The hashes of every ideograph and every two side by side in the terms, each once.
    items: Vec<u64>,
    /// The items of each term one of which a matching article holds (`A OR B`), when each
    /// has some ([`crate::search::check::Checks::required`]).
    either: Vec<Vec<u64>>,
}

impl Probe {
    /// The probe for `query`, or `None` when no term has an ideograph, so every file passes.
    pub fn new(query: &Query) -> Option<Self> {
        let mut items = Vec::new();
        for term in &query.terms {
            items_of(term, |item| items.push(item));
        }
        items.sort_unstable();
        items.dedup();
        let either = either_terms(query)
            .into_iter()
            .map(|term| {
                let mut items = Vec::new();
                items_of(&term, |item| items.push(item));
                items
            })
            .collect::<Vec<_>>();
        let either = if either.iter().any(Vec::is_empty) {
            Vec::new()
        } else {
            either
        };
        (!items.is_empty() || !either.is_empty()).then_some(Self { items, either })
    }

    /// Whether the file whose signature is `signature` may hold a hit of every term; `false`
    /// only when it certainly holds none. A signature without the shape [`of`] gives passes.
    pub fn may_match(&self, signature: &[u8]) -> bool {
        if !well_formed(signature) {
            return true;
        }
        if signature.is_empty() {
            return false;
        }
        let words = signature.len() / 8 - 1;
        let holds = |items: &[u64]| {
            items.iter().all(|&hash| {
                let (word, bits) = place(hash);
                let at = (word & words) * 8;
                signature.get(at..at + 8).is_some_and(|bytes| {
                    let mut word = [0; 8];
                    word.copy_from_slice(bytes);
                    u64::from_le_bytes(word) & bits == bits
                })
            })
        };
        holds(&self.items)
            && (self.either.is_empty() || self.either.iter().any(|items| holds(items)))
    }
}

/// The folded terms one of which every article matching `query` holds, from its extra items
/// (`A OR B`); none when that cannot be said (no extra items, or a pattern among them).
pub(crate) fn either_terms(query: &Query) -> Vec<String> {
    let checks = Checks::new(query);
    let Some(required) = checks.required() else {
        return Vec::new();
    };
    let terms: Option<Vec<String>> = required
        .iter()
        .map(|&leaf| match &checks.leaves()[leaf] {
            Leaf::Text { folded, .. } => Some(folded.clone()),
            Leaf::Pattern(_) => None,
        })
        .collect();
    terms.unwrap_or_default()
}

/// A filter being built, as 64-bit words.
struct Filter {
    words: Vec<u64>,
}

impl Filter {
    /// Adds the items of `text`; whether it had any.
    fn add_text(&mut self, text: &str) -> bool {
        let words = self.words.len() - 1;
        let mut any = false;
        items_of(text, |hash| {
            any = true;
            let (word, bits) = place(hash);
            if let Some(word) = self.words.get_mut(word & words) {
                *word |= bits;
            }
        });
        any
    }

    /// Halves the filter while the half would be at most [`FILL_IN_TEN`] tenths full.
    fn shrink(&mut self) {
        while self.words.len() > 1 {
            let half = self.words.len() / 2;
            let (low, high) = self.words.split_at_mut(half);
            let set: usize = low
                .iter()
                .zip(high.iter())
                .map(|(a, b)| (a | b).count_ones() as usize)
                .sum();
            if set * 10 > FILL_IN_TEN * half * 64 {
                return;
            }
            for (a, b) in low.iter_mut().zip(high.iter()) {
                *a |= b;
            }
            self.words.truncate(half);
        }
    }
}

/// Calls `item` with the hash of every ideograph in `text`, in its folded form, and of every
/// two side by side (the first's hash turned, then crossed with the second's: one hash a
/// character).
fn items_of(text: &str, mut item: impl FnMut(u64)) {
    let mut before: Option<u64> = None;
    let script = script::table();
    for c in text.chars() {
        if !is_ideograph(c) {
            before = None;
            continue;
        }
        let hash = hash(u64::from(script.fold(c)));
        item(hash);
        if let Some(before) = before {
            item(before.rotate_left(23) ^ hash);
        }
        before = Some(hash);
    }
}

/// The word an item's hash sets bits in, before it is taken modulo the filter's size, and the
/// two bits.
fn place(hash: u64) -> (usize, u64) {
    // The low half of the hash fits a `usize` on every platform wenji builds for.
    let word = (hash & 0xFFFF_FFFF) as usize;
    (word, 1 << ((hash >> 32) & 63) | 1 << ((hash >> 38) & 63))
}

/// A character's hash: a multiply by the golden ratio's 64-bit fraction, its high half folded
/// into the low, so the low bits a small filter keeps depend on every bit of the character.
fn hash(x: u64) -> u64 {
    let h = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::plain::Plain;
    use crate::search::testing::corpus_of;
    use proptest::prelude::*;

    fn signature_of(paragraphs: &[&str]) -> Vec<u8> {
        let corpus = corpus_of(vec![paragraphs.iter().map(|&p| p.to_owned()).collect()]);
        of(&corpus.articles)
    }

    fn passes(signature: &[u8], query: &str) -> bool {
        Probe::new(&Query::parse(query)).is_none_or(|probe| probe.may_match(signature))
    }

    #[test]
    fn a_file_passes_for_what_it_holds_and_not_for_characters_apart() {
        let signature = signature_of(&["全面振兴东北。", "高质量发展"]);
        assert!(well_formed(&signature));
        for held in [
            "振兴",
            "振兴东北",
            "质量发展",
            "振兴 发展",
            "东",
            "GDP",
            "振興東北",
        ] {
            assert!(passes(&signature, held), "{held}");
        }
        assert!(
            passes(&signature_of(&["國家安全"]), "国家安全"),
            "either script"
        );
        // Two characters of the file that never stand side by side in it: a filter lets a few
        // through (about one in fifteen at its fill), never most.
        let chars: Vec<char> = "全面振兴东北高质量发展".chars().collect();
        let apart: Vec<String> = chars
            .iter()
            .flat_map(|&a| chars.iter().map(move |&b| format!("{a}{b}")))
            .filter(|pair| !"全面振兴东北。高质量发展".contains(pair.as_str()))
            .collect();
        let through = apart.iter().filter(|pair| passes(&signature, pair)).count();
        assert_eq!(apart.len(), 112);
        assert!(through <= 15, "{through} of 112 pairs apart passed");
        // Every term must pass: with one absent, most such queries are turned away.
        let absent: Vec<String> = (0x7000u32..0x7000 + 100)
            .filter_map(char::from_u32)
            .map(|c| format!("振兴 {c}"))
            .collect();
        let through = absent
            .iter()
            .filter(|query| passes(&signature, query))
            .count();
        assert!(
            through <= 15,
            "{through} of 100 queries with an absent term passed"
        );
    }

    #[test]
    fn a_dropped_character_joins_its_neighbours_as_folding_does() {
        let signature = signature_of(&["振\u{200b}兴"]);
        assert!(passes(&signature, "振兴"));
        let apart = signature_of(&["振 兴"]);
        assert!(!passes(&apart, "振兴"));
        assert!(passes(&apart, "振 兴"));
    }

    #[test]
    fn a_term_only_in_a_tag_passes_and_two_tags_are_not_side_by_side() {
        let mut corpus = corpus_of(vec![vec!["全面发展".to_owned()]]);
        corpus.articles[0]
            .meta
            .set_tags(vec!["香港".to_owned(), "国安法".to_owned()]);
        let signature = of(&corpus.articles);
        assert!(passes(&signature, "国安法"));
        assert!(passes(&signature, "香港 发展"));
        // The last of one tag and the first of the next never stand side by side.
        let pairs = ["港国", "港国安", "展香"];
        let through = pairs.iter().filter(|q| passes(&signature, q)).count();
        assert!(
            through <= 1,
            "{through} of {} pairs across fields passed",
            pairs.len()
        );
    }

    #[test]
    fn a_file_without_ideographs_passes_only_queries_without_them() {
        let signature = signature_of(&["GDP grew by 5%"]);
        assert!(signature.is_empty());
        assert!(passes(&signature, "gdp"));
        assert!(!passes(&signature, "增长"));
    }

    #[test]
    fn a_filter_shrinks_to_its_fill_and_a_large_one_stops_at_the_largest_size() {
        let text: String = (0x4E00u32..0x4E00 + 2_000)
            .filter_map(char::from_u32)
            .collect();
        let signature = signature_of(&[&text]);
        let bits = signature.len() * 8;
        let set: usize = signature.iter().map(|b| b.count_ones() as usize).sum();
        assert!(bits >= 4_000 * 2, "{bits} bits for 4 000 items");
        assert!(set * 10 <= FILL_IN_TEN * bits, "{set} of {bits}");
        assert!(signature.len() <= 4096, "{} bytes", signature.len());
        // 300 000 characters in no order: about as many pairs as characters.
        let mut state = 1u32;
        let huge: String = (0..300_000)
            .filter_map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                char::from_u32(0x4E00 + (state >> 8) % 20_000)
            })
            .collect();
        let signature = signature_of(&[&huge]);
        assert_eq!(signature.len() * 8, MAX_BITS);
        assert!(passes(&signature, &huge[..30]));
    }

    #[test]
    fn a_malformed_signature_passes_everything() {
        for bad in [vec![0u8; 3], vec![0; 12], vec![0; MAX_BITS / 4]] {
            assert!(!well_formed(&bad));
            assert!(passes(&bad, "振兴"));
        }
    }

    /// Characters that meet every rule: ideographs side by side, ones folding drops, Latin
    /// letters and full-width forms that fold, spaces and punctuation.
    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "振", "兴", "东", "北", "發", "展", "\u{200b}", "\u{feff}", "\u{ad}", "Ａ", "a", " ",
            "　", "，", "。", "1", "１", "𠀀", "\u{F900}",
        ])
        .prop_map(str::to_owned)
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// A signature never turns away a file in which the plain search finds a hit, in its
        /// paragraphs or in its tags.
        #[test]
        fn never_turns_away_a_hit(
            paragraphs in prop::collection::vec(text(), 0..4),
            tags in prop::collection::vec(text(), 0..3),
            terms in prop::collection::vec(text(), 1..3),
            either in any::<bool>(),
        ) {
            let mut corpus = corpus_of(vec![paragraphs]);
            corpus.articles[0].meta.set_tags(tags);
            let query = Query::parse(&terms.join(if either { " OR " } else { " " }));
            let signature = of(&corpus.articles);
            prop_assert!(well_formed(&signature));
            let hit = Plain::for_query(&query)
                .find(&corpus.articles[0], 0, "")
                .is_some_and(|hits| !hits.is_empty());
            if hit {
                prop_assert!(Probe::new(&query).is_none_or(|probe| probe.may_match(&signature)));
            }
        }

        /// Any piece of a field's folded text passes, whatever it is cut from.
        #[test]
        fn every_piece_of_the_text_passes(paragraph in text(), from in 0usize..40, len in 1usize..8) {
            let signature = signature_of(&[&paragraph]);
            let folded: Vec<char> = fold(&paragraph).text.chars().collect();
            let from = from.min(folded.len());
            let piece: String = folded[from..(from + len).min(folded.len())].iter().collect();
            prop_assert!(passes(&signature, &format!("\"{piece}\"")), "{piece:?}");
        }
    }
}
