//! YAML front matter (`---` … `---` at the top of a Markdown file): the file is one article and
//! the matter fills its fields.
//!
//! The file was sanitised before it was parsed, but YAML escapes (`"\e[2J"`, `"\u202E"`) only
//! become characters now, so every field is sanitised again, and put on one line.

use std::borrow::Cow;

use yaml_rust2::{Yaml, YamlLoader};

use super::blocks::one_line;
use crate::text::sanitize::{Report, sanitize};

/// The fields front matter can set.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub speaker: Option<String>,
    pub date: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// Where the article was published: `url`, `link` or `source`.
    pub url: Option<String>,
    /// What sanitising the fields cleaned, for a warning.
    pub cleaned: Report,
}

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
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines_before = 2 + yaml.lines().count();
            return Some(Found {
                matter: parse(yaml),
                body,
                lines_before,
            });
        }
        offset += line.len();
    }
    None
}

fn parse(yaml: &str) -> Result<FrontMatter, String> {
    let documents = YamlLoader::load_from_str(yaml).map_err(|e| e.to_string())?;
    let Some(document) = documents.into_iter().next() else {
        return Ok(FrontMatter::default());
    };
    if !matches!(document, Yaml::Hash(_)) {
        return Err("front matter is not a list of `key: value` fields".to_owned());
    }
    let field = |keys: &[&str]| keys.iter().find_map(|k| scalar(&document[*k]));
    let tags = match &document["tags"] {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).map(|t| vec![t]).unwrap_or_default(),
    };
    let mut matter = FrontMatter {
        title: field(&["title"]),
        speaker: field(&["author", "speaker"]),
        date: field(&["date", "year"]),
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
}
