//! Every hit of the terms in one article, found as plainly as a search can be written: each
//! field folded ([`super::fold`]) and each term found where `str::match_indices` finds it
//! (with `memchr::memmem`, several times quicker).
//!
//! It keeps no index, so it costs nothing to set up: the test engine ([`super::fake`]) runs it
//! over a whole corpus, and `wenji search` over each file as it is parsed, where building the
//! scan's packed index per file would cost more than the search. The scan must answer as this
//! does (`tests/engines_agree.rs`), so a hit means the same thing whichever found it.
//!
//! Folding is most of the cost, and most of it can be skipped. Folding maps onto an ideograph
//! only its other forms ([`crate::text::script::forms`]: `國` onto `国`), so a field holding no
//! form of some ideograph of a term has no hit of it, and such a field is not searched at all;
//! and a term of ideographs alone is found in a field exactly where it is written, unless the
//! field holds another form of one of its ideographs or folding drops a character there (a
//! zero-width space between two of its characters), so a field with neither is searched as it
//! stands.

use memchr::memmem::Finder;

use super::answer::Location;
use super::field::{Field, fields};
use super::fold::{fold, fold_written};
use super::query::Query;
use crate::corpus::Article;
use crate::text::script::forms;
use extra::Extra;

mod extra;

/// A search for the terms of one query, article by article.
#[derive(Debug, Clone)]
pub struct Plain<'q> {
    terms: &'q [String],
    /// A finder for each term.
    finders: Vec<Finder<'q>>,
    /// Per term, for each of its ideographs, a finder for each of its forms, the folded one
    /// (the one in the term) first.
    ideographs: Vec<Vec<Vec<Finder<'static>>>>,
    /// Every term is ideographs only.
    only_ideographs: bool,
    /// For an exact-script search, each term as written: a hit must be written so.
    exact: Option<&'q [String]>,
    /// The query's extra items (`OR`, proximity, patterns…), if it has any.
    extra: Option<Extra>,
}

