//! One file's entry: the [`Loaded`] that `corpus::read_file` gave for it, as bytes, and back.
//!
//! ```text
//! entry := head body
//! head  := name encoding format text-length line-count article* warning* checksum(body)
//!          (article: title, metadata, lines, fingerprint, paragraphs, characters, copy key)
//! body  := text paragraph*   (every article's paragraphs, in order)
//! ```
//! The head is what a warm open needs: the list's titles and metadata, and each article's
//! [`fingerprint`] for the engine's stored index. The body (the file's text, most of an entry)
//! is read back only when something looks at it ([`crate::corpus::kept`]); the cache file keeps
//! the two apart, the heads together (`file`). A paragraph that is
//! a piece of the source's text ([`crate::corpus::piece`]: most body text is) is stored as its
//! place, so the cache holds the text about once, and reading it back makes it a piece again
//! instead of copying it.
//!
//! Decoding checks as it goes that every string is UTF-8 and every place is inside the text at
//! character boundaries, that every line range lies within the source's lines (the head's
//! against the line count it states, which the body must then have), and that the body holds
//! as many paragraphs as the heads say. Encoding runs the same checks, so what could not be
//! read back is never written. The path is not stored: the directory finds the entry by it,
//! and it is put back as it was given.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::bytes::{Bad, In, Out};
use crate::corpus::copies::Sums;
use crate::corpus::kept::{Kept, Restored, fingerprint};
use crate::corpus::meta::MetaParts;
use crate::corpus::piece::Text;
use crate::corpus::{
    Article, FieldLines, Format, Loaded, Meta, Paragraph, ParagraphKind, Paragraphs, Source,
    SourceText, Warning,
};

/// An entry's bytes, where its head ends, what its body holds, and each article's
/// fingerprint and sums, as the head says.
pub struct Encoding {
    pub bytes: Vec<u8>,
    pub head: usize,
    pub shape: Shape,
    pub articles: Vec<(u64, Sums)>,
}

/// The entry for `loaded`; `None` when it is not worth keeping: nothing could be read from the
/// file (an error may not last), or its lines do not fit its text.
pub fn encode(loaded: &Loaded) -> Option<Encoding> {
    check(loaded).ok()?;
    let source = loaded.source.as_ref()?;
    Some(write(source, loaded))
}

/// The entry for `loaded`, whose source is `source`, checked or not.
pub(super) fn write(source: &Source, loaded: &Loaded) -> Encoding {
    let text = source.text.shared();
    let mut body = Out::default();
    body.str(text);
    let mut articles = Vec::with_capacity(loaded.articles.len());
    for article in &loaded.articles {
        for paragraph in &article.paragraphs {
            write_paragraph(&mut body, paragraph, text);
        }
    }
    let mut out = Out::default();
    out.str(&source.name);
    out.str(&source.encoding);
    out.u8(format_code(source.format));
    out.size(text.len());
    let lines = line_count(text);
    out.size(lines);
    out.size(loaded.articles.len());
    for article in &loaded.articles {
        articles.push(write_head(&mut out, article));
    }
    out.size(loaded.warnings.len());
    for warning in &loaded.warnings {
        out.str(&warning.source);
        out.optional_size(warning.line);
        out.str(&warning.message);
    }
    let checksum = xxh3_64(&body.bytes);
    out.u64(checksum);
    let head = out.bytes.len();
    out.bytes.append(&mut body.bytes);
    let shape = Shape {
        text_len: text.len(),
        lines,
        paragraphs: loaded.articles.iter().map(|a| a.paragraphs.len()).collect(),
        checksum,
    };
    Encoding {
        bytes: out.bytes,
        head,
        shape,
        articles,
    }
}

/// The source's text a body holds, read without decoding the rest.
fn text(body: &[u8]) -> Result<&str, Bad> {
    In::new(body).str("the source's text")
}

/// The bytes of [`text`], not checked as UTF-8.
pub fn text_bytes(body: &[u8]) -> Result<&[u8], Bad> {
    In::new(body).bytes("the source's text")
}

/// Whether `body` passes the checksum that `head` (checked, but not yet read) ends with.
pub fn body_sound(head: &[u8], body: &[u8]) -> bool {
    let Some(at) = head.len().checked_sub(8) else {
        return false;
    };
    In::new(&head[at..]).u64("the body's checksum").ok() == Some(xxh3_64(body))
}

/// What an entry's head says, its body not yet read.
pub struct Head {
    /// The source and articles, without text or paragraphs.
    loaded: Loaded,
    /// Each article's [`fingerprint`] and sums of its body, as they were when the entry was
    /// written.
    fingerprints: Vec<(u64, Sums)>,
    shape: Shape,
}

/// What the body must hold for the head it came with.
#[derive(Debug, Clone)]
pub struct Shape {
    text_len: usize,
    lines: usize,
    /// Each article's number of paragraphs.
    paragraphs: Vec<usize>,
    checksum: u64,
}

