//! Remembered positions and bookmarks, as a user reopening files would meet them.

use std::fs;
use std::path::{Path, PathBuf};

use wenji_core::corpus::{Corpus, LoadOptions, load, sample};
use wenji_core::persist::{ArticleKey, CorpusId, CorpusKeys, Position, SAMPLE_FILE, StateStore};

fn open(dir: &Path) -> StateStore {
    let (store, warnings) = StateStore::open(Some(dir.to_path_buf()));
    assert!(warnings.is_empty(), "{warnings:?}");
    store
}

fn load_files(paths: &[PathBuf]) -> Corpus {
    load(paths, LoadOptions::default()).expect("the test files load")
}

const A: &str = "## 甲篇\n\n第一段甲。\n\n第二段甲。\n\n第三段甲。\n";
const B: &str = "## 乙篇\n\n乙的正文。\n";

#[test]
fn bookmarks_round_trip_with_snippet_note_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample();
    let keys = CorpusKeys::new(&corpus);
    let key = keys.article(&corpus, 0).unwrap();
    assert_eq!(key.file, SAMPLE_FILE);
    let paragraph = &corpus.articles[0].paragraphs[2];

    let mut store = open(dir.path());
    assert!(store.toggle_bookmark(&key, 2, paragraph.lines.start, &paragraph.text, "  经济  "));
    store.save().unwrap();

    let reopened = open(dir.path());
    let marks: Vec<_> = reopened.bookmarks_in(&keys).collect();
    assert_eq!(marks.len(), 1);
    let mark = marks[0];
    assert_eq!(mark.key, key);
    assert_eq!(mark.paragraph, 2);
    assert_eq!(mark.line, paragraph.lines.start);
    assert_eq!(
        mark.snippet,
        paragraph.text.chars().take(30).collect::<String>()
    );
    assert_eq!(mark.snippet.chars().count(), 30);
    assert_eq!(mark.note, "经济");
    assert!(
        mark.created.ends_with('Z') && mark.created.len() == 20,
        "{}",
        mark.created
    );
    assert!(!mark.stale);
    assert_eq!(reopened.bookmarks(), store.bookmarks());
}

#[test]
fn toggling_the_same_paragraph_removes_the_bookmark_and_delete_removes_that_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let key = ArticleKey {
        file: SAMPLE_FILE.into(),
        title: "题".into(),
    };
    let mut store = open(dir.path());
    assert!(store.toggle_bookmark(&key, 0, 9, "正文", ""));
    assert!(store.toggle_bookmark(&key, 1, 11, "正文二", ""));
    assert!(!store.toggle_bookmark(&key, 0, 9, "正文", ""));
    assert_eq!(store.bookmarks().len(), 1);
    let id = store.bookmarks()[0].id();
    assert_eq!(id.paragraph, 1);
    assert!(store.set_note(&id, "注"));
    assert_eq!(
        store.remove_bookmark(&id).map(|b| b.note),
        Some("注".into())
    );
    assert_eq!(store.remove_bookmark(&id), None);
    store.save().unwrap();
    assert!(open(dir.path()).bookmarks().is_empty());
}

#[test]
fn reopening_the_same_files_restores_the_last_article_and_its_position() {
    let state = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let a = files.path().join("a.txt");
    fs::write(&a, A).unwrap();
    let inputs = vec![a.clone()];
    let corpus = load_files(&inputs);
    let keys = CorpusKeys::new(&corpus);
    let key = keys.article(&corpus, 0).unwrap();

    let mut store = open(state.path());
    store.set_last(&CorpusId::from_inputs(&inputs), key.clone());
    store.set_position(
        &key,
        Position {
            paragraph: 1,
            offset: 6,
        },
    );
    store.save().unwrap();

    let store = open(state.path());
    // The same file named another way is the same corpus.
    let again = vec![files.path().join(".").join("a.txt")];
    let last = store.last(&CorpusId::from_inputs(&again)).unwrap();
    assert_eq!(keys.find(last), Some(0));
    assert_eq!(
        store.position(last),
        Some(Position {
            paragraph: 1,
            offset: 6
        })
    );
    assert_eq!(store.last(&CorpusId::sample()), None);
}

