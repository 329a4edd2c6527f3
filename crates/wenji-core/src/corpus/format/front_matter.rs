//! YAML front matter (`---` … `---` at the top of a Markdown file): the file is one article and
//! the matter fills its title and metadata; the Markdown under it is the article's text.
//!
//! The date is the first of `date`, `published`, `created` and `year` that the matter gives
//! (archives name it each of these ways). One that does not read as a date is kept as written
//! and warned of on its line.
//!
//! Flat matter, one `key: value` a line, is read without the YAML parser (`flat`), everything
//! else with it.
//!
//! The file was sanitised before it was parsed, but YAML escapes (`"\e[2J"`, `"\u202E"`) only
//! become characters now, so every field is sanitised again, and put on one line.

mod flat;

use std::borrow::Cow;

use yaml_rust2::{Yaml, YamlLoader};

use super::{Input, Parsed};
use crate::corpus::blocks::{self, Block, BlockKind, one_line};
use crate::corpus::model::{Article, Warning};
use crate::corpus::parse;
use crate::text::sanitize::{Report, sanitize};

/// The fields front matter can set.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub speaker: Option<String>,
    /// The first of [`DATE_KEYS`] the matter gives.
    pub date: Option<String>,
    /// The 1-based line of the file that field is on, when it can be told.
    pub date_line: Option<usize>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// Where the article was published: `url`, `link` or `source`.
    pub url: Option<String>,
    /// What sanitising the fields cleaned, for a warning.
    pub cleaned: Report,
}

/// The fields that give an article's date, in order of preference.
pub const DATE_KEYS: [&str; 4] = ["date", "published", "created", "year"];

/// Front matter found at the top of a file.
#[derive(Debug)]
pub struct Found<'a> {
    pub matter: Result<FrontMatter, String>,
    /// The text after the closing `---`.
    pub body: &'a str,
    /// Lines before `body` (the matter and its fences), to keep line numbers true.
    pub lines_before: usize,
}

/// Splits front matter off `text`, if the file starts with a `---` fence that is closed.
pub fn split(text: &str) -> Option<Found<'_>> {
    let (yaml, body) = fences(text)?;
    Some(Found {
        matter: parse(yaml),
        body,
        lines_before: 2 + yaml.lines().count(),
    })
}

/// Whether `text` starts with front matter: the table's sniffer, which leaves the YAML unread.
pub(super) fn opens(text: &str) -> bool {
    fences(text).is_some()
}

/// The YAML between an opening `---` fence and its closing one, and the text after it.
fn fences(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// One article from the front matter and the Markdown body under it; a matter that cannot be
/// read, or had to be cleaned, is a warning on line 1.
pub(super) fn read(text: &str, input: &Input<'_>) -> Parsed {
    let Some(found) = split(text) else {
        return Parsed::default();
    };
    let mut warnings = Vec::new();
    let mut warn = |message: String| {
        warnings.push(Warning {
            source: input.name.to_owned(),
            line: Some(1),
            message,
        });
    };
    let matter = found.matter.unwrap_or_else(|error| {
        warn(format!("front matter ignored: {error}"));
        FrontMatter::default()
    });
    if !matter.cleaned.is_clean() {
        warn(format!("front matter: {}", matter.cleaned));
    }
    let mut blocks = blocks::sanitised_markdown_blocks(found.body);
    for block in &mut blocks {
        block.lines = block.lines.start + found.lines_before..block.lines.end + found.lines_before;
    }
    let date_line = matter.date_line.or(Some(1));
    let article = article(matter, blocks, input);
    warnings.extend(super::unread_date(&article, input.name, date_line));
    Parsed {
        articles: vec![article],
        warnings,
    }
}

/// The article: its title from the matter or else its first heading (not repeated when both
/// say the same), or else the file's name.
fn article(matter: FrontMatter, mut blocks: Vec<Block>, input: &Input<'_>) -> Article {
    let first_heading = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading(_)));
    let title = match (matter.title, first_heading) {
        (Some(title), Some(0)) if blocks[0].text == title => {
            blocks.remove(0);
            title
        }
        (Some(title), _) => title,
        (None, Some(0)) => blocks.remove(0).text,
        (None, _) => input.fallback_title.to_owned(),
    };
    let lines = blocks
        .first()
        .map_or(1..1, |b| b.lines.start..b.lines.start);
    let mut article = Article {
        title,
        lines,
        ..Article::default()
    };
    article.meta.set_speaker(matter.speaker);
    article.meta.set_date(matter.date);
    article.meta.set_section(matter.category, None);
    article.meta.set_tags(matter.tags);
    article.meta.set_url(matter.url);
    parse::fill(&mut article, blocks, input.repair);
    article
}

fn parse(yaml: &str) -> Result<FrontMatter, String> {
    let document = if let Some(document) = flat::read(yaml) {
        document
    } else {
        let documents = YamlLoader::load_from_str(yaml).map_err(|e| e.to_string())?;
        let Some(document) = documents.into_iter().next() else {
            return Ok(FrontMatter::default());
        };
        document
    };
    if !matches!(document, Yaml::Hash(_)) {
        return Err("front matter is not a list of `key: value` fields".to_owned());
    }
    let field = |keys: &[&str]| keys.iter().find_map(|k| scalar(&document[*k]));
    let date = DATE_KEYS
        .iter()
        .find_map(|&key| Some((scalar(&document[key])?, key)));
    let tags = match &document["tags"] {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).map(|t| vec![t]).unwrap_or_default(),
    };
    let mut matter = FrontMatter {
        title: field(&["title"]),
        speaker: field(&["author", "speaker"]),
        date_line: date.as_ref().and_then(|&(_, key)| key_line(yaml, key)),
        date: date.map(|(date, _)| date),
        category: field(&["category", "section"]),
        tags,
        url: field(&["url", "link", "source"]),
        cleaned: Report::default(),
    };
    let mut cleaned = Report::default();
    let fields: [&mut Option<String>; 5] = [
        &mut matter.title,
        &mut matter.speaker,
        &mut matter.date,
        &mut matter.category,
        &mut matter.url,
    ];
    for text in fields.into_iter().flatten().chain(&mut matter.tags) {
        let (shown, found) = sanitize(text);
        cleaned += found;
        if let Cow::Owned(line) = one_line(&shown) {
            *text = line;
        } else if let Cow::Owned(shown) = shown {
            *text = shown;
        }
    }
    matter.cleaned = cleaned;
    Ok(matter)
}

