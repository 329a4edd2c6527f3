//! A user's action, applied: which part of the state each one goes to, and the little that is
//! decided here (focus, the list pane's width, the theme).

use super::{Effect, Modal, OverlayKind, State};
use crate::action::{Action, Pane};

/// Columns `<` and `>` take from or give to the list pane.
const LIST_STEP: i16 = 4;

impl State {
    /// Applies one user intent.
    pub(super) fn act(&mut self, action: Action) -> Effect {
        let before = self.view();
        let effect = self.apply(action);
        // Whatever moved the reader or the list (a key, a click, a jump), a search still
        // scanning must not take the reader elsewhere once its first hit comes in.
        if self.view() != before
            && let Some(search) = &mut self.search
        {
            search.user_moved();
        }
        effect
    }

    /// Where the reader and the list are: what a user's move changes.
    fn view(&self) -> (usize, usize, bool, usize) {
        (
            self.reader.article(),
            self.reader.top(),
            self.reader.is_raw(),
            self.list.selected(),
        )
    }

    fn apply(&mut self, action: Action) -> Effect {
        self.message = None;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::ToggleHelp => self.toggle_overlay(OverlayKind::Help),
            Action::ToggleWarnings => self.toggle_overlay(OverlayKind::Warnings),
            Action::ToggleOutline => self.toggle_overlay(OverlayKind::Outline),
            Action::CloseOverlay => {
                self.close_modal(|modal| matches!(modal, Modal::Overlay(_)));
            }
            _ if self.overlay().is_some() => return self.update_overlay(&action),
            Action::ClearSearch if self.selection().is_some() => self.modal = None,
            Action::MoveDown | Action::MoveUp if self.selection().is_some() => {
                self.extend_selection(&action);
            }
            Action::StartSearch
            | Action::SearchInput(_)
            | Action::SearchPaste(_)
            | Action::SearchBackspace
            | Action::SearchDelete
            | Action::SearchDeleteWord
            | Action::SearchClear
            | Action::SearchLeft
            | Action::SearchRight
            | Action::SearchHome
            | Action::SearchEnd
            | Action::HistoryPrevious
            | Action::HistoryNext
            | Action::SearchSubmit
            | Action::SearchCancel
            | Action::SearchSelectNext
            | Action::SearchSelectPrevious
            | Action::ToggleConcordance
            | Action::NextHit
            | Action::PreviousHit
            | Action::ClearSearch => return self.update_search(action),
            Action::Open if self.concordance_focused() => self.jump_to_concordance_hit(),
            Action::MoveDown
            | Action::MoveUp
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
                if self.concordance_focused() =>
            {
                self.move_concordance(&action);
            }
            Action::ToggleRaw => self.reader.toggle_raw(&self.corpus),
            Action::ShowLocation => self.message = Some(self.location()),
            Action::Open | Action::Click(Pane::Reader, _) => self.focus = Pane::Reader,
            Action::Back => {
                self.focus = Pane::List;
                self.list_hidden = false;
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Pane::List => Pane::Reader,
                    Pane::Reader => Pane::List,
                };
            }
            Action::ToggleList | Action::NarrowList | Action::WidenList | Action::CycleTheme => {
                self.update_view(&action);
            }
            Action::StartGoTo
            | Action::GoToInput(_)
            | Action::GoToBackspace
            | Action::GoToCancel
            | Action::GoToSubmit => return self.update_go_to(&action),
            Action::Yank | Action::YankCited | Action::CopyCitation => return self.copy(&action),
            Action::StartSelection => self.start_selection(),
            Action::ToggleBookmark => return self.toggle_bookmark(),
            Action::ToggleBookmarks => self.toggle_overlay(OverlayKind::Bookmarks),
            Action::CycleOrder => self.cycle_order(),
            Action::ToggleCopies => self.toggle_copies(),
            Action::ToggleScript => return self.toggle_script(),
            Action::TakeCandidate => return self.take_candidate(),
            Action::NextArticle => self.step_article(1),
            Action::PreviousArticle => self.step_article(-1),
            Action::WheelDown(pane) => self.wheel(pane, 1),
            Action::WheelUp(pane) => self.wheel(pane, -1),
            Action::Click(Pane::List, row) => {
                self.focus = Pane::List;
                let entry = self.list.offset() + usize::from(row.saturating_sub(1) / 2);
                if row > 0 && entry < self.list.len() && self.list.select(entry) {
                    self.show_selected();
                }
            }
            movement => match self.focus {
                Pane::List => self.move_list(&movement),
                Pane::Reader => self.move_reader(&movement),
            },
        }
        Effect::None
    }

    /// Layout and look: hiding and resizing the list, cycling themes.
    fn update_view(&mut self, action: &Action) {
        match action {
            Action::ToggleList => {
                self.list_hidden = !self.list_hidden;
                if self.list_hidden {
                    self.focus = Pane::Reader;
                }
            }
            Action::NarrowList => {
                self.list_delta = self.list_delta.saturating_sub(LIST_STEP).max(-60);
            }
            Action::WidenList => {
                self.list_delta = self.list_delta.saturating_add(LIST_STEP).min(120);
            }
            Action::CycleTheme => {
                self.theme = (self.theme + 1) % self.theme_names.len().max(1);
                let name = self
                    .theme_names
                    .get(self.theme)
                    .map_or("dark", String::as_str);
                self.message = Some(format!("theme: {name}"));
            }
            _ => {}
        }
    }
}
