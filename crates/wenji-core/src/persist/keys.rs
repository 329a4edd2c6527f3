//! Stable names for what is open: article keys for one loaded corpus, worked out once.
//!
//! Canonicalising a path touches the file system, so [`CorpusKeys`] does it once per source when
//! a corpus is loaded; after that, keys and lookups are plain string work.

use std::collections::HashMap;
use std::path::Path;

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
        let files: Vec<Option<String>> = corpus
            .sources
            .iter()
            .map(|source| match &source.path {
                Some(path) => Some(file_id(path)),
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
