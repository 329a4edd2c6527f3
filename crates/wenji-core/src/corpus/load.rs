//! Reading inputs into a [`Corpus`]: the embedded sample, or the user's files, folders and
//! standard input.
//!
//! ```text
//! walk ─▶ format by name ─▶ read bytes, decode, prepare, sanitise ─▶ format by text ─▶ read ─▶ absorb
//! ```
//! The paths are walked into files (`walk`). Each file goes through the same steps
//! independently, so files are loaded in parallel and merged in the order they were given: its
//! name may settle its [`Format`] before anything is read; its bytes are read (standard input,
//! FIFOs and devices only up to [`LoadOptions::max_input`], `bounded`), decoded (`decode`),
//! prepared as a format named that way needs, and sanitised (`text::sanitize`); the format table
//! chooses by the text what the name did not settle, and that format reads the articles, which
//! the corpus absorbs. Every problem becomes a [`Warning`] naming the file; only when nothing at
//! all could be read is the result an error. Reading a file is two steps, [`read_raw`] and
//! [`parse_raw`], so a caller can look at the bytes before it pays for the rest (`wenji search`
//! parses only the files its prefilter lets through).

use std::borrow::Cow;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::Encoding;

use super::bounded::{self, Bounded};
use super::decode::{self, Detection};
use super::fields;
use super::format::{Format, Input, Parsed};
use super::model::{Article, Corpus, Source, Warning};
use super::{ordered, walk};
use crate::text::sanitize::{sanitize, sanitized_line};

/// The sample page embedded in the binary, opened when no paths are given.
pub(crate) const SAMPLE: &str = include_str!("../../../../data/speeches.txt");
/// The name the sample goes by on screen and in citations.
pub const SAMPLE_NAME: &str = "speeches.txt";
/// The path that means standard input.
pub const STDIN_PATH: &str = "-";
/// The name standard input goes by on screen.
const STDIN_NAME: &str = "(standard input)";

/// How to read the inputs.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Read every file in this encoding instead of detecting it (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// Join paragraphs that a page break cut mid-sentence (on unless the config turns it off).
    pub page_break_repair: bool,
    /// Read at most this many bytes of standard input, a FIFO or a device (`--max-input`).
    pub max_input: u64,
    /// Reckon each article's copy key as its file is read, on the thread that reads it: the
    /// browser's list folds copies by it, and nothing else needs it (a file kept in the load
    /// cache has it there). It changes nothing that is read.
    pub copy_keys: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            encoding: None,
            page_break_repair: true,
            max_input: bounded::DEFAULT_LIMIT,
            copy_keys: false,
        }
    }
}

/// Why nothing could be opened.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("nothing readable in the given paths ({} problem{} reported above)", .warnings.len(), if .warnings.len() == 1 { "" } else { "s" })]
    NothingReadable { warnings: Vec<Warning> },
}

/// The embedded sample speeches.
pub fn sample() -> Corpus {
    sample_with(LoadOptions::default())
}

/// The embedded sample speeches, read with `options` (page-break repair on or off).
pub fn sample_with(options: LoadOptions) -> Corpus {
    let mut corpus = Corpus::default();
    let name = SAMPLE_NAME.to_owned();
    let loaded = parse_text(
        None,
        name,
        SAMPLE.to_owned(),
        "UTF-8".to_owned(),
        options.page_break_repair,
    );
    corpus.absorb(loaded);
    corpus
}

/// Opens the files and folders in `paths` (`-` is standard input). Fails only when not one
/// article could be read.
pub fn load(paths: &[PathBuf], options: LoadOptions) -> Result<Corpus, LoadError> {
    let (files, mut warnings) = walk::files(paths);
    warnings.iter_mut().for_each(fields::make_warning_one_line);
    let mut corpus = Corpus {
        warnings,
        ..Corpus::default()
    };
    ordered::map(
        files.len(),
        None,
        |at| read_file(&files[at], options),
        |_, loaded| {
            corpus.absorb(loaded);
            std::ops::ControlFlow::Continue(())
        },
    );
    if corpus.articles.is_empty() {
        return Err(LoadError::NothingReadable {
            warnings: corpus.warnings,
        });
    }
    Ok(corpus)
}

