//! Pinyin lookup: how letters are read, which characters each sound stands for, and the runs a
//! scan finds.

use regex_automata::meta::Regex;

use super::*;
use crate::text::script::fold_char;

fn reading(input: &str) -> Reading {
    read(input).unwrap_or_else(|e| panic!("{input:?} reads: {e}"))
}

fn spelled(input: &str) -> String {
    reading(input).to_string()
}

fn syllables(names: &[&'static str]) -> Vec<Sound> {
    names.iter().map(|&name| Sound::Syllable(name)).collect()
}

#[test]
fn syllables_apart_read_one_character_each() {
    let reading = reading("guojia anquan");
    assert_eq!(reading.len(), 4);
    assert_eq!(reading.sounds(), syllables(&["guo", "jia", "an", "quan"]));
}

#[test]
fn syllables_run_together_split_into_the_fewest() {
    // guo jia an quan, not gu o jia an quan or guo ji a an quan.
    assert_eq!(
        reading("guojiaanquan").sounds(),
        syllables(&["guo", "jia", "an", "quan"])
    );
    assert_eq!(reading("guojiaanquan"), reading("guojia anquan"));
    assert_eq!(spelled("zhongguo"), "zhong guo");
    assert_eq!(reading("zhongguo").len(), 2);
    // The longest first syllable would leave `ong`, which is none: back off to xian.
    assert_eq!(spelled("xiangong"), "xian gong");
}

#[test]
fn of_splits_as_short_the_longer_first_syllable_wins() {
    assert_eq!(spelled("fangan"), "fang an");
    assert_eq!(spelled("fan'gan"), "fan gan");
    assert_eq!(spelled("xian"), "xian");
    assert_eq!(spelled("jiangan"), "jiang an");
}

#[test]
fn an_apostrophe_or_a_space_separates_syllables() {
    assert_eq!(reading("xi'an").len(), 2);
    assert_eq!(reading("xi an").len(), 2);
    assert_eq!(reading("xi’an").len(), 2);
    assert_eq!(reading("xian").len(), 1);
    assert_eq!(reading("  GuoJia  "), reading("guojia"));
}

#[test]
fn letters_that_split_into_no_syllables_are_initials() {
    let reading = reading("gjaq");
    assert_eq!(reading.len(), 4);
    assert_eq!(
        reading.sounds(),
        ["g", "j", "a", "q"].map(Sound::Initial).as_slice()
    );
    assert_eq!(spelled("zhgrmgh"), "zh g r m g h");
    assert_eq!(spelled("zhg gjaq"), "zh g g j a q");
}

#[test]
fn a_letter_on_its_own_is_an_initial() {
    assert_eq!(reading("g j a q"), reading("gjaq"));
    assert_eq!(reading("g'j'a'q"), reading("gjaq"));
    assert_eq!(reading("a").sounds(), [Sound::Initial("a")]);
    assert!(reading("a").matches(&['啊']) && reading("a").matches(&['安']));
    assert_eq!(spelled("guojia a"), "guo jia a");
    assert_eq!(reading("guojia a").sounds()[2], Sound::Initial("a"));
}

#[test]
fn u_umlaut_is_written_v_u_colon_or_itself() {
    assert_eq!(reading("lv"), reading("lü"));
    assert_eq!(reading("lv"), reading("lu:"));
    assert_eq!(reading("LÜ"), reading("lv"));
    assert_ne!(reading("lv"), reading("lu"));
    assert!(reading("lv").matches(&['绿']));
    assert!(reading("nve").matches(&['虐']));
    assert_eq!(reading("lue"), reading("lve"));
    // After j, q, x and y the u is ü already.
    assert_eq!(reading("jv"), reading("ju"));
    assert_eq!(reading("xvan"), reading("xuan"));
}

#[test]
fn other_characters_are_named_in_the_error() {
    let error = read("123").expect_err("digits are no pinyin");
    for digit in ["`1`", "`2`", "`3`"] {
        assert!(error.contains(digit), "{error}");
    }
    let error = read("guo2jia1").expect_err("tones are not written");
    assert!(error.contains("`2`") && error.contains("`1`"), "{error}");
}

#[test]
fn letters_read_neither_way_are_named_in_the_error() {
    let error = read("guojiaq").expect_err("not syllables, not initials");
    assert!(error.contains("`q`"), "{error}");
    assert!(error.contains("`u`") && error.contains("`i`"), "{error}");
}

#[test]
fn empty_input_is_an_error() {
    assert!(read("").is_err());
    assert!(read("  ' ").is_err());
}

#[test]
fn too_many_characters_is_an_error_not_a_panic() {
    assert_eq!(reading(&"guo".repeat(MAX_LEN)).len(), MAX_LEN);
    let error = read(&"guo".repeat(MAX_LEN + 1)).expect_err("too long");
    assert!(error.contains("33"), "{error}");
}

#[test]
fn traditional_and_simplified_characters_both_match_as_folded() {
    let guo = reading("guo");
    assert_eq!(fold_char('國'), '国');
    assert!(guo.matches(&[fold_char('國')]));
    assert!(guo.matches(&[fold_char('国')]));
    assert!(reading("guojia").matches(&['国', '家']));
    assert!(!guo.matches(&['家']));
}

#[test]
fn a_character_is_found_under_every_reading() {
    for (c, readings) in [
        ('行', ["xing", "hang"]),
        ('长', ["chang", "zhang"]),
        ('还', ["hai", "huan"]),
    ] {
        for syllable in readings {
            assert!(reading(syllable).matches(&[c]), "{c} reads {syllable}");
        }
    }
    assert!(reading("yinhang").matches(&['银', '行']));
    assert!(reading("xingdong").matches(&['行', '动']));
}

#[test]
fn an_initial_stands_for_every_syllable_it_starts() {
    assert!(
        reading("z").matches(&['中']),
        "z is the first letter of zhong"
    );
    assert!(reading("z").matches(&['自']));
    assert!(!reading("zh").matches(&['自']));
    assert!(reading("a").matches(&['啊']));
    // In `gjaq` the a is an initial: 安 reads an.
    assert!(reading("gjaq").matches(&['国', '家', '安', '全']));
}

#[test]
fn matches_wants_exactly_as_many_characters() {
    let reading = reading("guojia");
    assert!(!reading.matches(&['国']));
    assert!(!reading.matches(&['国', '家', '安']));
    assert!(!reading.matches(&['国', 'a']));
}

#[test]
fn candidates_are_counted_most_frequent_first() {
    let text = "国家安全和国家利益，过家安全";
    let found = candidates(&reading("guojia"), [text].into_iter(), 10);
    assert_eq!(found[0], ("国家".to_owned(), 2));
    assert_eq!(found, [("国家".to_owned(), 2), ("过家".to_owned(), 1)]);
    assert_eq!(
        candidates(&reading("guojia"), [text].into_iter(), 1).len(),
        1
    );
    let safe = candidates(&reading("aq"), [text, "安全"].into_iter(), 10);
    assert_eq!(safe, [("安全".to_owned(), 3)]);
}

#[test]
fn candidates_as_frequent_come_in_code_order() {
    // 家 reads gu as well (大家 in older readings), once.
    let text = "过国过国家";
    let found = candidates(&reading("g"), [text].into_iter(), 10);
    assert_eq!(found[2], ("家".to_owned(), 1));
    let found = candidates(&reading("g"), [text].into_iter(), 2);
    assert_eq!(found, [("国".to_owned(), 2), ("过".to_owned(), 2)]);
    assert!('国' < '过');
}

#[test]
fn candidates_see_runs_across_nothing_else() {
    // 国 and 家 are apart; an ASCII letter or a mark between them breaks the run.
    let found = candidates(&reading("guojia"), ["国a家 国，家 国家"].into_iter(), 10);
    assert_eq!(found, [("国家".to_owned(), 1)]);
}

/// Every run a naive walk over windows of characters finds, counted.
fn counted_naively(reading: &Reading, text: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for window in chars.windows(reading.len()) {
        if reading.matches(window) {
            *counts.entry(window.iter().collect()).or_default() += 1;
        }
    }
    let mut counted: Vec<(String, usize)> = counts.into_iter().collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted
}

#[test]
fn the_scan_finds_what_matches_finds_among_characters_of_every_length() {
    // One, two, three and four bytes in UTF-8; 𠀀 is beyond the BMP and reads as nothing here.
    let text = "国家é国家😀国家𠀀国家ü过家ab国家，国国家家国家安全中国共产党国际";
    for input in [
        "guojia", "gj", "g", "guo", "zhongguo", "zggcd", "jiaan", "jiaguo",
    ] {
        let reading = reading(input);
        assert_eq!(
            candidates(&reading, [text].into_iter(), usize::MAX),
            counted_naively(&reading, text),
            "{input}"
        );
    }
}

#[test]
fn the_pattern_finds_what_the_reading_matches() {
    let reading = reading("guojia");
    let source = reading.regex_source();
    let regex = Regex::new(&source).expect("the pattern compiles");
    let found = regex.find("安全国家安全").expect("a match");
    assert_eq!(&"安全国家安全"[found.range()], "国家");
    assert!(regex.find("安全").is_none());
}

#[test]
fn the_pattern_of_initials_compiles_and_finds_them() {
    let source = reading("gjaq").regex_source();
    let regex = Regex::new(&source).expect("the pattern compiles");
    let text = "维护国家安全";
    let found = regex.find(text).expect("a match");
    assert_eq!(&text[found.range()], "国家安全");
    // Ranges keep the pattern short: a class of thousands of characters lists far fewer.
    assert!(source.contains('-'), "{source}");
}

#[test]
fn every_syllable_has_characters_and_every_initial_starts_one() {
    let table: &'static Table = &TABLE;
    assert!(table.syllables.len() > 400, "{}", table.syllables.len());
    assert!(table.syllables.iter().all(|(_, chars)| !chars.is_empty()));
    for initial in INITIALS {
        assert!(read(initial).is_ok(), "{initial}");
    }
    // The scan decodes only three-byte characters: every one the table holds must be one.
    assert!(
        table.low >= 0x800
            && u32::try_from(table.span).is_ok_and(|span| table.low + span <= 0x1_0000)
    );
    // Characters beyond the table's range read as nothing, not as a panic.
    assert!(!reading("guo").matches(&['\u{10FFFF}']));
    assert!(!reading("guo").matches(&['\0']));
}
