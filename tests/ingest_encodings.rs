//! Files in every encoding Chinese corpora arrive in — GBK, GB18030 (with four-byte characters),
//! Big5, UTF-16LE/BE with and without a byte-order mark, UTF-8 with a mark — load into the same
//! articles as their UTF-8 original, and the source says which encoding it was read as.
//! `--encoding` overrides the guess; a UTF-8 or GBK file with a corrupt or missing byte keeps its
//! encoding, and the warning names the byte and the line.

#[path = "fixtures_support/mod.rs"]
mod support;

use encoding_rs::{BIG5, Encoding, GB18030, GBK};
use tempfile::TempDir;
use wenji::corpus::{Corpus, LoadOptions};

use support::{first_article_markdown, load_one, load_within_limit, seen, write};

/// A traditional-character article, as Big5 files hold them.
const TRADITIONAL: &str = "## 以全面振興新突破建設中國式現代化新遼寧

郝鵬(遼寧省委書記、省人大常委會主任)

習近平總書記在全國兩會上的重要講話，深刻闡述了事關強國建設、民族復興的一系列重大理論和實踐問題，進一步明確了推動高質量發展這個首要任務的必由之路、戰略基點、必然要求和最終目的，為我們做好各項工作指明了前進方向、提供了根本遵循。我們要深入學習貫徹習近平總書記重要講話精神，努力建設中國式現代化新遼寧。

習近平總書記對遼寧高度重視、念茲在茲、充滿期待。近年來，在黨中央的堅強領導下，經過全省上下持續努力，遼寧高質量發展的基礎更加鞏固，維護國家「五大安全」的能力不斷提升，外界對遼寧的預期持續向好，幹部群眾幹事創業的熱情空前高漲。我們經過認真分析認為，遼寧已經走出了多年來的最困難時期，全面振興蓄勢待發。
";

/// Encodes `text` with an `encoding_rs` encoder, failing if any character does not fit.
fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert_eq!(used, encoding, "{} has an encoder", encoding.name());
    assert!(!unmappable, "the fixture fits in {}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(if little_endian {
            b"\xFF\xFE"
        } else {
            b"\xFE\xFF"
        });
    }
    for unit in text.encode_utf16() {
        let pair = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

/// Writes `bytes` as `name`, loads it alone, and checks it reads as `original` does.
fn loads_like_original(name: &str, bytes: &[u8], original: &str) -> Corpus {
    let dir = TempDir::new().expect("temporary folder");
    let reference = load_one(&write(dir.path(), "original.md", original));
    let corpus = load_one(&write(dir.path(), name, bytes));
    assert!(
        !corpus.articles.is_empty() && !corpus.articles[0].paragraphs.is_empty(),
        "{name} gave no text"
    );
    assert_eq!(seen(&corpus), seen(&reference), "{name} reads differently");
    assert_eq!(
        corpus.sources[0].text, reference.sources[0].text,
        "{name}: source text"
    );
    corpus
}

fn encoding_of(corpus: &Corpus) -> &str {
    &corpus.sources[0].encoding
}

#[test]
fn utf8_original_reads_as_utf8_with_title_byline_and_paragraphs() {
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "a.md", first_article_markdown()));
    assert_eq!(encoding_of(&corpus), "UTF-8");
    let article = &corpus.articles[0];
    assert_eq!(article.title, "以全面振兴新突破建设中国式现代化新辽宁");
    assert_eq!(article.meta.speaker(), Some("郝鹏"));
    assert_eq!(article.paragraphs.len(), 2);
    assert!(
        article.paragraphs[0]
            .text
            .starts_with("习近平总书记在全国两会上")
    );
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn gbk_file_reads_like_utf8_and_is_named_gb18030() {
    let original = first_article_markdown();
    let corpus = loads_like_original("gbk.md", &encode(&original, GBK), &original);
    assert_eq!(encoding_of(&corpus), "GB18030 (guessed)");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn gb18030_four_byte_characters_read_right() {
    let original = first_article_markdown().replace("念兹在兹", "念兹在兹𠀀𪚥㐀");
    let bytes = encode(&original, GB18030);
    // 𠀀 is a four-byte sequence in GB18030: the fixture really exercises them.
    assert!(
        bytes.windows(4).any(|w| w == b"\x95\x32\x82\x36"),
        "𠀀 is encoded as four bytes"
    );
    let corpus = loads_like_original("gb18030.md", &bytes, &original);
    assert_eq!(encoding_of(&corpus), "GB18030 (guessed)");
    assert!(
        corpus.articles[0].paragraphs[1]
            .text
            .contains("念兹在兹𠀀𪚥㐀")
    );
}

#[test]
fn big5_traditional_article_reads_right() {
    let corpus = loads_like_original("big5.md", &encode(TRADITIONAL, BIG5), TRADITIONAL);
    assert_eq!(encoding_of(&corpus), "Big5 (guessed)");
    let article = &corpus.articles[0];
    assert_eq!(article.title, "以全面振興新突破建設中國式現代化新遼寧");
    assert_eq!(article.meta.speaker(), Some("郝鵬"));
    assert!(article.paragraphs[1].text.contains("「五大安全」"));
}

#[test]
fn utf16_files_with_and_without_byte_order_mark_read_right() {
    let original = first_article_markdown();
    for (little_endian, bom, name) in [
        (true, true, "UTF-16LE"),
        (true, false, "UTF-16LE"),
        (false, true, "UTF-16BE"),
        (false, false, "UTF-16BE"),
    ] {
        let file = format!("{name}-{}.md", if bom { "bom" } else { "nobom" });
        let corpus = loads_like_original(&file, &utf16(&original, little_endian, bom), &original);
        assert_eq!(encoding_of(&corpus), name, "{file}");
        assert!(corpus.warnings.is_empty(), "{file}: {:?}", corpus.warnings);
    }
}

#[test]
fn utf16_without_mark_and_crlf_line_ends_reads_right() {
    let original = first_article_markdown();
    let crlf = original.replace('\n', "\r\n");
    let corpus = loads_like_original("crlf.md", &utf16(&crlf, true, false), &original);
    assert_eq!(encoding_of(&corpus), "UTF-16LE");
}

#[test]
fn utf8_with_byte_order_mark_reads_right_without_the_mark() {
    let original = first_article_markdown();
    let bytes = [b"\xEF\xBB\xBF".as_slice(), original.as_bytes()].concat();
    let corpus = loads_like_original("bom.md", &bytes, &original);
    assert_eq!(encoding_of(&corpus), "UTF-8");
    assert!(!corpus.sources[0].text.contains('\u{FEFF}'));
}

#[test]
fn encoding_override_reads_big5_as_asked() {
    let dir = TempDir::new().unwrap();
    // Two Big5 hanzi that also read as two common GBK ones: a guess takes GB18030, the more
    // widespread; the override makes them right.
    let path = write(dir.path(), "short.txt", encode("講話", BIG5));
    let guessed = load_one(&path);
    assert_eq!(encoding_of(&guessed), "GB18030 (guessed)");
    let options = LoadOptions {
        encoding: Some(BIG5),
        ..LoadOptions::default()
    };
    let corpus = load_within_limit(&[path], options).unwrap();
    assert_eq!(corpus.articles[0].title, "講話");
    assert_eq!(
        encoding_of(&corpus),
        "Big5",
        "a forced encoding is not a guess"
    );
}

#[test]
fn short_gbk_titles_read_right_and_say_guessed() {
    let dir = TempDir::new().unwrap();
    for (i, title) in ["讲话", "你好", "習近平", "臺灣", "Speech 2023: 讲话"]
        .into_iter()
        .enumerate()
    {
        let path = write(dir.path(), &format!("{i}.txt"), encode(title, GBK));
        let corpus = load_one(&path);
        assert_eq!(corpus.articles[0].title, title);
        assert_eq!(encoding_of(&corpus), "GB18030 (guessed)", "{title}");
        assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    }
}

#[test]
fn gbk_file_cut_mid_character_keeps_its_text_and_names_the_line() {
    let original = first_article_markdown();
    let original = original.trim_end();
    let mut bytes = encode(original, GBK);
    bytes.pop();
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "cut.md", &bytes);
    let corpus = load_one(&path);
    assert_eq!(encoding_of(&corpus), "GB18030 (guessed)");
    let article = &corpus.articles[0];
    assert_eq!(article.title, "以全面振兴新突破建设中国式现代化新辽宁");
    let last = article.paragraphs.last().unwrap().text.as_str();
    let kept = &original[original.rfind('\n').unwrap() + 1..original.len() - '。'.len_utf8()];
    assert_eq!(
        last,
        format!("{kept}\u{FFFD}"),
        "only the cut character is lost"
    );
    let warnings = support::warnings_about(&corpus.warnings, &path);
    let line = original.lines().count();
    let expected = format!(
        "{}:{line}: 1 invalid GB18030 byte sequence shown as \u{FFFD} (the first at byte {})",
        path.display(),
        bytes.len() - 1
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].to_string(), expected);
}

