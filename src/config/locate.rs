//! Byte offsets of a config or theme file turned into the 1-based line and column a message
//! names, cheaply for many messages: the file's line starts are found once, and a message after
//! the one before it counts on from there, so a file with thousands of problems is still read in
//! time proportional to its length.

use std::cell::Cell;

/// The line starts of one text, and where the last position asked for was.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
    /// The last position found: (byte offset, line index, column), to count on from.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// 1-based line and column (in characters) of a byte offset; an offset inside a character
    /// or past the end counts from the nearest boundary before.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let (last_offset, last_line, last_col) = self.last.get();
        let col = if last_line == line && last_offset <= offset {
            last_col + text[last_offset..offset].chars().count()
        } else {
            text[self.starts[line]..offset].chars().count() + 1
        };
        self.last.set((offset, line, col));
        (line + 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::error::line_col;

    #[test]
    fn every_offset_is_where_a_count_from_the_start_puts_it() {
        let text = "a = 1\n题 = \"x\"\n\nlast line, no newline 字";
        let locator = Locator::new(text);
        let offsets: Vec<usize> = (0..=text.len() + 2).chain([7, 3, 30, 0]).collect();
        for offset in offsets {
            assert_eq!(
                locator.line_col(offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
    }
}
