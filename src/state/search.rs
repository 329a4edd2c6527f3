//! Incremental search in the browser: the search line, the results as they stream in, the
//! current hit, and the way back to where the reader was.
//!
//! Every change to the query becomes a [`Job`] for the worker (an [`Effect`]); results come back
//! through [`State::on_search`], tagged with their generation, and anything stale is dropped. Until
//! the first batch of a new query arrives the previous results stay on screen, so the list never
//! flickers empty between keystrokes.

use std::ops::Range;

use ratatui_textarea::{CursorMove, TextArea};

use super::{Effect, Focus, ListCursor, State};
use crate::action::Action;
use crate::layout::{Document, TextRef};
use crate::search::engine::Results;
use crate::search::hit::locate;
use crate::search::index::Field;
use crate::search::query::Query;
use crate::search::worker::{Job, Update};

/// Queries remembered for ↑/↓ in the search line.
const HISTORY: usize = 100;
/// Lines above a revealed hit, so it is not on the pane's top edge.
const REVEAL_MARGIN: usize = 3;

/// A search being typed or browsed.
#[derive(Debug)]
pub struct Search {
    pub input: TextArea<'static>,
    /// The search line has the keyboard.
    pub typing: bool,
    /// The list pane shows the concordance (one row per hit) instead of matching articles.
    pub concordance: bool,
    /// Selection in the concordance: an index into `results.hits`.
    pub kwic: ListCursor,
    /// The query of the latest generation.
    pub query: Query,
    generation: u64,
    /// What the list shows: the latest generation's results once its first batch arrived.
    pub results: Results,
    results_generation: u64,
    /// The latest query's scan is still running.
    pub running: bool,
    /// The last query whose scan completed, with its matching articles.
    complete: Option<(Query, Vec<u32>)>,
    /// The current hit, an index into `results.hits`.
    pub current: Option<usize>,
    /// Where the reader was before `/`, for Esc.
    saved: Saved,
    history_cursor: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Saved {
    article: usize,
    top: usize,
    focus: Focus,
}

/// A stretch of a displayed text to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub text: TextRef,
    pub range: Range<usize>,
    pub current: bool,
}

impl Search {
    /// Whether the list shows only matching articles.
    pub fn filters(&self) -> bool {
        !self.query.is_empty()
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// The position in `results.articles` of the entry holding hit `hit`.
    fn entry_of_hit(&self, hit: usize) -> Option<usize> {
        let entry = self.results.articles.partition_point(|a| a.hits.end <= hit);
        (entry < self.results.articles.len()).then_some(entry)
    }
}

impl State {
    /// Applies a search action.
    pub(super) fn update_search(&mut self, action: Action) -> Effect {
        match action {
            Action::StartSearch => self.start_search(),
            Action::SearchSubmit => self.submit_search(),
            Action::SearchCancel => self.cancel_search(),
            Action::ClearSearch => self.clear_search(),
            Action::NextHit => self.step_hit(1),
            Action::PreviousHit => self.step_hit(-1),
            Action::SearchSelectNext => self.step_entry(1),
            Action::SearchSelectPrevious => self.step_entry(-1),
            Action::ToggleConcordance => {
                if let Some(search) = &mut self.search {
                    search.concordance = !search.concordance;
                }
            }
            Action::HistoryPrevious | Action::HistoryNext => {
                self.recall(matches!(action, Action::HistoryPrevious));
                return self.query_changed();
            }
            edit => {
                let Some(search) = &mut self.search else {
                    return Effect::None;
                };
                edit_input(&mut search.input, edit);
                return self.query_changed();
            }
        }
        Effect::None
    }

    /// Takes an update from the search worker.
    pub fn on_search(&mut self, update: Update) {
        match update {
            Update::Ready { index } => self.index = Some(index),
            Update::Batch {
                generation,
                results,
            } => self.receive(generation, results),
            Update::Done {
                generation,
                complete,
            } => {
                let Some(search) = &mut self.search else {
                    return;
                };
                if generation != search.generation {
                    return;
                }
                search.running = false;
                if search.results_generation != generation {
                    self.receive(generation, Results::default());
                }
                if let Some(search) = &mut self.search
                    && complete
                {
                    search.complete = Some((search.query.clone(), search.results.article_ids()));
                }
            }
        }
    }

    /// The article the list selection stands for.
    pub fn selected_article(&self) -> Option<usize> {
        match &self.search {
            Some(search) if search.filters() => search
                .results
                .articles
                .get(self.list.selected())
                .map(|a| a.article as usize),
            _ => Some(self.list.selected()),
        }
    }

