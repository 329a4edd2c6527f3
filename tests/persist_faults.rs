//! The state file when something goes wrong around it: an instance killed in the middle of a
//! save, another window saving at the same moment, temporary files left behind.
//!
//! A second process holding the save lock is this test binary itself, started again to run
//! `holds_the_lock_in_a_save_until_killed` alone: it saves through wenji's own code and stops
//! inside the save, with the lock held, until it is killed.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use wenji::action::Action;
use wenji::persist::disk::SaveLock;
use wenji::persist::{ArticleKey, CorpusId, Position, SaveError, SaveStage, StateStore};
use wenji::session::Session;
use wenji::state::{Message, State};

/// Where the lock-holding child saves; set only in the child.
const HOLDER_DIR: &str = "WENJI_TEST_LOCK_HOLDER_DIR";
/// What the child prints once it is inside the save with the lock held.
const HOLDING: &str = "holding the state lock";

fn key(title: &str) -> ArticleKey {
    ArticleKey {
        file: "/speeches/a.txt".into(),
        title: title.into(),
    }
}

fn place(paragraph: usize) -> Position {
    Position {
        paragraph,
        offset: 0,
    }
}

fn temps(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the test folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".state.") && Path::new(n).extension() == Some("tmp".as_ref()))
        .collect();
    names.sort();
    names
}

/// Not a test of its own: the child process that [`lock_holder`] starts.
#[test]
#[ignore = "run as a child process by the lock tests"]
fn holds_the_lock_in_a_save_until_killed() {
    let Some(dir) = std::env::var_os(HOLDER_DIR) else {
        return;
    };
    let (mut store, _) = StateStore::open(Some(dir.into()));
    store.set_position(&key("子"), place(1));
    let _ = store.save_with(|stage| {
        if stage == SaveStage::TempWritten {
            println!("{HOLDING}");
            std::thread::sleep(Duration::from_secs(120));
        }
        Ok(())
    });
}

/// Starts a process that saves in `dir` and stops in the middle, holding the lock, with its
/// temporary file written. Returns once it is there.
fn lock_holder(dir: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args([
            "holds_the_lock_in_a_save_until_killed",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(HOLDER_DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the test binary starts again");
    let stdout = child.stdout.take().expect("piped stdout");
    let holding = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains(HOLDING));
    assert!(holding, "the child never reached the middle of its save");
    child
}

/// `kill -9`: no destructor, no cleanup, runs in the child.
fn kill_hard(mut child: Child) {
    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap the child");
}

#[test]
fn a_save_killed_with_sigkill_does_not_hold_up_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    kill_hard(lock_holder(dir.path()));
    assert_eq!(temps(dir.path()).len(), 1, "the killed save left its file");

    let (mut store, _) = StateStore::open(Some(dir.path().to_path_buf()));
    store.set_position(&key("甲"), place(3));
    let started = Instant::now();
    store.save().expect("the save goes through");
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(500),
        "the save waited {took:?} for a dead process"
    );
    let (reopened, _) = StateStore::open(Some(dir.path().to_path_buf()));
    assert_eq!(reopened.position(&key("甲")), Some(place(3)));
}

#[test]
fn a_save_while_another_window_is_saving_does_not_wait_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let holder = lock_holder(dir.path());
    let (mut store, _) = StateStore::open(Some(dir.path().to_path_buf()));
    store.set_position(&key("甲"), place(2));
    let started = Instant::now();
    let result = store.save();
    let took = started.elapsed();
    assert!(matches!(result, Err(SaveError::Busy)), "{result:?}");
    assert!(took < Duration::from_millis(100), "waited {took:?}");

    // The save before quitting waits a bounded time, then writes anyway.
    let started = Instant::now();
    store
        .save_waiting(Duration::from_millis(300))
        .expect("written after the wait");
    let took = started.elapsed();
    assert!(
        (Duration::from_millis(300)..Duration::from_secs(2)).contains(&took),
        "{took:?}"
    );
    kill_hard(holder);

    // Tried again once the other window is gone, the plain save goes through at once.
    store.set_position(&key("甲"), place(5));
    store.save().expect("the lock is free");
    let (reopened, _) = StateStore::open(Some(dir.path().to_path_buf()));
    assert_eq!(reopened.position(&key("甲")), Some(place(5)));
}

#[test]
fn temporary_files_older_than_a_minute_are_removed_and_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join(".state.abc123.tmp");
    let fresh = dir.path().join(".state.def456.tmp");
    let unrelated = dir.path().join("notes.tmp");
    for path in [&old, &fresh, &unrelated] {
        fs::write(path, "half a state file").unwrap();
    }
    let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
    for path in [&old, &unrelated] {
        fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(two_minutes_ago))
            .unwrap();
    }

    let (mut store, _) = StateStore::open(Some(dir.path().to_path_buf()));
    store.set_position(&key("甲"), place(1));
    store.save().unwrap();
    assert_eq!(temps(dir.path()), [".state.def456.tmp"]);
    assert!(unrelated.exists(), "only wenji's own temporary files go");
}

