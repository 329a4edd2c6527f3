//! Packing: the folded corpus renumbered so that its commonest characters take two bytes.
//!
//! A full scan reads every byte of the folded text, and its time grows with those bytes: on the
//! 2-core machine the budgets are set for, memmem took 51–70 ms over 1 GB of folded Chinese (out
//! of cache, 7–10 GB/s per core). Chinese takes three bytes a character in UTF-8, while UTF-8's
//! 1,920 two-byte code points (U+0080–U+07FF) go almost unused in a Chinese corpus. So the index
//! swaps the corpus's 1,920 commonest non-ASCII characters with those code points: in generated
//! and real speeches they are over 99% of the non-ASCII text, the folded corpus shrinks to about
//! 0.65× its size, and a full scan of 1 GB takes 27–40 ms instead.
//!
//! The renumbering is a bijection on characters and the result is still UTF-8, so a packed query
//! matches packed text exactly where the folded query matches the folded text, always at
//! character boundaries, with no false hits. Only byte offsets change; [`Marks`] takes them back.
//! Characters outside the Basic Multilingual Plane keep their code points.

/// The two-byte code points of UTF-8, in the order they are handed out.
const SLOTS: std::ops::Range<u32> = 0x80..0x800;
/// Code points the tables cover; above this, every character is its own packed form.
const PLANE: usize = 0x1_0000;

/// A renumbering of characters, and its inverse.
pub struct Packing {
    pack: Box<[u16]>,
    unpack: Box<[u16]>,
    /// The characters given two-byte forms, in the order of the code points they took.
    common: Vec<u32>,
}

impl std::fmt::Debug for Packing {
    /// How many characters moved, rather than two 64 K-entry tables.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let moved = (0..PLANE)
            .filter(|&c| usize::from(self.pack[c]) != c)
            .count();
        f.debug_struct("Packing")
            .field("moved", &moved)
            .finish_non_exhaustive()
    }
}

impl Default for Packing {
    /// Every character as itself.
    fn default() -> Self {
        let identity: Box<[u16]> = (0..PLANE)
            .map(|c| u16::try_from(c).unwrap_or(u16::MAX))
            .collect();
        Self {
            pack: identity.clone(),
            unpack: identity,
            common: Vec::new(),
        }
    }
}

