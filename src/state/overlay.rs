//! Overlays drawn over the panes — the key help and the load warnings — and their content as
//! plain rows, so the state can scroll them and the view only draws.

use crate::corpus::Corpus;
use crate::keymap;

/// Which overlay is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKind {
    Help,
    Warnings,
}

/// An open overlay and its first visible row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overlay {
    pub kind: OverlayKind,
    pub top: usize,
}

/// One row: a short label column and the text beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub text: String,
}

impl OverlayKind {
    /// The overlay's title line.
    pub fn title(self, corpus: &Corpus) -> String {
        match self {
            OverlayKind::Help => " Keys - ? or Esc closes ".to_owned(),
            OverlayKind::Warnings => {
                let count = corpus.warnings.len();
                format!(
                    " {count} warning{} — ! or Esc closes ",
                    if count == 1 { "" } else { "s" }
                )
            }
        }
    }

    /// The rows the overlay shows.
    pub fn rows(self, corpus: &Corpus) -> Vec<Row> {
        match self {
            OverlayKind::Help => keymap::help_entries()
                .into_iter()
                .map(|(label, text)| Row {
                    label,
                    text: text.to_owned(),
                })
                .collect(),
            OverlayKind::Warnings if corpus.warnings.is_empty() => {
                vec![Row {
                    label: String::new(),
                    text: "Every file loaded cleanly.".to_owned(),
                }]
            }
            OverlayKind::Warnings => corpus
                .warnings
                .iter()
                .map(|w| {
                    let label = match w.line {
                        Some(line) => format!("{}:{line}", w.source),
                        None => w.source.clone(),
                    };
                    Row {
                        label,
                        text: w.message.clone(),
                    }
                })
                .collect(),
        }
    }
}
