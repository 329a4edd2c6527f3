//! Runs of plain text: characters that sanitising passes through as they are, wherever they
//! stand, found by their UTF-8 bytes without decoding them.
//!
//! Nearly all of a Chinese corpus is printable ASCII and three-byte characters (hanzi, CJK and
//! full-width punctuation, the general punctuation `“ ” — …`), so the sanitiser skips those in
//! runs and looks one character at a time only at the rest. A three-byte character's block of 64
//! code points is named by its first two bytes and its place in the block by the third; a table
//! made once from [`super::kind`] holds a bit for each, so it can never disagree with the rules.
//! The lead bytes whose every character is plain (those of U+4000–U+9FFF: hanzi, and the
//! hexagram symbols among them) are found from the same table, so sixteen bytes of hanzi and
//! printable ASCII pass at once.

use std::sync::LazyLock;

use super::{Kind, kind};

/// For each block of 64 code points in U+0000–U+FFFF (indexed by the low four bits of a
/// three-byte character's lead byte and the low six of its second), a bit for each character
/// (by the low six bits of its third byte) that is kept as it is wherever it stands. Blocks below
/// U+0800 have no three-byte form and stay empty; surrogates never occur in a `str`.
static PLAIN: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut plain = [0; 1024];
    for (block, bits) in (0u32..).zip(plain.iter_mut()).skip(0x800 / 64) {
        for offset in 0..64 {
            if char::from_u32(block * 64 + offset).is_some_and(|c| kind(c) == Kind::Keep) {
                *bits |= 1 << offset;
            }
        }
    }
    plain
});

/// The longest run of lead bytes `1110xxxx` whose every three-byte character is plain: its
/// first, and how many follow it (`(0xFF, 0)`, which no UTF-8 byte is, when there is none).
static PLAIN_LEADS: LazyLock<(u8, u8)> = LazyLock::new(|| {
    let whole = |lead: u8| {
        let first = usize::from(lead & 0x0F) << 6;
        PLAIN[first..first + 64]
            .iter()
            .all(|&bits| bits == u64::MAX)
    };
    let mut best = (0xFF, 0);
    let mut run: Option<(u8, u8)> = None;
    for lead in 0xE0..=0xEF_u8 {
        run = if whole(lead) {
            Some(run.map_or((lead, 0), |(first, more)| (first, more + 1)))
        } else {
            None
        };
        if let Some((first, more)) = run
            && (best.0 == 0xFF || more > best.1)
        {
            best = (first, more);
        }
    }
    best
});

/// Finds runs of plain text in one string.
pub(super) struct Plain {
    plain: &'static [u64; 1024],
    /// [`PLAIN_LEADS`].
    leads: (u8, u8),
}

impl Plain {
    pub(super) fn new() -> Self {
        Self {
            plain: &PLAIN,
            leads: *PLAIN_LEADS,
        }
    }

    /// The end of the run of plain characters that starts at byte `at` of `bytes` (which are
    /// UTF-8, and `at` a character boundary): `at` itself when the character there needs a look.
    /// A line end is never plain, as the writer counts columns from it.
    pub(super) fn run_end(&self, bytes: &[u8], mut at: usize) -> usize {
        loop {
            // Hanzi and printable ASCII sixteen bytes at a time, then the rest of the character
            // the last of them starts.
            if let Some(sixteen) = bytes.get(at..at + 16).and_then(|s| s.try_into().ok())
                && self.sixteen_plain(sixteen)
            {
                at += 16;
                while bytes.get(at).is_some_and(|&b| b & 0xC0 == 0x80) {
                    at += 1;
                }
                continue;
            }
            // Hanzi and CJK punctuation four at a time, with one branch for all four.
            if let Some(four) = bytes.get(at..at + 12)
                && self.four_plain(four)
            {
                at += 12;
                continue;
            }
            match bytes.get(at..) {
                Some([lead, ..]) if (b' '..=b'~').contains(lead) => at += 1,
                Some([lead, second, third, ..]) if lead & 0xF0 == 0xE0 => {
                    if self.bit(*lead, *second, *third) == 0 {
                        return at;
                    }
                    at += 3;
                }
                _ => return at,
            }
        }
    }

