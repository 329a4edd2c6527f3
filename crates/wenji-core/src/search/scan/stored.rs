//! The index kept between runs: a reopened corpus takes its folded, packed fields from the
//! file the last run wrote instead of folding every article again (the larger part of a warm
//! open's time).
//!
//! ```text
//! file := MAGIC FORMAT head-length head checksum(head) text
//! head := settings packing article* fields   (every article: fingerprint, text length,
//! text := every article's packed fields       checksum(its text), its fields' count and bytes;
//!                                             every field: where it starts, its ways back; then
//!                                             its variants: each one's distance from the last
//!                                             and, for a later form, its number)
//! ```
//! Nothing in the file is trusted. The head is read whole and checked against its checksum and
//! its bounds. An article's fields are read from it, and its text from the file, only when the
//! article is taken (so opening costs a read and a checksum, not a parse of every field), and
//! checked: the text against its own checksum, as UTF-8, and against the fields that cut it.
//! An article is taken only when a stored one was made from an article with its
//! [`fingerprint`](crate::corpus::kept::fingerprint) (a digest of all it shows, which an
//! article taken from the load cache brings without its paragraphs being read back), with
//! fields that fit it, so a changed file can never get another's index. An article changed or
//! added is folded alone, and those after it are taken again (a removed or moved one costs
//! nothing); the file is written again once the corpus is in, unless every article was taken
//! at its own place. The file is written by [`save`], atomically, beside the load cache it
//! goes with ([`crate::persist::cache::IndexFile`]).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::index::{Back, Index, field_code};
use super::packing::{Marks, Packing};
use crate::corpus::Article;
use crate::persist::cache::IndexFile;
use crate::persist::cache::bytes::{Bad, In, Out};
use crate::persist::cache::key::Settings;
use crate::persist::cache::map::Mapped;
use crate::search::field::Field;
use crate::search::fold::FoldMap;

/// The first bytes of a stored index.
const MAGIC: &[u8; 8] = b"wenji\0i\n";
/// The layout's version; another is not read. 4: tags are fields (kind 6), so an index stored
/// before holds none of them. 5: the text is folded across scripts (`國` as `国`). 6: the
/// variants are listed, not a bit for every byte.
const FORMAT: u32 = 6;
/// Bytes before the head: the magic, the format and the head's length.
const PREFIX: usize = MAGIC.len() + 4 + 8;

/// A stored index, open to take articles from, each by its fingerprint.
#[derive(Debug)]
pub struct Stored {
    file: File,
    /// The file mapped, so that text taken in place is left there; `None` when it could not
    /// be mapped (its text is then read and copied).
    map: Option<Arc<Mapped>>,
    packing: Option<Packing>,
    articles: Vec<StoredArticle>,
    /// The first stored article with each fingerprint (a re-crawled copy has its original's).
    by_fingerprint: HashMap<u64, usize>,
    /// The head, whose end holds every article's fields.
    head: Vec<u8>,
    /// How many fields there are in all.
    segments: usize,
    /// Where the text starts in the file.
    text_at: u64,
    /// The stored article after the last one taken: where the next is looked for first.
    next: usize,
    /// How many articles were taken, and whether each was the stored article at its own place.
    taken: usize,
    in_place: bool,
    /// The text read for the last articles taken, kept for the next.
    buffer: Vec<u8>,
}

#[derive(Debug)]
struct StoredArticle {
    fingerprint: u64,
    /// Its packed fields, in the text.
    text: Range<usize>,
    checksum: u64,
    /// How many fields it has, and where they are in [`Stored::head`].
    count: usize,
    fields: Range<usize>,
}

#[derive(Debug)]
struct StoredSegment {
    field: Field,
    /// Where it starts in its article's text.
    start: usize,
    back: Option<Box<Back>>,
}

/// A stored article's characters written in another script's form: each one's offset in its
/// text, ascending, and the number of its form.
type StoredVariants = Vec<(u32, u8)>;

/// The fewest bytes a stored article and segment take in the head.
const MIN_ARTICLE: usize = 5 * 8;
const MIN_SEGMENT: usize = 1 + 4 + 8 + 1;

