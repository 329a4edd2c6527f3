//! Traditional, simplified and variant characters as one: each character folds to the one
//! form that stands for all the characters a reader of either script may have written for it
//! (`裏`, `裡` and `里` to `里`, `臺` to `台`, `綫` and `線` to `线`), character by character, so
//! that folding the text and the query the same way loses no match.
//!
//! The table ([`table::FOLD`]) is made from OpenCC 1.4.2's character tables, kept in
//! `data/opencc-1.4.2` with their licence (Apache-2.0), by [`build`]: every character joined
//! with each form those tables give it, the classes this makes each folded to one member. It is
//! checked in, and a test makes it again from the data to show the two agree;
//! `cargo run -p wenji-core --example script_table` writes it.
//!
//! The search folds every character of the corpus through [`fold_char`], so the table is read
//! through a two-level lookup made from it once ([`Lookup`]): the Basic Multilingual Plane in
//! blocks of 64 characters, each block that folds nothing shared, which takes two loads a
//! character where a binary search took about a dozen. A character of the BMP always folds to
//! one of the BMP, so folding keeps its UTF-8 length; one of the supplementary planes (rare in
//! any text) is looked up by binary search, and may fold to one of three bytes.

use std::sync::LazyLock;

pub mod build;
mod table;

/// Characters a block of the BMP lookup covers.
const BLOCK: usize = 64;

/// The first character the table folds, or any of its forms: all are CJK.
const FIRST: char = '\u{3400}';

/// Blocks of [`BLOCK`] characters in the BMP.
const BLOCKS: usize = 0x1_0000 / BLOCK;

/// The table as a two-level lookup for the BMP (see the module's documentation).
struct Lookup {
    /// For each block of [`BLOCK`] characters, where its entries start in `entries`.
    blocks: [u16; BLOCKS],
    /// For each character of a block, what it folds to in the low 16 bits and which of that
    /// form's [`forms`] it is in the next 8; `0` for a character that folds to itself. The
    /// first block is all `0`, shared by every block that folds nothing.
    entries: Vec<u32>,
    /// Every folded form with each character that folds to it, sorted: the forms of a character.
    forms: Vec<(char, char)>,
}

static LOOKUP: LazyLock<Lookup> = LazyLock::new(|| {
    let mut forms: Vec<(char, char)> = table::FOLD.iter().map(|&(from, to)| (to, from)).collect();
    forms.sort_unstable();
    let mut blocks = [0_u16; BLOCKS];
    let mut entries = vec![0_u32; BLOCK];
    for &(from, to) in table::FOLD {
        let (Ok(code), Ok(_)) = (u16::try_from(u32::from(from)), u16::try_from(u32::from(to)))
        else {
            continue;
        };
        let block = usize::from(code) / BLOCK;
        if blocks[block] == 0 {
            blocks[block] = u16::try_from(entries.len()).expect("fewer than 2^16 entries");
            entries.resize(entries.len() + BLOCK, 0);
        }
        let at = usize::from(blocks[block]) + usize::from(code) % BLOCK;
        entries[at] = u32::from(to) | u32::from(number_in(&forms, to, from)) << 16;
    }
    Lookup {
        blocks,
        entries,
        forms,
    }
});

/// The folding table, looked up once for a loop over many characters.
#[derive(Clone, Copy)]
pub struct Table {
    lookup: &'static Lookup,
}

/// The folding table.
pub fn table() -> Table {
    Table { lookup: &LOOKUP }
}

impl Table {
    /// The entry of BMP character `code`: what it folds to and its form's number, or `0`.
    #[inline]
    fn entry(self, code: u16) -> u32 {
        let block = usize::from(self.lookup.blocks[usize::from(code) / BLOCK]);
        self.lookup
            .entries
            .get(block + usize::from(code) % BLOCK)
            .copied()
            .unwrap_or(0)
    }

    /// The form `c` folds to ([`fold_char`]).
    #[inline]
    pub fn fold(self, c: char) -> char {
        if c < FIRST {
            return c;
        }
        let Ok(code) = u16::try_from(u32::from(c)) else {
            return fold_beyond_bmp(c);
        };
        match self.entry(code) {
            0 => c,
            entry => char::from_u32(entry & 0xFFFF).unwrap_or(c),
        }
    }

    /// What `c` folds to and its form's number ([`fold_numbered`]).
    #[inline]
    pub fn fold_numbered(self, c: char) -> (char, u8) {
        if c < FIRST {
            return (c, 0);
        }
        let Ok(code) = u16::try_from(u32::from(c)) else {
            let folded = fold_beyond_bmp(c);
            return (folded, number_in(&self.lookup.forms, folded, c));
        };
        match self.entry(code) {
            0 => (c, 0),
            entry => (
                char::from_u32(entry & 0xFFFF).unwrap_or(c),
                u8::try_from(entry >> 16).unwrap_or(0),
            ),
        }
    }
}

/// The form a character beyond the BMP folds to, found in the table by bisection (such
/// characters are rare in any text).
fn fold_beyond_bmp(c: char) -> char {
    table::FOLD
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |at| table::FOLD[at].1)
}

/// The form `c` folds to: itself unless the table names another.
///
/// ```
/// use wenji_core::text::script::fold_char;
/// assert_eq!(fold_char('臺'), '台');
/// assert_eq!(fold_char('國'), fold_char('国'));
/// assert_eq!(fold_char('a'), 'a');
/// ```
pub fn fold_char(c: char) -> char {
    table().fold(c)
}

