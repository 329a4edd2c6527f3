//! Which articles are copies of one another: an archive holds the same article crawled several
//! times (a date or a title changed, the text the same), and a list of five identical rows
//! tells the reader nothing.
//!
//! Two articles are copies when their bodies read the same once whitespace is taken out (the
//! text is sanitised already, so zero-width characters are gone): the [`Sums::copy`] key, a
//! 64-bit hash of that text, reckoned with the body's length in characters in one pass over it
//! while a file is read, and kept in the load cache beside them. An article with no text at
//! all is not a copy of anything: it is empty ([`Sums::chars`] is 0).
//!
//! [`Copies`] groups a corpus's articles by their key as they load.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3;

use super::model::{Article, Paragraph};

/// What one pass over an article's body finds: its characters and its copy key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    /// Characters of body text, as `wenji list` reports them.
    pub chars: usize,
    /// The hash of the body's text without whitespace: equal for copies.
    pub copy: u64,
}

impl Sums {
    /// The sums of a body made of `paragraphs`.
    pub fn of(paragraphs: &[Paragraph]) -> Self {
        let mut hasher = Xxh3::new();
        let mut chars = 0;
        for paragraph in paragraphs {
            let text = paragraph.text.as_bytes();
            // Every byte that is not a continuation byte starts a character.
            chars += text.iter().filter(|&&b| !is_continuation(b)).count();
            let mut run = 0;
            let mut at = 0;
            while at < text.len() {
                let byte = text[at];
                if !MAY_START_BLANK[usize::from(byte)] {
                    at += 1;
                    continue;
                }
                let len = utf8_len(byte);
                let blank = paragraph.text[at..].chars().next().is_some_and(is_blank);
                if blank {
                    hasher.update(&text[run..at]);
                    run = at + len;
                }
                at += len;
            }
            hasher.update(&text[run..]);
        }
        Self {
            chars,
            copy: hasher.digest(),
        }
    }
}

/// Whitespace and the zero-width characters the copy key leaves out.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The bytes that can start a character [`is_blank`] takes: ASCII whitespace, and the lead
/// bytes of U+0085, U+00A0 (`C2`), U+1680, U+180E (`E1`), U+2000–U+2060 (`E2`), U+3000 (`E3`)
/// and U+FEFF (`EF`). Any other byte is passed over without decoding.
static MAY_START_BLANK: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        byte += 1;
    }
    table
};

/// No group: an empty article, which is listed nowhere.
const NONE: u32 = u32::MAX;

/// A corpus's articles grouped into copies of one another, as they load.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    /// Whether copies are folded together; when not, every article is a group of its own.
    fold: bool,
    /// The group of each article added, or [`NONE`] for an empty one.
    group_of: Vec<u32>,
    /// Each group's size.
    sizes: Vec<u32>,
    by_key: HashMap<u64, u32, foldhash::fast::RandomState>,
    /// The empty articles, in corpus order.
    empty: Vec<u32>,
}

impl Copies {
    /// Groups that fold copies together (`fold`), or keep every article apart.
    pub fn new(fold: bool) -> Self {
        Self {
            fold,
            ..Self::default()
        }
    }

    /// Takes in the articles of `articles` not yet added: all past the ones it has.
    pub fn add(&mut self, articles: &[Article]) {
        let start = self.group_of.len();
        let Some(new) = articles.get(start..) else {
            return;
        };
        self.group_of.reserve(new.len());
        for (at, article) in (start..).zip(new) {
            let sums = article.paragraphs.sums();
            if sums.chars == 0 {
                self.group_of.push(NONE);
                self.empty.push(u32::try_from(at).unwrap_or(u32::MAX));
                continue;
            }
            let fresh = u32::try_from(self.sizes.len()).unwrap_or(NONE - 1);
            let group = if self.fold {
                *self.by_key.entry(sums.copy).or_insert(fresh)
            } else {
                fresh
            };
            if group == fresh {
                self.sizes.push(0);
            }
            self.sizes[group as usize] += 1;
            self.group_of.push(group);
        }
    }

    /// The group of `article`; `None` for an empty one (or one not added).
    pub fn group(&self, article: usize) -> Option<u32> {
        self.group_of
            .get(article)
            .copied()
            .filter(|&group| group != NONE)
    }

    /// How many articles group `group` holds.
    pub fn size(&self, group: u32) -> usize {
        self.sizes.get(group as usize).map_or(0, |&n| n as usize)
    }

    /// How many groups there are: articles once copies are counted once (and a bound for
    /// indexing by group).
    pub fn distinct(&self) -> usize {
        self.sizes.len()
    }

    /// The articles with no text, in corpus order.
    pub fn empty(&self) -> &[u32] {
        &self.empty
    }

    /// Articles listed: every one added but the empty ones.
    pub fn listed(&self) -> usize {
        self.group_of.len() - self.empty.len()
    }

    /// Whether copies are folded together.
    pub fn folds(&self) -> bool {
        self.fold
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ParagraphKind;

    fn body(texts: &[&str]) -> Vec<Paragraph> {
        texts
            .iter()
            .map(|text| Paragraph {
                text: (*text).into(),
                lines: 1..2,
                kind: ParagraphKind::Body,
            })
            .collect()
    }

    fn article(texts: &[&str]) -> Article {
        Article {
            paragraphs: body(texts).into(),
            ..Article::default()
        }
    }

    #[test]
    fn whitespace_and_the_split_into_paragraphs_do_not_tell_copies_apart() {
        let one = Sums::of(&body(&["振兴东北，　再创佳绩。", "第二段 text"]));
        let other = Sums::of(&body(&["振兴  东北，再创\u{A0}佳绩。第二段", "text"]));
        assert_eq!(one.copy, other.copy);
        assert_eq!((one.chars, other.chars), (19, 20));
        let changed = Sums::of(&body(&["振兴东北，再创佳绩！第二段text"]));
        assert_ne!(one.copy, changed.copy);
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(Sums::of(&body(&["振兴a 😀"])).chars, 5);
        assert_eq!(Sums::of(&[]).chars, 0);
    }

    #[test]
    fn copies_share_a_group_and_empty_articles_none() {
        let articles = [
            article(&["甲文。"]),
            article(&[]),
            article(&["乙文。"]),
            article(&["甲 文。"]),
        ];
        let mut copies = Copies::new(true);
        copies.add(&articles[..2]);
        copies.add(&articles);
        assert_eq!(
            (0..4).map(|a| copies.group(a)).collect::<Vec<_>>(),
            [Some(0), None, Some(1), Some(0)]
        );
        assert_eq!((copies.size(0), copies.size(1)), (2, 1));
        assert_eq!((copies.distinct(), copies.listed()), (2, 3));
        assert_eq!(copies.empty(), [1]);

        let mut apart = Copies::new(false);
        apart.add(&articles);
        assert_eq!(apart.group(3), Some(2));
        assert_eq!(apart.distinct(), 3);
    }

    proptest::proptest! {
        /// The key is the hash of the text with its blanks taken out, however they fall.
        #[test]
        fn the_key_is_the_text_without_blanks(
            texts in proptest::collection::vec("[振兴 　\u{A0}\u{3001}a\t\u{2028}é]{0,12}", 0..4)
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let joined: String = texts.concat().chars().filter(|&c| !is_blank(c)).collect();
            let sums = Sums::of(&body(&texts));
            proptest::prop_assert_eq!(sums.copy, Sums::of(&body(&[&joined])).copy);
            proptest::prop_assert_eq!(sums.chars, texts.concat().chars().count());
        }
    }
}
