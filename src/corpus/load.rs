//! Reading files into a [`Corpus`]: the embedded sample, or the user's files and folders.

use std::fs;
use std::path::{Path, PathBuf};

use super::blocks;
use super::model::{Corpus, Source, Warning};
use super::parse;
use super::walk;

/// The sample page embedded in the binary, opened when no paths are given.
const SAMPLE: &str = include_str!("../../data/speeches.txt");
/// The name the sample goes by on screen and in citations.
pub const SAMPLE_NAME: &str = "speeches.txt";

/// Why nothing could be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("nothing readable in the given paths ({} problem{})", .warnings.len(), if .warnings.len() == 1 { "" } else { "s" })]
    NothingReadable { warnings: Vec<Warning> },
}

/// The embedded sample speeches.
pub fn sample() -> Corpus {
    let mut corpus = Corpus::default();
    add_source(
        &mut corpus,
        None,
        SAMPLE_NAME.to_owned(),
        SAMPLE.to_owned(),
        "UTF-8",
    );
    corpus
}

/// Opens the files and folders in `paths`. Fails only when not one article could be read.
pub fn load(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    let (files, warnings) = walk::files(paths);
    let mut corpus = Corpus {
        warnings,
        ..Corpus::default()
    };
    for path in files {
        read_file(&mut corpus, &path);
    }
    if corpus.articles.is_empty() {
        return Err(LoadError::NothingReadable {
            warnings: corpus.warnings,
        });
    }
    Ok(corpus)
}

fn read_file(corpus: &mut Corpus, path: &Path) {
    let name = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            corpus.warnings.push(Warning {
                source: name,
                line: None,
                message: format!("cannot be read: {error}; skipped"),
            });
            return;
        }
    };
    if bytes.is_empty() {
        corpus.warnings.push(Warning {
            source: name,
            line: None,
            message: "empty file; skipped".to_owned(),
        });
        return;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let message = "not valid UTF-8; bad bytes shown as U+FFFD".to_owned();
            corpus.warnings.push(Warning {
                source: name.clone(),
                line: None,
                message,
            });
            text
        }
    };
    add_source(corpus, Some(path.to_path_buf()), name, text, "UTF-8");
}

fn add_source(
    corpus: &mut Corpus,
    path: Option<PathBuf>,
    name: String,
    text: String,
    encoding: &'static str,
) {
    let index = corpus.sources.len();
    let blocks = if blocks::looks_like_markdown(&text) || is_markdown_path(path.as_deref()) {
        blocks::markdown_blocks(&text)
    } else {
        blocks::plain_blocks(&text)
    };
    let fallback = file_stem(path.as_deref()).unwrap_or_else(|| name.clone());
    let articles = parse::articles(blocks, index, &fallback);
    if articles.is_empty() {
        let message = "no text found (only blank lines); skipped".to_owned();
        corpus.warnings.push(Warning {
            source: name.clone(),
            line: None,
            message,
        });
    }
    corpus.articles.extend(articles);
    corpus.sources.push(Source {
        path,
        name,
        text,
        encoding,
    });
}

fn is_markdown_path(path: Option<&Path>) -> bool {
    path.and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn file_stem(path: Option<&Path>) -> Option<String> {
    Some(path?.file_stem()?.to_string_lossy().into_owned())
}
