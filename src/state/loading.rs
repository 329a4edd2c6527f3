//! A corpus that loads in the background: the state takes it in part by part, keeps what the
//! user is looking at in place, and completes a search typed meanwhile once everything is in.
//!
//! Parts come in the corpus's final order, so the list only lengthens at its end; the reader
//! lays out the first article as soon as it exists. A search typed while loading covers what
//! had loaded (the search line says how much), and is asked again as more loads (each tenth
//! more, one answer at a time), and once more when loading ends. Each new answer replaces the shown one only once it
//! is complete: the old answer is its prefix, so nothing the user is looking at moves.

use std::sync::Arc;

/// How much more of the corpus (percent) must have loaded before a search shown is asked again.
const AGAIN: usize = 10;

use super::{Effect, State};
use crate::action::Action;
use crate::corpus::{Growth, Progress};
use crate::keymap::Mode;
use crate::search::{Matches, Request, Scope};

impl State {
    /// A state whose corpus is still to come, part by part; `problems` (with the config, say)
    /// are listed in `!` before the corpus's warnings.
    pub fn loading_with(settings: super::Settings, problems: Vec<crate::corpus::Warning>) -> Self {
        let corpus = crate::corpus::Corpus {
            warnings: problems,
            ..crate::corpus::Corpus::default()
        };
        let mut state = Self::with_settings(corpus, settings);
        state.loading = Some(Progress::default());
        state
    }

    /// How far loading has come, while it goes on.
    pub fn loading(&self) -> Option<Progress> {
        self.loading
    }

    /// Whether `action` must wait for the first article: while there is none, only the search
    /// line, the help and warnings overlays, the theme and leaving act; everything else (moving,
    /// opening, quoting) is kept by the app and done once there is something to do it on.
    pub fn awaits_articles(&self, action: &Action) -> bool {
        let free = matches!(
            action,
            Action::Quit
                | Action::Suspend
                | Action::StartSearch
                | Action::ToggleHelp
                | Action::ToggleWarnings
                | Action::CloseOverlay
                | Action::CycleTheme
        );
        self.corpus.articles.is_empty() && self.mode() == Mode::Browse && !free
    }

    /// Takes in the next part of a loading corpus; a search shown is asked again over what has
    /// loaded now when a tenth more has come (unless an answer is on its way), and always after
    /// the last part.
    pub(super) fn grow(&mut self, growth: Growth) -> Effect {
        let progress = growth.progress;
        let first = self.corpus.articles.is_empty();
        Arc::make_mut(&mut self.corpus).grow(growth);
        self.loading = (!progress.done).then_some(progress);
        let filtering = self.search.as_ref().is_some_and(super::Search::filters);
        if !filtering {
            self.resort();
        }
        if first && !filtering {
            self.read_selected();
        }
        // Each answer scans all that has loaded: asked again only when a tenth more has come
        // since the one shown, a search typed early costs a few scans, not one per part.
        let due = self.search.as_ref().is_some_and(|s| {
            !s.running
                && s.covers
                    .is_some_and(|covers| progress.percent() >= covers + AGAIN)
        });
        if progress.done || due {
            self.search_again()
        } else {
            Effect::None
        }
    }

    /// The shown search, asked again over what has loaded.
    fn search_again(&mut self) -> Effect {
        let covers = self.loading.map(|progress| progress.percent());
        let Some(search) = self.search.as_mut().filter(|s| s.filters()) else {
            return Effect::None;
        };
        self.generations += 1;
        search.generation = self.generations;
        search.running = true;
        search.completion = Some((Matches::default(), covers));
        Effect::Search(Request {
            generation: self.generations,
            query: search.query.clone(),
            scope: Scope::All,
        })
    }

    /// At the end of an answer: when it was the whole corpus's, shows it in place of the one
    /// covering part of it (if it ran to the end). Returns whether it was.
    pub(super) fn show_completion(&mut self, complete: bool) -> bool {
        let Some(search) = &mut self.search else {
            return false;
        };
        let Some((whole, covers)) = search.completion.take() else {
            return false;
        };
        if complete {
            search.results = whole;
            search.covers = covers;
            search.results_generation = search.generation;
            search.complete = Some((search.generation, search.query.clone()));
            self.resort();
            self.show_first_hit_if_due();
        }
        true
    }
}