impl Shape {
    /// The text's length in bytes.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// Each article's number of paragraphs.
    pub fn counts(&self) -> impl Iterator<Item = usize> + '_ {
        self.paragraphs.iter().copied()
    }
}

impl Head {
    /// The entry's [`Loaded`], the body read from `body` now (already checked against its
    /// checksum, or not): text and paragraphs here.
    pub fn with_checked_body(self, body: &[u8], checksum: Checksum) -> Result<Loaded, Bad> {
        let Restored { text, bodies } = read_walked(&self.shape, body, checksum)?;
        let mut loaded = self.loaded;
        for (article, paragraphs) in loaded.articles.iter_mut().zip(bodies) {
            article.paragraphs = paragraphs.into();
        }
        if let Some(source) = loaded.source.as_mut() {
            source.text = text.into();
        }
        Ok(loaded)
    }

    /// The entry's [`Loaded`], its text and paragraphs kept by `kept` until looked at;
    /// `kept` is given what they must be.
    pub fn with_kept(self, kept: impl FnOnce(Shape) -> Arc<Kept>) -> Loaded {
        let mut loaded = self.loaded;
        let counts = self.shape.paragraphs.clone();
        let kept = kept(self.shape);
        let heads = loaded
            .articles
            .iter_mut()
            .zip(counts)
            .zip(self.fingerprints);
        for (at, ((article, count), (fingerprint, sums))) in heads.enumerate() {
            let kept = Arc::clone(&kept);
            article.paragraphs = Paragraphs::kept(kept, at, count, fingerprint, sums);
        }
        if let Some(source) = loaded.source.as_mut() {
            source.text = SourceText::kept(kept);
        }
        loaded
    }
}

/// Reads an entry's head, its source at `path`: all of `head`, which must be the head's bytes.
pub fn read_head(head: &[u8], path: &Path) -> Result<Head, Bad> {
    let mut read = In::new(head);
    let name = read.string("the source's name")?;
    let encoding = read.string("the source's encoding")?;
    let format = format_of(read.u8("the source's format")?)?;
    let text_len = read.size("the text's length")?;
    let lines = read.size("the text's lines")?;
    let count = read.count(MIN_ARTICLE, "the number of articles")?;
    let mut articles = Vec::with_capacity(count);
    let mut fingerprints = Vec::with_capacity(count);
    let mut paragraphs = Vec::with_capacity(count);
    for _ in 0..count {
        let (article, fingerprint, count) = read_article_head(&mut read)?;
        articles.push(article);
        fingerprints.push(fingerprint);
        paragraphs.push(count);
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
    let checksum = read.u64("the body's checksum")?;
    read.end("the end of a head")?;
    let loaded = Loaded {
        source: Some(Source {
            path: Some(path.to_path_buf()),
            name,
            text: SourceText::from(""),
            encoding,
            format,
        }),
        articles,
        warnings,
    };
    check_lines(&loaded, lines + 1)?;
    Ok(Head {
        loaded,
        fingerprints,
        shape: Shape {
            text_len,
            lines,
            paragraphs,
            checksum,
        },
    })
}

/// Whether a body's checksum is still to be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    Check,
    /// Checked already, against the head it came with.
    Passed,
}

/// Reads back what `shape` says a body holds.
pub fn read_body(shape: &Shape, body: &[u8]) -> Result<Restored, Bad> {
    read_walked(shape, body, Checksum::Check)
}

fn read_walked(shape: &Shape, body: &[u8], checksum: Checksum) -> Result<Restored, Bad> {
    let mut bodies: Vec<Vec<Paragraph>> = Vec::with_capacity(shape.paragraphs.len());
    let mut text: Option<Arc<str>> = None;
    walk_body(shape, body, checksum, |article, source, record| {
        let source = text.get_or_insert_with(|| source.into());
        let paragraph = Paragraph {
            text: match record.text {
                RecordText::Place(range) => {
                    Text::piece(source, range).ok_or(Bad("a paragraph outside the text"))?
                }
                RecordText::Own(own) => own.into(),
            },
            lines: record.lines,
            kind: record.kind,
        };
        if bodies.len() <= article {
            bodies.resize_with(article + 1, Vec::new);
        }
        bodies[article].push(paragraph);
        Ok(())
    })?;
    let text = match text {
        Some(text) => text,
        None => self::text(body)?.into(),
    };
    bodies.resize_with(shape.paragraphs.len(), Vec::new);
    Ok(Restored { text, bodies })
}

/// A paragraph as a body holds it.
struct Record<'a> {
    text: RecordText<'a>,
    lines: Range<usize>,
    kind: ParagraphKind,
}

enum RecordText<'a> {
    /// A stretch of the source's text, not yet checked against it.
    Place(Range<usize>),
    Own(&'a str),
}

