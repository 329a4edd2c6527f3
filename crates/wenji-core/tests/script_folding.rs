//! One query finds a word in every script it was written in: against a naive oracle (each
//! character of text and query folded by the table alone, the matches found left to right in
//! the folded characters), the in-memory scan and the test engine find the same hits, at the
//! original characters, on random text mixing traditional, simplified and variant forms.

use std::sync::Arc;

use proptest::prelude::*;
use wenji_core::corpus::{self, Corpus, Paragraph, ParagraphKind};
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

/// One article whose paragraphs are `texts` (the sample's first, its other fields kept).
fn corpus_of(texts: &[String]) -> Corpus {
    let mut corpus = corpus::sample();
    corpus.articles.truncate(1);
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
fn oracle(text: &str, term: &str) -> Vec<std::ops::Range<usize>> {
    let fold = |c: char| if c == '，' { ',' } else { fold_char(c) };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let needle: Vec<char> = term.chars().map(fold).collect();
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
fn engine_hits(
    engine: &mut dyn Engine,
    term: &str,
    paragraphs: usize,
) -> Vec<Vec<std::ops::Range<usize>>> {
    let request = Request {
        generation: 1,
        query: Query::parse(term),
        scope: Scope::All,
    };
    let (matches, complete) = engine.answer(&request);
    assert!(complete);
    let mut per = vec![Vec::new(); paragraphs];
    for hit in matches.locations(0..matches.hit_count()) {
        if let Field::Paragraph(n) = hit.field {
            per[n as usize].push(hit.range);
        }
    }
    per
}

fn text_of(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
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
        for engine in [&mut scan as &mut dyn Engine, &mut fake] {
            let found = engine_hits(engine, &term, texts.len());
            if anywhere {
                prop_assert_eq!(&found, &expected);
            } else {
                prop_assert!(found.iter().all(Vec::is_empty));
            }
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
