//! What holds the keyboard over the browsing keys: an overlay, one of the bottom-line prompts, or
//! a selection of paragraphs. One field holds it, so two can never be open at once.

use super::{Overlay, State};
use crate::persist::BookmarkId;

/// The one modal thing open, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// An overlay drawn over the panes.
    Overlay(Overlay),
    /// The go-to prompt, with what has been typed into it.
    GoTo(String),
    /// The note prompt for a bookmark just made: which one, and the note typed so far.
    Note { id: BookmarkId, text: String },
    /// Paragraphs being selected for copying: where the selection started and where it is now.
    Selection { anchor: usize, cursor: usize },
}

impl State {
    /// The overlay, prompt or selection that has the keyboard, if one is open.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The overlay drawn over the panes, if one is open.
    pub fn overlay(&self) -> Option<Overlay> {
        match &self.modal {
            Some(Modal::Overlay(overlay)) => Some(*overlay),
            _ => None,
        }
    }

    /// The go-to prompt's text, while it is open.
    pub fn go_to_prompt(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::GoTo(text)) => Some(text),
            _ => None,
        }
    }

    /// The note prompt's bookmark and text, while it is open.
    pub fn note_prompt(&self) -> Option<(&BookmarkId, &str)> {
        match &self.modal {
            Some(Modal::Note { id, text }) => Some((id, text)),
            _ => None,
        }
    }

    /// Where a selection of paragraphs started and where it is now, while one is made.
    pub(super) fn selection(&self) -> Option<(usize, usize)> {
        match self.modal {
            Some(Modal::Selection { anchor, cursor }) => Some((anchor, cursor)),
            _ => None,
        }
    }

    /// Closes the modal `is_it` recognises, and returns it; anything else stays open.
    pub(super) fn close_modal(&mut self, is_it: fn(&Modal) -> bool) -> Option<Modal> {
        if self.modal.as_ref().is_some_and(is_it) {
            self.modal.take()
        } else {
            None
        }
    }
}
