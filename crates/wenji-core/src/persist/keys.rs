//! Stable names for what is open: article keys for one loaded corpus, worked out once.
//!
//! Canonicalising a path touches the file system, so [`CorpusKeys`] does it once per source when
//! a corpus is loaded; after that, keys and lookups are plain string work.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::model::{ArticleKey, SAMPLE_FILE};
use crate::corpus::{Article, Corpus, Source};

/// A quick hash for the maps of 50 000 paths and keys a large corpus gives (`SipHash` was a
/// sixth of the keying thread's time).
type Quick = foldhash::fast::RandomState;

/// The name a path is remembered by: canonical when the file exists, else made absolute; `-`
/// (standard input) stays `-`.
pub fn file_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "-".to_owned();
    }
    let resolved = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    resolved.to_string_lossy().into_owned()
}

/// [`file_id`] for many paths, each folder resolved once: opening an archive of 50 000 files
/// would otherwise resolve every component of every path, some 300 000 system calls. A regular
/// file (not a symbolic link) is named by its folder's canonical path and its own name, which
/// is what resolving it whole gives; anything else is resolved whole. What is a regular file
/// comes from the folder's listing, read once: asking each file (`lstat`) was two thirds of the
/// work, 50 000 system calls for the archive.
#[derive(Default)]
struct FileIds {
    folders: HashMap<PathBuf, Folder, Quick>,
}

/// What one folder says of its files.
struct Folder {
    canonical: Option<PathBuf>,
    /// The names of the regular files its listing gives; `None` when it cannot be listed (each
    /// file is then asked).
    files: Option<HashSet<OsString, Quick>>,
}

impl Folder {
    fn of(folder: &Path) -> Self {
        let files = std::fs::read_dir(folder).ok().map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
                .map(|entry| entry.file_name())
                .collect()
        });
        Self {
            canonical: std::fs::canonicalize(folder).ok(),
            files,
        }
    }
}

impl FileIds {
    fn of(&mut self, path: &Path) -> String {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return file_id(path);
        };
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let listed = self
            .folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| Folder::of(folder));
        let plain_file = match &listed.files {
            Some(files) => files.contains(name),
            None => path
                .symlink_metadata()
                .is_ok_and(|metadata| !metadata.file_type().is_symlink()),
        };
        match &listed.canonical {
            Some(canonical) if plain_file => canonical.join(name).to_string_lossy().into_owned(),
            _ => file_id(path),
        }
    }
}

/// [`CorpusKeys`] made part by part while a corpus loads (`corpus::growth`), on a thread of its
/// own: resolving 50 000 paths takes a quarter of a second, which the screen would wait for if
/// it were done when loading ends, and the loading thread, which hands the parts over, for
/// every part if it were done there.
#[derive(Default)]
pub struct KeysBuilder {
    ids: FileIds,
    keys: CorpusKeys,
    articles: usize,
}

/// What [`KeysBuilder`] needs of one part of a corpus, taken from it to be keyed elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysPart {
    /// Each source's path; `None` for the embedded sample (`true`) or standard input.
    sources: Vec<(Option<PathBuf>, bool)>,
    /// Each article's source and title.
    articles: Vec<(usize, String)>,
}

impl KeysPart {
    /// What keying the part of `sources` and `articles` needs.
    pub fn of(sources: &[Source], articles: &[Article]) -> Self {
        Self {
            sources: sources
                .iter()
                .map(|source| {
                    let sample = source.name == crate::corpus::load::SAMPLE_NAME;
                    (source.path.clone(), sample)
                })
                .collect(),
            articles: articles
                .iter()
                .map(|article| (article.source, article.title.clone()))
                .collect(),
        }
    }
}

impl KeysBuilder {
    /// Takes in the next part: its sources, and its articles, numbered on from the parts before
    /// and naming their sources in the whole corpus.
    pub fn add(&mut self, sources: &[Source], articles: &[Article]) {
        self.add_part(KeysPart::of(sources, articles));
    }

    /// [`KeysBuilder::add`] for a part taken with [`KeysPart::of`].
    pub fn add_part(&mut self, part: KeysPart) {
        let ids = &mut self.ids;
        self.keys
            .files
            .extend(part.sources.into_iter().map(|(path, sample)| match path {
                Some(path) if path.as_os_str() == "-" => Some(file_id(&path)),
                Some(path) => Some(ids.of(&path)),
                None if sample => Some(SAMPLE_FILE.to_owned()),
                None => None,
            }));
        let count = part.articles.len();
        for (at, (source, title)) in part.articles.into_iter().enumerate() {
            if let Some(key) = self.keys.key_for(source, &title) {
                // With a repeated title the first article keeps the key.
                self.keys.by_key.entry(key).or_insert(self.articles + at);
            }
        }
        self.articles += count;
    }

    pub fn finish(self) -> CorpusKeys {
        self.keys
    }
}

