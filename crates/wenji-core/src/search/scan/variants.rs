//! Where the packed text's characters were written in another script's form than the one they
//! fold to (`國` where the index holds `国`): what tells the forms of a hit apart, and lets an
//! exact-script search keep only the form asked for, without the original text.
//!
//! One bit per packed byte, set at the first byte of each such character, so a hit with no
//! variant in it (nearly every hit in a simplified text) is told in a load or two. The bits are
//! kept only for the stretches of 4 KiB of packed text that hold a variant, so a simplified
//! text costs next to nothing, and a traditional one (about one character in five written
//! otherwise) an eighth of its packed text. Which form it was is a number among the folded
//! character's forms ([`crate::text::script::form`]): the first, by far the commonest, needs
//! nothing more; a later one is listed beside its offset.

use std::ops::Range;

/// Words of bits in a stretch of packed text that holds a variant: 4 KiB of text.
const STRETCH_WORDS: usize = 64;

/// The variants of a packed text, as it grows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Variants {
    /// For each stretch of the packed text, where its words start in `words`, plus one; `0`
    /// for a stretch without a variant, whose words are not kept.
    stretches: Vec<u32>,
    /// The stretches' words: bit `at % 64` of word `at / 64` of the text is set when the
    /// character at packed offset `at` was written in another form.
    words: Vec<u64>,
    /// The offsets whose form is a later one than the first, each shifted up a byte and its
    /// number in that byte, ascending.
    later: Vec<u64>,
}

impl Variants {
    /// Notes that the character at packed offset `at`, after every offset noted so far, was
    /// written as form `number` (1 or more) of the character it folds to.
    pub fn note(&mut self, at: usize, number: u8) {
        *self.word_mut(at / 64) |= 1 << (at % 64);
        if number > 1 {
            self.later.push((at as u64) << 8 | u64::from(number));
        }
    }

    /// Lays the variants of a stretch of text starting at packed offset `base`, after every
    /// offset noted so far: `bits`, one a byte of it (bit `at % 8` of byte `at / 8`), and the
    /// offsets among them whose form is a later one, with its number, ascending. The bits are
    /// laid 64 at a time, shifted into place.
    pub fn lay(&mut self, base: usize, bits: &[u8], later: &[(u32, u8)]) {
        let shift = base % 64;
        for (chunk, bytes) in bits.chunks(8).enumerate() {
            let mut word = [0; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            let word = u64::from_le_bytes(word);
            if word == 0 {
                continue;
            }
            let at = base / 64 + chunk;
            let (low, high) = (
                word << shift,
                word.checked_shr(u32::try_from(64 - shift).unwrap_or(64))
                    .unwrap_or(0),
            );
            if low != 0 {
                *self.word_mut(at) |= low;
            }
            if shift > 0 && high != 0 {
                *self.word_mut(at + 1) |= high;
            }
        }
        for &(offset, number) in later {
            self.later
                .push(((base + offset as usize) as u64) << 8 | u64::from(number));
        }
    }

    /// Word `word` of the bits, its stretch made room for.
    fn word_mut(&mut self, word: usize) -> &mut u64 {
        let stretch = word / STRETCH_WORDS;
        if self.stretches.len() <= stretch {
            self.stretches.resize(stretch + 1, 0);
        }
        if self.stretches[stretch] == 0 {
            self.words.resize(self.words.len() + STRETCH_WORDS, 0);
            let stretches = self.words.len() / STRETCH_WORDS;
            self.stretches[stretch] = u32::try_from(stretches).unwrap_or(u32::MAX);
        }
        let first = (self.stretches[stretch] as usize - 1) * STRETCH_WORDS;
        &mut self.words[first + word % STRETCH_WORDS]
    }

    /// Word `word` of the bits (those of packed bytes `64 * word` on): `0` where none is kept.
    fn word(&self, word: usize) -> u64 {
        match self.stretches.get(word / STRETCH_WORDS) {
            Some(&kept) if kept > 0 => {
                let first = (kept as usize - 1) * STRETCH_WORDS;
                self.words
                    .get(first + word % STRETCH_WORDS)
                    .copied()
                    .unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Whether any character in packed bytes `range` was written in another form.
    pub fn any(&self, range: Range<usize>) -> bool {
        if range.is_empty() || self.words.is_empty() {
            return false;
        }
        let (first, last) = (range.start / 64, (range.end - 1) / 64);
        (first..=last).any(|word| {
            let low = if word == first { range.start % 64 } else { 0 };
            let high = if word == last {
                (range.end - 1) % 64
            } else {
                63
            };
            let mask = (u64::MAX >> (63 - high)) & (u64::MAX << low);
            self.word(word) & mask != 0
        })
    }

    /// Which form the character at packed offset `at` was written in: `0` for the form it
    /// folds to.
    pub fn number(&self, at: usize) -> u8 {
        if self.word(at / 64) & (1 << (at % 64)) == 0 {
            return 0;
        }
        self.later
            .binary_search_by_key(&(at as u64), |&later| later >> 8)
            .map_or(1, |found| (self.later[found] & 0xFF) as u8)
    }

    /// Every variant in packed bytes `range`, as `(offset, number)`, in order.
    pub fn within(&self, range: Range<usize>) -> impl Iterator<Item = (usize, u8)> + '_ {
        let words = range.start / 64..range.end.div_ceil(64);
        words.flat_map(move |word| {
            let range = range.clone();
            let mut bits = self.word(word);
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

    /// Makes room for the stretches of packed text up to offset `len`.
    pub fn reserve(&mut self, len: usize) {
        let stretches = len.div_ceil(64 * STRETCH_WORDS);
        self.stretches
            .reserve_exact(stretches.saturating_sub(self.stretches.len()));
    }

    /// Gives back the room grown for variants that never came.
    pub fn shrink_to_fit(&mut self) {
        self.stretches.shrink_to_fit();
        self.words.shrink_to_fit();
        self.later.shrink_to_fit();
    }

    /// Bytes it holds, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.stretches.capacity() * 4 + self.words.capacity() * 8 + self.later.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn stretches_laid_whole_are_their_offsets_noted_one_by_one(
            parts in prop::collection::vec(
                (1usize..300, prop::collection::btree_map(0usize..300, 1u8..4, 0..30)),
                1..6,
            ),
        ) {
            let (mut noted, mut laid) = (Variants::default(), Variants::default());
            let mut base = 0;
            for (len, offsets) in parts {
                let mut bits = vec![0_u8; len.div_ceil(8)];
                let mut later = Vec::new();
                for (&at, &number) in offsets.range(..len) {
                    noted.note(base + at, number);
                    bits[at / 8] |= 1 << (at % 8);
                    if number > 1 {
                        later.push((u32::try_from(at).expect("small"), number));
                    }
                }
                laid.lay(base, &bits, &later);
                base += len;
            }
            for at in 0..base {
                prop_assert_eq!(laid.number(at), noted.number(at), "{}", at);
            }
            prop_assert_eq!(laid, noted, "kept alike, stretch by stretch");
        }

        #[test]
        fn it_answers_as_a_list_of_the_offsets_noted(
            noted in prop::collection::btree_map(0usize..20_000, 1u8..4, 0..40),
            start in 0usize..20_100,
            len in 0usize..9_000,
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
            for at in (0..20_100).step_by(7).chain(noted.keys().copied()) {
                prop_assert_eq!(variants.number(at), noted.get(&at).copied().unwrap_or(0));
            }
        }
    }
}