/// Checks `body` against its checksum (unless it has passed it) and `shape`, and gives `each` every paragraph in turn,
/// with its article's number and the source's text; every paragraph's lines are checked to lie
/// within the text.
fn walk_body<'a>(
    shape: &Shape,
    body: &'a [u8],
    checksum: Checksum,
    mut each: impl FnMut(usize, &'a str, Record<'a>) -> Result<(), Bad>,
) -> Result<(), Bad> {
    if checksum == Checksum::Check && xxh3_64(body) != shape.checksum {
        return Err(Bad("the body fails its checksum"));
    }
    let mut read = In::new(body);
    let text = read.str("the source's text")?;
    if text.len() != shape.text_len || line_count(text) != shape.lines {
        return Err(Bad("the text is not the one its head describes"));
    }
    let past_last = shape.lines + 2;
    for (article, &count) in shape.paragraphs.iter().enumerate() {
        for _ in 0..count {
            let record = read_record(&mut read)?;
            if !fits(&record.lines, past_last) {
                return Err(Bad("lines outside the source"));
            }
            each(article, text, record)?;
        }
    }
    read.end("the end of a body")
}

/// The lines of `text`: its line feeds.
fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// Whether 1-based, end-exclusive `lines` lie within a text whose last line is before
/// `past_last`.
fn fits(lines: &Range<usize>, past_last: usize) -> bool {
    lines.start >= 1 && lines.start <= lines.end && lines.end <= past_last
}

/// Fails unless every line range of `loaded` lies within its source's lines and every article
/// is of source 0, as `read_file` gives them: what the reading pane and citations index by.
pub fn check(loaded: &Loaded) -> Result<(), Bad> {
    let Some(source) = &loaded.source else {
        return Err(Bad("an entry without a source"));
    };
    // Lines are 1-based and end-exclusive; a text of n line ends has n + 1 lines.
    let past_last = line_count(source.text.shared()) + 2;
    check_lines(loaded, past_last - 1)?;
    let inside = loaded
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter())
        .all(|p| fits(&p.lines, past_last));
    if inside {
        Ok(())
    } else {
        Err(Bad("lines outside the source"))
    }
}

/// Fails unless every article of `loaded` is of source 0 and its lines and its fields' lie
/// within a text of `lines` lines.
fn check_lines(loaded: &Loaded, lines: usize) -> Result<(), Bad> {
    let past_last = lines + 1;
    let line_fits = |line: Option<usize>| line.is_none_or(|line| line >= 1 && line < past_last);
    for article in &loaded.articles {
        let fields = article.meta.lines();
        let inside = article.source == 0
            && fits(&article.lines, past_last)
            && [fields.section, fields.byline, fields.credit]
                .into_iter()
                .all(line_fits);
        if !inside {
            return Err(Bad("lines outside the source"));
        }
    }
    Ok(())
}

/// The fewest bytes an article's head takes: its title's length, six flags, the number of
/// tags, three field lines, two line numbers, a fingerprint, the number of paragraphs and of
/// characters, and a copy key.
const MIN_ARTICLE: usize = 8 + 6 + 8 + 3 * 8 + 2 * 8 + 8 + 8 + 8 + 8;
/// The fewest bytes a warning takes: two lengths and a line.
const MIN_WARNING: usize = 3 * 8;

/// Writes `article`'s head; its fingerprint and sums, as written.
fn write_head(out: &mut Out, article: &Article) -> (u64, Sums) {
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
    let (fingerprint, sums) = (fingerprint(article), article.paragraphs.sums());
    out.u64(fingerprint);
    out.size(article.paragraphs.len());
    out.size(sums.chars);
    out.u64(sums.copy);
    (fingerprint, sums)
}

fn write_paragraph(out: &mut Out, paragraph: &Paragraph, source: &Arc<str>) {
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

/// An article's head: the article without paragraphs, its fingerprint and characters of body
/// text, and how many paragraphs it has.
fn read_article_head(read: &mut In<'_>) -> Result<(Article, (u64, Sums), usize), Bad> {
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
    let fingerprint = read.u64("an article's fingerprint")?;
    let paragraphs = read.size("the number of paragraphs")?;
    let chars = read.size("an article's characters")?;
    let copy = read.u64("an article's copy key")?;
    let article = Article {
        source: 0,
        title,
        meta,
        paragraphs: Paragraphs::default(),
        lines: article_lines,
    };
    Ok((article, (fingerprint, Sums { chars, copy }), paragraphs))
}

fn read_record<'a>(read: &mut In<'a>) -> Result<Record<'a>, Bad> {
    let text = match read.u8("a paragraph")? {
        IN_SOURCE => {
            let at = read.size("a paragraph's place")?;
            let len = read.size("a paragraph's length")?;
            let end = at.checked_add(len).ok_or(Bad("a paragraph's length"))?;
            RecordText::Place(at..end)
        }
        OWN_TEXT => RecordText::Own(read.str("a paragraph")?),
        _ => return Err(Bad("a paragraph")),
    };
    Ok(Record {
        text,
        lines: read.size("a paragraph's lines")?..read.size("a paragraph's lines")?,
        kind: kind_of(read.u8("a paragraph's kind")?)?,
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
