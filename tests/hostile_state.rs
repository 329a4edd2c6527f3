//! The state file is text anyone can edit: a title, snippet or note in it with escapes is shown
//! with placeholders, never sent to the terminal.

mod support;

use std::fs;

use support::{Key, PATIENCE, Pty};

#[test]
fn a_note_with_escapes_in_the_state_file_is_listed_with_placeholders() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let env = [("XDG_STATE_HOME", state_home)];
    let state_file = state.path().join("wenji/state.toml");
    let mut pty = Pty::wenji(&[], 100, 30, &env);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("m");
    pty.wait_for("note for the bookmark", PATIENCE)
        .expect("asks for a note");
    pty.send_keys("tradenote");
    pty.press(Key::Enter);
    pty.wait_for("bookmarked", PATIENCE).expect("bookmarked");
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");

    let text = fs::read_to_string(&state_file).expect("the state file was written");
    assert!(text.contains("\"tradenote\""), "{text}");
    let hostile = text.replace(
        "\"tradenote\"",
        "\"\\u001b]0;PWNED\\u0007\\u001b[31m\\u202etrade\\u2028note\"",
    );
    fs::write(&state_file, hostile).expect("edit the state file");

    let mut again = Pty::wenji(&[], 100, 30, &env);
    again.wait_for("article 1/3", PATIENCE).expect("reopens");
    again.send_keys("'");
    again
        .wait_for("␛]0;PWNED␇␛[31mtrade note", PATIENCE)
        .expect("the note, with placeholders, on one line");
    assert!(
        again.window_titles().is_empty(),
        "{:?}",
        again.window_titles()
    );
    let raw = String::from_utf8_lossy(&again.raw_output()).into_owned();
    assert!(
        !raw.contains('\u{202e}') && !raw.contains('\u{2028}'),
        "{raw:?}"
    );
    again.press(Key::Esc);
}
