//! Loading through the cache gives what loading the files gives — sources, articles, metadata,
//! warnings and search answers — after any edits, additions, removals, renames and touches of
//! the files, and each change re-reads only the files it touched.

mod cache_support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cache_support::{assert_same, both, cache_warnings, touch, write};
use proptest::prelude::*;
use wenji_core::persist::cache::Commit;

/// Words the generated files are made of: enough overlap for the queries to hit, folded forms
/// (full-width, traditional) among them.
const WORDS: [&str; 12] = [
    "振兴",
    "东北",
    "发展",
    "經濟",
    "發展",
    "ＧＤＰ",
    "gdp",
    "张三",
    "，",
    "。",
    "龙江",
    "改革",
];

/// A file's contents, in one of the formats wenji reads.
#[derive(Debug, Clone)]
enum Content {
    Plain(Vec<String>),
    Seed {
        title: String,
        byline: bool,
        paragraphs: Vec<String>,
    },
    FrontMatter {
        title: String,
        date: u8,
        paragraphs: Vec<String>,
    },
    Lines(Vec<String>),
    Gbk(Vec<String>),
    Empty,
}

impl Content {
    fn extension(&self) -> &'static str {
        match self {
            Content::Plain(_) | Content::Gbk(_) | Content::Empty => "txt",
            Content::Seed { .. } | Content::FrontMatter { .. } => "md",
            Content::Lines(_) => "jsonl",
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let text = match self {
            Content::Plain(paragraphs) => paragraphs.join("\n\n"),
            Content::Seed {
                title,
                byline,
                paragraphs,
            } => {
                let byline = if *byline {
                    "张三（省长）\n\n"
                } else {
                    ""
                };
                format!(
                    "# 栏目\n\n## {title}\n\n{byline}{}\n",
                    paragraphs.join("\n\n")
                )
            }
            Content::FrontMatter {
                title,
                date,
                paragraphs,
            } => format!(
                "---\ntitle: {title}\nauthor: 张三\ndate: 2024-{:02}\n---\n\n{}\n",
                date % 14,
                paragraphs.join("\n\n")
            ),
            Content::Lines(paragraphs) => paragraphs.iter().fold(String::new(), |mut lines, p| {
                let _ = writeln!(lines, "{{\"title\":\"{}\",\"content\":\"{p}\"}}", p.len());
                lines
            }),
            Content::Gbk(paragraphs) => {
                return encoding_rs::GBK
                    .encode(&paragraphs.join("\n"))
                    .0
                    .into_owned();
            }
            Content::Empty => String::new(),
        };
        text.into_bytes()
    }
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(&WORDS[..]), 1..8)
        .prop_map(|words| words.concat())
}

fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(paragraph(), 1..4)
}

fn content() -> impl Strategy<Value = Content> {
    prop_oneof![
        3 => paragraphs().prop_map(Content::Plain),
        2 => (paragraph(), any::<bool>(), paragraphs())
            .prop_map(|(title, byline, paragraphs)| Content::Seed { title, byline, paragraphs }),
        2 => (paragraph(), any::<u8>(), paragraphs())
            .prop_map(|(title, date, paragraphs)| Content::FrontMatter { title, date, paragraphs }),
        1 => paragraphs().prop_map(Content::Lines),
        1 => paragraphs().prop_map(Content::Gbk),
        1 => Just(Content::Empty),
    ]
}

/// One change to the folder; indices pick among the files there.
#[derive(Debug, Clone)]
enum Change {
    Edit(prop::sample::Index, Content),
    Add(Content),
    Remove(prop::sample::Index),
    Rename(prop::sample::Index),
    Touch(prop::sample::Index),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), content()).prop_map(|(i, c)| Change::Edit(i, c)),
        2 => content().prop_map(Change::Add),
        1 => any::<prop::sample::Index>().prop_map(Change::Remove),
        1 => any::<prop::sample::Index>().prop_map(Change::Rename),
        1 => any::<prop::sample::Index>().prop_map(Change::Touch),
    ]
}

