//! Citations and quotes: the text a lookup ends in.
//!
//! A citation is built from a small template so users can match their house style. The default
//! reads `郝鹏（辽宁省委书记、省人大常委会主任）：《以全面振兴新突破建设中国式现代化新辽宁》，speeches.txt:9`
//! and leaves out whatever the article lacks.
//!
//! # Template syntax
//! - `{field}` is replaced by the field's value: `speaker`, `role`, `title`, `section` (or
//!   `category`, the same value), `date`, `tags` (joined by `、`), `url`, `file`, `line` and
//!   `paragraph`. A missing field becomes nothing.
//! - `{line}` is the quoted paragraph's own source line, or the range of lines a selection spans
//!   (`47-52`). In JSON Lines, where a whole record is one line, it names the paragraph too:
//!   `1 ¶12`. `{paragraph}` is the paragraph's number in its article (`12`, or `12-14`).
//! - `[ … ]` is an optional group: it is written only when at least one field inside it (at any
//!   depth) has a value, so punctuation around a missing field disappears with it. Groups nest:
//!   `[{speaker}[（{role}）]：]` keeps `（role）：` when only the role is known.
//! - `{{`, `}}`, `[[` and `]]` write a literal brace or bracket.
//! - An unknown `{name}` is kept literally, so a typo shows in the output instead of vanishing;
//!   [`unknown_fields`] lists them for the config loader to report, and the rest of the template
//!   works as written. A `[` that is never closed, or a `]` never opened, is literal text.
//!
//! This module only formats strings: it never touches the clipboard or the terminal.

use std::ops::RangeInclusive;

use crate::corpus::{Article, Corpus, Date, Format};

/// The citation used when the config sets none.
pub const DEFAULT_TEMPLATE: &str = "[{speaker}[（{role}）]：]《{title}》，[{date}，]{file}:{line}";

/// The names a template may use inside `{…}`.
pub const FIELDS: [&str; 11] = [
    "speaker",
    "role",
    "title",
    "section",
    "category",
    "date",
    "tags",
    "url",
    "file",
    "line",
    "paragraph",
];

/// What a citation can name; `None` (or an empty string) means the article lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiteFields<'a> {
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The section or category (`{section}` and `{category}` both name it).
    pub section: Option<&'a str>,
    pub date: Option<&'a str>,
    pub tags: &'a [String],
    pub url: Option<&'a str>,
    /// The file as shown on screen (`speeches.txt`).
    pub file: Option<&'a str>,
    /// The 1-based source line the quote starts on.
    pub line: Option<usize>,
    /// The last source line of the quote, when it spans several.
    pub last_line: Option<usize>,
    /// The 1-based number of the first quoted paragraph in its article, and of the last.
    pub paragraph: Option<usize>,
    pub last_paragraph: Option<usize>,
    /// Lines do not tell paragraphs apart (a JSON Lines record is one line), so `{line}` names
    /// the paragraph as well.
    pub line_holds_paragraphs: bool,
}

impl<'a> CiteFields<'a> {
    /// The fields for `paragraph` (an index into `article.paragraphs`) of `article`. The line is
    /// the paragraph's first source line, or the article's first line when the index is past the
    /// end.
    pub fn for_paragraph(corpus: &'a Corpus, article: &'a Article, paragraph: usize) -> Self {
        Self::for_paragraphs(corpus, article, paragraph..=paragraph)
    }

    /// The fields for the paragraphs `quoted` (indices into `article.paragraphs`): the lines from
    /// the first one's first to the last one's last.
    pub fn for_paragraphs(
        corpus: &'a Corpus,
        article: &'a Article,
        quoted: RangeInclusive<usize>,
    ) -> Self {
        let (first, last) = (*quoted.start(), *quoted.end());
        let source = corpus.sources.get(article.source);
        let paragraphs = &article.paragraphs;
        let line = paragraphs
            .get(first)
            .map_or(article.lines.start, |p| p.lines.start);
        let last_line = paragraphs
            .get(last)
            .map(|p| p.lines.end.saturating_sub(1).max(p.lines.start));
        let known = |index: usize| (index < paragraphs.len()).then_some(index + 1);
        Self {
            speaker: article.meta.speaker(),
            role: article.meta.role(),
            title: (!article.title.is_empty()).then_some(article.title.as_str()),
            section: article.meta.section(),
            date: article.meta.date().map(Date::text),
            tags: article.meta.tags(),
            url: article.meta.url(),
            file: source.map(|s| s.name.as_str()),
            line: Some(line),
            last_line,
            paragraph: known(first),
            last_paragraph: known(last),
            line_holds_paragraphs: source.is_some_and(|s| s.format == Format::JsonLines),
        }
    }

    fn value(&self, name: &str) -> Lookup {
        let text = |v: Option<&str>| v.filter(|s| !s.is_empty()).map(str::to_owned);
        let value = match name {
            "speaker" => text(self.speaker),
            "role" => text(self.role),
            "title" => text(self.title),
            "section" | "category" => text(self.section),
            "date" => text(self.date),
            "tags" => (!self.tags.is_empty()).then(|| self.tags.join("、")),
            "url" => text(self.url),
            "file" => text(self.file),
            "line" => self.line.map(|line| self.line_value(line)),
            "paragraph" => self.paragraph.map(|first| span(first, self.last_paragraph)),
            _ => return Lookup::Unknown,
        };
        value.map_or(Lookup::Empty, Lookup::Value)
    }

