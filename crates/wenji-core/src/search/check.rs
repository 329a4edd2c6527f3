//! What a query asks of an article beyond terms that must all occur, terms that must not and
//! conditions that must hold: the items of [`Query::extra`] (`A OR B`, `-(A B)`, `A NEAR/10 B`,
//! `A ~10 B`, `re:…`, a condition inside them), asked of one article at a time over the text an
//! engine keeps of it.
//!
//! Each term and pattern of the items is a leaf, numbered after the query's terms: a leaf's hits
//! carry its number as a term's carry the term's. An engine says where a leaf matches in an
//! article ([`Subject::find`]); the checks say from that whether the article matches, and which
//! matches are its hits: those that make an item hold — every match of each alternative of an
//! `OR` that holds, the two ends of every close pair of a proximity, nothing under a `-`.
//!
//! The text is the article's fields end to end, each followed by a line feed that no term or
//! pattern matches, so no match spans two fields and "in one paragraph" means "with no line
//! feed between".

use std::ops::Range;

use regex_syntax::hir::Hir;

use super::fold::fold_written;
use super::query::tree::{Expr, Scope};
use super::query::{Condition, Query};

/// The extra items of one query, ready to be asked of articles.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    items: Vec<Check>,
    leaves: Vec<Leaf>,
    /// The hit number of leaf 0: the query's terms come first.
    first: usize,
}

/// What one leaf looks for.
#[derive(Debug, Clone)]
pub enum Leaf {
    /// A term, folded as the corpus is, and as written (what an exact-script search keeps).
    Text { folded: String, written: String },
    /// A pattern over the folded text, as its syntax tree: each engine compiles it for the text
    /// it keeps.
    Pattern(Hir),
}

#[derive(Debug, Clone)]
enum Check {
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
    Leaf(usize),
    Near {
        left: usize,
        right: usize,
        /// The most characters between the two; `None` for anywhere in the article.
        within: Option<usize>,
        ordered: bool,
    },
    Condition(Condition),
}

/// One article, as an engine holds it, asked by the checks.
pub trait Subject {
    /// The article's text the ranges index: its fields end to end, each followed by `\n`.
    fn text(&self) -> &[u8];
    /// Appends every match of leaf `leaf` to `out`, ascending and not overlapping.
    fn find(&mut self, leaf: usize, out: &mut Vec<Range<usize>>);
    /// Whether the article meets `condition`.
    fn admits(&self, condition: &Condition) -> bool;
}

/// A hit the checks found: the leaf's number among the checks' leaves, and where.
pub type LeafHit = (usize, Range<usize>);

impl Checks {
    /// The checks of `query`'s extra items.
    pub fn new(query: &Query) -> Self {
        let mut leaves = Vec::new();
        let items = query
            .extra
            .iter()
            .map(|item| Check::of(item, &mut leaves))
            .collect();
        Self {
            items,
            leaves,
            first: query.terms.len(),
        }
    }

    /// Whether there is nothing to check: every article the rest of the query admits matches.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// What each hit number of `query` (whose checks these are) looks for, folded: its terms,
    /// then the leaves; a pattern's is empty, since its matches differ.
    pub fn hit_terms(&self, query: &Query) -> Vec<String> {
        let leaves = self.leaves.iter().map(|leaf| match leaf {
            Leaf::Text { folded, .. } => folded.clone(),
            Leaf::Pattern(_) => String::new(),
        });
        query.terms.iter().cloned().chain(leaves).collect()
    }

    /// The hit number of leaf `leaf`.
    pub fn number(&self, leaf: usize) -> u8 {
        u8::try_from(self.first + leaf).unwrap_or(u8::MAX)
    }

    /// Leaves one of which every article the checks admit holds a match of, if there are such:
    /// what a search may look for first, before asking the checks of what it found.
    ///
    /// ```
    /// use wenji_core::search::check::Checks;
    /// use wenji_core::search::query::Query;
    /// let checks = |q: &str| Checks::new(&Query::parse(q));
    /// assert_eq!(checks("国家 OR 中国").required(), Some(vec![0, 1]));
    /// assert_eq!(checks("(国家 OR 中国) (改革 NEAR/5 开放)").required(), Some(vec![2]));
    /// assert_eq!(checks("-(国家 中国)").required(), None);
    /// ```
    pub fn required(&self) -> Option<Vec<usize>> {
        self.items
            .iter()
            .filter_map(Check::required)
            .min_by_key(Vec::len)
    }

