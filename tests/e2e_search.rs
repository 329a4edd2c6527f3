//! Incremental search in the real binary, read off the screen: each key narrows the list, hits
//! are highlighted in the text (cell colours read through vt100), `n` walks them, Tab shows the
//! concordance, and typing fast into a large corpus loses no key.

mod support;

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code, reason = "the test uses part of the generator")]
mod corpus_gen;

use support::{Key, PATIENCE, Pty};

/// The yellow background of a search hit in the default theme (ANSI colour 3).
const HIT_BACKGROUND: vt100::Color = vt100::Color::Idx(3);

/// Whether some cell showing `c` has the hit background.
fn highlighted(screen: &vt100::Screen, c: &str) -> bool {
    let (rows, cols) = screen.size();
    (0..rows).any(|row| {
        (0..cols).any(|col| {
            screen
                .cell(row, col)
                .is_some_and(|cell| cell.contents() == c && cell.bgcolor() == HIT_BACKGROUND)
        })
    })
}

#[test]
fn typing_narrows_the_list_per_key_highlights_hits_and_n_walks_them() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("/");
    pty.wait_for("type to search", PATIENCE)
        .expect("search line open");
    pty.send_keys("振");
    pty.wait_for("16 hits in 2 articles", PATIENCE)
        .expect("narrowed after the first key");
    pty.send_keys("兴");
    pty.wait_for("15 hits in 2 articles", PATIENCE)
        .expect("narrowed after the second key");
    pty.wait_until(|s| highlighted(s, "振") && highlighted(s, "兴"), PATIENCE)
        .expect("hits highlighted in the reader");
    pty.press(Key::Enter);
    pty.wait_for("hit 1/15", PATIENCE)
        .expect("results kept, first hit current");
    pty.send_keys("n");
    pty.wait_for("hit 2/15", PATIENCE)
        .expect("n goes to the next hit");
    pty.send_keys("/");
    pty.press(Key::Tab);
    pty.wait_for("Concordance: 15 hits", PATIENCE)
        .expect("Tab shows the concordance");
    pty.wait_for("以全面【振兴】新突破", PATIENCE)
        .expect("hit in context, bracketed");
    pty.press(Key::Esc);
    pty.wait_for("Articles (3)", PATIENCE)
        .expect("Esc in the search line restores the list");
}

#[test]
fn ten_keys_typed_at_once_into_a_large_corpus_all_arrive() {
    let folder = tempfile::tempdir().expect("temp dir");
    corpus_gen::ensure(&corpus_gen::HUNDRED_MB, folder.path()).expect("corpus generated");
    let path = folder.path().to_str().expect("utf-8 path");
    let mut pty = Pty::wenji(&[path], 100, 30, &[]);
    pty.wait_for("Articles (", PATIENCE * 3)
        .expect("opens the generated corpus");
    pty.send_keys("/");
    pty.wait_until(
        |s| s.contents().contains("type to search") || s.contents().contains("indexing"),
        PATIENCE,
    )
    .expect("search line open");
    pty.send_keys("全面振兴新突破三年行动");
    pty.wait_for("/全面振兴新突破三年行动", PATIENCE)
        .expect("every key reached the search line");
    pty.wait_until(
        |s| {
            let text = s.contents();
            text.contains("hits in") && !text.contains("scanning") && !text.contains("indexing")
        },
        PATIENCE * 3,
    )
    .expect("the final query's results are on screen");
    let corpus = wenji::corpus::load(
        &[folder.path().to_path_buf()],
        wenji::corpus::LoadOptions::default(),
    )
    .expect("loads");
    let index = wenji::search::index::Index::build(&corpus);
    let query = wenji::search::query::Query::parse("全面振兴新突破三年行动");
    let results = wenji::search::engine::search_all(&index, &query);
    let expected = format!(
        "{} hits in {} articles",
        results.hit_count(),
        results.articles.len()
    );
    pty.wait_for(&expected, PATIENCE)
        .expect("the counts of the final query, not an earlier one");
}
