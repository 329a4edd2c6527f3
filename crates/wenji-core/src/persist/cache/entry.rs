//! One file's entry: the [`Loaded`] that `corpus::read_file` gave for it, as bytes, and back.
//!
//! An entry holds the source (name, decoded text, encoding, format), its articles with their
//! metadata and paragraphs, and the warnings. A paragraph that is a piece of the source's text
//! ([`crate::corpus::piece`]: most body text is) is stored as its place, so the cache holds the
//! text about once, and a warm open makes it a piece again instead of copying it.
//!
//! Decoding checks as it goes that every string is UTF-8 and every place is inside the text at
//! character boundaries, then that every line range lies within the source's lines ([`check`],
//! which encoding applies too, so what could not be read back is never written). The path is
//! not stored: the directory finds the entry by it, and it is put back as it was given.

use std::path::Path;
use std::sync::Arc;

use super::bytes::{Bad, In, Out};
use crate::corpus::meta::MetaParts;
use crate::corpus::piece::Text;
use crate::corpus::{
    Article, FieldLines, Format, Loaded, Meta, Paragraph, ParagraphKind, Source, Warning,
};

/// The bytes of `loaded`'s entry; `None` when it is not worth keeping: nothing could be read
/// from the file (an error may not last), or its lines do not fit its text.
pub fn encode(loaded: &Loaded) -> Option<Vec<u8>> {
    check(loaded).ok()?;
    let source = loaded.source.as_ref()?;
    Some(write(source, loaded))
}

/// The bytes of an entry for `loaded`, whose source is `source`, checked or not.
pub(super) fn write(source: &Source, loaded: &Loaded) -> Vec<u8> {
    let mut out = Out::default();
    out.str(&source.name);
    out.str(&source.text);
    out.str(&source.encoding);
    out.u8(format_code(source.format));
    out.size(loaded.articles.len());
    for article in &loaded.articles {
        write_article(&mut out, article, &source.text);
    }
    out.size(loaded.warnings.len());
    for warning in &loaded.warnings {
        out.str(&warning.source);
        out.optional_size(warning.line);
        out.str(&warning.message);
    }
    out.bytes
}

/// The source's text an entry holds, read from `bytes` without decoding the rest.
pub fn text(bytes: &[u8]) -> Result<&str, Bad> {
    let mut read = In::new(bytes);
    read.str("the source's name")?;
    read.str("the source's text")
}

/// The [`Loaded`] an entry holds, its source at `path`.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Loaded, Bad> {
    let mut read = In::new(bytes);
    let name = read.string("the source's name")?;
    let text: std::sync::Arc<str> = read.str("the source's text")?.into();
    let encoding = read.string("the source's encoding")?;
    let format = format_of(read.u8("the source's format")?)?;
    let count = read.count(MIN_ARTICLE, "the number of articles")?;
    let mut articles = Vec::with_capacity(count);
    for _ in 0..count {
        articles.push(read_article(&mut read, &text)?);
    }
    let count = read.count(MIN_WARNING, "the number of warnings")?;
    let mut warnings = Vec::with_capacity(count);
    for _ in 0..count {
        warnings.push(Warning {
            source: read.string("a warning's source")?,
            line: read.optional_size("a warning's line")?,
            message: read.string("a warning's message")?,
        });
    }
    read.end("the end of an entry")?;
    let loaded = Loaded {
        source: Some(Source {
            path: Some(path.to_path_buf()),
            name,
            text,
            encoding,
            format,
        }),
        articles,
        warnings,
    };
    check(&loaded)?;
    Ok(loaded)
}

/// Fails unless every line range of `loaded` lies within its source's lines and every article
/// is of source 0, as `read_file` gives them: what the reading pane and citations index by.
pub fn check(loaded: &Loaded) -> Result<(), Bad> {
    let Some(source) = &loaded.source else {
        return Err(Bad("an entry without a source"));
    };
    // Lines are 1-based and end-exclusive; a text of n line ends has n + 1 lines.
    let past_last = memchr::memchr_iter(b'\n', source.text.as_bytes()).count() + 2;
    let range_fits = |lines: &std::ops::Range<usize>| {
        lines.start >= 1 && lines.start <= lines.end && lines.end <= past_last
    };
    let line_fits = |line: Option<usize>| line.is_none_or(|line| line >= 1 && line < past_last);
    for article in &loaded.articles {
        let fields = article.meta.lines();
        let fits = article.source == 0
            && range_fits(&article.lines)
            && [fields.section, fields.byline, fields.credit]
                .into_iter()
                .all(line_fits)
            && article.paragraphs.iter().all(|p| range_fits(&p.lines));
        if !fits {
            return Err(Bad("lines outside the source"));
        }
    }
    Ok(())
}

