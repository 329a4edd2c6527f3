//! Which articles are copies of one another: an archive holds the same article crawled several
//! times (a date or a title changed, the text the same), and a list of five identical rows
//! tells the reader nothing.
//!
//! Two articles are copies when their bodies read the same once whitespace is taken out (the
//! text is sanitised already, so zero-width characters are gone): the [`copy_key`], a 64-bit
//! hash of that text, reckoned once for an article and kept in the load cache with its length
//! in characters ([`Sums`]). An article with no text at all is not a copy of anything: it is
//! empty.
//!
//! [`Copies`] groups a corpus's articles by their key as they load.

use std::collections::HashMap;
use std::sync::LazyLock;

use xxhash_rust::xxh3::Xxh3;

use super::model::{Article, Paragraph};

/// What is known of an article's body without reading it: its characters and its copy key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    /// Characters of body text, as `wenji list` reports them.
    pub chars: usize,
    /// Its [`copy_key`].
    pub copy: u64,
}

/// The hash of the text of a body made of `paragraphs` without whitespace: equal for copies.
pub fn copy_key(paragraphs: &[Paragraph]) -> u64 {
    let mut hasher = Xxh3::new();
    for paragraph in paragraphs {
        runs_between_blanks(paragraph.text.as_bytes(), |run| hasher.update(run));
    }
    hasher.digest()
}

/// Characters of body text in `paragraphs`.
pub fn chars(paragraphs: &[Paragraph]) -> usize {
    paragraphs.iter().map(|p| p.text.chars().count()).sum()
}

/// Whitespace and the zero-width characters the copy key leaves out.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Gives `each` the stretches of `text` (UTF-8) between the characters [`is_blank`] takes, in
/// order, found by their bytes without decoding: sixteen bytes at a time where none of them can
/// start a blank ([`may_start_blank`]), one character at a time elsewhere.
fn runs_between_blanks(text: &[u8], mut each: impl FnMut(&[u8])) {
    let blank = &*BLANK;
    let (mut run, mut at) = (0, 0);
    while at < text.len() {
        if let Some(window) = text.get(at..at + 18)
            && !may_start_blank(window.try_into().unwrap_or(&[0; 18]))
        {
            at += 16;
            continue;
        }
        // A block skipped may end inside a character: back to where it starts.
        while at > run && text[at] & 0xC0 == 0x80 {
            at -= 1;
        }
        let end = (at + 16).min(text.len());
        while at < end {
            let lead = text[at];
            let (len, is_blank) = match lead {
                0..0x80 => (1, matches!(lead, b'\t'..=b'\r' | b' ')),
                0xC0..0xE0 => (
                    2,
                    lead == 0xC2 && matches!(text.get(at + 1), Some(0x85 | 0xA0)),
                ),
                0xE0..0xF0 => match text.get(at + 1..at + 3) {
                    Some(&[second, third]) => {
                        let block = usize::from(lead & 0x0F) << 6 | usize::from(second & 0x3F);
                        (3, blank[block] >> (third & 0x3F) & 1 == 1)
                    }
                    _ => (3, false),
                },
                _ => (4, false),
            };
            if is_blank {
                each(&text[run..at]);
                run = at + len;
            }
            at += len;
        }
    }
    each(&text[run..]);
}

/// Whether a character that [`is_blank`] takes may start in the first sixteen bytes of
/// `window` (the two after them are there to finish one): a byte-by-byte test with no branch,
/// which the compiler makes a few vector instructions. It may say yes wrongly (`·`, U+200E,
/// any `E1 …`, U+2029–U+202E, …), never no: ASCII whitespace, U+0085 and U+00A0 (`C2 …`),
/// U+1680 and U+180E (`E1 …`), U+2000–U+200D, U+2028, U+2029 and U+202F (`E2 80 …`),
/// U+205F and U+2060 (`E2 81 …`), U+3000 (`E3 80 80`) and U+FEFF (`EF BB …`). The common
/// punctuation passes: `，` (`EF BC 8C`), `、。《》` (`E3 80 81`–`8B`), `“”—…` (`E2 80 9C`,
/// `9D`, `94`, `A6`).
#[allow(
    clippy::needless_bitwise_bool,
    reason = "bitwise, so that every byte is tested and the loop is made vector instructions"
)]
fn may_start_blank(window: &[u8; 18]) -> bool {
    let mut any = false;
    for at in 0..16 {
        let (a, b, c) = (window[at], window[at + 1], window[at + 2]);
        let general =
            (a == 0xE2) & ((b == 0x81) | ((b == 0x80) & ((c < 0x90) | (c.wrapping_sub(0xA8) < 8))));
        let ideographic = (a == 0xE3) & (b == 0x80) & (c == 0x80);
        let other = (a <= b' ') | (a == 0xC2) | (a == 0xE1) | ((a == 0xEF) & (b == 0xBB));
        any |= general | ideographic | other;
    }
    any
}

/// For each block of 64 code points in U+0800–U+FFFF (by the low four bits of a three-byte
/// character's lead byte and the low six of its second), a bit for each that [`is_blank`]
/// takes (by the low six bits of its third byte); made from [`is_blank`], so never apart.
static BLANK: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut blank = [0; 1024];
    for (block, bits) in (0u32..).zip(blank.iter_mut()).skip(0x800 / 64) {
        for offset in 0..64 {
            if char::from_u32(block * 64 + offset).is_some_and(is_blank) {
                *bits |= 1 << offset;
            }
        }
    }
    blank
});

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
            if article.paragraphs.is_empty_text() {
                self.group_of.push(NONE);
                self.empty.push(u32::try_from(at).unwrap_or(u32::MAX));
                continue;
            }
            let fresh = u32::try_from(self.sizes.len()).unwrap_or(NONE - 1);
            let group = if self.fold {
                *self
                    .by_key
                    .entry(article.paragraphs.copy_key())
                    .or_insert(fresh)
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
        let one = body(&["振兴东北，　再创佳绩。", "第二段 text"]);
        let other = body(&["振兴  东北，再创\u{A0}佳绩。第二段", "text"]);
        assert_eq!(copy_key(&one), copy_key(&other));
        assert_eq!((chars(&one), chars(&other)), (19, 20));
        let changed = body(&["振兴东北，再创佳绩！第二段text"]);
        assert_ne!(copy_key(&one), copy_key(&changed));
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(chars(&body(&["振兴a 😀"])), 5);
        assert_eq!(chars(&[]), 0);
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
            texts in proptest::collection::vec("[振兴 　\u{A0}\u{3001}a\t\u{2028}é\u{2003}\u{FEFF}\u{200B}\u{85}\u{205F}“，😀]{0,16}", 0..4)
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let joined: String = texts.concat().chars().filter(|&c| !is_blank(c)).collect();
            let paragraphs = body(&texts);
            proptest::prop_assert_eq!(copy_key(&paragraphs), copy_key(&body(&[&joined])));
            proptest::prop_assert_eq!(chars(&paragraphs), texts.concat().chars().count());
        }
    }
}
