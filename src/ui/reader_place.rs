//! Where the reading pane's text was drawn, so the app can tell when the next frame scrolls it
//! and offer the terminal the move ([`crate::wire::Scroll`]).
//!
//! A terminal scrolls whole rows, so beside the list every moved row carries a slice of the list
//! that must then be drawn again; the screen takes the offer only when it sends fewer bytes, which
//! it always does when the reader spans the width (full-width reading with `z`, or a narrow
//! terminal). The guess needs only to be good: the frame is diffed against the moved screen, so
//! whatever the move did not bring is drawn anyway.

use super::layout::Areas;
use crate::state::State;
use crate::wire::Scroll;

/// The reading pane as one frame draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderPlace {
    areas: Areas,
    article: usize,
    raw: bool,
    /// The first document line shown.
    top: usize,
}

impl ReaderPlace {
    /// The reader about to be drawn in `areas`, when it is shown with its text laid out.
    pub fn of(state: &State, areas: Areas) -> Option<Self> {
        let shown = !areas.reader.is_empty() && state.reader.document().is_some();
        shown.then(|| Self {
            areas,
            article: state.reader.article(),
            raw: state.reader.is_raw(),
            top: state.reader.top(),
        })
    }

    /// How the rows drawn at `self` move to show `next`: `None` unless the same text scrolled in
    /// the same layout.
    pub fn scroll_to(&self, next: &Self) -> Option<Scroll> {
        if (self.areas, self.article, self.raw) != (next.areas, next.article, next.raw) {
            return None;
        }
        let text = self.areas.reader_text();
        let by = i32::try_from(next.top).ok()? - i32::try_from(self.top).ok()?;
        Scroll::new(text.top()..text.bottom(), by)
    }
}
