//! The reading pane's state: which article, laid out at which width, scrolled how far — and
//! whether it shows the article or its source file as it is (the raw view).
//!
//! The layout is lazy: after every move the reader asks its document for the lines the screen
//! needs and no more, so opening or resizing a huge article costs one screen of wrapping.

use crate::corpus::Corpus;
use crate::layout::{Document, LayoutOptions, TextRef, Texts};

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

    /// The laid-out article (or source file), once the pane has a size; at least the visible
    /// lines are laid out.
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
            self.fill(corpus);
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
            self.top = self.article_top;
        }
        self.fill(corpus);
    }

    /// Fits the pane to a new size and settings, keeping the first visible line's text in view.
    pub fn resize(&mut self, corpus: &Corpus, options: LayoutOptions, height: usize) {
        self.height = height;
        if self.document.as_ref().is_none_or(|d| d.options != options) {
            let anchor = self.document.as_ref().and_then(|d| d.anchor(self.top));
            self.relayout(corpus, options);
            if let (Some(anchor), Some(document), Some(texts)) =
                (anchor, &mut self.document, texts(corpus, self.article))
            {
                self.top = document.line_of(texts, anchor);
            }
        }
        self.fill(corpus);
    }

    /// Scrolls by `lines` (negative is up), stopping at either end.
    pub fn scroll_by(&mut self, corpus: &Corpus, lines: isize) {
        self.top = self.top.saturating_add_signed(lines);
        self.fill(corpus);
    }

    pub fn scroll_to_top(&mut self, corpus: &Corpus) {
        self.top = 0;
        self.fill(corpus);
    }

    pub fn scroll_to_bottom(&mut self, corpus: &Corpus) {
        if let (Some(document), Some(texts)) = (&mut self.document, texts(corpus, self.article)) {
            document.ensure_all(texts);
        }
        self.top = usize::MAX;
        self.fill(corpus);
    }

    /// Scrolls so that `anchor` (a text and byte offset) is in view, `margin` lines below the top
    /// when it was out of view.
    pub fn reveal(&mut self, corpus: &Corpus, anchor: (TextRef, usize), margin: usize) {
        let (Some(document), Some(texts)) = (&mut self.document, texts(corpus, self.article))
        else {
            return;
        };
        let line = document.line_of(texts, anchor);
        if line < self.top || line >= self.top + self.height {
            self.top = line.saturating_sub(margin.min(self.height / 2));
        }
        self.fill(corpus);
    }

    /// Scrolls so that `anchor` is on the top line.
    pub fn scroll_to_anchor(&mut self, corpus: &Corpus, anchor: (TextRef, usize)) {
        let (Some(document), Some(texts)) = (&mut self.document, texts(corpus, self.article))
        else {
            return;
        };
        self.top = document.line_of(texts, anchor);
        self.fill(corpus);
    }

    /// How far through the article the top of the view is, 0–100.
    pub fn percent(&self) -> usize {
        self.document
            .as_ref()
            .map_or(100, |d| d.percent(self.top, self.height))
    }

    /// Lays out what the screen shows from `top`, then keeps `top` within the text.
    fn fill(&mut self, corpus: &Corpus) {
        let (Some(document), Some(texts)) = (&mut self.document, texts(corpus, self.article))
        else {
            return;
        };
        document.ensure(
            texts,
            self.top.saturating_add(self.height).saturating_add(1),
        );
        let max_top = document.lines.len().saturating_sub(self.height);
        self.top = self.top.min(max_top);
    }

    /// Lays the article out anew; with no such article yet (a corpus still loading its first
    /// file), there is nothing to lay out until it comes.
    fn relayout(&mut self, corpus: &Corpus, options: LayoutOptions) {
        self.document = texts(corpus, self.article).map(|texts| {
            if self.raw {
                Document::raw(texts.source, options)
            } else {
                Document::new(texts, options)
            }
        });
    }

    fn scroll_to_article_start(&mut self, corpus: &Corpus) {
        if let (Some(document), Some(texts)) = (&mut self.document, texts(corpus, self.article)) {
            let first_line = texts.article.lines.start;
            self.top = document.line_of_source_line(texts, first_line);
        }
    }
}

/// The texts an article's document refers to, if the corpus holds that article.
fn texts(corpus: &Corpus, article: usize) -> Option<Texts<'_>> {
    let article = corpus.articles.get(article)?;
    Some(Texts {
        article,
        source: corpus.sources.get(article.source)?,
    })
}
