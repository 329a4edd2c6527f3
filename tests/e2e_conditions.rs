//! Conditions in the browser's search line, read off the screen of the real binary: `date:2020 `
//! then a term narrows the list, each row showing its date and author; `s` sorts the list and
//! the border says how; a mistyped field shows its error in the search line.

mod support;

use std::fs;
use std::path::Path;

use support::{Key, PATIENCE, Pty};

/// Writes a Markdown article under front matter.
fn article(dir: &Path, name: &str, date: &str, author: &str, body: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    let text = format!(
        "---\ntitle: \"{name}\"\ndate: {date}\nauthor: {author}\ncategory: 眾聞\n---\n\n{body}\n"
    );
    fs::write(path, text).expect("write");
}

#[test]
fn a_date_then_a_term_narrows_the_list_with_dates_and_authors_on_its_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    article(
        dir.path(),
        "a.md",
        "2019-12-31",
        "林勵",
        "国家安全是头等大事。",
    );
    article(dir.path(), "b.md", "2020-05-22", "林勵", "国家安全与香港。");
    article(
        dir.path(),
        "c.md",
        "2020-07-01",
        "李强",
        "发展经济，国家安全。",
    );
    article(dir.path(), "d.md", "2020-08-01", "李强", "只谈发展。");
    let folder = dir.path().to_str().expect("UTF-8 path");
    let mut pty = Pty::wenji(&[folder, "--no-cache"], 100, 30, &[]);
    pty.wait_for("Articles (4)", PATIENCE).expect("opens");
    pty.wait_for("2019-12-31 · 林勵 · 眾聞", PATIENCE)
        .expect("each row shows its date, author and category");
    pty.send_keys("/date:2020 ");
    pty.wait_for("3 articles", PATIENCE)
        .expect("the date alone narrows the list");
    pty.send_keys("国家安全");
    pty.wait_for("2 hits in 2 articles", PATIENCE)
        .expect("the term narrows it further");
    let screen = pty.screen_text();
    assert!(screen.contains("2020-05-22 · 林勵"), "{screen}");
    assert!(screen.contains("2020-07-01 · 李强"), "{screen}");
    assert!(!screen.contains("2019-12-31"), "{screen}");
    pty.press(Key::Enter);
    pty.send_keys("ss");
    pty.wait_for("date ↓", PATIENCE)
        .expect("the border names the order");
    let screen = pty.screen_text();
    let newer = screen.find("2020-07-01").expect("c listed");
    let older = screen.find("2020-05-22").expect("b listed");
    assert!(newer < older, "newest first: {screen}");
    pty.send_keys("/");
    pty.send_keys(" auhtor:");
    pty.wait_for("no field `auhtor:`", PATIENCE)
        .expect("the error is on the search line");
}
