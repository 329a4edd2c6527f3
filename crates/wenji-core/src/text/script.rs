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
//! Not yet used by the search: the engine's folding takes it in next.

pub mod build;
mod table;

/// The form `c` folds to: itself unless the table names another.
pub fn fold_char(c: char) -> char {
    // Every character the table folds is at or above U+3400 (CJK).
    if c < '\u{3400}' {
        return c;
    }
    table::FOLD
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |at| table::FOLD[at].1)
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
    fn the_table_is_the_one_the_data_makes() {
        let made = build::from_opencc(&build::OPENCC).expect("the data reads");
        assert_eq!(made.as_slice(), table::FOLD);
    }
}
