//! Building a document's segments: the title, byline, tag line, info line, paragraphs and credit
//! of an article (or the lines of a file), before any of them is wrapped.

use std::ops::Range;

use super::{Document, LayoutOptions, LineKind, TextRef};
use crate::corpus::Article;

/// Something to lay out: a whole text, or (raw view) one source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment {
    pub(super) kind: LineKind,
    pub(super) text: TextRef,
    /// The bytes of `text` this segment covers.
    pub(super) range: Range<usize>,
    pub(super) indent: usize,
    pub(super) centred: bool,
    pub(super) number: Option<usize>,
}

pub(super) fn byline(article: &Article) -> Option<String> {
    match (article.meta.speaker(), article.meta.role()) {
        (Some(speaker), Some(role)) => Some(format!("{speaker}（{role}）")),
        (Some(speaker), None) => Some(speaker.to_owned()),
        (None, Some(role)) => Some(role.to_owned()),
        (None, None) => None,
    }
}

/// The columns of a document's text column: the pane's width, no more than `max_width` unless
/// there is a gutter (the raw view uses the whole pane).
pub(super) fn measure(options: LayoutOptions, gutter: usize) -> usize {
    if gutter > 0 {
        options.width
    } else {
        options.width.min(options.max_width)
    }
    .max(1)
}

/// Collects segments and the strings the layout composes.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) segments: Vec<Segment>,
    pub(super) owned: Vec<String>,
}

impl Builder {
    pub(super) fn push(&mut self, segment: Segment) {
        self.segments.push(segment);
    }

    pub(super) fn blank(&mut self) {
        self.push(Segment {
            kind: LineKind::Blank,
            text: TextRef::None,
            range: 0..0,
            indent: 0,
            centred: false,
            number: None,
        });
    }

    pub(super) fn owned(&mut self, kind: LineKind, text: String, centred: bool) -> TextRef {
        let range = 0..text.len();
        let text_ref = TextRef::Owned(self.owned.len());
        self.push(Segment {
            kind,
            text: text_ref,
            range,
            indent: 0,
            centred,
            number: None,
        });
        self.owned.push(text);
        text_ref
    }

    /// A text the layout composed, shown centred in `rows` (ranges of it, in order), each
    /// wrapped on its own: where the text must break only at places of its own choosing.
    pub(super) fn owned_rows(
        &mut self,
        kind: LineKind,
        text: String,
        rows: Vec<Range<usize>>,
    ) -> TextRef {
        let text_ref = TextRef::Owned(self.owned.len());
        for range in rows {
            self.push(Segment {
                kind,
                text: text_ref,
                range,
                indent: 0,
                centred: true,
                number: None,
            });
        }
        self.owned.push(text);
        text_ref
    }

    pub(super) fn finish(self, options: LayoutOptions, gutter: usize) -> Document {
        let measure = measure(options, gutter);
        let margin = (options.width.saturating_sub(measure)) / 2;
        let mut total = 0;
        let mut segment_starts = Vec::with_capacity(self.segments.len() + 1);
        for segment in &self.segments {
            segment_starts.push(total);
            total += segment.range.len().max(1);
        }
        segment_starts.push(total);
        Document {
            options,
            measure,
            margin,
            gutter,
            title: None,
            byline: None,
            credit: None,
            tag_line: None,
            lines: Vec::new(),
            segments: self.segments,
            segment_starts,
            next: (0, 0),
            owned: self.owned,
        }
    }
}
