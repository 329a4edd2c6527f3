//! Hostile corpus files, built from pieces rather than uniform noise: Chinese lines as UTF-8 and
//! in the legacy encodings, byte-order marks, C0 and C1 controls, escape sequences (CSI, OSC
//! ended by BEL or ST, DCS), bidi controls, U+2028/9, NUL runs, lone surrogates, cut multi-byte
//! sequences, YAML front matter, HTML figures and entities, Markdown headings and lists, and JSON
//! Lines records with escapes, for each format the loader reads (`.txt`, `.md`, `.jsonl`).

use std::fmt::Write as _;

use encoding_rs::{BIG5, GBK};
use proptest::prelude::*;

/// Lines of real speeches, with the marks, numbers and brackets the parser looks at.
pub const LINES: &[&str] = &[
    "以全面振兴新突破建设中国式现代化新辽宁",
    "郝鹏（辽宁省委书记、省人大常委会主任）",
    "今年以来，固定资产投资、规上工业增加值等主要经济指标",
    "增幅达到近年历史同期最好水平，发展新动能正不断加速集聚。",
    "“两个毫不动摇”（见附件）",
    "（新华社记者曹智、李铮整理）",
    "一、加快构建新发展格局",
    "（三）强化安全生产工作",
    "1．稳定和扩大就业",
    "全年国内生产总值增长５.２%，ＧＤＰ达到１２６万亿元。",
    "PM2.5 浓度下降，AI 与 Internet+ 深度融合",
    "各位代表：",
    "臺灣同胞書",
    "😀👨\u{200D}👩\u{200D}👧🇨🇳",
    "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30a}\u{30b}",
    "ＡＢＣ（ａｂｃ）　１２３",
];

/// Escape sequences a file could use to act on a terminal.
pub const ESCAPES: &[&str] = &[
    "\x1b[2J",
    "\x1b[31;1m",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]0;title\x1b\\",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP1$qm\x1b\\",
    "\x1bc",
    "\u{9b}2J",
    "\u{9d}0;t\u{9c}",
    "\x07\x08\x0b\x0c\x7f",
];

/// Characters that reorder, hide or break lines.
pub const FORMAT: &[&str] = &[
    "\u{202E}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{2066}", "\u{2067}", "\u{2068}",
    "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{2028}", "\u{2029}", "\u{85}", "\u{200B}",
    "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}",
];

/// Line ends and blanks in every form.
pub const BLANKS: &[&str] = &["\n", "\n\n", "\r\n", "\r", "\t", "  \n", " ", "\u{3000}"];

/// A piece of valid UTF-8 text without NUL (a NUL marks a file as UTF-16 or binary): what a
/// text file whose expected text is known is made of.
pub fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(LINES).prop_map(str::to_owned),
        3 => prop::sample::select(BLANKS).prop_map(str::to_owned),
        2 => prop::sample::select(ESCAPES).prop_map(str::to_owned),
        2 => prop::sample::select(FORMAT).prop_map(str::to_owned),
        1 => prop::char::range('\u{1}', '\u{1f}').prop_map(String::from),
        1 => prop::char::range('\u{80}', '\u{9f}').prop_map(String::from),
        1 => prop::collection::vec(prop::char::range('\u{300}', '\u{36f}'), 1..24)
            .prop_map(|marks| marks.into_iter().collect()),
        1 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.replace('\0', "")),
    ]
}

