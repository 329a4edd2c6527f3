use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;

fn describe(typed: &str) -> String {
    match parse(typed) {
        Ok(tree) => tree.describe(),
        Err(error) => panic!("{typed}: {error:?}"),
    }
}

/// Where the error in `typed` is, and what it says.
fn fails(typed: &str) -> (usize, usize, String) {
    match parse(typed) {
        Ok(tree) => panic!("{typed} read as {tree}"),
        Err(error) => (error.at, error.len, error.message),
    }
}

#[test]
fn or_binds_tighter_than_side_by_side() {
    assert_eq!(describe("a OR b c"), "(a | b) c");
    assert_eq!(describe("a b | c d"), "a (b | c) d");
    assert_eq!(describe("a | b OR c"), "a | b | c");
    assert_eq!(describe("a|b"), "a | b", "no spaces needed around |");
    assert_eq!(describe("-a | b"), "-a | b", "- binds tighter than OR");
}

#[test]
fn brackets_group_and_nest_without_changing_meaning() {
    assert_eq!(describe("(a b) OR c"), "(a b) | c");
    assert_eq!(describe("((a))"), "a");
    assert_eq!(describe("a (b c)"), "a b c");
    assert_eq!(describe("a | (b | c)"), "a | b | c");
    assert_eq!(
        describe("(国家|中国)(人民|群众)"),
        "(国家 | 中国) (人民 | 群众)"
    );
}

#[test]
fn a_minus_negates_a_term_a_phrase_a_group_or_a_pattern() {
    assert_eq!(describe("-(a | b) c"), "-(a | b) c");
    assert_eq!(describe("-(a b)"), "-(a b)");
    assert_eq!(describe("改革 -\"深 圳\""), "改革 -\"深 圳\"");
    assert_eq!(describe("-/a.b/"), "-/a.b/");
    assert_eq!(describe("--a"), "-\"-a\"", "the word after - is read whole");
}

#[test]
fn a_lone_minus_is_still_being_typed_and_asks_nothing() {
    assert!(parse("-").expect("nothing yet").is_empty());
    assert!(parse("   ").expect("nothing").is_empty());
    assert_eq!(describe("改革 -"), "改革");
    assert_eq!(describe("改革 - 开放"), "改革 开放");
    assert_eq!(describe("(改革 -)"), "改革");
    assert_eq!(
        describe("改革 \"\""),
        "改革",
        "an empty phrase asks nothing"
    );
}

#[test]
fn phrases_hold_spaces_and_terms_keep_what_was_typed() {
    let tree = parse("\"made in china\" 制造").expect("a query");
    assert_eq!(tree.describe(), "\"made in china\" 制造");
    let terms = tree.terms();
    assert_eq!(terms[0].written, "made in china");
    assert_eq!((terms[0].at, terms[0].len), (1, 13), "inside the quotes");
    assert_eq!((terms[1].at, terms[1].len), (16, 2));
    assert_eq!(
        describe("\"新 时代"),
        "\"新 时代\"",
        "an unclosed quote quotes to the end"
    );
}

#[test]
fn full_width_letters_are_searched_folded_and_shown_as_typed() {
    let tree = parse("ＧＤＰ 增长").expect("a query");
    assert_eq!(tree.describe(), "gdp 增长");
    let gdp = tree.terms()[0];
    assert_eq!(gdp.folded, "gdp");
    assert_eq!(gdp.written, "ＧＤＰ");
    assert_eq!((gdp.at, gdp.len), (0, 3));
    assert_eq!(
        describe("振\x1b兴"),
        "振兴",
        "control characters are dropped"
    );
}

#[test]
fn text_that_only_looks_like_syntax_stays_text() {
    for (typed, read) in [
        ("COVID-19", "covid-19"),
        ("总理：报告", "总理:报告"),
        ("12:30", "12:30"),
        ("1/2 A/B", "1/2 a/b"),
        ("ORIGIN", "origin"),
        ("a or b", "a or b"),
        ("a near b", "a near b"),
        ("NEARBY", "nearby"),
        ("a~b", "a~b"),
        ("（十四五）规定", "\"(十四五)规定\""),
    ] {
        assert_eq!(describe(typed), read, "{typed}");
    }
}

#[test]
fn near_takes_two_terms_in_either_order_and_tilde_in_order() {
    let Ok(Expr::Near {
        left,
        right,
        within,
        ordered,
        scope,
    }) = parse("改革 NEAR/10 \"对外 开放\"")
    else {
        panic!("a proximity");
    };
    assert_eq!(
        (left.folded.as_str(), right.folded.as_str()),
        ("改革", "对外 开放")
    );
    assert_eq!((within, ordered, scope), (10, false, Scope::Paragraph));
    assert_eq!(describe("改革 ~10 开放"), "改革 ~10 开放");
    assert!(matches!(
        parse("改革 ~10 开放"),
        Ok(Expr::Near {
            ordered: true,
            within: 10,
            ..
        })
    ));
    assert_eq!(describe("改革 NEAR/１０ 开放"), "改革 NEAR/10 开放");
    assert_eq!(describe("a NEAR/5 b | c"), "a NEAR/5 b | c");
    assert_eq!(describe("-(a NEAR/5 b) c"), "-(a NEAR/5 b) c");
    let tree = parse("a ~3 b -c").expect("a query");
    let sought: Vec<&str> = tree
        .sought_terms()
        .iter()
        .map(|t| t.written.as_str())
        .collect();
    assert_eq!(sought, ["a", "b"]);
    assert_eq!(tree.terms().len(), 3);
}

