//! The query's extra items (`OR`, `-(…)`, proximity, patterns: [`crate::search::check`]) as the
//! scan asks them of an article: each term packed as the text is and found with memmem, each
//! pattern compiled for the packed text (its characters and classes moved as the packing moves
//! them, so it matches packed text exactly where it matches folded text), conditions from the
//! facts kept of each article.
//!
//! A query of no terms has nothing to scan for first, so its items say what every article they
//! admit must hold ([`Checks::required`]): the alternatives of an `OR` are each scanned for
//! and their hits merged, a pattern runs over the whole unit, and the checks are asked only of
//! the articles found.

use std::ops::Range;

use memchr::memmem::Finder;
use regex_automata::{Input, meta};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange, Hir};

use super::index::Index;
use super::packing::Packing;
use super::results::Hit;
use super::written::Exact;
use crate::search::check::{Checks, Leaf, LeafHit, Subject};
use crate::search::facts::Facts;
use crate::search::query::Condition;
use crate::search::query::tree::{compile, map_chars, never};

/// A hit's length is kept in 16 bits: a longer match of a pattern is cut to this.
const LONGEST_HIT: usize = (1 << 16) - 1;

/// The extra items of one query, ready for the scan.
pub(super) struct Extra<'f> {
    pub checks: Checks,
    leaves: Vec<Packed>,
    facts: &'f Facts,
}

/// A leaf as the packed text is searched for it.
enum Packed {
    Text(Box<Finder<'static>>),
    Pattern(meta::Regex),
}

/// What a query of no terms looks for first.
pub(super) enum First {
    /// One of these leaves, each a term.
    Terms(Vec<usize>),
    /// This leaf, a pattern.
    Pattern(usize),
    /// Nothing: every article is asked.
    Every,
}

impl<'f> Extra<'f> {
    pub fn new(index: &Index, checks: Checks, facts: &'f Facts) -> Self {
        let leaves = checks
            .leaves()
            .iter()
            .map(|leaf| match leaf {
                Leaf::Text { folded, .. } => Packed::Text(Box::new(
                    Finder::new(index.packing.pack(folded).as_bytes()).into_owned(),
                )),
                Leaf::Pattern(hir) => Packed::Pattern(
                    compile(&packed(hir, &index.packing)).unwrap_or_else(|_| never()),
                ),
            })
            .collect();
        Self {
            checks,
            leaves,
            facts,
        }
    }

    /// What to look for first when the query has no terms.
    pub fn first(&self) -> First {
        let Some(required) = self.checks.required() else {
            return First::Every;
        };
        match required[..] {
            [leaf] if matches!(self.leaves[leaf], Packed::Pattern(_)) => First::Pattern(leaf),
            _ if required
                .iter()
                .all(|&leaf| matches!(self.leaves[leaf], Packed::Text(_))) =>
            {
                First::Terms(required)
            }
            _ => First::Every,
        }
    }

    /// Every match of leaf `leaf` in `span`, as hits numbered for it: a term's as [`super::find`]
    /// finds a term's, a pattern's left to right, none longer than [`LONGEST_HIT`].
    pub fn find(
        &self,
        index: &Index,
        leaf: usize,
        span: Range<usize>,
        exact: Option<&Exact>,
        found: &mut dyn FnMut(u32, Hit),
    ) {
        let number = self.checks.number(leaf);
        match &self.leaves[leaf] {
            Packed::Text(finder) => super::find::scan(index, finder, number, span, exact, found),
            Packed::Pattern(regex) => {
                let text = index.text.as_bytes();
                let (mut article, mut article_end) = (0, 0);
                for m in regex.find_iter(Input::new(text).range(span)) {
                    if m.start() >= article_end {
                        article = index.article_after(article, m.start());
                        article_end = index.article_span(article).end;
                    }
                    let mut len = m.len().min(LONGEST_HIT);
                    while text
                        .get(m.start() + len)
                        .is_some_and(|&byte| byte & 0xC0 == 0x80)
                    {
                        len -= 1;
                    }
                    found(article, Hit::new(m.start(), len, number));
                }
            }
        }
    }