/// The fewest bytes an article takes: its title's length, two line numbers, three field lines,
/// six flags, and the counts of tags and paragraphs.
const MIN_ARTICLE: usize = 8 * 8 + 6;
/// The fewest bytes a paragraph takes: a tag, a length, two line numbers, a kind.
const MIN_PARAGRAPH: usize = 1 + 3 * 8 + 1;
/// The fewest bytes a warning takes: two lengths and a line.
const MIN_WARNING: usize = 3 * 8;

fn write_article(out: &mut Out, article: &Article, source: &Arc<str>) {
    out.str(&article.title);
    let meta = &article.meta;
    out.optional_str(meta.date().map(crate::corpus::Date::text));
    for field in [
        meta.speaker(),
        meta.role(),
        meta.section(),
        meta.credit(),
        meta.url(),
    ] {
        out.optional_str(field);
    }
    out.size(meta.tags().len());
    for tag in meta.tags() {
        out.str(tag);
    }
    let fields = meta.lines();
    for line in [fields.section, fields.byline, fields.credit] {
        out.optional_size(line);
    }
    out.size(article.lines.start);
    out.size(article.lines.end);
    out.size(article.paragraphs.len());
    for paragraph in &article.paragraphs {
        // Loading made a piece of each paragraph that stands in the source as it is.
        if let Some(at) = paragraph.text.place_in(source) {
            out.u8(IN_SOURCE);
            out.size(at);
            out.size(paragraph.text.len());
        } else {
            out.u8(OWN_TEXT);
            out.str(&paragraph.text);
        }
        out.size(paragraph.lines.start);
        out.size(paragraph.lines.end);
        out.u8(kind_code(paragraph.kind));
    }
}

fn read_article(read: &mut In<'_>, text: &Arc<str>) -> Result<Article, Bad> {
    let title = read.string("a title")?;
    let date = read.optional_string("a date")?;
    let speaker = read.optional_string("a speaker")?;
    let role = read.optional_string("a role")?;
    let section = read.optional_string("a section")?;
    let credit = read.optional_string("a credit")?;
    let url = read.optional_string("a url")?;
    let count = read.count(8, "the number of tags")?;
    let mut tags = Vec::with_capacity(count);
    for _ in 0..count {
        tags.push(read.string("a tag")?);
    }
    let lines = FieldLines {
        section: read.optional_size("a section's line")?,
        byline: read.optional_size("a byline's line")?,
        credit: read.optional_size("a credit's line")?,
    };
    let meta = Meta::from_parts(MetaParts {
        date,
        speaker,
        role,
        section,
        credit,
        tags,
        url,
        lines,
    });
    let article_lines = read.size("an article's lines")?..read.size("an article's lines")?;
    let count = read.count(MIN_PARAGRAPH, "the number of paragraphs")?;
    let mut paragraphs = Vec::with_capacity(count);
    for _ in 0..count {
        let text = match read.u8("a paragraph")? {
            IN_SOURCE => {
                let at = read.size("a paragraph's place")?;
                let len = read.size("a paragraph's length")?;
                let end = at.checked_add(len).ok_or(Bad("a paragraph's length"))?;
                Text::piece(text, at..end).ok_or(Bad("a paragraph outside the text"))?
            }
            OWN_TEXT => read.string("a paragraph")?.into(),
            _ => return Err(Bad("a paragraph")),
        };
        paragraphs.push(Paragraph {
            text,
            lines: read.size("a paragraph's lines")?..read.size("a paragraph's lines")?,
            kind: kind_of(read.u8("a paragraph's kind")?)?,
        });
    }
    Ok(Article {
        source: 0,
        title,
        meta,
        paragraphs,
        lines: article_lines,
    })
}

/// A paragraph stored as the place of its text in the source.
const IN_SOURCE: u8 = 0;
/// A paragraph stored with its own text (repaired, joined, or taken out of markup).
const OWN_TEXT: u8 = 1;

fn format_code(format: Format) -> u8 {
    match format {
        Format::Text => 0,
        Format::Markdown => 1,
        Format::FrontMatter => 2,
        Format::JsonLines => 3,
    }
}

fn format_of(code: u8) -> Result<Format, Bad> {
    Ok(match code {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::FrontMatter,
        3 => Format::JsonLines,
        _ => return Err(Bad("the source's format")),
    })
}

fn kind_code(kind: ParagraphKind) -> u8 {
    match kind {
        ParagraphKind::Body => 0,
        ParagraphKind::Heading => 1,
        ParagraphKind::Continuation => 2,
        ParagraphKind::Caption => 3,
        ParagraphKind::ListItem => 4,
    }
}

fn kind_of(code: u8) -> Result<ParagraphKind, Bad> {
    Ok(match code {
        0 => ParagraphKind::Body,
        1 => ParagraphKind::Heading,
        2 => ParagraphKind::Continuation,
        3 => ParagraphKind::Caption,
        4 => ParagraphKind::ListItem,
        _ => return Err(Bad("a paragraph's kind")),
    })
}
