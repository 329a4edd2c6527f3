//! JSON Lines exports: one article per line, from `title` and `content` (and optionally
//! `author`/`speaker`, `date`/`year`, `section`/`category`).
//!
//! The content is read as plain text: each non-blank line a paragraph, joined again where a line
//! break cut a sentence. Every paragraph cites the JSON line it came from. A line that is not a
//! JSON object with text in it is reported and skipped; the rest of the file still loads.

use serde::Deserialize;

use super::blocks;
use super::model::{Article, Warning};
use super::parse;

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "text", alias = "body")]
    content: Option<String>,
    #[serde(default, alias = "speaker")]
    author: Option<String>,
    #[serde(default)]
    date: Option<Scalar>,
    #[serde(default)]
    year: Option<Scalar>,
    #[serde(default, alias = "category")]
    section: Option<String>,
}

/// A field that exports write as either a string or a number (`"year": 2025`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(serde_json::Number),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(text) => text,
            Scalar::Number(number) => number.to_string(),
        }
    }
}

/// Articles of one JSON Lines file, and a warning per line that could not be used.
pub fn articles(text: &str, source: usize, name: &str) -> (Vec<Article>, Vec<Warning>) {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let warn = |message: String| Warning {
            source: name.to_owned(),
            line: Some(number),
            message,
        };
        match serde_json::from_str::<Record>(line) {
            Ok(record)
                if record
                    .content
                    .as_deref()
                    .is_some_and(|c| !c.trim().is_empty()) =>
            {
                articles.push(article(record, source, number));
            }
            Ok(_) => warnings.push(warn("no `content` text on this line; skipped".to_owned())),
            Err(error) => warnings.push(warn(format!("not a JSON object ({error}); line skipped"))),
        }
    }
    (articles, warnings)
}

fn article(record: Record, source: usize, line: usize) -> Article {
    let content = record.content.unwrap_or_default();
    let mut paragraph_blocks = blocks::plain_blocks(&content);
    for block in &mut paragraph_blocks {
        block.lines = line..line + 1;
    }
    let mut article = Article {
        source,
        section: record.section,
        title: record
            .title
            .map(|t| t.trim().to_owned())
            .unwrap_or_default(),
        speaker: record.author,
        date: record.date.or(record.year).map(Scalar::into_string),
        lines: line..line + 1,
        ..Article::default()
    };
    parse::fill(&mut article, paragraph_blocks);
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_an_article_citing_its_line() {
        let text = concat!(
            r#"{"title":"2025年政府工作报告","content":"各位代表：\n\n现在，我代表国务院，向大会报告政府工作，\n请予审议。","year":2025}"#,
            "\n",
            r#"{"title":"第二篇","content":"正文。","author":"某人"}"#,
            "\n"
        );
        let (articles, warnings) = articles(text, 0, "reports.jsonl");
        assert!(warnings.is_empty());
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].date.as_deref(), Some("2025"));
        assert_eq!(
            articles[0].paragraphs.len(),
            2,
            "the broken sentence is joined"
        );
        assert_eq!(articles[1].speaker.as_deref(), Some("某人"));
        assert_eq!(articles[1].paragraphs[0].lines, 2..3);
    }

    #[test]
    fn invalid_json_line_is_reported_with_its_line_and_the_rest_loads() {
        let text = "{\"title\":\"一\",\"content\":\"正文。\"}\n{broken\n{\"title\":\"三\",\"content\":\"正文。\"}\n";
        let (articles, warnings) = articles(text, 0, "x.jsonl");
        assert_eq!(articles.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(
            warnings[0]
                .to_string()
                .starts_with("x.jsonl:2: not a JSON object")
        );
    }
}
