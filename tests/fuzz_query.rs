//! The query parser and the search engine over hostile queries and small random corpora. Queries
//! mix scripts, full-width and half-width forms, combining marks, zero-width and control
//! characters, quotes and spaces, and can be empty or huge; corpora are built from a small
//! alphabet so that terms match often, with characters in UTF-8's two-byte range (which the
//! index's packing hands out) among them.
//!
//! Parsing never panics and gives folded, non-empty terms without controls. Every hit the engine
//! reports lies on character boundaries of the original text, and the original bytes fold to the
//! term; a one-term query finds exactly as many hits as a naive count of the term in the folded
//! fields; an article matches exactly when every term occurs in it; and narrowing an earlier
//! result gives what a full scan gives.
//!
//! Case counts come from `WENJI_FUZZ_CASES` (`fuzz_support`).

mod fuzz_support;

use fuzz_support::config;
use proptest::prelude::*;
use wenji::corpus::{Article, Corpus, Format, Paragraph, ParagraphKind, Source};
use wenji::search::fold::fold_query;
use wenji::search::query::MAX_TERMS;
use wenji::search::{Engine, Field, Matches, Query, Request, Scan, Scope};

/// What corpora and queries are made of: hanzi, ASCII and full-width letters and digits in both
/// cases, punctuation in both widths, spaces of both widths, zero-width characters, combining
/// marks, emoji, and letters from UTF-8's two-byte range.
const ALPHABET: &[&str] = &[
    "振", "兴", "中", "国", "a", "A", "b", "ａ", "Ａ", "Ｂ", "1", "１", ",", "，", "~", "～", " ",
    "\u{3000}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{AD}", "\u{301}", "α", "Ω", "ё", "ǎ", "😀",
    "ｶ", "\u{FF5E}", "é",
];

/// Characters only a query brings: quotes, controls, other whitespace.
const QUERY_ONLY: &[&str] = &[
    "\"", "\x1b", "\x07", "\t", "\n", "\u{85}", "\u{2028}", "\u{9b}",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max).prop_map(|parts| parts.concat())
}

fn article() -> impl Strategy<Value = Article> {
    (
        text(8),
        prop::option::of(text(4)),
        prop::option::of(text(4)),
        prop::collection::vec(text(6), 0..3),
        prop::collection::vec(text(40), 0..6),
    )
        .prop_map(|(title, speaker, credit, tags, paragraphs)| {
            let mut article = Article {
                title,
                paragraphs: paragraphs
                    .into_iter()
                    .map(|text| Paragraph {
                        text: text.into(),
                        lines: 1..2,
                        kind: ParagraphKind::Body,
                    })
                    .collect(),
                lines: 1..2,
                ..Article::default()
            };
            article.meta.set_speaker(speaker);
            article.meta.set_credit(credit, None);
            article.meta.set_tags(tags);
            article
        })
}

fn corpus() -> impl Strategy<Value = Corpus> {
    prop::collection::vec(article(), 1..12).prop_map(|articles| Corpus {
        sources: vec![Source {
            path: None,
            name: "generated".to_owned(),
            text: String::new().into(),
            encoding: "UTF-8".to_owned(),
            format: Format::Text,
        }],
        articles,
        warnings: Vec::new(),
    })
}

/// A query as a user might type or paste it: short terms from the corpus alphabet, with quotes,
/// controls and spaces among them.
fn query() -> impl Strategy<Value = String> {
    let pieces: Vec<&str> = ALPHABET.iter().chain(QUERY_ONLY).copied().collect();
    prop::collection::vec(prop::sample::select(pieces), 0..8).prop_map(|parts| parts.concat())
}

/// Every field of `article` the index holds, in its order.
fn fields(article: &Article) -> Vec<Field> {
    let mut fields = vec![Field::Title, Field::Speaker, Field::Role, Field::Section];
    fields.extend(
        (0..article.meta.tags().len()).map(|i| Field::Tag(u32::try_from(i).unwrap_or(u32::MAX))),
    );
    fields.extend(
        (0..article.paragraphs.len())
            .map(|i| Field::Paragraph(u32::try_from(i).unwrap_or(u32::MAX))),
    );
    fields.push(Field::Credit);
    fields
}

/// How often `term` occurs in `article`'s folded fields, counted without overlaps.
/// The whole answer to `query` (request number 1), run to the end.
fn answer(engine: &mut dyn Engine, query: &Query, scope: Scope) -> Matches {
    let request = Request {
        generation: 1,
        query: query.clone(),
        scope,
    };
    let (matches, complete) = engine.answer(&request);
    assert!(complete);
    matches
}

