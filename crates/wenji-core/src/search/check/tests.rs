use super::*;
use crate::search::query::Query;

/// An article of paragraphs, its leaves found with `str::match_indices` over its text.
struct Paragraphs {
    text: String,
    leaves: Vec<Leaf>,
}

impl Subject for Paragraphs {
    fn text(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn find(&mut self, leaf: usize, out: &mut Vec<Range<usize>>) {
        match &self.leaves[leaf] {
            Leaf::Text { folded, .. } => out.extend(
                self.text
                    .match_indices(folded.as_str())
                    .map(|(at, m)| at..at + m.len()),
            ),
            Leaf::Pattern(hir) => {
                let regex = crate::search::query::tree::compile(hir).expect("compiles");
                out.extend(regex.find_iter(&self.text).map(|m| m.range()));
            }
        }
    }

    fn admits(&self, _: &Condition) -> bool {
        true
    }
}

/// What the checks of `query` find in the article of `paragraphs`: `None` if it does not
/// match, else each hit's text.
fn found(query: &str, paragraphs: &[&str]) -> Option<Vec<String>> {
    let checks = Checks::new(&Query::read(query).expect("a query"));
    let mut text = String::new();
    for paragraph in paragraphs {
        text.push_str(&crate::search::fold::fold_query(paragraph));
        text.push('\n');
    }
    let mut subject = Paragraphs {
        text,
        leaves: checks.leaves().to_vec(),
    };
    let mut hits = Vec::new();
    checks.holds(&mut subject, &mut hits).then(|| {
        hits.iter()
            .map(|(_, r)| subject.text[r.clone()].to_owned())
            .collect()
    })
}

#[test]
fn either_term_of_an_or_matches_and_both_are_hits() {
    assert_eq!(
        found("国家 OR 中国", &["中国是一个国家"]),
        Some(vec!["中国".into(), "国家".into()])
    );
    assert_eq!(found("国家 | 人民", &["国家"]), Some(vec!["国家".into()]));
    assert_eq!(found("国家 OR 人民", &["中国"]), None);
}

#[test]
fn a_minus_before_a_group_leaves_out_articles_holding_all_of_it() {
    assert_eq!(found("-(改革 开放)", &["改革"]), Some(vec![]));
    assert_eq!(found("-(改革 开放)", &["改革", "开放"]), None);
    assert_eq!(
        found("(国家 OR 中国) -(改革 开放)", &["国家改革"]),
        Some(vec!["国家".into()])
    );
}

#[test]
fn near_counts_the_characters_between_in_either_order() {
    let text = ["改革和扩大开放"];
    assert!(found("改革 NEAR/3 开放", &text).is_some());
    assert!(
        found("改革 NEAR/2 开放", &text).is_none(),
        "和扩大 is three"
    );
    assert!(found("开放 NEAR/3 改革", &text).is_some(), "either order");
    assert!(found("改革 ~3 开放", &text).is_some());
    assert!(found("开放 ~3 改革", &text).is_none(), "~ keeps the order");
}

#[test]
fn near_keeps_to_one_paragraph_unless_asked_for_the_article() {
    let text = ["改革", "开放"];
    assert!(found("改革 NEAR/10 开放", &text).is_none());
    assert!(found("改革 NEAR/article 开放", &text).is_some());
}

#[test]
fn near_hits_are_the_close_pairs_only() {
    let hits = found("改革 NEAR/1 开放", &["改革开放，很久以后才改革"]).expect("a match");
    assert_eq!(hits, ["改革", "开放"]);
}

#[test]
fn a_pattern_matches_the_folded_text_and_never_across_paragraphs() {
    assert_eq!(
        found("re:國.安", &["國家安全"]),
        Some(vec!["国家安".into()])
    );
    assert_eq!(found("/改.+放/", &["改革", "开放"]), None);
    assert_eq!(found("/[^，]+安全/", &["国家", "安全"]), None);
}

#[test]
fn patterns_that_match_empty_text_are_refused() {
    let error = Query::read("发展 re:a*").expect_err("empty matches");
    assert!(error.message.contains("empty"), "{}", error.message);
    assert_eq!(error.at, 6);
}

#[test]
fn every_hit_number_has_its_asked_form_in_the_same_order() {
    for text in [
        "國家 (安全 OR /发./) 改革 NEAR/5 开放",
        "-(a b) c | d",
        "x ~3 y date:2020",
    ] {
        let query = Query::read(text).expect("a query");
        let checks = Checks::new(&query);
        let asked = query.asked();
        let terms = checks.hit_terms(&query);
        assert_eq!(asked.len(), terms.len(), "{text}");
        for (asked, term) in asked.iter().zip(&terms) {
            if !term.is_empty() {
                assert_eq!(crate::search::fold::fold_query(asked), *term, "{text}");
            }
        }
    }
}
