//! Caches no writer of this build would make: entries whose checksums are right but whose
//! contents lie, caches of another version, build or options. Each is refused or set aside,
//! never trusted, and the files are read again.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::file::{self, Header, Slot};
use super::key::Settings;
use super::*;
use crate::corpus::{self, LoadOptions, read_file};

/// A folder with a Markdown file of three paragraphs and its cache folder.
fn corpus_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("讲话.md");
    std::fs::write(
        &path,
        "---\ntitle: 振兴东北\nauthor: 张三\ndate: 2024-05-01\ntags: [经济, 东北]\n---\n\n\
         第一段，振兴。\n\n第二段**加粗**。\n\n第三段\n接着。\n",
    )
    .expect("write");
    // Written long enough ago to be cached (`key::SETTLE`).
    let time = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let file = std::fs::File::options().write(true).open(&path);
    file.and_then(|f| f.set_modified(time))
        .expect("set the time");
    (dir, path)
}

/// The parts of two `Loaded` that loading decides, compared.
fn assert_same(a: &Loaded, b: &Loaded) {
    let (sa, sb) = (a.source.as_ref(), b.source.as_ref());
    assert_eq!(
        sa.map(|s| (&s.path, &s.name, &s.text)),
        sb.map(|s| (&s.path, &s.name, &s.text))
    );
    assert_eq!(
        sa.map(|s| (&s.encoding, s.format)),
        sb.map(|s| (&s.encoding, s.format))
    );
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.warnings, b.warnings);
}

/// The `Loaded` an entry's bytes hold, its head the first `head` of them, read whole.
fn decode(bytes: &[u8], head: usize, path: &Path) -> Result<Loaded, bytes::Bad> {
    let (head, body) = bytes.split_at(head.min(bytes.len()));
    entry::read_head(head, path)?.with_checked_body(body, entry::Checksum::Check)
}

#[test]
fn an_entry_reads_back_as_loading_gave_it() {
    let (_dir, path) = corpus_dir();
    let loaded = read_file(&path, LoadOptions::default());
    let entry = entry::encode(&loaded).expect("a file that loaded is kept");
    let decoded = decode(&entry.bytes, entry.head, &path).expect("it decodes");
    assert_same(&decoded, &loaded);
}

