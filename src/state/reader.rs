//! The reading pane's state: which article, laid out at which width, scrolled how far.

use crate::corpus::Corpus;
use crate::layout::{Document, LayoutOptions};

/// What the reading pane shows.
#[derive(Debug, Default)]
pub struct Reader {
    article: usize,
    /// Index of the first visible line.
    top: usize,
    height: usize,
    document: Option<Document>,
}

impl Reader {
    pub fn article(&self) -> usize {
        self.article
    }

    pub fn top(&self) -> usize {
        self.top
    }

    /// Lines visible at once.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The laid-out article, once the pane has a size.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// Shows `article` from its top.
    pub fn show(&mut self, corpus: &Corpus, article: usize) {
        self.article = article;
        self.top = 0;
        if let Some(options) = self.document.as_ref().map(|d| d.options) {
            self.document = Some(layout(corpus, article, options));
        }
    }

    /// Fits the pane to a new size, keeping the first visible line's text in view.
    pub fn resize(&mut self, corpus: &Corpus, width: usize, height: usize) {
        self.height = height;
        let options = LayoutOptions::for_width(width);
        if self.document.as_ref().is_none_or(|d| d.options != options) {
            let anchor = self.document.as_ref().and_then(|d| d.anchor(self.top));
            let document = layout(corpus, self.article, options);
            self.top = anchor.map_or(0, |a| document.line_of(a));
            self.document = Some(document);
        }
        self.top = self.top.min(self.max_top());
    }

    /// Scrolls by `lines` (negative is up), stopping at either end.
    pub fn scroll_by(&mut self, lines: isize) {
        self.top = self.top.saturating_add_signed(lines).min(self.max_top());
    }

    pub fn scroll_to_top(&mut self) {
        self.top = 0;
    }

    pub fn scroll_to_bottom(&mut self) {
        self.top = self.max_top();
    }

    /// How far through the article the bottom of the view is, 0–100.
    pub fn percent(&self) -> usize {
        let max_top = self.max_top();
        (self.top * 100).checked_div(max_top).unwrap_or(100)
    }

    fn max_top(&self) -> usize {
        self.document
            .as_ref()
            .map_or(0, |d| d.lines.len().saturating_sub(self.height))
    }
}

fn layout(corpus: &Corpus, article: usize, options: LayoutOptions) -> Document {
    let article = &corpus.articles[article];
    let source = &corpus.sources[article.source];
    Document::new(article, &source.name, &source.encoding, options)
}
