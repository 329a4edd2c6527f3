//! Incremental search in the browser: the search line, the results as they stream in, the
//! current hit, and the way back to where the reader was.
//!
//! Every change to the query becomes a [`Request`] for the search engine (an [`Effect`]), scoped
//! to the last complete answer when the new query narrows it; answers come back through
//! `State::update` (a `Message::Search`) as batches of resolved hits, tagged with their generation, and anything
//! stale is dropped. Until
//! the first batch of a new query arrives the previous results stay on screen, so the list never
//! flickers empty between keystrokes.
//!
//! A new query shows its first hit as soon as a batch brings one — the first batch, or a later
//! one when the early part of the corpus has none — unless the reader moved since the query
//! changed: then the reader stays where it was put, and later batches only lengthen the list.

use std::ops::Range;

use ratatui_textarea::{CursorMove, TextArea};

use super::{Effect, ListCursor, State};
use crate::action::{Action, Pane};
use crate::layout::TextRef;
use crate::search::forms::Forms;
use crate::search::query::QueryError;
use crate::search::worker::Update;
use crate::search::{Batch, Matches, Query, Request, Scope};

/// Queries remembered for ↑/↓ in the search line.
const HISTORY: usize = 100;

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
    pub(super) generation: u64,
    /// What the list shows: the latest generation's answer once its first batch arrived.
    pub results: Matches,
    pub(super) results_generation: u64,
    /// The latest query's scan is still running.
    pub running: bool,
    /// The last query whose answer completed, with its generation.
    pub(super) complete: Option<(u64, Query)>,
    /// The answer over the whole corpus, gathering while the one shown covers only what had
    /// loaded when it was asked (`loading`): shown at once when it is complete, so the list
    /// only lengthens.
    pub(super) completion: Option<(Matches, Option<usize>)>,
    /// How much of the corpus (percent) had loaded when the answer shown was asked for;
    /// `None` when it covers the whole corpus.
    pub covers: Option<usize>,
    /// The current hit, an index into `results.hits`.
    pub current: Option<usize>,
    /// Whether the latest query's first hit is still to be shown.
    first_hit: FirstHit,
    /// Where the reader was before `/`, for Esc.
    saved: Saved,
    pub(super) history_cursor: Option<usize>,
    /// Why the search line's text cannot be read as a query, while it cannot: the results of
    /// the last query that could be read stay on screen meanwhile.
    pub error: Option<QueryError>,
    /// The forms the hits counted were written in (a copy's hits are not counted).
    pub forms: Forms,
    /// The hanzi last put in place of a `py:…` ([`super::candidate`]).
    pub(super) candidate: Option<super::candidate::Taken>,
}

/// Whether a query's first hit is still to be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstHit {
    /// No batch has brought a hit yet, and the reader has not moved since the query changed.
    Due,
    /// Shown already, or the reader moved: batches only lengthen the list.
    Settled,
}

#[derive(Debug, Clone, Copy)]
struct Saved {
    article: usize,
    top: usize,
    focus: Pane,
}

/// A stretch of a displayed text to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub text: TextRef,
    pub range: Range<usize>,
    pub current: bool,
    /// A paragraph selected for copying rather than a search hit.
    pub selection: bool,
}

impl Search {
    /// Whether the list shows only matching articles.
    pub fn filters(&self) -> bool {
        !self.query.is_empty()
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }

