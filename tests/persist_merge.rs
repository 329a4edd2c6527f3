//! Two or three windows on one state folder: bookmarks and their notes merge by what each
//! bookmark is, never by where it stands in the list.

use std::collections::HashMap;
use std::path::Path;

use proptest::prelude::*;
use wenji::corpus::sample;
use wenji::persist::{ArticleKey, Bookmark, BookmarkId, CorpusId, SAMPLE_FILE, StateStore};
use wenji::session::Session;
use wenji::state::State;

fn window(dir: &Path) -> (Session, State) {
    let corpus = sample();
    let (session, warnings) = Session::open(Some(dir.to_path_buf()), &corpus, CorpusId::sample());
    assert!(warnings.is_empty(), "{warnings:?}");
    (session, State::new(corpus))
}

/// `m` in a window, as the app does it: bookmark, save, then the note prompt opens.
fn bookmark(window: &mut (Session, State), article: usize, paragraph: usize) -> BookmarkId {
    let (session, state) = window;
    let id = session
        .toggle_bookmark(state, article, paragraph)
        .expect("a bookmark is added");
    assert_eq!(session.save(state), None);
    id
}

/// The note typed into the prompt, then saved.
fn type_note(window: &mut (Session, State), id: &BookmarkId, note: &str) {
    let (session, state) = window;
    session.set_note(state, id, note);
    assert_eq!(session.save(state), None);
}

fn notes_on_disk(dir: &Path) -> Vec<(String, usize, String)> {
    let (store, _) = StateStore::open(Some(dir.to_path_buf()));
    let mut notes: Vec<_> = store
        .bookmarks()
        .iter()
        .map(|b| (b.key.title.clone(), b.paragraph, b.note.clone()))
        .collect();
    notes.sort();
    notes
}

#[test]
fn two_windows_each_typing_a_note_keep_their_own_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = window(dir.path());
    let mut b = window(dir.path());
    let title = |w: &(Session, State), article: usize| w.1.corpus().articles[article].title.clone();
    let (title_a, title_b) = (title(&a, 0), title(&b, 1));

    let mark_a = bookmark(&mut a, 0, 1);
    let mark_b = bookmark(&mut b, 1, 1);
    type_note(&mut a, &mark_a, "AAA");
    type_note(&mut b, &mark_b, "BBB");

    let mut expected = vec![
        (title_a, 1, "AAA".to_owned()),
        (title_b, 1, "BBB".to_owned()),
    ];
    expected.sort();
    assert_eq!(notes_on_disk(dir.path()), expected);
}

/// A state file as the build before bookmark identities wrote it: no `uid`, no `edited`, and
/// two bookmarks made in the same second.
const OLD_FORMAT: &str = r#"version = 1

[[bookmark]]
file = "(sample)"
title = "旧篇"
paragraph = 0
line = 3
snippet = "第一段"
note = "旧注"
created = "2025-03-01T08:00:00Z"
stale = false

[[bookmark]]
file = "(sample)"
title = "旧篇"
paragraph = 1
line = 5
snippet = "第二段"
created = "2025-03-01T08:00:00Z"
"#;

#[test]
fn bookmarks_from_the_previous_format_keep_their_identity_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(wenji::persist::FILE_NAME), OLD_FORMAT).unwrap();
    let (mut a, warnings) = StateStore::open(Some(dir.path().to_path_buf()));
    assert!(warnings.is_empty(), "{warnings:?}");
    let (mut b, _) = StateStore::open(Some(dir.path().to_path_buf()));
    let ids: Vec<BookmarkId> = a.bookmarks().iter().map(Bookmark::id).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(a.bookmarks()[0].note, "旧注");
    assert_eq!(a.bookmarks()[1].note, "", "a missing note is empty");

    // One window edits the first note, the other deletes the second bookmark.
    assert!(a.set_note(&ids[0], "新注"));
    assert!(b.remove_bookmark(&ids[1]).is_some());
    a.save().unwrap();
    b.save().unwrap();
    a.save().unwrap();

    let (reopened, _) = StateStore::open(Some(dir.path().to_path_buf()));
    let marks = reopened.bookmarks();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(
        marks[0].id(),
        ids[0],
        "the same bookmark, known the same way"
    );
    assert_eq!(marks[0].note, "新注");
    let text = std::fs::read_to_string(dir.path().join(wenji::persist::FILE_NAME)).unwrap();
    assert!(text.contains("edited = "), "{text}");
    assert!(
        !text.contains("uid = "),
        "no identity is made up for old bookmarks\n{text}"
    );
}

