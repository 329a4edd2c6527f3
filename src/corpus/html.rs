//! Raw HTML inside Markdown, shown as the text a reader expects: tags dropped, entities decoded,
//! an image by its alt text when nothing else is there (a `<figure>` by its caption).

/// The readable text of an HTML fragment.
///
/// ```
/// use wenji::corpus::html::text_of;
/// assert_eq!(text_of("<p>全面<b>振兴</b></p>"), "全面振兴");
/// assert_eq!(text_of(r#"<figure><img src="a.jpg" alt="大会现场"><figcaption>开幕式</figcaption></figure>"#), "开幕式");
/// assert_eq!(text_of(r#"<img src="a.jpg" alt="大会现场">"#), "大会现场");
/// assert_eq!(text_of("<br>"), "");
/// ```
pub fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut alts = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..open]));
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            // A comment may hold `>`; it ends only at `-->`.
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(close) = after.find('>') else {
            // An unterminated tag: what follows is part of it, not text.
            rest = "";
            break;
        };
        let tag = &after[1..close];
        let name = tag_name(tag);
        if let Some(alt) = attribute(tag, "alt").filter(|_| name == "img") {
            alts.push(decode_entities(alt));
        }
        rest = &after[close + 1..];
        if matches!(name.as_str(), "script" | "style") && !tag.starts_with('/') {
            // Code and style sheets are not text: skip to the element's end.
            rest = past_closing_tag(rest, &name);
        }
    }
    text.push_str(&decode_entities(rest));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        alts.join(" ")
    } else {
        text
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
}
