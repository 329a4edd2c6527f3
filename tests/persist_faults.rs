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

use wenji::persist::disk::SaveLock;
use wenji::persist::{ArticleKey, CorpusId, Position, SaveError, SaveStage, StateStore};
use wenji::session::Session;
use wenji::state::State;

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
        .filter(|n| n.starts_with(".state.") && n.ends_with(".tmp"))
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
    let state = State::new(corpus);
    let other_window = SaveLock::try_acquire(&state_file)
        .unwrap()
        .expect("the lock is free");
    assert_eq!(session.save(&state), None, "busy is not a failure");
    assert!(session.pending());
    assert!(!state_file.exists());
    assert_eq!(session.retry(), None);
    assert!(session.pending(), "still busy");
    drop(other_window);
    assert_eq!(session.retry(), None);
    assert!(!session.pending());
    assert!(state_file.exists());
}