impl Stored {
    /// Opens the stored index at `file`, if it is there and was written under the same settings;
    /// why not, if not.
    pub fn open(file: &IndexFile) -> Result<Self, String> {
        let handle = File::open(&file.path).map_err(|error| error.to_string())?;
        let length = handle.metadata().map_err(|e| e.to_string())?.len();
        let mut reader = BufReader::new(&handle);
        let mut prefix = [0; PREFIX];
        reader
            .read_exact(&mut prefix)
            .map_err(|_| "it is not a wenji index".to_owned())?;
        let mut read = In::new(&prefix);
        let magic = read.take(MAGIC.len(), "magic").map_err(why)?;
        if magic != MAGIC || read.u32("the format").map_err(why)? != FORMAT {
            return Err("it is not an index this wenji reads".to_owned());
        }
        let head_len = read.size("the head's length").map_err(why)?;
        let text_at = (PREFIX as u64)
            .checked_add(head_len as u64)
            .and_then(|at| at.checked_add(8))
            .filter(|&at| at <= length)
            .ok_or("it is cut short")?;
        let mut bytes = vec![0; head_len + 8];
        reader
            .read_exact(&mut bytes)
            .map_err(|_| "it is cut short".to_owned())?;
        let (head, checksum) = bytes.split_at(head_len);
        if xxh3_64(head) != u64::from_le_bytes(checksum.try_into().unwrap_or_default()) {
            return Err("its head fails its checksum".to_owned());
        }
        let mut read = In::new(head);
        if Settings::read(&mut read).map_err(why)? != file.settings {
            return Err("it was made by another build or with other options".to_owned());
        }
        let (packing, articles) = read_head(&mut read).map_err(why)?;
        let text_len = articles.last().map_or(0, |a| a.text.end as u64);
        if text_at.checked_add(text_len) != Some(length) {
            return Err("its text is not the length its head says".to_owned());
        }
        let fields_at = head_len - read.remaining();
        let articles: Vec<StoredArticle> = articles
            .into_iter()
            .map(|mut article| {
                article.fields = article.fields.start + fields_at..article.fields.end + fields_at;
                article
            })
            .collect();
        if articles.last().map_or(fields_at, |a| a.fields.end) != head_len {
            return Err("its fields are not the length its head says".to_owned());
        }
        let segments = articles.iter().map(|a| a.count).sum();
        let mut by_fingerprint = HashMap::with_capacity(articles.len());
        for (at, article) in articles.iter().enumerate() {
            by_fingerprint.entry(article.fingerprint).or_insert(at);
        }
        bytes.truncate(head_len);
        let map = handle
            .try_clone()
            .and_then(Mapped::from_file)
            .ok()
            .filter(|map| map.len() as u64 == length)
            .map(Arc::new);
        Ok(Self {
            file: handle,
            map,
            packing: Some(packing),
            articles,
            by_fingerprint,
            head: bytes,
            segments,
            text_at,
            next: 0,
            taken: 0,
            in_place: true,
            buffer: Vec::new(),
        })
    }

    /// The stored index's size: bytes of packed text, fields and articles, so an index about to
    /// take it can make room at once rather than grow step by step.
    pub fn size(&self) -> (usize, usize, usize) {
        let text = self.articles.last().map_or(0, |a| a.text.end);
        (text, self.segments, self.articles.len())
    }

    /// The packing the stored text is packed with: an index that takes stored articles must be
    /// packed with it. Given once.
    pub fn take_packing(&mut self) -> Option<Packing> {
        self.packing.take()
    }

    /// Whether every stored article has been taken, each at its own place: the corpus is the
    /// one the index was stored for, and it need not be written again.
    pub fn taken_all(&self) -> bool {
        self.in_place && self.taken == self.articles.len()
    }

    /// Whether an article with `fingerprint` is stored (its fields are still to be checked).
    pub fn holds(&self, fingerprint: u64) -> bool {
        self.by_fingerprint.contains_key(&fingerprint)
    }