    /// Whether the checks are only "one of these leaves at least", `leaves`: then the articles
    /// holding one are those that match, and every match of each leaf is a hit, so a search
    /// that found those matches need ask nothing more (but drop a hit that two leaves found in
    /// the same place, as [`Checks::holds`] does).
    pub fn are_any_of(&self, leaves: &[usize]) -> bool {
        let of = |items: &[Check]| {
            items.len() == leaves.len()
                && items
                    .iter()
                    .zip(leaves)
                    .all(|(item, leaf)| matches!(item, Check::Leaf(l) if l == leaf))
        };
        match &self.items[..] {
            [Check::Any(items)] => of(items),
            items => of(items) && items.len() == 1,
        }
    }

    /// Whether `subject` meets every item; if it does, the hits that made them hold are added
    /// to `hits` in reading order (one per place, the lowest leaf first).
    pub fn holds(&self, subject: &mut dyn Subject, hits: &mut Vec<LeafHit>) -> bool {
        let mut asking = Asking {
            subject,
            found: vec![None; self.leaves.len()],
        };
        let before = hits.len();
        if !self
            .items
            .iter()
            .all(|item| asking.holds(item, Some(&mut *hits)))
        {
            hits.truncate(before);
            return false;
        }
        let new = &mut hits[before..];
        new.sort_unstable_by_key(|(leaf, range)| (range.start, range.end, *leaf));
        let mut seen: Option<Range<usize>> = None;
        let mut kept = before;
        for at in before..hits.len() {
            if seen.as_ref() != Some(&hits[at].1) {
                seen = Some(hits[at].1.clone());
                hits.swap(kept, at);
                kept += 1;
            }
        }
        hits.truncate(kept);
        true
    }
}

impl Check {
    fn of(expr: &Expr, leaves: &mut Vec<Leaf>) -> Self {
        let mut leaf = |leaf: Leaf| {
            leaves.push(leaf);
            leaves.len() - 1
        };
        let text = |term: &super::query::tree::Term| Leaf::Text {
            folded: term.folded.clone(),
            written: fold_written(&term.written),
        };
        match expr {
            Expr::And(items) => Check::All(items.iter().map(|i| Check::of(i, leaves)).collect()),
            Expr::Or(items) => Check::Any(items.iter().map(|i| Check::of(i, leaves)).collect()),
            Expr::Not(inner) => Check::Not(Box::new(Check::of(inner, leaves))),
            Expr::Text(term) => Check::Leaf(leaf(text(term))),
            Expr::Near {
                left,
                right,
                within,
                ordered,
                scope,
            } => Check::Near {
                left: leaf(text(left)),
                right: leaf(text(right)),
                within: (*scope == Scope::Paragraph).then_some(*within as usize),
                ordered: *ordered,
            },
            // A pattern is checked when the query is read: one that fails here matches nothing.
            Expr::Regex(pattern) => Check::Leaf(leaf(Leaf::Pattern(
                pattern.hir().unwrap_or_else(|_| Hir::fail()),
            ))),
            Expr::Condition(condition) => Check::Condition(condition.clone()),
        }
    }

    fn required(&self) -> Option<Vec<usize>> {
        match self {
            Check::All(items) => items
                .iter()
                .filter_map(Check::required)
                .min_by_key(Vec::len),
            Check::Any(items) => {
                let mut all = Vec::new();
                for item in items {
                    all.extend(item.required()?);
                }
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
            Check::Leaf(leaf) | Check::Near { left: leaf, .. } => Some(vec![*leaf]),
            Check::Not(_) | Check::Condition(_) => None,
        }
    }
}

/// The checks being asked of one article, with the matches of each leaf found so far.
struct Asking<'s> {
    subject: &'s mut dyn Subject,
    found: Vec<Option<Vec<Range<usize>>>>,
}

