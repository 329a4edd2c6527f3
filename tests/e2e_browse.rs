//! The built binary in a pseudo-terminal, read through a terminal emulator: what a person sees
//! when they open the sample, browse it, and leave — however they leave.

mod support;

use std::process::{Command, Stdio};

use support::{Key, PATIENCE, Pty, Signal};

const TITLES: [&str; 3] = [
    "以全面振兴新突破建设中国式现代化新辽宁",
    "打造向北开放新高地 谱写龙江振兴新篇章",
    "2023年新华社进校园活动正式启动",
];

fn open_sample(cols: u16, rows: u16) -> Pty {
    let pty = Pty::wenji(&[], cols, rows, &[]);
    pty.wait_for("article 1/3", PATIENCE)
        .expect("the browser opens on the sample");
    pty
}

#[test]
fn the_list_shows_the_three_sample_titles() {
    let pty = open_sample(100, 30);
    for title in TITLES {
        pty.wait_for(title, PATIENCE).expect("title listed");
    }
    pty.wait_for("郝鹏 · 辽宁省委书记", PATIENCE)
        .expect("speaker and role under the title");
}

#[test]
fn j_then_enter_opens_xu_qins_speech() {
    let mut pty = open_sample(100, 30);
    pty.send_keys("j");
    pty.wait_for("article 2/3", PATIENCE)
        .expect("selection moved");
    pty.press(Key::Enter);
    pty.wait_for("许勤（黑龙江省委书记、省人大常委会主任）", PATIENCE)
        .expect("byline in the reader");
    pty.wait_for("放能势。我们要优化拓展开放格局", PATIENCE)
        .expect("speech text in the reader");
}

#[test]
fn q_exits_with_status_0_and_restores_the_terminal() {
    let mut pty = open_sample(100, 30);
    pty.send_keys("q");
    let exit = pty.wait_exit(PATIENCE).expect("wenji exits on q");
    assert!(exit.success(), "{exit:?}");
    pty.terminal_restored().expect("terminal restored after q");
}

#[test]
fn sigterm_exits_and_restores_the_terminal() {
    let mut pty = open_sample(100, 30);
    pty.signal(Signal::SIGTERM);
    let exit = pty.wait_exit(PATIENCE).expect("wenji exits on SIGTERM");
    assert_eq!(exit.code, Some(128 + 15));
    pty.terminal_restored()
        .expect("terminal restored after SIGTERM");
}

#[test]
fn sighup_from_a_dropped_session_exits_and_restores() {
    let mut pty = open_sample(100, 30);
    pty.signal(Signal::SIGHUP);
    let exit = pty.wait_exit(PATIENCE).expect("wenji exits on SIGHUP");
    assert_eq!(exit.code, Some(128 + 1));
    pty.terminal_restored()
        .expect("terminal restored after SIGHUP");
}

#[test]
fn a_panic_restores_the_terminal_and_reports_it() {
    let mut pty = Pty::wenji(&[], 100, 30, &[("WENJI_TEST_PANIC_ON_KEY", "1")]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("j");
    let exit = pty
        .wait_exit(PATIENCE)
        .expect("wenji exits after the panic");
    assert_eq!(exit.code, Some(101));
    pty.terminal_restored()
        .expect("terminal restored after a panic");
    pty.wait_for("panic injected by WENJI_TEST_PANIC_ON_KEY", PATIENCE)
        .expect("the previous panic hook still printed the message");
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_continuing_redraws_it() {
    let mut pty = open_sample(100, 30);
    pty.press(Key::CtrlZ);
    pty.wait_until(|screen| !screen.alternate_screen(), PATIENCE)
        .expect("left the alternate screen");
    assert!(pty.cooked_mode(), "raw mode undone while suspended");
    // As a shell would, continue it only once it has actually stopped.
    wait_until_stopped(pty.pid());
    pty.signal(Signal::SIGCONT);
    pty.wait_until(vt100::Screen::alternate_screen, PATIENCE)
        .expect("back on the alternate screen");
    pty.wait_for(TITLES[0], PATIENCE)
        .expect("screen redrawn after fg");
    pty.send_keys("j");
    pty.wait_for("article 2/3", PATIENCE)
        .expect("keys work after resuming");
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_gets_a_notice() {
    let mut pty = open_sample(100, 30);
    pty.resize(18, 4);
    pty.wait_for("terminal too small", PATIENCE)
        .expect("notice instead of a broken layout");
    pty.resize(90, 24);
    pty.wait_for("article 1/3", PATIENCE)
        .expect("layout back after growing");
    pty.wait_for("speeches.txt:3 · UTF-8", PATIENCE)
        .expect("reader redrawn beside the list");
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut pty = open_sample(100, 30);
    pty.send_keys("?");
    pty.wait_for("open the selected article in the reader", PATIENCE)
        .expect("help shown");
    pty.wait_for("Ctrl-d", PATIENCE)
        .expect("half-page key listed");
    pty.send_keys("?");
    pty.wait_until(|s| !s.contents().contains("Ctrl-d"), PATIENCE)
        .expect("help closed");
}

#[test]
fn without_a_terminal_on_stdout_it_explains_and_exits_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("wenji runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        output.stdout.is_empty(),
        "nothing, not even an escape sequence, on stdout"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("standard output is not a terminal"),
        "{stderr}"
    );
}

/// Waits until process `pid` is stopped (state `T` in /proc), as a shell sees a suspended job.
fn wait_until_stopped(pid: u32) {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next());
        if state == Some("T") {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "process {pid} never stopped: {stat}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