impl<'q> Plain<'q> {
    /// The search for `terms` (folded, as [`super::Query`] holds them).
    pub fn new(terms: &'q [String]) -> Self {
        let ideographs = terms
            .iter()
            .map(|term| {
                term.chars()
                    .filter(|&c| is_ideograph(c))
                    .map(|c| {
                        forms(c)
                            .into_iter()
                            .map(|form| {
                                Finder::new(form.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let only_ideographs = terms.iter().all(|term| term.chars().all(is_ideograph));
        Self {
            terms,
            finders: terms.iter().map(Finder::new).collect(),
            ideographs,
            only_ideographs,
            exact: None,
            extra: None,
        }
    }

    /// The search for `query`'s terms, its scripts told apart if it asks so.
    pub fn for_query(query: &'q Query) -> Self {
        Self {
            exact: query.exact_script.then_some(query.written.as_slice()),
            extra: Extra::new(query),
            ..Self::new(&query.terms)
        }
    }

    /// Whether `article` (numbered `id` in the locations, from the file shown as `file`) holds
    /// every term and meets the query's extra items, and if so its hits, in the order of
    /// [`Plain::hits`]: `None` if it does not match. A query of no text matches with no hits.
    ///
    /// ```
    /// use wenji_core::corpus;
    /// use wenji_core::search::{Query, plain::Plain};
    /// let corpus = corpus::sample();
    /// let query = Query::parse("许勤 OR 没有这个词");
    /// let hits = Plain::for_query(&query).find(&corpus.articles[1], 1, "").expect("a match");
    /// assert_eq!(hits[0].term, 0);
    /// ```
    pub fn find(&self, article: &Article, id: u32, file: &str) -> Option<Vec<Location>> {
        let mut hits = Vec::new();
        if !self.is_empty() {
            hits = self.hits(article, id);
            if hits.is_empty() {
                return None;
            }
        }
        let Some(extra) = &self.extra else {
            return Some(hits);
        };
        let terms = hits.len();
        if !extra.holds(article, id, file, &mut hits) {
            return None;
        }
        if hits.len() > terms {
            let order: Vec<Field> = fields(article).map(|(field, _)| field).collect();
            let rank = |field: &Field| order.iter().position(|f| f == field);
            hits.sort_by_key(|hit| (rank(&hit.field), hit.range.start, hit.term));
            // A term's hit and an alternative's in the same place (`国家 (国家 OR 中国)`) are
            // one, the term's, as the scan keeps.
            let mut kept: Vec<Location> = Vec::with_capacity(hits.len());
            for hit in hits {
                let repeated = kept
                    .iter()
                    .rev()
                    .take_while(|k| k.field == hit.field && k.range.start == hit.range.start)
                    .any(|k| k.range == hit.range);
                if !repeated {
                    kept.push(hit);
                }
            }
            hits = kept;
        }
        Some(hits)
    }

    /// Whether there are no terms to find (every article then has no hits).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The hits in `article` (numbered `id` in the locations), field by field in the order a
    /// reader meets them and by position within a field; none unless every term occurs.
    ///
    /// ```
    /// use wenji_core::corpus;
    /// use wenji_core::search::{Field, Query, plain::Plain};
    /// let corpus = corpus::sample();
    /// let query = Query::parse("许勤");
    /// let hits = Plain::new(&query.terms).hits(&corpus.articles[1], 1);
    /// assert_eq!((hits[0].article, hits[0].field, hits[0].range.clone()), (1, Field::Speaker, 0..6));
    /// let both = Query::parse("许勤 没有这个词");
    /// assert!(Plain::new(&both.terms).hits(&corpus.articles[1], 1).is_empty());
    /// ```
    pub fn hits(&self, article: &Article, id: u32) -> Vec<Location> {
        let mut hits = Vec::new();
        let mut found = vec![false; self.terms.len()];
        for (field, text) in fields(article) {
            let Some(other_forms) = self.may_hold(text) else {
                continue;
            };
            let folded =
                (!self.only_ideographs || other_forms || drops_some(text)).then(|| fold(text));
            let searched = folded.as_ref().map_or(text, |folded| folded.text.as_str());
            let original = |at: usize| folded.as_ref().map_or(at, |f| f.map.original(at));
            let mut in_field: Vec<Location> = Vec::new();
            for (term, (needle, finder)) in self.terms.iter().zip(&self.finders).enumerate() {
                let written = self.exact.and_then(|written| written.get(term));
                // After a match an exact search turns away, it goes on from its second
                // character, so a match it keeps is never hidden by one overlapping it.
                let step = needle.chars().next().map_or(1, char::len_utf8);
                let mut from = 0;
                // Left to right and never overlapping, as `str::match_indices` finds.
                while let Some(start) = searched
                    .as_bytes()
                    .get(from..)
                    .and_then(|rest| finder.find(rest))
                    .map(|at| from + at)
                {
                    let range = original(start)..original(start + needle.len());
                    if written.is_some_and(|w| fold_written(&text[range.clone()]) != *w) {
                        from = start + step;
                        continue;
                    }
                    from = start + needle.len();
                    found[term] = true;
                    in_field.push(Location {
                        article: id,
                        field,
                        range,
                        term: u8::try_from(term).unwrap_or(u8::MAX),
                    });
                }
            }
            in_field.sort_by_key(|l| (l.range.start, l.term));
            hits.extend(in_field);
        }
        if found.iter().all(|&f| f) {
            hits
        } else {
            Vec::new()
        }
    }

    /// Whether `text` holds some form of every ideograph of some term: `None` if not, or else
    /// whether it holds a form of a term's ideograph other than the one in the term (the field
    /// must then be folded to be searched).
    fn may_hold(&self, text: &str) -> Option<bool> {
        let mut held = false;
        let mut other_forms = false;
        for term in &self.ideographs {
            let mut all = true;
            for forms in term {
                let (folded, others) = forms.split_first().expect("a character is its own form");
                let as_folded = folded.find(text.as_bytes()).is_some();
                let as_other = others.iter().any(|f| f.find(text.as_bytes()).is_some());
                other_forms |= as_other;
                if !as_folded && !as_other {
                    all = false;
                    break;
                }
            }
            held |= all;
        }
        held.then_some(other_forms)
    }
}

/// The form each of `hits` in `article` was written in ([`super::forms`]).
pub fn written_forms<'a>(
    article: &'a Article,
    hits: &'a [Location],
) -> impl Iterator<Item = String> + 'a {
    hits.iter().map(|hit| {
        let text = hit.field.text(article);
        text.get(hit.range.clone())
            .map(fold_written)
            .unwrap_or_default()
    })
}

/// Whether `text` holds a character folding drops: U+200B–U+200D, U+2060, U+FEFF or U+00AD
/// (`folding_is_what_plain_relies_on` holds this list to [`fold`]'s).
///
/// Their first bytes are looked for, not all three at once: 0xEF also begins every full-width
/// comma and stop, so a search stopping at each one took 13% of a warm `wenji search 发展`'s
/// time in user space; U+FEFF, the one that begins with it, is found whole instead.
pub(crate) fn drops_some(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xE2, 0xC2, bytes).any(|at| {
        matches!(
            bytes[at..],
            [0xE2, 0x80, 0x8B..=0x8D, ..] | [0xE2, 0x81, 0xA0, ..] | [0xC2, 0xAD, ..]
        )
    }) || memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_some()
}

/// CJK ideographs: the unified blocks and their extensions, and the compatibility ideographs.
/// Folding maps onto one only its other forms, and loading never makes one up.
pub fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold_query;

    #[test]
    fn folding_is_what_plain_relies_on() {
        // If folding ever maps a character onto an ideograph that is not one of its forms, a
        // field or a file holding only that character would be passed over; if it drops a
        // character `drops_some` does not know, a term around it would be missed. This fails
        // first.
        for code in 0..=u32::from(char::MAX) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = c.encode_utf8(&mut [0; 4]).to_owned();
            let folded = fold_query(&text);
            if folded.chars().ne([c]) && folded.chars().any(is_ideograph) {
                let to: Vec<char> = folded.chars().collect();
                assert!(
                    is_ideograph(c) && to.len() == 1 && forms(to[0]).contains(&c),
                    "{c:?} folds to {folded:?}"
                );
            }
            assert_eq!(drops_some(&text), folded.is_empty(), "{c:?}");
        }
    }

    #[test]
    fn something_to_drop_is_found_among_punctuation_that_shares_its_first_byte() {
        let text = "“振兴”，·×——东北。！？（）";
        assert!(!drops_some(text));
        for dropped in ['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}'] {
            assert!(drops_some(&format!("{text}{dropped}{text}")), "{dropped:?}");
            assert!(
                drops_some(&format!("{text}{dropped}")),
                "{dropped:?} at the end"
            );
        }
    }

    #[test]
    fn a_field_with_something_to_drop_is_folded_first() {
        let corpus = crate::search::testing::corpus_of(vec![vec![
            "振\u{200b}兴，振兴".to_owned(),
            "振兴，ＡＢ振兴".to_owned(),
        ]]);
        let terms = ["振兴".to_owned()];
        let ranges: Vec<_> = Plain::new(&terms)
            .hits(&corpus.articles[0], 0)
            .into_iter()
            .map(|hit| hit.range)
            .collect();
        assert_eq!(ranges, [0..9, 12..18, 0..6, 15..21]);
    }

    #[test]
    fn a_field_is_searched_when_it_holds_a_terms_ideographs_or_the_term_has_none() {
        let terms = ["振兴".to_owned(), "gdp".to_owned()];
        let plain = Plain::new(&terms[..1]);
        assert_eq!(plain.may_hold("全面振\u{200b}兴"), Some(false));
        assert_eq!(plain.may_hold("全面振興"), Some(true), "興 is a form of 兴");
        assert_eq!(plain.may_hold("全面振作"), None);
        assert!(Plain::new(&terms).may_hold("ＧＤＰ").is_some());
    }

    #[test]
    fn a_term_is_found_in_every_script_with_the_original_characters_highlighted() {
        let corpus = crate::search::testing::corpus_of(vec![vec![
            "國家安全，国家安全".to_owned(),
            "国家安全".to_owned(),
        ]]);
        let terms = [fold_query("国家安全")];
        let ranges: Vec<_> = Plain::new(&terms)
            .hits(&corpus.articles[0], 0)
            .into_iter()
            .map(|hit| hit.range)
            .collect();
        assert_eq!(ranges, [0..12, 15..27, 0..12]);
    }
}
