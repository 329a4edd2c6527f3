//! Whether a file can hold a hit, decided from its raw bytes before they are decoded or parsed:
//! `wenji search` without an index parses only the files that pass.
//!
//! The answer must be exact under wenji's folding ([`super::fold`]): a file that is turned away
//! would have had no hit. A term is found in folded text, so each of its characters is in the
//! article as that character or as another one that folds to it (a full-width form, a
//! traditional or variant form: [`crate::text::script::forms`]); and the characters between
//! two of them in the file may be dropped on the way (a zero-width space, a tag, a line end
//! that page-break repair joins), so each character is looked for on its own, never the term as
//! a sequence, each in any of its forms. Only ideographs are looked for
//! ([`super::plain::is_ideograph`]): only ideographs fold to one, and nothing wenji adds to a
//! text (a control picture, `�`, `…`) is one. A Latin letter, a digit or a
//! punctuation mark has other forms (`Ａ`, `a`, `，`), so a term of those alone passes every
//! file.
//!
//! An ideograph can reach an article without its UTF-8 bytes in the file in a few ways, and each
//! is allowed for:
//! - the bytes are decoded from another encoding (GBK, UTF-16), or are not valid UTF-8, or hold
//!   a NUL (the decoder then reads them as UTF-16 or skips them): such a file always passes, and
//!   so does every file when `--encoding` names another encoding than UTF-8 (the caller's part);
//! - it is written as an escape: an HTML or Markdown character reference (`&#21457;`,
//!   `&#x53D1;`), a YAML or JSON escape (`\u53d1`, `\U0002A6A5`, a JSON surrogate pair): every
//!   such escape in the file counts as the character it would decode to (named entities such as
//!   `&amp;` stand for no ideograph);
//! - it is in the file's name, whose stem titles an article that has no title of its own.
//!
//! A file passes when every term does; a term passes when it is found whole in the bytes, or
//! else when each of its ideographs is present, in one of its forms, in one of these ways.

use std::path::Path;

use memchr::memmem::Finder;

use super::plain::is_ideograph;
use super::query::Query;
use super::signature::either_terms;
use crate::text::script::forms;

/// The checks for one query.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// The terms that need at least one ideograph; the others pass every file.
    terms: Vec<Term>,
    /// Terms one of which a matching article holds (`A OR B`), when each needs an ideograph.
    either: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    /// The folded term: found whole in the bytes, it needs nothing more.
    whole: Finder<'static>,
    /// Each ideograph of the term once, as each of its forms with the finder of its UTF-8
    /// bytes.
    needed: Vec<Vec<(char, Finder<'static>)>>,
}

impl Prefilter {
    /// The checks for `query`, or `None` when no term has an ideograph to look for, so every
    /// file passes.
    pub fn new(query: &Query) -> Option<Self> {
        let terms: Vec<Term> = query.terms.iter().filter_map(|t| Term::new(t)).collect();
        let either: Option<Vec<Term>> = either_terms(query).iter().map(|t| Term::new(t)).collect();
        let either = either.unwrap_or_default();
        (!terms.is_empty() || !either.is_empty()).then_some(Self { terms, either })
    }

    /// Whether the file at `path` (`None` for standard input) holding `bytes` may have a hit of
    /// every term; `false` only when it certainly has none. `bytes` are taken to be decoded as
    /// the decoder would guess, or as UTF-8.
    ///
    /// ```
    /// use std::path::Path;
    /// use wenji_core::search::{Query, prefilter::Prefilter};
    /// let prefilter = Prefilter::new(&Query::parse("振兴")).expect("an ideograph to look for");
    /// let name = Some(Path::new("a.md"));
    /// assert!(prefilter.may_match("全面振\u{200b}兴".as_bytes(), name));
    /// assert!(prefilter.may_match("&#25391;兴".as_bytes(), name));
    /// assert!(!prefilter.may_match("全面发展".as_bytes(), name));
    /// assert!(prefilter.may_match("全面发展".as_bytes(), Some(Path::new("振兴.txt"))));
    /// ```
    pub fn may_match(&self, bytes: &[u8], path: Option<&Path>) -> bool {
        self.all_present(bytes, path) || !is_plain_utf8(bytes)
    }