#[test]
fn encoding_override_applies_to_a_whole_folder() {
    let original = first_article_markdown();
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", encode(&original, GBK));
    write(dir.path(), "b.md", encode(&original, GBK));
    let options = LoadOptions {
        encoding: Some(GBK),
        ..LoadOptions::default()
    };
    let corpus = load_within_limit(&[dir.path().to_path_buf()], options).unwrap();
    assert_eq!(corpus.articles.len(), 2);
    assert!(corpus.sources.iter().all(|s| s.encoding == "GB18030"));
    assert!(
        corpus
            .articles
            .iter()
            .all(|a| a.title == "以全面振兴新突破建设中国式现代化新辽宁")
    );
}

#[test]
fn utf8_file_with_one_corrupt_byte_stays_utf8_with_a_replacement_and_a_warning() {
    let original = first_article_markdown();
    let mut bytes = original.clone().into_bytes();
    // The lead byte of the first hanzi of 念兹在兹: one character is lost, not the file.
    let at = original.find("念兹在兹").unwrap();
    bytes[at] = 0xFF;
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "corrupt.md", &bytes);
    let corpus = load_one(&path);
    assert_eq!(encoding_of(&corpus), "UTF-8");
    let article = &corpus.articles[0];
    assert_eq!(article.title, "以全面振兴新突破建设中国式现代化新辽宁");
    let damaged = &article.paragraphs[1].text;
    assert!(damaged.contains('\u{FFFD}'), "{damaged}");
    assert!(
        damaged.contains("兹在兹、充满期待"),
        "the rest of the line survives"
    );
    assert!(article.paragraphs[0].text.starts_with("习近平总书记"));
    let warnings = support::warnings_about(&corpus.warnings, &path);
    let line = original[..at].matches('\n').count() + 1;
    let expected = format!(
        "{}:{line}: 3 invalid UTF-8 byte sequences shown as \u{FFFD} (the first at byte {at})",
        path.display()
    );
    assert!(
        warnings.iter().any(|w| w.to_string() == expected),
        "{expected} in {warnings:?}"
    );
}
