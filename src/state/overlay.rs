//! Overlays drawn over the panes — the key help, the load warnings and the outline — as plain
//! rows the state scrolls and selects in, and the view only draws.

use super::{Effect, Modal, State};
use crate::action::{Action, Pane};
use crate::corpus::Corpus;
use crate::corpus::outline::outline;
use crate::keymap::{Keymap, Mode};
use crate::layout::TextRef;

/// Which overlay is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    Warnings,
    /// The current article's headings, or (when it has none) the articles of its file.
    Outline,
    /// The bookmarks of the open corpus.
    Bookmarks,
}

/// An open overlay: its first visible row and, in lists one can pick from, the selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub kind: OverlayKind,
    pub top: usize,
    pub selected: Option<usize>,
}

/// One row: a short label column and the text beside it, and where Enter goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub text: String,
    pub target: Option<Target>,
}

/// Where picking a row goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A paragraph of the current article.
    Paragraph(usize),
    /// Another article.
    Article(usize),
    /// A paragraph of an article (a bookmark).
    Bookmark { article: usize, paragraph: usize },
}

impl OverlayKind {
    /// The overlay's title line, naming the keys in effect.
    pub fn title(self, state: &State, keys: &Keymap) -> String {
        let template = match self {
            OverlayKind::Help => " Keys - {toggle_help} or {close_overlay} closes ".to_owned(),
            OverlayKind::Warnings => {
                let count = crate::count::count(state.warning_count(), "warning");
                format!(" {count} - {{toggle_warnings}} or {{close_overlay}} closes ")
            }
            OverlayKind::Outline => {
                " Outline - {open} goes there, {toggle_outline} or {close_overlay} closes "
                    .to_owned()
            }
            OverlayKind::Bookmarks => " Bookmarks - {open} goes there, {delete_bookmark} \
                                       deletes, {toggle_bookmarks} or {close_overlay} closes "
                .to_owned(),
        };
        keys.fill(Mode::Overlay, &template)
    }

    /// Whether rows can be selected and picked.
    pub fn selectable(self) -> bool {
        matches!(self, OverlayKind::Outline | OverlayKind::Bookmarks)
    }

    /// The rows the overlay shows, for the article `article` in the reader.
    pub fn rows(self, state: &State) -> Vec<Row> {
        let (corpus, article) = (&*state.corpus, state.reader.article());
        let row = |label: String, text: String, target| Row {
            label,
            text,
            target,
        };
        match self {
            OverlayKind::Help => state
                .keys
                .help
                .iter()
                .map(|(label, text)| row(label.clone(), text.clone(), None))
                .collect(),
            OverlayKind::Warnings if state.warning_count() == 0 => {
                vec![row(
                    String::new(),
                    "Every file loaded cleanly.".to_owned(),
                    None,
                )]
            }
            OverlayKind::Warnings => {
                let warnings = corpus.warnings.iter().chain(&state.warnings).map(|w| {
                    let label = w
                        .line
                        .map_or_else(|| w.source.clone(), |line| format!("{}:{line}", w.source));
                    row(label, w.message.clone(), None)
                });
                let empty = state.copies.empty().iter().filter_map(|&at| {
                    let article = corpus.articles.get(at as usize)?;
                    let source = &corpus.sources.get(article.source)?.name;
                    let label = format!("{source}:{}", article.lines.start);
                    let text = format!(
                        "《{}》 has no text: left out of the list",
                        article.display_title()
                    );
                    Some(row(label, text, None))
                });
                warnings.chain(empty).collect()
            }
            OverlayKind::Outline => outline_rows(corpus, article),
            OverlayKind::Bookmarks if state.bookmarks.is_empty() => {
                vec![row(
                    String::new(),
                    "No bookmarks yet: m marks the paragraph at the top.".to_owned(),
                    None,
                )]
            }
            OverlayKind::Bookmarks => state
                .bookmarks
                .iter()
                .map(|b| {
                    let shrunk = if b.stale {
                        " (stale: the file is shorter now)"
                    } else {
                        ""
                    };
                    let note = if b.note.is_empty() {
                        String::new()
                    } else {
                        format!(" - {}", b.note)
                    };
                    let target = b.article.map(|article| Target::Bookmark {
                        article,
                        paragraph: b.paragraph,
                    });
                    row(
                        b.title.clone(),
                        format!("{}{note}{shrunk}", b.snippet),
                        target,
                    )
                })
                .collect(),
        }
    }
}

/// The article's headings, indented by level; or the sections and titles of its file.
fn outline_rows(corpus: &Corpus, article: usize) -> Vec<Row> {
    let Some(current) = corpus.articles.get(article) else {
        return Vec::new();
    };
    let headings = outline(current);
    if !headings.is_empty() {
        return headings
            .into_iter()
            .map(|entry| Row {
                label: String::new(),
                text: format!(
                    "{}{}",
                    "  ".repeat(usize::from(entry.level.saturating_sub(1))),
                    entry.label
                ),
                target: Some(Target::Paragraph(entry.paragraph)),
            })
            .collect();
    }
    let mut rows = Vec::new();
    let mut section: Option<&str> = None;
    for (index, other) in corpus
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.source == current.source)
    {
        if other.meta.section() != section {
            section = other.meta.section();
            if let Some(name) = section {
                rows.push(Row {
                    label: String::new(),
                    text: format!("# {name}"),
                    target: Some(Target::Article(index)),
                });
            }
        }
        let mark = if index == article { "> " } else { "  " };
        rows.push(Row {
            label: String::new(),
            text: format!("{mark}{}", other.display_title()),
            target: Some(Target::Article(index)),
        });
    }
    rows
}