    /// Whether article `article`, whose text is `span`, meets the checks; if it does, the hits
    /// that made them hold are added to `hits`. `seeds` are the hits already found of the
    /// leaves `seeded`, in this article.
    pub fn holds(
        &self,
        index: &Index,
        article: u32,
        exact: Option<&Exact>,
        seeded: (&[usize], &[Hit]),
        hits: &mut Vec<Hit>,
    ) -> bool {
        let mut subject = Article {
            extra: self,
            index,
            number: article,
            exact,
            seeded,
        };
        let mut found: Vec<LeafHit> = Vec::new();
        if !self.checks.holds(&mut subject, &mut found) {
            return false;
        }
        hits.extend(
            found
                .into_iter()
                .map(|(leaf, range)| Hit::new(range.start, range.len(), self.checks.number(leaf))),
        );
        true
    }
}

/// One article of the index, as the checks ask it.
struct Article<'a, 'f> {
    extra: &'a Extra<'f>,
    index: &'a Index,
    number: u32,
    exact: Option<&'a Exact>,
    seeded: (&'a [usize], &'a [Hit]),
}

impl Subject for Article<'_, '_> {
    fn text(&self) -> &[u8] {
        self.index.text.as_bytes()
    }

    fn find(&mut self, leaf: usize, out: &mut Vec<Range<usize>>) {
        let (leaves, seeds) = self.seeded;
        if leaves.contains(&leaf) {
            let number = self.extra.checks.number(leaf);
            out.extend(
                seeds
                    .iter()
                    .filter(|hit| hit.term() == number)
                    .map(|hit| hit.start()..hit.end()),
            );
            return;
        }
        let span = self.index.article_span(self.number);
        self.extra
            .find(self.index, leaf, span, self.exact, &mut |_, hit| {
                out.push(hit.start()..hit.end());
            });
    }

    fn admits(&self, condition: &Condition) -> bool {
        self.extra.facts.admits(self.number as usize, condition)
    }
}

/// `hir` as it matches packed text: each literal character packed, and each class with the
/// characters the packing moves moved.
fn packed(hir: &Hir, packing: &Packing) -> Hir {
    let moved = packing.moved();
    let moved_class = ClassUnicode::new(moved.iter().map(|&(c, _)| ClassUnicodeRange::new(c, c)));
    map_chars(hir, &|c| Some(packing.pack_char(c)), &|class| {
        let mut inside = class.clone();
        inside.intersect(&moved_class);
        let mut kept = class.clone();
        kept.difference(&moved_class);
        let targets = inside.iter().flat_map(|range| range.start()..=range.end());
        kept.union(&ClassUnicode::new(targets.map(|c| {
            let packed = packing.pack_char(c);
            ClassUnicodeRange::new(packed, packed)
        })));
        kept
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan::packing::Packing;

    #[test]
    fn a_packed_class_matches_packed_text_where_the_class_matches_folded_text() {
        let text = "发展经济，发展民生，推动高质量发展。abc";
        let packing = Packing::from_sample([text]);
        let packed_text = packing.pack(text);
        for source in [
            "[发民]展",
            "\\p{Han}+",
            "[^，]+",
            "[一-龥]{2}",
            "a.c",
            "[^发]展",
        ] {
            let hir = regex_syntax::parse(source).expect("a pattern");
            let plain = compile(&hir).expect("compiles");
            let packed_regex = compile(&packed(&hir, &packing)).expect("compiles");
            let expected: Vec<String> = plain
                .find_iter(text)
                .map(|m| text[m.range()].to_owned())
                .collect();
            let got: Vec<String> = packed_regex
                .find_iter(&packed_text)
                .map(|m| packing.unpack(&packed_text[m.range()]))
                .collect();
            assert_eq!(got, expected, "{source}");
        }
    }
}
