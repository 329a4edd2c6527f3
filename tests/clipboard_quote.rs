//! What a copied quote reads like: the citation template and the quote around it.

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
    assert_eq!(article.speaker, None);
    let fields = CiteFields {
        line: Some(article.lines.start),
        ..CiteFields::for_paragraph(&corpus, article, 0)
    };
    assert_eq!(
        cite(DEFAULT_TEMPLATE, &fields),
        "《2023年新华社进校园活动正式启动》，speeches.txt:43"
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
