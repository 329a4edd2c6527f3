//! The clipboard transport as a terminal and tmux see it.

use std::path::Path;
use std::process::Command;

use wenji::clipboard::{ClipboardOptions, Sent, copy, text_room};

const PARAGRAPH: &str = "习近平总书记对辽宁高度重视、念兹在兹、充满期待。";

fn options() -> ClipboardOptions {
    ClipboardOptions::default()
}

#[test]
fn chinese_paragraph_reaches_the_terminal_as_one_osc52_set_sequence() {
    let mut out = Vec::new();
    let sent = copy(PARAGRAPH, &mut out, &options()).unwrap();
    // crossterm ends OSC with ST (ESC \); the base64 is of the UTF-8 bytes.
    let expected = "\x1b]52;c;5Lmg6L+R5bmz5oC75Lmm6K6w5a+56L695a6B6auY5bqm6YeN6KeG44CB5b+15YW55Zyo5YW544CB5YWF5ruh5pyf5b6F44CC\x1b\\";
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    assert_eq!(sent.bytes, PARAGRAPH.len());
    assert!(!sent.truncated);
    assert_eq!(sent.tmux, None);
}

#[test]
fn clipboard_read_query_is_never_sent() {
    let mut out = Vec::new();
    copy("?", &mut out, &options()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains(";?"), "{text:?}");
    assert_eq!(text, "\x1b]52;c;Pw==\x1b\\");
}

#[test]
fn long_text_is_cut_at_a_character_boundary_and_says_so() {
    let text = PARAGRAPH.repeat(2000); // ~144 KB
    let mut out = Vec::new();
    let sent = copy(&text, &mut out, &options()).unwrap();
    let room = text_room(100_000);
    assert!(sent.truncated);
    assert!(sent.bytes <= room && sent.bytes > room - 4);
    assert!(text.is_char_boundary(sent.bytes));
    assert_eq!(sent.total, text.len());
    // 4 base64 characters per 3 bytes, between "ESC ] 52 ; c ;" and "ESC \".
    assert_eq!(out.len(), 7 + sent.bytes.div_ceil(3) * 4 + 2);
    let message = sent.describe("3 paragraphs + citation");
    assert_eq!(
        message,
        "sent 25,000 of 48,000 characters of 3 paragraphs + citation to the terminal clipboard \
         (cut to fit the terminal's 100,000-byte limit)"
    );

    let small = ClipboardOptions {
        max_encoded: 8,
        ..options()
    };
    let mut out = Vec::new();
    let sent = copy("中文字", &mut out, &small).unwrap();
    assert_eq!(sent.bytes, 6);
    assert_eq!(String::from_utf8(out).unwrap(), "\x1b]52;c;5Lit5paH\x1b\\");
}

