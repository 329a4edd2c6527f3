//! The benchmark corpus generator (`benches/support/corpus_gen.rs`): the same request writes the
//! same bytes, the total lands on the request, and wenji reads every generated file as articles.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code, reason = "the tests exercise part of the generator")]
mod corpus_gen;

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("the generated folder is readable") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

const SPEC: corpus_gen::Spec = corpus_gen::Spec {
    bytes: 400_000,
    files: 120,
    seed: corpus_gen::DEFAULT_SEED,
};

#[test]
fn the_same_request_writes_the_same_bytes_within_a_percent_of_the_size() {
    let pools = corpus_gen::Pools::from_sample();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let summary = corpus_gen::generate(&SPEC, &pools, a.path()).unwrap();
    corpus_gen::generate(&SPEC, &pools, b.path()).unwrap();
    let (files_a, files_b) = (files_under(a.path()), files_under(b.path()));
    assert_eq!(files_a.len(), SPEC.files + 1, "the files and the marker");
    for (x, y) in files_a.iter().zip(&files_b) {
        assert_eq!(x.strip_prefix(a.path()), y.strip_prefix(b.path()));
        assert_eq!(
            fs::read(x).unwrap(),
            fs::read(y).unwrap(),
            "{}",
            x.display()
        );
    }
    assert!(summary.bytes.abs_diff(SPEC.bytes) * 100 <= SPEC.bytes);
    assert!(summary.folders > 1 && summary.largest > 10 * summary.smallest);
    assert!(
        files_a
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "md"))
    );
}

#[test]
fn wenji_reads_every_generated_file_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let summary =
        corpus_gen::generate(&SPEC, &corpus_gen::Pools::from_sample(), dir.path()).unwrap();
    let corpus = wenji::corpus::load(
        &[dir.path().to_path_buf()],
        wenji::corpus::LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        corpus.sources.len(),
        SPEC.files,
        "the hidden marker is not read"
    );
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert!(corpus.articles.len() >= summary.files);
}

#[test]
fn a_folder_it_did_not_write_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let pools = corpus_gen::Pools::from_sample();
    assert!(corpus_gen::generate(&SPEC, &pools, dir.path()).is_err());
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn sizes_read_as_powers_of_1000_or_1024() {
    assert_eq!(corpus_gen::parse_size("100M"), Ok(100_000_000));
    assert_eq!(corpus_gen::parse_size("1G"), Ok(1_000_000_000));
    assert_eq!(corpus_gen::parse_size("1.5MB"), Ok(1_500_000));
    assert_eq!(corpus_gen::parse_size("64Mi"), Ok(64 << 20));
    assert_eq!(corpus_gen::parse_size("512"), Ok(512));
    assert!(corpus_gen::parse_size("12Q").is_err());
    assert!(corpus_gen::parse_size("M").is_err());
}
