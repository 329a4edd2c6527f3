//! Decoding: UTF-8, GBK, GB18030, Big5 and UTF-16 with and without a byte-order mark, read back
//! exactly.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use proptest::prelude::*;

use super::*;

/// A few hundred characters of report prose: enough for chardetng to tell GBK from Big5.
const SIMPLIFIED: &str = "各位代表：\n\
现在，我代表省人民政府，向大会报告工作，请予审议。\n\
一、2023年工作回顾\n\
过去一年，我们坚持稳中求进工作总基调，实现全面振兴新突破，我们要把科技创新作为驱动力。\
全省地区生产总值增长5.3%，规模以上工业增加值增长5.0%，一般公共预算收入增长9.1%。\n\
我们着力推动高质量发展，加快建设现代化产业体系，扎实推进乡村振兴，持续改善民生福祉，\
各项事业取得新进展。城镇新增就业47.5万人，居民人均可支配收入增长6.1%。\n\
二、2024年主要任务\n\
今年是实现“十四五”规划目标任务的关键一年。我们要坚持以高质量发展为首要任务，\
统筹扩大内需和深化供给侧结构性改革，着力稳就业、稳企业、稳预期，推动经济实现质的有效提升和量的合理增长。\n";

const TRADITIONAL: &str = "各位代表：\n\
現在，我代表省人民政府，向大會報告工作，請予審議。\n\
過去一年，我們堅持穩中求進工作總基調，遼寧全面振興取得新突破，我們要把科技創新作為驅動力。\
全省地區生產總值增長5.3%，規模以上工業增加值增長5.0%，一般公共預算收入增長9.1%。\n\
我們著力推動高質量發展，加快建設現代化產業體系，紮實推進鄉村振興，持續改善民生福祉，\
各項事業取得新進展。城鎮新增就業47.5萬人，居民人均可支配收入增長6.1%。\n\
今年是實現規劃目標任務的關鍵一年。我們要堅持以高質量發展為首要任務，\
統籌擴大內需和深化供給側結構性改革，著力穩就業、穩企業、穩預期，推動經濟實現質的有效提升和量的合理增長。\n";

fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "fixture text must fit {}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

fn with_prefix(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    [prefix, body].concat()
}

#[test]
fn utf8_file_reads_back_the_same_text() {
    let decoded = decode(SIMPLIFIED.as_bytes(), None).unwrap();
    assert_eq!(decoded.text, SIMPLIFIED);
    assert_eq!(decoded.encoding, UTF_8);
    assert_eq!(decoded.detected_by, Detection::Utf8);
    assert!(!decoded.bom && decoded.warnings.is_empty());
}

#[test]
fn utf8_bom_is_not_part_of_the_text() {
    let bytes = with_prefix(b"\xEF\xBB\xBF", SIMPLIFIED.as_bytes());
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.text, SIMPLIFIED);
    assert_eq!((decoded.encoding, decoded.bom), (UTF_8, true));
    assert_eq!(decoded.detected_by, Detection::Bom);
}

#[test]
fn empty_file_is_empty_utf8_text() {
    let decoded = decode(b"", None).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.encoding), ("", UTF_8));
}

#[test]
fn gbk_file_reads_back_the_same_text() {
    let decoded = decode(&encode(SIMPLIFIED, GBK), None).unwrap();
    assert_eq!(decoded.text, SIMPLIFIED);
    assert_eq!(decoded.encoding, GB18030, "GBK is read as its superset");
    assert_eq!(decoded.detected_by, Detection::Guessed);
    assert!(decoded.warnings.is_empty());
}

#[test]
fn gbk_after_a_long_ascii_preamble_is_still_recognised() {
    // The detector reads in 64 KB pieces and stops early only once it has seen enough hanzi.
    let text = format!(
        "{}{}",
        "Index of speeches, 2023.\n".repeat(4000),
        SIMPLIFIED.repeat(200)
    );
    let decoded = decode(&encode(&text, GBK), None).unwrap();
    assert_eq!(decoded.encoding, GB18030);
    assert!(decoded.text == text, "long GBK text differs after decoding");
}

