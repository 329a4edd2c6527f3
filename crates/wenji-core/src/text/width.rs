//! Display width in terminal columns, measured per grapheme cluster (UAX #11 via `unicode-width`).
//!
//! "Ambiguous" characters (`“ ” … — ·`, and letters such as `α ú ø`) are one column in most
//! terminals and two in CJK-configured ones; callers pass the setting explicitly so wrapping,
//! highlighting and the cursor always agree with what the terminal draws. In wide mode every
//! East Asian Ambiguous character counts 2, including the letters `unicode-width` keeps narrow
//! ([`super::ambiguous`]).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::ambiguous::widened_in_wide_mode;

/// How wide the terminal draws East Asian "ambiguous" characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AmbiguousWidth {
    /// One column, as most terminals do by default.
    #[default]
    Narrow,
    /// Two columns, as CJK-configured terminals do.
    Wide,
}

/// Columns one grapheme cluster occupies: 0, 1 or 2.
///
/// ```
/// use wenji_core::text::width::{grapheme_width, AmbiguousWidth};
/// assert_eq!(grapheme_width("中", AmbiguousWidth::Narrow), 2);
/// assert_eq!(grapheme_width("“", AmbiguousWidth::Narrow), 1);
/// assert_eq!(grapheme_width("“", AmbiguousWidth::Wide), 2);
/// assert_eq!(grapheme_width("α", AmbiguousWidth::Narrow), 1);
/// assert_eq!(grapheme_width("α", AmbiguousWidth::Wide), 2);
/// assert_eq!(grapheme_width("e\u{301}", AmbiguousWidth::Narrow), 1);
/// ```
pub fn grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    // Printable ASCII and common hanzi are most of every article; skip the tables for them.
    let mut chars = grapheme.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if (' '..='~').contains(&c) {
            return 1;
        }
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return 2;
        }
    }
    let width = match ambiguous {
        AmbiguousWidth::Narrow => grapheme.width(),
        // A letter keeps its accents in the same cell: the cluster is as wide as its base.
        AmbiguousWidth::Wide => match grapheme.width_cjk() {
            1 if grapheme.chars().next().is_some_and(widened_in_wide_mode) => 2,
            width => width,
        },
    };
    width.min(2)
}

/// Columns a whole string occupies, summed over its grapheme clusters.
///
/// ```
/// use wenji_core::text::width::{str_width, AmbiguousWidth};
/// assert_eq!(str_width("辽宁AI", AmbiguousWidth::Narrow), 6);
/// ```
pub fn str_width(text: &str, ambiguous: AmbiguousWidth) -> usize {
    text.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcut_widths_agree_with_the_tables() {
        for c in (' '..='~').chain('\u{4E00}'..='\u{9FFF}') {
            let text = c.to_string();
            assert_eq!(
                grapheme_width(&text, AmbiguousWidth::Narrow),
                text.width(),
                "{c:?}"
            );
            assert_eq!(
                grapheme_width(&text, AmbiguousWidth::Wide),
                text.width_cjk(),
                "{c:?}"
            );
        }
    }
}
