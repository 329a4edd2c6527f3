//! The embedded sample page parses into exactly the articles a reader sees on the newspaper page.

use wenji_core::corpus::{self, ParagraphKind};

#[test]
fn sample_has_exactly_three_articles_with_titles_sections_and_bylines() {
    let corpus = corpus::sample();
    let summary: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| {
            (
                a.meta.section(),
                a.title.as_str(),
                a.meta.speaker(),
                a.meta.role(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                None,
                "以全面振兴新突破建设中国式现代化新辽宁",
                Some("郝鹏"),
                Some("辽宁省委书记、省人大常委会主任")
            ),
            (
                None,
                "打造向北开放新高地 谱写龙江振兴新篇章",
                Some("许勤"),
                Some("黑龙江省委书记、省人大常委会主任")
            ),
            (
                Some("新声无限"),
                "2023年新华社进校园活动正式启动",
                None,
                None
            ),
        ]
    );
}

#[test]
fn credits_are_split_off_whether_inline_or_on_their_own_line() {
    let corpus = corpus::sample();
    let credits: Vec<_> = corpus.articles.iter().map(|a| a.meta.credit()).collect();
    assert_eq!(
        credits,
        [
            Some("新华社记者曹智、李铮整理"),
            Some("新华社记者刘伟、王春雨整理"),
            None
        ]
    );
    let last = corpus.articles[0]
        .paragraphs
        .last()
        .expect("first article has paragraphs");
    assert!(last.text.ends_with("争先进的浓厚氛围。"), "{}", last.text);
    assert!(
        corpus.articles[1]
            .paragraphs
            .iter()
            .all(|p| !p.text.contains("整理"))
    );
}

#[test]
fn page_break_split_paragraphs_are_joined_in_the_sample() {
    let corpus = corpus::sample();
    let first = &corpus.articles[0];
    let joined = first
        .paragraphs
        .iter()
        .find(|p| p.text.contains("主要经济指标增幅达到近年历史同期最好水平"))
        .expect("economic-indicator paragraph joined across the page break");
    assert_eq!(joined.lines, 13..16);
    assert!(
        first
            .paragraphs
            .iter()
            .any(|p| p.text.contains("提高科技成果转化和产业化水平。"))
    );
    assert_eq!(first.paragraphs.len(), 8);
}

#[test]
fn paragraphs_remember_their_source_lines() {
    let corpus = corpus::sample();
    let source = &corpus.sources[0].text;
    let lines: Vec<&str> = source.lines().collect();
    for article in &corpus.articles {
        for paragraph in &article.paragraphs {
            let first_line = lines[paragraph.lines.start - 1].trim();
            let head: String = paragraph.text.chars().take(4).collect();
            assert!(
                first_line.starts_with(&head),
                "{head} is not on line {}",
                paragraph.lines.start
            );
        }
    }
}

#[test]
fn masthead_hard_break_keeps_news_on_its_own_line() {
    let corpus = corpus::sample();
    let third = &corpus.articles[2];
    let news = third
        .paragraphs
        .iter()
        .find(|p| p.text == "NEWS")
        .expect("NEWS line kept");
    assert_eq!(news.kind, ParagraphKind::Continuation);
    assert!(
        third
            .paragraphs
            .iter()
            .any(|p| p.text == "新锐青年说 | “新”记者实践")
    );
}
