//! What a copied quote reads like: the citation template and the quote around it.

#[path = "fixtures_support/mod.rs"]
mod support;

use wenji::citation::{CiteFields, DEFAULT_TEMPLATE, cite, quote, unknown_fields};
use wenji::corpus::sample;

#[test]
fn default_citation_of_the_samples_first_paragraph_names_speaker_role_title_file_and_line() {
    let corpus = sample();
    let article = &corpus.articles[0];
    let fields = CiteFields::for_paragraph(&corpus, article, 0);
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        "郝鹏（辽宁省委书记、省人大常委会主任）：《以全面振兴新突破建设中国式现代化新辽宁》，speeches.txt:9"
    );
}

#[test]
fn citation_of_an_article_without_speaker_leaves_out_the_byline_and_its_punctuation() {
    let corpus = sample();
    let article = corpus
        .articles
        .iter()
        .find(|a| a.title == "2023年新华社进校园活动正式启动")
        .expect("the sample has the campus article");
    assert_eq!(article.meta.speaker(), None);
    let fields = CiteFields {
        line: Some(article.lines.start),
        last_line: None,
        ..CiteFields::for_paragraph(&corpus, article, 0)
    };
    // The sample gives no date field: the year leading the title dates the article.
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        "《2023年新华社进校园活动正式启动》，2023年，speeches.txt:43"
    );
}

#[test]
fn role_without_speaker_keeps_its_brackets_and_colon() {
    let fields = CiteFields {
        role: Some("主持人"),
        title: Some("题"),
        file: Some("a.txt"),
        line: Some(2),
        ..CiteFields::default()
    };
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        "（主持人）：《题》，a.txt:2"
    );
}

#[test]
fn custom_template_drops_a_missing_date_with_its_separator() {
    let template = "{title}[，{date}] — {speaker}（{file} 第{line}行）";
    let mut fields = CiteFields {
        speaker: Some("许勤"),
        title: Some("打造向北开放新高地"),
        file: Some("speeches.txt"),
        line: Some(31),
        ..CiteFields::default()
    };
    assert_eq!(
        cite(template, &fields),
        "打造向北开放新高地 — 许勤（speeches.txt 第31行）"
    );
    fields.date = Some("2023-03-15");
    assert_eq!(
        cite(template, &fields),
        "打造向北开放新高地，2023-03-15 — 许勤（speeches.txt 第31行）"
    );
}

#[test]
fn unknown_field_is_left_in_the_citation_and_reported() {
    let template = "《{title}》[ p.{page}] {auther}";
    let fields = CiteFields {
        title: Some("题"),
        ..CiteFields::default()
    };
    assert_eq!(cite(template, &fields), "《题》 p.{page} {auther}");
    assert_eq!(unknown_fields(template), vec!["page", "auther"]);
    assert!(unknown_fields(DEFAULT_TEMPLATE).is_empty());
}

#[test]
fn quote_separates_paragraphs_by_blank_lines_and_ends_with_the_citation() {
    assert_eq!(
        quote(&["第一段。", "第二段。"], Some("《题》，a.txt:3")),
        "第一段。\n\n第二段。\n《题》，a.txt:3"
    );
    assert_eq!(quote(&["只有一段。"], None), "只有一段。");
}

/// A news export with front matter and a figure between paragraphs, and a JSON Lines report.
fn exports() -> (tempfile::TempDir, wenji::corpus::Corpus) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let markdown = "---\ntitle: 國安法實施一周年\ndate: \"2021-06-30\"\nauthor: 林勵\ncategory: 眾聞\n\
tags: [國安法, 香港]\nurl: https://example.com/a/1\n---\n\n## 一、回顧\n\n\
<figure><img src=\"a.jpg\"><figcaption>資料圖片</figcaption></figure>\n\n\
第一段寫的是過去一年的情況。\n\n第二段寫的是社會的反應。\n\n第三段是結語。\n";
    std::fs::write(dir.path().join("news.md"), markdown).expect("written");
    let report = r#"{"title":"2025年政府工作报告","year":2025,"url":"https://zh.wikisource.org/x","content":"各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n\n一、2024年工作回顾\n\n过去一年，我国发展历程很不平凡。"}"#;
    std::fs::write(dir.path().join("reports.jsonl"), format!("{report}\n")).expect("written");
    let corpus = wenji::corpus::load(
        &[dir.path().join("news.md"), dir.path().join("reports.jsonl")],
        wenji::corpus::LoadOptions::default(),
    )
    .expect("loads");
    (dir, corpus)
}

