//! Tests of the pty harness itself, on ordinary programs, so wenji's end-to-end tests can
//! trust it: text and wide characters land where a terminal would put them, failed waits show
//! the screen, keys reach the program, terminal restoration is told apart from its absence,
//! signals, hangups, resizes and exits are seen, and nothing outlives its `Pty`.

mod support;

use std::time::{Duration, Instant};

use support::{Key, PATIENCE, Pty, Sandbox, Signal};

fn sh(script: &str) -> Pty {
    Pty::spawn("/bin/sh", &["-c", script], 40, 10, &[])
}

#[test]
fn printed_text_is_found_on_the_screen() {
    let pty = sh("printf 'hello   \\nworld'; sleep 30");
    pty.wait_for("world", PATIENCE).expect("world on screen");
    assert_eq!(pty.row(0), "hello");
    assert_eq!(pty.row(1), "world");
    assert!(pty.screen_text().starts_with("hello\nworld\n"));
}

#[test]
fn chinese_characters_take_two_columns_each() {
    let pty = sh("printf '中文ab\\033[3;5H汉字|'; sleep 30");
    pty.wait_for("汉字|", PATIENCE)
        .expect("second line on screen");
    assert_eq!(pty.row(0), "中文ab");
    let screen = pty.screen();
    let cell = |row, col| screen.cell(row, col).expect("cell inside the screen");
    assert!(cell(0, 0).is_wide() && cell(0, 0).contents() == "中");
    assert_eq!(cell(0, 2).contents(), "文");
    assert_eq!(cell(0, 4).contents(), "a");
    assert_eq!(cell(2, 4).contents(), "汉");
    assert_eq!(cell(2, 6).contents(), "字");
    assert_eq!(cell(2, 8).contents(), "|");
}

#[test]
fn a_wait_that_times_out_shows_the_screen() {
    let pty = sh("printf 'only this'; sleep 30");
    pty.wait_for("only this", PATIENCE).expect("text on screen");
    let error = pty
        .wait_for("something else", Duration::from_millis(200))
        .expect_err("the text never appears");
    assert!(error.contains("timed out"), "{error}");
    assert!(error.contains("\"something else\""), "{error}");
    assert!(error.contains("  0|only this"), "{error}");
}

#[test]
fn a_wait_fails_at_once_when_the_output_has_ended() {
    let started = Instant::now();
    let pty = sh("printf 'goodbye'");
    let error = pty
        .wait_for("never printed", PATIENCE)
        .expect_err("the program ends without it");
    assert!(error.contains("output ended"), "{error}");
    assert!(error.contains("goodbye"), "{error}");
    assert!(started.elapsed() < PATIENCE, "waited out the whole timeout");
}

#[test]
fn typed_text_reaches_cat() {
    let mut pty = Pty::spawn("cat", &[], 40, 10, &[]);
    pty.send_keys("你好 world\r");
    // Once echoed by the terminal, once written back by cat.
    pty.wait_until(
        |screen| screen.contents().matches("你好 world").count() == 2,
        PATIENCE,
    )
    .expect("cat repeats the line");
}

#[test]
fn named_keys_send_xterm_bytes() {
    let mut pty = sh("stty raw -echo; printf 'ready'; head -c 6 | od -An -tx1; sleep 30");
    pty.wait_for("ready", PATIENCE)
        .expect("terminal in raw mode");
    for key in [Key::Up, Key::Backspace, Key::Ctrl('a'), Key::Enter] {
        pty.press(key);
    }
    pty.wait_for("1b 5b 41 7f 01 0d", PATIENCE)
        .expect("od shows the bytes");
}

#[test]
fn raw_mode_is_seen_while_running_and_after_exit() {
    let pty = sh("stty raw -echo; printf 'raw'; sleep 30");
    pty.wait_for("raw", PATIENCE).expect("terminal in raw mode");
    assert!(pty.raw_mode() && !pty.cooked_mode());

    let mut left_raw = sh("stty raw -echo");
    left_raw.wait_exit(PATIENCE).expect("stty exits");
    assert!(left_raw.raw_mode(), "raw mode outlives the program");

    let mut restored = sh("stty raw -echo; stty sane");
    restored.wait_exit(PATIENCE).expect("stty exits");
    assert!(restored.cooked_mode() && !restored.raw_mode());
}

#[test]
fn a_program_that_restores_the_terminal_is_told_apart_from_one_that_does_not() {
    let enter = r"\033[?1049h\033[?25l\033[?1000h";
    let mut tidy = sh(&format!(
        r"printf '{enter}inside\033[?1000l\033[?25h\033[?1049lback'"
    ));
    tidy.wait_exit(PATIENCE).expect("printf exits");
    assert!(tidy.left_alternate_screen());
    assert!(tidy.cursor_visible() && tidy.mouse_capture_off());
    tidy.terminal_restored().expect("everything restored");
    assert_eq!(tidy.row(0), "back");

    let mut untidy = sh(&format!("stty raw; printf '{enter}inside'"));
    untidy.wait_exit(PATIENCE).expect("printf exits");
    assert!(!untidy.left_alternate_screen());
    assert!(!untidy.cursor_visible() && !untidy.mouse_capture_off());
    let error = untidy.terminal_restored().expect_err("nothing restored");
    for missing in [
        "alternate screen",
        "cursor",
        "mouse",
        "raw mode",
        "0|inside",
    ] {
        assert!(error.contains(missing), "{error}");
    }

    let mut never_entered = sh("printf 'plain'");
    never_entered.wait_exit(PATIENCE).expect("printf exits");
    assert!(!never_entered.left_alternate_screen());
}