impl Packing {
    /// The packing that gives two-byte forms to the commonest non-ASCII characters of `sample`
    /// (folded text, or close to it).
    ///
    /// ```
    /// use wenji_core::search::scan::packing::Packing;
    /// let packing = Packing::from_sample(["发展经济，发展民生"]);
    /// let packed = packing.pack("发展");
    /// assert_eq!(packed.len(), 4);
    /// assert_eq!(packing.unpack(&packed), "发展");
    /// ```
    pub fn from_sample<'a>(sample: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts = vec![0u64; PLANE];
        for text in sample {
            for c in text.chars() {
                if let Some(count) = counts.get_mut(c as usize) {
                    *count += 1;
                }
            }
        }
        let mut common: Vec<u32> = (0x80..u32::try_from(PLANE).unwrap_or(u32::MAX))
            .filter(|&c| counts[c as usize] > 0 && char::from_u32(c).is_some())
            .collect();
        common.sort_by_key(|&c| (std::cmp::Reverse(counts[c as usize]), c));
        common.truncate(SLOTS.len());
        Self::giving_slots_to(&common)
    }

    /// The characters given two-byte forms, in order: [`Packing::with_common`] of them is this
    /// packing again (how a stored index keeps its packing).
    pub fn common(&self) -> &[u32] {
        &self.common
    }

    /// The packing whose commonest characters are `common`, as [`Packing::common`] gave them;
    /// `None` unless they are distinct non-ASCII characters of the Basic Multilingual Plane, at
    /// most as many as there are two-byte code points.
    pub fn with_common(common: &[u32]) -> Option<Self> {
        let mut seen = vec![false; PLANE];
        for &c in common {
            let fits = (0x80..0x1_0000).contains(&c) && char::from_u32(c).is_some();
            if !fits || std::mem::replace(&mut seen[c as usize], true) {
                return None;
            }
        }
        (common.len() <= SLOTS.len()).then(|| Self::giving_slots_to(common))
    }

    /// The packing where `common[i]` takes the `i`-th two-byte code point. The characters that
    /// held those code points take the code points the common characters left, so every
    /// character has exactly one packed form and back.
    fn giving_slots_to(common: &[u32]) -> Self {
        let mut packing = Self::default();
        let slots: Vec<u32> = SLOTS.take(common.len()).collect();
        let is_slot = |c: u32| {
            slots
                .last()
                .is_some_and(|&last| (SLOTS.start..=last).contains(&c))
        };
        let is_common = {
            let mut flags = vec![false; PLANE];
            for &c in common {
                flags[c as usize] = true;
            }
            move |c: u32| flags[c as usize]
        };
        let displaced = slots.iter().copied().filter(|&s| !is_common(s));
        let vacated = common.iter().copied().filter(|&c| !is_slot(c));
        let moves = common
            .iter()
            .copied()
            .zip(slots.iter().copied())
            .chain(displaced.zip(vacated));
        for (from, to) in moves {
            packing.pack[from as usize] = to16(to);
            packing.unpack[to as usize] = to16(from);
        }
        packing.common = common.to_vec();
        packing
    }

    /// Every character whose packed form is another, with that form: the common characters and
    /// the ones whose code points they took, a few thousand at most (a pattern's classes are
    /// packed by moving these alone).
    pub fn moved(&self) -> Vec<(char, char)> {
        let slots = SLOTS.take(self.common.len());
        self.common
            .iter()
            .copied()
            .chain(slots)
            .filter_map(char::from_u32)
            .map(|c| (c, self.pack_char(c)))
            .filter(|(c, packed)| c != packed)
            .collect()
    }

    /// The packed form of `c`.
    pub fn pack_char(&self, c: char) -> char {
        self.pack
            .get(c as usize)
            .and_then(|&p| char::from_u32(u32::from(p)))
            .unwrap_or(c)
    }

    /// The character whose packed form is `c`.
    pub fn unpack_char(&self, c: char) -> char {
        self.unpack
            .get(c as usize)
            .and_then(|&p| char::from_u32(u32::from(p)))
            .unwrap_or(c)
    }

    /// `text` packed: how a query is put to the packed corpus.
    pub fn pack(&self, text: &str) -> String {
        text.chars().map(|c| self.pack_char(c)).collect()
    }

    /// Packed `text` as it was.
    pub fn unpack(&self, text: &str) -> String {
        text.chars().map(|c| self.unpack_char(c)).collect()
    }

    /// The length in bytes of packed `text` unpacked.
    pub fn unpacked_len(&self, text: &str) -> usize {
        text.chars().map(|c| self.unpack_char(c).len_utf8()).sum()
    }
}

fn to16(c: u32) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Packed bytes after which a field records a mark.
pub const MARK_EVERY: usize = 1024;

/// Offsets in one packed field → offsets in its folded (unpacked) form.
///
/// Walking the packed text from the field's start gives the answer; a long field keeps a mark
/// every [`MARK_EVERY`] packed bytes, so no walk is longer than that (a 10 MiB paragraph keeps
/// about 80 KiB of marks).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    /// `(packed, folded)` offset pairs at character boundaries, ascending.
    points: Vec<(u32, u32)>,
}

impl Marks {
    /// No marks: a short field.
    pub const NONE: Marks = Marks { points: Vec::new() };

    /// Notes that `packed` bytes of packed text stand for `folded` bytes of folded text, if a mark
    /// is due.
    pub fn note(&mut self, packed: usize, folded: usize) {
        let last = self.points.last().map_or(0, |&(p, _)| p as usize);
        if packed - last >= MARK_EVERY {
            self.points.push((to_u32(packed), to_u32(folded)));
        }
    }

    /// The packed offset from which [`note`](Self::note) records a mark.
    pub fn due(&self) -> usize {
        self.points.last().map_or(0, |&(p, _)| p as usize) + MARK_EVERY
    }

    /// The last mark at or before packed offset `offset`, as `(packed, folded)`; `(0, 0)`, the
    /// field's start, if there is none.
    pub fn before(&self, offset: usize) -> (usize, usize) {
        let at = self.points.partition_point(|&(p, _)| p as usize <= offset);
        at.checked_sub(1).map_or((0, 0), |i| {
            (self.points[i].0 as usize, self.points[i].1 as usize)
        })
    }

