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
}

/// The fields of `article` that have text, in the order hits are reported: title, speaker,
/// role, section, the paragraphs, and last the credit.
pub fn fields(article: &Article) -> impl Iterator<Item = (Field, &str)> {
    let heads = [Field::Title, Field::Speaker, Field::Role, Field::Section];
    let paragraphs = (0..article.paragraphs.len())
        .map(|p| Field::Paragraph(u32::try_from(p).unwrap_or(u32::MAX)));
    heads
        .into_iter()
        .chain(paragraphs)
        .chain(std::iter::once(Field::Credit))
        .map(|field| (field, field.text(article)))
        .filter(|(_, text)| !text.is_empty())
}