#[test]
fn near_article_asks_only_for_one_article() {
    assert!(matches!(
        parse("改革 NEAR/article 开放"),
        Ok(Expr::Near {
            within: u32::MAX,
            ordered: false,
            scope: Scope::Article,
            ..
        })
    ));
    assert_eq!(describe("改革 NEAR/Article 开放"), "改革 NEAR/article 开放");
}

#[test]
fn patterns_are_kept_as_typed_and_compile_case_insensitively() {
    assert_eq!(describe("re:改革.{0,4}开放"), "/改革.{0,4}开放/");
    assert_eq!(describe("re:\"a b\" c"), "/a b/ c");
    assert_eq!(describe("re:\"a\\\"b\""), "/a\\\"b/");
    assert_eq!(
        describe("RE:x"),
        "/x/",
        "re: reads in any case, as fields do"
    );
    let Ok(Expr::Regex(pattern)) = parse("/1\\/2 (x)/") else {
        panic!("a pattern");
    };
    assert_eq!(pattern.source, "1\\/2 (x)");
    assert_eq!((pattern.at, pattern.len), (1, 8));
    let Ok(Expr::Regex(gdp)) = parse("/gdp\\d+/") else {
        panic!("a pattern");
    };
    let regex = gdp.compile().expect("compiles");
    let folded = crate::search::fold::fold_query("ＧＤＰ？ GDP2020");
    assert!(regex.is_match(&folded), "matched against folded text");
    assert!(!regex.is_match("gdp"));
    assert_eq!(describe("re:a/b"), "/a\\/b/");
}

#[test]
fn conditions_mix_with_everything_else() {
    assert_eq!(
        describe("date:2020 (国家 OR 中国) -author:李强"),
        "date:2020 (国家 | 中国) -author:李强"
    );
    assert_eq!(
        describe("(author:李强 | speaker:林勵) tag:\"国 安\" date:2020-05..2020-07"),
        "(author:李强 | author:林励) tag:\"国 安\" date:2020-05..2020-07"
    );
    let Ok(Expr::Not(negated)) = parse("-section：眾聞") else {
        panic!("a negated condition");
    };
    assert!(matches!(
        *negated,
        Expr::Condition(Condition { negated: false, .. })
    ));
}

#[test]
fn unbalanced_brackets_point_at_the_one_unmatched() {
    let (at, len, message) = fails("改革 (开放 (深圳)");
    assert_eq!((at, len), (3, 1));
    assert!(message.contains("never closed"), "{message}");
    let (at, len, message) = fails("改革 开放)");
    assert_eq!((at, len), (5, 1));
    assert!(message.contains("closes no"), "{message}");
    assert_eq!(fails("改革 ()").0, 3);
    let deep = format!("{}改革{}", "(".repeat(40), ")".repeat(40));
    let (at, _, message) = fails(&deep);
    assert_eq!(at, 32);
    assert!(message.contains("more than 32"), "{message}");
}

#[test]
fn or_with_nothing_on_one_side_is_an_error_at_the_or() {
    for (typed, at, len) in [
        ("改革 OR", 3, 2),
        ("OR 改革", 0, 2),
        ("改革 | | 开放", 3, 1),
        ("(改革 OR) 开放", 4, 2),
        ("\"\" OR 改革", 3, 2),
    ] {
        let (error_at, error_len, message) = fails(typed);
        assert_eq!((error_at, error_len), (at, len), "{typed}: {message}");
        assert!(message.contains("`OR` needs"), "{typed}: {message}");
    }
}

#[test]
fn a_proximity_without_a_distance_or_beyond_its_bounds_is_an_error() {
    for (typed, len, says) in [
        ("改革 NEAR/ 开放", 5, "needs a number"),
        ("改革 NEAR/x 开放", 6, "needs a number"),
        ("改革 NEAR 开放", 4, "needs a distance"),
        ("改革 NEAR/0 开放", 6, "at least 1"),
        ("改革 NEAR/10001 开放", 10, "at most 10000"),
        ("改革 NEAR/99999999999999999999 开放", 25, "at most 10000"),
        ("改革 ~ 开放", 1, "~ needs a number"),
        ("改革 ~x 开放", 2, "~ needs a number"),
        ("改革 ~article 开放", 8, "NEAR/article"),
    ] {
        let (at, error_len, message) = fails(typed);
        assert_eq!((at, error_len), (3, len), "{typed}: {message}");
        assert!(message.contains(says), "{typed}: {message}");
    }
}

