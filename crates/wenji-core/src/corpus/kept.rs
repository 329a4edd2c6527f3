//! A file's text and its articles' paragraphs, here or kept in the load cache until read.
//!
//! A warm open of a large archive needs titles and metadata for the list, and the search index
//! (kept by the engine beside the cache); the text of an article is needed only once it is
//! read. So an entry taken from the load cache brings its articles' heads, and leaves the file's
//! text and paragraphs where they are ([`Kept`]): the first look at either reads them back, all
//! of one file at once, and keeps them. Whoever reads a [`SourceText`] or [`Paragraphs`] sees a
//! `str` or a `Vec` either way.
//!
//! A cold load does the same once it has written a file's entry to the new cache file: the
//! text and paragraphs are held until the search index has folded them, then let go of
//! ([`crate::corpus::Growth::let_go`]), so a corpus is never held whole in memory.
//!
//! What reads them back ([`Restore`]) is the cache's to give: the corpus knows nothing of its
//! format. Reading back cannot fail from the reader's side: a restorer that finds its bytes
//! damaged reads the file again instead, and at worst gives nothing.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

use xxhash_rust::xxh3::Xxh3;

use super::copies::{self, Sums, copy_key};
use super::model::{Article, Paragraph, ParagraphKind};

/// Reads back what a [`Kept`] holds.
pub trait Restore: Send + Sync {
    /// The file's text, and each article's paragraphs as pieces of it where they stand in it.
    fn restore(&self) -> Restored;
}

/// A file's text and its articles' paragraphs, read back.
#[derive(Debug, Default)]
pub struct Restored {
    pub text: Arc<str>,
    pub bodies: Vec<Vec<Paragraph>>,
}

/// One file's text and paragraphs, read back the first time either is looked at.
pub struct Kept {
    from: Box<dyn Restore>,
    /// The text's length in bytes, known without reading it back.
    len: usize,
    restored: OnceLock<Restored>,
}

impl Kept {
    /// What `from` reads back, whose text is `len` bytes long.
    pub fn new(from: Box<dyn Restore>, len: usize) -> Arc<Self> {
        Arc::new(Self {
            from,
            len,
            restored: OnceLock::new(),
        })
    }

    fn restored(&self) -> &Restored {
        self.restored.get_or_init(|| self.from.restore())
    }

    /// Whether it has been read back.
    pub fn is_restored(&self) -> bool {
        self.restored.get().is_some()
    }
}

impl fmt::Debug for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kept({} bytes", self.len)?;
        f.write_str(if self.is_restored() { ", read)" } else { ")" })
    }
}

/// A source's decoded text: here, or kept until read.
#[derive(Clone)]
pub struct SourceText(TextRepr);

#[derive(Clone)]
enum TextRepr {
    /// Here, and kept in `later` once [`SourceText::let_go`] is called, if that is set.
    Here(Arc<str>, Option<Arc<Kept>>),
    Kept(Arc<Kept>),
}

impl SourceText {
    /// The text kept in `kept`.
    pub fn kept(kept: Arc<Kept>) -> Self {
        Self(TextRepr::Kept(kept))
    }

    /// The text as the string paragraphs are pieces of (read back if kept).
    pub fn shared(&self) -> &Arc<str> {
        match &self.0 {
            TextRepr::Here(text, _) => text,
            TextRepr::Kept(kept) => &kept.restored().text,
        }
    }

    /// Its length in bytes, without reading it back.
    pub fn len(&self) -> usize {
        match &self.0 {
            TextRepr::Here(text, _) => text.len(),
            TextRepr::Kept(kept) => kept.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Keeps the text in `kept` from [`SourceText::let_go`] on.
    pub fn keep_later(&mut self, kept: Arc<Kept>) {
        if let TextRepr::Here(_, later) = &mut self.0 {
            *later = Some(kept);
        }
    }

    /// Lets the text go to where [`SourceText::keep_later`] said it is kept, if it said.
    pub fn let_go(&mut self) {
        if let TextRepr::Here(_, later) = &mut self.0
            && let Some(kept) = later.take()
        {
            self.0 = TextRepr::Kept(kept);
        }
    }
}

impl Deref for SourceText {
    type Target = str;

    fn deref(&self) -> &str {
        self.shared()
    }
}

impl From<Arc<str>> for SourceText {
    fn from(text: Arc<str>) -> Self {
        Self(TextRepr::Here(text, None))
    }
}

impl From<String> for SourceText {
    fn from(text: String) -> Self {
        Self(TextRepr::Here(text.into(), None))
    }
}

impl From<&str> for SourceText {
    fn from(text: &str) -> Self {
        Self(TextRepr::Here(text.into(), None))
    }
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for SourceText {}

impl fmt::Debug for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            TextRepr::Here(text, _) => fmt::Debug::fmt(&**text, f),
            TextRepr::Kept(kept) => fmt::Debug::fmt(kept, f),
        }
    }
}