/// The news export's first body paragraph, after its heading and its figure's caption.
fn first_body(article: &wenji::corpus::Article) -> usize {
    article
        .paragraphs
        .iter()
        .position(|p| p.text.starts_with("第一段"))
        .expect("the first body paragraph")
}

#[test]
fn a_citation_names_the_quoted_paragraphs_own_line_not_the_heading_or_figure_before_it() {
    let (_dir, corpus) = exports();
    let article = &corpus.articles[0];
    let first = first_body(article);
    let fields = CiteFields::for_paragraph(&corpus, article, first);
    let file = &corpus.sources[0].name;
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        format!("林勵：《國安法實施一周年》，2021-06-30，{file}:14"),
        "the default citation carries the date"
    );
}

#[test]
fn a_selection_of_paragraphs_cites_its_range_of_lines_and_paragraphs() {
    let (_dir, corpus) = exports();
    let article = &corpus.articles[0];
    let first = first_body(article);
    let fields = CiteFields::for_paragraphs(&corpus, article, first..=first + 2);
    assert_eq!(cite("{line} ¶{paragraph}", &fields), "14-18 ¶3-5");
}

#[test]
fn json_lines_citations_give_the_records_line_and_the_paragraph_number() {
    let (_dir, corpus) = exports();
    let article = &corpus.articles[1];
    let fields = CiteFields::for_paragraph(&corpus, article, 3);
    let file = &corpus.sources[1].name;
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        format!("《2025年政府工作报告》，2025，{file}:1 ¶4")
    );
    let fields = CiteFields::for_paragraphs(&corpus, article, 1..=3);
    assert_eq!(cite("{line}", &fields), "1 ¶2-4");
}

#[test]
fn date_category_tags_url_and_paragraph_fill_a_template() {
    let (_dir, corpus) = exports();
    let article = &corpus.articles[0];
    let fields = CiteFields::for_paragraph(&corpus, article, 2);
    assert_eq!(
        cite(
            "{title}（{date}，{category}/{section}，{tags}）{url} ¶{paragraph}",
            &fields
        ),
        "國安法實施一周年（2021-06-30，眾聞/眾聞，國安法、香港）https://example.com/a/1 ¶3"
    );
    let report = CiteFields::for_paragraph(&corpus, &corpus.articles[1], 0);
    assert_eq!(
        cite("[{tags}]{url}", &report),
        "https://zh.wikisource.org/x"
    );
}

#[test]
fn copying_a_selection_with_y_cites_the_lines_it_spans() {
    use wenji::action::Action;
    use wenji::state::Effect;
    let (_dir, corpus) = exports();
    let file = corpus.sources[0].name.clone();
    let first = first_body(&corpus.articles[0]);
    let mut state = support::reading_paragraph(corpus, first + 1);
    for action in [Action::StartSelection, Action::MoveDown, Action::MoveDown] {
        state.update(action);
    }
    let Effect::Copy { text, .. } = state.update(Action::YankCited) else {
        panic!("Y copies the selection");
    };
    assert_eq!(
        text,
        format!(
            "第一段寫的是過去一年的情況。\n\n第二段寫的是社會的反應。\n\n第三段是結語。\n\
             林勵：《國安法實施一周年》，2021-06-30，{file}:14-18"
        )
    );
}
