//! A cache file that is cut short, has a bit flipped anywhere, or is random bytes is noticed:
//! loading warns once (source `cache`), or, for damage to a text it kept unread, reading that
//! text back does ([`CacheReport::late`](wenji_core::corpus::CacheReport)); what is seen is
//! exactly what loading the files gives, and a sound cache is left behind, which later loads
//! use without a word. Two loads writing the same
//! cache at once leave a sound cache too.

mod cache_support;

use std::path::{Path, PathBuf};

use cache_support::{Seen, assert_same, cache_file, cache_warnings, mixed_corpus};
use proptest::prelude::*;
use wenji_core::corpus::{LoadOptions, load, load_cached};

/// A folder of every format, its cache folder and a sound cache's bytes.
struct Setup {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    cache: PathBuf,
    fresh: Seen,
    /// How many files the cache holds.
    cached: usize,
    sound: Vec<u8>,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    mixed_corpus(&docs);
    let cache = dir.path().join("cache");
    let paths = vec![docs];
    let fresh = load(&paths, LoadOptions::default()).expect("loads");
    load_cached(&paths, LoadOptions::default(), Some(&cache)).expect("loads");
    let sound = std::fs::read(cache_file(&cache)).expect("a cache file");
    Setup {
        _dir: dir,
        paths,
        cache,
        cached: fresh.sources.len(),
        fresh: Seen::of(&fresh),
        sound,
    }
}

impl Setup {
    /// Puts `bytes` in place of the cache, loads, reads every text, and checks the damage was
    /// noticed (by the load, or when a text it kept was read back) and repaired: the next load
    /// says nothing, and the one after takes every file from the cache.
    fn damaged(&self, bytes: &[u8], what: &str) -> Result<(), TestCaseError> {
        let file = cache_file(&self.cache);
        std::fs::write(&file, bytes).expect("write the damage");
        let load = || load_cached(&self.paths, LoadOptions::default(), Some(&self.cache));
        let (corpus, report) = load().expect("loads");
        prop_assert_eq!(&self.fresh, &Seen::of(&corpus), "{}", what);
        let mut warnings = cache_warnings(&corpus);
        let late = report.late.iter().flat_map(|late| late.try_iter());
        warnings.extend(late.map(|warning| warning.to_string()));
        prop_assert_eq!(warnings.len(), 1, "{}: {:?}", what, warnings);
        prop_assert!(
            warnings[0].contains(&file.display().to_string()),
            "{:?}",
            warnings
        );
        for _ in 0..2 {
            let (again, report) = load().expect("loads");
            prop_assert!(cache_warnings(&again).is_empty(), "{}: not repaired", what);
            prop_assert_eq!(&self.fresh, &Seen::of(&again), "{}", what);
            let late = report.late.iter().flat_map(|late| late.try_iter()).count();
            prop_assert_eq!(late, 0, "{}: not repaired", what);
        }
        let (_, report) = load().expect("loads");
        prop_assert_eq!(report.hits, self.cached);
        Ok(())
    }
}

#[test]
fn a_cache_cut_short_anywhere_is_noticed_and_rebuilt() {
    let setup = setup();
    let len = setup.sound.len();
    // Every cut in the magic and the format, every 3rd through the rest of the header, 40
    // between, and every cut in the directory's last slot and the trailer. (Each costs a
    // rebuild, synced to disk.)
    let cuts = (0..16)
        .chain((16..len.min(240)).step_by(3))
        .chain((240..len).step_by(len / 40))
        .chain(len.saturating_sub(48)..len);
    for cut in cuts {
        setup
            .damaged(&setup.sound[..cut], &format!("cut at {cut} of {len}"))
            .expect("noticed");
    }
}

#[test]
fn a_cache_that_is_empty_or_not_a_cache_at_all_is_noticed() {
    let setup = setup();
    for bytes in [&b""[..], b"wenji", b"# not a cache\n", &[0xff; 4096]] {
        setup.damaged(bytes, "junk").expect("noticed");
    }
    let mut longer = setup.sound.clone();
    longer.extend_from_slice(b"more");
    setup
        .damaged(&longer, "bytes past the end")
        .expect("noticed");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_flipped_bit_anywhere_is_noticed_and_rebuilt(
        at in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let setup = setup();
        let mut bytes = setup.sound.clone();
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        setup.damaged(&bytes, &format!("bit {bit} of byte {at} flipped"))?;
    }

    #[test]
    fn random_bytes_after_a_sound_start_are_noticed(
        keep in any::<prop::sample::Index>(),
        tail in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let setup = setup();
        let mut bytes = setup.sound[..keep.index(setup.sound.len())].to_vec();
        bytes.extend_from_slice(&tail);
        prop_assume!(bytes != setup.sound);
        setup.damaged(&bytes, "random bytes")?;
    }
}

/// Two loads of the same corpus on separate threads, each with its own cache handle, while a
/// third keeps changing a file: whichever rename lands last, the cache left is sound.
#[test]
fn two_writers_at_once_leave_a_sound_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    for n in 0..40 {
        let text = format!("第{n}篇，振兴东北。\n\n发展经济。\n");
        cache_support::write(&docs.join(format!("{n:02}.txt")), text.as_bytes());
    }
    let cache = dir.path().join("cache");
    let paths = vec![docs.clone()];
    std::thread::scope(|scope| {
        for writer in 0..2 {
            let (paths, cache) = (&paths, &cache);
            scope.spawn(move || {
                for _ in 0..6 {
                    let (corpus, _) =
                        load_cached(paths, LoadOptions::default(), Some(cache)).expect("loads");
                    let warnings = cache_warnings(&corpus);
                    assert!(warnings.is_empty(), "writer {writer}: {warnings:?}");
                }
            });
        }
        scope.spawn(|| {
            for round in 0..6 {
                let text = format!("第{round}回改写。\n");
                cache_support::write(&docs.join("00.txt"), text.as_bytes());
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
        });
    });
    let fresh = load(&paths, LoadOptions::default()).expect("loads");
    let (corpus, report) =
        load_cached(&paths, LoadOptions::default(), Some(&cache)).expect("loads");
    assert_same(&fresh, &corpus);
    assert!(cache_warnings(&corpus).is_empty());
    assert!(report.hits >= 39, "{report:?}");
    assert_no_temporaries(&cache);
}

/// Temporary files are hidden (`.NAME.wjc.XXXX.tmp`); none may be left.
fn assert_no_temporaries(cache: &Path) {
    let left: Vec<String> = std::fs::read_dir(cache)
        .expect("the cache folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A FIFO put where the cache file should be would block a reader forever: it is reported and
/// replaced, never opened.
#[test]
fn a_fifo_in_place_of_the_cache_is_not_waited_on() {
    let setup = setup();
    let file = cache_file(&setup.cache);
    std::fs::remove_file(&file).expect("remove");
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (corpus, _) =
        load_cached(&setup.paths, LoadOptions::default(), Some(&setup.cache)).expect("loads");
    assert_eq!(Seen::of(&corpus), setup.fresh);
    let warnings = cache_warnings(&corpus);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("not a regular file"), "{warnings:?}");
    assert!(std::fs::metadata(&file).expect("stat").is_file());
}
