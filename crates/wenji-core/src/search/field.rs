//! The texts of an article a search looks in, and the order a reader meets them in.
//!
//! Every engine searches the same fields and reports a hit by the field it is in, so a location
//! means the same thing whichever engine found it.

use crate::corpus::Article;

/// Which of an article's texts a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Speaker,
    Role,
    Section,
    Credit,
    /// Tag number `n` of the article (front matter's `tags`), each tag a field of its own
    /// rather than all of them joined into one: fields are searched one by one (and the scan
    /// lays a line feed, which no query holds, after each), so a term never matches across two
    /// tags (`香港` then `国安法` never gives `港国`), and a hit's bytes are in one tag's own
    /// text, which is what the reader's header highlights and `--json`'s `byte_start` counts in.
    Tag(u32),
    /// Paragraph number `n` of the article.
    Paragraph(u32),
}

impl Field {
    /// The original text of this field in `article` (empty when the article has none).
    pub fn text(self, article: &Article) -> &str {
        match self {
            Field::Title => &article.title,
            Field::Speaker => article.meta.speaker().unwrap_or_default(),
            Field::Role => article.meta.role().unwrap_or_default(),
            Field::Section => article.meta.section().unwrap_or_default(),
            Field::Credit => article.meta.credit().unwrap_or_default(),
            Field::Tag(index) => article
                .meta
                .tags()
                .get(index as usize)
                .map_or("", String::as_str),
            Field::Paragraph(index) => article
                .paragraphs
                .get(index as usize)
                .map_or("", |p| p.text.as_str()),
        }
    }

    /// The paragraph this field is, if it is one.
    pub fn paragraph(self) -> Option<usize> {
        match self {
            Field::Paragraph(index) => Some(index as usize),
            _ => None,
        }
    }

    /// The tag this field is, if it is one.
    pub fn tag(self) -> Option<usize> {
        match self {
            Field::Tag(index) => Some(index as usize),
            _ => None,
        }
    }
}

/// The fields of `article` that have text, in the order hits are reported, which is the order
/// the reader shows them in: title, speaker, role, section, the tags (on the header line under
/// the byline), the paragraphs, and last the credit.
pub fn fields(article: &Article) -> impl Iterator<Item = (Field, &str)> {
    let heads = [Field::Title, Field::Speaker, Field::Role, Field::Section];
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let tags = (0..article.meta.tags().len()).map(move |t| Field::Tag(number(t)));
    let paragraphs = (0..article.paragraphs.len()).map(move |p| Field::Paragraph(number(p)));
    heads
        .into_iter()
        .chain(tags)
        .chain(paragraphs)
        .chain(std::iter::once(Field::Credit))
        .map(|field| (field, field.text(article)))
        .filter(|(_, text)| !text.is_empty())
}
