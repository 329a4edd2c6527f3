//! Incremental search in the real binary, read off the screen: each key narrows the list, hits
//! are highlighted in the text (cell colours read through vt100), `n` walks them, Tab shows the
//! concordance, typing fast into a large corpus loses no key, and a query whose only hits lie at
//! the end of a large corpus still shows its first hit.
//!
//! The 100 MB corpus is generated once, under the target folder, and shared by the tests here.

mod support;

#[path = "../benches/support/corpus_gen.rs"]
#[allow(dead_code, reason = "the test uses part of the generator")]
mod corpus_gen;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use support::{Key, PATIENCE, Pty};
use wenji::corpus::order;
use wenji::search::{Engine, Query, Request, Scan, Scope};

/// The generated 100 MB corpus, written on first use and reused while its marker matches.
fn hundred_mb() -> PathBuf {
    // Tests run in parallel threads; one writes the folder while the others wait.
    static WRITING: Mutex<()> = Mutex::new(());
    let _writing = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-100mb");
    corpus_gen::ensure(&corpus_gen::HUNDRED_MB, &folder).expect("corpus generated");
    folder
}

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
    let folder = hundred_mb();
    let path = folder.to_str().expect("utf-8 path");
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
    // Typed while the corpus may still load: the final answer covers all of it once no note
    // says how much it covers (`searching N% of the corpus`, or `N% loaded` where narrow).
    pty.wait_until(
        |s| {
            let text = s.contents();
            text.contains("hits in")
                && !text.contains("scanning")
                && !text.contains("indexing")
                && !text.contains("of the corpus")
                && !text.contains("% loaded")
        },
        PATIENCE * 12,
    )
    .expect("the final query's results are on screen");
    let corpus = wenji::corpus::load(
        std::slice::from_ref(&folder),
        wenji::corpus::LoadOptions::default(),
    )
    .expect("loads");
    let request = Request {
        generation: 1,
        query: Query::parse("全面振兴新突破三年行动"),
        scope: Scope::All,
    };
    let (results, _) = Scan::build(&corpus).answer(&request);
    // The list counts copies of one article once: the hits of the earliest dated.
    let mut once = std::collections::HashMap::<u64, (u32, u32, usize)>::new();
    for found in &results.articles {
        let article = &corpus.articles[found.article as usize];
        let shown = (order::date_key(article), found.article, found.hits.len());
        let kept = once.entry(article.paragraphs.copy_key()).or_insert(shown);
        *kept = (*kept).min(shown);
    }
    let hits: usize = once.values().map(|&(_, _, hits)| hits).sum();
    let expected = format!("{} hits in {} articles", hits, once.len());
    pty.wait_for(&expected, PATIENCE)
        .expect("the counts of the final query, not an earlier one");
}

/// Three articles, read after the generated corpus, whose text alone holds 赤柱變秦城 (2 + 3 + 4
/// times) and 秦城 (once more each): the scan's first batches find nothing.
const LAST_ARTICLES: [(&str, &str); 3] = [
    (
        "a.txt",
        "## 狱中岁月甲篇\n\n他说赤柱變秦城，不过一夜之间。\n\n后来又说赤柱變秦城。\n\n秦城在北。\n",
    ),
    (
        "b.txt",
        "## 狱中岁月乙篇\n\n赤柱變秦城，赤柱變秦城。\n\n再说一遍：赤柱變秦城。秦城。\n",
    ),
    (
        "c.txt",
        "## 狱中岁月丙篇\n\n赤柱變秦城。\n\n赤柱變秦城、赤柱變秦城、赤柱變秦城。秦城。\n",
    ),
];

/// The articles the list's header counts: `Articles (N)`, or `N articles, M distinct` when
/// copies are folded (digits grouped by spaces).
fn article_count(screen: &str) -> usize {
    let counted = match screen.split("Articles (").nth(1) {
        Some(after) => after.split(')').next(),
        None => screen
            .split(" articles, ")
            .next()
            .and_then(|before| before.rsplit(['│', '─', '┌']).next()),
    };
    counted
        .map(|n| n.replace(' ', ""))
        .and_then(|n| n.parse().ok())
        .expect("a count in the list header")
}

#[test]
fn a_query_whose_hits_all_lie_at_the_end_of_a_large_corpus_shows_the_first_hit() {
    let generated = hundred_mb();
    let last = tempfile::tempdir().expect("temp dir");
    for (name, text) in LAST_ARTICLES {
        std::fs::write(last.path().join(name), text).expect("written");
    }
    let paths = [
        generated.to_str().expect("utf-8 path"),
        last.path().to_str().expect("utf-8 path"),
    ];
    let mut pty = Pty::wenji(&paths, 100, 30, &[]);
    // The list fills while the corpus loads (`Articles (N so far)`) and is indexed as it
    // comes: count it once it is whole (a debug build on a busy machine takes a while).
    pty.wait_until(
        |s| {
            let text = s.contents();
            (text.contains("Articles (") || text.contains(" distinct ")) && !text.contains("so far")
        },
        PATIENCE * 12,
    )
    .expect("opens the generated corpus");
    let total = article_count(&pty.screen_text());
    let first_of_last = format!("article {}/{total}", total - 2);

    pty.send_keys("/");
    pty.wait_for("type to search", PATIENCE * 3)
        .expect("the index is built");
    // Pasted: one query, one scan from the start of the corpus.
    pty.send("\x1b[200~赤柱變秦城\x1b[201~");
    pty.wait_for("9 hits in 3 articles", PATIENCE)
        .expect("the hits at the end are found");
    pty.wait_until(|s| highlighted(s, "柱") && highlighted(s, "城"), PATIENCE)
        .expect("the reader shows the first hit, highlighted");
    assert!(pty.screen_text().contains("狱中岁月甲篇"));
    pty.press(Key::Enter);
    pty.wait_for(&format!("{first_of_last} · "), PATIENCE)
        .expect("the reader is on the first matching article");
    pty.wait_for("hit 1/9", PATIENCE)
        .expect("and its first hit is current");

    // Back to the first article, then typed at once: 秦, then 秦城, each a query of its own.
    pty.press(Key::Esc);
    let plain = format!("Articles ({total})");
    let folded = format!(" {} articles, ", wenji::count::grouped(total));
    pty.wait_until(
        |s| s.contents().contains(&plain) || s.contents().contains(&folded),
        PATIENCE,
    )
    .expect("the search is cleared");
    pty.press(Key::Home);
    pty.wait_for(&format!("article 1/{total}"), PATIENCE)
        .expect("back at the first article");
    pty.send_keys("/秦城");
    pty.wait_for("12 hits in 3 articles", PATIENCE)
        .expect("the typed query's hits");
    pty.press(Key::Enter);
    pty.wait_for("hit 1/12", PATIENCE)
        .expect("its first hit is current");
    pty.wait_for(&format!("{first_of_last} · "), PATIENCE)
        .expect("on the first matching article");
}