    /// Lays the stored fields of the first of `articles` (the articles after those `index`
    /// holds, whose fingerprints are `fingerprints`) into `index`, for as long as each has a
    /// stored article with its fingerprint and fields that fit it, and that article passes its
    /// checks; how many it took. An article changed, added or moved costs only itself: the
    /// caller folds it and asks again for those after it.
    pub fn take_into(
        &mut self,
        index: &mut Index,
        articles: &[Article],
        fingerprints: &[u64],
    ) -> usize {
        // Which stored article each is, and its fields, read while it is one.
        let mut plan: Vec<(usize, (Vec<StoredSegment>, StoredVariants))> = Vec::new();
        let mut next = self.next;
        for (article, &fingerprint) in articles.iter().zip(fingerprints) {
            let here = self
                .articles
                .get(next)
                .is_some_and(|a| a.fingerprint == fingerprint);
            let Some(at) = here
                .then_some(next)
                .or_else(|| self.by_fingerprint.get(&fingerprint).copied())
            else {
                break;
            };
            match self.fields(&self.articles[at]) {
                Some(fields) if fit(&fields.0, article) => plan.push((at, fields)),
                _ => break,
            }
            next = at + 1;
        }
        let mut bytes = std::mem::take(&mut self.buffer);
        let map = self.map.clone();
        let mut taken = 0;
        let mut plan = plan.into_iter().peekable();
        'runs: while let Some((first, fields)) = plan.next() {
            // A run of stored articles one after another is read in one go.
            let mut run = vec![(first, fields)];
            while let Some((at, _)) = plan.peek() {
                if *at != first + run.len() {
                    break;
                }
                run.extend(plan.next());
            }
            let Some(read) = self.read_text(first..first + run.len(), map.as_ref(), &mut bytes)
            else {
                break;
            };
            let base = self.articles[first].text.start;
            for (at, fields) in run {
                let place = index.articles();
                if !self.lay(at, fields, read, base, index) {
                    break 'runs;
                }
                self.in_place &= at == place;
                self.next = at + 1;
                taken += 1;
            }
        }
        self.buffer = bytes;
        self.taken += taken;
        taken
    }

    /// The fields of `stored`, read from the head, if they are in place (the first at its
    /// text's start, each after the last, all inside its text), and its variants.
    fn fields(&self, stored: &StoredArticle) -> Option<(Vec<StoredSegment>, StoredVariants)> {
        let mut read = In::new(self.head.get(stored.fields.clone())?);
        let mut fields: Vec<StoredSegment> = Vec::with_capacity(stored.count);
        for _ in 0..stored.count {
            let field = read_segment(&mut read).ok()?;
            let in_place = match fields.last() {
                None => field.start == 0,
                Some(last) => field.start > last.start,
            };
            if !in_place || field.start >= stored.text.len() {
                return None;
            }
            fields.push(field);
        }
        let variants = read_variants(&mut read, stored.text.len()).ok()?;
        read.end("the fields' end").ok()?;
        (stored.count > 0 || stored.text.is_empty()).then_some((fields, variants))
    }

    /// The text of stored articles `range`, in one go: in `map` where it lies, or read into
    /// `bytes`; `None` when it cannot be read.
    fn read_text<'b>(
        &self,
        range: Range<usize>,
        map: Option<&'b Arc<Mapped>>,
        bytes: &'b mut Vec<u8>,
    ) -> Option<RunText<'b>> {
        let (first, last) = match (range.clone().next(), range.clone().next_back()) {
            (Some(first), Some(last)) => (&self.articles[first], &self.articles[last]),
            _ => return Some(RunText::Read(&[])),
        };
        let at = usize::try_from(self.text_at).ok()? + first.text.start;
        let len = last.text.end - first.text.start;
        if let Some(map) = map {
            let bytes = map.get(at..at.checked_add(len)?)?;
            return Some(RunText::Mapped { map, at, bytes });
        }
        bytes.clear();
        bytes.resize(len, 0);
        self.file.read_exact_at(bytes, at as u64).ok()?;
        Some(RunText::Read(bytes))
    }

    /// Lays stored article `at`, whose fields are `fields`, into `index`, its text read into
    /// `bytes` from offset `base` of the stored text, if it passes every check: its checksum,
    /// UTF-8, and a line feed ending every field (which no field holds, so every field is whole
    /// characters).
    fn lay(
        &self,
        at: usize,
        (fields, variants): (Vec<StoredSegment>, StoredVariants),
        read: RunText<'_>,
        base: usize,
        index: &mut Index,
    ) -> bool {
        let stored = &self.articles[at];
        let (bytes, mapped) = match read {
            RunText::Read(bytes) => (bytes, None),
            RunText::Mapped { map, at, bytes } => {
                (bytes, Some((map, at + stored.text.start - base)))
            }
        };
        let Some(text) = bytes.get(stored.text.start - base..stored.text.end - base) else {
            return false;
        };
        if xxh3_64(text) != stored.checksum {
            return false;
        }
        let Ok(text) = simdutf8::basic::from_utf8(text) else {
            return false;
        };
        let ends = fields
            .iter()
            .skip(1)
            .map(|s| s.start)
            .chain(std::iter::once(text.len()));
        let whole = fields
            .iter()
            .zip(ends)
            .all(|(field, end)| end > field.start && text.as_bytes()[end - 1] == b'\n');
        if !whole {
            return false;
        }
        let fields = fields
            .into_iter()
            .map(|field| (field.field, field.start, field.back));
        index.push_stored(text, mapped, fields, &variants, stored.fingerprint);
        true
    }
}