impl Asking<'_> {
    fn matches(&mut self, leaf: usize) -> &[Range<usize>] {
        let subject = &mut *self.subject;
        self.found[leaf].get_or_insert_with(|| {
            let mut out = Vec::new();
            subject.find(leaf, &mut out);
            out
        })
    }

    /// Whether `check` holds; if it does and `hits` is given, the hits that make it hold are
    /// added there.
    fn holds(&mut self, check: &Check, mut hits: Option<&mut Vec<LeafHit>>) -> bool {
        match check {
            Check::All(items) => {
                let before = hits.as_ref().map_or(0, |hits| hits.len());
                let all = items
                    .iter()
                    .all(|item| self.holds(item, hits.as_deref_mut()));
                if !all && let Some(hits) = hits {
                    hits.truncate(before);
                }
                all
            }
            Check::Any(items) => {
                if hits.is_none() {
                    return items.iter().any(|item| self.holds(item, None));
                }
                // Every alternative is asked, for the hits of each that holds.
                let mut any = false;
                for item in items {
                    any |= self.holds(item, hits.as_deref_mut());
                }
                any
            }
            Check::Not(inner) => !self.holds(inner, None),
            Check::Leaf(leaf) => {
                let leaf = *leaf;
                let matches = self.matches(leaf);
                let found = !matches.is_empty();
                if let Some(hits) = hits {
                    hits.extend(matches.iter().map(|range| (leaf, range.clone())));
                }
                found
            }
            Check::Near {
                left,
                right,
                within,
                ordered,
            } => self.near(*left, *right, *within, *ordered, hits),
            Check::Condition(condition) => self.subject.admits(condition),
        }
    }

    fn near(
        &mut self,
        left: usize,
        right: usize,
        within: Option<usize>,
        ordered: bool,
        hits: Option<&mut Vec<LeafHit>>,
    ) -> bool {
        let lefts = self.matches(left).to_vec();
        let rights = self.matches(right).to_vec();
        let (mut left_near, mut right_near) = (vec![false; lefts.len()], vec![false; rights.len()]);
        let text = self.subject.text();
        // Characters take at most four bytes: nothing further than this can be within reach.
        let reach = within.map_or(usize::MAX, |within| within.saturating_mul(4));
        for (l, a) in lefts.iter().enumerate() {
            let from = rights.partition_point(|b| b.end.saturating_add(reach) < a.start);
            for (r, b) in rights.iter().enumerate().skip(from) {
                if b.start > a.end.saturating_add(reach) {
                    break;
                }
                if close(text, a, b, within, ordered) {
                    left_near[l] = true;
                    right_near[r] = true;
                }
            }
        }
        let near = left_near.iter().any(|&n| n);
        if near && let Some(hits) = hits {
            let kept = |(matches, near): (Vec<Range<usize>>, Vec<bool>), leaf| {
                matches
                    .into_iter()
                    .zip(near)
                    .filter(|(_, near)| *near)
                    .map(move |(range, _)| (leaf, range))
            };
            hits.extend(kept((lefts, left_near), left));
            hits.extend(kept((rights, right_near), right));
        }
        near
    }
}

/// Whether `b` lies close enough to `a` in `text`: with `ordered`, after it; within `within`
/// characters of it and with no line feed between, unless `within` is `None` (anywhere in the
/// article). Matches that overlap are as close as can be.
fn close(
    text: &[u8],
    a: &Range<usize>,
    b: &Range<usize>,
    within: Option<usize>,
    ordered: bool,
) -> bool {
    let between = if b.start >= a.end {
        a.end..b.start
    } else if ordered {
        return false;
    } else if a.start >= b.end {
        b.end..a.start
    } else {
        return true;
    };
    let Some(within) = within else {
        return true;
    };
    let gap = text.get(between).unwrap_or_default();
    memchr::memchr(b'\n', gap).is_none()
        && gap.iter().filter(|&&byte| byte & 0xC0 != 0x80).count() <= within
}

#[cfg(test)]
mod tests;