/// An article's paragraphs: here, or kept with its file's text until read.
#[derive(Clone)]
pub struct Paragraphs(BodyRepr);

#[derive(Clone)]
enum BodyRepr {
    /// Here, with their [`copy_key`] once reckoned, and kept as `later` says once
    /// [`Paragraphs::let_go`] is called, if that is set.
    Here(Vec<Paragraph>, OnceLock<u64>, Option<Box<BodyRepr>>),
    Kept {
        kept: Arc<Kept>,
        /// Which of the file's articles.
        article: usize,
        /// How many paragraphs the article has.
        count: usize,
        /// What the article had when it was kept: its [`fingerprint`], and its characters of
        /// body text and copy key.
        fingerprint: u64,
        sums: Sums,
    },
}

/// What a kept article whose paragraphs cannot be read back has.
static NONE: Vec<Paragraph> = Vec::new();

impl Paragraphs {
    /// Article number `article` of the file `kept` holds, which has `count` paragraphs and
    /// had `fingerprint` and `sums` when it was kept.
    pub fn kept(
        kept: Arc<Kept>,
        article: usize,
        count: usize,
        fingerprint: u64,
        sums: Sums,
    ) -> Self {
        Self(BodyRepr::Kept {
            kept,
            article,
            count,
            fingerprint,
            sums,
        })
    }

    /// The body's characters and copy key, without reading kept paragraphs back.
    pub fn sums(&self) -> Sums {
        match &self.0 {
            BodyRepr::Here(..) => Sums {
                chars: self.chars(),
                copy: self.copy_key(),
            },
            BodyRepr::Kept { sums, .. } => *sums,
        }
    }

    /// Characters of body text, without reading kept paragraphs back.
    pub fn chars(&self) -> usize {
        match &self.0 {
            BodyRepr::Here(paragraphs, ..) => copies::chars(paragraphs),
            BodyRepr::Kept { sums, .. } => sums.chars,
        }
    }

    /// Whether the body has no text at all (0 characters), without counting them or reading
    /// kept paragraphs back.
    pub fn is_empty_text(&self) -> bool {
        match &self.0 {
            BodyRepr::Here(paragraphs, ..) => paragraphs.iter().all(|p| p.text.is_empty()),
            BodyRepr::Kept { sums, .. } => sums.chars == 0,
        }
    }

    /// The body's [`copy_key`], without reading kept paragraphs back; reckoned once for
    /// paragraphs here (where a file is read, when the browser loads it, so the list need not).
    pub fn copy_key(&self) -> u64 {
        match &self.0 {
            BodyRepr::Here(paragraphs, key, _) => *key.get_or_init(|| copy_key(paragraphs)),
            BodyRepr::Kept { sums, .. } => sums.copy,
        }
    }

    /// How many paragraphs there are, without reading them back.
    pub fn number(&self) -> usize {
        match &self.0 {
            BodyRepr::Here(paragraphs, ..) => paragraphs.len(),
            BodyRepr::Kept { count, .. } => *count,
        }
    }

    fn here(&self) -> &Vec<Paragraph> {
        match &self.0 {
            BodyRepr::Here(paragraphs, ..) => paragraphs,
            BodyRepr::Kept { kept, article, .. } => {
                kept.restored().bodies.get(*article).unwrap_or(&NONE)
            }
        }
    }

    /// Keeps the paragraphs as [`Paragraphs::kept`] would, from [`Paragraphs::let_go`] on.
    pub fn keep_later(&mut self, kept: Arc<Kept>, article: usize, fingerprint: u64, sums: Sums) {
        let count = self.number();
        if let BodyRepr::Here(.., later) = &mut self.0 {
            *later = Some(Box::new(BodyRepr::Kept {
                kept,
                article,
                count,
                fingerprint,
                sums,
            }));
        }
    }

