//! A lookup ends in a quote, in the real binary: `Y` sends the paragraph and its citation to the
//! terminal clipboard as OSC 52 (and to tmux's buffer inside tmux); bookmarks and the reading
//! position survive quitting and reopening.

mod support;

use std::process::Command;

use base64::Engine;
use support::{Key, PATIENCE, Pty};

const CITATION: &str = "郝鹏（辽宁省委书记、省人大常委会主任）：《以全面振兴新突破建设中国式现代化新辽宁》，speeches.txt:9";

fn first_paragraph() -> String {
    wenji::corpus::sample().articles[0].paragraphs[0]
        .text
        .to_string()
}

/// The payloads of every OSC 52 clipboard write in `raw`.
fn osc52_payloads(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]52;c;")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(['\x07', '\x1b'])?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&rest[..end])
                .ok()?;
            String::from_utf8(bytes).ok()
        })
        .collect()
}

#[test]
fn shift_y_sends_the_paragraph_and_its_citation_through_osc_52() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("Y");
    pty.wait_for(
        "sent 1 paragraph + citation to the terminal clipboard",
        PATIENCE,
    )
    .expect("the status says what was sent");
    let payloads = osc52_payloads(&pty.raw_output());
    assert_eq!(payloads, [format!("{}\n{CITATION}", first_paragraph())]);
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(!raw.contains("\x1b]52;c;?"), "the clipboard is never read");
}

#[test]
fn c_copies_the_citation_alone() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("c");
    pty.wait_for("sent the citation", PATIENCE).expect("status");
    assert_eq!(osc52_payloads(&pty.raw_output()), [CITATION.to_owned()]);
}

#[test]
fn inside_tmux_the_tmux_buffer_holds_the_same_text() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("tmux.sock");
    let socket_arg = socket.to_str().expect("utf-8 path");
    let started = Command::new("tmux")
        .args([
            "-S",
            socket_arg,
            "new-session",
            "-d",
            "-s",
            "wenji-test",
            "sleep 60",
        ])
        .status();
    assert!(
        started.is_ok_and(|s| s.success()),
        "a private tmux server starts"
    );
    let tmux_env = format!("{socket_arg},1,0");
    let mut pty = Pty::wenji(&[], 100, 30, &[("TMUX", &tmux_env)]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("Y");
    pty.wait_for("and the tmux buffer", PATIENCE)
        .expect("the status names the tmux buffer");
    let buffer = Command::new("tmux")
        .args(["-S", socket_arg, "show-buffer"])
        .output()
        .expect("tmux runs");
    let _ = Command::new("tmux")
        .args(["-S", socket_arg, "kill-server"])
        .status();
    assert_eq!(
        String::from_utf8_lossy(&buffer.stdout),
        format!("{}\n{CITATION}", first_paragraph())
    );
}

#[test]
fn a_bookmark_and_the_position_survive_quitting_and_reopening() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let env = [("XDG_STATE_HOME", state_home)];
    // A short screen, so the article scrolls.
    let mut pty = Pty::wenji(&[], 100, 14, &env);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("j");
    pty.press(Key::Enter);
    for _ in 0..8 {
        pty.send_keys("j");
    }
    pty.send_keys("m");
    pty.wait_for("note for the bookmark", PATIENCE)
        .expect("asks for a note");
    pty.send_keys("tradenote");
    pty.press(Key::Enter);
    pty.wait_for("bookmarked", PATIENCE).expect("bookmarked");
    let top_line = pty.row(1);
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");

    assert!(
        !top_line.contains("打造向北开放新高地"),
        "scrolled past the title: {top_line}"
    );
    let mut again = Pty::wenji(&[], 100, 14, &env);
    again
        .wait_for("article 2/3", PATIENCE)
        .expect("reopens at the last article");
    again
        .wait_until(
            |s| {
                s.contents()
                    .lines()
                    .nth(1)
                    .is_some_and(|row| row.trim_end() == top_line.trim_end())
            },
            PATIENCE,
        )
        .expect("scrolled to where reading stopped");
    again.send_keys("'");
    again
        .wait_for("tradenote", PATIENCE)
        .expect("the bookmark and its note are listed");
    again.press(Key::Esc);
}

/// A folder loads in the background, and its articles' keys are made while it loads: reopened,
/// it comes back at the article last read, as the sample does.
#[test]
fn a_folder_reopens_at_the_article_last_read() {
    let state = tempfile::tempdir().expect("state dir");
    let state_home = state.path().to_str().expect("utf-8 path");
    let env = [("XDG_STATE_HOME", state_home)];
    let folder = tempfile::tempdir().expect("corpus dir");
    for (name, title) in [("1.md", "第一篇"), ("2.md", "第二篇"), ("3.md", "第三篇")] {
        let text = format!("## {title}\n\n{title}的正文。\n");
        std::fs::write(folder.path().join(name), text).expect("write");
    }
    let dir = folder.path().to_str().expect("utf-8 path");
    let mut pty = Pty::wenji(&[dir], 100, 24, &env);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("jj");
    pty.press(Key::Enter);
    pty.wait_for("article 3/3", PATIENCE)
        .expect("reads the third");
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");
    let again = Pty::wenji(&[dir], 100, 24, &env);
    again
        .wait_for("article 3/3", PATIENCE)
        .expect("reopens at the article last read");
    assert!(
        again.screen_text().contains("第三篇的正文"),
        "{}",
        again.screen_text()
    );
}