    /// [`Prefilter::may_match`] for the text a file was decoded to (as the load cache holds
    /// it), which no decoder reads again: `false` whenever an ideograph is missing. The bytes
    /// need not be checked as UTF-8 first.
    pub fn may_match_decoded(&self, text: &[u8], path: Option<&Path>) -> bool {
        self.all_present(text, path)
    }

    /// Whether every term is in `bytes` whole, or each of its ideographs is, written or escaped
    /// or in the name of the file at `path`; and one of the terms of an `OR` likewise.
    fn all_present(&self, bytes: &[u8], path: Option<&Path>) -> bool {
        let name = path
            .and_then(Path::file_stem)
            .map(|stem| stem.to_string_lossy());
        let mut escaped: Option<Vec<char>> = None;
        let mut present = |term: &Term| {
            term.whole.find(bytes).is_some()
                || term.needed.iter().all(|forms| {
                    forms.iter().any(|(c, finder)| {
                        finder.find(bytes).is_some()
                            || name.as_deref().is_some_and(|name| name.contains(*c))
                            || escaped.get_or_insert_with(|| escapes(bytes)).contains(c)
                    })
                })
        };
        self.terms.iter().all(&mut present)
            && (self.either.is_empty() || self.either.iter().any(&mut present))
    }
}

