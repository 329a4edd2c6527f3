//! Legacy encodings: guessing GBK or Big5 for unlabelled files, and decoding them.

use encoding_rs::{BIG5, EUC_KR, Encoding, GB18030, GBK, UTF_8, WINDOWS_1252};
use proptest::prelude::*;

use crate::corpus::decode::{DecodeWarning, Detection, decode};

/// The 300 most frequent hanzi of the Government Work Reports since 1955.
const COMMON_SIMPLIFIED: &str = "的和国业发一大要民展加经工人进中建政产有年在会制力是作设生地改\
主实化济全我社不增行重农强资了高各新革方对保持们动合能为以定体务理面基义度提家分现成法上企同推个平\
用开出本长好这五等到步部多关区学利技坚结性机于续量入施市十决系事育点公教就来善支品调计完治过代外策\
文积科管三规时共水应收极划稳取自得快金活项放府种术投场必继万内造总城比下级费构更整创立深百服安村领\
正质导目期效亿二财些九促题权所群解前问任际向元可之众特统通当护也四益都战第使须争扩把严位商后营础标\
程优党防今口族心明与价源件消两职广员信其形运格需求将条从着域切做还原而他环健物努由别并门转世相表融\
办小界八反去军式路意障准节税及变交适认少控落流间";

/// The most frequent hanzi of the 1954 report, written in traditional characters; the few that
/// Big5 lacks (産, 爲, 衆: mainland variants) are left out by [`big5_pool`].
const COMMON_TRADITIONAL: &str = "的國和一業工民人在我中是了不年們有家九這五大作主生産經地個分十\
建爲以政百會要同義發對四全於關加重三設平展計合方各成農行現之來力改進社共利本二動必到能機事已過資面\
些部上須並劃增代也就法濟萬完化點用都還應所亞內立集時企表正美府而反當可活實多保少意六八决使造解且商\
種量學但任等理他議運營費務後公比度需千出技術日洲制得高定爭團水因級步數支根原基品將財東目從很領長相\
今聯題外問革前七子約其命係開總由許體勞南着幾文期戰只台央够强防然助管餘程侵灣軍華達統逐條倍自區據把\
衆提安起協廣結積新導羣收衞通放交切沒供門員更互組害兩族第性速治金難取佔視常者鬥善律最物間規備證值項\
指略權界困入受料預億它况明努職織世質破才消此那注";

const PUNCTUATION: &str = "，。、：；“”（）《》！？";

/// ASCII as Chinese prose has it: numbers against hanzi, words set off by spaces, line ends.
const ASCII: [&str; 6] = ["2023", "5.2%", " GDP ", " AI ", " the ", "\n"];

/// Western European words, accented and not, and the typographic marks windows-1252 adds.
const LATIN_WORDS: [&str; 44] = [
    "café",
    "crème",
    "été",
    "élève",
    "Genève",
    "à",
    "où",
    "très",
    "déjà",
    "Noël",
    "façade",
    "Œuvres",
    "Präsident",
    "für",
    "Größe",
    "Straße",
    "über",
    "Müller",
    "Zürich",
    "äußerte",
    "niño",
    "año",
    "España",
    "información",
    "señor",
    "não",
    "população",
    "pública",
    "São",
    "Søren",
    "født",
    "København",
    "Malmö",
    "Västerås",
    "Ångström",
    "naïve",
    "così",
    "perché",
    "the",
    "Paris",
    "2023",
    "“Hello”",
    "—",
    "€",
];

fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "fixture text must fit {}", encoding.name());
    bytes.into_owned()
}

/// The traditional pool cut to Big5's frequent block, where traditional text lives.
fn big5_pool() -> Vec<char> {
    COMMON_TRADITIONAL
        .chars()
        .filter(|c| {
            let c = c.to_string();
            let (bytes, _, unmappable) = BIG5.encode(&c);
            !unmappable && (0xA4..=0xC6).contains(&bytes[0])
        })
        .collect()
}