/// The folder under test: its files, named in order of creation.
struct Folder {
    root: PathBuf,
    files: Vec<PathBuf>,
    made: usize,
}

impl Folder {
    fn add(&mut self, content: &Content) {
        self.made += 1;
        // Some in a subfolder, so the walk's order is part of what is compared.
        let dir = if self.made.is_multiple_of(3) {
            "sub"
        } else {
            "."
        };
        let path = self
            .root
            .join(dir)
            .join(format!("{:02}.{}", self.made, content.extension()));
        write(&path, &content.bytes());
        self.files.push(path);
    }

    /// Applies `change`; the paths whose entries it invalidates (none for a removal).
    fn apply(&mut self, change: &Change) -> usize {
        let pick = |index: &prop::sample::Index, files: &[PathBuf]| {
            (!files.is_empty()).then(|| index.index(files.len()))
        };
        match change {
            Change::Add(content) => {
                self.add(content);
                1
            }
            Change::Edit(index, content) => pick(index, &self.files).map_or(0, |at| {
                write(&self.files[at], &content.bytes());
                1
            }),
            Change::Remove(index) => pick(index, &self.files).map_or(0, |at| {
                std::fs::remove_file(self.files.remove(at)).expect("remove");
                0
            }),
            Change::Rename(index) => pick(index, &self.files).map_or(0, |at| {
                self.made += 1;
                let old = &self.files[at];
                let name = old.file_name().expect("a name").to_string_lossy();
                let new = old.with_file_name(format!("r{:02}-{name}", self.made));
                std::fs::rename(old, &new).expect("rename");
                self.files[at] = new;
                1
            }),
            Change::Touch(index) => pick(index, &self.files).map_or(0, |at| {
                touch(&self.files[at]);
                1
            }),
        }
    }
}

/// Loads `root` both ways and compares; returns how many files were read rather than taken
/// from the cache, and whether anything was read at all.
fn compare(root: &Path, cache: &Path) -> Result<Option<usize>, TestCaseError> {
    let (fresh, cached) = both(&[root.to_path_buf()], cache);
    match (fresh, cached) {
        (Ok(fresh), Ok((cached, report))) => {
            assert_same(&fresh, &cached);
            prop_assert!(cache_warnings(&cached).is_empty(), "{:?}", cached.warnings);
            prop_assert!(report.commit.is_some());
            Ok(Some(report.read))
        }
        (Err(fresh), Err(cached)) => {
            prop_assert_eq!(fresh.to_string(), cached.to_string());
            Ok(None)
        }
        (fresh, cached) => {
            prop_assert!(
                false,
                "one load failed: {:?} / {:?}",
                fresh.err(),
                cached.err()
            );
            Ok(None)
        }
    }
}

/// How many files in the folder hold no text: never cached, so read every time.
fn uncached(folder: &Folder) -> usize {
    let empty = |path: &&PathBuf| std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
    folder.files.iter().filter(empty).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_cached_load_equals_a_fresh_one_after_any_changes(
        initial in proptest::collection::vec(content(), 1..6),
        changes in proptest::collection::vec(change(), 1..6),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = dir.path().join("cache");
        let mut folder = Folder { root: dir.path().join("docs"), files: Vec::new(), made: 0 };
        for content in &initial {
            folder.add(content);
        }
        compare(&folder.root, &cache)?;
        for change in &changes {
            let touched = folder.apply(change);
            if let Some(read) = compare(&folder.root, &cache)? {
                // Only what the change touched is read again, besides what is never cached.
                prop_assert!(read <= touched + uncached(&folder), "{read} read after {change:?}");
            }
            // And once more, now that it is cached: nothing is read but what never is.
            if let Some(read) = compare(&folder.root, &cache)? {
                prop_assert_eq!(read, uncached(&folder));
            }
        }
    }
}

