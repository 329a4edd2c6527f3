//! Second stage of parsing: blocks become articles.
//!
//! Heading levels decide the shape: with headings at two or more levels the highest is a section
//! and the next an article title (the sample: `#` section, `##` titles); with one level that level
//! is the title; deeper headings are the article's own. Text before the first title becomes an
//! untitled article, so nothing is dropped. A file without headings is one article, titled by its
//! first short line or else by the file name. A numbered line that reads as a heading
//! ([`super::numbering::heading_level`]) is laid out as one, whatever the format. An article
//! whose source gave no date is dated by its title or first paragraph when they say one
//! (`Meta::date_from_text`).

use super::blocks::{Block, BlockKind};
use super::model::{Article, Paragraph, ParagraphKind};
use super::repair;

/// The longest first line of a heading-less file that still reads as its title.
const MAX_TITLE_CHARS: usize = 40;

/// Turns one file's blocks into articles. `fallback_title` names a heading-less file; a file
/// without any text gives no article (not an empty one named after the file).
pub fn articles(
    blocks: Vec<Block>,
    source: usize,
    fallback_title: &str,
    repair: bool,
) -> Vec<Article> {
    if blocks.is_empty() {
        return Vec::new();
    }
    let mut levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(level) => Some(level),
            BlockKind::Paragraph | BlockKind::Caption => None,
        })
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let mut articles = match levels.as_slice() {
        [] => vec![untitled_file(blocks, source, fallback_title)],
        [title] => split(blocks, source, None, *title),
        [section, title, ..] => split(blocks, source, Some(*section), *title),
    };
    for article in &mut articles {
        finish(article, repair);
    }
    articles.retain(|a| !a.title.is_empty() || !a.paragraphs.is_empty());
    articles
}

/// Adds `blocks` to an article whose title and fields are already set, then finishes it (byline,
/// credit, page-break repair): how JSON Lines and front-matter articles are built.
pub fn fill(article: &mut Article, blocks: Vec<Block>, repair: bool) {
    for block in blocks {
        add_block(article, block);
    }
    finish(article, repair);
}

fn split(
    blocks: Vec<Block>,
    source: usize,
    section_level: Option<u8>,
    title_level: u8,
) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut section: Option<(String, usize)> = None;
    let mut current = Article {
        source,
        ..Article::default()
    };
    for block in blocks {
        match block.kind {
            BlockKind::Heading(level) if Some(level) == section_level || level < title_level => {
                articles.push(std::mem::replace(
                    &mut current,
                    Article {
                        source,
                        ..Article::default()
                    },
                ));
                section = Some((block.text, block.lines.start));
                set_section(&mut current, section.as_ref());
                current.lines = block.lines.end..block.lines.end;
            }
            BlockKind::Heading(level) if level == title_level => {
                articles.push(std::mem::replace(
                    &mut current,
                    Article {
                        source,
                        ..Article::default()
                    },
                ));
                set_section(&mut current, section.as_ref());
                current.title = block.text;
                current.lines = block.lines;
            }
            _ => add_block(&mut current, block),
        }
    }
    articles.push(current);
    articles
}

/// Puts `article` under `section` (its heading's text and line).
fn set_section(article: &mut Article, section: Option<&(String, usize)>) {
    article.meta.set_section(
        section.map(|(text, _)| text.clone()),
        section.map(|&(_, line)| line),
    );
}

fn untitled_file(blocks: Vec<Block>, source: usize, fallback_title: &str) -> Article {
    let mut article = Article {
        source,
        ..Article::default()
    };
    let mut blocks = blocks.into_iter().peekable();
    match blocks.peek() {
        Some(first) if first.kind == BlockKind::Paragraph && is_title_line(&first.text) => {
            if let Some(first) = blocks.next() {
                article.title = first.text;
                article.lines = first.lines;
            }
        }
        _ => fallback_title.clone_into(&mut article.title),
    }
    for block in blocks {
        add_block(&mut article, block);
    }
    article
}

fn is_title_line(text: &str) -> bool {
    let chars = text.chars().count();
    chars <= MAX_TITLE_CHARS
        && !text
            .trim_end_matches(['”', '’'])
            .ends_with(['。', '，', '；', '：'])
}

fn add_block(article: &mut Article, block: Block) {
    if article.lines.is_empty() {
        article.lines = block.lines.clone();
    }
    article.lines.end = article.lines.end.max(block.lines.end);
    let is_first = article.paragraphs.is_empty() && article.meta.speaker().is_none();
    if is_first
        && !article.title.is_empty()
        && block.kind == BlockKind::Paragraph
        && let Some((speaker, role)) = repair::byline(&block.text)
    {
        article
            .meta
            .set_byline(speaker.to_owned(), role.to_owned(), block.lines.start);
        return;
    }
    let kind = match block.kind {
        BlockKind::Heading(_) => ParagraphKind::Heading,
        BlockKind::Caption => ParagraphKind::Caption,
        BlockKind::Paragraph if block.list_item => ParagraphKind::ListItem,
        BlockKind::Paragraph if block.after_hard_break => ParagraphKind::Continuation,
        BlockKind::Paragraph => ParagraphKind::Body,
    };
    article.paragraphs.push(Paragraph {
        text: block.text.into(),
        lines: block.lines,
        kind,
    });
}

fn finish(article: &mut Article, repair: bool) {
    // Before page-break repair, which could join a date standing alone to the paragraph after.
    let first = article
        .paragraphs
        .first()
        .filter(|p| matches!(p.kind, ParagraphKind::Body | ParagraphKind::Continuation));
    article
        .meta
        .date_from_text(&article.title, first.map(|p| p.text.as_str()));
    if let Some(last) = article.paragraphs.last_mut()
        && let Some((before, credit)) = repair::split_credit(&last.text)
    {
        // The credit trails its paragraph, so it is on the paragraph's last line.
        let line = last.lines.end.saturating_sub(1).max(last.lines.start);
        article.meta.set_credit(Some(credit.to_owned()), Some(line));
        let before = before.to_owned();
        if before.is_empty() {
            article.paragraphs.pop();
        } else {
            last.text = before.into();
        }
    }
    repair::mark_numbered_headings(&mut article.paragraphs);
    if repair {
        repair::join_page_breaks(&mut article.paragraphs);
    }
    // Pushed one by one and joined, the list has room to spare; a corpus keeps it all session.
    article.paragraphs.shrink_to_fit();
}
