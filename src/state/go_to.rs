//! The go-to prompt: `:` then a number goes to that article, `p` and a number to that paragraph
//! of the article being read.

use super::{Effect, Modal, State};
use crate::action::{Action, Pane};
use crate::count::count;
use crate::layout::TextRef;

impl State {
    pub(super) fn update_go_to(&mut self, action: &Action) -> Effect {
        if self.note_prompt().is_some() {
            return self.update_note(action);
        }
        match action {
            Action::StartGoTo => self.modal = Some(Modal::GoTo(String::new())),
            &Action::GoToInput(c) => {
                if let Some(Modal::GoTo(text)) = &mut self.modal {
                    text.push(c);
                }
            }
            Action::GoToBackspace => {
                if let Some(Modal::GoTo(text)) = &mut self.modal {
                    text.pop();
                }
            }
            Action::GoToSubmit => {
                if let Some(Modal::GoTo(text)) = self.close_go_to() {
                    self.go_to_target(&text);
                }
            }
            _ => {
                self.close_go_to();
            }
        }
        Effect::None
    }

    fn close_go_to(&mut self) -> Option<Modal> {
        self.close_modal(|modal| matches!(modal, Modal::GoTo(_)))
    }

    fn close_note(&mut self) -> Option<Modal> {
        self.close_modal(|modal| matches!(modal, Modal::Note { .. }))
    }

    /// The note prompt of a new bookmark: the same keys as the go-to prompt.
    fn update_note(&mut self, action: &Action) -> Effect {
        let Some(Modal::Note { text, .. }) = &mut self.modal else {
            return Effect::None;
        };
        match action {
            &Action::GoToInput(c) => text.push(c),
            Action::GoToBackspace => {
                text.pop();
            }
            Action::GoToSubmit => {
                if let Some(Modal::Note { id, text: note }) = self.close_note() {
                    self.message = Some("bookmarked".to_owned());
                    return Effect::SetNote { id, note };
                }
            }
            _ => {
                if let Some(Modal::Note { id, .. }) = self.close_note() {
                    self.message = Some("bookmarked (no note)".to_owned());
                    // Still an effect, so the app can tell if the bookmark was not saved.
                    return Effect::SetNote {
                        id,
                        note: String::new(),
                    };
                }
            }
        }
        Effect::None
    }

    /// Goes where the go-to prompt says: `12` to article 12, `p3` to paragraph 3 of this one.
    fn go_to_target(&mut self, text: &str) {
        let text = text.trim();
        let (paragraph, number) = match text.strip_prefix(['p', 'P']) {
            Some(rest) => (true, rest.trim()),
            None => (false, text),
        };
        let Ok(number) = number.parse::<usize>() else {
            self.message =
                Some("go to: a number for an article, p and a number for a paragraph".to_owned());
            return;
        };
        let article = &self.corpus.articles[self.reader.article()];
        if paragraph {
            if (1..=article.paragraphs.len()).contains(&number) {
                self.focus = Pane::Reader;
                self.reader
                    .reveal(&self.corpus, (TextRef::Paragraph(number - 1), 0), 0);
            } else {
                self.message = Some(format!(
                    "this article has {}",
                    count(article.paragraphs.len(), "paragraph")
                ));
            }
        } else if (1..=self.corpus.articles.len()).contains(&number) {
            self.open_article(number - 1);
        } else {
            let articles = self.corpus.articles.len();
            let verb = if articles == 1 { "is" } else { "are" };
            self.message = Some(format!("there {verb} {}", count(articles, "article")));
        }
    }
}
