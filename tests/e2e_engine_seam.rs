//! The browser on another engine: with `WENJI_TEST_ENGINE=fake:MS` the built binary answers its
//! searches with the deterministic test engine, one matching article per batch, `MS` ms apart.
//! The screen shows the answer growing while it streams (one article and "scanning" in the
//! list's header, then two), and at the end exactly what the
//! in-memory engine shows for the same query — nothing in the state or the views knows which
//! engine answered.

mod support;

use support::{PATIENCE, Pty};

/// The list's header once the search for `query` has ended, on the engine `env` chooses.
fn final_header(env: &[(&str, &str)], query: &str) -> String {
    let mut pty = Pty::wenji(&[], 100, 30, env);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("/");
    pty.wait_for("type to search", PATIENCE)
        .expect("search line open");
    pty.send_keys(query);
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains("hits in") && !text.contains("scanning")
        },
        PATIENCE * 3,
    )
    .expect("the search ends");
    let top = pty.row(0);
    let start = top.find(|c: char| c.is_ascii_digit()).expect("a count");
    let end = top[start..].find(" articles").expect("articles") + start;
    top[start..end + " articles".len()].to_owned()
}

#[test]
fn an_answer_streamed_by_the_test_engine_grows_on_screen_and_ends_as_the_scan_does() {
    let mut pty = Pty::wenji(&[], 100, 30, &[("WENJI_TEST_ENGINE", "fake:700")]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("/");
    pty.wait_for("type to search", PATIENCE)
        .expect("search line open");
    pty.send_keys("发展");
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains("in 1 article") && text.contains("scanning")
        },
        PATIENCE,
    )
    .expect("the first batch shows one article while the answer is still coming");
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains("in 2 articles") && !text.contains("scanning")
        },
        PATIENCE,
    )
    .expect("the next batch lengthens the list, and the answer ends");
    let fake = final_header(&[("WENJI_TEST_ENGINE", "fake")], "发展");
    let scan = final_header(&[], "发展");
    assert!(fake.ends_with("in 2 articles"), "{fake}");
    assert_eq!(fake, scan, "both engines end with the same counts");
}