#[test]
fn adding_a_file_does_not_scramble_remembered_positions() {
    let state = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (a, b) = (
        files.path().join("b-later.txt"),
        files.path().join("a-first.txt"),
    );
    fs::write(&a, A).unwrap();
    fs::write(&b, B).unwrap();

    let alone = load_files(std::slice::from_ref(&a));
    let keys = CorpusKeys::new(&alone);
    let mut store = open(state.path());
    store.set_position(
        &keys.article(&alone, 0).unwrap(),
        Position {
            paragraph: 2,
            offset: 0,
        },
    );
    store.save().unwrap();

    // With another file opened first, 甲篇 moves down the list but keeps its position.
    let both = load_files(&[b, a]);
    let keys = CorpusKeys::new(&both);
    let index = both
        .articles
        .iter()
        .position(|x| x.title == "甲篇")
        .unwrap();
    assert_ne!(index, 0);
    let store = open(state.path());
    assert_eq!(
        store.position(&keys.article(&both, index).unwrap()),
        Some(Position {
            paragraph: 2,
            offset: 0
        })
    );
    let other = both
        .articles
        .iter()
        .position(|x| x.title == "乙篇")
        .unwrap();
    assert_eq!(store.position(&keys.article(&both, other).unwrap()), None);
}

#[test]
fn bookmark_past_the_end_of_a_shrunken_file_is_kept_and_marked_stale() {
    let state = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let a = files.path().join("a.txt");
    let b = files.path().join("b.txt");
    fs::write(&a, A).unwrap();
    fs::write(&b, B).unwrap();
    let corpus = load_files(&[a.clone(), b.clone()]);
    let keys = CorpusKeys::new(&corpus);
    let key = keys.article(&corpus, 0).unwrap();
    let mut store = open(state.path());
    store.toggle_bookmark(&key, 2, 7, "第三段甲。", "末段");
    store.toggle_bookmark(&key, 0, 3, "第一段甲。", "");
    store.toggle_bookmark(&keys.article(&corpus, 1).unwrap(), 0, 3, "乙的正文。", "");
    store.save().unwrap();

    // The file loses its last paragraph; only a.txt is opened this time.
    fs::write(&a, "## 甲篇\n\n第一段甲。\n").unwrap();
    let shrunk = load_files(std::slice::from_ref(&a));
    let keys = CorpusKeys::new(&shrunk);
    let mut store = open(state.path());
    assert_eq!(store.mark_stale_in(&shrunk, &keys), 1);
    store.save().unwrap();

    let store = open(state.path());
    let marks: Vec<_> = store
        .bookmarks()
        .iter()
        .map(|m| (m.note.as_str(), m.stale))
        .collect();
    assert_eq!(marks, [("末段", true), ("", false), ("", false)]);
    // b.txt was not open: its bookmark is neither listed nor judged.
    assert_eq!(store.bookmarks_in(&keys).count(), 2);

    // The file grows back: the bookmark is live again.
    fs::write(&a, A).unwrap();
    let grown = load_files(std::slice::from_ref(&a));
    let mut store = open(state.path());
    assert_eq!(store.mark_stale_in(&grown, &CorpusKeys::new(&grown)), 0);
}

#[test]
fn bookmarks_made_in_two_open_instances_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let key = |t: &str| ArticleKey {
        file: SAMPLE_FILE.into(),
        title: t.into(),
    };
    let mut seed = open(dir.path());
    seed.toggle_bookmark(&key("旧"), 0, 1, "旧", "");
    seed.save().unwrap();

    let mut first = open(dir.path());
    let mut second = open(dir.path());
    first.toggle_bookmark(&key("一"), 0, 1, "一", "");
    second.toggle_bookmark(&key("二"), 0, 1, "二", "");
    let old = second.bookmarks()[0].id();
    second.remove_bookmark(&old); // "旧", deleted in the second window
    first.save().unwrap();
    second.save().unwrap();
    first.save().unwrap();

    let titles: Vec<_> = open(dir.path())
        .bookmarks()
        .iter()
        .map(|b| b.key.title.clone())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(sorted, ["一", "二"], "{titles:?}");
}
