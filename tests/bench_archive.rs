//! The generated archive (`benches/support/archive.rs`) looks like a real export: the same
//! request writes the same bytes; every file is one article under front matter with the six
//! fields (the date now and then as `published` or `created`, or unknown); re-crawls, farewell
//! notices, empty stubs, traditional characters, figures and GBK files are all there; and wenji
//! reads each file as that article, GBK included, with its date.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use wenji::corpus::{self, LoadOptions};

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code, reason = "the tests exercise part of the generator")]
mod corpus_gen;

const SPEC: corpus_gen::Spec = corpus_gen::Spec {
    bytes: 2_000_000,
    files: 2_000,
    seed: corpus_gen::DEFAULT_SEED,
};

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("the generated folder is readable") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// A file's text, from UTF-8 or else from GBK; and whether it was GBK.
fn text_of(path: &Path) -> (String, bool) {
    let bytes = fs::read(path).expect("readable");
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(error) => {
            let (text, _, bad) = encoding_rs::GBK.decode(error.as_bytes());
            assert!(!bad, "{} is neither UTF-8 nor GBK", path.display());
            (text.into_owned(), true)
        }
    }
}

/// The value of front matter field `field` in `text`, unquoted.
fn field<'t>(text: &'t str, field: &str) -> Option<&'t str> {
    let matter = text.strip_prefix("---\n")?.split("\n---\n").next()?;
    matter.lines().find_map(|line| {
        let value = line.strip_prefix(field)?.strip_prefix(": ")?;
        Some(value.trim_matches('"'))
    })
}

#[test]
fn the_archive_holds_what_real_exports_hold_and_wenji_reads_it() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let pools = corpus_gen::Pools::from_sample();
    let summary = corpus_gen::archive::generate(&SPEC, &pools, a.path()).unwrap();
    corpus_gen::archive::generate(&SPEC, &pools, b.path()).unwrap();
    let files = files_under(a.path());
    assert_eq!(files.len(), SPEC.files);
    for (x, y) in files.iter().zip(files_under(b.path())) {
        assert_eq!(
            fs::read(x).unwrap(),
            fs::read(&y).unwrap(),
            "{}",
            x.display()
        );
    }
    let total: u64 = files.iter().map(|f| fs::metadata(f).unwrap().len()).sum();
    assert_eq!(total, summary.bytes);
    for (kind, count) in [
        ("re-crawls", summary.recrawls),
        ("farewells", summary.farewells),
        ("stubs", summary.stubs),
        ("traditional", summary.traditional),
        ("gbk", summary.gbk),
        ("figures", summary.figures),
        ("published dates", summary.published),
        ("created dates", summary.created),
        ("unknown dates", summary.unknown_dates),
    ] {
        assert!(count > 0, "no {kind} in {summary:?}");
    }

    let mut by_url: HashMap<String, usize> = HashMap::new();
    let (mut gbk, mut stubs, mut traditional, mut figures) = (0, 0, 0, 0);
    for file in &files {
        let (text, is_gbk) = text_of(file);
        gbk += usize::from(is_gbk);
        for name in ["title", "author", "category", "tags", "url"] {
            assert!(field(&text, name).is_some(), "{name} in {}", file.display());
        }
        let dates = ["date", "published", "created"].map(|name| field(&text, name));
        assert_eq!(
            dates.iter().flatten().count(),
            1,
            "one date field in {}",
            file.display()
        );
        let url = field(&text, "url").unwrap_or_default();
        let page = url.split('?').next().unwrap_or_default().to_owned();
        *by_url.entry(page).or_default() += 1;
        let body = text
            .split_once("\n---\n")
            .map_or("", |(_, body)| body.trim());
        stubs += usize::from(body.is_empty());
        traditional += usize::from(text.contains('國') || text.contains('發'));
        figures += text.matches("<figure>").count();
    }
    assert_eq!(gbk, summary.gbk, "GBK files");
    assert_eq!(stubs, summary.stubs, "empty bodies");
    assert!(
        traditional >= summary.traditional / 2,
        "traditional characters in the text"
    );
    assert!(
        figures >= summary.figures,
        "figures, re-crawls repeating some"
    );
    let saved_again = by_url.values().filter(|&&n| n > 1).count();
    assert!(saved_again > 0, "some page was crawled more than once");

    let corpus = corpus::load(&[a.path().to_path_buf()], LoadOptions::default()).unwrap();
    for (number, source) in corpus.sources.iter().enumerate() {
        let path = source.path.as_ref().expect("a file");
        let (text, _) = text_of(path);
        let title = field(&text, "title").expect("a title");
        let articles: Vec<_> = corpus
            .articles
            .iter()
            .filter(|a| a.source == number)
            .collect();
        assert_eq!(articles.len(), 1, "{}", path.display());
        assert_eq!(articles[0].title, title, "{}", path.display());
        let date = articles[0].meta.date().expect("every article is dated");
        let known = date.value().is_some();
        assert_eq!(known, date.text() != "不详", "{}", path.display());
        assert!(!articles[0].title.contains('\u{fffd}'));
    }
    let unread = corpus
        .warnings
        .iter()
        .filter(|w| w.message == "date \"不详\" could not be read; shown as written")
        .count();
    assert_eq!(
        unread, summary.unknown_dates,
        "each unknown date warned of once"
    );
    let stub_files = files.len() - corpus.sources.len();
    assert!(
        stub_files <= summary.stubs,
        "only empty stubs may be left out"
    );
}

/// On the generated archive: `--count --by year` of the farewell notice's words has a row for
/// every year from the first date to the last, the years without a notice at zero, and the
/// undated last; and the list folds what
/// the archive holds twice (the farewell notice saved again and again, the re-crawls that added
/// nothing) and leaves out the empty stubs.
#[test]
fn the_archive_counts_by_year_with_its_zero_years_and_its_copies_fold() {
    let dir = tempfile::tempdir().unwrap();
    let pools = corpus_gen::Pools::from_sample();
    let summary = corpus_gen::archive::generate(&SPEC, &pools, dir.path()).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args([
            "search",
            "--count",
            "--by",
            "year",
            "--no-cache",
            "停止更新",
        ])
        .arg(dir.path())
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .output()
        .expect("wenji runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
        .collect();
    let (last, years) = rows.split_last().expect("rows");
    assert_eq!(last[0], "unknown", "{text}");
    let numbers: Vec<u16> = years
        .iter()
        .map(|row| row[0].parse().expect("a year"))
        .collect();
    let (first, end) = (numbers[0], numbers[numbers.len() - 1]);
    assert_eq!(
        numbers,
        (first..=end).collect::<Vec<_>>(),
        "every year: {text}"
    );
    assert!(end > first + 10, "{text}");
    assert!(
        years.iter().any(|row| row[1] == "0"),
        "a year at zero: {text}"
    );
    let notices: usize = years
        .iter()
        .map(|row| row[2].parse::<usize>().expect("a count"))
        .sum();
    assert!(notices > 0 && notices <= summary.farewells, "{text}");

    let corpus = corpus::load(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    let mut copies = wenji::corpus::copies::Copies::new(true);
    copies.add(&corpus.articles);
    assert_eq!(copies.empty().len(), summary.stubs, "the stubs have no row");
    let listed = copies.listed();
    assert_eq!(listed, corpus.articles.len() - summary.stubs);
    // The notices fold into one row; most re-crawls add no paragraph and fold into theirs.
    assert!(
        copies.distinct() <= listed - (summary.farewells - 1) - summary.recrawls / 2,
        "{} distinct of {listed}: {summary:?}",
        copies.distinct()
    );
}
