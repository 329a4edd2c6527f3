//! Markdown without front matter, as the seed corpus writes it: with headings at two levels the
//! higher is a section and the lower a title (`#` 新声无限, `##` a speech); with one level, each
//! heading is a title. How levels become articles is [`crate::corpus::parse`]'s.

use super::{Input, Parsed};
use crate::corpus::{blocks, parse};

pub(super) fn read(text: &str, input: &Input<'_>) -> Parsed {
    let blocks = blocks::sanitised_markdown_blocks(text);
    Parsed {
        articles: parse::articles(blocks, 0, input.fallback_title, input.repair),
        warnings: Vec::new(),
    }
}
