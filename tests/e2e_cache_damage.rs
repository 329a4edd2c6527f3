//! A text found damaged in the load cache only when it is read back, after a warm open took
//! its file's head: the reader shows the file as it now reads, and `!` says what was found.

mod support;

use support::{Key, PATIENCE, Pty, write_settled};

#[test]
fn a_text_found_damaged_when_read_back_is_shown_from_its_file_and_told_in_the_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("folder");
    write_settled(&docs.join("1.md"), "## 甲篇\n\n第一篇的正文。\n");
    write_settled(&docs.join("2.md"), "## 乙篇\n\n第二篇的正文。\n");
    let cache = dir.path().join("cache");
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(["list".as_ref(), docs.as_os_str()])
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .expect("wenji runs");
    assert!(listed.status.success(), "{listed:?}");
    assert!(listed.stderr.is_empty(), "{listed:?}");
    let file = std::fs::read_dir(cache.join("wenji"))
        .expect("the cache folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|e| e == "wjc"))
        .expect("a cache file");
    let mut bytes = std::fs::read(&file).expect("read the cache");
    let at = bytes
        .windows("第二篇的正文".len())
        .position(|w| w == "第二篇的正文".as_bytes())
        .expect("the body of 2.md holds its text");
    bytes[at + 4] ^= 0x01;
    std::fs::write(&file, &bytes).expect("damage the body");

    let cache_env = cache.to_str().expect("UTF-8");
    let docs_arg = docs.to_str().expect("UTF-8");
    let mut pty = Pty::wenji(&[docs_arg], 100, 30, &[("XDG_CACHE_HOME", cache_env)]);
    pty.wait_for("Articles (2)", PATIENCE)
        .expect("the folder opens");
    pty.send_keys("j");
    pty.wait_for("第二篇的正文。", PATIENCE)
        .expect("the text as the file has it");
    pty.wait_for("1 warning (!)", PATIENCE)
        .expect("the damage counted");
    pty.send_keys("!");
    pty.wait_for("fails its checksum", PATIENCE)
        .expect("the warnings say what was found");
    let screen = pty.screen_text();
    assert!(screen.contains(".wjc is damaged (the"), "{screen}");
    assert!(screen.contains("docs/2.md fails its checksum"), "{screen}");
    pty.press(Key::Esc);
    pty.wait_until(|s| !s.contents().contains("fails its checksum"), PATIENCE)
        .expect("the warnings close");
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");
}