    /// Whether every character that starts among `sixteen` bytes (from a character boundary)
    /// is plain without a look at the table: printable ASCII, or three bytes led by one of
    /// [`PLAIN_LEADS`]. Branch-free, so the compiler checks the sixteen bytes side by side.
    fn sixteen_plain(&self, sixteen: &[u8; 16]) -> bool {
        let (first, more) = self.leads;
        let looked_at = sixteen.iter().fold(0_u8, |looked_at, &b| {
            let printable = b.wrapping_sub(b' ') < 0x5F;
            let continuation = b.wrapping_sub(0x80) < 0x40;
            let lead = b.wrapping_sub(first) <= more;
            looked_at | u8::from(!(printable | continuation | lead))
        });
        looked_at == 0
    }

    /// Whether `twelve` bytes starting at a character boundary are four plain three-byte
    /// characters.
    fn four_plain(&self, twelve: &[u8]) -> bool {
        let [a0, a1, a2, b0, b1, b2, c0, c1, c2, d0, d1, d2] = *twelve else {
            return false;
        };
        // Each lead byte is `1110xxxx`; the bytes after a lead are then its own.
        let leads = (a0 ^ 0xE0) | (b0 ^ 0xE0) | (c0 ^ 0xE0) | (d0 ^ 0xE0);
        leads & 0xF0 == 0
            && self.bit(a0, a1, a2)
                & self.bit(b0, b1, b2)
                & self.bit(c0, c1, c2)
                & self.bit(d0, d1, d2)
                == 1
    }

    /// 1 when the three-byte character `lead second third` is plain, else 0.
    fn bit(&self, lead: u8, second: u8, third: u8) -> u64 {
        let block = usize::from(lead & 0x0F) << 6 | usize::from(second & 0x3F);
        self.plain[block] >> (third & 0x3F) & 1
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Where a plain run from the start of `text` ends, character by character from the rules.
    fn expected_end(text: &str) -> usize {
        text.char_indices()
            .find(|&(_, c)| {
                let kept = kind(c) == Kind::Keep && c != '\n';
                !(kept && (c.is_ascii() || c.len_utf8() == 3))
            })
            .map_or(text.len(), |(at, _)| at)
    }

    #[test]
    fn the_leads_read_sixteen_at_a_time_are_those_of_hanzi() {
        let (first, more) = *PLAIN_LEADS;
        // U+4000–U+9FFF: hanzi, and the hexagram symbols among them.
        assert_eq!((first, first + more), (0xE4, 0xE9));
        // A stop anywhere after a long run of hanzi and ASCII, on either side of sixteen bytes.
        let run = "中华人民共和国2025年国务院政府工作报告";
        for stop in ["\n", "\u{200B}", "é", "😀", "\u{3099}", "\u{FEFF}"] {
            for (at, _) in run.char_indices() {
                let text = format!("{}{stop}振兴", &run[..at]);
                assert_eq!(
                    Plain::new().run_end(text.as_bytes(), 0),
                    at,
                    "{stop:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn hanzi_and_common_punctuation_are_plain_and_controls_are_not() {
        let plain = Plain::new();
        let text = "各位代表，“振兴”——2025年…";
        assert_eq!(plain.run_end(text.as_bytes(), 0), text.len());
        for stop in [
            "\n", "\t", "\x1b", "\u{200B}", "\u{202E}", "\u{0301}", "é", "😀",
        ] {
            // Anywhere among four three-byte characters, or after them.
            for before in ["", "振", "振兴", "振兴中", "振兴中华", "振兴中华，"] {
                let text = format!("{before}{stop}中华全面振兴");
                assert_eq!(plain.run_end(text.as_bytes(), 0), before.len(), "{stop:?}");
            }
        }
    }

    #[test]
    fn only_characters_kept_wherever_they_stand_are_plain() {
        // Last of four, where a lead byte not of three bytes must not pass for one.
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let text = format!("振兴中{c}华");
            assert_eq!(
                Plain::new().run_end(text.as_bytes(), 0),
                expected_end(&text),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    proptest! {
        #[test]
        fn a_run_ends_at_the_first_character_that_needs_a_look(
            text in "[a 振兴，“\n\t\u{200B}\u{301}é😀\u{FEFF}\u{3099}\u{10000}]{0,40}"
        ) {
            prop_assert_eq!(Plain::new().run_end(text.as_bytes(), 0), expected_end(&text));
        }
    }
}
