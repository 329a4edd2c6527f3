//! One query finds a word in every script it was written in: against a naive oracle (each
//! character of text and query folded by the table alone, the matches found left to right in
//! the folded characters), the in-memory scan and the test engine find the same hits, at the
//! original characters, and count the same forms, on random text mixing traditional,
//! simplified and variant forms; with scripts told apart, both find what the oracle finds
//! when it folds nothing but the comma.

use std::ops::Range;
use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, Meta, Paragraph, ParagraphKind};
use wenji_core::search::fake::Fake;
use wenji_core::search::{Engine, Field, Query, Request, Scan, Scope};
use wenji_core::text::script::fold_char;

/// Characters of both scripts and their variants, some four bytes long, some that fold to
/// nothing else, and a full-width comma (which folding shortens).
const ALPHABET: &[char] = &[
    '国',
    '國',
    '家',
    '安',
    '全',
    '台',
    '臺',
    '湾',
    '灣',
    '里',
    '裏',
    '裡',
    '线',
    '線',
    '綫',
    '为',
    '為',
    '爲',
    '发',
    '發',
    '髮',
    '\u{201B2}',
    '\u{5123}',
    '\u{F900}',
    '\u{5C82}',
    '，',
    '的',
];

/// Hits per paragraph, as byte ranges of its text.
type PerParagraph = Vec<Vec<Range<usize>>>;
/// Forms found, with their counts, most frequent first.
type FormsFound = Vec<(String, usize)>;

/// One article whose paragraphs are `texts`, with no other field.
fn corpus_of(texts: &[String]) -> Corpus {
    let mut corpus = corpus::sample();
    corpus.articles.truncate(1);
    corpus.articles[0].title.clear();
    corpus.articles[0].meta = Meta::default();
    corpus.articles[0].paragraphs = texts
        .iter()
        .map(|text| Paragraph {
            text: text.clone().into(),
            lines: 1..2,
            kind: ParagraphKind::Body,
        })
        .collect();
    corpus
}

/// The oracle: where `term` occurs in `text`, every character of both folded by the table
/// (and the full-width comma taken as the comma it matches), non-overlapping, left to right,
/// as byte ranges of `text`.
fn oracle(text: &str, term: &str) -> Vec<Range<usize>> {
    oracle_folding(text, term, |c| if c == '，' { ',' } else { fold_char(c) })
}

/// The oracle with scripts told apart: only the comma folds.
fn exact_oracle(text: &str, term: &str) -> Vec<Range<usize>> {
    oracle_folding(text, term, |c| if c == '，' { ',' } else { c })
}

