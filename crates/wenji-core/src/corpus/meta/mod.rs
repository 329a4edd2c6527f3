//! An article's metadata: what is known about it besides its title and text — when it was given
//! (a [`Date`]), by whom and in what role, under which section, the editor's credit, its tags,
//! where it was published, and the source lines of the fields that have lines of their own.
//!
//! Every reader of the corpus (the list, citations, `--json`, search) asks [`Meta`] through its
//! accessors, so a field is read the same way everywhere, whatever format it came from. Every
//! text is sanitised and on one line once the article has joined the corpus (`fields`).

mod date;

pub use date::{Date, DateValue, Precision};

/// The metadata of one article; each field `None` (or empty) when the source did not give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    date: Option<Date>,
    speaker: Option<String>,
    role: Option<String>,
    section: Option<String>,
    credit: Option<String>,
    tags: Vec<String>,
    url: Option<String>,
    lines: FieldLines,
}

/// [`Meta`]'s fields one by one, for the load cache (`persist::cache`), which stores an article
/// as loading built it; the date is its text.
#[derive(Debug, Default)]
pub(crate) struct MetaParts {
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub section: Option<String>,
    pub credit: Option<String>,
    pub tags: Vec<String>,
    pub url: Option<String>,
    pub lines: FieldLines,
}

/// The 1-based source lines of an article's texts other than its title and paragraphs; `None`
/// where the text has no line of its own (front matter, JSON Lines) or is absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldLines {
    pub section: Option<usize>,
    pub byline: Option<usize>,
    pub credit: Option<usize>,
}

impl Meta {
    /// When the article was given or published, as written and as far as it could be read.
    pub fn date(&self) -> Option<&Date> {
        self.date.as_ref()
    }

    /// Who gave the speech or wrote the article (a byline, or front matter's `author`).
    pub fn speaker(&self) -> Option<&str> {
        self.speaker.as_deref()
    }

    /// The speaker's office, from a byline (`李强 国务院总理`).
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }

    /// The section heading (or category) the article sits under (`# 新声无限`).
    pub fn section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// Editor credit such as `新华社记者曹智、李铮整理`, without its brackets.
    pub fn credit(&self) -> Option<&str> {
        self.credit.as_deref()
    }

    /// Tags from front matter.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Where the article was published (front matter or JSON `url`, `link` or `source`).
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Where the section heading, byline and credit are, when they have lines of their own.
    pub fn lines(&self) -> FieldLines {
        self.lines
    }

    /// Sets the date from its text, reading what it can of it.
    pub fn set_date(&mut self, text: Option<String>) {
        self.date = text.map(Date::new);
    }

    /// Dates the article by its own text when its source gave no date: a first paragraph or a
    /// title that is a date alone, or else a date leading the title (`2025年政府工作报告`).
    /// A date already set, readable or not, is left as it is: a source's field always wins.
    pub(in crate::corpus) fn date_from_text(&mut self, title: &str, first: Option<&str>) {
        if self.date.is_none() {
            self.date = date::found::in_text(title, first);
        }
    }

    pub fn set_speaker(&mut self, speaker: Option<String>) {
        self.speaker = speaker;
    }

    /// Sets the section and the line of its heading (`None` when it has none, as in front matter).
    pub fn set_section(&mut self, section: Option<String>, line: Option<usize>) {
        self.section = section;
        self.lines.section = line;
    }

    /// Sets the credit and the line it is on.
    pub fn set_credit(&mut self, credit: Option<String>, line: Option<usize>) {
        self.credit = credit;
        self.lines.credit = line;
    }

    pub fn set_tags(&mut self, tags: Vec<String>) {
        self.tags = tags;
    }

    pub fn set_url(&mut self, url: Option<String>) {
        self.url = url;
    }

    /// Sets the speaker and role of a byline, and the line it is on.
    pub fn set_byline(&mut self, speaker: String, role: String, line: usize) {
        self.speaker = Some(speaker);
        self.role = Some(role);
        self.lines.byline = Some(line);
    }

    /// Metadata from its fields as the load cache stored them, the date read again from its
    /// text: what the parser had built, field for field.
    pub(crate) fn from_parts(parts: MetaParts) -> Self {
        Self {
            date: parts.date.map(Date::new),
            speaker: parts.speaker,
            role: parts.role,
            section: parts.section,
            credit: parts.credit,
            tags: parts.tags,
            url: parts.url,
            lines: parts.lines,
        }
    }

    /// Rewrites every text field with `rewrite` (the date read again from its new text): how
    /// `fields` puts each on one sanitised line.
    pub(in crate::corpus) fn rewrite_texts(&mut self, mut rewrite: impl FnMut(String) -> String) {
        let optional = [
            &mut self.speaker,
            &mut self.role,
            &mut self.section,
            &mut self.credit,
            &mut self.url,
        ];
        for field in optional.into_iter().flatten().chain(&mut self.tags) {
            *field = rewrite(std::mem::take(field));
        }
        if let Some(date) = self.date.take() {
            self.date = Some(Date::new(rewrite(date.into_text())));
        }
    }
}
