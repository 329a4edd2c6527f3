//! Plain text: every non-blank line a paragraph, a file without headings one article titled by
//! its first short line or else by the file's name.

use super::{Input, Parsed};
use crate::corpus::{blocks, parse};

pub(super) fn read(text: &str, input: &Input<'_>) -> Parsed {
    let blocks = blocks::plain_blocks(text);
    Parsed {
        articles: parse::articles(blocks, 0, input.fallback_title, input.repair),
        warnings: Vec::new(),
    }
}