#[test]
fn a_warm_open_that_changes_nothing_rewrites_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (docs, cache) = (dir.path().join("docs"), dir.path().join("cache"));
    cache_support::mixed_corpus(&docs);
    let (fresh, first) = both(std::slice::from_ref(&docs), &cache);
    let (_, report) = first.expect("loads");
    // Seven files, each cached but the empty one, which gives no source.
    let sources = fresh.expect("loads").sources.len();
    assert_eq!(sources, 6);
    let written = Commit::Written {
        files: sources,
        bytes: report_bytes(&cache),
    };
    assert_eq!(report.commit, Some(written));
    let file = cache_support::cache_file(&cache);
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&file).expect("stat"));
    let (fresh, second) = both(std::slice::from_ref(&docs), &cache);
    let (corpus, report) = second.expect("loads");
    assert_eq!(
        (report.hits, report.read, report.commit),
        (6, 1, Some(Commit::Unchanged))
    );
    assert_same(&fresh.expect("loads"), &corpus);
    let again = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&file).expect("stat"));
    assert_eq!(inode, again, "the file was not replaced");
}

/// A date that cannot be read is warned of on every open, the warm ones that take its file
/// from the cache as well as the first: the `!` overlay lists it either way.
#[test]
fn an_unread_date_is_warned_of_when_its_file_comes_from_the_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (docs, cache) = (dir.path().join("docs"), dir.path().join("cache"));
    cache_support::mixed_corpus(&docs);
    let warning = "4-lines.jsonl:2: date \"去年春天\" could not be read; shown as written";
    let has_warning = |corpus: &wenji_core::corpus::Corpus| {
        let warnings = cache_support::file_warnings(corpus);
        let count = warnings.iter().filter(|w| w.ends_with(warning)).count();
        assert_eq!(count, 1, "{warnings:?}");
    };
    for round in 0..2 {
        let (fresh, cached) = both(std::slice::from_ref(&docs), &cache);
        let (corpus, report) = cached.expect("loads");
        assert_eq!(report.hits, if round == 0 { 0 } else { 6 });
        has_warning(&fresh.expect("loads"));
        has_warning(&corpus);
        let article = corpus
            .articles
            .iter()
            .find(|a| a.title == "二")
            .expect("二");
        let date = article.meta.date().expect("kept as text");
        assert_eq!((date.text(), date.value()), ("去年春天", None));
    }
}

fn report_bytes(cache: &Path) -> u64 {
    std::fs::metadata(cache_support::cache_file(cache))
        .expect("stat")
        .len()
}

#[test]
fn options_that_change_parsing_rebuild_the_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (docs, cache) = (dir.path().join("docs"), dir.path().join("cache"));
    cache_support::mixed_corpus(&docs);
    let paths = [docs];
    let options = wenji_core::corpus::LoadOptions::default();
    let load = |options| wenji_core::corpus::load_cached(&paths, options, Some(&cache));
    load(options).expect("loads");
    for other in [
        wenji_core::corpus::LoadOptions {
            page_break_repair: false,
            ..options
        },
        wenji_core::corpus::LoadOptions {
            encoding: Some(encoding_rs::GBK),
            ..options
        },
    ] {
        let (corpus, report) = load(other).expect("loads");
        assert_eq!(report.hits, 0, "nothing read with other options is reused");
        let fresh = wenji_core::corpus::load(&paths, other).expect("loads");
        assert_same(&fresh, &corpus);
        assert!(
            cache_warnings(&corpus).is_empty(),
            "out of date is not broken"
        );
    }
}

#[test]
fn a_fifo_is_read_every_time_and_never_cached() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, fifo) = (dir.path().join("a.txt"), dir.path().join("fifo"));
    write(&file, "振兴东北。\n".as_bytes());
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let cache = dir.path().join("cache");
    for round in 0..2 {
        let feeder = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, format!("第{round}回。\n")))
        };
        let paths = [file.clone(), fifo.clone()];
        let options = wenji_core::corpus::LoadOptions::default();
        let (corpus, report) =
            wenji_core::corpus::load_cached(&paths, options, Some(&cache)).expect("loads");
        feeder.join().expect("fed").expect("written");
        assert_eq!((report.hits, report.read), (round, 2 - round));
        assert!(corpus.sources[1].text.contains(&format!("第{round}回")));
    }
}
