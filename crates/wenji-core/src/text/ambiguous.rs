//! The East Asian Ambiguous characters that `unicode-width` draws one column wide even in its
//! East Asian context: letters and modifier symbols (`α Ω ú ø ё ā ˇ ¨`).
//!
//! `unicode-width`'s `width_cjk` counts an ambiguous character as 2 only when it is not a letter
//! or a modifier symbol (its rule 6), so `α` stays 1. A terminal set up for CJK draws every
//! East Asian Ambiguous character two wide, letters included, so `--ambiguous-wide` must count
//! them as 2 too, or a line of Greek or pinyin overruns the pane. [`widened_in_wide_mode`] says
//! which characters to add.
//!
//! The table holds every code point with `East_Asian_Width=A` and a `General_Category` of `L*`
//! (letter) or `Sk` (modifier symbol), from Unicode 18.0.0 (the version `unicode-width` 0.2.3
//! uses), as the Python package `unicodedata2` 18.0.0 gives it. To regenerate (after
//! `pip install unicodedata2`):
//!
//! ```text
//! python3 -c 'import unicodedata2 as u, itertools as t; a=[i for i in range(0x110000) if u.east_asian_width(chr(i))=="A" and (u.category(chr(i))[0]=="L" or u.category(chr(i))=="Sk")]; [print(f"    (0x{g[0][1]:04_X}, 0x{g[-1][1]:04_X}),") for g in (list(g) for _, g in t.groupby(enumerate(a), lambda p: p[1]-p[0]))]'
//! ```
//!
//! `tests/ambiguous_width.rs` checks the result against the `East_Asian_Width` data itself.

/// Inclusive code point ranges, sorted and disjoint.
const LETTERS_AND_MODIFIERS: &[(u32, u32)] = &[
    (0x00A8, 0x00A8),
    (0x00AA, 0x00AA),
    (0x00B4, 0x00B4),
    (0x00B8, 0x00B8),
    (0x00BA, 0x00BA),
    (0x00C6, 0x00C6),
    (0x00D0, 0x00D0),
    (0x00D8, 0x00D8),
    (0x00DE, 0x00E1),
    (0x00E6, 0x00E6),
    (0x00E8, 0x00EA),
    (0x00EC, 0x00ED),
    (0x00F0, 0x00F0),
    (0x00F2, 0x00F3),
    (0x00F8, 0x00FA),
    (0x00FC, 0x00FC),
    (0x00FE, 0x00FE),
    (0x0101, 0x0101),
    (0x0111, 0x0111),
    (0x0113, 0x0113),
    (0x011B, 0x011B),
    (0x0126, 0x0127),
    (0x012B, 0x012B),
    (0x0131, 0x0133),
    (0x0138, 0x0138),
    (0x013F, 0x0142),
    (0x0144, 0x0144),
    (0x0148, 0x014B),
    (0x014D, 0x014D),
    (0x0152, 0x0153),
    (0x0166, 0x0167),
    (0x016B, 0x016B),
    (0x01CE, 0x01CE),
    (0x01D0, 0x01D0),
    (0x01D2, 0x01D2),
    (0x01D4, 0x01D4),
    (0x01D6, 0x01D6),
    (0x01D8, 0x01D8),
    (0x01DA, 0x01DA),
    (0x01DC, 0x01DC),
    (0x0251, 0x0251),
    (0x0261, 0x0261),
    (0x02C4, 0x02C4),
    (0x02C7, 0x02C7),
    (0x02C9, 0x02CB),
    (0x02CD, 0x02CD),
    (0x02D0, 0x02D0),
    (0x02D8, 0x02DB),
    (0x02DD, 0x02DD),
    (0x02DF, 0x02DF),
    (0x0391, 0x03A1),
    (0x03A3, 0x03A9),
    (0x03B1, 0x03C1),
    (0x03C3, 0x03C9),
    (0x0401, 0x0401),
    (0x0410, 0x044F),
    (0x0451, 0x0451),
    (0x207F, 0x207F),
    (0x2113, 0x2113),
    (0x2126, 0x2126),
    (0x212B, 0x212B),
];

/// `c` is East Asian Ambiguous but `unicode-width` counts it one column wide in its East Asian
/// context: a CJK terminal draws it two wide.
///
/// ```
/// use wenji_core::text::ambiguous::widened_in_wide_mode;
/// assert!("αúΩёø".chars().all(widened_in_wide_mode));
/// assert!(!widened_in_wide_mode('a') && !widened_in_wide_mode('“'));
/// ```
pub fn widened_in_wide_mode(c: char) -> bool {
    let c = u32::from(c);
    let at = LETTERS_AND_MODIFIERS.partition_point(|&(_, last)| last < c);
    LETTERS_AND_MODIFIERS
        .get(at)
        .is_some_and(|&(first, _)| first <= c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_disjoint_and_merged() {
        for pair in LETTERS_AND_MODIFIERS.windows(2) {
            assert!(pair[0].0 <= pair[0].1, "{pair:x?}");
            assert!(pair[0].1 + 1 < pair[1].0, "{pair:x?}");
        }
    }
}