/// What one input gave: its source (`None` when it could not be read), its articles and what
/// went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub source: Option<Source>,
    /// Articles with `source` 0, renumbered when absorbed.
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Adds what one input gave, its one-line fields and warnings made safe to print on a row
    /// (`fields`): the one place where every article's metadata enters the corpus.
    pub fn absorb(&mut self, loaded: Loaded) {
        let mut warnings = loaded.warnings;
        warnings.iter_mut().for_each(fields::make_warning_one_line);
        self.warnings.append(&mut warnings);
        if let Some(source) = loaded.source {
            let index = self.sources.len();
            self.sources.push(source);
            self.articles
                .extend(loaded.articles.into_iter().map(|mut article| {
                    fields::make_one_line(&mut article);
                    Article {
                        source: index,
                        ..article
                    }
                }));
        }
    }
}

/// One input (`-` is standard input): read, decoded (prepared first for a format its name
/// settles) and sanitised, then read into articles by the format the table chooses. Whatever
/// goes wrong is a warning in the result.
pub fn read_file(path: &Path, options: LoadOptions) -> Loaded {
    match read_raw(path, options) {
        Ok(raw) => parse_raw(raw, options),
        Err(warning) => Loaded {
            warnings: vec![warning],
            ..Loaded::default()
        },
    }
}

/// One input's bytes as read, before anything is decoded: what a caller can look at (a
/// search's prefilter) before it decides to [`parse_raw`] them.
#[derive(Debug)]
pub struct Raw {
    /// The file; `None` for standard input.
    pub path: Option<PathBuf>,
    pub bytes: Vec<u8>,
    name: String,
    /// The format the file's name settles, if it settles one.
    named: Option<Format>,
    /// That the input was cut at the limit.
    cut: Option<Warning>,
}

impl Raw {
    /// What reading found, for an input that is not parsed.
    pub fn into_warnings(self) -> Vec<Warning> {
        self.cut.into_iter().collect()
    }
}

/// Reads the bytes of one input (`-` is standard input); the error is the warning when it
/// cannot be read or is empty.
pub fn read_raw(path: &Path, options: LoadOptions) -> Result<Raw, Warning> {
    let is_stdin = path.as_os_str() == STDIN_PATH;
    let named = Format::named((!is_stdin).then_some(path));
    let name = if is_stdin {
        STDIN_NAME.to_owned()
    } else {
        display_name(path)
    };
    let warn = |message: String| Warning {
        source: name.clone(),
        line: None,
        message,
    };
    let read = if is_stdin {
        bounded::read(
            &mut std::io::stdin().lock(),
            options.max_input,
            options.encoding,
        )
    } else {
        read_path(path, options)
    };
    let Bounded { bytes, cut } = match read {
        Ok(read) => read,
        Err(error) => return Err(warn(format!("cannot be read: {error}; skipped"))),
    };
    if bytes.is_empty() && cut.is_none() {
        return Err(warn("empty file; skipped".to_owned()));
    }
    let cut = cut.map(|cut| warn(bounded::limit_warning(options.max_input, bytes.len(), cut)));
    Ok(Raw {
        path: (!is_stdin).then(|| path.to_path_buf()),
        bytes,
        name,
        named,
        cut,
    })
}

/// Decodes, prepares and sanitises what [`read_raw`] read, and reads it into articles.
pub fn parse_raw(raw: Raw, options: LoadOptions) -> Loaded {
    let Raw {
        path,
        bytes,
        name,
        named,
        cut,
    } = raw;
    let text = match decode_text(&bytes, named, &name, options.encoding) {
        Ok(text) => text,
        Err(message) => {
            return Loaded {
                warnings: vec![Warning {
                    source: name,
                    line: None,
                    message,
                }],
                ..Loaded::default()
            };
        }
    };
    drop(bytes);
    let mut loaded = parse_text(
        path,
        name,
        text.text,
        text.encoding,
        options.page_break_repair,
    );
    let mut warnings: Vec<Warning> = cut.into_iter().chain(text.warnings).collect();
    warnings.append(&mut loaded.warnings);
    loaded.warnings = warnings;
    if options.copy_keys {
        for article in &loaded.articles {
            article.paragraphs.copy_key();
        }
    }
    loaded
}