    /// `47`, `47-52`, or in JSON Lines `1 ¶12` and `1 ¶12-14`.
    fn line_value(&self, line: usize) -> String {
        match self.paragraph {
            Some(first) if self.line_holds_paragraphs => {
                format!("{line} ¶{}", span(first, self.last_paragraph))
            }
            _ => span(line, self.last_line),
        }
    }
}

/// `first`, or `first-last` when `last` is further on.
fn span(first: usize, last: Option<usize>) -> String {
    match last {
        Some(last) if last > first => format!("{first}-{last}"),
        _ => first.to_string(),
    }
}

/// Fills `template` (see the module docs for its syntax) with `fields`.
///
/// ```
/// use wenji_core::citation::{cite, CiteFields, DEFAULT_TEMPLATE};
/// let fields = CiteFields { title: Some("标题"), file: Some("a.txt"), line: Some(3), ..Default::default() };
/// assert_eq!(cite(DEFAULT_TEMPLATE, &fields), "《标题》，a.txt:3");
/// ```
pub fn cite(template: &str, fields: &CiteFields<'_>) -> String {
    let nodes = parse(template);
    let mut out = String::new();
    render(&nodes, fields, &mut out);
    out
}

/// The `{names}` in `template` that are not citation fields, in order of appearance, so a config
/// loader can say which one is misspelt.
pub fn unknown_fields(template: &str) -> Vec<String> {
    fn walk(nodes: &[Node], out: &mut Vec<String>) {
        for node in nodes {
            match node {
                Node::Field(name) if !FIELDS.contains(&name.as_str()) => out.push(name.clone()),
                Node::Group(inner) => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&parse(template), &mut out);
    out
}

/// Paragraphs joined by blank lines, then the citation (if any) on the line after the last one.
/// No trailing newline.
pub fn quote(paragraphs: &[&str], citation: Option<&str>) -> String {
    let mut out = paragraphs.join("\n\n");
    if let Some(citation) = citation.filter(|c| !c.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(citation);
    }
    out
}

/// A field's value in one citation.
enum Lookup {
    /// Not a citation field: written back literally.
    Unknown,
    /// A field the article lacks.
    Empty,
    Value(String),
}

#[derive(Debug, PartialEq, Eq)]
enum Node {
    Text(String),
    Field(String),
    Group(Vec<Node>),
}

fn parse(template: &str) -> Vec<Node> {
    // Stack of open groups; the bottom is the template itself.
    let mut stack: Vec<Vec<Node>> = vec![Vec::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        let doubled = matches!(c, '{' | '}' | '[' | ']') && chars.peek() == Some(&c);
        if doubled {
            chars.next();
            push_text(current(&mut stack), c);
            continue;
        }
        match c {
            '{' => {
                let rest: String = chars.clone().collect();
                match rest.find('}') {
                    Some(end) if is_name(&rest[..end]) => {
                        current(&mut stack).push(Node::Field(rest[..end].to_owned()));
                        for _ in 0..rest[..=end].chars().count() {
                            chars.next();
                        }
                    }
                    _ => push_text(current(&mut stack), c),
                }
            }
            '[' => stack.push(Vec::new()),
            ']' if stack.len() > 1 => {
                let group = stack.pop().unwrap_or_default();
                current(&mut stack).push(Node::Group(group));
            }
            _ => push_text(current(&mut stack), c),
        }
    }
    // Unclosed groups are literal text.
    while stack.len() > 1 {
        let group = stack.pop().unwrap_or_default();
        let parent = current(&mut stack);
        push_text(parent, '[');
        for node in group {
            match node {
                Node::Text(t) => t.chars().for_each(|c| push_text(parent, c)),
                other => parent.push(other),
            }
        }
    }
    stack.pop().unwrap_or_default()
}

fn current(stack: &mut Vec<Vec<Node>>) -> &mut Vec<Node> {
    if stack.is_empty() {
        stack.push(Vec::new());
    }
    let last = stack.len() - 1;
    &mut stack[last]
}

fn push_text(nodes: &mut Vec<Node>, c: char) {
    if let Some(Node::Text(text)) = nodes.last_mut() {
        text.push(c);
    } else {
        nodes.push(Node::Text(c.to_string()));
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether any known field inside `nodes` has a value.
fn has_value(nodes: &[Node], fields: &CiteFields<'_>) -> bool {
    nodes.iter().any(|node| match node {
        Node::Text(_) => false,
        // An unknown field counts as present so its literal `{name}` stays visible.
        Node::Field(name) => !matches!(fields.value(name), Lookup::Empty),
        Node::Group(inner) => has_value(inner, fields),
    })
}

fn render(nodes: &[Node], fields: &CiteFields<'_>, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Field(name) => match fields.value(name) {
                Lookup::Value(value) => out.push_str(&value),
                Lookup::Empty => {}
                Lookup::Unknown => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
            Node::Group(inner) if has_value(inner, fields) => render(inner, fields, out),
            Node::Group(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_brackets_and_braces_are_literal() {
        let fields = CiteFields {
            title: Some("T"),
            ..CiteFields::default()
        };
        assert_eq!(cite("[[{{title}}]] {title}", &fields), "[{title}] T");
    }

    #[test]
    fn unclosed_group_is_literal_text() {
        let fields = CiteFields {
            title: Some("T"),
            ..CiteFields::default()
        };
        assert_eq!(cite("[（{title}", &fields), "[（T");
        assert_eq!(cite("{title}]", &fields), "T]");
    }

    #[test]
    fn group_without_fields_is_never_written() {
        assert_eq!(cite("a[b]c", &CiteFields::default()), "ac");
    }
}