#[test]
fn gb18030_four_byte_characters_read_back() {
    // 𠀀 (CJK Ext-B) and 䶮 (Ext-A) only exist in GB18030, as four-byte sequences.
    let text = format!("{SIMPLIFIED}南汉刘䶮，古字𠀀，价格100€。\n");
    let bytes = encode(&text, GB18030);
    assert!(
        bytes.windows(4).any(|w| w == b"\x95\x32\x82\x36"),
        "𠀀 is four bytes"
    );
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.text, text);
    assert_eq!(decoded.encoding, GB18030);
}

#[test]
fn big5_file_reads_back_the_same_text() {
    let decoded = decode(&encode(TRADITIONAL, BIG5), None).unwrap();
    assert_eq!(decoded.text, TRADITIONAL);
    assert_eq!(decoded.encoding, BIG5);
    assert!(decoded.warnings.is_empty());
}

#[test]
fn utf16_files_with_a_bom_read_back_the_same_text() {
    for (bom, big_endian, encoding) in [
        (&b"\xFF\xFE"[..], false, UTF_16LE),
        (&b"\xFE\xFF"[..], true, UTF_16BE),
    ] {
        let decoded = decode(&with_prefix(bom, &utf16(SIMPLIFIED, big_endian)), None).unwrap();
        assert_eq!(decoded.text, SIMPLIFIED);
        assert_eq!((decoded.encoding, decoded.bom), (encoding, true));
        assert_eq!(decoded.detected_by, Detection::Bom);
    }
}

#[test]
fn utf16_files_without_a_bom_read_back_the_same_text() {
    for (big_endian, encoding) in [(false, UTF_16LE), (true, UTF_16BE)] {
        let decoded = decode(&utf16(SIMPLIFIED, big_endian), None).unwrap();
        assert_eq!(decoded.text, SIMPLIFIED);
        assert_eq!((decoded.encoding, decoded.bom), (encoding, false));
        assert_eq!(decoded.detected_by, Detection::NulPattern);
    }
}

/// `text` without a single ASCII character, repeated past the 8 KB sample: one long paragraph.
fn hanzi_only(text: &str) -> String {
    let hanzi: String = text.chars().filter(|c| !c.is_ascii()).collect();
    // Two bytes a character in UTF-16.
    hanzi.repeat(SNIFF_LEN / (2 * hanzi.chars().count()) + 2)
}

#[test]
fn utf16_without_a_bom_or_any_ascii_is_read_by_its_hanzi() {
    let with_nuls = hanzi_only(SIMPLIFIED);
    assert!(
        with_nuls.contains('一'),
        "U+4E00: a NUL on the 'wrong' side"
    );
    // Without 一 and its kind there is no NUL at all to go by.
    let without_nuls: String = with_nuls
        .chars()
        .filter(|&c| !(c as u32).to_le_bytes()[..2].contains(&0))
        .collect();
    for text in [with_nuls, without_nuls] {
        for (big_endian, encoding) in [(false, UTF_16LE), (true, UTF_16BE)] {
            let decoded = decode(&utf16(&text, big_endian), None).unwrap();
            assert_eq!((decoded.encoding, decoded.bom), (encoding, false));
            assert_eq!(decoded.detected_by, Detection::HanziPattern);
            assert!(decoded.text == text, "read back unchanged");
        }
    }
}

#[test]
fn hanzi_only_gbk_big5_and_latin_text_are_not_taken_for_utf16() {
    let simplified = hanzi_only(SIMPLIFIED);
    let (gbk, _, _) = GBK.encode(&simplified);
    assert_eq!(decode(&gbk, None).unwrap().encoding, GB18030);
    let traditional = hanzi_only(TRADITIONAL);
    let (big5, _, unmappable) = BIG5.encode(&traditional);
    assert!(!unmappable);
    assert_eq!(decode(&big5, None).unwrap().encoding, BIG5);
    let german = "Ordnung muss sein, sagte der Präsident. ".repeat(300);
    let (latin, _, _) = WINDOWS_1252.encode(&german);
    assert_ne!(
        decode(&latin, None).unwrap().detected_by,
        Detection::HanziPattern
    );
}