    /// Shows the selected article in the reader (its first hit in view, when searching).
    pub(super) fn show_selected(&mut self) {
        let Some(article) = self.selected_article() else {
            return;
        };
        if article != self.reader.article() {
            self.reader.show(&self.corpus, article);
        }
        let first_hit = self.search.as_ref().and_then(|s| {
            s.results
                .articles
                .get(self.list.selected())
                .map(|a| a.hits.start)
        });
        if let (Some(hit), Some(search)) = (first_hit, &mut self.search) {
            search.current = Some(hit);
            self.reveal_current();
        }
    }

    /// Highlights for the article in the reader: every hit, the current one marked.
    pub fn highlights(&self) -> Vec<Highlight> {
        let (Some(search), Some(index), Some(document)) =
            (&self.search, &self.index, self.reader.document())
        else {
            return Vec::new();
        };
        let article = self.reader.article();
        let Ok(entry) = search
            .results
            .articles
            .binary_search_by_key(&article, |a| a.article as usize)
        else {
            return Vec::new();
        };
        let range = search.results.articles[entry].hits.clone();
        let corpus_article = &self.corpus.articles[article];
        range
            .clone()
            .zip(&search.results.hits[range])
            .filter_map(|(number, hit)| {
                let located = locate(index, hit);
                let (text, base) = field_place(document, corpus_article, located.field)?;
                let range = base + located.range.start..base + located.range.end;
                Some(Highlight {
                    text,
                    range,
                    current: search.current == Some(number),
                })
            })
            .collect()
    }

    /// Whether the list pane shows the concordance.
    pub fn concordance_shown(&self) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.concordance && s.filters())
    }

    pub(super) fn concordance_focused(&self) -> bool {
        self.focus == Focus::List
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
        let Some(hit) = self.search.as_ref().map(|s| s.kwic.selected()) else {
            return;
        };
        self.go_to_hit(hit);
        self.focus = Focus::Reader;
    }

    fn start_search(&mut self) {
        let saved = Saved {
            article: self.reader.article(),
            top: self.reader.top(),
            focus: self.focus,
        };
        if let Some(search) = &mut self.search {
            search.typing = true;
            search.input.move_cursor(CursorMove::End);
            return;
        }
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::new());
        self.search = Some(Search {
            input,
            typing: true,
            concordance: false,
            kwic: ListCursor::new(0),
            query: Query::default(),
            generation: 0,
            results: Results::default(),
            results_generation: 0,
            running: false,
            complete: None,
            current: None,
            saved,
            history_cursor: None,
        });
    }

    fn submit_search(&mut self) {
        let Some(search) = &mut self.search else {
            return;
        };
        search.typing = false;
        let text = search.text();
        if !text.trim().is_empty() {
            self.history.retain(|h| *h != text);
            self.history.push(text);
            if self.history.len() > HISTORY {
                self.history.remove(0);
            }
        }
        if self.concordance_focused() {
            self.jump_to_concordance_hit();
        } else if self.search.as_ref().is_some_and(|s| !s.filters()) {
            self.clear_search();
        }
    }

    fn cancel_search(&mut self) {
        let Some(search) = self.search.take() else {
            return;
        };
        let saved = search.saved;
        self.list.set_len(self.corpus.articles.len());
        self.list.select(saved.article);
        self.reader.show(&self.corpus, saved.article);
        self.reader.scroll_by(&self.corpus, saved.top.cast_signed());
        self.focus = saved.focus;
    }

    fn clear_search(&mut self) {
        if self.search.take().is_none() {
            return;
        }
        let article = self.reader.article();
        self.list.set_len(self.corpus.articles.len());
        self.list.select(article);
    }

    /// Issues a job for the query now in the search line, if it changed.
    fn query_changed(&mut self) -> Effect {
        let Some(search) = &mut self.search else {
            return Effect::None;
        };
        let query = Query::parse(&search.text());
        if query == search.query {
            return Effect::None;
        }
        self.generations += 1;
        let scope = search
            .complete
            .as_ref()
            .filter(|(previous, _)| query.narrows(previous))
            .map(|(_, articles)| articles.clone());
        search.generation = self.generations;
        search.query = query.clone();
        search.running = !query.is_empty();
        if query.is_empty() {
            search.results = Results::default();
            search.results_generation = self.generations;
            search.current = None;
            let article = self.reader.article();
            self.list.set_len(self.corpus.articles.len());
            self.list.select(article);
        }
        Effect::Search(Job {
            generation: self.generations,
            query,
            scope,
        })
    }

    fn receive(&mut self, generation: u64, results: Results) {
        let Some(search) = &mut self.search else {
            return;
        };
        if generation != search.generation {
            return;
        }
        let first = search.results_generation != generation;
        if first {
            search.results = results;
            search.results_generation = generation;
            search.current = None;
            search.kwic = ListCursor::new(0);
        } else {
            search.results.append(results);
        }
        let (articles, hits) = (search.results.articles.len(), search.results.hits.len());
        search.kwic.set_len(hits);
        self.list.set_len(articles);
        if first {
            self.list.select(0);
            self.show_selected();
        }
    }

    fn step_entry(&mut self, delta: isize) {
        if self.list.move_by(delta) {
            self.show_selected();
        }
    }

    fn step_hit(&mut self, delta: isize) {
        let Some(search) = &self.search else { return };
        let count = search.results.hits.len();
        if count == 0 {
            self.message = Some("no hits".to_owned());
            return;
        }
        let next = match search.current {
            None => 0,
            Some(current) => {
                let next = current.cast_signed() + delta;
                if next < 0 {
                    self.message = Some("search wrapped to the last hit".to_owned());
                    count - 1
                } else if next.cast_unsigned() >= count {
                    self.message = Some("search wrapped to the first hit".to_owned());
                    0
                } else {
                    next.cast_unsigned()
                }
            }
        };
        self.go_to_hit(next);
    }

    /// Makes hit `hit` current: selects its article and brings it into view.
    fn go_to_hit(&mut self, hit: usize) {
        let Some(search) = &mut self.search else {
            return;
        };
        let Some(entry) = search.entry_of_hit(hit) else {
            return;
        };
        search.current = Some(hit);
        search.kwic.select(hit);
        self.list.select(entry);
        let article = search.results.articles[entry].article as usize;
        if article != self.reader.article() {
            self.reader.show(&self.corpus, article);
        }
        self.reveal_current();
    }

    /// Scrolls the reader so the current hit is in view.
    fn reveal_current(&mut self) {
        let (Some(search), Some(index)) = (&self.search, &self.index) else {
            return;
        };
        let Some(hit) = search.current.and_then(|i| search.results.hits.get(i)) else {
            return;
        };
        let located = locate(index, hit);
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

    fn recall(&mut self, older: bool) {
        let Some(search) = &mut self.search else {
            return;
        };
        if self.history.is_empty() {
            return;
        }
        let last = self.history.len() - 1;
        let cursor = match (search.history_cursor, older) {
            (None, true) => Some(last),
            (Some(at), true) => Some(at.saturating_sub(1)),
            (Some(at), false) if at < last => Some(at + 1),
            (_, false) => None,
        };
        search.history_cursor = cursor;
        let text = cursor.map_or("", |at| self.history[at].as_str());
        let mut input = TextArea::new(vec![text.to_owned()]);
        input.set_cursor_line_style(ratatui::style::Style::new());
        input.move_cursor(CursorMove::End);
        search.input = input;
    }
}

