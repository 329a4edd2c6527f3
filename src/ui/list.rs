//! The article list pane: every article, or only those matching the search, with hit counts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::layout::LIST_ENTRY_ROWS;
use super::text::draw;
use crate::corpus::order::Order;
use crate::corpus::{Article, Corpus};
use crate::count::{count, grouped, hits_in_articles};
use crate::state::{ListCursor, ListRow, Rows, Search};
use crate::text::truncate::truncate;
use crate::text::width::{AmbiguousWidth, str_width};
use crate::theme::Theme;

/// Draws the list: each entry a title, then speaker · role (or the section, or the file) dimmed.
pub struct ListView<'a> {
    pub corpus: &'a Corpus,
    pub cursor: &'a ListCursor,
    /// Which entry each row shows, in the order the list is in.
    pub rows: &'a Rows,
    pub order: Order,
    /// The corpus is still loading: more entries will follow.
    pub loading: bool,
    /// The search whose matches the list shows, if it filters.
    pub search: Option<&'a Search>,
    pub focused: bool,
    pub theme: &'a Theme,
    pub ambiguous: AmbiguousWidth,
}

impl Widget for &ListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = super::bordered(self.ambiguous)
            .title(self.header())
            .border_style(self.theme.border(self.focused));
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height / LIST_ENTRY_ROWS);
        let first = self.cursor.offset();
        for (row, index) in (0..rows).zip(first..self.cursor.len()) {
            let Some((article, hits, shown)) = self.entry_at(index) else {
                break;
            };
            let y = inner.y + u16::try_from(row).unwrap_or(0) * LIST_ENTRY_ROWS;
            let area = Rect::new(inner.x, y, inner.width, LIST_ENTRY_ROWS);
            let selected = index == self.cursor.selected();
            if shown.copy {
                self.copy(article, area, selected, buf);
            } else {
                self.entry(article, hits, shown.copies, area, selected, buf);
            }
        }
    }
}

