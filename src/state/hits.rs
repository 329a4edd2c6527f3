//! Hits in the browser: highlights for the reader, going to a hit, and the concordance's
//! cursor — all from the answer's resolved locations.

use super::State;
use super::search::Highlight;
use crate::action::{Action, Pane};
use crate::corpus::Article;
use crate::layout::{Document, TextRef};
use crate::search::Field;

/// Lines above a revealed hit, so it is not on the pane's top edge.
const REVEAL_MARGIN: usize = 3;

impl State {
    /// Highlights for the article in the reader: every hit, the current one marked.
    /// What the reader marks: search hits, and paragraphs selected for copying.
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut marks = self.hit_highlights();
        if let Some(selected) = self.selected_paragraphs() {
            let article = &self.corpus.articles[self.reader.article()];
            marks.extend(selected.filter_map(|p| {
                let length = article.paragraphs.get(p)?.text.len();
                Some(Highlight {
                    text: TextRef::Paragraph(p),
                    range: 0..length,
                    current: false,
                    selection: true,
                })
            }));
        }
        marks
    }

    fn hit_highlights(&self) -> Vec<Highlight> {
        let (Some(search), Some(document)) = (&self.search, self.reader.document()) else {
            return Vec::new();
        };
        let article = self.reader.article();
        let Some(entry) = search.results.entry_of_article(article) else {
            return Vec::new();
        };
        let numbers = search.results.articles[entry].hits.clone();
        let corpus_article = &self.corpus.articles[article];
        numbers
            .zip(search.results.locations_of(entry))
            .filter_map(|(number, location)| {
                let (text, base) = field_place(document, corpus_article, location.field)?;
                let range = base + location.range.start..base + location.range.end;
                Some(Highlight {
                    text,
                    range,
                    current: search.current == Some(number),
                    selection: false,
                })
            })
            .collect()
    }

    /// Makes hit `hit` current: selects its article and brings it into view.
    pub(super) fn go_to_hit(&mut self, hit: usize) {
        let Some(search) = &mut self.search else {
            return;
        };
        let Some(entry) = search.results.entry_of_hit(hit) else {
            return;
        };
        search.current = Some(hit);
        if let Some(index) = self.rows.hit_index(hit) {
            search.kwic.select(index);
        }
        let article = search.results.articles[entry].article as usize;
        self.select_entry(entry);
        if article != self.reader.article() {
            self.reader.show(&self.corpus, article);
        }
        self.reveal_current();
    }

    /// Scrolls the reader so the current hit is in view.
    pub(super) fn reveal_current(&mut self) {
        let Some(search) = &self.search else {
            return;
        };
        let Some(located) = search.current.and_then(|i| search.results.location(i)) else {
            return;
        };
        let article = &self.corpus.articles[located.article as usize];
        let Some(document) = self.reader.document() else {
            return;
        };
        let Some((text, base)) = field_place(document, article, located.field) else {
            return;
        };
        self.reader.reveal(
            &self.corpus,
            (text, base + located.range.start),
            REVEAL_MARGIN,
        );
    }

    /// Whether the list pane shows the concordance.
    pub fn concordance_shown(&self) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.concordance && s.filters())
    }

    pub(super) fn concordance_focused(&self) -> bool {
        self.focus == Pane::List
            && self
                .search
                .as_ref()
                .is_some_and(|s| s.concordance && s.filters())
    }

    pub(super) fn move_concordance(&mut self, action: &Action) {
        let rows = self.list.rows().saturating_mul(2).cast_signed();
        let Some(search) = &mut self.search else {
            return;
        };
        match action {
            Action::MoveDown => search.kwic.move_by(1),
            Action::MoveUp => search.kwic.move_by(-1),
            Action::PageDown => search.kwic.move_by(rows),
            Action::PageUp => search.kwic.move_by(-rows),
            Action::Top => search.kwic.select(0),
            Action::Bottom => search.kwic.select(usize::MAX),
            _ => false,
        };
    }

    /// Goes to the hit selected in the concordance and reads it.
    pub(super) fn jump_to_concordance_hit(&mut self) {
        let Some(hit) = self
            .search
            .as_ref()
            .and_then(|s| self.rows.hit(s.kwic.selected()))
        else {
            return;
        };
        self.go_to_hit(hit);
        self.focus = Pane::Reader;
    }
}

/// Where a field's text sits in the reader's layout: the laid-out text and the offset of the
/// field within it. Tags are on the tag line under the byline, and so is the section of an
/// article with tags; a section without tags is shown in the border, not in the text.
pub(super) fn field_place(
    document: &Document,
    article: &Article,
    field: Field,
) -> Option<(TextRef, usize)> {
    let tag_line = document.tag_line.as_ref();
    match field {
        Field::Title => Some((document.title?, 0)),
        Field::Speaker => Some((document.byline?, 0)),
        Field::Role => {
            let speaker = article.meta.speaker().map_or(0, |s| s.len() + "（".len());
            Some((document.byline?, speaker))
        }
        Field::Credit => Some((document.credit?, "（".len())),
        Field::Paragraph(index) => Some((TextRef::Paragraph(index as usize), 0)),
        Field::Tag(index) => {
            let line = tag_line?;
            Some((line.text, line.tag(index as usize)?))
        }
        Field::Section => tag_line.and_then(|line| Some((line.text, line.section?))),
    }
}
