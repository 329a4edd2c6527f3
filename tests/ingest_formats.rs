//! Every input format reads as a reader expects: Markdown with YAML front matter, plain text
//! without headings, JSON Lines exports (the shared wikisource corpus), untitled leading text,
//! Markdown lists, tables and HTML shown as text, hard line breaks kept, and folders walked in
//! natural order with hidden files skipped and symlink loops caught.

#[path = "fixtures_support/mod.rs"]
mod support;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use tempfile::TempDir;
use wenji::corpus::{Date, ParagraphKind};

use support::{all_paragraphs, load, load_one, write};

/// Checks that every paragraph's first line in the source starts with the paragraph's opening.
fn assert_lines_cite_the_source(corpus: &wenji::corpus::Corpus) {
    for article in &corpus.articles {
        let source = &corpus.sources[article.source].text;
        for paragraph in &article.paragraphs {
            let line = source
                .lines()
                .nth(paragraph.lines.start - 1)
                .unwrap_or_default();
            let head: String = paragraph.text.chars().take(4).collect();
            assert!(
                line.contains(&head),
                "{head:?} is not on line {}: {line:?}",
                paragraph.lines.start
            );
        }
    }
}

#[test]
fn front_matter_fills_title_author_date_category_and_tags() {
    let text = "---\ntitle: 2025年政府工作报告\nauthor: 李强\ndate: 2025-03-05\ncategory: 报告\ntags: [经济, 民生]\n---\n\n# 2025年政府工作报告\n\n各位代表：\n\n## 一、2024年工作回顾\n\n过去一年，我国发展历程很不平凡。\n\n### （一）经济运行\n\n经济运行总体平稳、稳中有进。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "report.md", text));
    assert_eq!(corpus.articles.len(), 1);
    let article = &corpus.articles[0];
    assert_eq!(article.title, "2025年政府工作报告");
    assert_eq!(article.meta.speaker(), Some("李强"));
    assert_eq!(article.meta.date().map(Date::text), Some("2025-03-05"));
    assert_eq!(article.meta.section(), Some("报告"));
    assert_eq!(article.meta.tags(), ["经济", "民生"]);
    let paragraphs: Vec<_> = article
        .paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.kind))
        .collect();
    assert_eq!(
        paragraphs,
        [
            ("各位代表：", ParagraphKind::Body),
            ("一、2024年工作回顾", ParagraphKind::Heading),
            ("过去一年，我国发展历程很不平凡。", ParagraphKind::Body),
            ("（一）经济运行", ParagraphKind::Heading),
            ("经济运行总体平稳、稳中有进。", ParagraphKind::Body),
        ],
        "the title heading is not shown twice; inner headings are the article's own"
    );
    assert_lines_cite_the_source(&corpus);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn broken_front_matter_warns_and_the_body_still_loads() {
    let text = "---\ntitle: [unclosed\n---\n\n正文第一段。\n";
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "broken.md", text);
    let corpus = load_one(&path);
    assert_eq!(
        corpus.articles[0].title, "broken",
        "titled by the file name"
    );
    assert_eq!(corpus.articles[0].paragraphs[0].text, "正文第一段。");
    let warning = &corpus.warnings[0];
    assert_eq!(warning.source, path.display().to_string());
    assert_eq!(warning.line, Some(1));
    assert!(
        warning.message.contains("front matter ignored"),
        "{warning}"
    );
}

#[test]
fn plain_text_without_headings_is_one_article_titled_by_its_short_first_line() {
    let text = "在全省优化营商环境建设大会上的讲话\n\n同志们：\n\n今天召开全省优化营商环境建设大会，主要任务是深入学习贯彻习近平总书记重要讲话精神。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "讲话.txt", text));
    assert_eq!(corpus.articles.len(), 1);
    let article = &corpus.articles[0];
    assert_eq!(article.title, "在全省优化营商环境建设大会上的讲话");
    assert_eq!(article.paragraphs.len(), 2);
    assert_eq!(article.paragraphs[0].text, "同志们：");
    assert_lines_cite_the_source(&corpus);
}

