//! Every article gets the date its source gives, with its precision: front matter's `date`,
//! `published`, `created` or `year`, a JSON record's, or — when the source has no date field — a
//! date its title or first paragraph gives. A list row shows it normalised (`2024-03-05`,
//! `2024-03`, `2024`); one that cannot be read is shown as written and warned of once.

#[path = "fixtures_support/mod.rs"]
mod support;

use std::path::Path;

use tempfile::TempDir;
use wenji::corpus::meta::{DateValue, Precision};
use wenji::corpus::{Corpus, Date};

use support::{lines, load, write};

/// Each article's title and its date as a list row shows it (`-` for none) with its precision.
fn dates(corpus: &Corpus) -> Vec<(String, String, Option<Precision>)> {
    corpus
        .articles
        .iter()
        .map(|a| {
            let date = a.meta.date();
            (
                a.title.clone(),
                date.map_or_else(|| "-".to_owned(), |d| d.shown().into_owned()),
                date.and_then(Date::value).map(DateValue::precision),
            )
        })
        .collect()
}

fn row(
    title: &str,
    shown: &str,
    precision: Option<Precision>,
) -> (String, String, Option<Precision>) {
    (title.to_owned(), shown.to_owned(), precision)
}

/// A folder holding every shape of date, loaded.
fn folder(dir: &Path) -> Corpus {
    write(
        dir,
        "01.md",
        "---\ntitle: 甲\npublished: 2024-03-06\n---\n\n正文。\n",
    );
    write(
        dir,
        "02.md",
        "---\ntitle: 乙\ncreated: 2024年3月\n---\n\n正文。\n",
    );
    write(
        dir,
        "03.md",
        "---\ntitle: 丙\nauthor: 某人\ndate: sometime in spring\n---\n\n正文。\n",
    );
    write(
        dir,
        "04.md",
        "---\ntitle: 1959年政府工作报告\n---\n\n各位代表：\n",
    );
    write(
        dir,
        "05.txt",
        "政府工作报告\n\n（2024年3月5日）\n\n各位代表：\n",
    );
    write(
        dir,
        "06.txt",
        "政府工作报告\n\n2025年是“十四五”规划收官之年。\n",
    );
    write(dir, "07.txt", "关于2025年计划的报告\n\n各位代表：\n");
    write(
        dir,
        "08.md",
        "# 栏目\n\n## 二〇二四年三月五日讲话\n\n正文。\n\n## 2023年2月30日讲话\n\n正文。\n",
    );
    write(
        dir,
        "09.jsonl",
        "{\"title\":\"丁\",\"content\":\"正文。\",\"created\":\"2020-05-22T10:00:00+08:00\"}\n\
         {\"title\":\"戊\",\"content\":\"正文。\",\"date\":\"2023-02-30\"}\n",
    );
    load(&[dir.to_path_buf()])
}

#[test]
fn each_article_shows_the_date_its_source_gives_normalised_to_its_precision() {
    let dir = TempDir::new().unwrap();
    let corpus = folder(dir.path());
    assert_eq!(
        dates(&corpus),
        [
            row("甲", "2024-03-06", Some(Precision::Day)),
            row("乙", "2024-03", Some(Precision::Month)),
            row("丙", "sometime in spring", None),
            row("1959年政府工作报告", "1959", Some(Precision::Year)),
            row("政府工作报告", "2024-03-05", Some(Precision::Day)),
            row("政府工作报告", "-", None),
            row("关于2025年计划的报告", "-", None),
            row("二〇二四年三月五日讲话", "2024-03-05", Some(Precision::Day)),
            row("2023年2月30日讲话", "-", None),
            row("丁", "2020-05-22", Some(Precision::Day)),
            row("戊", "2023-02-30", None),
        ]
    );
}

#[test]
fn a_date_found_in_the_text_keeps_the_text_it_was_found_as() {
    let dir = TempDir::new().unwrap();
    let corpus = folder(dir.path());
    let texts: Vec<Option<&str>> = corpus
        .articles
        .iter()
        .map(|a| a.meta.date().map(Date::text))
        .collect();
    assert_eq!(texts[3], Some("1959年"));
    assert_eq!(texts[4], Some("2024年3月5日"));
    assert_eq!(texts[7], Some("二〇二四年三月五日"));
    let paragraphs: Vec<&str> = corpus.articles[4]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        paragraphs,
        ["（2024年3月5日）", "各位代表："],
        "the text is unchanged"
    );
}

#[test]
fn a_date_that_cannot_be_read_is_warned_of_once_naming_its_file_and_line() {
    let dir = TempDir::new().unwrap();
    let corpus = folder(dir.path());
    let name = |file: &str| dir.path().join(file).display().to_string();
    let expected = [
        format!(
            "{}:4: date \"sometime in spring\" could not be read; shown as written",
            name("03.md")
        ),
        format!(
            "{}:2: date \"2023-02-30\" could not be read; shown as written",
            name("09.jsonl")
        ),
    ];
    let warnings: Vec<String> = corpus.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, expected, "{}", lines(&corpus.warnings));
}
