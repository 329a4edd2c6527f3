//! Raw HTML inside Markdown, shown as the text a reader expects: tags dropped, entities decoded,
//! an image by its alt text when nothing else is there, and a `<figure>` by its caption — as a
//! piece of its own, since a caption is not part of the prose around it.
//!
//! `tokens` splits the HTML into text and tags; this module gathers them into pieces.

#[cfg(test)]
mod tests;
mod tokens;

use tokens::{Token, TokenKind, tokens};

/// The readable text of an HTML fragment.
///
/// ```
/// use wenji_core::corpus::html::text_of;
/// assert_eq!(text_of("<p>全面<b>振兴</b></p>"), "全面振兴");
/// assert_eq!(text_of(r#"<figure><img src="a.jpg" alt="大会现场"><figcaption>开幕式</figcaption></figure>"#), "开幕式");
/// assert_eq!(text_of(r#"<img src="a.jpg" alt="大会现场">"#), "大会现场");
/// assert_eq!(text_of("<br>"), "");
/// ```
pub fn text_of(html: &str) -> String {
    let mut piece = Gathered::default();
    for token in tokens(html) {
        piece.take(&token);
    }
    piece.finish().map(|(text, _)| text).unwrap_or_default()
}

/// One paragraph of an HTML block: prose, or the caption of a figure (or of an image standing
/// alone), which is never prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset in the HTML where the piece starts, to find its source line.
    pub offset: usize,
    pub text: String,
    pub caption: bool,
}

/// The paragraphs an HTML block reads as: text between block-level tags (`<p>`, `<div>`, `<br>`,
/// `<li>` …) one piece each, and every `<figure>` one caption piece, by its `<figcaption>` (or
/// its images' alt text when it has no other text). A piece that is only an image's alt text is a
/// caption too.
///
/// ```
/// use wenji_core::corpus::html::pieces;
/// let html = "<p>会议召开。</p><figure><img alt=\"会场\"><figcaption>会议现场</figcaption></figure>\n代表发言。";
/// let pieces = pieces(html);
/// let read: Vec<(&str, bool)> = pieces.iter().map(|p| (p.text.as_str(), p.caption)).collect();
/// assert_eq!(read, [("会议召开。", false), ("会议现场", true), ("代表发言。", false)]);
/// ```
pub fn pieces(html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = Gathered::default();
    let mut figure: Option<(usize, Gathered, usize)> = None;
    for token in tokens(html) {
        if let Some((start, inner, depth)) = &mut figure {
            match &token.kind {
                TokenKind::Tag { name, closing, .. } if name == "figure" => {
                    if !closing {
                        *depth += 1;
                    } else if *depth > 1 {
                        *depth -= 1;
                    } else {
                        let (start, inner) = (*start, std::mem::take(inner));
                        figure = None;
                        push(&mut pieces, start, inner, true);
                    }
                }
                _ => inner.take(&token),
            }
            continue;
        }
        match &token.kind {
            TokenKind::Tag { name, closing, .. } if name == "figure" && !closing => {
                push(
                    &mut pieces,
                    current.start,
                    std::mem::take(&mut current),
                    false,
                );
                figure = Some((token.offset, Gathered::default(), 1));
            }
            TokenKind::Tag { name, .. } if is_block_tag(name) => {
                push(
                    &mut pieces,
                    current.start,
                    std::mem::take(&mut current),
                    false,
                );
            }
            _ => current.take(&token),
        }
    }
    if let Some((start, inner, _)) = figure {
        push(&mut pieces, start, inner, true);
    }
    push(&mut pieces, current.start, current, false);
    pieces
}

/// Adds what `gathered` read as a piece, if it read as anything; alt text alone is a caption.
fn push(pieces: &mut Vec<Piece>, start: usize, gathered: Gathered, caption: bool) {
    if let Some((text, only_alt)) = gathered.finish() {
        pieces.push(Piece {
            offset: start,
            text,
            caption: caption || only_alt,
        });
    }
}

/// Elements that separate paragraphs: text on either side of one is not one paragraph.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "hr"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "table"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// The text and image alt texts read so far for one piece.
#[derive(Debug, Default)]
struct Gathered {
    text: String,
    alts: Vec<String>,
    /// Offset of the first token that gave anything.
    start: usize,
    started: bool,
}

impl Gathered {
    fn take(&mut self, token: &Token<'_>) {
        let offset = token.offset;
        match &token.kind {
            TokenKind::Text {
                text,
                leading_space,
            } => {
                if !self.started && !text.trim().is_empty() {
                    (self.start, self.started) = (offset + leading_space, true);
                }
                self.text.push_str(text);
            }
            TokenKind::Tag { alt: Some(alt), .. } => {
                if !self.started {
                    (self.start, self.started) = (offset, true);
                }
                self.alts.push(alt.clone());
            }
            TokenKind::Tag { .. } => {}
        }
    }

    /// The text with HTML whitespace collapsed (to nothing between hanzi), or the alt texts when
    /// there is no text (`true`); `None` when there is neither.
    fn finish(self) -> Option<(String, bool)> {
        let text = collapse_whitespace(&self.text);
        if !text.is_empty() {
            return Some((text, false));
        }
        let alts = self.alts.join(" ");
        (!alts.trim().is_empty()).then(|| (alts.trim().to_owned(), true))
    }
}

/// HTML whitespace runs become one space, except that a line break between two hanzi (or other
/// wide characters) is dropped, as browsers do (CSS Text's segment-break rule) and as a soft line
/// break does in Markdown.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if c.is_whitespace() {
            run = Some(run.unwrap_or(false) || c == '\n');
            continue;
        }
        if let Some(has_newline) = run.take() {
            let between_wide = out.chars().next_back().is_some_and(is_wide) && is_wide(c);
            let dropped = has_newline && between_wide;
            if !out.is_empty() && !dropped {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}
