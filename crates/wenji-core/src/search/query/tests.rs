use proptest::prelude::*;

use super::*;
use crate::corpus::{Article, Date, Meta, Paragraphs};

#[test]
fn control_characters_in_a_query_are_dropped() {
    assert_eq!(Query::parse("振\x1b兴\x07").terms, ["振兴"]);
}

#[test]
fn a_huge_pasted_query_is_cut_not_choked_on() {
    let query = Query::parse(&"振兴".repeat(5_000));
    assert_eq!(query.terms.len(), 1);
    assert!(query.terms[0].len() <= MAX_TERM_BYTES);
}

#[test]
fn punctuation_alone_is_a_term() {
    assert_eq!(Query::parse("，").terms, [","]);
}

#[test]
fn an_unclosed_quote_quotes_to_the_end() {
    assert_eq!(Query::parse("\"新 时代").terms, ["新 时代"]);
}

#[test]
fn a_leading_minus_excludes_and_a_lone_one_is_still_being_typed() {
    let query = Query::read("改革 -开放 -\"深 圳\" -").expect("a query");
    assert_eq!(query.terms, ["改革"]);
    assert_eq!(query.excluded, ["开放", "深 圳"]);
    assert!(Query::read("-").expect("nothing yet").is_empty());
    assert_eq!(
        Query::parse("COVID-19").terms,
        ["covid-19"],
        "a minus inside is text"
    );
}

#[test]
fn fields_are_read_with_either_colon_and_any_case_and_quoted_values() {
    let query = Query::read("Author:李强 section：眾聞 tag:\"国 安\" title:报告 file:*.md")
        .expect("a query");
    assert!(query.terms.is_empty());
    let filters: Vec<&Filter> = query.conditions.iter().map(|c| &c.filter).collect();
    assert_eq!(filters[0], &Filter::Speaker("李强".into()));
    assert_eq!(
        filters[1],
        &Filter::Section("众闻".into()),
        "folded across scripts as terms are"
    );
    assert_eq!(filters[2], &Filter::Tag("国 安".into()));
    assert_eq!(filters[3], &Filter::Title("报告".into()));
    assert!(matches!(filters[4], Filter::File(_)));
    assert!(query.conditions.iter().all(|c| !c.negated));
    let negated = Query::read("-speaker:李强").expect("a query");
    assert!(negated.conditions[0].negated);
}

#[test]
fn chinese_text_with_a_full_width_colon_stays_text() {
    assert_eq!(Query::parse("总理：报告").terms, ["总理:报告"]);
    assert_eq!(Query::parse("Note：报告").terms, ["note:报告"]);
    assert_eq!(Query::parse("\"http://x.cn\"").terms, ["http://x.cn"]);
    assert_eq!(Query::parse("12:30").terms, ["12:30"]);
}

