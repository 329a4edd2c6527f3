//! The search index kept beside the load cache, as a person reopening a folder meets it: the
//! first open stores it, a reopen finds exactly what the first found, a changed file is found
//! as it now reads, and `wenji cache status` and `clear` count and remove the index with its
//! corpus.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use support::{Key, PATIENCE, Pty, write_settled};

/// The stored indexes in the cache folder.
fn indexes(cache: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(cache.join("wenji")) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "wji"))
        .collect()
}

/// Waits until the one stored index holds something other than `before`; its bytes.
fn stored(cache: &Path, before: Option<&[u8]>) -> Vec<u8> {
    let until = Instant::now() + PATIENCE;
    while Instant::now() < until {
        if let [index] = indexes(cache).as_slice()
            && let Ok(bytes) = std::fs::read(index)
            && Some(bytes.as_slice()) != before
        {
            return bytes;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no new index in {}", cache.display());
}

/// Opens `docs`, searches for `query` once everything is loaded, and returns the search's
/// header line, leaving the browser open.
fn search(docs: &str, env: &[(&str, &str)], query: &str) -> (Pty, String) {
    let mut pty = Pty::wenji(&[docs], 100, 30, env);
    pty.wait_for("Articles (3)", PATIENCE)
        .expect("the folder loads");
    pty.send_keys(&format!("/{query}"));
    pty.wait_until(
        |screen| {
            let text = screen.contents();
            text.contains(" hits in ") && !text.contains("scanning")
        },
        PATIENCE,
    )
    .expect("the search answers");
    let header = pty
        .screen_text()
        .lines()
        .find(|line| line.contains(" hits in "))
        .unwrap_or_default()
        .to_owned();
    (pty, header)
}

fn quit(mut pty: Pty) {
    pty.press(Key::Enter);
    pty.wait_for("n/N next/previous", PATIENCE)
        .expect("the search line closes, its hits kept");
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");
}

#[test]
fn a_reopened_folder_searches_from_its_stored_index_and_a_changed_file_as_it_reads_now() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("folder");
    write_settled(
        &docs.join("1.md"),
        "## 振兴东北\n\n全面振兴东北，振兴龙江。\n",
    );
    write_settled(&docs.join("2.md"), "## 乡村\n\n振兴乡村，发展经济。\n");
    write_settled(&docs.join("3.md"), "## 其他\n\n科技创新。\n");
    let cache = dir.path().join("cache");
    let cache_env = cache.to_str().expect("utf-8");
    let env = [("XDG_CACHE_HOME", cache_env)];
    let docs_arg = docs.to_str().expect("utf-8");

    let (first, header) = search(docs_arg, &env, "振兴");
    assert!(header.contains("4 hits in 2 articles"), "{header}");
    let index = stored(&cache, None);
    quit(first);

    let (again, reopened) = search(docs_arg, &env, "振兴");
    assert_eq!(
        reopened, header,
        "the stored index finds what folding found"
    );
    quit(again);
    assert_eq!(
        stored(&cache, None),
        index,
        "an index taken whole is not written again"
    );

    write_settled(&docs.join("3.md"), "## 其他\n\n科技创新，振兴产业。\n");
    let (changed, now) = search(docs_arg, &env, "振兴");
    assert!(now.contains("5 hits in 3 articles"), "{now}");
    stored(&cache, Some(&index));
    quit(changed);

    let wenji = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
            .args(args)
            .env("XDG_CACHE_HOME", &cache)
            .output()
            .expect("wenji runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let status = wenji(&["cache", "status"]);
    assert!(status.contains(" (search index "), "{status}");
    let cleared = wenji(&["cache", "clear"]);
    assert!(cleared.starts_with("removed 1 cached corpus"), "{cleared}");
    assert!(indexes(&cache).is_empty(), "the index goes with its corpus");
}

#[test]
fn quitting_the_moment_a_corpus_is_in_leaves_its_cache_and_index_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("folder");
    // Enough text (12 MB) that writing the cache and the index takes longer than quitting.
    let body = "全面振兴东北，推动高质量发展。".repeat(900);
    for n in 0..300 {
        write_settled(
            &docs.join(format!("{n}.md")),
            &format!("## 第{n}篇\n\n{body}第{n}篇完。\n"),
        );
    }
    let cache = dir.path().join("cache");
    let env = [("XDG_CACHE_HOME", cache.to_str().expect("utf-8"))];
    let mut pty = Pty::wenji(&[docs.to_str().expect("utf-8")], 100, 30, &env);
    pty.wait_for("Articles (300)", PATIENCE)
        .expect("the folder loads");
    pty.send_keys("q");
    pty.wait_exit(PATIENCE).expect("quits");

    let files: Vec<PathBuf> = std::fs::read_dir(cache.join("wenji"))
        .expect("the cache folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    let any = |extension: &str| {
        files
            .iter()
            .any(|path| path.extension().is_some_and(|e| e == extension))
    };
    assert!(any("wjc") && any("wji"), "{files:?}");
    assert!(!any("tmp"), "no write was cut off: {files:?}");
}
