//! `--ambiguous-wide` counts every East Asian Ambiguous character as two columns, as a terminal
//! set up for CJK draws it, letters included; checked against the `East_Asian_Width` data itself
//! (`layout_support`), not against wenji's own table.

mod layout_support;

use layout_support::east_asian_width::{EAST_ASIAN_AMBIGUOUS, is_east_asian_ambiguous};
use unicode_width::UnicodeWidthStr;
use wenji_core::text::width::{AmbiguousWidth, grapheme_width, str_width};
use wenji_core::text::wrap::{WrapOptions, wrap};

#[test]
fn greek_latin_and_cyrillic_letters_are_two_wide_in_wide_mode() {
    for letter in ["α", "ú", "Ω", "ё", "ø", "ā", "ǎ", "①"] {
        assert_eq!(grapheme_width(letter, AmbiguousWidth::Wide), 2, "{letter}");
        assert_eq!(
            grapheme_width(letter, AmbiguousWidth::Narrow),
            1,
            "{letter}"
        );
    }
}

#[test]
fn every_east_asian_ambiguous_character_is_two_wide_in_wide_mode() {
    let mut checked = 0;
    for &(first, last) in EAST_ASIAN_AMBIGUOUS {
        for c in (first..=last).filter_map(char::from_u32) {
            let text = c.to_string();
            // Combining marks and variation selectors are ambiguous too, but draw in no cell.
            if text.width_cjk() == 0 {
                assert_eq!(grapheme_width(&text, AmbiguousWidth::Wide), 0, "{c:?}");
                continue;
            }
            assert_eq!(grapheme_width(&text, AmbiguousWidth::Wide), 2, "{c:?}");
            checked += 1;
        }
    }
    assert!(checked > 100_000, "only {checked} characters checked");
}

#[test]
fn wide_mode_changes_nothing_but_ambiguous_characters() {
    let mut buffer = [0; 4];
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let text: &str = c.encode_utf8(&mut buffer);
        let expected = if is_east_asian_ambiguous(c) && text.width_cjk() > 0 {
            2
        } else {
            text.width_cjk().min(2)
        };
        assert_eq!(
            grapheme_width(text, AmbiguousWidth::Wide),
            expected,
            "{c:?}"
        );
    }
}

#[test]
fn a_greek_letter_makes_the_line_wrap_in_wide_mode() {
    let text = "一二三四五α";
    let options = WrapOptions {
        width: 11,
        first_indent: 0,
        ambiguous: AmbiguousWidth::Wide,
    };
    let lines: Vec<&str> = wrap(text, &options)
        .into_iter()
        .map(|line| &text[line.range])
        .collect();
    assert_eq!(lines, ["一二三四五", "α"]);
    assert!(
        lines
            .iter()
            .all(|line| str_width(line, AmbiguousWidth::Wide) <= 11)
    );
}