/// The bytes of a line in an encoding a Chinese corpus arrives in.
fn encoded(line: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => GBK.encode(line).0.into_owned(),
        1 => BIG5.encode(line).0.into_owned(),
        2 => line.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        _ => line.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

/// A piece of raw bytes: any text piece, a line in GBK, Big5 or UTF-16, byte-order marks, NUL
/// runs, lone surrogates, cut multi-byte sequences, raw C1 bytes, random bytes.
pub fn byte_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => text_piece().prop_map(String::into_bytes),
        3 => (prop::sample::select(LINES), 0..4_u8).prop_map(|(line, e)| encoded(line, e)),
        1 => prop::sample::select(vec![
            &b"\xEF\xBB\xBF"[..],
            b"\xFF\xFE",
            b"\xFE\xFF",
            b"\xFF\xFE\0\0",
            b"\0\0\xFE\xFF",
        ])
        .prop_map(<[u8]>::to_vec),
        1 => (1..64_usize).prop_map(|n| vec![0; n]),
        1 => prop::sample::select(vec![
            &b"\x00\xD8"[..],
            b"\xD8\x00",
            b"\x00\xDC\x41\x00",
            b"\x3D\xD8\x0A\x00",
        ])
        .prop_map(<[u8]>::to_vec),
        1 => (prop::sample::select(LINES), 1..3_usize).prop_map(|(line, cut)| {
            let hanzi = line.chars().find(|c| c.len_utf8() == 3).unwrap_or('中');
            hanzi.to_string().as_bytes()[..cut].to_vec()
        }),
        1 => prop::sample::select(vec![&b"\x9b2J"[..], b"\x9d0;x\x9c", b"\x85", b"\xC0\x80", b"\xED\xA0\x80"])
            .prop_map(<[u8]>::to_vec),
        1 => prop::collection::vec(any::<u8>(), 0..48),
    ]
}

/// A value for a YAML field: plain, quoted with escapes that only become characters once the
/// YAML is read, a list, a number, or broken YAML.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(LINES).prop_map(str::to_owned),
        Just("\"\\e[2J\\u202E题\\x07\\x9b31m\"".to_owned()),
        Just("\"第一行\\n第二行\\u2028第三行\\r\\t\"".to_owned()),
        Just("\"\\u200B\\u2066隔\\u2069\\0\"".to_owned()),
        Just("[\"\\e]52;c;eA==\\a\", 标签, 2025]".to_owned()),
        Just("2025-03-05".to_owned()),
        Just("1e999".to_owned()),
        Just("{ nested: [1, 2] }".to_owned()),
        Just("\"unclosed".to_owned()),
        Just("|\n  多行\n  文本".to_owned()),
        "[^\n]{0,20}",
    ]
}

/// Front matter with hostile values for the fields it sets, and unknown ones.
fn front_matter() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title", "author", "speaker", "date", "year", "category", "section", "tags", "url", "link",
        "source", "other",
    ]);
    prop::collection::vec((key, yaml_value()), 0..6).prop_map(|fields| {
        let mut matter = String::from("---\n");
        for (key, value) in fields {
            let _ = writeln!(matter, "{key}: {value}");
        }
        matter.push_str("---\n");
        matter
    })
}

/// A piece of Markdown: headings, lists, figures, images, HTML and entities, or text.
fn markdown_piece() -> impl Strategy<Value = String> {
    let line = prop::sample::select(LINES);
    prop_oneof![
        4 => text_piece(),
        2 => (1..7_usize, line.clone()).prop_map(|(level, l)| format!("\n{} {l}\n", "#".repeat(level))),
        1 => line.clone().prop_map(|l| format!("\n- {l}\n- \x1b[2J{l}\n\n")),
        1 => line.clone().prop_map(|l| format!("\n1. {l}\n2. {l}\n\n")),
        1 => line.clone().prop_map(|l| format!("<figure><img src=\"a.jpg\"><figcaption>{l}\u{202E}</figcaption></figure>")),
        1 => line.clone().prop_map(|l| format!("![{l}\x1b]0;x\x07](a.png)")),
        1 => Just("&#x1b;[2J&#8238;&#x2028;&#x85;&#x9b;&#0;&amp;&bogus;".to_owned()),
        1 => Just("<p>段&#x202e;落</p><script>x</script><!-- \x1b -->".to_owned()),
        1 => Just("`\x1b[2J`\n\n```\n\x1b]52;c;eA==\x07\n```\n".to_owned()),
        1 => Just("> 引用\u{2067}\n> 第二行\n".to_owned()),
        1 => Just("| 表 | 格 |\n|---|---|\n| \x1b | \u{202E} |\n".to_owned()),
    ]
}