/// Article keys for one loaded corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusKeys {
    /// Per source: its file id, or `None` for standard input (never remembered).
    files: Vec<Option<String>>,
    by_key: HashMap<ArticleKey, usize, Quick>,
}

impl CorpusKeys {
    /// Keys for every article of `corpus`. Sources without a path are the embedded sample
    /// (`name` is the sample's) or standard input, which is not remembered.
    pub fn new(corpus: &Corpus) -> Self {
        let mut builder = KeysBuilder::default();
        builder.add(&corpus.sources, &corpus.articles);
        builder.finish()
    }

    /// The key of the article at `index` in `corpus`, or `None` for standard input.
    pub fn article(&self, corpus: &Corpus, index: usize) -> Option<ArticleKey> {
        let article = corpus.articles.get(index)?;
        self.key_for(article.source, &article.title)
    }

    /// The index of the article named by `key`, if it is open.
    pub fn find(&self, key: &ArticleKey) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Whether `file` is one of the open files (so its bookmarks belong to this corpus).
    pub fn has_file(&self, file: &str) -> bool {
        self.files.iter().flatten().any(|f| f == file)
    }

    fn key_for(&self, source: usize, title: &str) -> Option<ArticleKey> {
        let file = self.files.get(source)?.clone()?;
        Some(ArticleKey {
            file,
            title: title.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys made part by part, as a corpus loads, are the keys of the whole: each article's,
    /// and a repeated title kept by its first article, whichever part it came in.
    #[test]
    fn keys_made_part_by_part_are_the_keys_of_the_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in [
            ("a.md", "## 甲\n\n正文。\n\n## 乙\n\n正文。\n"),
            ("b.md", "## 甲\n\n正文。\n"),
            ("c.md", "## 丙\n\n正文。\n\n## 丙\n\n正文。\n"),
        ] {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        let corpus = crate::corpus::load(
            &[dir.path().to_path_buf()],
            crate::corpus::LoadOptions::default(),
        )
        .expect("loads");
        assert_eq!(corpus.articles.len(), 5);
        let whole = CorpusKeys::new(&corpus);
        for cut in 0..=corpus.sources.len() {
            let split = corpus.articles.partition_point(|a| a.source < cut);
            let mut builder = KeysBuilder::default();
            builder.add(&corpus.sources[..cut], &corpus.articles[..split]);
            builder.add(&corpus.sources[cut..], &corpus.articles[split..]);
            let parts = builder.finish();
            for at in 0..corpus.articles.len() {
                let key = whole
                    .article(&corpus, at)
                    .expect("a file's article has a key");
                assert_eq!(parts.article(&corpus, at).as_ref(), Some(&key), "cut {cut}");
                assert_eq!(parts.find(&key), whole.find(&key), "cut {cut}");
            }
        }
    }

    /// Resolving folder by folder names every file as resolving it whole does: plain files,
    /// relative paths, `..`, a linked folder, a linked file, a missing file, a file at the top,
    /// a file newer than its folder's listing, a link where a file was.
    #[test]
    fn folder_by_folder_gives_the_names_resolving_whole_gives() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        std::fs::write(root.join("a/b/one.md"), "x").expect("write");
        std::fs::write(root.join("a/two.md"), "x").expect("write");
        std::os::unix::fs::symlink(root.join("a/b"), root.join("linked")).expect("link");
        std::os::unix::fs::symlink(root.join("a/two.md"), root.join("a/b/link.md")).expect("link");
        let paths = [
            root.join("a/b/one.md"),
            root.join("a/b/../two.md"),
            root.join("linked/one.md"),
            root.join("a/b/link.md"),
            root.join("linked/link.md"),
            root.join("a/b/missing.md"),
            root.join("nowhere/missing.md"),
            PathBuf::from("Cargo.toml"),
            PathBuf::from("src/lib.rs"),
            PathBuf::from("/"),
        ];
        let mut ids = FileIds::default();
        for path in &paths {
            assert_eq!(ids.of(path), file_id(path), "{}", path.display());
        }
        assert_eq!(
            ids.of(&root.join("linked/link.md")),
            file_id(&root.join("a/two.md")),
            "a linked file is named by what it links to"
        );
        // A file made after its folder was listed, and a link put where a file was listed.
        std::fs::write(root.join("a/b/late.md"), "x").expect("write");
        assert_eq!(
            ids.of(&root.join("a/b/late.md")),
            file_id(&root.join("a/b/late.md"))
        );
        std::fs::remove_file(root.join("a/two.md")).expect("remove");
        std::os::unix::fs::symlink(root.join("a/b/one.md"), root.join("a/two.md")).expect("link");
        let mut fresh = FileIds::default();
        assert_eq!(
            fresh.of(&root.join("a/two.md")),
            file_id(&root.join("a/b/one.md"))
        );
    }
}
