//! The stored index: taken whole when nothing changed, an article changed or added folded
//! alone, and never trusted — a cut, flipped or foreign file gives the answers folding gives.

use std::path::Path;
use std::time::{Duration, Instant};

use super::*;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::search::context::context;
use crate::search::engine::{Engine, Request, Scope};
use crate::search::query::Query;
use crate::search::scan::Scan;

/// The sample speeches twice over, with a long paragraph of full-width and traditional text
/// (so fields have marks, fold maps and variants to store) in an article with tags, and an
/// article with no text at all.
fn corpus() -> Corpus {
    let mut corpus = corpus::sample();
    let mut long = corpus.articles[0].clone();
    long.paragraphs[0].text = "ＧＤＰ增长，振兴东北。國家安全，裡裏里。"
        .repeat(300)
        .into();
    long.meta
        .set_tags(vec!["振兴东北".to_owned(), "ＧＤＰ增长".to_owned()]);
    corpus.articles.push(long);
    let mut empty = corpus.articles[0].clone();
    empty.title.clear();
    empty.meta = crate::corpus::Meta::default();
    empty.paragraphs.clear();
    corpus.articles.push(empty);
    let again = corpus.articles.clone();
    corpus.articles.extend(again);
    corpus
}

fn file_in(dir: &Path) -> IndexFile {
    IndexFile {
        path: dir.join("corpus.wji"),
        settings: Settings::new(&LoadOptions::default()),
    }
}

/// A scan that grew over `corpus` in parts of `part` articles, and was told it is whole.
fn grown(file: &IndexFile, corpus: &Corpus, part: usize) -> Scan {
    let mut scan = Scan::growing_stored(file.clone());
    for chunk in corpus.articles.chunks(part) {
        scan.grow(chunk);
    }
    scan.loaded();
    scan
}

/// Waits for the background write to put a file at `path` that differs from `before`.
fn stored_after(path: &Path, before: Option<&[u8]>) -> Vec<u8> {
    let until = Instant::now() + Duration::from_secs(20);
    while Instant::now() < until {
        if let Ok(bytes) = std::fs::read(path)
            && Some(bytes.as_slice()) != before
        {
            return bytes;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no index was stored at {}", path.display());
}

fn assert_same(a: &Index, b: &Index) {
    assert_eq!(a.text, b.text, "packed text");
    assert_eq!(a.segments, b.segments, "fields");
    assert_eq!(a.starts, b.starts, "field starts");
    assert_eq!(a.article_starts, b.article_starts, "article starts");
    assert_eq!(a.fingerprints, b.fingerprints, "fingerprints");
    assert_eq!(a.variants, b.variants, "variants");
}

/// The index folding gives for `corpus`, packed as `scan`'s is.
fn folded_like(scan: &Scan, corpus: &Corpus) -> Index {
    let packing = Packing::with_common(scan.read().packing.common()).expect("a packing");
    let mut index = Index::new(packing);
    index.grow(&corpus.articles);
    index
}

/// Every hit of a few queries, as the text it covers: what a reader is shown.
fn answers(scan: &mut Scan, corpus: &Corpus) -> Vec<Vec<(u32, String)>> {
    [
        "振兴",
        "gdp增长",
        "，振兴东北",
        "许勤",
        "发展",
        "国家安全",
        "里",
    ]
    .into_iter()
    .enumerate()
    .map(|(generation, text)| {
        let request = Request {
            generation: generation as u64,
            query: Query::parse(text),
            scope: Scope::All,
        };
        let (matches, _) = scan.answer(&request);
        matches
            .locations(0..matches.hit_count())
            .iter()
            .map(|l| (l.article, context(corpus, l, 0).hit.to_owned()))
            .collect()
    })
    .collect()
}

#[test]
fn a_stored_index_is_taken_whole_and_is_what_folding_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = file_in(dir.path());
    let corpus = corpus();
    let first = grown(&file, &corpus, 3);
    let bytes = stored_after(&file.path, None);

    let mut stored = Stored::open(&file).expect("the stored index opens");
    assert_eq!(stored.size().2, corpus.articles.len());
    assert!(stored.take_packing().is_some());

    let mut again = grown(&file, &corpus, 5);
    assert_eq!(folded(&again), 0, "nothing was folded");
    assert!(again.read().text.is_mapped(), "searched where it lies");
    assert_same(&again.read(), &first.read());
    assert_same(&again.read(), &folded_like(&again, &corpus));
    let mut plain = Scan::build(&corpus);
    assert_eq!(answers(&mut again, &corpus), answers(&mut plain, &corpus));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        std::fs::read(&file.path).expect("still there"),
        bytes,
        "an index taken whole is not written again"
    );
}