impl ListView<'_> {
    /// The border's title: how many, and the order when it is not the corpus's.
    fn header(&self) -> String {
        let counted = self.counted();
        if self.order == Order::Corpus {
            return counted;
        }
        format!("{}· {} ", counted, self.order.label())
    }

    fn counted(&self) -> String {
        let rows = self.rows;
        let (listed, distinct) = (rows.listed(), rows.distinct());
        match self.search.filter(|s| s.filters()) {
            Some(search) => {
                let hits = rows.hits(search.results.hit_count());
                let running = if search.running { ", scanning" } else { "" };
                let found = if search.query.seeks_text() {
                    hits_in_articles(hits, distinct)
                } else {
                    count(distinct, "article")
                };
                let folded = match listed - distinct {
                    0 => String::new(),
                    1 => " +1 copy".to_owned(),
                    n => format!(" +{n} copies"),
                };
                format!(" {found}{folded}{running} ")
            }
            None if self.loading => format!(" Articles ({} so far) ", grouped(listed)),
            None if distinct < listed => {
                format!(
                    " {} articles, {} distinct ",
                    grouped(listed),
                    grouped(distinct)
                )
            }
            None => format!(" Articles ({}) ", grouped(listed)),
        }
    }

    /// The article at list position `index`, its hit count when the list is filtered, and what
    /// the row is.
    fn entry_at(&self, row: usize) -> Option<(&Article, Option<usize>, ListRow)> {
        let shown = self.rows.get(row)?;
        let index = shown.entry as usize;
        match self.search.filter(|s| s.filters()) {
            Some(search) => {
                let entry = search.results.articles.get(index)?;
                // A query of conditions alone matches articles, not text: no count.
                let hits = search.query.seeks_text().then_some(entry.hits.len());
                Some((
                    self.corpus.articles.get(entry.article as usize)?,
                    hits,
                    shown,
                ))
            }
            None => Some((self.corpus.articles.get(index)?, None, shown)),
        }
    }

    /// A copy shown under its article: `↳ title`, then its date and `file:line`, dimmed and
    /// indented under the article's row.
    fn copy(&self, article: &Article, area: Rect, selected: bool, buf: &mut Buffer) {
        let columns = usize::from(area.width.saturating_sub(3));
        let date = article
            .meta
            .date()
            .map_or_else(|| "no date".to_owned(), |date| date.shown().into_owned());
        let source = &self.corpus.sources[article.source].name;
        let title = format!("↳ {}", article.display_title());
        let place = format!("{date} · {}:{}", file_name(source), article.lines.start);
        let highlight = self.theme.list_item(selected, self.focused);
        if let Some(style) = highlight {
            buf.set_style(area, style);
        }
        let style = highlight.unwrap_or(self.theme.dim);
        for (line, text, x) in [(0, title, 3), (1, place, 5)] {
            let width = columns.saturating_sub(usize::from(x) - 3);
            let text = truncate(&text, width, self.ambiguous);
            draw(
                buf,
                area.x + x,
                area.y + line,
                &text,
                width,
                style,
                self.ambiguous,
            );
        }
    }

    fn entry(
        &self,
        article: &Article,
        hits: Option<usize>,
        copies: u32,
        area: Rect,
        selected: bool,
        buf: &mut Buffer,
    ) {
        let columns = usize::from(area.width.saturating_sub(2));
        let copies = match copies {
            0 => String::new(),
            n => format!(" ×{}", n + 1),
        };
        let count = hits.map(|n| format!(" {n}")).unwrap_or_default();
        let copies_width = str_width(&copies, self.ambiguous);
        let count_width = copies_width + str_width(&count, AmbiguousWidth::Narrow);
        let title = truncate(
            article.display_title(),
            columns.saturating_sub(count_width),
            self.ambiguous,
        );
        let detail = detail(article, columns.saturating_sub(1), self.ambiguous)
            .unwrap_or_else(|| file_name(&self.corpus.sources[article.source].name).to_owned());
        let detail = truncate(&detail, columns.saturating_sub(1), self.ambiguous);
        let highlight = self.theme.list_item(selected, self.focused);
        if let Some(style) = highlight {
            buf.set_style(area, style);
        }
        let title_style = highlight.unwrap_or(self.theme.text);
        let detail_style = highlight.unwrap_or(self.theme.dim);
        let end = draw(
            buf,
            area.x + 1,
            area.y,
            &title,
            columns,
            title_style,
            self.ambiguous,
        );
        // The copies dimmed, the hits in the key's colour: `×3 12`.
        let end = draw(
            buf,
            end,
            area.y,
            &copies,
            copies_width,
            highlight.unwrap_or(self.theme.dim),
            self.ambiguous,
        );
        draw(
            buf,
            end,
            area.y,
            &count,
            count_width - copies_width,
            highlight.unwrap_or(self.theme.key),
            self.ambiguous,
        );
        let detail_columns = columns.saturating_sub(1);
        draw(
            buf,
            area.x + 2,
            area.y + 1,
            &detail,
            detail_columns,
            detail_style,
            self.ambiguous,
        );
    }
}

/// The line under a row's title: the date, the speaker and role, and the section, as many as
/// fit in `columns`: the role goes first, then the section, never the date (which leads, so
/// that what is cut off at the end is the speaker). `None` when the article has none of them.
fn detail(article: &Article, columns: usize, ambiguous: AmbiguousWidth) -> Option<String> {
    let meta = &article.meta;
    let date = meta.date().map(|date| date.shown().into_owned());
    let (speaker, role, section) = (meta.speaker(), meta.role(), meta.section());
    let join = |parts: &[Option<&str>]| {
        let parts: Vec<&str> = parts.iter().flatten().copied().collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    };
    let date = date.as_deref();
    let fullest = join(&[date, speaker, role, section])?;
    let fits = |line: &String| str_width(line, ambiguous) <= columns;
    if fits(&fullest) {
        return Some(fullest);
    }
    let shorter = [join(&[date, speaker, section]), join(&[date, speaker])];
    if let Some(line) = shorter.iter().flatten().find(|line| fits(line)) {
        return Some(line.clone());
    }
    let [_, least] = shorter;
    Some(least.unwrap_or(fullest))
}

/// The last part of a shown path: what tells files in one folder apart.
fn file_name(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}