/// Text of `count` pieces: mostly hanzi from `pool`, some punctuation and ASCII.
fn prose(pool: Vec<char>, count: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    let piece = prop_oneof![
        8 => proptest::sample::select(pool).prop_map(String::from),
        1 => proptest::sample::select(PUNCTUATION.chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => proptest::sample::select(&ASCII[..]).prop_map(String::from),
    ];
    proptest::collection::vec(piece, count)
}

/// How many pieces are hanzi or CJK punctuation.
fn hanzi_in(pieces: &[String]) -> usize {
    pieces.iter().filter(|p| !p.is_ascii()).count()
}

#[test]
fn short_gbk_titles_read_as_gb18030_not_cyrillic_korean_or_latin1() {
    // The detector alone says windows-1251, EUC-KR, EUC-KR, windows-1252, ISO-8859-5.
    for title in ["讲话", "你好", "習近平", "臺灣", "Speech 2023: 讲话"] {
        let decoded = decode(&encode(title, GBK), None).unwrap();
        assert_eq!(decoded.text, title);
        assert_eq!(decoded.encoding, GB18030, "{title}");
        assert_eq!(
            decoded.detected_by,
            Detection::Guessed,
            "shown as (guessed)"
        );
    }
}

#[test]
fn short_big5_words_read_as_big5() {
    // 發展 the detector alone calls ISO-8859-2; the others it already got right.
    for word in ["你好", "習近平", "臺灣", "發展", "臺北市政府"] {
        let decoded = decode(&encode(word, BIG5), None).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), (word, BIG5));
    }
}

#[test]
fn gbk_that_happens_to_be_nearly_utf8_reads_as_gb18030() {
    let title = "市广不2023战统业";
    let bytes = encode(title, GBK);
    assert!(std::str::from_utf8(&bytes).is_err(), "not valid UTF-8");
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.encoding), (title, GB18030));
    assert!(decoded.warnings.is_empty());
}

#[test]
fn gbk_sentence_with_a_stray_byte_keeps_every_character() {
    let (before, after) = (
        "各位代表：现在，",
        "我代表省人民政府，向大会报告工作，请予审议。",
    );
    let bytes = [encode(before, GBK), vec![0xFF], encode(after, GBK)].concat();
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.text, format!("{before}\u{FFFD}{after}"));
    let warning = DecodeWarning::InvalidBytes {
        encoding: GB18030,
        count: 1,
        first_offset: 16,
        first_line: 1,
    };
    assert_eq!(decoded.warnings, [warning]);
}

#[test]
fn gbk_and_big5_files_cut_mid_character_lose_only_that_character() {
    let simplified = "各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n".repeat(200);
    let traditional =
        "各位代表：\n現在，我代表省人民政府，向大會報告工作，請予審議。\n".repeat(200);
    for (text, encoding, read_as) in [(simplified, GBK, GB18030), (traditional, BIG5, BIG5)] {
        let text = text.trim_end();
        let mut bytes = encode(text, encoding);
        bytes.pop();
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, read_as);
        let kept = text.strip_suffix('。').unwrap();
        assert!(
            decoded.text == format!("{kept}\u{FFFD}"),
            "one character lost"
        );
        let warning = DecodeWarning::InvalidBytes {
            encoding: read_as,
            count: 1,
            first_offset: bytes.len() - 1,
            first_line: 400,
        };
        assert_eq!(decoded.warnings, [warning]);
    }
}

#[test]
fn latin1_text_stays_windows_1252() {
    for text in [
        "café crème, été",
        "Größe",
        "Zürich",
        "Der Präsident für Straßenbau äußerte sich über die Größe.",
        "Søren Kierkegaard født i København",
        "“Hello” — he said…",
    ] {
        let decoded = decode(&encode(text, WINDOWS_1252), None).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, WINDOWS_1252)
        );
    }
}

#[test]
fn korean_prose_keeps_its_encoding() {
    // EUC-KR Hangul reads cleanly as GB18030 hanzi; with a sentence of evidence the detector's
    // EUC-KR stands.
    let text = "한국어 텍스트는 띄어쓰기를 합니다. 이 문서는 한국어로 작성되었습니다. \
                서울은 대한민국의 수도이며 가장 큰 도시입니다.";
    let decoded = decode(&encode(text, EUC_KR), None).unwrap();
    assert_eq!((decoded.text.as_str(), decoded.encoding), (text, EUC_KR));
}

#[test]
fn utf8_file_with_one_bad_byte_is_still_utf8() {
    // Step 3 keeps a UTF-8 file whose characters are hanzi, however short.
    let mut bytes = "各位代表：现在，我代表省人民政府".as_bytes().to_vec();
    bytes.insert(6, 0xFF);
    let decoded = decode(&bytes, None).unwrap();
    assert_eq!(decoded.encoding, UTF_8);
    assert_eq!(decoded.text, "各位\u{FFFD}代表：现在，我代表省人民政府");
}

