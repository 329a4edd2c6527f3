//! A state folder that cannot be used, in the real binary: bookmarking says it could not be
//! saved, `!` lists the problem with the path, and quitting says on stderr what was lost and
//! where. The folder is made unusable with a plain file in its place, which stops root too.

mod support;

use support::{Key, PATIENCE, Pty, Sandbox};

#[test]
fn an_unusable_state_folder_is_told_in_the_status_line_in_warnings_and_on_quit() {
    let sandbox = Sandbox::new();
    let blocked = sandbox.state_dir().join("wenji");
    std::fs::write(&blocked, "not a folder").expect("a file where the folder should be");
    let state_file = blocked.join("state.toml").display().to_string();
    let mut pty = Pty::wenji_in(sandbox, &[], 120, 20, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.press(Key::Enter);
    pty.send_keys("m");
    pty.wait_for("note for the bookmark", PATIENCE)
        .expect("asks for a note");
    pty.send_keys("lost");
    pty.press(Key::Enter);
    pty.wait_for("could not be saved", PATIENCE)
        .expect("the status line says the bookmark was not saved");
    let status = pty.row(19);
    assert!(status.contains("bookmarked"), "{status}");

    pty.send_keys("!");
    pty.wait_for("cannot save", PATIENCE)
        .expect("the warnings list the problem");
    let screen = pty.screen_text();
    assert!(
        screen.contains(&state_file),
        "the warning names {state_file}:\n{screen}"
    );
    // `!` again closes it (Esc then `q` at once would read as Alt-q).
    pty.send_keys("!");
    pty.wait_until(|s| !s.contents().contains("cannot save"), PATIENCE)
        .expect("the warnings close");
    pty.send_keys("q");
    let exit = pty.wait_exit(PATIENCE).expect("quits");
    assert!(exit.success(), "{exit:?}");
    let screen = pty.screen_text();
    assert!(
        screen.contains("wenji: could not save 1 bookmark"),
        "stderr says what was not saved:\n{screen}"
    );
    let flat: String = screen.split('\n').map(str::trim_end).collect();
    assert!(flat.contains(&state_file), "and where:\n{screen}");
}
