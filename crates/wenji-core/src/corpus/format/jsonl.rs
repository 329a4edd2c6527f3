//! JSON Lines exports: one article per line, from `title` and `content` (and optionally
//! `author`/`speaker`, `section`/`category`, and a date: the first of `date`, `published`,
//! `created` and `year`, as front matter reads it). A date that does not read as one is kept as
//! written and warned of on its line.
//!
//! The content is read as plain text: each non-blank line a paragraph, joined again where a line
//! break cut a sentence. Every paragraph cites the JSON line it came from. A line that is not a
//! JSON object with text in it is reported and skipped; the rest of the file still loads.
//!
//! The file was sanitised before it was parsed, but JSON escapes (`\u001b`, `\u202e`) only become
//! characters now, so every string read from a record is sanitised again, and every field but
//! the content is put on one line.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Input, Parsed};
use crate::corpus::blocks;
use crate::corpus::model::{Article, Warning};
use crate::corpus::parse;
use crate::text::sanitize::{Report, sanitize};

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "text", alias = "body")]
    content: Option<String>,
    #[serde(default, alias = "speaker")]
    author: Option<String>,
    // Fields of their own rather than aliases: a record may give several, and serde refuses a
    // record that gives two aliases of one field.
    #[serde(default)]
    date: Option<Scalar>,
    #[serde(default)]
    published: Option<Scalar>,
    #[serde(default)]
    created: Option<Scalar>,
    #[serde(default)]
    year: Option<Scalar>,
    #[serde(default, alias = "category")]
    section: Option<String>,
    /// Read leniently: some exports put an object under `source`, which is no reason to lose
    /// the article.
    #[serde(default, alias = "link", alias = "source")]
    url: Option<serde_json::Value>,
}

/// A field that exports write as either a string or a number (`"year": 2025`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(serde_json::Number),
}

impl Scalar {
    /// The field's text; `None` when it is blank, which exports write for "not known" and
    /// which is then no date at all.
    fn into_text(self) -> Option<String> {
        match self {
            Scalar::Text(text) => (!text.trim().is_empty()).then_some(text),
            Scalar::Number(number) => Some(number.to_string()),
        }
    }
}

/// The table's reader: [`articles`] of source 0.
pub(super) fn read(text: &str, input: &Input<'_>) -> Parsed {
    let (articles, warnings) = articles(text, 0, input.name, input.repair);
    Parsed { articles, warnings }
}

/// Articles of one JSON Lines file, and a warning per line that could not be used.
pub fn articles(
    text: &str,
    source: usize,
    name: &str,
    repair: bool,
) -> (Vec<Article>, Vec<Warning>) {
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
                let (article, cleaned) = article(record, source, number, repair);
                if !cleaned.is_clean() {
                    warnings.push(warn(cleaned.to_string()));
                }
                warnings.extend(super::unread_date(&article, name, Some(number)));
                articles.push(article);
            }
            Ok(_) => warnings.push(warn("no `content` text on this line; skipped".to_owned())),
            Err(error) => warnings.push(warn(format!("not a JSON object ({error}); line skipped"))),
        }
    }
    (articles, warnings)
}

