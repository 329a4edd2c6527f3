//! A lookup ends in a quote: copying paragraphs (with their citation) and keeping bookmarks.
//!
//! The state decides *what* to copy or bookmark; the app loop does the sending and the saving
//! (an [`Effect`]), since both touch the outside world.

use super::{Effect, Modal, State};
use crate::action::{Action, Pane};
use crate::citation::{CiteFields, cite, quote};
use crate::layout::TextRef;
use crate::persist::BookmarkId;
use crate::search::Field;

/// A bookmark as the bookmarks list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    /// Which saved bookmark it is (for deleting it).
    pub id: BookmarkId,
    /// The article in this corpus, if it is still there.
    pub article: Option<usize>,
    pub paragraph: usize,
    pub title: String,
    pub snippet: String,
    pub note: String,
    /// The paragraph is past the end of its (shrunken) file.
    pub stale: bool,
}

impl State {
    /// The paragraph a copy or bookmark is about: the current hit's when searching this article,
    /// else the one at the top of the reader.
    fn target_paragraph(&self) -> Option<usize> {
        if let Some(search) = &self.search
            && let Some(located) = search.current.and_then(|i| search.results.location(i))
            && let (Field::Paragraph(p), true) = (
                located.field,
                located.article as usize == self.reader.article(),
            )
        {
            return Some(p as usize);
        }
        let document = self.reader.document()?;
        document.paragraph_at(self.reader.top())
    }

    /// Builds the text for `y`, `Y` or `c`.
    pub(super) fn copy(&mut self, action: &Action) -> Effect {
        let selected = self.selection().map(|(a, c)| (a.min(c), a.max(c)));
        self.close_modal(|modal| matches!(modal, Modal::Selection { .. }));
        let article = &self.corpus.articles[self.reader.article()];
        let Some((first, last)) = selected.or_else(|| self.target_paragraph().map(|p| (p, p)))
        else {
            self.message = Some("no paragraph in view to copy".to_owned());
            return Effect::None;
        };
        let last = last.min(article.paragraphs.len().saturating_sub(1));
        if first > last || article.paragraphs.is_empty() {
            self.message = Some("no paragraph in view to copy".to_owned());
            return Effect::None;
        }
        let fields = CiteFields::for_paragraphs(&self.corpus, article, first..=last);
        let citation = cite(&self.citation_template, &fields);
        let count = last - first + 1;
        let paragraphs = if count == 1 {
            "1 paragraph".to_owned()
        } else {
            format!("{count} paragraphs")
        };
        let texts: Vec<&str> = article.paragraphs[first..=last]
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        let (text, what) = match action {
            Action::CopyCitation => (citation, "the citation".to_owned()),
            Action::YankCited => (
                quote(&texts, Some(&citation)),
                format!("{paragraphs} + citation"),
            ),
            _ => (quote(&texts, None), paragraphs),
        };
        Effect::Copy { text, what }
    }

    pub(super) fn start_selection(&mut self) {
        if let Some(paragraph) = self.target_paragraph() {
            self.modal = Some(Modal::Selection {
                anchor: paragraph,
                cursor: paragraph,
            });
            self.focus = Pane::Reader;
            self.message = Some(self.keys.selecting.clone());
        }
    }

    pub(super) fn extend_selection(&mut self, action: &Action) {
        let Some((anchor, cursor)) = self.selection() else {
            return;
        };
        let last = self.corpus.articles[self.reader.article()]
            .paragraphs
            .len()
            .saturating_sub(1);
        let cursor = match action {
            Action::MoveDown => (cursor + 1).min(last),
            _ => cursor.saturating_sub(1),
        };
        self.modal = Some(Modal::Selection { anchor, cursor });
        self.reader
            .reveal(&self.corpus, (TextRef::Paragraph(cursor), 0), 2);
        let (first, end) = (anchor.min(cursor), anchor.max(cursor));
        self.message = Some(format!(
            "selecting paragraphs {}-{}: {}",
            first + 1,
            end + 1,
            self.keys.extending
        ));
    }

    /// The paragraphs selected, for the reader to mark.
    pub fn selected_paragraphs(&self) -> Option<std::ops::RangeInclusive<usize>> {
        self.selection().map(|(a, c)| a.min(c)..=a.max(c))
    }

    pub(super) fn toggle_bookmark(&mut self) -> Effect {
        let Some(paragraph) = self.target_paragraph() else {
            self.message = Some("no paragraph in view to bookmark".to_owned());
            return Effect::None;
        };
        Effect::ToggleBookmark {
            article: self.reader.article(),
            paragraph,
        }
    }
}