#[test]
fn latin1_full_of_accents_is_not_taken_for_utf16() {
    // Two ASCII letters read as UTF-16 are a hanzi (`fa` is 慦), and accented letters supply
    // the high bytes real UTF-16 hanzi have.
    let text = "Malmö; perché Ångström não København Søren";
    let (bytes, _, _) = WINDOWS_1252.encode(text);
    assert_eq!(bytes.len() % 2, 0, "an even length, as UTF-16 has");
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        (text, WINDOWS_1252)
    );
}

#[test]
fn one_corrupt_byte_garbles_one_character_not_the_file() {
    let mut bytes = SIMPLIFIED.as_bytes().to_vec();
    let offset = SIMPLIFIED.find('振').unwrap();
    bytes[offset] = 0xFF;
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, UTF_8);
    // The bad lead byte strands 振's two continuation bytes: three replacements, one character.
    let expected = SIMPLIFIED.replacen('振', "\u{FFFD}\u{FFFD}\u{FFFD}", 1);
    assert_eq!(decoded.text, expected);
    let warning = DecodeWarning::InvalidBytes {
        encoding: UTF_8,
        count: 3,
        first_offset: offset,
        first_line: 4,
    };
    assert_eq!(decoded.warnings, [warning]);
}

#[test]
fn invalid_bytes_warning_names_the_line_of_the_first_bad_sequence() {
    // Line ends as the reader counts them: LF, CRLF, a lone CR, U+2028 (which Big5 lacks). The
    // bad sequence and a second one after it are on line 5.
    let simplified = "各位代表：\n现在，\r\n我代表省人民政府，\r向大会报告工作，\u{2028}请予审议";
    let traditional = "各位代表：\n現在，\r\n我代表省人民政府，\r向大會報告工作，\n請予審議";
    let bad_utf16 = [0x00, 0xD8]; // a lone high surrogate
    for (encoding, bad) in [
        (UTF_8, &b"\xFF"[..]),
        (UTF_16LE, &bad_utf16[..]),
        (GB18030, &b"\xFF"[..]),
        (BIG5, &b"\xFF"[..]),
    ] {
        let text = if encoding == BIG5 {
            traditional
        } else {
            simplified
        };
        let bytes_of = |text: &str| {
            if encoding == UTF_16LE {
                utf16(text, false)
            } else {
                encode(text, encoding)
            }
        };
        let before = bytes_of(text);
        let bytes = [before.as_slice(), bad, &bytes_of("各位"), bad].concat();
        let decoded = decode(&bytes, Some(encoding)).unwrap();
        let expected = DecodeWarning::InvalidBytes {
            encoding,
            count: 2,
            first_offset: before.len(),
            first_line: 5,
        };
        assert_eq!(
            decoded.warnings,
            std::slice::from_ref(&expected),
            "{}",
            encoding.name()
        );
        assert_eq!(expected.line(), Some(5));
    }
}

#[test]
fn a_long_paragraph_of_utf16le_hanzi_is_not_read_backwards() {
    // 一 is `00 4E` in UTF-16LE: here NULs at even offsets outnumber the one line end's.
    let text = "一二三四五六七八九十一百一千一万\n";
    let decoded = decode(&utf16(text, false), None).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.encoding), (text, UTF_16LE));
}

#[test]
fn truncated_utf8_tail_costs_one_character() {
    let bytes = &"各位代表：实现全面振兴新突破".as_bytes()[..40];
    let decoded = decode(bytes, None).unwrap();
    assert_eq!(decoded.encoding, UTF_8);
    assert_eq!(decoded.text, "各位代表：实现全面振兴新突\u{FFFD}");
    assert_eq!(
        decoded.warnings[0].to_string(),
        "1 invalid UTF-8 byte sequence shown as \u{FFFD} (the first at byte 39)"
    );
}

#[test]
fn a_latin1_accent_in_english_is_not_forced_into_utf8() {
    let mut bytes = b"The cafe served tea. ".repeat(20);
    bytes.extend_from_slice(b"caf\xE9 au lait\n");
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, WINDOWS_1252);
    assert!(decoded.text.ends_with("café au lait\n"));
}

