//! Opening a source that is slow to read, as a person at the terminal sees it: the first frame
//! comes at once with the loading progress in the status bar, what is read is readable while
//! the rest still loads, keys typed meanwhile go where they were meant (the search line opens
//! at once; nothing is echoed onto the screen), and a search typed during loading says how much
//! it covers, then completes itself when the last file is in.

mod support;

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use support::fifo::mkfifo;
use support::{PATIENCE, Pty};

/// A writer for the FIFO at `path`, on a thread (opening blocks until wenji opens it for
/// reading): it writes `text` once `go` says so, then closes the FIFO, ending the file.
fn feed_later(path: PathBuf, text: &'static str) -> mpsc::Sender<()> {
    let (go, wait) = mpsc::channel::<()>();
    thread::spawn(move || {
        let mut fifo = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("the FIFO opens for writing");
        if wait.recv().is_ok() {
            fifo.write_all(text.as_bytes()).expect("written");
        }
    });
    go
}

/// The bottom row: the status bar, or the search line while it is open.
fn bottom(pty: &Pty) -> String {
    pty.screen_text()
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_file_read_is_readable_while_a_slow_one_loads_and_a_search_completes_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ready = dir.path().join("ready");
    std::fs::create_dir(&ready).expect("folder");
    std::fs::write(
        ready.join("a.md"),
        "## 甲篇标题\n\n全面振兴东北，先说一次。\n",
    )
    .expect("written");
    let fifo = dir.path().join("slow.txt");
    mkfifo(&fifo);
    let go = feed_later(fifo.clone(), "## 乙篇标题\n\n振兴乡村。再说振兴。\n");
    let paths = [
        ready.to_str().expect("utf-8"),
        fifo.to_str().expect("utf-8"),
    ];
    let mut pty = Pty::wenji(&paths, 100, 30, &[]);

    pty.wait_for("loading 1 / 2 files", PATIENCE)
        .expect("the progress, while the FIFO is still open");
    pty.wait_for("全面振兴东北", PATIENCE)
        .expect("the file already read is in the reader");
    assert!(pty.screen_text().contains("Articles (1 so far)"));

    pty.send_keys("/振兴");
    pty.wait_for("1 hit in 1 article · searching 50% of the corpus", PATIENCE)
        .expect("the search covers what is loaded and says so");
    assert!(bottom(&pty).starts_with("/振兴"), "{}", bottom(&pty));

    go.send(()).expect("the writer waits");
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains("3 hits in 2 articles") && !text.contains("searching")
        },
        PATIENCE,
    )
    .expect("once loading ends the search covers the whole corpus");
    assert!(pty.screen_text().contains("乙篇标题"));
    assert!(!pty.screen_text().contains("loading"));
}

#[test]
fn keys_typed_before_anything_is_read_end_in_the_search_line_not_on_the_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("only.txt");
    mkfifo(&fifo);
    let go = feed_later(
        fifo.clone(),
        "## 一篇\n\n发展是第一要务。\n\n## 二篇\n\n高质量发展。\n",
    );
    let mut pty = Pty::wenji(&[fifo.to_str().expect("utf-8")], 80, 24, &[]);
    pty.wait_for("loading 0 / 1 files", PATIENCE)
        .expect("the first frame, before a byte is read");

    pty.send_keys("/发展");
    pty.wait_until(|screen| screen.contents().contains("/发展"), PATIENCE)
        .expect("the search line opened at once and took the keys");
    let screen = pty.screen_text();
    assert_eq!(
        screen.matches("发展").count(),
        1,
        "typed once, shown once:\n{screen}"
    );
    assert!(bottom(&pty).starts_with("/发展"), "{}", bottom(&pty));

    go.send(()).expect("the writer waits");
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains("2 hits in 2 articles") && !text.contains("searching")
        },
        PATIENCE,
    )
    .expect("the search typed ahead is answered once the text is in");
    pty.wait_for("发展是第一要务", PATIENCE)
        .expect("and the reader shows its first hit");
}