/// The 1-based line of the file on which the matter's field `key` starts, written plainly at
/// the start of a line (`date: …`); `None` when it is written another way (quoted, in a flow
/// mapping). The opening fence is line 1.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    let at = yaml.lines().position(|line| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
    })?;
    Some(at + 2)
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fill_the_article() {
        let text = "---\ntitle: 政府工作报告\nauthor: 李强\ndate: 2025-03-05\ncategory: 报告\ntags: [经济, 民生]\n---\n# 政府工作报告\n\n正文。\n";
        let found = split(text).expect("front matter");
        let matter = found.matter.expect("valid YAML");
        assert_eq!(matter.title.as_deref(), Some("政府工作报告"));
        assert_eq!(matter.speaker.as_deref(), Some("李强"));
        assert_eq!(matter.date.as_deref(), Some("2025-03-05"));
        assert_eq!(matter.category.as_deref(), Some("报告"));
        assert_eq!(matter.tags, ["经济", "民生"]);
        assert_eq!(found.lines_before, 7);
        assert!(found.body.starts_with("# 政府工作报告"));
    }

    #[test]
    fn broken_yaml_is_an_error_not_a_panic() {
        let found = split("---\ntitle: [unclosed\n---\nbody\n").expect("fenced");
        assert!(found.matter.is_err());
    }

    #[test]
    fn an_unclosed_fence_is_not_front_matter() {
        assert!(split("---\ntitle: x\nno closing fence\n").is_none());
    }

    /// The article and warnings of file `a.md` holding `text`.
    fn read_file(text: &str) -> (Article, Vec<String>) {
        let input = Input {
            name: "a.md",
            fallback_title: "a",
            repair: true,
        };
        let mut parsed = read(text, &input);
        let warnings = parsed.warnings.iter().map(ToString::to_string).collect();
        (parsed.articles.remove(0), warnings)
    }

    /// The date's text and its normalised form, or `-`.
    fn date(article: &Article) -> String {
        article
            .meta
            .date()
            .map_or_else(|| "-".to_owned(), |d| format!("{} {}", d.text(), d.shown()))
    }

    #[test]
    fn the_date_is_the_first_of_date_published_created_and_year() {
        let cases = [
            (
                "date: 2024-03-05\npublished: 2024-03-06\n",
                "2024-03-05 2024-03-05",
            ),
            (
                "published: 2024-03-06\ncreated: 2024-03-07\n",
                "2024-03-06 2024-03-06",
            ),
            ("created: 2024年3月\nyear: 2023\n", "2024年3月 2024-03"),
            ("year: 2023\n", "2023 2023"),
            (
                "published: \"2024-03-06T09:30:00+08:00\"\n",
                "2024-03-06T09:30:00+08:00 2024-03-06",
            ),
        ];
        for (fields, expected) in cases {
            let text = format!("---\ntitle: 题\n{fields}---\n\n正文。\n");
            let (article, warnings) = read_file(&text);
            assert_eq!(date(&article), expected, "{fields:?}");
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    #[test]
    fn a_date_that_cannot_be_read_is_kept_and_warned_of_on_its_line() {
        let text = "---\ntitle: 题\nauthor: 某人\ndate: sometime in spring\n---\n\n正文。\n";
        let (article, warnings) = read_file(text);
        assert_eq!(date(&article), "sometime in spring sometime in spring");
        assert_eq!(
            warnings,
            ["a.md:4: date \"sometime in spring\" could not be read; shown as written"]
        );
        let text = "---\ntitle: 题\npublished: 2023-02-30\n---\n\n正文。\n";
        let (article, warnings) = read_file(text);
        assert_eq!(
            article.meta.date().and_then(crate::corpus::Date::value),
            None
        );
        assert_eq!(
            warnings,
            ["a.md:3: date \"2023-02-30\" could not be read; shown as written"]
        );
    }

    #[test]
    fn an_unread_date_the_yaml_parser_reads_is_warned_of_on_its_line() {
        let text = "---\n# a comment\ntitle: 题\ndate: 'soon'   # later\n---\n\n正文。\n";
        let (_, warnings) = read_file(text);
        assert_eq!(
            warnings,
            ["a.md:4: date \"soon\" could not be read; shown as written"]
        );
    }

    #[test]
    fn without_a_date_field_the_title_or_first_paragraph_dates_the_article() {
        let (article, _) = read_file("---\ntitle: 1959年国务院政府工作报告\n---\n\n各位代表：\n");
        assert_eq!(date(&article), "1959年 1959");
        let (article, _) =
            read_file("---\ntitle: 政府工作报告\n---\n\n（2024年3月5日）\n\n各位代表：\n");
        assert_eq!(date(&article), "2024年3月5日 2024-03-05");
        let (article, _) =
            read_file("---\ntitle: 2025年政府工作报告\ndate: 不详\n---\n\n各位代表：\n");
        assert_eq!(
            date(&article),
            "不详 不详",
            "a date field wins, read or not"
        );
    }
}