#[test]
fn utf32_files_are_reported_not_misread_as_utf16() {
    let le: Vec<u8> = SIMPLIFIED
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    let be: Vec<u8> = SIMPLIFIED
        .chars()
        .flat_map(|c| u32::from(c).to_be_bytes())
        .collect();
    for bytes in [
        with_prefix(b"\xFF\xFE\0\0", &le),
        with_prefix(b"\0\0\xFE\xFF", &be),
        le,
        be,
    ] {
        assert_eq!(decode(&bytes, None), Err(DecodeError::Utf32Unsupported));
    }
}

#[test]
fn binary_file_is_skipped() {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    bytes.extend((0..=255_u8).cycle().take(4000));
    let error = decode(&bytes, None).unwrap_err();
    assert_eq!(error, DecodeError::Binary { offset: 8 });
    assert_eq!(
        error.to_string(),
        "binary data, not text (a NUL byte at byte 8); the file is skipped"
    );
}

#[test]
fn utf8_text_with_a_stray_nul_is_skipped_not_read_as_utf16() {
    let mut bytes = SIMPLIFIED.as_bytes().to_vec();
    bytes.insert(3, 0);
    assert_eq!(decode(&bytes, None), Err(DecodeError::Binary { offset: 3 }));
}

#[test]
fn forced_encoding_overrides_the_guess() {
    let decoded = decode(SIMPLIFIED.as_bytes(), Some(WINDOWS_1252)).unwrap();
    assert_eq!(decoded.encoding, WINDOWS_1252);
    assert_eq!(decoded.detected_by, Detection::Forced);
    assert_ne!(decoded.text, SIMPLIFIED);

    let gbk = encode(SIMPLIFIED, GBK);
    let decoded = decode(&gbk, Some(GBK)).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        (SIMPLIFIED, GB18030)
    );
}

#[test]
fn forced_encoding_strips_only_its_own_bom() {
    let bytes = with_prefix(b"\xFF\xFE", &utf16(SIMPLIFIED, false));
    let decoded = decode(&bytes, Some(UTF_16LE)).unwrap();
    assert_eq!(decoded.text, SIMPLIFIED);
    assert!(decoded.bom && decoded.warnings.is_empty());

    let decoded = decode(&bytes, Some(UTF_16BE)).unwrap();
    assert!(!decoded.bom);
    let overridden = DecodeWarning::BomOverridden {
        bom: UTF_16LE,
        forced: UTF_16BE,
    };
    assert_eq!(decoded.warnings.first(), Some(&overridden));
    assert_eq!(
        overridden.to_string(),
        "the file starts with a UTF-16LE byte-order mark but was read as UTF-16BE, as requested"
    );
}

#[test]
fn encoding_labels_users_type_are_understood() {
    for (label, encoding) in [
        ("gbk", GB18030),
        ("GB2312", GB18030),
        ("gb18030", GB18030),
        ("cp936", GB18030),
        (" Big5 ", BIG5),
        ("cp950", BIG5),
        ("utf8", UTF_8),
        ("UTF-16LE", UTF_16LE),
        ("utf-16be", UTF_16BE),
    ] {
        assert_eq!(encoding_for_label(label), Some(encoding), "{label}");
    }
    for unknown in ["utf-32", "klingon", "iso-2022-kr", ""] {
        assert_eq!(encoding_for_label(unknown), None, "{unknown}");
    }
    assert_eq!(encoding_name(GB18030), "GB18030");
}

proptest! {
    #[test]
    fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode(&bytes, None);
        let decoded = decode(&bytes, Some(BIG5)).unwrap();
        prop_assert_eq!(decoded.encoding, BIG5);
    }

    #[test]
    fn valid_utf8_always_reads_back_unchanged(text in "[^\u{0}]*") {
        let decoded = decode(text.as_bytes(), None).unwrap();
        prop_assert_eq!(decoded.text.trim_start_matches('\u{FEFF}'), text.trim_start_matches('\u{FEFF}'));
    }
}