    /// The folded offset of packed offset `offset` in `packed`, the field's packed text.
    pub fn folded(&self, packing: &Packing, packed: &str, offset: usize) -> usize {
        let (from, folded) = self.before(offset);
        folded + packing.unpacked_len(packed.get(from..offset).unwrap_or_default())
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The `(packed, folded)` pairs, for storing.
    pub fn points(&self) -> &[(u32, u32)] {
        &self.points
    }

    /// Marks from stored `points`; `None` if either offset goes back.
    pub fn from_points(points: Vec<(u32, u32)>) -> Option<Self> {
        ascending(&points).then_some(Self { points })
    }

    /// Bytes the marks hold, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.points.capacity() * std::mem::size_of::<(u32, u32)>()
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Whether neither offset of `points` ever goes back, as every lookup by bisection needs.
pub(crate) fn ascending(points: &[(u32, u32)]) -> bool {
    points
        .windows(2)
        .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_commonest_characters_take_two_bytes_and_the_rest_keep_their_length_or_less() {
        let packing = Packing::from_sample(["的的的的是是是发展"]);
        assert_eq!(packing.pack_char('的'), '\u{80}');
        assert_eq!(packing.pack_char('是'), '\u{81}');
        assert_eq!(packing.pack("的是").len(), 4);
        assert_eq!(packing.pack("abc"), "abc", "ASCII is never moved");
    }

    #[test]
    fn a_displaced_two_byte_character_takes_a_vacated_code_point() {
        let packing = Packing::from_sample(["的"]);
        let moved = packing.pack_char('\u{80}');
        assert_eq!(moved, '的', "U+0080 takes the code point 的 left");
        assert_eq!(packing.unpack_char(moved), '\u{80}');
    }

    #[test]
    fn characters_above_the_basic_plane_are_themselves() {
        let packing = Packing::from_sample(["𠀀𠀀𠀀中"]);
        assert_eq!(packing.pack("𠀀"), "𠀀");
        assert_eq!(packing.pack_char('中'), '\u{80}');
    }

    #[test]
    fn marks_take_packed_offsets_back_to_folded_ones() {
        let packing = Packing::from_sample(["振兴"]);
        let folded = "振兴a东北".repeat(400);
        let packed = packing.pack(&folded);
        let mut marks = Marks::default();
        let mut folded_len = 0;
        let mut packed_len = 0;
        for c in folded.chars() {
            folded_len += c.len_utf8();
            packed_len += packing.pack_char(c).len_utf8();
            marks.note(packed_len, folded_len);
        }
        assert!(!marks.is_empty());
        for (offset, _) in packed.char_indices() {
            let expected: usize = packed[..offset]
                .chars()
                .map(|c| packing.unpack_char(c).len_utf8())
                .sum();
            assert_eq!(marks.folded(&packing, &packed, offset), expected);
        }
    }

    #[test]
    fn a_packing_is_rebuilt_from_its_common_characters_and_bad_lists_are_refused() {
        let packing = Packing::from_sample(["的的的是是发展"]);
        let again = Packing::with_common(packing.common()).expect("its own list");
        for c in ['的', '是', '发', '展', '\u{80}', '\u{81}', 'a', '𠀀'] {
            assert_eq!(again.pack_char(c), packing.pack_char(c), "{c}");
        }
        assert!(Packing::with_common(&[0x7684, 0x7684]).is_none(), "twice");
        assert!(Packing::with_common(&[0x41]).is_none(), "ASCII");
        assert!(Packing::with_common(&[0xD800]).is_none(), "a surrogate");
        assert!(
            Packing::with_common(&[0x2_0000]).is_none(),
            "above the plane"
        );
        let too_many: Vec<u32> = (0x4E00..0x4E00 + 1921).collect();
        assert!(Packing::with_common(&too_many).is_none());
    }

    proptest! {
        #[test]
        fn packing_is_a_bijection_that_keeps_matches_where_they_were(
            sample in "[的是发展中国a-c\u{80}-\u{90}\u{7ff}]{0,40}",
            text in "[的是发展中国a-c\u{80}-\u{90}\u{7ff}𠀀]{0,40}",
            needle in "[的是发展中国a-c\u{80}-\u{90}\u{7ff}𠀀]{1,3}",
        ) {
            let packing = Packing::from_sample([sample.as_str()]);
            let packed = packing.pack(&text);
            prop_assert_eq!(packing.unpack(&packed), text.clone());
            let found = |haystack: &str, needle: &str| {
                haystack.match_indices(needle).map(|(at, _)| haystack[..at].chars().count()).collect::<Vec<_>>()
            };
            prop_assert_eq!(found(&packed, &packing.pack(&needle)), found(&text, &needle));
        }
    }
}
