//! Where the packed text's characters were written in another script's form than the one they
//! fold to (`國` where the index holds `国`): what tells the forms of a hit apart, and lets an
//! exact-script search keep only the form asked for, without the original text.
//!
//! One bit per packed byte, set at the first byte of each such character, so a hit with no
//! variant in it (nearly every hit in a simplified text) is told in a load or two. Which form it
//! was is a number among the folded character's forms ([`crate::text::script::form`]): the
//! first, by far the commonest, needs nothing more; a later one is listed beside its offset.
//! A traditional text has about one character in five written otherwise; the bits cost an
//! eighth of the packed text whatever the script.

use std::ops::Range;

/// The variants of a packed text, as it grows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Variants {
    /// Bit `at % 64` of word `at / 64` is set when the character at packed offset `at` was
    /// written in another form.
    bits: Vec<u64>,
    /// The offsets whose form is a later one than the first, with its number, ascending.
    later: Vec<(usize, u8)>,
}

impl Variants {
    /// Notes that the character at packed offset `at`, after every offset noted so far, was
    /// written as form `number` (1 or more) of the character it folds to.
    pub fn note(&mut self, at: usize, number: u8) {
        let word = at / 64;
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= 1 << (at % 64);
        if number > 1 {
            self.later.push((at, number));
        }
    }

    /// Whether any character in packed bytes `range` was written in another form.
    pub fn any(&self, range: Range<usize>) -> bool {
        if range.is_empty() {
            return false;
        }
        let (first, last) = (range.start / 64, (range.end - 1) / 64);
        (first..=last).any(|word| {
            let Some(&bits) = self.bits.get(word) else {
                return false;
            };
            let low = if word == first { range.start % 64 } else { 0 };
            let high = if word == last {
                (range.end - 1) % 64
            } else {
                63
            };
            let mask = (u64::MAX >> (63 - high)) & (u64::MAX << low);
            bits & mask != 0
        })
    }

    /// Which form the character at packed offset `at` was written in: `0` for the form it
    /// folds to.
    pub fn number(&self, at: usize) -> u8 {
        let set = self
            .bits
            .get(at / 64)
            .is_some_and(|bits| bits & (1 << (at % 64)) != 0);
        if !set {
            return 0;
        }
        self.later
            .binary_search_by_key(&at, |&(offset, _)| offset)
            .map_or(1, |found| self.later[found].1)
    }

    /// Every variant in packed bytes `range`, as `(offset, number)`, in order.
    pub fn within(&self, range: Range<usize>) -> impl Iterator<Item = (usize, u8)> + '_ {
        let words = range.start / 64..range.end.div_ceil(64);
        words.flat_map(move |word| {
            let range = range.clone();
            let mut bits = self.bits.get(word).copied().unwrap_or(0);
            std::iter::from_fn(move || {
                while bits != 0 {
                    let at = word * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if range.contains(&at) {
                        return Some((at, self.number(at)));
                    }
                }
                None
            })
        })
    }

    /// Makes room for variants up to packed offset `len`.
    pub fn reserve(&mut self, len: usize) {
        self.bits
            .reserve(len.div_ceil(64).saturating_sub(self.bits.len()));
    }

    /// Bytes it holds, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8 + self.later.capacity() * std::mem::size_of::<(usize, u8)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn it_answers_as_a_list_of_the_offsets_noted(
            noted in prop::collection::btree_map(0usize..400, 1u8..4, 0..40),
            start in 0usize..420,
            len in 0usize..200,
        ) {
            let mut variants = Variants::default();
            for (&at, &number) in &noted {
                variants.note(at, number);
            }
            let range = start..start + len;
            let listed: Vec<(usize, u8)> =
                noted.range(range.clone()).map(|(&at, &n)| (at, n)).collect();
            prop_assert_eq!(variants.any(range.clone()), !listed.is_empty());
            prop_assert_eq!(variants.within(range).collect::<Vec<_>>(), listed);
            for at in 0..420 {
                prop_assert_eq!(variants.number(at), noted.get(&at).copied().unwrap_or(0));
            }
        }
    }
}
