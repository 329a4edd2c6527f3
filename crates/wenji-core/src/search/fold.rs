//! Search folding: what matches what (CHINESE-TEXT.md §4).
//!
//! Latin letters match case-insensitively, full-width forms match their ASCII forms
//! (`ＡＢＣ１２３（` = `abc123(`), the ideographic space matches a space, and zero-width
//! characters are ignored, and traditional, simplified and variant characters match as one
//! ([`crate::text::script`]: `國` and `国`, `臺` and `台`). Text and queries go through the same
//! [`fold`], and a [`FoldMap`] takes an offset in the folded text back to the original, so a
//! highlight covers exactly the original characters that matched.

use super::scan::packing::{Marks, Packing};
use crate::text::script;

/// Folded text with the way back to the original.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub map: FoldMap,
}

/// Offsets in folded text → offsets in the original.
///
/// Folding keeps most characters' byte length (hanzi, even those it folds, and ASCII), so the
/// map stores only the points
/// after which the two differ by a new amount: `(folded, original)` pairs after every character
/// whose length changed. Text whose folding kept every length needs no points at all.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FoldMap {
    points: Vec<(u32, u32)>,
}

impl FoldMap {
    /// The original offset of folded offset `folded` (a character boundary in the folded text).
    ///
    /// ```
    /// use wenji_core::search::fold::fold;
    /// let folded = fold("ＧＤＰ增长５%");
    /// assert_eq!(folded.text, "gdp增长5%");
    /// assert_eq!(folded.map.original(0), 0);
    /// assert_eq!(folded.map.original(3), 9);   // 增 starts after three 3-byte letters
    /// assert_eq!(folded.map.original(10), 18); // after ５ (3 bytes) folded to 5 (1 byte)
    /// ```
    pub fn original(&self, folded: usize) -> usize {
        let at = self.points.partition_point(|&(f, _)| f as usize <= folded);
        match at.checked_sub(1).map(|i| self.points[i]) {
            Some((f, o)) => o as usize + (folded - f as usize),
            None => folded,
        }
    }

    /// The `(folded, original)` pairs, for storing.
    pub fn points(&self) -> &[(u32, u32)] {
        &self.points
    }

    /// A map from stored `points`; `None` if either offset goes back.
    pub fn from_points(points: Vec<(u32, u32)>) -> Option<Self> {
        super::scan::packing::ascending(&points).then_some(Self { points })
    }

    /// Whether folding kept every byte where it was.
    pub fn is_identity(&self) -> bool {
        self.points.is_empty()
    }

    /// Bytes this map holds, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.points.capacity() * std::mem::size_of::<(u32, u32)>()
    }
}

/// The folded form of one character: `None` to drop it, or the character to search by.
pub(crate) fn fold_char(c: char) -> Option<char> {
    fold_written_char(c).map(script::fold_char)
}

/// [`fold_char`] but for scripts: case, width and the characters dropped, the form a word was
/// written in kept (`ＧＤＰ` is `gdp`, `國` stays `國`).
fn fold_written_char(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        '\u{FF01}'..='\u{FF5E}' => {
            // Full-width ASCII variants sit 0xFEE0 above their ASCII forms.
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            Some(ascii.to_ascii_lowercase())
        }
        '\u{3000}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        _ => Some(c),
    }
}

/// `text` folded as a search folds it, but for scripts: the form it was written in, as the
/// forms found are told apart and an exact-script search compares them.
///
/// ```
/// use wenji_core::search::fold::fold_written;
/// assert_eq!(fold_written("國家ＧＤＰ\u{200b}"), "國家gdp");
/// ```
pub fn fold_written(text: &str) -> String {
    text.chars().filter_map(fold_written_char).collect()
}

/// Folds `text` for searching.
///
/// ```
/// use wenji_core::search::fold::fold;
/// assert_eq!(fold("ＡＩ与Ai　GDP\u{200b}增长").text, "ai与ai gdp增长");
/// ```
pub fn fold(text: &str) -> Folded {
    let (text, map, _, _) = fold_then::<false>(text, |c| c);
    Folded { text, map }
}

