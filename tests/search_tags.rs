//! `wenji search` finds a term that an article has only in its front matter's tags: counted
//! with `--count`, named `"field":"tag"` in `--json`, shown with its tag as context, and found
//! alike when every file is parsed (`--no-cache`) and from a warm load cache, whose per-file
//! signatures must not turn the file away. A term that would run from one tag into the next is
//! in neither.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

/// An article whose only 国安法 is its second tag, another with neither the term nor its
/// characters, and one with the term in its text. The tagged one comes last: the first file
/// with articles is always parsed (it tells an empty corpus from one without hits), and only
/// those after it may be turned away by the prefilter or their signature.
const TAGGED: &str = "---\ntitle: 立法会通过条例\nauthor: 林励\ncategory: 眾聞\n\
                      tags: [香港, 国安法]\n---\n\n立法会今日三读通过条例。\n";
const OTHER: &str = "---\ntitle: 预算案公布\ntags: [经济]\n---\n\n财政司司长公布预算案。\n";
const IN_TEXT: &str = "## 评论\n\n国安法实施以来，社会恢复稳定。\n";

/// A folder of the three files, in that order, dated a minute ago so that the load cache keeps them (it does
/// not trust a file modified within the last two seconds).
fn corpus() -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    for (name, text) in [("a.txt", IN_TEXT), ("b.md", OTHER), ("c.md", TAGGED)] {
        let path = dir.path().join(name);
        fs::write(&path, text).expect("write");
        let time = SystemTime::now() - Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(time))
            .expect("date the file");
    }
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Runs wenji with `args`, its cache in `cache`.
fn wenji(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("wenji runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The file name and count of each `--count` line.
fn counts(output: &Output) -> Vec<(String, String)> {
    stdout(output)
        .lines()
        .map(|line| {
            let name = Path::new(line.split(':').next().unwrap_or_default())
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let count = line.rsplit(": ").next().unwrap_or_default().to_owned();
            (name, count)
        })
        .collect()
}

/// What a user relies on in each run: the articles counted, the JSON hits' fields and the
/// grep-like line of the tag's hit.
fn check_search(dir: &Path, cache: &Path, extra: &[&str]) {
    let with = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend_from_slice(extra);
        wenji(&all, cache)
    };
    let count = with(&["search", "--count", "国安法", arg(dir)]);
    assert_eq!(count.status.code(), Some(0), "found");
    assert_eq!(
        counts(&count),
        [("a.txt".into(), "1".into()), ("c.md".into(), "1".into())],
        "{extra:?}: the tagged article is counted, its neighbour without the term is not"
    );

    let json = with(&["search", "--json", "国安法", arg(dir)]);
    let hits: Vec<Value> = stdout(&json)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(hits.len(), 2, "{extra:?}");
    assert_eq!(hits[0]["field"], "paragraph");
    let tag = &hits[1];
    assert_eq!(tag["title"], "立法会通过条例");
    assert_eq!(tag["field"], "tag");
    assert_eq!(tag["paragraph"], Value::Null);
    assert_eq!(tag["hit"], "国安法");
    assert_eq!(
        (&tag["byte_start"], &tag["byte_end"]),
        (&0.into(), &9.into())
    );

    let lines = with(&["search", "-C", "5", "国安法", arg(dir)]);
    let text = stdout(&lines);
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(": 立法会通过条例: 【国安法】"),
        "{extra:?}: the context of a tag's hit is that tag alone: {last}"
    );

    let across = with(&["search", "--count", "港国", arg(dir)]);
    assert_eq!(
        across.status.code(),
        Some(1),
        "{extra:?}: no term spans two tags"
    );
    assert_eq!(stdout(&across), "");
}

#[test]
fn a_term_only_in_a_tag_is_found_when_every_file_is_parsed() {
    let dir = corpus();
    let cache = TempDir::new().expect("cache folder");
    check_search(dir.path(), cache.path(), &["--no-cache"]);
    assert!(
        fs::read_dir(cache.path())
            .expect("readable")
            .next()
            .is_none(),
        "--no-cache writes no cache"
    );
}

#[test]
fn a_term_only_in_a_tag_is_found_from_a_warm_load_cache() {
    let dir = corpus();
    let cache = TempDir::new().expect("cache folder");
    let list = wenji(&["list", arg(dir.path())], cache.path());
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let cached: Vec<_> = fs::read_dir(cache.path().join("wenji"))
        .expect("wenji list wrote its cache")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "wjc"))
        .collect();
    assert_eq!(cached.len(), 1, "one cached corpus");
    check_search(dir.path(), cache.path(), &[]);
}
