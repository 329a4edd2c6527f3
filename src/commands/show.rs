//! `wenji show`: one article laid out exactly as the reading pane lays it out, for checking the
//! layout from a shell and for piping into other tools. Colour only when writing to a terminal.

use std::io::{self, Write};

use ratatui::crossterm::style::Stylize;

use crate::corpus::Corpus;
use crate::layout::{Document, LineKind, Texts};
use crate::state::Settings;

/// Why the article could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error("no article matches `{0}` (see `wenji list` for numbers and titles)")]
    NotFound(String),
    #[error("`{spec}` matches {} articles; give more of the title or a number:\n{}", .candidates.len(), .candidates.join("\n"))]
    Ambiguous {
        spec: String,
        candidates: Vec<String>,
    },
    #[error(transparent)]
    Write(#[from] io::Error),
}

/// The article `spec` names: a 1-based number, or a title substring only one article has.
pub fn find(corpus: &Corpus, spec: &str) -> Result<usize, ShowError> {
    if let Ok(number) = spec.trim().parse::<usize>()
        && (1..=corpus.articles.len()).contains(&number)
    {
        return Ok(number - 1);
    }
    let matches: Vec<usize> = corpus
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.title.contains(spec))
        .map(|(i, _)| i)
        .collect();
    match matches.as_slice() {
        [] => Err(ShowError::NotFound(spec.to_owned())),
        [one] => Ok(*one),
        many => Err(ShowError::Ambiguous {
            spec: spec.to_owned(),
            candidates: many
                .iter()
                .map(|&i| format!("  {}\t{}", i + 1, corpus.articles[i].title))
                .collect(),
        }),
    }
}

/// Writes article `index` laid out for `width` columns.
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
        LineKind::Info | LineKind::Caption => text.dark_grey().to_string(),
        LineKind::Heading => text.bold().to_string(),
        LineKind::Credit => text.dark_grey().italic().to_string(),
        LineKind::Body | LineKind::Blank | LineKind::Raw => text.to_owned(),
    }
}
