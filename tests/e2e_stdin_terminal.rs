//! `wenji -` typed into at the terminal: before reading, wenji says it is waiting for text and how
//! to end it, instead of showing a blank screen; after Ctrl-D the browser opens on the same
//! terminal with what was typed, and keys work.

mod support;

use support::{PATIENCE, Pty, Sandbox};

const WAITING: &str = "wenji: reading standard input (type or paste text, then Ctrl-D to end)";

#[test]
fn the_browser_says_it_waits_for_typed_text_then_opens_it() {
    let mut pty = Pty::wenji(&["-"], 80, 24, &[]);
    pty.wait_for(WAITING, PATIENCE)
        .expect("the waiting message is on the screen before anything is typed");

    pty.send("## 打字的标题\r\r这是从终端输入的一段话。\r");
    pty.wait_for("这是从终端输入的一段话。", PATIENCE)
        .expect("the terminal echoes what is typed");
    pty.send([0x04]);
    pty.wait_for("article 1/1", PATIENCE)
        .expect("Ctrl-D ends the text and the browser opens with it");
    pty.wait_for("打字的标题", PATIENCE)
        .expect("the typed article is listed");

    pty.send_keys("q");
    let exit = pty.wait_exit(PATIENCE).expect("q quits the browser");
    assert!(exit.success(), "{exit:?}");
    pty.terminal_restored().expect("the terminal is restored");
}

#[test]
fn list_says_it_waits_for_typed_text_then_prints_it() {
    let mut pty = Pty::wenji(&["list", "-"], 100, 24, &[]);
    pty.wait_for(WAITING, PATIENCE)
        .expect("the waiting message comes before anything is typed");
    pty.send("一行字\r");
    pty.send([0x04]);
    let exit = pty.wait_exit(PATIENCE).expect("Ctrl-D ends the text");
    assert!(exit.success(), "{exit:?}: {}", pty.screen_text());
    assert!(
        pty.screen_text().contains("(standard input):1"),
        "{}",
        pty.screen_text()
    );
}

#[test]
fn endless_piped_input_opens_the_browser_with_a_warning() {
    let mut pty = Pty::command("sh")
        .args([
            "-c",
            "yes 中文 | exec \"$0\" --max-input 64k -",
            env!("CARGO_BIN_EXE_wenji"),
        ])
        .sandbox(Sandbox::new())
        .spawn();
    pty.wait_for("1 warning (!)", PATIENCE)
        .expect("the browser opens with the cut reported");
    pty.send_keys("!");
    pty.wait_for("read 64 KiB (--max-input)", PATIENCE)
        .expect("`!` says where reading stopped and why");
    pty.send_keys("q");
    pty.send_keys("q");
    let exit = pty.wait_exit(PATIENCE).expect("q quits the browser");
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn piped_standard_input_gets_no_waiting_message() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(["list", "-"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("wenji runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("reading standard input"), "{stderr}");
}
