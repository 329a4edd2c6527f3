//! `wenji show`: one article laid out exactly as the reading pane lays it out, for checking the
//! layout from a shell and for piping into other tools. Colour as `--color` says (by default on
//! a terminal only).

use std::io::{self, Write};

use ratatui::crossterm::style::Stylize;

use crate::corpus::Corpus;
use crate::count::count;
use crate::layout::{Document, LineKind, Texts};
use crate::state::Settings;
use crate::text::sanitize::sanitized_line;

/// Why the article could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error("no article matches `{0}` (see `wenji list` for numbers and titles)")]
    NotFound(String),
    #[error(
        "there is no article {number}: {} (see `wenji list`); to find `{number}` in titles, add --title",
        numbered(*.count)
    )]
    NoSuchNumber { number: String, count: usize },
    #[error("`{spec}` matches {}; give more of the title or a number:\n{}", count(.candidates.len(), "article"), .candidates.join("\n"))]
    Ambiguous {
        spec: String,
        candidates: Vec<String>,
    },
    #[error(transparent)]
    Write(#[from] io::Error),
}

/// How the articles are numbered, for an error about a number outside them.
fn numbered(count: usize) -> String {
    match count {
        0 => "there are no articles".to_owned(),
        1 => "article numbers start at 1, and there is 1 article".to_owned(),
        _ => format!("article numbers start at 1 and end at {count}"),
    }
}

/// The article `spec` names: a 1-based number, or (when it is not a number, or `title` is set) a
/// part of a title only one article has. A number is never taken for a part of a title: `show 0`
/// is a mistake to report, not the first title with a 0 in it.
pub fn find(corpus: &Corpus, spec: &str, title: bool) -> Result<usize, ShowError> {
    let digits = spec.trim();
    if !title && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse::<usize>()
            .ok()
            .filter(|number| (1..=corpus.articles.len()).contains(number))
            .map(|number| number - 1)
            .ok_or_else(|| ShowError::NoSuchNumber {
                number: digits.to_owned(),
                count: corpus.articles.len(),
            });
    }
    let matches: Vec<usize> = corpus
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.title.contains(spec))
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [] => Err(ShowError::NotFound(sanitized_line(spec.to_owned()))),
        [one] => Ok(*one),
        many => Err(ShowError::Ambiguous {
            spec: sanitized_line(spec.to_owned()),
            candidates: many
                .iter()
                .map(|&i| format!("  {}\t{}", i + 1, corpus.articles[i].title))
                .collect(),
        }),
    }
}

/// Writes article `index` laid out for `width` columns, styled with escape sequences when
/// `colour` is set.
pub fn write(
    corpus: &Corpus,
    index: usize,
    settings: Settings,
    width: usize,
    colour: bool,
    out: &mut impl Write,
) -> Result<(), ShowError> {
    let article = &corpus.articles[index];
    let texts = Texts {
        article,
        source: &corpus.sources[article.source],
    };
    let mut document = Document::new(texts, settings.layout(width));
    document.ensure_all(texts);
    for line in &document.lines {
        let text = document.text(texts, line);
        if text.is_empty() {
            writeln!(out)?;
            continue;
        }
        let pad = " ".repeat(document.margin + line.indent);
        if colour {
            writeln!(out, "{pad}{}", styled(line.kind, text))?;
        } else {
            writeln!(out, "{pad}{text}")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn styled(kind: LineKind, text: &str) -> String {
    match kind {
        LineKind::Title => text.bold().yellow().to_string(),
        LineKind::Byline => text.cyan().to_string(),
        LineKind::Tags | LineKind::Info | LineKind::Caption => text.dark_grey().to_string(),
        LineKind::Heading => text.bold().to_string(),
        LineKind::Credit => text.dark_grey().italic().to_string(),
        LineKind::Body | LineKind::Blank | LineKind::Raw => text.to_owned(),
    }
}