/// What `c` folds to, and which of that form's [`forms`] `c` is: `0` for the folded form
/// itself, so a text folded can say where it was written otherwise, and how.
///
/// ```
/// use wenji_core::text::script::{fold_numbered, form};
/// let (folded, number) = fold_numbered('線');
/// assert_eq!((folded, form(folded, number)), ('线', '線'));
/// assert_eq!(fold_numbered('线'), ('线', 0));
/// ```
pub fn fold_numbered(c: char) -> (char, u8) {
    table().fold_numbered(c)
}

/// Form number `number` of folded character `folded` (as [`fold_numbered`] gives them): the
/// character as it was written. `folded` itself for `0`, or a number it has no form for.
pub fn form(folded: char, number: u8) -> char {
    if number == 0 {
        return folded;
    }
    let pairs = &LOOKUP.forms;
    let start = pairs.partition_point(|&(to, _)| to < folded);
    pairs
        .get(start + usize::from(number) - 1)
        .filter(|&&(to, _)| to == folded)
        .map_or(folded, |&(_, from)| from)
}

/// Which of `folded`'s forms `c` is, among the sorted `(folded, form)` pairs: `0` for `folded`.
fn number_in(pairs: &[(char, char)], folded: char, c: char) -> u8 {
    if c == folded {
        return 0;
    }
    let start = pairs.partition_point(|&(to, _)| to < folded);
    pairs[start..]
        .iter()
        .take_while(|&&(to, _)| to == folded)
        .position(|&(_, from)| from == c)
        .and_then(|at| u8::try_from(at + 1).ok())
        .unwrap_or(0)
}

/// Whether folding changes `c`.
pub fn folds(c: char) -> bool {
    fold_char(c) != c
}

/// Every character that folds to what `c` folds to, `c` among them: the folded form first, then
/// the others in code order.
///
/// ```
/// use wenji_core::text::script::forms;
/// let inside = forms('裡');
/// assert_eq!(inside[0], '里');
/// assert!(inside.contains(&'裏') && inside.contains(&'裡'));
/// assert_eq!(forms('a'), ['a']);
/// ```
pub fn forms(c: char) -> Vec<char> {
    let folded = fold_char(c);
    let mut all = vec![folded];
    if folded >= FIRST {
        let pairs = &LOOKUP.forms;
        let start = pairs.partition_point(|&(to, _)| to < folded);
        all.extend(
            pairs[start..]
                .iter()
                .take_while(|&&(to, _)| to == folded)
                .map(|&(_, from)| from),
        );
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        text.chars().map(fold_char).collect()
    }

    #[test]
    fn the_forms_of_one_character_fold_to_one() {
        for forms in [
            "裏裡里",
            "台臺",
            "綫線线",
            "爲為为",
            "衞衛卫",
            "峯峰",
            "羣群",
            "册冊",
            "却卻",
            "叙敘敍",
            "國国",
            "發髮发",
            "灣湾",
        ] {
            let first = fold_char(forms.chars().next().expect("a form"));
            assert!(
                forms.chars().all(|c| fold_char(c) == first),
                "{forms}: {}",
                folded(forms)
            );
        }
        assert_eq!(folded("國家安全"), folded("国家安全"));
        assert_eq!(folded("台灣"), folded("臺湾"));
    }

    #[test]
    fn characters_kept_apart_stay_apart_and_others_pass_unchanged() {
        for (a, b) in build::KEPT_APART {
            assert_ne!(fold_char(a), fold_char(b), "{a}/{b}");
        }
        assert_eq!(folded("abc，。 振兴"), "abc，。 振兴");
    }

    #[test]
    fn every_form_folded_to_folds_to_itself() {
        for &(from, to) in table::FOLD {
            assert_eq!(fold_char(to), to, "{from} → {to}");
            assert_ne!(from, to);
        }
        assert!(table::FOLD.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert!(
            table::FOLD[0].0 >= '\u{3400}',
            "what fold_char passes over folds to itself"
        );
    }

    #[test]
    fn the_lookup_answers_as_the_table_does_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let listed = table::FOLD
                .binary_search_by_key(&c, |&(from, _)| from)
                .map_or(c, |at| table::FOLD[at].1);
            assert_eq!(fold_char(c), listed, "{c:?}");
            if c <= '\u{FFFF}' {
                assert!(fold_char(c) <= '\u{FFFF}', "{c:?} keeps its UTF-8 length");
            }
        }
    }

    #[test]
    fn every_character_is_the_form_its_number_names() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let (folded, number) = fold_numbered(c);
            assert_eq!(folded, fold_char(c), "{c:?}");
            assert_eq!(form(folded, number), c, "{c:?}");
            assert_eq!(number == 0, folded == c, "{c:?}");
        }
    }

    #[test]
    fn the_forms_of_a_character_are_its_class() {
        assert_eq!(forms('线'), ['线', '綫', '線', '缐']);
        assert_eq!(forms('綫'), forms('线'));
        for &(from, to) in table::FOLD {
            let of_from = forms(from);
            assert_eq!(of_from[0], to);
            assert!(of_from.contains(&from));
            assert!(of_from.iter().all(|&c| fold_char(c) == to));
        }
    }

    #[test]
    fn the_table_is_the_one_the_data_makes() {
        let made = build::from_opencc(&build::OPENCC).expect("the data reads");
        assert_eq!(made.as_slice(), table::FOLD);
    }
}