#[test]
fn plain_text_with_a_long_first_line_is_titled_by_the_file_name() {
    let text = "今天召开全省优化营商环境建设大会，主要任务是深入学习贯彻习近平总书记重要讲话精神，动员全省上下坚决打好优化营商环境攻坚战。\n\n第二段。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "营商环境讲话.txt", text));
    let article = &corpus.articles[0];
    assert_eq!(article.title, "营商环境讲话");
    assert_eq!(
        article.paragraphs.len(),
        2,
        "the long first line stays text"
    );
    assert!(article.paragraphs[0].text.starts_with("今天召开"));
}

#[test]
fn untitled_text_before_the_first_title_is_an_article_of_its_own() {
    let text = "编者按：以下是两位省委书记的发言摘要。\n\n## 第一篇\n\n第一篇正文。\n\n## 第二篇\n\n第二篇正文。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "page.md", text));
    let titles: Vec<_> = corpus
        .articles
        .iter()
        .map(wenji::corpus::Article::display_title)
        .collect();
    assert_eq!(titles, ["（无标题）", "第一篇", "第二篇"]);
    assert_eq!(
        corpus.articles[0].paragraphs[0].text,
        "编者按：以下是两位省委书记的发言摘要。"
    );
}

#[test]
fn lists_tables_inline_html_and_figures_show_as_text_and_styles_and_comments_do_not() {
    let text = "## 工作报告\n\n\
        主要目标：\n\n\
        - 国内生产总值增长5%左右\n- 城镇新增就业1200万人以上\n\n\
        1. 稳增长\n2. 惠民生\n\n\
        | 年份 | 增长 |\n|---|---|\n| 2024 | 5% |\n\n\
        这是<span style=\"color:red\">重点</span>内容，<br>请<b>注意</b>。\n\n\
        <figure>\n  <img src=\"a.png\" alt=\"会场\">\n  <figcaption>大会开幕式现场</figcaption>\n</figure>\n\n\
        <style>\n.note > em { color: red }\n</style>\n\n\
        <!-- 编辑备注：此段不显示 -->\n\n\
        <div class=\"note\">附注<em>全文</em>见官网</div>\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "report.md", text));
    let paragraphs: Vec<&str> = all_paragraphs(&corpus).into_iter().map(|p| p.0).collect();
    assert_eq!(
        paragraphs,
        [
            "主要目标：",
            "• 国内生产总值增长5%左右",
            "• 城镇新增就业1200万人以上",
            "1. 稳增长",
            "2. 惠民生",
            "年份 | 增长",
            "2024 | 5%",
            "这是重点内容，请注意。",
            "大会开幕式现场",
            "附注全文见官网",
        ]
    );
    assert!(
        paragraphs.iter().all(|p| !p.contains('<')),
        "{paragraphs:?}"
    );
}

#[test]
fn hard_line_breaks_are_never_joined_by_page_break_repair() {
    // Both lines are prose and the first has no sentence end: without the hard break, page-break
    // repair would join them.
    let text = "## 诗选\n\n今年以来，全省经济运行企稳回升向好，主要经济指标  \n增幅达到近年历史同期最好水平，发展新动能加速集聚\\\n一大批高质量项目纷纷在辽宁落地开工建设，好得很。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "lines.md", text));
    let paragraphs = all_paragraphs(&corpus);
    assert_eq!(
        paragraphs,
        [
            (
                "今年以来，全省经济运行企稳回升向好，主要经济指标",
                ParagraphKind::Body
            ),
            (
                "增幅达到近年历史同期最好水平，发展新动能加速集聚",
                ParagraphKind::Continuation
            ),
            (
                "一大批高质量项目纷纷在辽宁落地开工建设，好得很。",
                ParagraphKind::Continuation
            ),
        ]
    );
    assert_lines_cite_the_source(&corpus);
}

#[test]
fn files_in_a_folder_load_in_natural_order_and_hidden_ones_are_skipped() {
    let dir = TempDir::new().unwrap();
    for name in ["10.txt", "2.txt", "1.txt", "sub/3.md"] {
        write(dir.path(), name, format!("第{name}篇\n\n正文。\n"));
    }
    write(dir.path(), ".hidden.txt", "隐藏\n\n正文。\n");
    write(dir.path(), ".git/notes.txt", "隐藏\n\n正文。\n");
    write(dir.path(), "picture.png", "不是文本\n");
    let corpus = load(&[dir.path().to_path_buf()]);
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["第1.txt篇", "第2.txt篇", "第10.txt篇", "第sub/3.md篇"]
    );
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn a_hidden_file_named_explicitly_is_read() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), ".notes.txt", "笔记\n\n正文。\n");
    assert_eq!(load_one(&path).articles[0].title, "笔记");
}

