//! Where the packed text's characters were written in another script's form than the one they
//! fold to (`國` where the index holds `国`): what tells the forms of a hit apart, and lets an
//! exact-script search keep only the form asked for, without the original text.
//!
//! A sorted list of such characters' offsets (each the first byte of its character), cut into
//! stretches of 4 KiB of packed text so that an offset takes two bytes and a hit looks only at
//! the few in its stretch. Beside each stretch, a bit for each 64 bytes of it that hold a
//! variant: a hit with no variant near it (nearly every hit in a simplified text) is told in a
//! load or two. A simplified text costs next to nothing, a traditional one (about one character
//! in five written otherwise) three bytes a variant. Which form it was is a number among the
//! folded character's forms ([`crate::text::script::form`]), one byte beside its offset: the
//! first, by far the commonest, is `1`.

use std::ops::Range;

/// Bytes of packed text a stretch covers: an offset inside one fits in a `u16`, and its blocks'
/// bits in a `u64`.
const STRETCH: usize = 4096;
/// Bytes of packed text a block covers.
const BLOCK: usize = STRETCH / 64;

/// The variants of a packed text, as it grows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Variants {
    /// For each stretch up to the last that holds a variant, how many variants lie before it.
    before: Vec<usize>,
    /// For each of those stretches, bit `b` set when its block `b` holds a variant.
    blocks: Vec<u64>,
    /// Each variant's offset inside its stretch, ascending.
    offsets: Vec<u16>,
    /// Each variant's form number (1 or more), beside its offset.
    numbers: Vec<u8>,
}

impl Variants {
    /// Notes that the character at packed offset `at`, after every offset noted so far, was
    /// written as form `number` (1 or more) of the character it folds to.
    pub fn note(&mut self, at: usize, number: u8) {
        let stretch = at / STRETCH;
        while self.before.len() <= stretch {
            self.before.push(self.offsets.len());
            self.blocks.push(0);
        }
        self.blocks[stretch] |= 1 << ((at % STRETCH) / BLOCK);
        self.offsets.push(inside_stretch(at));
        self.numbers.push(number.max(1));
    }

    /// Lays the variants of a stretch of text starting at packed offset `base`, after every
    /// offset noted so far: their offsets in it, ascending, each with its form's number.
    pub fn lay(&mut self, base: usize, variants: &[(u32, u8)]) {
        self.offsets.reserve(variants.len());
        self.numbers.reserve(variants.len());
        for &(offset, number) in variants {
            self.note(base + offset as usize, number);
        }
    }

    /// The indices in `offsets` of stretch `stretch`'s variants (none, at the end, for a
    /// stretch after the last that holds one).
    fn stretch(&self, stretch: usize) -> Range<usize> {
        let end = self.offsets.len();
        match self.before.get(stretch) {
            Some(&first) => first..self.before.get(stretch + 1).copied().unwrap_or(end),
            None => end..end,
        }
    }

    /// The indices in `offsets` of the variants in packed bytes `range`.
    fn inside(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        let (first, last) = (
            self.stretch(range.start / STRETCH),
            self.stretch((range.end - 1) / STRETCH),
        );
        let (low, high) = (inside_stretch(range.start), inside_stretch(range.end - 1));
        let from = first.start + self.offsets[first].partition_point(|&at| at < low);
        let to = last.start + self.offsets[last].partition_point(|&at| at <= high);
        from..to.max(from)
    }

    /// Whether any block that packed bytes `range` touch holds a variant.
    fn near(&self, range: &Range<usize>) -> bool {
        let (first, last) = (range.start / STRETCH, (range.end - 1) / STRETCH);
        (first..=last).any(|stretch| {
            let low = if stretch == first {
                (range.start % STRETCH) / BLOCK
            } else {
                0
            };
            let high = if stretch == last {
                ((range.end - 1) % STRETCH) / BLOCK
            } else {
                63
            };
            let mask = (u64::MAX >> (63 - high)) & (u64::MAX << low);
            self.blocks
                .get(stretch)
                .is_some_and(|&bits| bits & mask != 0)
        })
    }

    /// Whether any character in packed bytes `range` was written in another form.
    pub fn any(&self, range: Range<usize>) -> bool {
        !range.is_empty() && self.near(&range) && !self.inside(range).is_empty()
    }

    /// Which form the character at packed offset `at` was written in: `0` for the form it
    /// folds to. (A hit's forms are read with [`Variants::within`], once for the hit.)
    #[cfg(test)]
    fn number(&self, at: usize) -> u8 {
        if !self.near(&(at..at + 1)) {
            return 0;
        }
        self.inside(at..at + 1)
            .next()
            .map_or(0, |index| self.numbers[index])
    }

    /// Every variant in packed bytes `range`, as `(offset, number)`, in order.
    pub fn within(&self, range: Range<usize>) -> impl ExactSizeIterator<Item = (usize, u8)> + '_ {
        let mut stretch = range.start / STRETCH;
        self.inside(range).map(move |index| {
            while self
                .before
                .get(stretch + 1)
                .is_some_and(|&next| next <= index)
            {
                stretch += 1;
            }
            let at = stretch * STRETCH + usize::from(self.offsets[index]);
            (at, self.numbers[index])
        })
    }

    /// Makes room for the stretches of packed text up to offset `len`.
    pub fn reserve(&mut self, len: usize) {
        let stretches = len.div_ceil(STRETCH);
        let more = stretches.saturating_sub(self.before.len());
        self.before.reserve_exact(more);
        self.blocks.reserve_exact(more);
    }

    /// Gives back the room grown for variants that never came.
    pub fn shrink_to_fit(&mut self) {
        self.before.shrink_to_fit();
        self.blocks.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.numbers.shrink_to_fit();
    }

    /// Bytes it holds, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.before.capacity() * size_of::<usize>()
            + self.blocks.capacity() * 8
            + self.offsets.capacity() * 2
            + self.numbers.capacity()
    }
}

/// Where packed offset `at` lies in its stretch.
fn inside_stretch(at: usize) -> u16 {
    u16::try_from(at % STRETCH).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn articles_laid_whole_are_their_offsets_noted_one_by_one(
            parts in prop::collection::vec(
                (1usize..9_000, prop::collection::btree_map(0usize..9_000, 1u8..4, 0..30)),
                1..6,
            ),
        ) {
            let (mut noted, mut laid) = (Variants::default(), Variants::default());
            let mut base = 0;
            for (len, offsets) in parts {
                let mut listed = Vec::new();
                for (&at, &number) in offsets.range(..len) {
                    noted.note(base + at, number);
                    listed.push((u32::try_from(at).expect("small"), number));
                }
                laid.lay(base, &listed);
                base += len;
            }
            for at in 0..base {
                prop_assert_eq!(laid.number(at), noted.number(at), "{}", at);
            }
            prop_assert_eq!(
                noted.within(0..base).count(),
                noted.numbers.len(),
                "every variant is within the whole text"
            );
            prop_assert_eq!(laid, noted, "kept alike, stretch by stretch");
        }

        #[test]
        fn it_answers_as_a_list_of_the_offsets_noted(
            noted in prop::collection::btree_map(0usize..40_000, 1u8..4, 0..60),
            start in 0usize..40_100,
            len in 0usize..20_000,
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
            for at in (0..40_100).step_by(7).chain(noted.keys().copied()) {
                prop_assert_eq!(variants.number(at), noted.get(&at).copied().unwrap_or(0));
            }
        }
    }
}