impl Term {
    /// What `term` (folded) needs of a file, or `None` when it has no ideograph to look for.
    fn new(term: &str) -> Option<Self> {
        let mut needed: Vec<Vec<(char, Finder<'static>)>> = Vec::new();
        for c in term.chars().filter(|&c| is_ideograph(c)) {
            if needed.iter().all(|forms| forms[0].0 != c) {
                let forms = forms(c).into_iter().map(|form| {
                    let bytes = form.encode_utf8(&mut [0; 4]).as_bytes().to_vec();
                    (form, Finder::new(&bytes).into_owned())
                });
                needed.push(forms.collect());
            }
        }
        (!needed.is_empty()).then(|| Term {
            whole: Finder::new(term.as_bytes()).into_owned(),
            needed,
        })
    }
}

/// Bytes the decoder reads as UTF-8 exactly as they are: valid, and without a NUL (a NUL sends
/// them to the UTF-16 and binary checks). A byte-order mark of another encoding is not valid
/// UTF-8.
fn is_plain_utf8(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_none() && simdutf8::basic::from_utf8(bytes).is_ok()
}

/// Every character the escapes in `bytes` could stand for: `&#` decimal or `&#x` hexadecimal
/// character references, `\u` with four hexadecimal digits (two of them for a surrogate pair)
/// and `\U` with eight. More than a parser would decode is fine here; less is not.
fn escapes(bytes: &[u8]) -> Vec<char> {
    let mut found = Vec::new();
    for at in memchr::memchr2_iter(b'&', b'\\', bytes) {
        let rest = &bytes[at + 1..];
        let code = match rest {
            [b'#', b'x' | b'X', digits @ ..] => number(digits, 16, usize::MAX),
            [b'#', digits @ ..] => number(digits, 10, usize::MAX),
            [b'u', digits @ ..] => utf16_escape(digits),
            [b'U', digits @ ..] => number(digits, 16, 8),
            _ => None,
        };
        if let Some(c) = code.and_then(char::from_u32) {
            found.push(c);
        }
    }
    found
}

/// `\u` and its four digits; a high surrogate followed by `\u` and a low one is their pair.
fn utf16_escape(digits: &[u8]) -> Option<u32> {
    let unit = number(digits.get(..4)?, 16, 4)?;
    if !(0xD800..0xDC00).contains(&unit) {
        return Some(unit);
    }
    let low = match digits.get(4..10)? {
        [b'\\', b'u', low @ ..] => number(low, 16, 4)?,
        _ => return None,
    };
    (0xDC00..0xE000)
        .contains(&low)
        .then(|| 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
}

/// The number the leading digits of `digits` in `radix` write, reading at most `most` of them;
/// `None` without a digit or past `u32`.
fn number(digits: &[u8], radix: u32, most: usize) -> Option<u32> {
    let mut value: u32 = 0;
    let mut read = 0;
    for digit in digits
        .iter()
        .take(most)
        .map_while(|&b| char::from(b).to_digit(radix))
    {
        value = value.checked_mul(radix)?.checked_add(digit)?;
        read += 1;
    }
    (read > 0).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefilter(query: &str) -> Prefilter {
        Prefilter::new(&Query::parse(query)).expect("an ideograph to look for")
    }

    #[test]
    fn a_query_without_ideographs_filters_nothing() {
        assert!(Prefilter::new(&Query::parse("GDP ，")).is_none());
        let mixed = prefilter("GDP 增长");
        assert!(!mixed.may_match(b"GDP only", None));
        assert!(mixed.may_match("增长 without the other".as_bytes(), None));
    }

    #[test]
    fn every_term_must_pass() {
        let both = prefilter("振兴 东北");
        assert!(both.may_match("东北全面振兴".as_bytes(), None));
        assert!(!both.may_match("全面振兴".as_bytes(), None));
    }

    #[test]
    fn each_character_is_looked_for_on_its_own() {
        let term = prefilter("振兴东北");
        assert!(term.may_match("振<b>兴</b>东\n北".as_bytes(), None));
        assert!(!term.may_match("振兴东方".as_bytes(), None));
    }

    #[test]
    fn a_character_is_looked_for_in_each_of_its_forms() {
        let term = prefilter("国家安全");
        assert!(term.may_match("國家安全".as_bytes(), None));
        assert!(
            term.may_match("&#22283;家安全".as_bytes(), None),
            "國 escaped"
        );
        assert!(term.may_match("家安全".as_bytes(), Some(Path::new("國.md"))));
        assert!(!term.may_match("家安全".as_bytes(), None));
    }

    #[test]
    fn escapes_stand_for_their_characters() {
        let term = prefilter("振兴");
        for text in [
            "&#25391;&#20852;",
            "&#x632F;&#X5174;",
            "&#x632f&#20852",
            r#"{"title":"\u632f\u5174"}"#,
            r"title: '\u632F\U00005174'",
        ] {
            assert!(term.may_match(text.as_bytes(), None), "{text}");
        }
        let rare = prefilter("𠀀");
        assert!(rare.may_match(br"\ud840\udc00", None));
        assert!(!rare.may_match(br"\ud840\u0041", None));
        assert!(!term.may_match(b"&amp;&lt;&#65;\\n\\u0041", None));
    }

    #[test]
    fn bytes_that_are_not_plain_utf8_always_pass() {
        let term = prefilter("振兴");
        assert!(term.may_match(b"\xd5\xf1\xd0\xcb", None), "GBK");
        assert!(
            term.may_match(b"\xff\xfe\x2f\x63\x74\x51", None),
            "UTF-16LE"
        );
        assert!(term.may_match(b"plain\0text", None), "a NUL");
        assert!(!term.may_match(b"plain text", None));
    }

    #[test]
    fn long_or_broken_escapes_read_no_further_than_they_can() {
        assert_eq!(number(b"99999999999", 10, usize::MAX), None);
        assert_eq!(number(b"632fzz", 16, 4), Some(0x632F));
        assert_eq!(number(b"zz", 16, 4), None);
        assert_eq!(utf16_escape(b"63"), None);
        assert_eq!(escapes(b"&#\\u\\"), Vec::<char>::new());
    }
}