#[test]
fn status_line_claims_only_what_was_sent() {
    let mut out = Vec::new();
    let sent = copy(PARAGRAPH, &mut out, &options()).unwrap();
    assert_eq!(
        sent.describe("1 paragraph + citation"),
        "sent 1 paragraph + citation to the terminal clipboard"
    );
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn tmux(socket: &Path, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs")
}

/// Copies `text` inside a tmux server of its own: what was sent, the bytes written to the
/// terminal, and what tmux's buffer then holds. `None` when tmux is not installed.
fn copy_inside_tmux(text: &str) -> Option<(Sent, Vec<u8>, String)> {
    if !tmux_available() {
        eprintln!("note: tmux is not installed; the tmux buffer was not checked");
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let socket = dir.path().join("wenji-test");
    let started = tmux(&socket, &["-f", "/dev/null", "new-session", "-d"]);
    assert!(started.status.success(), "{started:?}");
    let options = ClipboardOptions {
        tmux: true,
        tmux_socket: Some(socket.clone()),
        ..options()
    };
    let mut out = Vec::new();
    let sent = copy(text, &mut out, &options);
    let buffer = tmux(&socket, &["show-buffer"]);
    tmux(&socket, &["kill-server"]);
    let buffer = String::from_utf8(buffer.stdout).expect("the buffer is UTF-8");
    Some((sent.expect("copied"), out, buffer))
}

#[test]
fn inside_tmux_the_tmux_buffer_holds_the_same_text() {
    let Some((sent, out, buffer)) = copy_inside_tmux(PARAGRAPH) else {
        return;
    };
    assert_eq!(sent.tmux, Some(Ok(())));
    assert_eq!(buffer, PARAGRAPH);
    assert!(!out.is_empty(), "OSC 52 is sent inside tmux too");
    assert_eq!(
        sent.describe("1 paragraph"),
        "sent 1 paragraph to the terminal clipboard and the tmux buffer"
    );
}

#[test]
fn a_cut_copy_leaves_the_same_cut_text_in_the_tmux_buffer() {
    let Some((sent, out, buffer)) = copy_inside_tmux(&paragraph_of(200 * 1024)) else {
        return;
    };
    assert_eq!(sent.tmux, Some(Ok(())));
    let (payload, _) = decoded_payload(&out);
    assert_eq!(payload.len(), 75_000);
    assert!(buffer == payload, "tmux holds what the terminal was sent");
}

#[test]
fn unreachable_tmux_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let options = ClipboardOptions {
        tmux: true,
        tmux_socket: Some(dir.path().join("no-server-here")),
        ..options()
    };
    let mut out = Vec::new();
    let sent = copy(PARAGRAPH, &mut out, &options).unwrap();
    let Some(Err(reason)) = &sent.tmux else {
        panic!("expected a tmux failure, got {:?}", sent.tmux);
    };
    assert!(!reason.is_empty());
    assert!(!out.is_empty(), "the terminal still gets the text");
    assert!(
        sent.describe("1 paragraph")
            .contains("; tmux buffer not set: ")
    );
}

/// The text inside an OSC 52 set sequence, decoded, and the length of its base64.
fn decoded_payload(sequence: &[u8]) -> (String, usize) {
    use base64::Engine as _;
    let text = std::str::from_utf8(sequence).expect("the sequence is ASCII");
    let encoded = text
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix("\x1b\\"))
        .expect("one OSC 52 set sequence");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("valid base64");
    (
        String::from_utf8(bytes).expect("whole UTF-8 characters"),
        encoded.len(),
    )
}

/// One long paragraph of Chinese text, `bytes` long or just under.
fn paragraph_of(bytes: usize) -> String {
    let mut text = PARAGRAPH.repeat(bytes / PARAGRAPH.len() + 1);
    while text.len() > bytes {
        text.pop();
    }
    text
}

#[test]
fn a_75_kb_paragraph_is_cut_to_100000_bytes_of_base64() {
    for (size, characters) in [(75 * 1024, "25,600"), (200 * 1024, "68,266")] {
        let text = paragraph_of(size);
        let mut out = Vec::new();
        let sent = copy(&text, &mut out, &options()).unwrap();
        let (payload, encoded) = decoded_payload(&out);
        assert!(encoded <= 100_000, "{encoded} base64 bytes for {size}");
        assert!(text.starts_with(&payload), "a prefix of the text");
        assert!(
            payload.len() + 3 > 75_000,
            "close to the limit: {}",
            payload.len()
        );
        assert_eq!((sent.bytes, sent.total), (payload.len(), text.len()));
        let message = sent.describe("1 paragraph");
        let expected = format!(
            "sent 25,000 of {characters} characters of 1 paragraph to the terminal clipboard \
             (cut to fit the terminal's 100,000-byte limit)"
        );
        assert_eq!(message, expected);
    }
}

#[test]
fn a_long_copy_of_many_lines_is_cut_at_the_end_of_a_line() {
    let line = format!("{PARAGRAPH}{PARAGRAPH}\n");
    let text = line.repeat(75_000 / line.len() + 10);
    let mut out = Vec::new();
    copy(&text, &mut out, &options()).unwrap();
    let (payload, encoded) = decoded_payload(&out);
    assert!(encoded <= 100_000, "{encoded}");
    assert!(text.starts_with(&payload));
    assert!(payload.ends_with(PARAGRAPH), "ends where a line ends");
    assert!(payload.len() + line.len() > 75_000, "{}", payload.len());
}