#[test]
fn a_save_that_finds_the_lock_taken_is_left_pending_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join(wenji::persist::FILE_NAME);
    let corpus = wenji::corpus::sample();
    let (mut session, _) =
        Session::open(Some(dir.path().to_path_buf()), &corpus, CorpusId::sample());
    let mut state = State::new(corpus);
    let other_window = SaveLock::try_acquire(&state_file)
        .unwrap()
        .expect("the lock is free");
    assert_eq!(session.save(&state), None, "busy is not a failure");
    assert!(session.pending());
    assert!(!state_file.exists());
    session.retry(&mut state);
    assert!(session.pending(), "still busy");
    drop(other_window);
    session.retry(&mut state);
    assert!(!session.pending());
    assert_eq!(state.message, None, "nothing to say");
    assert!(state_file.exists());
}

/// A window on the sample whose state folder is `dir`.
fn window(dir: &Path) -> (Session, State) {
    let corpus = wenji::corpus::sample();
    let (session, _) = Session::open(Some(dir.to_path_buf()), &corpus, CorpusId::sample());
    (session, State::new(corpus))
}

/// `m` on `paragraph` of the first article, then the note prompt closed with `note`, each
/// saved as the app saves them; the status line after it.
fn bookmark(window: &mut (Session, State), paragraph: usize, note: &str) -> Option<String> {
    let (session, state) = window;
    let id = session
        .toggle_bookmark(state, 0, paragraph)
        .expect("a bookmark is added");
    state.update(Message::AskNote(id.clone()));
    session.save_after_bookmark(state);
    state.update(Action::GoToSubmit);
    session.set_note(state, &id, note);
    session.save_after_bookmark(state);
    state.message.clone()
}

/// A plain file where the state folder should be: no one, root included, can save there.
fn blocked_folder(dir: &Path) -> std::path::PathBuf {
    let blocker = dir.join("wenji");
    fs::write(&blocker, "not a folder").expect("a file where the folder should be");
    blocker
}

#[test]
fn an_unsaved_bookmark_says_so_with_the_reason_once_then_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = blocked_folder(dir.path());
    let mut window = window(&blocker);

    let first = bookmark(&mut window, 0, "一").expect("a status line");
    assert!(
        first.starts_with("bookmarked, but it could not be saved (see !): cannot save"),
        "{first}"
    );
    assert!(first.contains("is a file, not a folder"), "{first}");
    let second = bookmark(&mut window, 1, "二").expect("a status line");
    assert_eq!(second, "bookmarked, but it could not be saved (see !)");

    let warnings = &window.1.warnings;
    assert_eq!(warnings.len(), 1, "listed in ! once: {warnings:?}");
    assert_eq!(warnings[0].source, "state");
    assert!(
        warnings[0]
            .message
            .contains(&blocker.join("state.toml").display().to_string()),
        "{warnings:?}"
    );
}

#[test]
fn quitting_with_an_unusable_folder_reports_what_was_not_saved_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = blocked_folder(dir.path());
    let mut window = window(&blocker);
    bookmark(&mut window, 0, "一");
    bookmark(&mut window, 1, "");
    let (session, state) = &mut window;
    session.save_before_quit(state);
    let report = session.quit_report().expect("something was not saved");
    assert_eq!(
        report,
        format!(
            "could not save 2 bookmarks to {}: {} is a file, not a folder",
            blocker.join("state.toml").display(),
            blocker.display()
        )
    );
}

#[test]
fn quitting_after_a_good_save_reports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut window = window(dir.path());
    assert_eq!(
        bookmark(&mut window, 0, "一").as_deref(),
        Some("bookmarked")
    );
    let (session, state) = &mut window;
    session.save_before_quit(state);
    assert_eq!(session.quit_report(), None);
    assert!(state.warnings.is_empty());
}

/// Clears the immutable flag again, however the test ends.
struct Immutable<'a>(&'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

#[test]
fn an_immutable_state_folder_is_reported_like_a_read_only_one() {
    let dir = tempfile::tempdir().unwrap();
    let state_dir = dir.path().join("wenji");
    fs::create_dir(&state_dir).unwrap();
    let made_immutable = Command::new("chattr")
        .arg("+i")
        .arg(&state_dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made_immutable {
        eprintln!(
            "skipped: `chattr +i` failed (it needs root, the chattr tool and a file system with the immutable flag, such as ext4)"
        );
        return;
    }
    let _guard = Immutable(&state_dir);
    let mut window = window(&state_dir);
    let status = bookmark(&mut window, 0, "一").expect("a status line");
    assert!(status.contains("could not be saved"), "{status}");
    let (session, state) = &mut window;
    session.save_before_quit(state);
    let report = session.quit_report().expect("something was not saved");
    assert!(report.starts_with("could not save 1 bookmark"), "{report}");
    assert!(report.contains("Operation not permitted"), "{report}");
}