#[test]
fn symlinked_folder_loop_is_detected_with_a_warning_and_no_hang() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a/1.txt", "第一篇\n\n正文。\n");
    let looping = dir.path().join("a/back");
    symlink(dir.path(), &looping).unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 1, "the file is read once");
    let warning = corpus
        .warnings
        .iter()
        .find(|w| w.source == looping.display().to_string())
        .unwrap_or_else(|| panic!("no warning about the loop: {:?}", corpus.warnings));
    assert!(warning.message.contains("symlink loop"), "{warning}");
}

/// The shared JSON Lines corpus, when this checkout sits beside it.
fn wikisource() -> Option<PathBuf> {
    let dir = support::root().join("../shared/corpora/wikisource-political");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

/// The `title` field of every line of a JSON Lines file.
fn titles_in(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .expect("corpus file readable")
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
            record["title"].as_str().expect("a title").trim().to_owned()
        })
        .collect()
}

#[test]
fn json_lines_corpus_loads_every_report_with_its_title_and_line() {
    let Some(dir) = wikisource() else { return };
    let congress = dir.join("cpc_congress_reports.jsonl");
    let reports = dir.join("government_work_reports.jsonl");
    let mut expected = titles_in(&congress);
    expected.extend(titles_in(&reports));
    assert_eq!(
        expected.len(),
        88,
        "16 congress reports and 72 work reports"
    );

    let corpus = load(&[dir]);
    // The recent reports hold stray zero-width characters: cleaning them is the one warning.
    assert!(
        corpus
            .warnings
            .iter()
            .all(|w| w.line.is_none() && w.message.ends_with("zero-width characters removed")),
        "{:?}",
        corpus.warnings
    );
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.clone()).collect();
    assert_eq!(titles, expected, "every title, in file and line order");

    for article in &corpus.articles {
        assert!(
            article.char_count() > 0,
            "{} has no text",
            article.display_title()
        );
        let source = &corpus.sources[article.source];
        let line = article.lines.start;
        assert!(
            article
                .paragraphs
                .iter()
                .all(|p| p.lines == (line..line + 1)),
            "{}: every paragraph cites JSON line {line}",
            article.title
        );
        let record: serde_json::Value =
            serde_json::from_str(source.text.lines().nth(line - 1).unwrap()).unwrap();
        assert_eq!(record["title"].as_str().unwrap().trim(), article.title);
    }
    let per_file: Vec<_> = (0..corpus.sources.len())
        .map(|index| corpus.articles.iter().filter(|a| a.source == index).count())
        .collect();
    assert_eq!(per_file, [16, 72]);
}

#[test]
fn hard_line_breaks_in_plain_text_are_never_joined_by_page_break_repair() {
    let text = "诗选\n\n今年以来，全省经济运行企稳回升向好，主要经济指标  \n增幅达到近年历史同期最好水平，发展新动能加速集聚。\n";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "lines.txt", text));
    assert_eq!(
        all_paragraphs(&corpus),
        [
            (
                "今年以来，全省经济运行企稳回升向好，主要经济指标",
                ParagraphKind::Body
            ),
            (
                "增幅达到近年历史同期最好水平，发展新动能加速集聚。",
                ParagraphKind::Continuation
            ),
        ]
    );
}

#[test]
fn plain_text_lines_cut_mid_sentence_are_still_joined() {
    // The counterpart of the test above: without the two spaces (or after a line of them) the
    // cut is a page break, and repair mends it.
    let text = "诗选

今年以来，全省经济运行企稳回升向好，主要经济指标
   
增幅达到近年历史同期最好水平，发展新动能加速集聚。
";
    let dir = TempDir::new().unwrap();
    let corpus = load_one(&write(dir.path(), "lines.txt", text));
    assert_eq!(
        all_paragraphs(&corpus),
        [(
            "今年以来，全省经济运行企稳回升向好，主要经济指标增幅达到近年历史同期最好水平，发展新动能加速集聚。",
            ParagraphKind::Body
        )]
    );
}