impl State {
    pub(super) fn toggle_overlay(&mut self, kind: OverlayKind) {
        if self.overlay().is_some_and(|open| open.kind == kind) {
            self.modal = None;
            return;
        }
        let selected = kind.selectable().then(|| self.current_outline_row());
        let overlay = Overlay {
            kind,
            top: 0,
            selected,
        };
        self.scroll_overlay(overlay, overlay.selected.unwrap_or(0).saturating_sub(2));
    }

    pub(super) fn update_overlay(&mut self, action: &Action) -> Effect {
        let Some(overlay) = self.overlay() else {
            return Effect::None;
        };
        if overlay.kind == OverlayKind::Bookmarks && *action == Action::DeleteBookmark {
            let row = overlay.selected.and_then(|s| self.bookmarks.get(s));
            return row.map_or(Effect::None, |b| Effect::DeleteBookmark {
                id: b.id.clone(),
            });
        }
        if let Some(selected) = overlay.selected {
            self.update_selection(overlay, selected, action);
            return Effect::None;
        }
        let page = self.viewport.overlay_height.max(1);
        let top = match action {
            Action::MoveDown | Action::WheelDown(_) => overlay.top + 1,
            Action::MoveUp | Action::WheelUp(_) => overlay.top.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => overlay.top + page,
            Action::PageUp | Action::HalfPageUp => overlay.top.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => overlay.top,
        };
        self.scroll_overlay(overlay, top);
        Effect::None
    }

    /// Moves the selection in a selectable overlay, or picks the selected row.
    fn update_selection(&mut self, overlay: Overlay, selected: usize, action: &Action) {
        let rows = overlay.kind.rows(self);
        let last = rows.len().saturating_sub(1);
        let page = self.viewport.overlay_height.max(1);
        let selected = match action {
            Action::Open => {
                self.modal = None;
                if let Some(target) = rows.get(selected).and_then(|r| r.target) {
                    self.pick(target);
                }
                return;
            }
            Action::MoveDown | Action::WheelDown(_) => selected + 1,
            Action::MoveUp | Action::WheelUp(_) => selected.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => selected + page,
            Action::PageUp | Action::HalfPageUp => selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            _ => selected,
        }
        .min(last);
        let top = overlay
            .top
            .min(selected)
            .max((selected + 1).saturating_sub(page));
        self.modal = Some(Modal::Overlay(Overlay {
            selected: Some(selected),
            top,
            ..overlay
        }));
    }

    /// Scrolls an overlay, stopping when its last row is in view (help) or at the top (warnings,
    /// whose rows may wrap onto several lines).
    pub(super) fn scroll_overlay(&mut self, overlay: Overlay, top: usize) {
        let rows = overlay.kind.rows(self).len();
        let max_top = match overlay.kind {
            OverlayKind::Help | OverlayKind::Outline | OverlayKind::Bookmarks => {
                rows.saturating_sub(self.viewport.overlay_height)
            }
            OverlayKind::Warnings => rows.saturating_sub(1),
        };
        self.modal = Some(Modal::Overlay(Overlay {
            top: top.min(max_top),
            ..overlay
        }));
    }

    /// Goes to a picked row's target.
    fn pick(&mut self, target: Target) {
        match target {
            Target::Paragraph(paragraph) => {
                self.focus = Pane::Reader;
                self.reader
                    .reveal(&self.corpus, (TextRef::Paragraph(paragraph), 0), 0);
            }
            Target::Article(article) => self.open_article(article),
            Target::Bookmark { article, paragraph } => {
                self.open_article(article);
                self.reader
                    .reveal(&self.corpus, (TextRef::Paragraph(paragraph), 0), 0);
            }
        }
    }

    /// The outline row of the section being read (the last heading at or before the top).
    fn current_outline_row(&self) -> usize {
        let paragraph = self
            .reader
            .document()
            .and_then(|d| d.paragraph_at(self.reader.top()));
        let rows = OverlayKind::Outline.rows(self);
        rows.iter()
            .rposition(|r| match (r.target, paragraph) {
                (Some(Target::Paragraph(p)), Some(top)) => p <= top,
                (Some(Target::Article(a)), _) => a == self.reader.article(),
                _ => false,
            })
            .unwrap_or(0)
    }

    /// The heading of the section at the top of the reader, for the status bar.
    pub fn current_section(&self) -> Option<String> {
        let top = self.reader.document()?.paragraph_at(self.reader.top())?;
        let article = self.corpus.articles.get(self.reader.article())?;
        outline(article)
            .into_iter()
            .rev()
            .find(|e| e.paragraph <= top)
            .map(|e| e.label)
    }
}