/// One field as the index holds it: folded, then packed ([`Packing`]), with the ways back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PackedField {
    pub text: String,
    /// Folded offsets → original ones.
    pub map: FoldMap,
    /// Packed offsets → folded ones.
    pub marks: Marks,
    /// Where a character was written in another form than the one it folds to: its packed
    /// offset, and which of the folded character's forms it was
    /// ([`script::fold_numbered`]), in order.
    pub variants: Vec<(u32, u8)>,
}

/// Folds `text` and packs it with `packing`.
///
/// ```
/// use wenji_core::search::fold::fold_packed;
/// use wenji_core::search::scan::packing::Packing;
/// let packing = Packing::from_sample(["增长"]);
/// let field = fold_packed("ＧＤＰ增长", &packing);
/// assert_eq!(packing.unpack(&field.text), "gdp增长");
/// assert_eq!(field.text.len(), 7, "增长 packed into two bytes each");
/// ```
pub fn fold_packed(text: &str, packing: &Packing) -> PackedField {
    let (text, map, marks, variants) = fold_then::<true>(text, |c| packing.pack_char(c));
    PackedField {
        text,
        map,
        marks,
        variants,
    }
}

/// Folds `text`, passing each folded character through `then`, and keeps the way back from
/// the result to the folded text (marks) and from the folded text to `text` (the map), and
/// where a character was written in another script's form (the variants).
///
/// The index folds the whole corpus through here, so the loop takes the common cases first:
/// ASCII, which folds to one byte, and three-byte characters outside the few that fold to
/// another length ([`folds_three_bytes`]): their script folding keeps them three bytes, so
/// they need no point in the map. Variants are noted only when `VARIANTS` asks for them.
fn fold_then<const VARIANTS: bool>(
    text: &str,
    then: impl Fn(char) -> char,
) -> (String, FoldMap, Marks, Vec<(u32, u8)>) {
    let script = script::table();
    let fold = |c: char| {
        if VARIANTS {
            script.fold_numbered(c)
        } else {
            (script.fold(c), 0)
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut folded_len = 0;
    let mut points = Vec::new();
    let mut variants = Vec::new();
    let mut marks = Marks::default();
    let mut due = marks.due();
    for (offset, c) in text.char_indices() {
        let len = c.len_utf8();
        if c.is_ascii() {
            out.push(then(c.to_ascii_lowercase()));
            folded_len += 1;
        } else if len == 3 && !folds_three_bytes(c) {
            let (folded, number) = fold(c);
            if number != 0 {
                variants.push((to_u32(out.len()), number));
            }
            out.push(then(folded));
            folded_len += 3;
        } else {
            let written = fold_written_char(c);
            if let Some(w) = written {
                let (f, number) = fold(w);
                if number != 0 {
                    variants.push((to_u32(out.len()), number));
                }
                out.push(then(f));
                folded_len += f.len_utf8();
                if f.len_utf8() != len {
                    points.push((to_u32(folded_len), to_u32(offset + len)));
                }
            } else {
                points.push((to_u32(folded_len), to_u32(offset + len)));
            }
        }
        if out.len() >= due {
            marks.note(out.len(), folded_len);
            due = marks.due();
        }
    }
    (out, FoldMap { points }, marks, variants)
}

/// Whether [`fold_char`] changes three-byte `c` to another length, or drops it.
fn folds_three_bytes(c: char) -> bool {
    matches!(
        c,
        '\u{FF01}'..='\u{FF5E}' | '\u{3000}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Folds a query: the same folding, nothing to map back.
pub fn fold_query(query: &str) -> String {
    query.chars().filter_map(fold_char).collect()
}

/// Folds `text` as a query is folded, onto the end of `out`: ASCII byte by byte, other
/// characters through [`fold_char`], the runs that folding leaves as they are copied whole.
pub fn fold_query_into(text: &str, out: &mut String) {
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let folded = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            fold_char(c)
        };
        if folded != Some(c) {
            out.push_str(&text[run..at]);
            out.extend(folded);
            run = at + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
}

/// Offsets within one field fit in 32 bits: a single field over 4 GB is cut off at load anyway.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Folding onto a string by runs gives what folding character by character gives.
        #[test]
        fn folding_into_a_string_is_folding_a_query(text in "[a-zA-Z振兴國臺灣\u{201B2}\u{F900}《》、。\u{3000}\u{3001}\u{00A0}\u{00AD}\u{200B}-\u{200D}\u{2060}\u{2014}\u{FEFF}\u{FF01}-\u{FF5E}\u{FF61}]{0,24}") {
            let mut out = String::from("前");
            fold_query_into(&text, &mut out);
            prop_assert_eq!(out, format!("前{}", fold_query(&text)));
        }
    }

    /// `fold_packed` as plainly as it can be written: every character through `fold_char`, a
    /// point wherever a length changed, a mark whenever one is due, a variant wherever the
    /// script's folding changed the character.
    fn fold_packed_plainly(text: &str, packing: &Packing) -> PackedField {
        let mut out = String::new();
        let (mut folded_len, mut points, mut marks) = (0, Vec::new(), Marks::default());
        let mut variants = Vec::new();
        for (offset, c) in text.char_indices() {
            let folded = fold_char(c);
            if let Some(f) = folded {
                let written = fold_written_char(c).expect("not dropped");
                if written != f {
                    let number = script::forms(f).iter().position(|&form| form == written);
                    let number = u8::try_from(number.expect("one of its forms")).expect("few");
                    variants.push((to_u32(out.len()), number));
                }
                out.push(packing.pack_char(f));
                folded_len += f.len_utf8();
                marks.note(out.len(), folded_len);
            }
            if folded.map_or(0, char::len_utf8) != c.len_utf8() {
                points.push((to_u32(folded_len), to_u32(offset + c.len_utf8())));
            }
        }
        PackedField {
            text: out,
            map: FoldMap { points },
            marks,
            variants,
        }
    }

    proptest! {
        #[test]
        fn the_fast_loop_folds_packs_maps_and_marks_as_the_plain_one_does(
            text in "[a-zA-Z0-9 ,发展中国的是國發臺裡\u{201B2}\u{F900}Ａ-Ｚａ-ｚ０-９，（）\u{3000}\u{200b}-\u{200d}\u{2060}\u{feff}\u{ad}é\u{80}-\u{90}\u{7ff}\u{ffef}𠀀]{0,3000}",
            sample in "[发展中国的是国台é\u{80}\u{7ff}Ａ，]{0,20}",
        ) {
            let packing = Packing::from_sample([sample.as_str()]);
            prop_assert_eq!(fold_packed(&text, &packing), fold_packed_plainly(&text, &packing));
        }
    }

    #[test]
    fn traditional_and_variant_characters_fold_as_one_and_map_back() {
        assert_eq!(fold_query("國家安全"), fold_query("国家安全"));
        assert_eq!(fold_query("臺灣"), fold_query("台湾"));
        let text = "\u{201B2}國，臺";
        let folded = fold(text);
        assert_eq!(folded.text, "\u{5123}国,台");
        assert_eq!(
            folded.map.original(3),
            4,
            "国 after a character four bytes long"
        );
        assert_eq!(folded.map.original(7), 10, "台 after the full-width comma");
        assert_eq!(folded.map.original(10), text.len());
    }

    #[test]
    fn full_width_and_case_fold_to_ascii_lowercase() {
        assert_eq!(fold_query("ＡＢＣ１２３（Xy）"), "abc123(xy)");
    }

    #[test]
    fn ideographic_space_is_a_space_and_zero_width_is_gone() {
        assert_eq!(fold_query("中国\u{3000}式\u{200b}现代化"), "中国 式现代化");
    }

    #[test]
    fn punctuation_matches_its_half_width_form() {
        assert_eq!(fold_query("，"), ",");
    }

    #[test]
    fn map_goes_back_across_dropped_characters() {
        let text = "振\u{200b}兴";
        let folded = fold(text);
        assert_eq!(folded.text, "振兴");
        assert_eq!(
            folded.map.original(3),
            6,
            "兴 starts after the zero-width space"
        );
        assert_eq!(folded.map.original(6), text.len());
    }

    #[test]
    fn hanzi_and_ascii_need_no_map_but_full_width_commas_do() {
        assert!(
            fold("实现全面振兴新突破。我们要把GDP作为驱动力。")
                .map
                .is_identity()
        );
        assert!(!fold("实现全面振兴新突破，").map.is_identity());
    }
}