proptest! {
    #[test]
    fn gbk_text_of_common_hanzi_reads_back_exactly(
        pieces in prose(COMMON_SIMPLIFIED.chars().collect(), 1..200)
    ) {
        // One character is no evidence (`MIN_CHINESE`).
        prop_assume!(hanzi_in(&pieces) >= 2);
        let text = pieces.concat();
        let bytes = encode(&text, GBK);
        // Valid UTF-8 is UTF-8 (step 3): a hanzi or two sometimes are (说 is CB B5, ˵).
        prop_assume!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes, None).unwrap();
        prop_assert_eq!(decoded.encoding, GB18030);
        prop_assert_eq!(decoded.text, text);
    }

    #[test]
    fn big5_text_of_ten_or_more_common_hanzi_reads_back_exactly(
        pieces in prose(big5_pool(), 12..200)
    ) {
        prop_assume!(hanzi_in(&pieces) >= 10);
        let text = pieces.concat();
        let decoded = decode(&encode(&text, BIG5), None).unwrap();
        prop_assert_eq!(decoded.encoding, BIG5);
        prop_assert_eq!(decoded.text, text);
    }

    #[test]
    fn one_stray_byte_costs_one_replacement_and_is_located(
        gbk in prose(COMMON_SIMPLIFIED.chars().collect(), 12..200),
        big5 in prose(big5_pool(), 12..200),
        at in any::<prop::sample::Index>(),
    ) {
        for (pieces, encoding, read_as) in [(gbk, GBK, GB18030), (big5, BIG5, BIG5)] {
            prop_assume!(hanzi_in(&pieces) >= 10);
            let (before, after) = pieces.split_at(at.index(pieces.len() + 1));
            let (before, after) = (before.concat(), after.concat());
            let head = encode(&before, encoding);
            let bytes = [head.as_slice(), b"\xFF", &encode(&after, encoding)].concat();
            let decoded = decode(&bytes, None).unwrap();
            prop_assert_eq!(decoded.text, format!("{before}\u{FFFD}{after}"));
            let warning = DecodeWarning::InvalidBytes {
                encoding: read_as,
                count: 1,
                first_offset: head.len(),
                first_line: 1 + before.matches('\n').count(),
            };
            prop_assert_eq!(decoded.warnings, [warning]);
        }
    }

    #[test]
    fn a_cut_off_last_character_costs_only_that_character(
        gbk in prose(COMMON_SIMPLIFIED.chars().collect(), 12..200),
        big5 in prose(big5_pool(), 12..200),
    ) {
        for (pieces, encoding, read_as) in [(gbk, GBK, GB18030), (big5, BIG5, BIG5)] {
            prop_assume!(hanzi_in(&pieces) >= 10);
            let mut text = pieces.concat();
            if text.ends_with(|c: char| c.is_ascii()) {
                text.push('。');
            }
            let mut kept = text.clone();
            kept.pop();
            let mut bytes = encode(&text, encoding);
            bytes.pop();
            let decoded = decode(&bytes, None).unwrap();
            prop_assert_eq!(decoded.text, format!("{kept}\u{FFFD}"));
            let warning = DecodeWarning::InvalidBytes {
                encoding: read_as,
                count: 1,
                first_offset: bytes.len() - 1,
                first_line: 1 + kept.matches('\n').count(),
            };
            prop_assert_eq!(decoded.warnings, [warning]);
        }
    }

    #[test]
    fn latin1_words_are_never_read_as_hanzi(
        words in proptest::collection::vec(
            proptest::sample::select(&LATIN_WORDS[..]), 1..20),
        separators in proptest::collection::vec(
            proptest::sample::select(&[" ", " ", ", ", ". ", "; ", "\n"][..]), 20),
    ) {
        let text: String = words
            .iter()
            .zip(&separators)
            .flat_map(|(word, separator)| [*word, *separator])
            .collect();
        let bytes = encode(&text, WINDOWS_1252);
        prop_assume!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes, None).unwrap();
        let hanzi = decoded.text.chars().find(|c| ('\u{3400}'..='\u{9FFF}').contains(c));
        prop_assert!(hanzi.is_none(), "{:?} read as {}: {:?}", text, decoded.encoding.name(), decoded.text);
    }
}
