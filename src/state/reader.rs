//! The reading pane's state: which article, laid out at which width, scrolled how far — and
//! whether it shows the article or its source file as it is (the raw view).

use crate::corpus::Corpus;
use crate::layout::{Document, LayoutOptions};

/// What the reading pane shows.
#[derive(Debug, Default)]
pub struct Reader {
    article: usize,
    /// Index of the first visible line.
    top: usize,
    height: usize,
    /// Showing the source file rather than the laid-out article.
    raw: bool,
    /// Where the article view was when the raw view opened, to return to it.
    article_top: usize,
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

    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// The laid-out article (or source file), once the pane has a size.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// Shows `article` from its top (in the raw view: its file, at the article's first line).
    pub fn show(&mut self, corpus: &Corpus, article: usize) {
        self.article = article;
        self.top = 0;
        self.article_top = 0;
        if let Some(options) = self.document.as_ref().map(|d| d.options) {
            self.relayout(corpus, options);
            if self.raw {
                self.scroll_to_article_start(corpus);
            }
        }
    }

    /// Switches between the article and its source file as it is.
    pub fn toggle_raw(&mut self, corpus: &Corpus) {
        self.raw = !self.raw;
        let Some(options) = self.document.as_ref().map(|d| d.options) else {
            return;
        };
        self.relayout(corpus, options);
        if self.raw {
            self.article_top = self.top;
            self.scroll_to_article_start(corpus);
        } else {
            self.top = self.article_top.min(self.max_top());
        }
    }

    /// Fits the pane to a new size, keeping the first visible line's text in view.
    pub fn resize(&mut self, corpus: &Corpus, width: usize, height: usize) {
        self.height = height;
        let options = LayoutOptions::for_width(width);
        if self.document.as_ref().is_none_or(|d| d.options != options) {
            let anchor = self.document.as_ref().and_then(|d| d.anchor(self.top));
            self.relayout(corpus, options);
            if let (Some(anchor), Some(document)) = (anchor, &self.document) {
                self.top = document.line_of(anchor);
            }
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
        (self.top * 100).checked_div(self.max_top()).unwrap_or(100)
    }

    fn max_top(&self) -> usize {
        self.document
            .as_ref()
            .map_or(0, |d| d.lines.len().saturating_sub(self.height))
    }

    fn relayout(&mut self, corpus: &Corpus, options: LayoutOptions) {
        let article = &corpus.articles[self.article];
        let source = &corpus.sources[article.source];
        self.document = Some(if self.raw {
            Document::raw(source, options)
        } else {
            Document::new(article, &source.name, &source.encoding, options)
        });
    }

    fn scroll_to_article_start(&mut self, corpus: &Corpus) {
        let first_line = corpus.articles[self.article].lines.start;
        if let Some(document) = &self.document {
            self.top = document.line_of_source_line(first_line).min(self.max_top());
        }
    }
}
