//! The article list's state: the selection and the first visible entry.

/// Selection and scroll of a list of `len` entries, `rows` of them visible.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ListCursor {
    selected: usize,
    offset: usize,
    rows: usize,
    len: usize,
}

impl ListCursor {
    pub fn new(len: usize) -> Self {
        Self {
            selected: 0,
            offset: 0,
            rows: 1,
            len,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first visible entry.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Entries visible at once.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn set_rows(&mut self, rows: usize) {
        self.rows = rows.max(1);
        self.keep_selection_visible();
    }

    /// Moves the selection by `delta`, stopping at either end; returns whether it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        let last = self.len.saturating_sub(1);
        self.select(self.selected.saturating_add_signed(delta).min(last))
    }

    /// Selects `index` (clamped); returns whether the selection changed.
    pub fn select(&mut self, index: usize) -> bool {
        let index = index.min(self.len.saturating_sub(1));
        let changed = index != self.selected;
        self.selected = index;
        self.keep_selection_visible();
        changed
    }

    /// Entries in the list.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Changes how many entries there are, keeping the selection where it can be.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
        self.keep_selection_visible();
    }

    pub fn is_last(&self) -> bool {
        self.selected + 1 >= self.len
    }

    fn keep_selection_visible(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.rows {
            self.offset = self.selected + 1 - self.rows;
        }
        self.offset = self.offset.min(self.len.saturating_sub(self.rows));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_in_view_when_moving_past_the_bottom() {
        let mut list = ListCursor::new(10);
        list.set_rows(3);
        list.move_by(4);
        assert_eq!((list.selected(), list.offset()), (4, 2));
        list.move_by(-4);
        assert_eq!((list.selected(), list.offset()), (0, 0));
    }

    #[test]
    fn moving_stops_at_the_ends() {
        let mut list = ListCursor::new(3);
        assert!(!list.move_by(-1));
        assert!(list.move_by(10));
        assert_eq!(list.selected(), 2);
        assert!(list.is_last());
    }
}
