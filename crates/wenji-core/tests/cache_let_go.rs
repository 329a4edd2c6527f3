//! A cold load through the cache writes each file's entry as it is read, and each part can let
//! go of its text and paragraphs once the index has them (`Growth::let_go`): what is read back
//! from the new cache file is what loading the files gives. Without a cache that can be
//! written, nothing is let go.

mod cache_support;

use std::ops::ControlFlow;
use std::path::Path;

use cache_support::{Seen, mixed_corpus};

use wenji_core::corpus::{Corpus, LoadOptions, load, stream_cached};

/// The corpus `stream_cached` gives through `cache`, every part let go of as it comes.
fn let_go(paths: &[std::path::PathBuf], cache: &Path) -> Corpus {
    let mut corpus = Corpus::default();
    let streamed = stream_cached(paths, LoadOptions::default(), Some(cache), |mut part| {
        part.let_go();
        corpus.grow(part);
        ControlFlow::Continue(())
    });
    if let Some(warning) = streamed.failed {
        corpus.warnings.push(warning);
    }
    corpus
}

/// A folder of every format, its paths, what loading them gives, and where a cache goes.
struct Setup {
    /// Removed when the test ends.
    _dir: tempfile::TempDir,
    paths: Vec<std::path::PathBuf>,
    fresh: Corpus,
    cache: std::path::PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    mixed_corpus(&docs);
    let paths = vec![docs];
    let fresh = load(&paths, LoadOptions::default()).expect("loads");
    let cache = dir.path().join("cache");
    Setup {
        _dir: dir,
        paths,
        fresh,
        cache,
    }
}

/// How many sources' text is kept in a cache file rather than held.
fn kept(corpus: &Corpus) -> usize {
    let kept = |text: String| text.starts_with("Kept(") && !text.ends_with(", read)");
    corpus
        .sources
        .iter()
        .filter(|s| kept(format!("{:?}", s.text)))
        .count()
}

#[test]
fn a_cold_load_lets_go_of_what_it_wrote_and_reads_it_back_the_same() {
    let setup = setup();
    let (paths, fresh, cache) = (&setup.paths, &setup.fresh, &setup.cache);
    let cold = let_go(paths, cache);
    let cached = fresh.sources.iter().filter(|s| !s.text.is_empty()).count();
    assert!(cached >= 5, "{cached} files with text");
    assert_eq!(kept(&cold), cached, "every file written is let go of");
    assert_eq!(Seen::of(&cold), Seen::of(fresh));
    assert_eq!(kept(&cold), 0, "read back once looked at");
    // Read back from the cache file, not from the files again: that would have removed it.
    cache_support::cache_file(cache);

    // Warm, the same again, from the file that cold load put in place.
    let warm = let_go(paths, cache);
    assert_eq!(Seen::of(&warm), Seen::of(fresh));
}

/// A part let go of can be read back at once, while the load goes on: from the cache file being
/// written, not from the files (here removed as soon as their part is handed over).
#[test]
fn a_part_let_go_of_reads_back_while_the_load_goes_on() {
    let setup = setup();
    let (paths, fresh, cache) = (&setup.paths, &setup.fresh, &setup.cache);
    let text_of = |path: &Path| {
        let source = fresh
            .sources
            .iter()
            .find(|s| s.path.as_deref() == Some(path));
        source.map(|s| s.text.to_string())
    };
    let mut read_back = 0;
    stream_cached(paths, LoadOptions::default(), Some(cache), |mut part| {
        part.let_go();
        for source in &part.sources {
            let path = source.path.as_deref().expect("a file");
            std::fs::remove_file(path).expect("remove");
            assert_eq!(Some(source.text.to_string()), text_of(path), "{path:?}");
            read_back += 1;
        }
        ControlFlow::Continue(())
    });
    assert_eq!(read_back, fresh.sources.len());
}

#[test]
fn without_a_cache_to_write_nothing_is_let_go() {
    let setup = setup();
    let (paths, fresh, cache) = (&setup.paths, &setup.fresh, &setup.cache);
    std::fs::write(cache, "a file where the folder should be\n").expect("write");
    let corpus = let_go(paths, cache);
    assert_eq!(kept(&corpus), 0);
    assert_eq!(Seen::of(&corpus), Seen::of(fresh));
    assert!(
        corpus
            .warnings
            .iter()
            .any(|w| w.message.contains("cannot write")),
        "{:?}",
        corpus.warnings
    );
}
