//! `n` and `N`: the next or previous hit from the position in view, as less and vim search on
//! from where the reader is rather than from a remembered hit. After `:12`, a bookmark, a click
//! or scrolling, `n` goes to the first hit at or below the top of the reading pane (in this
//! article or a later one) and `N` to the last one above it; only while the current hit is on
//! screen do they step from it.
//!
//! A hit is compared with the top of the view by its place in reading order (which text, then
//! which byte), so nothing beyond the screen is laid out; an article's hits are in reading order,
//! so the comparison is a bisection over the article's locations.

use super::State;
use super::hits::field_place;
use crate::corpus::Article;
use crate::layout::{DocLine, Document, TextRef};
use crate::search::Location;

/// A position in an article's reading order: which text (see [`order`]), then a byte in it.
type Place = (usize, usize);

/// Where a hit in a section name sits when it is shown in the border, above the text (an
/// article with tags shows it on its tag line instead).
const SECTION: Place = (2, 0);

impl State {
    /// Goes to the hit after (`delta` 1) or before (-1) the position in view, wrapping at the
    /// ends with a notice.
    pub(super) fn step_hit(&mut self, delta: isize) {
        // Hits are shown in the article's text, so the walk starts from there.
        if self.reader.is_raw() {
            self.reader.toggle_raw(&self.corpus);
        }
        let Some(search) = &self.search else { return };
        let count = self.rows.hits(search.results.hit_count());
        if count == 0 {
            self.message = Some("no hits".to_owned());
            return;
        }
        let forward = delta > 0;
        let next = match self.current_in_view() {
            Some(current) => self.hit_after(current, forward),
            None => self.hit_from_view(forward),
        };
        let next = next.or_else(|| {
            let (end, index) = if forward {
                ("first", 0)
            } else {
                ("last", count - 1)
            };
            self.message = Some(format!("search wrapped to the {end} hit"));
            self.rows.hit(index)
        });
        if let Some(next) = next {
            self.go_to_hit(next);
        }
    }

    /// The hit after (or before) `current`: the next one counted, or, from a hit in a copy
    /// being read (a copy's hits are not counted), the next in that copy and then the next
    /// article's. `None` past either end.
    fn hit_after(&self, current: usize, forward: bool) -> Option<usize> {
        let search = self.search.as_ref()?;
        let count = self.rows.hits(search.results.hit_count());
        if let Some(index) = self.rows.hit_index(current) {
            let next = if forward {
                index + 1
            } else {
                index.checked_sub(1)?
            };
            return (next < count).then(|| self.rows.hit(next)).flatten();
        }
        let entry = search.results.entry_of_hit(current)?;
        let hits = &search.results.articles[entry].hits;
        match forward {
            true if current + 1 < hits.end => Some(current + 1),
            false if current > hits.start => Some(current - 1),
            true => self.counted_entry_hit(entry + 1, true),
            false => self.counted_entry_hit(entry, false),
        }
    }

    /// The first hit of the first counted article at or after entry `entry` (`forward`), or
    /// the last hit of the last one before it.
    fn counted_entry_hit(&self, entry: usize, forward: bool) -> Option<usize> {
        let entries = &self.search.as_ref()?.results.articles;
        if forward {
            (entry..entries.len())
                .find(|&e| self.rows.counts(e))
                .map(|e| entries[e].hits.start)
        } else {
            (0..entry)
                .rev()
                .find(|&e| self.rows.counts(e))
                .map(|e| entries[e].hits.end.saturating_sub(1))
        }
    }

    /// The current hit, when it is on screen (a hit in the section name, shown in the border,
    /// is on screen whenever its article is).
    fn current_in_view(&self) -> Option<usize> {
        let (search, document) = (self.search.as_ref()?, self.reader.document()?);
        let current = search.current?;
        let located = search.results.location(current)?;
        if located.article as usize != self.reader.article() {
            return None;
        }
        let article = &self.corpus.articles[self.reader.article()];
        let Some((text, base)) = field_place(document, article, located.field) else {
            return Some(current);
        };
        let offset = base + located.range.start;
        let top = self.reader.top().min(document.lines.len());
        let bottom = (top + self.reader.height()).min(document.lines.len());
        document.lines[top..bottom]
            .iter()
            .any(|line| shows(line, text, offset))
            .then_some(current)
    }

    /// The first hit at or after the top of the view (`forward`), or the last one before it;
    /// `None` past either end of the results.
    fn hit_from_view(&self, forward: bool) -> Option<usize> {
        let (search, document) = (self.search.as_ref()?, self.reader.document()?);
        let reading = self.reader.article();
        let entries = &search.results.articles;
        let entry = entries.partition_point(|a| (a.article as usize) < reading);
        let here = entries.get(entry).filter(|a| a.article as usize == reading);
        if let Some(here) = here {
            let article = &self.corpus.articles[reading];
            let top = top_place(document, self.reader.top());
            let hits = search.results.locations_of(entry);
            let above = hits.partition_point(|hit| place(document, article, hit) < top);
            let found = if forward {
                (above < hits.len()).then_some(above)
            } else {
                above.checked_sub(1)
            };
            if let Some(found) = found {
                return Some(here.hits.start + found);
            }
        }
        let from = if forward {
            entry + usize::from(here.is_some())
        } else {
            entry
        };
        self.counted_entry_hit(from, forward)
    }
}

/// Whether `line` shows byte `offset` of `text`.
fn shows(line: &DocLine, text: TextRef, offset: usize) -> bool {
    line.text == text && line.range.contains(&offset)
}

/// Where `hit` is in its article's reading order.
fn place(document: &Document, article: &Article, hit: &Location) -> Place {
    field_place(document, article, hit.field).map_or(SECTION, |(text, base)| {
        (order(document, text), base + hit.range.start)
    })
}

/// Where the top of the view is in reading order: the first line from `top` that shows text
/// (a blank line belongs to what follows it), or the article's end.
fn top_place(document: &Document, top: usize) -> Place {
    document
        .lines
        .iter()
        .skip(top)
        .find(|line| line.text != TextRef::None)
        .map_or((usize::MAX, usize::MAX), |line| {
            (order(document, line.text), line.range.start)
        })
}

/// The rank of a text in reading order: title, byline, the section (in the border), the tag
/// line, the info line, then the paragraphs and last the credit: the order of an article's hits
/// (`search::field::fields`).
fn order(document: &Document, text: TextRef) -> usize {
    match text {
        _ if Some(text) == document.title => 0,
        _ if Some(text) == document.byline => 1,
        _ if Some(text) == document.credit => usize::MAX,
        _ if document
            .tag_line
            .as_ref()
            .is_some_and(|line| line.text == text) =>
        {
            3
        }
        TextRef::Paragraph(index) => index.saturating_add(5),
        TextRef::Owned(_) => 4,
        TextRef::Source | TextRef::None => 0,
    }
}