/// An input's text, decoded and sanitised.
struct Sanitised {
    text: String,
    /// The encoding as shown in the info line (`GB18030 (guessed)`).
    encoding: String,
    /// What decoding and sanitising found.
    warnings: Vec<Warning>,
}

/// Decodes `bytes`, prepares the text as the format `named` needs, and sanitises it; the error
/// is the warning when the bytes cannot be decoded.
fn decode_text(
    bytes: &[u8],
    named: Option<Format>,
    name: &str,
    encoding: Option<&'static Encoding>,
) -> Result<Sanitised, String> {
    let mut decoded = decode::decode(bytes, encoding).map_err(|error| error.to_string())?;
    if let Some(format) = named
        && let Cow::Owned(prepared) = format.prepare(&decoded.text)
    {
        decoded.text = prepared;
    }
    let mut warnings: Vec<Warning> = decoded
        .warnings
        .iter()
        .map(|w| Warning {
            source: name.to_owned(),
            line: w.line(),
            message: w.to_string(),
        })
        .collect();
    let (text, report) = sanitize(&decoded.text);
    if !report.is_clean() {
        warnings.push(Warning {
            source: name.to_owned(),
            line: None,
            message: report.to_string(),
        });
    }
    let mut encoding = decode::encoding_name(decoded.encoding).to_owned();
    if decoded.detected_by == Detection::Guessed {
        encoding.push_str(" (guessed)");
    }
    let text = match text {
        Cow::Borrowed(_) => decoded.text,
        Cow::Owned(text) => text,
    };
    Ok(Sanitised {
        text,
        encoding,
        warnings,
    })
}

/// A regular file whole; a FIFO or a device (named on the command line) up to the limit.
fn read_path(path: &Path, options: LoadOptions) -> std::io::Result<Bounded> {
    let mut file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return bounded::read(&mut file, options.max_input, options.encoding);
    }
    // Room for the whole file and the read that finds its end, read through `take`: `File`'s
    // own `read_to_end` asks the file for its size and position again, two system calls a file.
    let size = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    Read::take(&mut file, u64::MAX).read_to_end(&mut bytes)?;
    Ok(Bounded { bytes, cut: None })
}

/// Reads decoded, sanitised text into articles of source 0, in the format the table chooses.
fn parse_text(
    path: Option<PathBuf>,
    name: String,
    text: String,
    encoding: String,
    repair: bool,
) -> Loaded {
    // A file name may hold any byte but `/` and NUL. Sanitised here, a line end in it is a
    // space that can be trimmed; `absorb` then finds the title clean.
    let fallback = path.as_deref().and_then(Path::file_stem).map_or_else(
        || name.clone(),
        |stem| sanitized_line(stem.to_string_lossy().into_owned()),
    );
    let format = Format::choose(path.as_deref(), &text);
    let input = Input {
        name: &name,
        fallback_title: fallback.trim(),
        repair,
    };
    let Parsed {
        mut articles,
        mut warnings,
    } = format.read(&text, &input);
    let text: Arc<str> = text.into();
    super::piece::share(&mut articles, &text);
    if articles.is_empty() && warnings.is_empty() {
        let message = "no text found (only blank lines or markup); skipped".to_owned();
        warnings.push(Warning {
            source: name.clone(),
            line: None,
            message,
        });
    }
    // Put on one line here as well as when absorbed, so an article is stored in the load
    // cache as the corpus will hold it: its fingerprint then is the one the index sees.
    articles.iter_mut().for_each(super::fields::make_one_line);
    let source = Source {
        path,
        name,
        text: text.into(),
        encoding,
        format,
    };
    Loaded {
        source: Some(source),
        articles,
        warnings,
    }
}

/// A path as shown on screen: sanitised, on one line.
pub(super) fn display_name(path: &Path) -> String {
    let shown = path.display().to_string();
    sanitize(&shown).0.replace('\n', "␊")
}