    /// Lets the paragraphs go to where [`Paragraphs::keep_later`] said they are kept, if it
    /// said.
    pub fn let_go(&mut self) {
        if let BodyRepr::Here(.., later) = &mut self.0
            && let Some(kept) = later.take()
        {
            self.0 = *kept;
        }
    }

    fn new(paragraphs: Vec<Paragraph>) -> Self {
        Self(BodyRepr::Here(paragraphs, OnceLock::new(), None))
    }
}

impl Default for Paragraphs {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl Deref for Paragraphs {
    type Target = Vec<Paragraph>;

    fn deref(&self) -> &Vec<Paragraph> {
        self.here()
    }
}

impl DerefMut for Paragraphs {
    /// The paragraphs to change: kept ones are read back and copied here first.
    fn deref_mut(&mut self) -> &mut Vec<Paragraph> {
        match &mut self.0 {
            BodyRepr::Kept { .. } => *self = Self::new(self.here().clone()),
            // A change makes what was kept for later, and the copy key, another text's.
            BodyRepr::Here(_, key, later) => {
                *later = None;
                *key = OnceLock::new();
            }
        }
        match &mut self.0 {
            BodyRepr::Here(paragraphs, ..) => paragraphs,
            BodyRepr::Kept { .. } => unreachable!("copied here above"),
        }
    }
}

impl From<Vec<Paragraph>> for Paragraphs {
    fn from(paragraphs: Vec<Paragraph>) -> Self {
        Self::new(paragraphs)
    }
}

impl FromIterator<Paragraph> for Paragraphs {
    fn from_iter<I: IntoIterator<Item = Paragraph>>(iter: I) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl IntoIterator for Paragraphs {
    type Item = Paragraph;
    type IntoIter = std::vec::IntoIter<Paragraph>;

    fn into_iter(mut self) -> Self::IntoIter {
        std::mem::take(&mut *self).into_iter()
    }
}

impl<'a> IntoIterator for &'a Paragraphs {
    type Item = &'a Paragraph;
    type IntoIter = std::slice::Iter<'a, Paragraph>;

    fn into_iter(self) -> Self::IntoIter {
        self.here().iter()
    }
}

impl PartialEq for Paragraphs {
    fn eq(&self, other: &Self) -> bool {
        self.here() == other.here()
    }
}

impl Eq for Paragraphs {}

impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.here(), f)
    }
}

/// A 64-bit digest of everything `article` shows: its title, metadata, and every paragraph with
/// its kind and lines. Two articles with the same digest read the same, so what is made from
/// one (a search index) holds for the other. A kept article gives the digest it had when it was
/// kept, without reading its paragraphs back.
pub fn fingerprint(article: &Article) -> u64 {
    if let BodyRepr::Kept { fingerprint, .. } = article.paragraphs.0 {
        return fingerprint;
    }
    let mut hasher = Xxh3::new();
    let mut field = |text: &str| {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    field(&article.title);
    let meta = &article.meta;
    field(meta.date().map_or("", crate::corpus::Date::text));
    for text in [
        meta.speaker(),
        meta.role(),
        meta.section(),
        meta.credit(),
        meta.url(),
    ] {
        field(text.unwrap_or("\u{0}"));
    }
    for tag in meta.tags() {
        field(tag);
    }
    let lines = meta.lines();
    let numbers = [lines.section, lines.byline, lines.credit]
        .map(|line| line.map_or(0, |line| line as u64 + 1))
        .into_iter()
        .chain([article.lines.start, article.lines.end].map(|n| n as u64))
        .chain([article.paragraphs.len() as u64, meta.tags().len() as u64]);
    for number in numbers {
        hasher.update(&number.to_le_bytes());
    }
    for paragraph in &article.paragraphs {
        let kind = match paragraph.kind {
            ParagraphKind::Body => 0u8,
            ParagraphKind::Heading => 1,
            ParagraphKind::Continuation => 2,
            ParagraphKind::Caption => 3,
            ParagraphKind::ListItem => 4,
        };
        hasher.update(&[kind]);
        hasher.update(&(paragraph.lines.start as u64).to_le_bytes());
        hasher.update(&(paragraph.lines.end as u64).to_le_bytes());
        hasher.update(&(paragraph.text.len() as u64).to_le_bytes());
        hasher.update(paragraph.text.as_bytes());
    }
    hasher.digest()
}