/// The text of a run of stored articles, as [`Stored::read_text`] gives it.
#[derive(Clone, Copy)]
enum RunText<'b> {
    /// Read into memory.
    Read(&'b [u8]),
    /// Where it lies in the mapped file: `bytes` are the file's from offset `at`.
    Mapped {
        map: &'b Arc<Mapped>,
        at: usize,
        bytes: &'b [u8],
    },
}

/// Whether every stored field is one `article` has room for (a paragraph or a tag it has),
/// known without reading back its paragraphs: the fingerprint has said the rest.
fn fit(fields: &[StoredSegment], article: &Article) -> bool {
    let paragraphs = article.paragraphs.number();
    let tags = article.meta.tags().len();
    fields.iter().all(|stored| {
        stored.field.paragraph().is_none_or(|n| n < paragraphs)
            && stored.field.tag().is_none_or(|n| n < tags)
    })
}

#[allow(clippy::needless_pass_by_value)] // the shape `map_err` passes
fn why(bad: Bad) -> String {
    format!("it is damaged ({})", bad.0)
}

/// The packing and the article table; each article's fields are placed from the end of the
/// table.
fn read_head(read: &mut In<'_>) -> Result<(Packing, Vec<StoredArticle>), Bad> {
    let count = read.count(4, "the packing")?;
    let common = (0..count)
        .map(|_| read.u32("a packed character"))
        .collect::<Result<Vec<u32>, Bad>>()?;
    let packing = Packing::with_common(&common).ok_or(Bad("the packing"))?;
    let count = read.count(MIN_ARTICLE, "the number of articles")?;
    let mut articles = Vec::with_capacity(count);
    let (mut text_at, mut fields_at) = (0usize, 0usize);
    for _ in 0..count {
        let fingerprint = read.u64("a fingerprint")?;
        let len = read.size("an article's length")?;
        let checksum = read.u64("an article's checksum")?;
        let fields = read.size("the number of fields")?;
        let fields_len = read.size("the fields' length")?;
        let text_end = text_at.checked_add(len).ok_or(Bad("an article's length"))?;
        let fields_end = fields_at
            .checked_add(fields_len)
            .filter(|&end| end <= read.remaining())
            .ok_or(Bad("the fields' length"))?;
        if fields.saturating_mul(MIN_SEGMENT) > fields_len {
            return Err(Bad("the number of fields"));
        }
        articles.push(StoredArticle {
            fingerprint,
            text: text_at..text_end,
            checksum,
            count: fields,
            fields: fields_at..fields_end,
        });
        (text_at, fields_at) = (text_end, fields_end);
    }
    Ok((packing, articles))
}

fn read_segment(read: &mut In<'_>) -> Result<StoredSegment, Bad> {
    let field = match (read.u8("a field")?, read.u32("a paragraph")?) {
        (0, 0) => Field::Title,
        (1, 0) => Field::Speaker,
        (2, 0) => Field::Role,
        (3, 0) => Field::Section,
        (4, 0) => Field::Credit,
        (5, n) => Field::Paragraph(n),
        (6, n) => Field::Tag(n),
        _ => return Err(Bad("a field")),
    };
    let start = read.size("a field's place")?;
    let back = if read.flag("a field's way back")? {
        let marks = Marks::from_points(read_points(read)?).ok_or(Bad("a field's marks"))?;
        let map = FoldMap::from_points(read_points(read)?).ok_or(Bad("a field's map"))?;
        Some(Box::new(Back { marks, map }))
    } else {
        None
    };
    Ok(StoredSegment { field, start, back })
}

