//! The header line that says where an article is filed: its section and its tags, under the
//! byline (`眾聞 · #國安法 #香港`), dim like the info line.
//!
//! Only an article with tags has one. The section alone is already the reading pane's border
//! title, and a line for it would repeat the border (and move every line of the many articles
//! whose only such field is a section heading); with tags, the section leads the line so the two
//! read together, as a site shows "filed under · tagged".
//!
//! A line too wide for the pane is cut between tags, never inside one, so that no `#` is left at
//! the end of a row and no tag is split over two (the wrapping of prose would break between any
//! two ideographs); a single tag wider than the pane is wrapped as any text is.
//!
//! Search hits in the section and in tags count their bytes from the start of that field's own
//! text, so the line keeps where each starts in it: the browser adds that to a hit's range to
//! mark it on screen, as it does for the role within the byline.

use std::ops::Range;

use super::TextRef;
use crate::corpus::Article;
use crate::text::width::{AmbiguousWidth, str_width};

/// Between the section and the tags.
const AFTER_SECTION: &str = " · ";
/// Before each tag.
const MARK: &str = "#";

/// The laid-out tag line of a document, and where the section and each tag start in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagLine {
    pub text: TextRef,
    /// Where the section starts (0, it leads the line), when the article has one.
    pub section: Option<usize>,
    /// Where each of the article's tags starts, by its number (after its `#`); `None` for a tag
    /// with no text, which is not shown.
    pub tags: Vec<Option<usize>>,
}

impl TagLine {
    /// Where tag number `tag` starts in the line's text (after its `#`), when it is shown.
    pub fn tag(&self, tag: usize) -> Option<usize> {
        self.tags.get(tag).copied().flatten()
    }
}

/// The line's text before it is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Composed {
    pub(super) text: String,
    pub(super) section: Option<usize>,
    pub(super) tags: Vec<Option<usize>>,
    /// The bytes of each item shown (the section, each `#tag`), in order; a row may end only
    /// at the end of one and start only at the start of the next.
    items: Vec<Range<usize>>,
}

impl Composed {
    /// The line for `article`; `None` when the article has no tag with text.
    pub(super) fn of(article: &Article) -> Option<Self> {
        let tags = article.meta.tags();
        if tags.iter().all(String::is_empty) {
            return None;
        }
        let mut text = String::new();
        let mut items = Vec::new();
        let section = article
            .meta
            .section()
            .filter(|section| !section.is_empty())
            .map(|section| {
                text.push_str(section);
                items.push(0..text.len());
                0
            });
        let mut starts = Vec::with_capacity(tags.len());
        for tag in tags {
            if tag.is_empty() {
                starts.push(None);
                continue;
            }
            match (items.len(), section) {
                (0, _) => {}
                (1, Some(_)) => text.push_str(AFTER_SECTION),
                _ => text.push(' '),
            }
            let start = text.len();
            text.push_str(MARK);
            starts.push(Some(text.len()));
            text.push_str(tag);
            items.push(start..text.len());
        }
        Some(Self {
            text,
            section,
            tags: starts,
            items,
        })
    }

    /// The rows the line is shown in at `measure` columns: as many whole items on each as fit,
    /// the separator between two rows left out. An item wider than `measure` is a row alone.
    pub(super) fn rows(&self, measure: usize, ambiguous: AmbiguousWidth) -> Vec<Range<usize>> {
        let mut rows: Vec<Range<usize>> = Vec::new();
        for item in &self.items {
            if let Some(row) = rows.last_mut()
                && str_width(&self.text[row.start..item.end], ambiguous) <= measure
            {
                row.end = item.end;
            } else {
                rows.push(item.clone());
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(section: Option<&str>, tags: &[&str]) -> Article {
        let mut article = Article::default();
        article.meta.set_section(section.map(str::to_owned), None);
        article
            .meta
            .set_tags(tags.iter().map(|&t| t.to_owned()).collect());
        article
    }

    /// The text each offset points at, up to the next space.
    fn at(text: &str, start: usize) -> &str {
        let rest = &text[start..];
        rest.split(' ').next().unwrap_or(rest)
    }

    #[test]
    fn the_section_leads_and_each_tag_is_marked_and_found_by_its_offset() {
        let line = Composed::of(&article(Some("眾聞"), &["國安法", "香港"])).expect("a line");
        assert_eq!(line.text, "眾聞 · #國安法 #香港");
        assert_eq!(line.section, Some(0));
        let found: Vec<&str> = line
            .tags
            .iter()
            .map(|t| at(&line.text, t.expect("shown")))
            .collect();
        assert_eq!(found, ["國安法", "香港"]);
    }

    #[test]
    fn without_a_section_the_tags_stand_alone_and_an_empty_tag_is_not_shown() {
        let line = Composed::of(&article(None, &["", "經濟", "民生"])).expect("a line");
        assert_eq!(line.text, "#經濟 #民生");
        assert_eq!(line.section, None);
        assert_eq!(line.tags, [None, Some(1), Some(9)]);
    }

    #[test]
    fn an_article_without_tags_has_no_line_even_with_a_section() {
        assert_eq!(Composed::of(&article(Some("新声无限"), &[])), None);
        assert_eq!(Composed::of(&article(Some("新声无限"), &[""])), None);
    }

    #[test]
    fn a_narrow_pane_cuts_the_line_between_tags_never_inside_one() {
        let line = Composed::of(&article(
            Some("社會新聞"),
            &["國家安全", "香港特別行政區", "立法會", "基本法第二十三條"],
        ))
        .expect("a line");
        let rows = |measure| -> Vec<&str> {
            line.rows(measure, AmbiguousWidth::Narrow)
                .into_iter()
                .map(|row| &line.text[row])
                .collect()
        };
        assert_eq!(
            rows(200),
            ["社會新聞 · #國家安全 #香港特別行政區 #立法會 #基本法第二十三條"]
        );
        assert_eq!(
            rows(40),
            [
                "社會新聞 · #國家安全 #香港特別行政區",
                "#立法會 #基本法第二十三條"
            ]
        );
        // A tag wider than the pane is a row of its own, for the layout to wrap.
        assert_eq!(
            rows(10),
            [
                "社會新聞",
                "#國家安全",
                "#香港特別行政區",
                "#立法會",
                "#基本法第二十三條"
            ]
        );
    }
}
