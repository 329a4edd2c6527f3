//! Shared helpers for the ingestion tests: the seed page, files written into a temporary folder,
//! loading with a time limit (a FIFO or a symlink loop must never hang the loader), and short
//! views of a corpus that compare what a reader would see.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use wenji::action::Action;
use wenji::corpus::{self, Corpus, LoadError, LoadOptions, ParagraphKind, Warning};
use wenji::state::{Message, State, Viewport};

/// How long one load may take before the test calls it a hang.
pub const LOAD_LIMIT: Duration = Duration::from_secs(10);

/// The project root, where `data/` lives.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed page the project was designed from (`data/speeches.txt`).
pub fn seed_path() -> PathBuf {
    root().join("data/speeches.txt")
}

pub fn seed_text() -> String {
    fs::read_to_string(seed_path()).expect("data/speeches.txt is readable")
}

/// The first article of the seed as a Markdown file of a few hundred characters: its title,
/// byline and first two paragraphs.
pub fn first_article_markdown() -> String {
    let seed = seed_text();
    let blocks: Vec<&str> = seed
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        blocks[0], blocks[1], blocks[2], blocks[3]
    )
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("fixture folder created");
    }
    fs::write(&path, bytes).expect("fixture written");
    path
}

/// Loads `paths` on a thread of its own and fails the test if that takes longer than
/// [`LOAD_LIMIT`].
pub fn load_within_limit(paths: &[PathBuf], options: LoadOptions) -> Result<Corpus, LoadError> {
    let (sender, receiver) = mpsc::channel();
    let paths = paths.to_vec();
    thread::spawn(move || {
        let _ = sender.send(corpus::load(&paths, options));
    });
    receiver
        .recv_timeout(LOAD_LIMIT)
        .unwrap_or_else(|_| panic!("loading did not finish within {LOAD_LIMIT:?}"))
}

/// Loads `paths` with encoding detection; panics with the warnings when nothing loads.
pub fn load(paths: &[PathBuf]) -> Corpus {
    match load_within_limit(paths, LoadOptions::default()) {
        Ok(corpus) => corpus,
        Err(LoadError::NothingReadable { warnings }) => {
            panic!("nothing readable: {}", lines(&warnings))
        }
    }
}

/// Loads one file.
pub fn load_one(path: &Path) -> Corpus {
    load(&[path.to_path_buf()])
}

/// What a reader sees of an article: title, speaker, role and the paragraph texts.
#[derive(Debug, PartialEq, Eq)]
pub struct Seen {
    pub title: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub paragraphs: Vec<String>,
}

pub fn seen(corpus: &Corpus) -> Vec<Seen> {
    corpus
        .articles
        .iter()
        .map(|a| Seen {
            title: a.title.clone(),
            speaker: a.meta.speaker().map(str::to_owned),
            role: a.meta.role().map(str::to_owned),
            paragraphs: a.paragraphs.iter().map(|p| p.text.to_string()).collect(),
        })
        .collect()
}

/// Every paragraph text of the corpus, in order.
pub fn all_paragraphs(corpus: &Corpus) -> Vec<(&str, ParagraphKind)> {
    corpus
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| (p.text.as_str(), p.kind)))
        .collect()
}

/// The warnings whose source names `path` (as given to `load`).
pub fn warnings_about<'a>(corpus_warnings: &'a [Warning], path: &Path) -> Vec<&'a Warning> {
    let name = path.display().to_string();
    corpus_warnings
        .iter()
        .filter(|w| w.source == name)
        .collect()
}

/// Warnings one per line, for failure messages.
pub fn lines(warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The browser with the first article open and its paragraph `number` (1-based) at the top of
/// the reader, as `:p` and the number leave it. The pane is low, so that the paragraph goes to
/// the top even in a short article.
pub fn reading_paragraph(corpus: Corpus, number: usize) -> State {
    let mut state = State::new(corpus);
    state.update(Message::Resize(Viewport {
        list_rows: 10,
        reader_width: 60,
        reader_height: 3,
        overlay_height: 10,
    }));
    state.update(Action::Open);
    state.update(Action::StartGoTo);
    for c in format!("p{number}").chars() {
        state.update(Action::GoToInput(c));
    }
    state.update(Action::GoToSubmit);
    state
}
