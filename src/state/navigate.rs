//! Moving around: the list and the reader, article to article, back to remembered places, and
//! saying where the reader is.

use super::{State, WHEEL_LINES};
use crate::action::{Action, Pane};
use crate::layout::TextRef;

impl State {
    pub(super) fn move_list(&mut self, action: &Action) {
        let page = self.list.rows().cast_signed();
        let moved = match action {
            Action::MoveDown => self.list.move_by(1),
            Action::MoveUp => self.list.move_by(-1),
            Action::PageDown => self.list.move_by(page),
            Action::PageUp => self.list.move_by(-page),
            Action::HalfPageDown => self.list.move_by((page / 2).max(1)),
            Action::HalfPageUp => self.list.move_by(-(page / 2).max(1)),
            Action::Top => self.list.select(0),
            Action::Bottom => self.list.select(usize::MAX),
            _ => false,
        };
        if moved {
            self.show_selected();
        }
    }

    pub(super) fn move_reader(&mut self, action: &Action) {
        let page = self.reader.height().saturating_sub(1).max(1).cast_signed();
        match action {
            Action::MoveDown => self.reader.scroll_by(&self.corpus, 1),
            Action::MoveUp => self.reader.scroll_by(&self.corpus, -1),
            Action::PageDown => self.reader.scroll_by(&self.corpus, page),
            Action::PageUp => self.reader.scroll_by(&self.corpus, -page),
            Action::HalfPageDown => self.reader.scroll_by(&self.corpus, (page / 2).max(1)),
            Action::HalfPageUp => self.reader.scroll_by(&self.corpus, -(page / 2).max(1)),
            Action::Top => self.reader.scroll_to_top(&self.corpus),
            Action::Bottom => self.reader.scroll_to_bottom(&self.corpus),
            _ => {}
        }
    }

    pub(super) fn step_article(&mut self, delta: isize) {
        if self.list.move_by(delta) {
            self.show_selected();
        } else {
            let end = if delta > 0 { "last" } else { "first" };
            self.message = Some(format!("already at the {end} article"));
        }
    }

    pub(super) fn wheel(&mut self, pane: Pane, direction: isize) {
        match pane {
            Pane::List => {
                if self.list.move_by(direction) {
                    self.show_selected();
                }
            }
            Pane::Reader => self.reader.scroll_by(&self.corpus, direction * WHEEL_LINES),
        }
    }

    /// Opens `article` where it was left (`anchor`), as remembered from an earlier run.
    pub(super) fn restore(&mut self, article: usize, anchor: Option<(TextRef, usize)>) {
        if article >= self.corpus.articles.len() {
            return;
        }
        self.select_entry(article);
        self.reader.show(&self.corpus, article);
        if let Some(anchor) = anchor {
            self.restore_position(anchor);
        }
    }

    /// Scrolls the reader to `anchor` (now, or once it has a size).
    pub(super) fn restore_position(&mut self, anchor: (TextRef, usize)) {
        if self.reader.document().is_some() {
            self.reader.scroll_to_anchor(&self.corpus, anchor);
        } else {
            self.pending_anchor = Some(anchor);
        }
    }

    /// Shows `article` in the reader and selects it in the list, leaving a search whose
    /// results do not include it.
    pub(super) fn open_article(&mut self, article: usize) {
        let entry = match &self.search {
            Some(search) if search.filters() => search
                .results
                .articles
                .iter()
                .position(|a| a.article as usize == article),
            _ => Some(article),
        };
        let entry = entry.unwrap_or_else(|| {
            self.search = None;
            article
        });
        self.resort();
        self.select_entry(entry);
        self.reader.show(&self.corpus, article);
        self.focus = Pane::Reader;
    }

    /// `file:lines` of the paragraph at the top of the reading pane (or the source line, raw).
    pub(super) fn location(&self) -> String {
        let article = &self.corpus.articles[self.reader.article()];
        let source = &self.corpus.sources[article.source].name;
        let Some(document) = self.reader.document() else {
            return format!("{source}:{}", article.lines.start);
        };
        let top = self.reader.top();
        if self.reader.is_raw() {
            let line = document
                .lines
                .iter()
                .take(top + 1)
                .rev()
                .find_map(|l| l.number);
            return format!("{source}:{}", line.unwrap_or(1));
        }
        let Some(index) = document.paragraph_at(top) else {
            return format!("{source}:{} (article)", article.lines.start);
        };
        let lines = &article.paragraphs[index].lines;
        let span = if lines.end > lines.start + 1 {
            format!("{}-{}", lines.start, lines.end - 1)
        } else {
            lines.start.to_string()
        };
        let count = article.paragraphs.len();
        format!("{source}:{span} · paragraph {} of {count}", index + 1)
    }
}
