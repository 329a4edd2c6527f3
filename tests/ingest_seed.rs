//! The seed page (`data/speeches.txt`) opened from disk, as a user opens their own files: both
//! page-break splits are mended, and every paragraph's line number points at the source line it
//! starts on, so a citation `speeches.txt:15` can be checked by eye.

#[path = "fixtures_support/mod.rs"]
mod support;

use wenji::corpus;

use support::{load_one, seed_path, seen};

#[test]
fn seed_from_disk_reads_as_the_embedded_sample_does() {
    let corpus = load_one(&seed_path());
    assert_eq!(corpus.sources[0].encoding, "UTF-8");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(seen(&corpus), seen(&corpus::sample()));
    assert_eq!(corpus.articles.len(), 3);
}

#[test]
fn page_break_after_main_economic_indicators_is_joined() {
    let corpus = load_one(&seed_path());
    let paragraphs = &corpus.articles[0].paragraphs;
    let joined = paragraphs
        .iter()
        .find(|p| p.text.contains("主要经济指标增幅达到近年历史同期最好水平"))
        .expect("the two halves are one paragraph");
    assert!(
        joined
            .text
            .starts_with("实现全面振兴新突破，我们要把推动经济整体好转")
    );
    assert!(joined.text.ends_with("发展新动能正不断加速集聚。"));
    assert!(
        !paragraphs.iter().any(|p| p.text.starts_with("增幅达到")),
        "the second half is not left as a paragraph of its own"
    );
}

#[test]
fn page_break_inside_industrialisation_is_joined() {
    let corpus = load_one(&seed_path());
    let paragraphs = &corpus.articles[0].paragraphs;
    let joined = paragraphs
        .iter()
        .find(|p| p.text.contains("提高科技成果转化和产业化水平。聚焦新材料"))
        .expect("产业 + 化水平 are one word again");
    assert!(
        joined
            .text
            .starts_with("实现全面振兴新突破，我们要把科技创新作为驱动力。")
    );
    assert!(!paragraphs.iter().any(|p| p.text.starts_with("化水平")));
    // The joined paragraph spans both source lines.
    let source = &corpus.sources[0].text;
    let last_line = source.lines().nth(joined.lines.end - 2).unwrap();
    assert!(last_line.starts_with("化水平。"), "{last_line}");
}

#[test]
fn paragraph_line_numbers_point_at_their_source_lines() {
    let corpus = load_one(&seed_path());
    let source = &corpus.sources[0].text;
    let mut checked = 0;
    for article in &corpus.articles {
        let title_line = source.lines().nth(article.lines.start - 1).unwrap();
        assert!(
            title_line.contains(&article.title),
            "{} is not on line {}",
            article.title,
            article.lines.start
        );
        for paragraph in &article.paragraphs {
            let line = source.lines().nth(paragraph.lines.start - 1).unwrap();
            let head: String = paragraph.text.chars().take(6).collect();
            assert!(
                line.trim_start().starts_with(&head),
                "line {} is {line:?}, not the start of {head:?}",
                paragraph.lines.start
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} paragraphs");
}