/// An article's variants, for a text of `len` bytes: each one's distance from the one before
/// (from the text's start for the first), shifted up a bit that says whether its form's number
/// follows (a later form's, 2 or more; the first form's is 1), checked to fit the text.
fn read_variants(read: &mut In<'_>, len: usize) -> Result<StoredVariants, Bad> {
    let count = read.count(1, "the number of variants")?;
    let mut variants: StoredVariants = Vec::with_capacity(count);
    let mut next = 0_u64;
    for _ in 0..count {
        let step = read.varint("a variant")?;
        let later = step & 1 == 1;
        let number = if later {
            read.u8("a variant's number")?
        } else {
            1
        };
        if later && number < 2 {
            return Err(Bad("a variant's number"));
        }
        let offset = next
            .checked_add(step >> 1)
            .and_then(|at| u32::try_from(at).ok())
            .filter(|&at| usize::try_from(at).is_ok_and(|at| at < len))
            .ok_or(Bad("a variant"))?;
        variants.push((offset, number));
        next = u64::from(offset) + 1;
    }
    Ok(variants)
}

fn read_points(read: &mut In<'_>) -> Result<Vec<(u32, u32)>, Bad> {
    // The count is checked against the bytes left, so the room made is never more than they
    // can fill. (Collected through a `Result`, the points grew their vector by doubling: a
    // sixth of taking the archive's stored index.)
    let count = read.count(8, "the number of points")?;
    let mut points = Vec::with_capacity(count);
    for _ in 0..count {
        points.push((read.u32("a point")?, read.u32("a point")?));
    }
    Ok(points)
}

/// Writes `index` where `file` says, atomically: a reader opens the old file or the new one.
pub fn save(index: &Index, file: &IndexFile) -> io::Result<u64> {
    crate::persist::cache::folder::replace(&file.path, |out| write(index, &file.settings, out))
}

/// Writes `index`, made under `settings`, to `out`.
pub fn write(index: &Index, settings: &Settings, out: &mut impl Write) -> io::Result<()> {
    let mut head = Out::default();
    settings.write(&mut head);
    let common = index.packing.common();
    head.size(common.len());
    for &c in common {
        head.u32(c);
    }
    let articles = index.articles();
    head.size(articles);
    let mut fields = Out::default();
    let mut segment = 0;
    for article in 0..articles {
        let span = index.article_span(to_u32(article));
        let text = index.text.as_bytes().get(span.clone()).unwrap_or_default();
        head.u64(index.fingerprints.get(article).copied().unwrap_or_default());
        head.size(text.len());
        head.u64(xxh3_64(text));
        let first = segment;
        while index
            .segments
            .get(segment)
            .is_some_and(|s| s.article as usize == article)
        {
            segment += 1;
        }
        let fields_before = fields.bytes.len();
        for at in first..segment {
            let (kind, paragraph) = field_code(index.segments[at].field);
            fields.u8(kind);
            fields.u32(paragraph);
            fields.size(index.starts[at] - span.start);
            match &index.segments[at].back {
                Some(back) => {
                    fields.u8(1);
                    write_points(&mut fields, back.marks.points());
                    write_points(&mut fields, back.map.points());
                }
                None => fields.u8(0),
            }
        }
        write_variants(&mut fields, index, span.clone());
        head.size(segment - first);
        head.size(fields.bytes.len() - fields_before);
    }
    head.bytes.append(&mut fields.bytes);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&(head.bytes.len() as u64).to_le_bytes())?;
    out.write_all(&head.bytes)?;
    out.write_all(&xxh3_64(&head.bytes).to_le_bytes())?;
    out.write_all(index.text.as_bytes())
}

/// The variants of the article whose packed text is `span`, as [`read_variants`] reads them.
fn write_variants(out: &mut Out, index: &Index, span: Range<usize>) {
    let variants = index.variants.within(span.clone());
    out.size(variants.len());
    let mut next = span.start;
    for (at, number) in variants {
        let step = ((at - next) as u64) << 1 | u64::from(number > 1);
        out.varint(step);
        if number > 1 {
            out.u8(number);
        }
        next = at + 1;
    }
}

fn write_points(out: &mut Out, points: &[(u32, u32)]) {
    out.size(points.len());
    for &(a, b) in points {
        out.u32(a);
        out.u32(b);
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
