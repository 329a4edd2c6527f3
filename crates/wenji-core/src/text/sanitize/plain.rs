//! Runs of plain text: characters that sanitising passes through as they are, wherever they
//! stand, found by their UTF-8 bytes without decoding them.
//!
//! Nearly all of a Chinese corpus is printable ASCII and three-byte characters (hanzi, CJK and
//! full-width punctuation, the general punctuation `“ ” — …`), so the sanitiser skips those in
//! runs and looks one character at a time only at the rest. A three-byte character's block of 64
//! code points is named by its first two bytes and its place in the block by the third; a table
//! made once from [`super::kind`] holds a bit for each, so it can never disagree with the rules.

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

/// Finds runs of plain text in one string.
pub(super) struct Plain {
    plain: &'static [u64; 1024],
}

impl Plain {
    pub(super) fn new() -> Self {
        Self { plain: &PLAIN }
    }

    /// The end of the run of plain characters that starts at byte `at` of `bytes` (which are
    /// UTF-8, and `at` a character boundary): `at` itself when the character there needs a look.
    /// A line end is never plain, as the writer counts columns from it.
    pub(super) fn run_end(&self, bytes: &[u8], mut at: usize) -> usize {
        while let Some(&lead) = bytes.get(at) {
            if lead < 0x80 {
                if !(b' '..=b'~').contains(&lead) {
                    break;
                }
                at += 1;
            } else if lead & 0xF0 == 0xE0 {
                let byte = |n: usize| bytes.get(at + n).map_or(0, |&b| usize::from(b & 0x3F));
                let block = usize::from(lead & 0x0F) << 6 | byte(1);
                if self.plain[block] >> byte(2) & 1 == 0 {
                    break;
                }
                at += 3;
            } else {
                break;
            }
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanzi_and_common_punctuation_are_plain_and_controls_are_not() {
        let plain = Plain::new();
        let text = "各位代表，“振兴”——2025年…";
        assert_eq!(plain.run_end(text.as_bytes(), 0), text.len());
        for stop in [
            "\n", "\t", "\x1b", "\u{200B}", "\u{202E}", "\u{0301}", "é", "😀",
        ] {
            let text = format!("振兴{stop}中华");
            assert_eq!(plain.run_end(text.as_bytes(), 0), "振兴".len(), "{stop:?}");
        }
    }

    #[test]
    fn only_characters_kept_wherever_they_stand_are_plain() {
        for c in (0x800..=0xFFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            if Plain::new().run_end(text.as_bytes(), 0) > 0 {
                assert_eq!(kind(c), Kind::Keep, "U+{:04X}", u32::from(c));
            }
        }
    }
}
