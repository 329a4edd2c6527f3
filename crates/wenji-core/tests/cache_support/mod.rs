//! What the load-cache tests share: files of every format written with a settled modification
//! time, and a comparison of two loads by everything a user could see of them — sources,
//! articles and their metadata, warnings, and the answers of a few searches.

#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use wenji_core::corpus::{
    Article, CacheReport, Corpus, Format, LoadError, LoadOptions, load, load_cached,
};
use wenji_core::persist::cache::WARNING_SOURCE;
use wenji_core::search::{Engine, Location, Query, Request, Scan, Scope};

/// Queries whose answers must not depend on where the corpus came from: a common word, a
/// folded one (full-width, traditional), a speaker, two terms.
pub const QUERIES: [&str; 5] = ["振兴", "gdp", "發展", "张三", "经济 东北"];

/// Modification times handed out to written files: each distinct, all long settled.
static CLOCK: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` (making its folder) and dates it in the past, later than any file
/// written before it, so each write has its own key and is old enough to be cached.
pub fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("make the folder");
    }
    std::fs::write(path, bytes).expect("write a file");
    touch(path);
}

/// Gives `path` a new modification time in the past.
pub fn touch(path: &Path) {
    let tick = CLOCK.fetch_add(1, Ordering::Relaxed);
    let time = SystemTime::now() - Duration::from_secs(86_400) + Duration::from_millis(tick);
    let file = std::fs::File::options().write(true).open(path);
    file.and_then(|file| file.set_modified(time))
        .expect("set the time");
}

/// A small folder of every format: plain text, seed-style Markdown, front matter, JSON Lines
/// (one record with a date that cannot be read), GBK, an empty file and a binary one.
pub fn mixed_corpus(dir: &Path) {
    write(
        &dir.join("1-plain.txt"),
        "振兴东北。\n\n发展经济，ＧＤＰ增长。\n".as_bytes(),
    );
    write(
        &dir.join("2-seed.md"),
        "# 新声\n\n## 振兴龙江\n\n张三（省长）\n\n第一段，发展经济。\n\n（记者李四整理）\n"
            .as_bytes(),
    );
    write(
        &dir.join("3-front.md"),
        "---\ntitle: 东北经济\nauthor: 张三\ndate: 2024-05\ntags: [经济]\nurl: https://example.org/a\n---\n\n經濟發展。\n\n<figure><img src=\"a.png\"><figcaption>图一</figcaption></figure>\n"
            .as_bytes(),
    );
    write(
        &dir.join("4-lines.jsonl"),
        "{\"title\":\"一\",\"content\":\"振兴\\n发展\",\"author\":\"王五\"}\n{\"title\":\"二\",\"content\":\"gdp\",\"date\":\"去年春天\"}\nnot json\n"
            .as_bytes(),
    );
    let (gbk, _, _) = encoding_rs::GBK.encode("振兴东北，发展经济。\n第二段。\n");
    write(&dir.join("5-gbk.txt"), &gbk);
    write(&dir.join("6-empty.txt"), b"");
    write(&dir.join("7-binary.txt"), b"\0\x01\x02\x03binary\0\0");
}

/// Loads `paths` without a cache, and through the cache in `cache`.
pub fn both(
    paths: &[PathBuf],
    cache: &Path,
) -> (
    Result<Corpus, LoadError>,
    Result<(Corpus, CacheReport), LoadError>,
) {
    let options = LoadOptions::default();
    (
        load(paths, options),
        load_cached(paths, options, Some(cache)),
    )
}

/// The warnings of `corpus` but the cache's own.
pub fn file_warnings(corpus: &Corpus) -> Vec<String> {
    corpus
        .warnings
        .iter()
        .filter(|w| w.source != WARNING_SOURCE)
        .map(ToString::to_string)
        .collect()
}

/// The cache's own warnings in `corpus`.
pub fn cache_warnings(corpus: &Corpus) -> Vec<String> {
    corpus
        .warnings
        .iter()
        .filter(|w| w.source == WARNING_SOURCE)
        .map(ToString::to_string)
        .collect()
}

/// One query's answer: per-article hit counts, and the hits.
pub type Answer = (Vec<(u32, usize)>, Vec<Location>);

/// Each query's answer.
pub fn answers(corpus: &Corpus) -> Vec<Answer> {
    let mut scan = Scan::build(corpus);
    QUERIES
        .iter()
        .map(|text| {
            let request = Request {
                generation: 1,
                query: Query::parse(text),
                scope: Scope::All,
            };
            let (matches, complete) = scan.answer(&request);
            assert!(complete);
            let counts = matches
                .articles
                .iter()
                .map(|a| (a.article, a.hits.len()))
                .collect();
            (counts, matches.locations(0..matches.hit_count()))
        })
        .collect()
}

/// Everything a user could see of a corpus but the cache's warnings: sources (path, name, text,
/// encoding, format), articles with their metadata, the files' warnings, and search answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    sources: Vec<(Option<PathBuf>, String, String, String, Format)>,
    articles: Vec<Article>,
    warnings: Vec<String>,
    answers: Vec<Answer>,
}

impl Seen {
    pub fn of(corpus: &Corpus) -> Self {
        Self {
            sources: corpus
                .sources
                .iter()
                .map(|s| {
                    let (path, name) = (s.path.clone(), s.name.clone());
                    (path, name, s.text.to_string(), s.encoding.clone(), s.format)
                })
                .collect(),
            articles: corpus.articles.clone(),
            warnings: file_warnings(corpus),
            answers: answers(corpus),
        }
    }
}

/// Fails unless `cached` is `fresh` in everything a user could see but the cache's warnings.
pub fn assert_same(fresh: &Corpus, cached: &Corpus) {
    assert_eq!(Seen::of(fresh), Seen::of(cached));
}

/// The one cache file in `dir`.
pub fn cache_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the cache folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}