/// How many articles `scan` folded rather than took from the stored index.
fn folded(scan: &Scan) -> usize {
    scan.store.as_ref().expect("a store").folded
}

#[test]
fn a_changed_or_added_article_is_folded_alone_and_the_index_stored_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = file_in(dir.path());
    let mut corpus = corpus();
    grown(&file, &corpus, 4);
    let before = stored_after(&file.path, None);

    corpus.articles[5].paragraphs[0].text = "全面振兴取得新突破。".into();
    corpus.articles.pop();
    let mut changed = grown(&file, &corpus, 4);
    assert_eq!(folded(&changed), 1, "the changed article alone");
    assert!(!changed.read().text.is_mapped(), "copied once it differs");
    assert_same(&changed.read(), &folded_like(&changed, &corpus));
    let mut plain = Scan::build(&corpus);
    assert_eq!(answers(&mut changed, &corpus), answers(&mut plain, &corpus));

    let stored = stored_after(&file.path, Some(&before));
    let again = grown(&file, &corpus, 7);
    assert_eq!(folded(&again), 0);
    assert_same(&again.read(), &changed.read());

    // One removed from the middle costs nothing but a new file; one added there, itself.
    corpus.articles.remove(2);
    let mut removed = grown(&file, &corpus, 3);
    assert_eq!(folded(&removed), 0);
    assert_same(&removed.read(), &folded_like(&removed, &corpus));
    let mut plain = Scan::build(&corpus);
    assert_eq!(answers(&mut removed, &corpus), answers(&mut plain, &corpus));
    let stored = stored_after(&file.path, Some(&stored));
    let mut new = corpus.articles[0].clone();
    new.title = "新的一篇".to_owned();
    corpus.articles.insert(4, new);
    let mut added = grown(&file, &corpus, 3);
    assert_eq!(folded(&added), 1, "the new article alone");
    assert_same(&added.read(), &folded_like(&added, &corpus));
    let mut plain = Scan::build(&corpus);
    assert_eq!(answers(&mut added, &corpus), answers(&mut plain, &corpus));
    stored_after(&file.path, Some(&stored));
}

#[test]
fn every_field_reads_back_from_its_code_and_an_unknown_code_is_refused() {
    let segment = |(kind, number): (u8, u32)| {
        let mut out = Out::default();
        out.u8(kind);
        out.u32(number);
        out.size(0);
        out.u8(0);
        out.bytes
    };
    for field in [
        Field::Title,
        Field::Speaker,
        Field::Role,
        Field::Section,
        Field::Credit,
        Field::Paragraph(7),
        Field::Tag(0),
        Field::Tag(3),
    ] {
        let bytes = segment(field_code(field));
        let read = read_segment(&mut In::new(&bytes)).expect("a field read back");
        assert_eq!(read.field, field);
    }
    for code in [(7, 0), (0, 1), (4, 2), (255, 0)] {
        let bytes = segment(code);
        assert!(read_segment(&mut In::new(&bytes)).is_err(), "{code:?}");
    }
}