#[test]
fn less_is_seen_entering_and_restoring_the_terminal() {
    let mut pty = Pty::spawn("less", &["Cargo.toml"], 60, 12, &[]);
    pty.wait_for("[package]", PATIENCE)
        .expect("less shows the file");
    // less turns off line editing and echo but keeps Ctrl+C as a signal: not cooked, not raw.
    assert!(pty.screen().alternate_screen() && !pty.cooked_mode() && !pty.raw_mode());
    pty.send_keys("q");
    let exit = pty.wait_exit(PATIENCE).expect("less quits on q");
    assert!(exit.success(), "{exit:?}");
    pty.terminal_restored().expect("less restores the terminal");
}

#[test]
fn signals_and_exit_codes_are_reported() {
    let mut pty = sh("printf 'ready'; exec sleep 30");
    pty.wait_for("ready", PATIENCE).expect("shell started");
    pty.signal(Signal::SIGTERM);
    let exit = pty.wait_exit(PATIENCE).expect("sleep ends on SIGTERM");
    assert_eq!((exit.code, exit.signal), (None, Some(Signal::SIGTERM)));

    let exit = sh("exit 3").wait_exit(PATIENCE).expect("shell exits");
    assert_eq!((exit.code, exit.signal), (Some(3), None));
}

#[test]
fn hanging_up_ends_the_programs_input() {
    // The shell leads the session and ignores SIGHUP; cat, in the foreground, gets no signal
    // and learns of the hangup only by reading the end of its input.
    let mut pty = sh("trap '' HUP; printf 'ready'; cat; exit 7");
    pty.wait_for("ready", PATIENCE).expect("shell started");
    pty.hang_up();
    let exit = pty.wait_exit(PATIENCE).expect("cat ends at the hangup");
    assert_eq!((exit.code, exit.signal), (Some(7), None));
    assert_eq!(pty.row(0), "ready", "the last screen stays readable");
}

#[test]
fn a_resize_reaches_the_program() {
    let mut pty = sh("trap 'stty size' WINCH; printf 'ready\\n'; while :; do sleep 0.05; done");
    pty.wait_for("ready", PATIENCE).expect("trap installed");
    pty.resize(50, 12);
    pty.wait_for("12 50", PATIENCE)
        .expect("stty sees the new size");
    assert_eq!(pty.screen().size(), (12, 50));
}

#[test]
fn cursor_position_queries_are_answered() {
    let pty = sh(concat!(
        r"stty raw -echo; printf '\033[3;5H\033[6n'; r=$(dd bs=1 count=6 2>/dev/null); ",
        r"printf '\033[1;1Hgot %s' $(printf '%s' $r | tr '\033' E); sleep 30"
    ));
    pty.wait_for("got E[3;5R", PATIENCE)
        .expect("the reply reaches the program");
}

#[test]
fn the_program_and_its_children_die_with_the_pty() {
    let pty = sh("sleep 300 & printf 'child %s.' $!; wait");
    pty.wait_for(".", PATIENCE).expect("background pid printed");
    let text = pty.screen_text();
    let child: i32 = text
        .trim()
        .trim_start_matches("child ")
        .trim_end_matches('.')
        .parse()
        .expect("a pid");
    let shell = i32::try_from(pty.pid()).expect("pid fits");
    drop(pty);
    for pid in [shell, child] {
        let deadline = Instant::now() + PATIENCE;
        while alive(pid) {
            assert!(Instant::now() < deadline, "process {pid} outlived its pty");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Running, not a zombie waiting for its parent to collect it.
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

#[test]
fn environment_is_clean_and_the_sandbox_is_used_then_removed() {
    let sandbox = Sandbox::new();
    let root = sandbox.path().to_owned();
    let config = sandbox.config_dir();
    let pty = Pty::command("/bin/sh")
        .args([
            "-c",
            "printf '%s|' \"$TERM\" \"$XDG_CONFIG_HOME\" \"$LANG\" \"$PWD\"; sleep 30",
        ])
        .size(200, 5)
        .env("LANG", "zh_CN.UTF-8")
        .cwd(&root)
        .sandbox(sandbox)
        .spawn();
    let expected = format!(
        "xterm-256color|{}|zh_CN.UTF-8|{}|",
        config.display(),
        root.display()
    );
    pty.wait_for(&expected, PATIENCE)
        .expect("environment as set");
    assert!(config.is_dir());
    drop(pty);
    assert!(!root.exists(), "the sandbox is removed with the pty");
}