#[test]
fn a_proximity_takes_only_plain_terms_and_one_at_a_time() {
    for (typed, at, len) in [
        ("(改革) NEAR/5 开放", 0, 4),
        ("-改革 NEAR/5 开放", 0, 3),
        ("改革 NEAR/5 -开放", 10, 1),
        ("改革 NEAR/5 date:2020", 10, 9),
        ("改革 NEAR/5", 3, 6),
        ("NEAR/5 开放", 0, 6),
    ] {
        let (error_at, error_len, message) = fails(typed);
        assert_eq!((error_at, error_len), (at, len), "{typed}: {message}");
    }
    let (at, len, message) = fails("改革 NEAR/5 开放 NEAR/5 深圳");
    assert_eq!((at, len), (13, 6));
    assert!(message.contains("(A NEAR/5 B) (B NEAR/5 C)"), "{message}");
}

#[test]
fn fields_are_checked_as_a_query_of_terms_checks_them() {
    let (at, len, message) = fails("振兴 -auhtor:李强");
    assert_eq!((at, len), (4, 7));
    assert!(message.contains("no field `auhtor:`"), "{message}");
    let (at, _, message) = fails("振兴 (date:2020-13)");
    assert_eq!(at, 4);
    assert!(message.contains("2020-13 is not a date"), "{message}");
    assert_eq!(fails("-OR 振兴").0, 0, "- before an operator");
}

#[test]
fn malformed_patterns_are_errors_at_the_pattern() {
    for (typed, at, len, says) in [
        ("改革 /开放", 3, 3, "never closed"),
        ("改革 /开放\\/", 3, 5, "never closed"),
        ("改革 //", 3, 2, "empty pattern"),
        ("改革 re:", 3, 3, "needs a pattern"),
        ("改革 re:\"\"", 3, 5, "needs a pattern"),
        ("改革 /a/i", 6, 1, "put a space"),
        ("改革 re:(开放", 6, 1, "unclosed group"),
        ("改革 /开放)/", 6, 1, "unopened group"),
        ("改革 re:\\p{Nope}", 6, 8, "Unicode property not found"),
        ("(改革 re:开放)", 9, 1, "runs to the next space"),
    ] {
        let (error_at, error_len, message) = fails(typed);
        assert_eq!((error_at, error_len), (at, len), "{typed}: {message}");
        assert!(message.contains(says), "{typed}: {message}");
    }
}

#[test]
fn a_pattern_too_large_to_search_is_refused_quickly() {
    for (typed, at, len) in [
        ("改革 re:(a{1000}){1000}", 6, 15),
        ("改革 /\\w{10000}/", 4, 9),
        ("改革 re:\\w{1000}{1000}{1000}", 6, 20),
        ("改革 re:[\\p{Han}\\w]{5000}", 6, 17),
    ] {
        let started = Instant::now();
        let (error_at, error_len, message) = fails(typed);
        assert!(message.contains("too large"), "{typed}: {message}");
        assert_eq!(
            (error_at, error_len),
            (at, len),
            "{typed}: the whole pattern"
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{typed} took {:?}",
            started.elapsed()
        );
    }
    assert!(parse("re:a{4294967295}").is_err());
}

/// Pieces a query is made of, the awkward ones above all, for queries made at random.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ",
        " ",
        "(",
        ")",
        "OR",
        "or",
        "|",
        "-",
        "--",
        "\"",
        "/",
        "\\",
        "re:",
        "re:\"",
        "NEAR/",
        "NEAR/5",
        "NEAR/article",
        "~3",
        "~",
        "a",
        "ＧＤＰ",
        "振兴",
        "😀",
        "\u{7}",
        "\u{200b}",
        "{99999}",
        "date:",
        "date:2020",
        "author:李",
        "auhtor:",
        "：",
        "12:30",
        "1/2",
        "\\w",
        "{1000}",
    ])
}

proptest! {
    /// Whatever is typed, reading it ends without a panic, and an error lies within the query.
    #[test]
    fn anything_typed_reads_or_errs_within_the_query(typed in any::<String>()) {
        let chars = typed.chars().filter(|c| !c.is_control()).count();
        if let Err(error) = parse(&typed) {
            prop_assert!(error.at + error.len <= chars, "{typed:?}: {error:?}");
            prop_assert!(!error.message.is_empty());
        }
    }

    /// Queries made of syntax read or err within the query, and what reads describes itself:
    /// reading the description gives the same description back.
    #[test]
    fn queries_of_syntax_read_back_from_their_description(
        pieces in prop::collection::vec(piece(), 0..16)
    ) {
        let typed = pieces.concat();
        let chars = typed.chars().filter(|c| !c.is_control()).count();
        match parse(&typed) {
            Ok(tree) => {
                let described = tree.describe();
                let again = parse(&described);
                prop_assert!(again.is_ok(), "{typed:?} → {described:?}: {again:?}");
                prop_assert_eq!(again.expect("read").describe(), described, "{:?}", typed);
            }
            Err(error) => prop_assert!(error.at + error.len <= chars, "{typed:?}: {error:?}"),
        }
    }
}
