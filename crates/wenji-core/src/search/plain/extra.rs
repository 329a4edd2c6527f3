//! The query's extra items (`OR`, `-(…)`, proximity, patterns: [`crate::search::check`]) as the
//! per-article search asks them: the article's fields folded and laid end to end, each followed
//! by a line feed, as the scan lays them, so that both find the same.

use std::ops::Range;

use memchr::memmem::Finder;
use regex_automata::meta;

use crate::corpus::Article;
use crate::search::answer::Location;
use crate::search::check::{Checks, Leaf, LeafHit, Subject};
use crate::search::field::{Field, fields};
use crate::search::fold::{FoldMap, fold, fold_written};
use crate::search::query::tree::{compile, never};
use crate::search::query::{Condition, MetaText, Query};

/// The extra items of one query, for the per-article search.
#[derive(Debug, Clone)]
pub(super) struct Extra {
    checks: Checks,
    leaves: Vec<Searched>,
    /// Whether hits must be written as their terms are (scripts told apart).
    exact: bool,
}

#[derive(Debug, Clone)]
enum Searched {
    /// A term, folded, with what it must be written as in an exact-script search.
    Text(Box<Finder<'static>>, String),
    Pattern(meta::Regex),
}

impl Extra {
    /// The extra items of `query`, if it has any.
    pub fn new(query: &Query) -> Option<Self> {
        let checks = Checks::new(query);
        if checks.is_empty() {
            return None;
        }
        let leaves = checks
            .leaves()
            .iter()
            .map(|leaf| match leaf {
                Leaf::Text { folded, written } => Searched::Text(
                    Box::new(Finder::new(folded.as_bytes()).into_owned()),
                    written.clone(),
                ),
                Leaf::Pattern(hir) => Searched::Pattern(compile(hir).unwrap_or_else(|_| never())),
            })
            .collect();
        Some(Self {
            checks,
            leaves,
            exact: query.exact_script,
        })
    }

    /// Whether `article` (numbered `id`, from the file shown as `file`) meets the items; if it
    /// does, the hits that made them hold are added to `hits`.
    pub fn holds(&self, article: &Article, id: u32, file: &str, hits: &mut Vec<Location>) -> bool {
        let mut subject = Folded::of(self, article, file);
        let mut found: Vec<LeafHit> = Vec::new();
        if !self.checks.holds(&mut subject, &mut found) {
            return false;
        }
        hits.extend(found.into_iter().filter_map(|(leaf, range)| {
            let (field, range) = subject.original(range)?;
            Some(Location {
                article: id,
                field,
                range,
                term: self.checks.number(leaf),
            })
        }));
        true
    }
}

/// One article's fields folded end to end, as the checks ask it.
struct Folded<'a> {
    extra: &'a Extra,
    article: &'a Article,
    text: String,
    /// Each field, where its folded text starts, and how it maps back.
    pieces: Vec<(Field, usize, FoldMap)>,
    file: &'a str,
}

impl<'a> Folded<'a> {
    fn of(extra: &'a Extra, article: &'a Article, file: &'a str) -> Self {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for (field, original) in fields(article) {
            let folded = fold(original);
            pieces.push((field, text.len(), folded.map));
            text.push_str(&folded.text);
            text.push('\n');
        }
        Self {
            extra,
            article,
            text,
            pieces,
            file,
        }
    }

    /// The field and original bytes that `range` of the folded text covers.
    fn original(&self, range: Range<usize>) -> Option<(Field, Range<usize>)> {
        let piece = self
            .pieces
            .partition_point(|(_, start, _)| *start <= range.start)
            .checked_sub(1)?;
        let (field, start, map) = &self.pieces[piece];
        let from = range.start - start;
        Some((*field, map.original(from)..map.original(from + range.len())))
    }
}

impl Subject for Folded<'_> {
    fn text(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn find(&mut self, leaf: usize, out: &mut Vec<Range<usize>>) {
        match &self.extra.leaves[leaf] {
            Searched::Text(finder, written) => {
                let needle = finder.needle().len();
                let step = std::str::from_utf8(finder.needle())
                    .ok()
                    .and_then(|n| n.chars().next())
                    .map_or(1, char::len_utf8);
                let mut from = 0;
                // Left to right and never overlapping, as the terms' hits are found; an
                // exact-script search goes on from the second character of a match it turns
                // away, so a match it keeps is never hidden by one overlapping it.
                while let Some(start) = self
                    .text
                    .as_bytes()
                    .get(from..)
                    .and_then(|rest| finder.find(rest))
                    .map(|at| from + at)
                {
                    let range = start..start + needle;
                    if self.extra.exact
                        && self
                            .original(range.clone())
                            .is_none_or(|(field, original)| {
                                field
                                    .text(self.article)
                                    .get(original)
                                    .is_none_or(|text| fold_written(text) != *written)
                            })
                    {
                        from = start + step;
                        continue;
                    }
                    from = range.end.max(start + 1);
                    out.push(range);
                }
            }
            Searched::Pattern(regex) => {
                out.extend(regex.find_iter(&self.text).map(|m| m.range()));
            }
        }
    }

    fn admits(&self, condition: &Condition) -> bool {
        condition.admits(&MetaText::of(self.article, self.file).described())
    }
}