#[test]
fn an_unknown_field_is_an_error_where_it_was_typed_never_text() {
    let error = Query::read("振兴 -auhtor:李强").expect_err("no such field");
    assert_eq!((error.at, error.len), (4, 7));
    assert!(
        error.message.contains("no field `auhtor:`"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("\"auhtor:李强\""),
        "{}",
        error.message
    );
    assert!(Query::parse("振兴 auhtor:李强").is_empty());
}

#[test]
fn malformed_values_are_errors_that_say_what_would_do() {
    for (typed, says) in [
        ("date:2020-13", "2020-13 is not a date"),
        ("date:spring", "spring is not a date"),
        ("date:", "`date:` needs a value"),
        ("date:..", "names no date"),
        ("date:2022..2020", "runs backwards"),
        ("author:", "`author:` needs a value"),
        ("tag:\"\"", "`tag:` needs a value"),
        ("file:[", "file:["),
    ] {
        let error = Query::read(typed).expect_err(typed);
        assert!(error.message.contains(says), "{typed}: {}", error.message);
        assert_eq!(error.at, 0, "{typed}");
    }
}

fn day(text: &str) -> DateValue {
    Date::new(text.to_owned()).value().expect("a date")
}

fn range(typed: &str) -> DateRange {
    let query = Query::read(&format!("date:{typed}")).expect(typed);
    match &query.conditions[0].filter {
        Filter::Date(range) => *range,
        other => panic!("{other:?}"),
    }
}

use crate::corpus::DateValue;

#[test]
fn a_date_condition_holds_when_the_date_lies_wholly_inside() {
    let may = range("2020-05");
    assert!(may.holds(day("2020-05-22")));
    assert!(may.holds(day("2020-05")));
    assert!(!may.holds(day("2020")), "not known to be May");
    assert!(!may.holds(day("2020-06-01")));
    let spring = range("2020-03..2020-05");
    assert!(spring.holds(day("2020-03-01")) && spring.holds(day("2020-05-31")));
    assert!(!spring.holds(day("2020-02-29")));
    assert!(range("..2019").holds(day("1959")));
    assert!(!range("..2019").holds(day("2020-01-01")));
    assert!(range("2021..").holds(day("2025-03-05")));
    assert!(!range("2021..").holds(day("2020-12-31")));
    assert!(
        range("2020年5月").holds(day("2020-05-04")),
        "written as Chinese dates are"
    );
}

fn article(title: &str, speaker: Option<&str>, date: Option<&str>, tags: &[&str]) -> Article {
    let mut meta = Meta::default();
    meta.set_speaker(speaker.map(str::to_owned));
    meta.set_date(date.map(str::to_owned));
    meta.set_tags(tags.iter().map(|t| (*t).to_owned()).collect());
    meta.set_section(Some("眾聞".to_owned()), None);
    Article {
        source: 0,
        title: title.to_owned(),
        meta,
        paragraphs: Paragraphs::default(),
        lines: 1..2,
    }
}

fn admits(typed: &str, article: &Article, file: &str) -> bool {
    let query = Query::read(typed).expect(typed);
    query.admits(&MetaText::of(article, file).described())
}

#[test]
fn conditions_look_at_folded_metadata_and_the_file() {
    let speech = article(
        "ＧＤＰ报告",
        Some("林勵"),
        Some("2020-05-22"),
        &["國安法", "香港"],
    );
    let file = "archive/2020/05/a001.md";
    assert!(admits(
        "author:林勵 date:2020 tag:安法 title:gdp category:眾",
        &speech,
        file
    ));
    assert!(!admits("author:李强", &speech, file));
    assert!(admits("-author:李强", &speech, file));
    assert!(!admits("tag:國安法香港", &speech, file), "each tag alone");
    assert!(admits("file:a001.md", &speech, file));
    assert!(admits("file:a0*.md", &speech, file));
    assert!(admits("file:2020/*/a001.md", &speech, file));
    assert!(!admits("file:2021/**", &speech, file));
    assert!(!admits("file:*.txt", &speech, file));
    let undated = article("无日期", None, None, &[]);
    assert!(!admits("date:2020", &undated, file));
    assert!(admits("-date:2020", &undated, file));
    assert!(!admits("author:林", &undated, file));
}

#[test]
fn narrowing_needs_every_old_condition_and_exclusion() {
    let narrows = |new: &str, old: &str| Query::parse(new).narrows(&Query::parse(old));
    assert!(narrows("date:2020 author:林", "date:2020"));
    assert!(narrows("振兴东北 -东北亚", "振兴 -东北亚"));
    assert!(!narrows("振兴", "振兴 -东北亚"));
    assert!(!narrows("date:2021 振兴", "date:2020"));
    assert!(narrows("date:2020 振兴", "date:2020"));
}

proptest! {
    /// Whatever is typed, reading it ends, and what it reads has no empty term.
    #[test]
    fn anything_typed_reads_or_errs_without_panicking(typed in "[-\"a-z:：.0-9 振兴*\\[]{0,24}") {
        match Query::read(&typed) {
            Ok(query) => {
                prop_assert!(query.terms.iter().chain(&query.excluded).all(|t| !t.trim().is_empty()));
            }
            Err(error) => {
                prop_assert!(error.at + error.len <= typed.chars().count() + 1);
                prop_assert!(!error.message.is_empty());
            }
        }
    }
}