fn naive_count(article: &Article, term: &str) -> usize {
    fields(article)
        .into_iter()
        .map(|field| fold_query(field.text(article)).matches(term).count())
        .sum()
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn any_input_parses_to_folded_terms_without_controls(
        input in prop_oneof![
            any::<String>(),
            query(),
            (query(), 1..5000_usize).prop_map(|(q, n)| q.repeat(n)),
            Just(String::new()),
            "\\s{0,20}",
        ],
    ) {
        let parsed = Query::parse(&input);
        prop_assert!(parsed.terms.len() <= MAX_TERMS);
        for (index, term) in parsed.terms.iter().enumerate() {
            prop_assert!(!term.trim().is_empty(), "{:?}", parsed.terms);
            prop_assert!(!term.chars().any(char::is_control), "{term:?}");
            prop_assert!(term.len() <= 1024, "{} bytes", term.len());
            prop_assert_eq!(&fold_query(term), term, "folding a term again changes it");
            prop_assert!(!parsed.terms[..index].contains(term), "{term:?} twice");
        }
        for term in &parsed.excluded {
            prop_assert!(!term.trim().is_empty() && !term.chars().any(char::is_control));
        }
        let nothing = parsed.terms.is_empty() && parsed.excluded.is_empty();
        prop_assert_eq!(
            parsed.is_empty(),
            nothing && parsed.conditions.is_empty() && parsed.extra.is_empty()
        );
    }

    /// Queries of the language's syntax in any order (brackets, OR, -, proximity, patterns,
    /// pinyin) are read or refused with an error inside the query, never a panic, and what is
    /// read both engines answer alike, every hit on character boundaries.
    #[test]
    fn any_syntax_is_read_or_refused_and_answered_alike(
        corpus in corpus(),
        parts in prop::collection::vec(prop::sample::select(vec![
            "振", "兴", "中国", "a", " ", " ", "(", ")", "|", " OR ", "-", "\"", "NEAR/2 ",
            "~1 ", "NEAR/article ", "re:", "/", ".", "*", "+", "[", "]", "py:", "zhen", "x",
            "date:2020", "author:", "\\", "{2}", "?",
        ]), 0..10),
    ) {
        let input = parts.concat();
        let count = input.chars().filter(|c| !c.is_control()).count();
        let query = match Query::read(&input) {
            Ok(query) => query,
            Err(error) => {
                prop_assert!(error.at + error.len <= count, "{error:?} in {input:?}");
                prop_assert!(!error.message.is_empty());
                return Ok(());
            }
        };
        let scanned = answer(&mut Scan::build(&corpus), &query, Scope::All);
        let corpus = std::sync::Arc::new(corpus);
        let faked = answer(&mut wenji::search::fake::Fake::new(std::sync::Arc::clone(&corpus)), &query, Scope::All);
        let every = |m: &Matches| m.locations(0..m.hit_count());
        prop_assert_eq!(every(&scanned), every(&faked), "{:?}", input);
        for located in every(&scanned) {
            let text = located.field.text(&corpus.articles[located.article as usize]);
            prop_assert!(text.is_char_boundary(located.range.start));
            prop_assert!(text.is_char_boundary(located.range.end));
        }
    }

    #[test]
    fn every_hit_is_the_term_on_character_boundaries_and_none_is_missed(
        corpus in corpus(),
        input in query(),
    ) {
        let query = Query::parse(&input);
        // Terms alone: `~1` between two words is a proximity, which the naive count below
        // does not read (the query language has its own tests).
        prop_assume!(query.extra.is_empty());
        let results = answer(&mut Scan::build(&corpus), &query, Scope::All);
        for located in results.locations(0..results.hit_count()) {
            let article = &corpus.articles[located.article as usize];
            let text = located.field.text(article);
            let range = located.range.clone();
            prop_assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end) && range.end <= text.len(),
                "{range:?} in {text:?}"
            );
            let term = &query.terms[usize::from(located.term)];
            prop_assert_eq!(&fold_query(&text[range.clone()]), term, "{:?} at {:?} in {:?}", text, range, located.field);
        }
        let matching: Vec<u32> = corpus
            .articles
            .iter()
            .enumerate()
            .filter(|(_, article)| !query.is_empty() && query.terms.iter().all(|t| naive_count(article, t) > 0))
            .map(|(number, _)| u32::try_from(number).unwrap_or(u32::MAX))
            .collect();
        prop_assert_eq!(results.article_ids(), matching, "articles matching {:?}", &query.terms);
        if let [term] = query.terms.as_slice() {
            let expected: usize = corpus.articles.iter().map(|a| naive_count(a, term)).sum();
            prop_assert_eq!(results.hit_count(), expected, "hits of {:?}", term);
        }
    }

    #[test]
    fn narrowing_an_earlier_result_finds_what_a_full_scan_finds(
        corpus in corpus(),
        first in query(),
        more in query(),
    ) {
        let (previous_query, query) = (Query::parse(&first), Query::parse(&format!("{first}{more}")));
        if !query.narrows(&previous_query) {
            return Ok(());
        }
        let mut engine = Scan::build(&corpus);
        answer(&mut engine, &previous_query, Scope::All);
        let narrowed = answer(&mut engine, &query, Scope::Within(1));
        let full = answer(&mut Scan::build(&corpus), &query, Scope::All);
        prop_assert_eq!(narrowed.article_ids(), full.article_ids());
        let every = |m: &Matches| m.locations(0..m.hit_count());
        prop_assert_eq!(every(&narrowed), every(&full));
    }
}