/// What a window does in the property test.
#[derive(Debug, Clone)]
enum Edit {
    /// Bookmark a paragraph no bookmark is on yet.
    Add {
        window: usize,
    },
    /// Set the note of the window's `pick`-th bookmark (modulo how many it holds).
    Note {
        window: usize,
        pick: usize,
    },
    Delete {
        window: usize,
        pick: usize,
    },
    Save {
        window: usize,
    },
}

fn edit(windows: usize) -> impl Strategy<Value = Edit> {
    let window = 0..windows;
    prop_oneof![
        window.clone().prop_map(|window| Edit::Add { window }),
        (window.clone(), any::<usize>()).prop_map(|(window, pick)| Edit::Note { window, pick }),
        (window.clone(), any::<usize>()).prop_map(|(window, pick)| Edit::Delete { window, pick }),
        window.prop_map(|window| Edit::Save { window }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Edit>)> {
    (2..=3usize)
        .prop_flat_map(|windows| (Just(windows), prop::collection::vec(edit(windows), 1..40)))
}

/// The last thing done to one bookmark, by any window.
#[derive(Debug, Clone, PartialEq)]
enum Last {
    Note(String),
    Deleted,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Windows on one state folder edit and save in any order; once each has saved a last
    /// time, the file holds every bookmark whose last event was not a deletion, with the note
    /// written last, and none whose last event was.
    #[test]
    fn concurrent_edits_in_two_or_three_windows_are_never_lost((windows, edits) in scenario()) {
        let dir = tempfile::tempdir().unwrap();
        let mut stores: Vec<StateStore> = (0..windows)
            .map(|_| StateStore::open(Some(dir.path().to_path_buf())).0)
            .collect();
        let key = ArticleKey { file: SAMPLE_FILE.into(), title: "篇".into() };
        let mut last: HashMap<BookmarkId, Last> = HashMap::new();
        for (step, edit) in edits.into_iter().enumerate() {
            match edit {
                Edit::Add { window } => {
                    let store = &mut stores[window];
                    prop_assert!(store.toggle_bookmark(&key, step, step + 1, "正文", ""));
                    let id = store.bookmark_at(&key, step).expect("just added").id();
                    last.insert(id, Last::Note(String::new()));
                }
                Edit::Note { window, pick } => {
                    let store = &mut stores[window];
                    let count = store.bookmarks().len();
                    if count > 0 {
                        let id = store.bookmarks()[pick % count].id();
                        let note = format!("note {step}");
                        prop_assert!(store.set_note(&id, &note));
                        last.insert(id, Last::Note(note));
                    }
                }
                Edit::Delete { window, pick } => {
                    let store = &mut stores[window];
                    let count = store.bookmarks().len();
                    if count > 0 {
                        let id = store.bookmarks()[pick % count].id();
                        prop_assert!(store.remove_bookmark(&id).is_some());
                        last.insert(id, Last::Deleted);
                    }
                }
                Edit::Save { window } => stores[window].save().unwrap(),
            }
        }
        for store in &mut stores {
            store.save().unwrap();
        }
        let (on_disk, _) = StateStore::open(Some(dir.path().to_path_buf()));
        let found: HashMap<BookmarkId, String> = on_disk
            .bookmarks()
            .iter()
            .map(|b| (b.id(), b.note.clone()))
            .collect();
        prop_assert_eq!(found.len(), on_disk.bookmarks().len(), "no bookmark twice");
        let expected: HashMap<BookmarkId, String> = last
            .into_iter()
            .filter_map(|(id, event)| match event {
                Last::Note(note) => Some((id, note)),
                Last::Deleted => None,
            })
            .collect();
        prop_assert_eq!(found, expected);
    }
}