#[test]
fn variants_that_do_not_fit_their_article_are_not_trusted() {
    // Steps as `write_variants` writes them: the distance from the last, a bit for a number.
    let variants = |count: usize, steps: &[(u64, Option<u8>)]| {
        let mut out = Out::default();
        out.size(count);
        for &(step, number) in steps {
            out.varint(step << 1 | u64::from(number.is_some()));
            out.bytes.extend(number);
        }
        out.bytes
    };
    let read = |bytes: &[u8], len: usize| read_variants(&mut In::new(bytes), len);
    let good = variants(3, &[(2, Some(2)), (0, None), (13, Some(3))]);
    assert_eq!(
        read(&good, 20),
        Ok(vec![(2, 2), (3, 1), (17, 3)]),
        "each after the last, the first form's number unwritten"
    );
    assert_eq!(read(&variants(0, &[]), 20), Ok(vec![]), "none at all");
    let too_far = variants(1, &[(1 << 40, None)]);
    for (bytes, why) in [
        (variants(2, &[(1, None)]), "fewer than counted"),
        (
            variants(1 << 40, &[(1, None)]),
            "a count the bytes cannot hold",
        ),
        (
            variants(1, &[(4, Some(1))]),
            "the first form written as a later one",
        ),
        (variants(2, &[(4, None), (15, None)]), "past the text"),
        (variants(1, &[(20, None)]), "at the text's end"),
        (too_far, "past any text"),
    ] {
        assert!(read(&bytes, 20).is_err(), "{why}");
    }
}

#[test]
fn a_stored_tag_the_article_does_not_have_does_not_fit_it() {
    let corpus = corpus();
    let tagged = &corpus.articles[3];
    assert_eq!(tagged.meta.tags().len(), 2);
    let stored = |field| StoredSegment {
        field,
        start: 0,
        back: None,
    };
    assert!(fit(&[stored(Field::Title), stored(Field::Tag(1))], tagged));
    assert!(!fit(&[stored(Field::Tag(2))], tagged));
    assert!(!fit(&[stored(Field::Tag(0))], &corpus.articles[0]));
}

#[test]
fn an_index_made_by_another_build_is_not_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = file_in(dir.path());
    grown(&file, &corpus(), 4);
    stored_after(&file.path, None);
    let mut other = file.clone();
    other.settings.program.push_str("-other");
    let why = Stored::open(&other).expect_err("another build's");
    assert!(why.contains("another build"), "{why}");
}

#[test]
fn cut_flipped_and_random_files_give_the_answers_folding_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = file_in(dir.path());
    let corpus = corpus();
    grown(&file, &corpus, 4);
    let good = stored_after(&file.path, None);
    let expected = answers(&mut Scan::build(&corpus), &corpus);

    let mut spoiled: Vec<Vec<u8>> = Vec::new();
    let step = (good.len() / 97).max(1);
    spoiled.extend(
        (0..good.len())
            .step_by(step)
            .map(|cut| good[..cut].to_vec()),
    );
    spoiled.extend((0..good.len()).step_by(step / 3 + 1).map(|at| {
        let mut flipped = good.clone();
        flipped[at] ^= 0x20;
        flipped
    }));
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    spoiled.push(
        (0..good.len())
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed.to_le_bytes()[0]
            })
            .collect(),
    );
    let mut header_kept = good[..PREFIX].to_vec();
    header_kept.extend(std::iter::repeat_n(0xff, 64));
    spoiled.push(header_kept);

    for (number, bytes) in spoiled.iter().enumerate() {
        let path = dir.path().join(format!("spoiled-{number}.wji"));
        std::fs::write(&path, bytes).expect("write");
        let spoiled_file = IndexFile {
            path,
            settings: file.settings.clone(),
        };
        let mut scan = Scan::growing_stored(spoiled_file);
        for chunk in corpus.articles.chunks(4) {
            scan.grow(chunk);
        }
        assert_eq!(answers(&mut scan, &corpus), expected, "file {number}");
    }
}
