//! How wenji behaves as a terminal citizen, in the real binary: one pane at a time on narrow
//! screens, the list hidden for focused reading, and the mouse left alone when asked.

mod support;

use support::{Key, PATIENCE, Pty};

#[test]
fn at_60_by_20_one_pane_at_a_time_enter_and_h_move_between_them() {
    let mut pty = Pty::wenji(&[], 60, 20, &[]);
    pty.wait_for("以全面振兴新突破建设中国式现代化新辽宁", PATIENCE)
        .expect("the list, full width");
    assert!(
        !pty.screen_text().contains("speeches.txt:3"),
        "no reader beside it"
    );
    pty.send_keys("j");
    pty.press(Key::Enter);
    pty.wait_for("speeches.txt:29", PATIENCE)
        .expect("Enter shows the reader");
    assert!(
        !pty.screen_text().contains("Articles (3)"),
        "the reader has the screen"
    );
    pty.send_keys("h");
    pty.wait_for("Articles (3)", PATIENCE)
        .expect("h returns to the list");
    pty.press(Key::Enter);
    pty.wait_for("speeches.txt:29", PATIENCE)
        .expect("reader again");
    pty.press(Key::Esc);
    pty.wait_for("Articles (3)", PATIENCE)
        .expect("Esc returns to the list too");
}

#[test]
fn z_hides_the_list_and_angle_brackets_resize_it() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    let border_column = |pty: &Pty| pty.row(0).chars().position(|c| c == '┐').unwrap_or(0);
    let before = border_column(&pty);
    pty.send_keys(">");
    pty.wait_until(
        |s| {
            s.contents()
                .lines()
                .next()
                .is_some_and(|r| r.chars().position(|c| c == '┐') != Some(before))
        },
        PATIENCE,
    )
    .expect("> widens the list");
    assert!(border_column(&pty) > before);
    pty.send_keys("z");
    pty.wait_until(|s| !s.contents().contains("Articles (3)"), PATIENCE)
        .expect("z hides the list");
    pty.send_keys("z");
    pty.wait_for("Articles (3)", PATIENCE)
        .expect("z shows it again");
}

#[test]
fn no_mouse_leaves_mouse_reporting_off() {
    let mut pty = Pty::wenji(&["--no-mouse"], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    assert!(pty.mouse_capture_off(), "mouse reporting never switched on");
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(
        !raw.contains("\x1b[?1000h"),
        "no mouse capture sequence was sent"
    );
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");
}

#[test]
fn by_default_the_mouse_wheel_is_captured() {
    let pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    assert!(
        !pty.mouse_capture_off(),
        "mouse reporting on for wheel scrolling"
    );
}

#[test]
fn colon_opens_the_go_to_prompt_and_a_number_opens_that_article() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    pty.send_keys(":");
    pty.wait_for(":", PATIENCE).expect("prompt");
    pty.send_keys("3");
    pty.press(Key::Enter);
    pty.wait_for("article 3/3", PATIENCE)
        .expect("went to article 3");
    pty.send_keys("o");
    pty.wait_for("Outline - Enter goes there", PATIENCE)
        .expect("o opens the outline");
}
