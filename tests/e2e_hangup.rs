//! When the terminal goes away under wenji (an SSH session dropped, a tmux pane killed) and no
//! SIGHUP arrives — the shell that leads the session ignores it, as under `nohup` or
//! `trap '' HUP` — wenji notices the dead terminal itself, saves what a quit would save and exits
//! with status 129, instead of spinning on the closed terminal for ever.

mod support;

use std::time::Duration;

use support::{Key, PATIENCE, Pty};

/// How soon after the hangup wenji must be gone.
const PROMPT: Duration = Duration::from_secs(2);
/// Long enough for start-up work after the first frame to be done.
const SETTLE: Duration = Duration::from_millis(500);

/// wenji under a shell that ignores SIGHUP and stays the session leader (no `exec`), so the
/// kernel's hangup signal goes to the shell and never reaches wenji. The shell exits with
/// wenji's status. `how` comes before wenji on the command line: `exec`, or a pipe into it
/// (wenji then reads `-`, standard input).
fn under_a_shell_ignoring_hangups(how: &str, state_home: &str) -> Pty {
    let script = format!(r#"trap '' HUP; {how} "$0" "$@"; exit $?"#);
    let input: &[&str] = if how.ends_with('|') { &["-"] } else { &[] };
    Pty::command("/bin/sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_wenji")])
        .args(input)
        .size(100, 14)
        .sandbox(support::Sandbox::new())
        .env("XDG_STATE_HOME", state_home)
        .spawn()
}

/// Closes the terminal under `pty` and asserts that wenji is gone within [`PROMPT`], with 129.
fn hang_up_and_expect_129(pty: &mut Pty) {
    pty.hang_up();
    let exit = pty
        .wait_exit(PROMPT)
        .expect("wenji exits soon after its terminal is gone");
    assert_eq!((exit.code, exit.signal), (Some(129), None));
}

#[test]
fn a_terminal_hung_up_while_wenji_waits_for_keys_ends_it_with_status_129() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("", state_home);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    // Let start-up finish (the search index, a second frame), so nothing but the hangup can
    // wake wenji: the case where crossterm's reader spins on the dead terminal.
    std::thread::sleep(SETTLE);
    hang_up_and_expect_129(&mut pty);
}

#[test]
fn a_terminal_hung_up_during_start_up_ends_wenji_with_status_129() {
    // Hung up at the first frame, wenji may still be drawing: the draw fails on the dead
    // terminal, which must end the session the same way, not as an error.
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("", state_home);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    hang_up_and_expect_129(&mut pty);
}

#[test]
fn exec_under_an_ignored_sighup_still_exits_with_129() {
    // Here wenji leads the session itself, so the kernel sends it SIGHUP (its own handler
    // replaces the inherited "ignore") and then SIGCONT, whose redraw fails on the dead terminal.
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("exec", state_home);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    hang_up_and_expect_129(&mut pty);
}

#[test]
fn with_the_corpus_on_standard_input_the_terminal_is_watched_through_dev_tty() {
    // Keys then come from /dev/tty, not standard input (a finished pipe).
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("cat data/speeches.txt |", state_home);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    std::thread::sleep(SETTLE);
    hang_up_and_expect_129(&mut pty);
}

#[test]
fn a_terminal_hung_up_while_the_corpus_loads_ends_wenji_with_status_129() {
    // The corpus arrives a second late, after the terminal is gone: there is nothing to draw
    // on by the time wenji would set it up, and nowhere to say so.
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("(sleep 1; cat data/speeches.txt) |", state_home);
    std::thread::sleep(SETTLE);
    hang_up_and_expect_129(&mut pty);
}

#[test]
fn a_hangup_saves_the_reading_place_and_bookmarks_as_a_quit_would() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let mut pty = under_a_shell_ignoring_hangups("", state_home);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("j");
    pty.press(Key::Enter);
    pty.wait_for("article 2/3", PATIENCE)
        .expect("the second article in the reader");
    pty.send_keys("m");
    pty.wait_for("note for the bookmark", PATIENCE)
        .expect("asks for a note");
    pty.send_keys("hangupnote");
    pty.press(Key::Enter);
    pty.wait_for("bookmarked", PATIENCE).expect("bookmarked");
    // Saving the bookmark saved the place too; the article read after it is saved only on the
    // way out.
    pty.send_keys(":3");
    pty.press(Key::Enter);
    pty.wait_for("article 3/3", PATIENCE)
        .expect("the third article in the reader");
    pty.hang_up();
    pty.wait_exit(PROMPT)
        .expect("wenji exits soon after its terminal is gone");

    let mut again = Pty::wenji(&[], 100, 14, &[("XDG_STATE_HOME", state_home)]);
    again
        .wait_for("article 3/3", PATIENCE)
        .expect("reopens at the article being read when the terminal went");
    again.send_keys("'");
    again
        .wait_for("hangupnote", PATIENCE)
        .expect("the bookmark made before the hangup is listed");
}
