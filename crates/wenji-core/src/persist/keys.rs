//! Stable names for what is open: article keys for one loaded corpus, worked out once.
//!
//! Canonicalising a path touches the file system, so [`CorpusKeys`] does it once per source when
//! a corpus is loaded; after that, keys and lookups are plain string work.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::model::{ArticleKey, SAMPLE_FILE};
use crate::corpus::Corpus;

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
/// would otherwise resolve every component of every path, some 300 000 system calls. A file
/// that is not a symbolic link is named by its folder's canonical path and its own name, which
/// is what resolving it whole gives; anything else is resolved whole.
#[derive(Default)]
struct FileIds {
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl FileIds {
    fn of(&mut self, path: &Path) -> String {
        let plain_file = path
            .symlink_metadata()
            .is_ok_and(|metadata| !metadata.file_type().is_symlink());
        let (Some(folder), Some(name), true) = (path.parent(), path.file_name(), plain_file) else {
            return file_id(path);
        };
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let canonical = self
            .folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok());
        match canonical {
            Some(canonical) => canonical.join(name).to_string_lossy().into_owned(),
            None => file_id(path),
        }
    }
}

/// Article keys for one loaded corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusKeys {
    /// Per source: its file id, or `None` for standard input (never remembered).
    files: Vec<Option<String>>,
    by_key: HashMap<ArticleKey, usize>,
}

impl CorpusKeys {
    /// Keys for every article of `corpus`. Sources without a path are the embedded sample
    /// (`name` is the sample's) or standard input, which is not remembered.
    pub fn new(corpus: &Corpus) -> Self {
        let mut ids = FileIds::default();
        let files: Vec<Option<String>> = corpus
            .sources
            .iter()
            .map(|source| match &source.path {
                Some(path) if path.as_os_str() == "-" => Some(file_id(path)),
                Some(path) => Some(ids.of(path)),
                None if source.name == crate::corpus::load::SAMPLE_NAME => {
                    Some(SAMPLE_FILE.to_owned())
                }
                None => None,
            })
            .collect();
        let mut keys = Self {
            files,
            by_key: HashMap::new(),
        };
        for (index, article) in corpus.articles.iter().enumerate() {
            if let Some(key) = keys.key_for(article.source, &article.title) {
                // With a repeated title the first article keeps the key.
                keys.by_key.entry(key).or_insert(index);
            }
        }
        keys
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

    /// Resolving folder by folder names every file as resolving it whole does: plain files,
    /// relative paths, `..`, a linked folder, a linked file, a missing file, a file at the top.
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
    }
}
