//! The prefilter never turns away a file that has a hit: for random files — plain text,
//! Markdown, front matter (tags among its fields), JSON Lines, GBK — mixing ideographs with character references, YAML
//! and JSON escapes, traditional and variant forms, full-width and zero-width characters, bidi controls, tags and line breaks,
//! and random queries, a file the prefilter rejects from its raw bytes has no hit once it is
//! loaded and searched as `wenji search` searches it.

use std::path::Path;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, LoadOptions};
use wenji_core::search::Query;
use wenji_core::search::plain::Plain;
use wenji_core::search::prefilter::Prefilter;

/// Pieces of text: ideographs, the ways they can be written without their bytes, and what may
/// sit between two of them.
fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "振",
        "兴",
        "东",
        "北",
        "发",
        "展",
        "發",
        "興",
        "東",
        "\u{F9B4}",
        "𠀀",
        "&#25391;",
        "&#x5174;",
        "&#X4E1C;",
        "&#21271;",
        "&#131072;",
        "\\u53d1",
        "\\u5C55",
        "\\U00005174",
        "\\ud840\\udc00",
        "Ａ",
        "ａ",
        "a",
        "A",
        "\u{200b}",
        "\u{feff}",
        "\u{2060}",
        "\u{ad}",
        "\u{202e}",
        "\u{3000}",
        "\x1b",
        "，",
        "（",
        "）",
        "**",
        "<b>",
        "</b>",
        "&amp;",
        "\n",
        "\n\n",
        "## ",
        "# ",
        "<figure><figcaption>",
        "</figcaption></figure>",
        " ",
        "。",
    ])
    .prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// A file: its name and bytes, in one of the shapes wenji reads; front matter with tags, as a
/// flow list of quoted tags or a block list of plain ones, whose text may be all a hit is in.
fn file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let stem = prop::sample::select(vec!["a", "振兴", "东北发展", "𠀀"]);
    (stem, 0..7_u8, text(), text(), text()).prop_map(|(stem, shape, head, body, tag)| match shape {
        0 => (format!("{stem}.txt"), body.into_bytes()),
        1 => (
            format!("{stem}.md"),
            format!("{head}\n\n{body}").into_bytes(),
        ),
        2 => {
            let quoted = head.replace(['"', '\n'], "");
            let matter = format!("---\ntitle: \"{quoted}\"\nauthor: {quoted}\n---\n{body}");
            (format!("{stem}.md"), matter.into_bytes())
        }
        3 => {
            let line = |text: &str| text.replace(['"', '\n'], "");
            let json = format!(
                "{{\"title\":\"{}\",\"content\":\"{}\"}}\n",
                line(&head),
                line(&body)
            );
            (format!("{stem}.jsonl"), json.into_bytes())
        }
        4 => {
            let quoted = |text: &str| text.replace(['"', '\n'], "");
            let matter = format!(
                "---\ntitle: 一篇\ntags: [\"{}\", \"{}\"]\n---\n{body}",
                quoted(&head),
                quoted(&tag)
            );
            (format!("{stem}.md"), matter.into_bytes())
        }
        5 => {
            let plain = |text: &str| text.replace('\n', "");
            let matter = format!(
                "---\ncategory: {}\ntags:\n  - {}\n  - {}\n---\n{body}",
                plain(&head),
                plain(&tag),
                plain(&head)
            );
            (format!("{stem}.md"), matter.into_bytes())
        }
        _ => {
            let (gbk, _, _) = encoding_rs::GB18030.encode(&body);
            (format!("{stem}.txt"), gbk.into_owned())
        }
    })
}

/// Every hit of `query` in the file at `path`, loaded as `wenji search` loads it.
fn hits(path: &Path, query: &Query) -> usize {
    let mut corpus = Corpus::default();
    corpus.absorb(corpus::read_file(path, LoadOptions::default()));
    let plain = Plain::for_query(query);
    let mut hits = 0;
    for (id, article) in corpus.articles.iter().enumerate() {
        let id = u32::try_from(id).expect("few articles");
        hits += plain.find(article, id, "").map_or(0, |found| found.len());
    }
    hits
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_file_turned_away_has_no_hit(
        (name, bytes) in file(),
        query in prop::collection::vec("[振兴东北发展𠀀ａA]{1,3}", 1..3),
        either in any::<bool>(),
    ) {
        // Terms side by side, or alternatives (`A OR B`), which a file needs one of.
        let query = Query::parse(&query.join(if either { " OR " } else { " " }));
        let Some(prefilter) = Prefilter::new(&query) else {
            return Ok(());
        };
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).expect("file written");
        if !prefilter.may_match(&bytes, Some(&path)) {
            prop_assert_eq!(hits(&path, &query), 0, "{:?} in {:?}", query.terms, String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn files_without_the_characters_are_turned_away() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let query = Query::parse("振兴东北");
    let prefilter = Prefilter::new(&query).expect("ideographs to look for");
    for (name, text) in [
        ("a.txt", "## 发展\n\n全面振兴，东方。\n"),
        ("b.md", "---\ntitle: \"振兴\"\n---\n东方&amp;\n"),
        (
            "c.jsonl",
            "{\"title\":\"\\u53d1展\",\"content\":\"东北\"}\n",
        ),
        ("d.md", "---\ntags: [振兴, 东方]\n---\n发展\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("file written");
        assert!(!prefilter.may_match(text.as_bytes(), Some(&path)), "{name}");
        assert_eq!(hits(&path, &query), 0);
    }
}

#[test]
fn a_file_whose_only_hit_is_in_a_tag_passes_and_has_the_hit() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let query = Query::parse("国安法");
    let prefilter = Prefilter::new(&query).expect("ideographs to look for");
    for (name, text) in [
        (
            "flow.md",
            "---\ntitle: 一篇\ntags: [香港, 国安法]\n---\n正文。\n",
        ),
        (
            "block.md",
            "---\ntags:\n  - 香港\n  - 国安法\n---\n正文。\n",
        ),
        (
            "escaped.md",
            "---\ntags: [\"\\u56fd\\u5b89\\u6cd5\"]\n---\n正文。\n",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("file written");
        assert_eq!(hits(&path, &query), 1, "{name}: the tag is searched");
        assert!(prefilter.may_match(text.as_bytes(), Some(&path)), "{name}");
    }
}
