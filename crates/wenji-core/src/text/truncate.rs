//! Fitting a one-line string into a number of columns, for titles in lists and status lines.

use unicode_segmentation::UnicodeSegmentation;

use super::width::{AmbiguousWidth, grapheme_width, str_width};

/// Marks text cut short. Three full stops, not `…`, which is ambiguous-width.
const ELLIPSIS: &str = "...";

/// `text` cut to at most `columns` columns, ending in `...` when something was cut.
///
/// ```
/// use std::borrow::Cow;
/// use wenji_core::text::truncate::truncate;
/// use wenji_core::text::width::AmbiguousWidth;
/// assert_eq!(truncate("打造向北开放新高地", 10, AmbiguousWidth::Narrow), "打造向...");
/// assert!(matches!(truncate("辽宁", 4, AmbiguousWidth::Narrow), Cow::Borrowed("辽宁")));
/// ```
pub fn truncate(
    text: &str,
    columns: usize,
    ambiguous: AmbiguousWidth,
) -> std::borrow::Cow<'_, str> {
    if str_width(text, ambiguous) <= columns {
        return text.into();
    }
    let budget = columns.saturating_sub(ELLIPSIS.len());
    let mut used = 0;
    let mut end = 0;
    for (offset, grapheme) in text.grapheme_indices(true) {
        let width = grapheme_width(grapheme, ambiguous);
        if used + width > budget {
            break;
        }
        used += width;
        end = offset + grapheme.len();
    }
    if columns < ELLIPSIS.len() {
        return text[..end].to_owned().into();
    }
    format!("{}{ELLIPSIS}", &text[..end]).into()
}
