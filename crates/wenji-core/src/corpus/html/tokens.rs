//! HTML as a stream of tokens, text and tags: entities decoded, comments, scripts and style
//! sheets skipped, an `<img>`'s alt text kept with its tag.

/// A piece of HTML: decoded text, or a tag.
pub(super) struct Token<'a> {
    pub(super) offset: usize,
    pub(super) kind: TokenKind<'a>,
}

pub(super) enum TokenKind<'a> {
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
pub(super) fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
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
            let alt = (name == "img")
                .then(|| attribute(tag, "alt"))
                .flatten()
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