/// Applies an editing action to the search line.
fn edit_input(input: &mut TextArea<'static>, action: Action) {
    match action {
        Action::SearchInput(c) => input.insert_char(c),
        Action::SearchPaste(text) => {
            let one_line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            input.insert_str(one_line);
        }
        Action::SearchBackspace => {
            input.delete_char();
        }
        Action::SearchDelete => {
            input.delete_next_char();
        }
        Action::SearchDeleteWord => {
            input.delete_word();
        }
        Action::SearchClear => {
            input.move_cursor(CursorMove::End);
            input.delete_line_by_head();
        }
        Action::SearchLeft => input.move_cursor(CursorMove::Back),
        Action::SearchRight => input.move_cursor(CursorMove::Forward),
        Action::SearchHome => input.move_cursor(CursorMove::Head),
        Action::SearchEnd => input.move_cursor(CursorMove::End),
        _ => {}
    }
}

/// Where a field's text sits in the reader's layout: the laid-out text and the offset of the
/// field within it. Sections are shown in the border, not in the text.
fn field_place(
    document: &Document,
    article: &crate::corpus::Article,
    field: Field,
) -> Option<(TextRef, usize)> {
    match field {
        Field::Title => Some((document.title?, 0)),
        Field::Speaker => Some((document.byline?, 0)),
        Field::Role => {
            let speaker = article.speaker.as_ref().map_or(0, |s| s.len() + "（".len());
            Some((document.byline?, speaker))
        }
        Field::Credit => Some((document.credit?, "（".len())),
        Field::Paragraph(index) => Some((TextRef::Paragraph(index as usize), 0)),
        Field::Section => None,
    }
}