/// A cache holding the sample file, and the file's key.
fn cached(dir: &Path, path: &Path) -> (Cache, FileKey) {
    let entry = entry::encode(&read_file(path, LoadOptions::default())).expect("kept");
    write_cache(dir, path, Settings::new(&LoadOptions::default()), &entry);
    let corpus = CorpusId::from_inputs(&[path.to_path_buf()]);
    let (cache, warnings) = Cache::open(dir, &corpus, &LoadOptions::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    (cache, FileKey::of(path).expect("a file"))
}

/// A warm open takes heads only: the text and paragraphs stay in the cache file until looked
/// at, then read back as loading gave them. The fingerprint an article brings (what the
/// engine's stored index is checked by) is the one the article has when read in full.
#[test]
fn an_entry_brings_its_heads_and_its_body_when_looked_at() {
    let (dir, path) = corpus_dir();
    let (cache, key) = cached(dir.path(), &path);
    let fresh = read_file(&path, LoadOptions::default());
    let loaded = cache.get(&path, key).expect("a hit");
    let source = loaded.source.as_ref().expect("a source");
    assert_eq!(loaded.articles[0].title, "振兴东北");
    assert_eq!(
        source.text.len(),
        fresh.source.as_ref().expect("read").text.len()
    );
    assert_eq!(loaded.articles[0].paragraphs.number(), 3);
    let fingerprints = |loaded: &Loaded| -> Vec<u64> {
        loaded
            .articles
            .iter()
            .map(corpus::kept::fingerprint)
            .collect()
    };
    assert_eq!(fingerprints(&loaded), fingerprints(&fresh));
    let chars = |loaded: &Loaded| loaded.articles[0].char_count();
    assert_eq!((chars(&loaded), chars(&fresh)), (chars(&fresh), 19));
    assert!(
        format!("{:?}", source.text).starts_with("Kept("),
        "not read yet"
    );
    assert_same(&loaded, &fresh);
    assert!(format!("{:?}", source.text).ends_with(", read)"));
    // Paragraphs read back are pieces of the text read back, as loading made them.
    let text = source.text.shared();
    let first = &loaded.articles[0].paragraphs[0];
    assert_eq!(first.text.place_in(text), text.find("第一段"));
}

/// A body damaged after its head was taken (a load reads no body; or the cache file written
/// over in place, which wenji never does) is never shown: the file is read again (when it no
/// longer has the articles the head said, the article reads as empty), the cache file is
/// removed to be rebuilt, and a warning says so, once for each body found damaged.
#[test]
fn a_body_damaged_later_reads_the_file_again() {
    let (dir, path) = corpus_dir();
    let (cache, key) = cached(dir.path(), &path);
    let late = cache.late_warnings().expect("given once");
    assert!(cache.late_warnings().is_none());
    let loaded = cache.get(&path, key).expect("a hit");
    let again = cache.get(&path, key).expect("a hit");
    let cache_file = dir.path().join(key::file_name(&CorpusId::from_inputs(
        std::slice::from_ref(&path),
    )));
    let mut damaged = std::fs::read(&cache_file).expect("read");
    let at = memchr::memmem::find(&damaged, "第二段".as_bytes()).expect("the text is there");
    damaged[at] ^= 1;
    std::fs::write(&cache_file, damaged).expect("write in place");
    assert!(late.try_recv().is_err(), "nothing read back yet");
    assert_same(&loaded, &read_file(&path, LoadOptions::default()));
    assert!(!cache_file.exists(), "removed, to be rebuilt");
    let warning = late.try_recv().expect("a warning").to_string();
    let expected = format!(
        "cache: {} is damaged (the text of {} fails its checksum); that file was read again \
         and the cache is rebuilt",
        cache_file.display(),
        path.display()
    );
    assert_eq!(warning, expected);
    assert!(late.try_recv().is_err(), "once");

    std::fs::write(&path, "# 一\n\n甲。\n\n# 二\n\n乙。\n").expect("write");
    assert_eq!(again.articles.len(), 1);
    assert!(again.articles[0].paragraphs.is_empty(), "two articles now");
    assert_eq!(&*again.source.as_ref().expect("a source").text, "");
}

/// A cache file for `path` holding `entry` as its entry, under `settings`.
fn write_cache(dir: &Path, path: &Path, settings: Settings, entry: &entry::Encoding) -> PathBuf {
    let bytes = &entry.bytes;
    let corpus = CorpusId::from_inputs(&[path.to_path_buf()]);
    let header = Header {
        settings,
        corpus: corpus.clone(),
        written: 0,
    };
    let mut out = file::header(&header);
    // The body, then the head and an empty signature.
    let (head, body) = bytes.split_at(entry.head);
    let start = out.len();
    let heads = start + body.len();
    let end = heads + head.len();
    let slot = Slot {
        path: path.to_path_buf(),
        key: FileKey::of(path).expect("a file"),
        body: start..heads,
        head: heads..end,
        checksum: xxh3_64(head),
        signature: end..end,
        signature_checksum: xxh3_64(&[]),
    };
    out.extend_from_slice(body);
    out.extend_from_slice(head);
    let at = out.len();
    out.extend(file::directory(&[slot], at));
    let cache = dir.join(key::file_name(&corpus));
    std::fs::write(&cache, out).expect("write the cache");
    cache
}

#[test]
fn an_entry_whose_lines_lie_outside_its_text_is_refused_then_replaced() {
    let (dir, path) = corpus_dir();
    let cache_dir = dir.path().join("cache");
    std::fs::create_dir(&cache_dir).expect("mkdir");
    let mut hostile = read_file(&path, LoadOptions::default());
    hostile.articles[0].lines = 90..99;
    let source = hostile.source.as_ref().expect("a source");
    let bytes = entry::write(source, &hostile);
    let settings = Settings::new(&LoadOptions::default());
    write_cache(&cache_dir, &path, settings, &bytes);

    let inputs = [path.clone()];
    let fresh = corpus::load(&inputs, LoadOptions::default()).expect("loads");
    let (corpus, report) =
        corpus::load_cached(&inputs, LoadOptions::default(), Some(&cache_dir)).expect("loads");
    assert_eq!(corpus.articles, fresh.articles);
    assert_eq!((report.hits, report.read), (0, 1));
    let warning = corpus.warnings.last().expect("a warning");
    assert_eq!(warning.source, WARNING_SOURCE);
    assert!(
        warning.message.contains("lines outside the source"),
        "{warning}"
    );
    // Rebuilt: the next open takes the file from the cache, and says nothing.
    let (again, report) =
        corpus::load_cached(&inputs, LoadOptions::default(), Some(&cache_dir)).expect("loads");
    assert_eq!((report.hits, report.read), (1, 0));
    assert_eq!(again.articles, fresh.articles);
    assert_eq!(again.warnings, fresh.warnings);
}

#[test]
fn another_version_warns_and_another_build_or_options_quietly_rebuild() {
    let (dir, path) = corpus_dir();
    let bytes = entry::encode(&read_file(&path, LoadOptions::default())).expect("kept");
    let ours = Settings::new(&LoadOptions::default());
    let corpus = CorpusId::from_inputs(std::slice::from_ref(&path));
    let other_version = Settings {
        version: "0.0.1".to_owned(),
        ..ours.clone()
    };
    let other_build = Settings {
        program: "1:2".to_owned(),
        ..ours.clone()
    };
    let other_options = Settings {
        page_break_repair: false,
        ..ours.clone()
    };
    let key = FileKey::of(&path).expect("a file");
    for (settings, warns) in [
        (other_version, true),
        (other_build, false),
        (other_options, false),
    ] {
        write_cache(dir.path(), &path, settings, &bytes);
        let (cache, warnings) = Cache::open(dir.path(), &corpus, &LoadOptions::default());
        assert_eq!(warnings.len(), usize::from(warns), "{warnings:?}");
        assert!(cache.is_empty());
        assert!(cache.get(&path, key).is_none());
        assert!(cache.stale);
    }
    write_cache(dir.path(), &path, ours, &bytes);
    let (cache, warnings) = Cache::open(dir.path(), &corpus, &LoadOptions::default());
    assert!(warnings.is_empty());
    assert_eq!(cache.len(), 1);
    assert!(cache.get(&path, key).is_some());
}

#[test]
fn a_changed_key_misses_and_a_checksum_failure_is_reported_once() {
    let (dir, path) = corpus_dir();
    let bytes = entry::encode(&read_file(&path, LoadOptions::default())).expect("kept");
    let cache_file = write_cache(
        dir.path(),
        &path,
        Settings::new(&LoadOptions::default()),
        &bytes,
    );
    let corpus = CorpusId::from_inputs(std::slice::from_ref(&path));
    let key = FileKey::of(&path).expect("a file");
    let (cache, _) = Cache::open(dir.path(), &corpus, &LoadOptions::default());
    let other = FileKey {
        size: key.size + 1,
        ..key
    };
    assert!(cache.get(&path, other).is_none());
    assert!(
        cache.take_warnings().is_empty(),
        "a changed file is no damage"
    );
    // Flip the last byte of the head, which lies just before the directory (the signature is
    // empty): its checksum fails.
    let mut damaged = std::fs::read(&cache_file).expect("read");
    let trailer = damaged.len() - file::TRAILER;
    let directory = u64::from_le_bytes(damaged[trailer..trailer + 8].try_into().expect("8"));
    let at = usize::try_from(directory).expect("a place") - 1;
    damaged[at] ^= 1;
    std::fs::write(&cache_file, damaged).expect("write");
    let (cache, warnings) = Cache::open(dir.path(), &corpus, &LoadOptions::default());
    assert!(warnings.is_empty(), "the header and directory are sound");
    assert!(cache.get(&path, key).is_none());
    assert!(cache.get(&path, key).is_none());
    let warnings = cache.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("and 1 other"),
        "{}",
        warnings[0]
    );
    assert!(cache.take_warnings().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// An entry altered anywhere, past its checksum, decodes to an error or to something that
    /// passes every check; never a panic, never lines outside its text.
    #[test]
    fn altered_entries_are_refused_or_sound(
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let (_dir, path) = corpus_dir();
        let entry = entry::encode(&read_file(&path, LoadOptions::default())).expect("kept");
        let mut bytes = entry.bytes;
        for (at, value) in changes {
            let at = at.index(bytes.len());
            bytes[at] = value;
        }
        let whole = bytes.clone();
        bytes.truncate(cut.index(bytes.len() + 1));
        for bytes in [&whole[..], &bytes[..]] {
            if let Ok(loaded) = decode(bytes, entry.head, &path) {
                prop_assert!(entry::check(&loaded).is_ok());
                prop_assert_eq!(loaded.source.and_then(|s| s.path), Some(path.clone()));
            }
        }
    }
}

/// The loader's threads share one `Cache` for lookups, and a writer can be handed to another
/// thread to commit.
#[test]
fn a_cache_is_shared_across_threads_and_a_writer_can_move() {
    fn shared<T: Send + Sync>() {}
    fn movable<T: Send>() {}
    shared::<Cache>();
    movable::<CacheWriter>();
    movable::<Encoded>();
}
