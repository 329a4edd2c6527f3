//! Opening a messy folder in the real binary: what a person sees when some files are binary,
//! some GBK, and one tries to take over the terminal with escape sequences.

mod support;

use std::fs;

use support::{Key, PATIENCE, Pty};

#[test]
fn a_messy_folder_opens_with_warnings_and_the_screen_intact() {
    let folder = tempfile::tempdir().expect("temp dir");
    let dir = folder.path();
    fs::write(dir.join("1-binary.txt"), b"\x00\x01\x02\x03binary\x00data").expect("write");
    let gbk_text = "## 辽宁全面振兴新突破\n\n实现全面振兴新突破，我们要把科技创新作为驱动力。坚持教育发展、科技创新、人才培养一体推进，加强辽宁实验室等重大创新平台建设。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(gbk_text);
    fs::write(dir.join("2-gbk.txt"), &gbk).expect("write");
    let hostile = "## 转义测试\n\n危险\x1b[2J清屏\x1b]52;c;SGVsbG8=\x07剪贴板\u{202e}反转文字。\n";
    fs::write(dir.join("3-escapes.txt"), hostile).expect("write");

    let path = dir.to_str().expect("utf-8 temp path");
    let mut pty = Pty::wenji(&[path], 100, 30, &[]);
    pty.wait_for("辽宁全面振兴新突破", PATIENCE)
        .expect("the GBK article's title is listed");
    pty.wait_for("2 warnings (!)", PATIENCE)
        .expect("binary file and escape file counted");
    pty.wait_for("GB18030", PATIENCE)
        .expect("the GBK file's encoding in the info line");

    pty.send_keys("j");
    pty.wait_for("危险␛[2J清屏␛]52;c;SGVsbG8=␇剪贴板反转文字。", PATIENCE)
        .expect("escape sequences shown as placeholders, bidi override gone");
    pty.wait_for("辽宁全面振兴新突破", PATIENCE)
        .expect("the screen was not cleared");
    let raw = pty.raw_output();
    assert!(
        !raw.windows(4).any(|w| w == b"\x1b]52"),
        "no clipboard escape reached the terminal"
    );
    assert!(
        !String::from_utf8_lossy(&raw).contains('\u{202e}'),
        "no bidi override reached the terminal"
    );

    pty.send_keys("!");
    pty.wait_for("binary data, not text", PATIENCE)
        .expect("warnings view names the binary file");
    pty.wait_for("1-binary.txt", PATIENCE)
        .expect("by its file name");
    pty.press(Key::Esc);
    pty.wait_until(
        |s| !s.contents().contains("binary data, not text"),
        PATIENCE,
    )
    .expect("warnings view closes");
}

#[test]
fn raw_view_shows_the_file_with_line_numbers_at_the_article() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("jr");
    pty.wait_for("29  ## 打造向北开放新高地 谱写龙江振兴新篇章", PATIENCE)
        .expect("raw view starts at the article's heading, numbered as in the file");
    pty.wait_for("31  许勤(黑龙江省委书记、省人大常委会主任)", PATIENCE)
        .expect("byline as written");
    pty.send_keys("r");
    pty.wait_for("许勤（黑龙江省委书记、省人大常委会主任）", PATIENCE)
        .expect("back to the article");
}

#[test]
fn nothing_readable_is_a_message_and_status_1_not_an_empty_screen() {
    let folder = tempfile::tempdir().expect("temp dir");
    fs::write(folder.path().join("only.txt"), b"\x00\x00\x00\x00").expect("write");
    let path = folder.path().to_str().expect("utf-8 temp path");
    let mut pty = Pty::wenji(&[path], 100, 30, &[]);
    let exit = pty.wait_exit(PATIENCE).expect("exits by itself");
    assert_eq!(exit.code, Some(1));
    pty.wait_for("nothing readable", PATIENCE)
        .expect("says why");
    assert!(
        !pty.screen().alternate_screen(),
        "the browser never started"
    );
}
