//! Line wrapping for body text.
//!
//! `wrap` turns one paragraph into display lines, each a byte range of the paragraph, so callers
//! can draw a line, map a search hit onto the lines it spans, or copy the original text. Lines are
//! never wider than the requested width unless a single grapheme cluster is wider than the whole
//! line, and a wide glyph never lands in a column it cannot fit in.
//!
//! Current rule: greedy fill over grapheme clusters; spaces at a break are consumed.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::width::{AmbiguousWidth, grapheme_width};

/// How to lay out one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapOptions {
    /// Columns available for a line, indent included.
    pub width: usize,
    /// Blank columns before the first line (two ideographic spaces are 4).
    pub first_indent: usize,
    /// How wide ambiguous characters are drawn.
    pub ambiguous: AmbiguousWidth,
}

/// One display line: a byte range of the paragraph and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Bytes of the paragraph shown on this line (break spaces excluded).
    pub range: Range<usize>,
    /// Blank columns before the text.
    pub indent: usize,
    /// Columns the text occupies, indent excluded.
    pub width: usize,
}

/// Wrap `text` (one paragraph, no newlines) into lines of at most `options.width` columns.
///
/// ```
/// use wenji::text::width::AmbiguousWidth;
/// use wenji::text::wrap::{wrap, WrapOptions};
/// let options = WrapOptions { width: 6, first_indent: 0, ambiguous: AmbiguousWidth::Narrow };
/// let lines = wrap("辽宁振兴新突破", &options);
/// let texts: Vec<&str> = lines.iter().map(|l| &"辽宁振兴新突破"[l.range.clone()]).collect();
/// assert_eq!(texts, ["辽宁振", "兴新突", "破"]);
/// ```
pub fn wrap(text: &str, options: &WrapOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    // An indent that would leave no room for a wide glyph is dropped rather than squeezed.
    let mut indent = if options.first_indent + 2 <= options.width {
        options.first_indent
    } else {
        0
    };
    let mut start = 0;
    let mut used = 0;
    let mut skipping_spaces = false;
    for (offset, grapheme) in text.grapheme_indices(true) {
        if skipping_spaces {
            if grapheme == " " {
                start = offset + grapheme.len();
                continue;
            }
            skipping_spaces = false;
        }
        let width = grapheme_width(grapheme, options.ambiguous);
        let budget = options.width.saturating_sub(indent);
        if used + width > budget && offset > start {
            let end = trim_end_spaces(text, start, offset);
            lines.push(Line {
                range: start..end,
                indent,
                width: used - (offset - end),
            });
            indent = 0;
            start = offset;
            used = 0;
            if grapheme == " " {
                skipping_spaces = true;
                start = offset + grapheme.len();
                continue;
            }
        }
        used += width;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(Line {
            range: start..text.len(),
            indent,
            width: used,
        });
    }
    lines
}

/// End of `text[start..end]` without trailing ASCII spaces (each one column wide).
fn trim_end_spaces(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::str_width;

    fn texts(text: &str, width: usize, indent: usize) -> Vec<String> {
        let options = WrapOptions {
            width,
            first_indent: indent,
            ambiguous: AmbiguousWidth::Narrow,
        };
        wrap(text, &options)
            .iter()
            .map(|l| text[l.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let text = "习近平总书记对辽宁高度重视、念兹在兹、充满期待。AI and GB/T 5.2%";
        for width in 2..40 {
            let options = WrapOptions {
                width,
                first_indent: 4,
                ambiguous: AmbiguousWidth::Narrow,
            };
            for line in wrap(text, &options) {
                let shown = &text[line.range.clone()];
                assert_eq!(line.width, str_width(shown, AmbiguousWidth::Narrow));
                assert!(line.indent + line.width <= width, "{shown:?} at {width}");
            }
        }
    }

    #[test]
    fn a_wide_glyph_never_takes_the_last_free_column() {
        assert_eq!(texts("ab中文", 3, 0), ["ab", "中", "文"]);
    }

    #[test]
    fn first_line_is_indented() {
        assert_eq!(texts("一二三四五", 8, 4), ["一二", "三四五"]);
    }

    #[test]
    fn spaces_at_a_break_are_consumed() {
        assert_eq!(texts("ab   cd", 3, 0), ["ab", "cd"]);
    }

    #[test]
    fn empty_paragraph_is_one_empty_line() {
        assert_eq!(texts("", 10, 0), [""]);
    }
}
