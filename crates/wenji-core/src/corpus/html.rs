//! Raw HTML inside Markdown, shown as the text a reader expects: tags dropped, entities decoded,
//! an image by its alt text when nothing else is there, and a `<figure>` by its caption — as a
//! piece of its own, since a caption is not part of the prose around it.

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

/// A piece of HTML: decoded text, or a tag.
struct Token<'a> {
    offset: usize,
    kind: TokenKind<'a>,
}

enum TokenKind<'a> {
    Text {
        text: std::borrow::Cow<'a, str>,
        /// Bytes of whitespace the source text starts with.
        leading_space: usize,
    },
    Tag {
        /// Lowercase, without `/`.
        name: String,
        closing: bool,
        /// An `<img>`'s alt text.
        alt: Option<String>,
    },
}

/// The tokens of `html`: comments, scripts and style sheets are skipped, entities decoded; an
/// unterminated tag ends the fragment (what follows is part of it, not text).
fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let rest = html.get(at..).filter(|r| !r.is_empty())?;
            let Some(open) = rest.find('<') else {
                at = html.len();
                return Some(text_token(at - rest.len(), rest));
            };
            if open > 0 {
                at += open;
                return Some(text_token(at - open, &rest[..open]));
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                // A comment may hold `>`; it ends only at `-->`.
                at = comment
                    .find("-->")
                    .map_or(html.len(), |end| html.len() - comment.len() + end + 3);
                continue;
            }
            let Some(close) = rest.find('>') else {
                at = html.len();
                return None;
            };
            let offset = at;
            let tag = &rest[1..close];
            at += close + 1;
            let name = tag_name(tag);
            let closing = tag.starts_with('/');
            if matches!(name.as_str(), "script" | "style") && !closing {
                // Code and style sheets are not text: skip to the element's end.
                let after = past_closing_tag(&html[at..], &name);
                at = html.len() - after.len();
                continue;
            }
            let alt = attribute(tag, "alt")
                .filter(|_| name == "img")
                .map(|alt| decode_entities(alt).into_owned());
            return Some(Token {
                offset,
                kind: TokenKind::Tag { name, closing, alt },
            });
        }
    })
}

fn text_token(offset: usize, text: &str) -> Token<'_> {
    Token {
        offset,
        kind: TokenKind::Text {
            text: decode_entities(text),
            leading_space: text.len() - text.trim_start().len(),
        },
    }
}

/// What follows `</name …>` in `html`, or nothing if the element never ends.
fn past_closing_tag<'a>(html: &'a str, name: &str) -> &'a str {
    // ASCII lowercasing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    lower
        .find(&format!("</{name}"))
        .and_then(|start| lower[start..].find('>').map(|end| &html[start + end + 1..]))
        .unwrap_or_default()
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let start = from + found;
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let after = lower[start + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let value_start = tag.len() - after.len() + 1;
            let value = tag[value_start..].trim_start();
            let quote = value.chars().next()?;
            return if quote == '"' || quote == '\'' {
                value[1..].find(quote).map(|end| &value[1..=end])
            } else {
                value.split_whitespace().next()
            };
        }
        from = start + name.len();
    }
    None
}

/// Decodes the few entities that appear in real pages; anything else stays as written.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &after[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        if let Some((c, end)) = decoded {
            out.push(c);
            rest = &after[end + 1..];
        } else {
            out.push('&');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            text_of("A&amp;B &#20013;&#x6587; &bogus; &"),
            "A&B 中文 &bogus; &"
        );
    }

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        assert_eq!(
            text_of(
                "<STYLE>p > span { color: red }</style><p>全面振兴</p>\
                 <script type=\"text/javascript\">if (a > b) { c() }</Script >\
                 <!-- 注释 > 不显示 -->新突破"
            ),
            "全面振兴新突破"
        );
        assert_eq!(text_of("正文<script>never closed"), "正文");
    }

    #[test]
    fn unterminated_tag_does_not_panic() {
        assert_eq!(text_of("正文<img alt=\"x"), "正文");
    }

    fn read(html: &str) -> Vec<(usize, &'static str, String)> {
        pieces(html)
            .into_iter()
            .map(|p| {
                (
                    p.offset,
                    if p.caption { "caption" } else { "prose" },
                    p.text,
                )
            })
            .collect()
    }

    #[test]
    fn a_figure_caption_is_a_piece_of_its_own_between_the_prose() {
        let html = "<figure><img src=\"a.jpg\" alt=\"會場\"><figcaption>立法會會議現場。資料圖片</figcaption></figure>\n會議由主席主持，多名議員發言。\n";
        let read = read(html);
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].0, read[0].1), (0, "caption"));
        assert_eq!(read[0].2, "立法會會議現場。資料圖片");
        assert_eq!(read[1].1, "prose");
        assert_eq!(read[1].2, "會議由主席主持，多名議員發言。");
        assert_eq!(&html[read[1].0..read[1].0 + 3], "會");
    }

    #[test]
    fn a_figure_without_a_caption_reads_as_its_image_alt_text() {
        let read = read("<figure>\n  <img src=\"c.jpg\" alt=\"记者招待会\">\n</figure>");
        assert_eq!(read, [(0, "caption", "记者招待会".to_owned())]);
        assert!(pieces("<figure><img src=\"c.jpg\"></figure>").is_empty());
    }

    #[test]
    fn an_image_standing_alone_is_a_caption_and_beside_text_is_not_read() {
        assert_eq!(
            read("<img alt=\"会场\">"),
            [(0, "caption", "会场".to_owned())]
        );
        assert_eq!(
            read("<p>发言<img alt=\"微笑\">结束</p>"),
            [(3, "prose", "发言结束".to_owned())]
        );
    }

    #[test]
    fn block_tags_separate_paragraphs_and_line_breaks_between_hanzi_vanish() {
        let read = read("<p>第一段\n接着写。</p>\n<p>第二段 open\ndoor。</p>");
        let texts: Vec<&str> = read.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(texts, ["第一段接着写。", "第二段 open door。"]);
    }

    #[test]
    fn an_unclosed_figure_is_a_caption_to_the_end() {
        let read = read("正文。<figure><figcaption>图说");
        assert_eq!(
            read,
            [
                (0, "prose", "正文。".to_owned()),
                (9, "caption", "图说".to_owned())
            ]
        );
    }
}
