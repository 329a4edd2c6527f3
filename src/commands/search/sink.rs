//! Where the lines of each file go once its search is done, in corpus order: straight out (the
//! corpus's order, as found), held back a whole article at a time for `--sort`, or counted into
//! the groups of `--by`. The in-memory sample and the stream over files both hand theirs here,
//! so the three behave alike whatever was searched.

use std::io::{self, Write};

use super::Options;
use super::by::Groups;
use super::print::Searched;
use crate::commands::sorted::Sorted;

/// What becomes of the lines.
pub enum Sink {
    /// Written as they come.
    Lines,
    /// Each article's lines kept, to be written in `--sort`'s order at the end.
    Sorted(Sorted),
    /// `--by`'s rows.
    Groups(Box<Groups>),
}

impl Sink {
    /// The sink `options` ask for.
    pub fn new(options: Options<'_>) -> Self {
        let json = options.format.is_json();
        if let Some(by) = options.by {
            return Self::Groups(Box::new(Groups::new(by, json, options.typed, options.sort)));
        }
        Sorted::new(options.sort).map_or(Self::Lines, Self::Sorted)
    }

    /// Takes what one corpus (a file, or the sample) gave, its articles numbered after `before`
    /// articles of the files before it. Whether anything was written to `out`.
    ///
    /// # Errors
    /// The first write error.
    pub fn take(
        &mut self,
        searched: &Searched,
        before: usize,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        match self {
            Self::Lines => {
                searched.printed.write_to(before, out)?;
                Ok(!searched.printed.is_empty())
            }
            Self::Sorted(sorted) => {
                searched.printed.each_article(before, |article, lines| {
                    if let Some(fact) = searched.facts.get(article) {
                        sorted.push(&fact.title, fact.date, fact.hits, lines);
                    }
                })?;
                Ok(false)
            }
            Self::Groups(groups) => groups.take(&searched.facts, before, out),
        }
    }

    /// Writes what was held back, and flushes `out`.
    ///
    /// # Errors
    /// The first write error.
    pub fn finish(self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Self::Lines => {}
            Self::Sorted(sorted) => sorted.write_to(out)?,
            Self::Groups(groups) => groups.finish(out)?,
        }
        out.flush()
    }
}
