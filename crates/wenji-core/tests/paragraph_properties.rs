//! What paragraph building may and may not do, over the shared corpora and over generated
//! text: repair only joins, so every character of a source body appears exactly once in the
//! article, in order (whitespace excepted: line ends and indents are layout, not text); after
//! repair no body paragraph starts with a closing mark or ends with an opening one while a body
//! paragraph stands beside it; and a figure's caption is always a paragraph of its own.

use std::path::Path;

use proptest::prelude::*;
use wenji_core::corpus::format::jsonl;
use wenji_core::corpus::{Article, ParagraphKind};
use wenji_core::text::sanitize::sanitize;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/corpora/wikisource-political"
);

const NEVER_FIRST: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '．', '”', '’', '」', '』', '）', ')', '〕', '］',
    ']', '｝', '}', '】', '〗', '》', '〉',
];
const NEVER_LAST: &[char] = &[
    '“', '‘', '「', '『', '（', '(', '〔', '［', '[', '｛', '{', '【', '〖', '《', '〈',
];

/// The characters of `text` a reader reads, without whitespace.
fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything of an article's body as shown: byline, paragraphs, credit. The byline and credit
/// lose their brackets when they become fields, so brackets are left out of both sides when the
/// article has either.
fn shown_body(article: &Article) -> String {
    let mut text: String = article
        .meta
        .speaker()
        .iter()
        .chain(&article.meta.role())
        .copied()
        .collect();
    for paragraph in &article.paragraphs {
        text.push_str(&paragraph.text);
    }
    text.extend(article.meta.credit());
    visible(&text)
}

fn without_brackets(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）'))
        .collect()
}

/// Checks both invariants for the article built from `content`.
fn assert_paragraphs_keep_the_source(article: &Article, content: &str, what: &str) {
    let (content, _) = sanitize(content);
    let (mut source, mut shown) = (visible(&content), shown_body(article));
    if article.meta.speaker().is_some() || article.meta.credit().is_some() {
        (source, shown) = (without_brackets(&source), without_brackets(&shown));
    }
    assert_eq!(shown, source, "{what}: every character once, in order");
    let paragraphs = &article.paragraphs;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if paragraph.kind != ParagraphKind::Body {
            continue;
        }
        let body_before = index > 0 && paragraphs[index - 1].kind == ParagraphKind::Body;
        let body_after = paragraphs
            .get(index + 1)
            .is_some_and(|p| p.kind == ParagraphKind::Body);
        assert!(
            !(body_before && paragraph.text.starts_with(NEVER_FIRST)),
            "{what}: paragraph {index} starts with a closing mark: {:?}",
            paragraph.text
        );
        assert!(
            !(body_after && paragraph.text.ends_with(NEVER_LAST)),
            "{what}: paragraph {index} ends with an opening mark: {:?}",
            paragraph.text
        );
    }
}

/// The articles of one JSON Lines record with `content`.
fn articles_of(content: &str) -> Vec<Article> {
    let record = serde_json::json!({ "title": "题", "content": content }).to_string();
    let (articles, _) = jsonl::articles(&record, 0, "generated.jsonl", true);
    articles
}

#[test]
fn repair_keeps_every_character_of_the_shared_reports_once_and_in_order() {
    for name in [
        "cpc_congress_reports.jsonl",
        "government_work_reports.jsonl",
    ] {
        let path = Path::new(CORPUS).join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let (articles, _zero_width_removed) = jsonl::articles(&text, 0, name, true);
        assert_eq!(articles.len(), text.lines().count(), "one article a record");
        for (line, article) in text.lines().zip(&articles) {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
            let content = record["content"].as_str().expect("content");
            assert_paragraphs_keep_the_source(
                article,
                content,
                &format!("{name}: {}", article.title),
            );
        }
    }
}

/// Lines as exports cut them: whole sentences, sentences cut at a comma or a word, fragments
/// (links, titles, footnote marks), lines that start with a closing mark or end with an opening
/// one, numbered headings and bare numbers, quotes, blank lines and indents.
const LINES: &[&str] = &[
    "我们要坚持稳中求进工作总基调。",
    "今年以来，固定资产投资、规上工业增加值等主要经济指标",
    "增幅达到近年历史同期最好水平，发展新动能正不断加速集聚。",
    "会议听取和审议了国务院总理所作的",
    "政府工作报告",
    "。会议充分肯定国务院过去一年的工作。",
    "，决定批准这个报告",
    "”大家热烈鼓掌。",
    "）等高标准经贸协议。",
    "他在会上说：“",
    "可视为《",
    "中华人民共和国著作权法",
    "》第五条规定之文件",
    "[",
    "CPC 1",
    "]",
    "四、加快构建新发展格局，着力推动高质量发展",
    "（三）强化安全生产工作，整顿规范市场秩序",
    "1．稳定和扩大就业",
    "二、",
    "（一）",
    "　　全年国内生产总值增长5%。",
    "PM",
    "2.5",
    "各位代表：",
    "",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn repair_only_joins_and_leaves_no_paragraph_edge_broken(
        lines in proptest::collection::vec(proptest::sample::select(LINES), 1..40),
    ) {
        let content = lines.join("\n");
        for article in articles_of(&content) {
            assert_paragraphs_keep_the_source(&article, &content, &format!("{content:?}"));
        }
    }

    #[test]
    fn every_figure_caption_is_one_paragraph_of_its_own(
        parts in proptest::collection::vec(0..5_usize, 1..16),
    ) {
        let mut markdown = String::from("---\ntitle: 题\n---\n\n");
        let mut captions = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let caption = format!("资料图片{index}");
            let block = match part {
                0 => format!("<figure><img src=\"{index}.jpg\"><figcaption>{caption}</figcaption></figure>\n"),
                1 => format!("![{caption}]({index}.png)\n"),
                2 => format!("会议由主席主持<figure><figcaption>{caption}</figcaption></figure>议员发言\n"),
                3 => "今年以来，固定资产投资、规上工业增加值等主要经济指标\n".to_owned(),
                _ => "增幅达到近年历史同期最好水平，发展新动能正不断加速集聚。\n".to_owned(),
            };
            if *part < 3 {
                captions.push(caption);
            }
            markdown.push_str(&block);
            markdown.push('\n');
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("figures.md");
        std::fs::write(&path, &markdown).expect("written");
        let corpus = wenji_core::corpus::load(&[path], wenji_core::corpus::LoadOptions::default())
            .expect("loads");
        let paragraphs = &corpus.articles[0].paragraphs;
        let shown: Vec<&str> = paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Caption)
            .map(|p| p.text.as_str())
            .collect();
        prop_assert_eq!(&shown, &captions);
        for paragraph in paragraphs.iter().filter(|p| p.kind != ParagraphKind::Caption) {
            prop_assert!(!paragraph.text.contains("资料图片"), "{:?}", paragraph.text);
        }
    }
}
