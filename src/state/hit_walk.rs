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
        let count = search.results.hit_count();
        if count == 0 {
            self.message = Some("no hits".to_owned());
            return;
        }
        let forward = delta > 0;
        let next = match self.current_in_view() {
            Some(current) => current.checked_add_signed(delta).filter(|&n| n < count),
            None => self.hit_from_view(forward),
        };
        let next = next.unwrap_or_else(|| {
            let (end, hit) = if forward {
                ("first", 0)
            } else {
                ("last", count - 1)
            };
            self.message = Some(format!("search wrapped to the {end} hit"));
            hit
        });
        self.go_to_hit(next);
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
        if forward {
            let after = entry + usize::from(here.is_some());
            entries.get(after).map(|a| a.hits.start)
        } else {
            let before = entry.checked_sub(1)?;
            entries.get(before).map(|a| a.hits.end.saturating_sub(1))
        }
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
