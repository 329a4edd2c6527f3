//! `wenji list`: one line per article, tab-separated or as JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::{Article, Corpus, Date};

/// One article as `--json` prints it.
#[derive(Serialize)]
struct Entry<'a> {
    number: usize,
    title: &'a str,
    speaker: Option<&'a str>,
    role: Option<&'a str>,
    section: Option<&'a str>,
    date: Option<&'a str>,
    file: &'a str,
    line: usize,
    chars: usize,
    encoding: &'a str,
}

/// Prints every article of `corpus` to `out`.
pub fn write(corpus: &Corpus, json: bool, out: &mut impl Write) -> io::Result<()> {
    for (index, article) in corpus.articles.iter().enumerate() {
        let entry = entry(corpus, index, article);
        if json {
            super::json::write_line(out, &entry)?;
        } else {
            let columns = [
                entry.number.to_string(),
                tsv(entry.title),
                tsv(entry.speaker.unwrap_or_default()),
                tsv(entry.role.unwrap_or_default()),
                tsv(entry.section.unwrap_or_default()),
                format!("{}:{}", tsv(entry.file), entry.line),
                entry.chars.to_string(),
            ];
            writeln!(out, "{}", columns.join("\t"))?;
        }
    }
    out.flush()
}

fn entry<'a>(corpus: &'a Corpus, index: usize, article: &'a Article) -> Entry<'a> {
    let source = &corpus.sources[article.source];
    Entry {
        number: index + 1,
        title: &article.title,
        speaker: article.meta.speaker(),
        role: article.meta.role(),
        section: article.meta.section(),
        date: article.meta.date().map(Date::text),
        file: &source.name,
        line: article.lines.start.max(1),
        chars: article.char_count(),
        encoding: &source.encoding,
    }
}

/// A field for tab-separated output: tabs would shift the columns.
fn tsv(text: &str) -> String {
    text.replace('\t', " ")
}