/// A JSON Lines record (or a broken line), with escapes that only become characters once the
/// JSON is read.
fn jsonl_line() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        prop::sample::select(LINES).prop_map(str::to_owned),
        text_piece(),
        Just("\u{1b}[2J\u{202e}\u{2028}\u{85}\u{9b}\u{0}\u{7}".to_owned()),
    ];
    let field = prop::sample::select(vec![
        "title", "content", "text", "body", "author", "speaker", "date", "year", "section",
        "category", "url", "link", "source",
    ]);
    prop_oneof![
        6 => prop::collection::vec((field, prop::collection::vec(text, 0..6)), 0..6).prop_map(|fields| {
            let mut record = serde_json::Map::new();
            for (key, texts) in fields {
                record.insert(key.to_owned(), serde_json::Value::String(texts.join("\n")));
            }
            serde_json::Value::Object(record).to_string()
        }),
        1 => Just(r#"{"title":"\u001b]52;c;eA==\u0007","content":"正文\u202e反\u2028行\n\u0085\u009b2J\u0000","year":2025}"#.to_owned()),
        1 => Just(r#"{"title":"\ud800","content":"孤\udc00","url":{"x":1},"date":1e400}"#.to_owned()),
        1 => Just(r#"{"content":["不是","文本"]}"#.to_owned()),
        1 => "[^\n]{0,40}",
    ]
}

/// A file's name and bytes, and when it is plain UTF-8 text, the text it holds.
#[derive(Debug, Clone)]
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// For `.txt` files made of [`text_piece`]s only: every character of it (after sanitising)
    /// must reach the articles.
    pub text: Option<String>,
}

/// A plain-text file of UTF-8 pieces with its text known; it never has a line that reads as a
/// Markdown heading, so it is read as plain text.
pub fn text_file() -> impl Strategy<Value = File> {
    prop::collection::vec(text_piece(), 1..40).prop_map(|pieces| {
        let text = pieces.concat();
        File {
            name: "plain.txt",
            bytes: text.clone().into_bytes(),
            text: (!blocks_markdown(&text)).then_some(text),
        }
    })
}

/// Whether `text` would be read as Markdown for its `# ` lines, as `corpus::blocks` decides. It
/// decides on the sanitised text, where a lone `\r` (a classic Mac line end) ends a line too:
/// `"\r# "` is a heading.
fn blocks_markdown(text: &str) -> bool {
    wenji::corpus::blocks::looks_like_markdown(&wenji::text::sanitize::sanitize(text).0)
}

/// Any hostile file of any format.
pub fn file() -> impl Strategy<Value = File> {
    prop_oneof![
        2 => text_file(),
        2 => prop::collection::vec(byte_piece(), 1..40).prop_map(|pieces| File {
            name: "bytes.txt",
            bytes: pieces.concat(),
            text: None,
        }),
        2 => (prop::option::of(front_matter()), prop::collection::vec(markdown_piece(), 1..30))
            .prop_map(|(matter, pieces)| File {
                name: "article.md",
                bytes: format!("{}{}", matter.unwrap_or_default(), pieces.concat()).into_bytes(),
                text: None,
            }),
        1 => (prop::collection::vec(markdown_piece(), 1..20), prop::collection::vec(byte_piece(), 0..6))
            .prop_map(|(pieces, bytes)| {
                let mut all = pieces.concat().into_bytes();
                all.extend(bytes.concat());
                File { name: "mixed.md", bytes: all, text: None }
            }),
        2 => (prop::collection::vec(jsonl_line(), 1..12), prop::sample::select(vec!["\n", "\r\n", "\u{2028}"]))
            .prop_map(|(lines, end)| File {
                name: "records.jsonl",
                bytes: lines.join(end).into_bytes(),
                text: None,
            }),
    ]
}