/// Raw U+2028, U+2029 and NEL are allowed inside JSON strings, but sanitising the file would turn
/// them into line ends and cut the record in two. Written as JSON escapes they stay inside their
/// string, and the file keeps its line numbers.
///
/// ```
/// use wenji_core::corpus::format::jsonl::escape_line_separators;
/// assert_eq!(escape_line_separators("{\"content\":\"甲\u{2028}乙\"}"), r#"{"content":"甲\u2028乙"}"#);
/// ```
pub fn escape_line_separators(text: &str) -> Cow<'_, str> {
    const ESCAPES: [(char, &str); 3] = [
        ('\u{2028}', "\\u2028"),
        ('\u{2029}', "\\u2029"),
        ('\u{85}', "\\u0085"),
    ];
    let escape = |c: char| ESCAPES.iter().find(|&&(raw, _)| raw == c).map(|e| e.1);
    if !text.chars().any(|c| escape(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match escape(c) {
            Some(json) => escaped.push_str(json),
            None => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// Sanitises a field read from JSON, adding what was cleaned to `report`.
fn clean(field: Option<String>, report: &mut Report) -> Option<String> {
    let text = field?;
    let (shown, found) = sanitize(&text);
    *report += found;
    Some(match shown {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    })
}

/// A field other than the content: sanitised and on one line ([`blocks::one_line`]).
fn clean_line(field: Option<String>, report: &mut Report) -> Option<String> {
    let text = clean(field, report)?;
    Some(match blocks::one_line(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(line) => line,
    })
}

/// The article of one record, and what sanitising its strings cleaned.
fn article(record: Record, source: usize, line: usize, repair: bool) -> (Article, Report) {
    let mut cleaned = Report::default();
    let content = clean(record.content, &mut cleaned).unwrap_or_default();
    let mut paragraph_blocks = blocks::plain_blocks(&content);
    for block in &mut paragraph_blocks {
        block.lines = line..line + 1;
    }
    let mut article = Article {
        source,
        title: clean_line(record.title, &mut cleaned)
            .map(|t| t.trim().to_owned())
            .unwrap_or_default(),
        lines: line..line + 1,
        ..Article::default()
    };
    let meta = &mut article.meta;
    meta.set_section(clean_line(record.section, &mut cleaned), None);
    meta.set_speaker(clean_line(record.author, &mut cleaned));
    let date = [record.date, record.published, record.created, record.year]
        .into_iter()
        .flatten()
        .find_map(Scalar::into_text);
    meta.set_date(clean_line(date, &mut cleaned));
    meta.set_url(clean_line(
        record.url.and_then(|url| url.as_str().map(str::to_owned)),
        &mut cleaned,
    ));
    parse::fill(&mut article, paragraph_blocks, repair);
    (article, cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::meta::Date;

    #[test]
    fn each_line_is_an_article_citing_its_line() {
        let text = concat!(
            r#"{"title":"2025年政府工作报告","content":"各位代表：\n\n现在，我代表国务院，向大会报告政府工作，\n请予审议。","year":2025}"#,
            "\n",
            r#"{"title":"第二篇","content":"正文。","author":"某人"}"#,
            "\n"
        );
        let (articles, warnings) = articles(text, 0, "reports.jsonl", true);
        assert!(warnings.is_empty());
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].meta.date().map(Date::text), Some("2025"));
        assert_eq!(
            articles[0].paragraphs.len(),
            2,
            "the broken sentence is joined"
        );
        assert_eq!(articles[1].meta.speaker(), Some("某人"));
        assert_eq!(articles[1].paragraphs[0].lines, 2..3);
    }

    #[test]
    fn invalid_json_line_is_reported_with_its_line_and_the_rest_loads() {
        let text = "{\"title\":\"一\",\"content\":\"正文。\"}\n{broken\n{\"title\":\"三\",\"content\":\"正文。\"}\n";
        let (articles, warnings) = articles(text, 0, "x.jsonl", true);
        assert_eq!(articles.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(
            warnings[0]
                .to_string()
                .starts_with("x.jsonl:2: not a JSON object")
        );
    }

    /// Each article's date text and normalised form (`-` for none), and the warnings.
    fn dates(text: &str) -> (Vec<String>, Vec<String>) {
        let (articles, warnings) = articles(text, 0, "a.jsonl", true);
        let dates = articles
            .iter()
            .map(|a| {
                a.meta
                    .date()
                    .map_or_else(|| "-".to_owned(), |d| format!("{} {}", d.text(), d.shown()))
            })
            .collect();
        (dates, warnings.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn the_date_is_the_first_of_date_published_created_and_year() {
        let text = concat!(
            r#"{"content":"正文。","date":"2024-03-05","published":"2024-03-06","year":2023}"#,
            "\n",
            r#"{"content":"正文。","published":"2024年3月6日","created":"2024-03-07"}"#,
            "\n",
            r#"{"content":"正文。","created":"2024-03","year":2023}"#,
            "\n",
            r#"{"content":"正文。","date":"","year":2023}"#,
            "\n",
        );
        let (dates, warnings) = dates(text);
        assert_eq!(
            dates,
            [
                "2024-03-05 2024-03-05",
                "2024年3月6日 2024-03-06",
                "2024-03 2024-03",
                "2023 2023"
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_date_that_cannot_be_read_is_kept_and_warned_of_on_its_line() {
        let text = concat!(
            r#"{"title":"一","content":"正文。","date":"2024-03-05"}"#,
            "\n",
            r#"{"title":"2025年报告","content":"正文。","date":"sometime in spring"}"#,
            "\n",
            r#"{"title":"三","content":"正文。","year":20250}"#,
            "\n",
        );
        let (dates, warnings) = dates(text);
        assert_eq!(
            dates,
            [
                "2024-03-05 2024-03-05",
                "sometime in spring sometime in spring",
                "20250 20250"
            ]
        );
        assert_eq!(
            warnings,
            [
                "a.jsonl:2: date \"sometime in spring\" could not be read; shown as written",
                "a.jsonl:3: date \"20250\" could not be read; shown as written",
            ]
        );
    }

    #[test]
    fn without_a_date_the_title_or_first_paragraph_dates_the_record() {
        let text = concat!(
            r#"{"title":"1959年政府工作报告","content":"各位代表："}"#,
            "\n",
            r#"{"title":"政府工作报告","content":"（2024年3月5日）\n各位代表："}"#,
            "\n",
            r#"{"title":"关于2025年计划的报告","content":"2025年是关键之年。"}"#,
            "\n",
        );
        let (dates, warnings) = dates(text);
        assert_eq!(dates, ["1959年 1959", "2024年3月5日 2024-03-05", "-"]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