fn oracle_folding(text: &str, term: &str, fold: impl Fn(char) -> char) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let needle: Vec<char> = term.chars().map(&fold).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while !needle.is_empty() && at + needle.len() <= chars.len() {
        let here = &chars[at..at + needle.len()];
        if here
            .iter()
            .map(|&(_, c)| fold(c))
            .eq(needle.iter().copied())
        {
            let (last, c) = here[here.len() - 1];
            found.push(here[0].0..last + c.len_utf8());
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

/// The hits in paragraphs `engine` finds for `term`, per paragraph.
fn engine_hits(engine: &mut dyn Engine, term: &str, paragraphs: usize) -> Vec<Vec<Range<usize>>> {
    answer(engine, term, false, paragraphs).0
}

/// The hits in paragraphs `engine` finds for `term` (its scripts told apart if `exact`), per
/// paragraph, and the forms it says they were written in.
fn answer(
    engine: &mut dyn Engine,
    term: &str,
    exact: bool,
    paragraphs: usize,
) -> (PerParagraph, FormsFound) {
    let request = Request {
        generation: 1,
        query: Query::parse(term).with_exact_script(exact),
        scope: Scope::All,
    };
    let (matches, complete) = engine.answer(&request);
    assert!(complete);
    let forms = matches
        .forms()
        .of(0)
        .into_iter()
        .map(|(form, count)| (form.to_owned(), count))
        .collect();
    let mut per = vec![Vec::new(); paragraphs];
    for hit in matches.locations(0..matches.hit_count()) {
        if let Field::Paragraph(n) = hit.field {
            per[n as usize].push(hit.range);
        }
    }
    (per, forms)
}

/// The forms of `hits` in `texts`, as the engines count them: most frequent first.
fn forms_in(texts: &[String], hits: &[Vec<Range<usize>>]) -> Vec<(String, usize)> {
    let mut forms = wenji_core::search::forms::Forms::default();
    for (text, ranges) in texts.iter().zip(hits) {
        for range in ranges {
            forms.add(0, &text[range.clone()].replace('，', ","), 1);
        }
    }
    forms
        .of(0)
        .into_iter()
        .map(|(f, n)| (f.to_owned(), n))
        .collect()
}

fn text_of(len: Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), len).prop_map(|c| c.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn both_engines_find_what_the_oracle_finds(
        texts in prop::collection::vec(text_of(0..40), 1..4),
        term in text_of(1..4),
    ) {
        prop_assume!(!term.chars().all(|c| c == '，'));
        let corpus = Arc::new(corpus_of(&texts));
        let expected: Vec<_> = texts.iter().map(|text| oracle(text, &term)).collect();
        let anywhere = expected.iter().any(|hits| !hits.is_empty());
        let mut scan = Scan::build(&corpus);
        let mut fake = Fake::new(Arc::clone(&corpus));
        let exact: Vec<_> = texts.iter().map(|text| exact_oracle(text, &term)).collect();
        let exactly_anywhere = exact.iter().any(|hits| !hits.is_empty());
        for engine in [&mut scan as &mut dyn Engine, &mut fake] {
            let (found, forms) = answer(engine, &term, false, texts.len());
            if anywhere {
                prop_assert_eq!(&found, &expected);
            } else {
                prop_assert!(found.iter().all(Vec::is_empty));
            }
            prop_assert_eq!(forms, forms_in(&texts, &expected));
            let (found, forms) = answer(engine, &term, true, texts.len());
            if exactly_anywhere {
                prop_assert_eq!(&found, &exact);
            } else {
                prop_assert!(found.iter().all(Vec::is_empty));
            }
            prop_assert_eq!(forms, forms_in(&texts, &exact));
        }
    }
}

#[test]
fn a_word_is_found_in_either_script_with_each_hit_on_its_own_characters() {
    let texts = [
        "国家安全与國家安全，还有国家安全".to_owned(),
        "台灣、臺灣、台湾".to_owned(),
    ];
    let corpus = Arc::new(corpus_of(&texts));
    let mut scan = Scan::build(&corpus);
    let hits = engine_hits(&mut scan, "國家安全", 2);
    let words: Vec<&str> = hits[0].iter().map(|r| &texts[0][r.clone()]).collect();
    assert_eq!(words, ["国家安全", "國家安全", "国家安全"]);
    let hits = engine_hits(&mut scan, "台湾", 2);
    let words: Vec<&str> = hits[1].iter().map(|r| &texts[1][r.clone()]).collect();
    assert_eq!(words, ["台灣", "臺灣", "台湾"]);
}

#[test]
fn the_forms_found_are_counted_and_one_form_can_be_asked_for_alone() {
    let texts = [
        "國家安全，國家安全，国家安全".to_owned(),
        "臺灣國家安全".to_owned(),
    ];
    let corpus = Arc::new(corpus_of(&texts));
    for engine in [
        &mut Scan::build(&corpus) as &mut dyn Engine,
        &mut Fake::new(Arc::clone(&corpus)),
    ] {
        let (_, forms) = answer(engine, "国家安全", false, 2);
        assert_eq!(
            forms,
            [("國家安全".to_owned(), 3), ("国家安全".to_owned(), 1)]
        );
        let (hits, forms) = answer(engine, "国家安全", true, 2);
        assert_eq!(hits, [vec![Range { start: 30, end: 42 }], Vec::new()]);
        assert_eq!(forms, [("国家安全".to_owned(), 1)]);
        let (hits, _) = answer(engine, "國家安全", true, 2);
        assert_eq!(
            hits,
            [vec![0..12, 15..27], vec![Range { start: 6, end: 18 }]]
        );
    }
}