    /// The reader moved (or the list selection did): no batch may take it elsewhere now.
    pub(super) fn user_moved(&mut self) {
        self.first_hit = FirstHit::Settled;
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
                super::search_line::edit_input(&mut search.input, edit);
                return self.query_changed();
            }
        }
        Effect::None
    }

    /// Takes an update from the search worker; only the last part of a loading corpus asks
    /// for something (the search shown, over the whole corpus).
    pub(super) fn on_search(&mut self, update: Update) -> Effect {
        match update {
            Update::Grown(growth) => return self.grow(growth),
            Update::Ready => self.engine_ready = true,
            Update::Batch { generation, batch } => self.receive(generation, Some(batch)),
            Update::Done {
                generation,
                complete,
            } => self.answer_done(generation, complete),
        }
        Effect::None
    }

    /// The answer to `generation` is over.
    fn answer_done(&mut self, generation: u64, complete: bool) {
        let Some(search) = &mut self.search else {
            return;
        };
        if generation != search.generation {
            return;
        }
        search.running = false;
        if self.show_completion(complete) {
            return;
        }
        if self
            .search
            .as_ref()
            .is_some_and(|s| s.results_generation != generation)
        {
            self.receive(generation, None);
        }
        if let Some(search) = &mut self.search
            && complete
            && !search.query.is_empty()
        {
            search.complete = Some((generation, search.query.clone()));
        }
    }

    /// The article the list selection stands for.
    pub fn selected_article(&self) -> Option<usize> {
        self.article_of_entry(self.selected_entry()?)
    }

    /// Shows the selected article in the reader (its first hit in view, when searching).
    pub(super) fn show_selected(&mut self) {
        let Some(article) = self.selected_article() else {
            return;
        };
        if article != self.reader.article() {
            self.reader.show(&self.corpus, article);
        }
        let first_hit = self.search.as_ref().filter(|s| s.filters()).and_then(|s| {
            s.results
                .articles
                .get(self.selected_entry()?)
                .map(|a| a.hits.start)
        });
        if let (Some(hit), Some(search)) = (first_hit, &mut self.search) {
            search.current = Some(hit);
            self.reveal_current();
        }
    }

    fn start_search(&mut self) {
        // Hits are shown in the article's text, not in the raw file.
        if self.reader.is_raw() {
            self.reader.toggle_raw(&self.corpus);
        }
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
            results: Matches::default(),
            results_generation: 0,
            running: false,
            complete: None,
            completion: None,
            covers: None,
            current: None,
            first_hit: FirstHit::Settled,
            saved,
            history_cursor: None,
            error: None,
            forms: Forms::default(),
            candidate: None,
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
        self.resort();
        self.select_entry(saved.article);
        self.reader.show(&self.corpus, saved.article);
        self.reader.scroll_by(&self.corpus, saved.top.cast_signed());
        self.focus = saved.focus;
    }

    /// Esc while browsing: clears the search, or with none, goes back from the reader to the list.
    fn clear_search(&mut self) {
        if self.search.take().is_none() {
            if self.focus == Pane::Reader {
                self.focus = Pane::List;
                self.list_hidden = false;
            }
            return;
        }
        let article = self.reader.article();
        self.resort();
        self.select_entry(article);
    }

    /// Issues a request for the query now in the search line, if it changed.
    pub(super) fn query_changed(&mut self) -> Effect {
        let Some(search) = &mut self.search else {
            return Effect::None;
        };
        let query = match Query::read(&search.text()) {
            Ok(query) => {
                search.error = None;
                query.with_exact_script(!self.settings.fold_script)
            }
            Err(error) => {
                search.error = Some(error);
                return Effect::None;
            }
        };
        if query == search.query {
            return Effect::None;
        }
        self.generations += 1;
        let scope = Scope::for_query(&query, search.complete.as_ref().map(|(g, q)| (*g, q)));
        search.generation = self.generations;
        search.query = query.clone();
        search.completion = None;
        search.covers = self.loading.map(|progress| progress.percent());
        search.first_hit = if query.is_empty() {
            FirstHit::Settled
        } else {
            FirstHit::Due
        };
        search.running = !query.is_empty();
        if query.is_empty() {
            search.results = Matches::default();
            search.results_generation = self.generations;
            search.current = None;
            let article = self.reader.article();
            self.resort();
            self.select_entry(article);
        }
        Effect::Search(Request {
            generation: self.generations,
            query,
            scope,
        })
    }

    /// Folds scripts together in the search or tells them apart, and searches again.
    pub(super) fn toggle_script(&mut self) -> Effect {
        self.settings.fold_script = !self.settings.fold_script;
        self.message = Some(
            if self.settings.fold_script {
                "scripts folded together: each form of a character finds every other (國 finds 国)"
            } else {
                "scripts told apart: each form of a character finds itself alone"
            }
            .to_owned(),
        );
        self.query_changed()
    }

    /// Takes a batch of the answer to `generation` (`None`: the answer ended with no batch).
    fn receive(&mut self, generation: u64, batch: Option<Batch>) {
        let Some(search) = &mut self.search else {
            return;
        };
        if generation != search.generation {
            return;
        }
        if let Some((whole, _)) = &mut search.completion {
            if let Some(batch) = batch {
                whole.append(batch);
            }
            return;
        }
        let first = search.results_generation != generation;
        if first {
            search.results = Matches::default();
            search.results_generation = generation;
            search.current = None;
            search.kwic = ListCursor::new(0);
        }
        if let Some(batch) = batch {
            search.results.append(batch);
        }
        let reading = self.reader.article();
        let entry = search
            .results
            .articles
            .partition_point(|a| (a.article as usize) < reading);
        self.resort();
        if !self.show_first_hit_if_due() && first {
            // The reader stays; the list selects its article if it is among the results.
            self.select_entry(entry);
        }
    }

    /// Shows the answer's first hit if the query's is still to be shown and there is one;
    /// returns whether it did.
    pub(super) fn show_first_hit_if_due(&mut self) -> bool {
        let Some(search) = self
            .search
            .as_mut()
            .filter(|s| s.first_hit == FirstHit::Due && s.results.hit_count() > 0)
        else {
            return false;
        };
        search.first_hit = FirstHit::Settled;
        self.list.select(0);
        self.show_selected();
        true
    }

    fn step_entry(&mut self, delta: isize) {
        if self.list.move_by(delta) {
            self.show_selected();
        }
    }
}
