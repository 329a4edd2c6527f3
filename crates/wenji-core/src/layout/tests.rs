//! Layout: the lines of an article at a width, laid out lazily, centred in wide panes, and anchored
//! across a relayout.

use super::*;
use crate::corpus::{self, Corpus, Paragraph};
use crate::text::width::str_width;

fn texts(corpus: &Corpus, index: usize) -> Texts<'_> {
    let article = &corpus.articles[index];
    Texts {
        article,
        source: &corpus.sources[article.source],
    }
}

fn laid_out(corpus: &Corpus, index: usize, options: LayoutOptions) -> Document {
    let mut document = Document::new(texts(corpus, index), options);
    document.ensure_all(texts(corpus, index));
    document
}

/// A corpus of one article whose only paragraph is `text`.
fn one_paragraph(text: String) -> Corpus {
    let mut corpus = corpus::sample();
    corpus.articles.truncate(1);
    corpus.articles[0].paragraphs = vec![Paragraph {
        text: text.into(),
        lines: 1..2,
        kind: ParagraphKind::Body,
    }]
    .into();
    corpus.articles[0].meta.set_credit(None, None);
    corpus
}

#[test]
fn every_line_fits_its_pane() {
    let corpus = corpus::sample();
    for width in [10, 40, 61, 80, 120] {
        for index in 0..corpus.articles.len() {
            let document = laid_out(&corpus, index, LayoutOptions::for_width(width));
            for line in &document.lines {
                let shown = str_width(
                    document.text(texts(&corpus, index), line),
                    AmbiguousWidth::Narrow,
                );
                assert!(
                    document.margin + line.indent + shown <= width,
                    "{width}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn lazy_layout_gives_the_same_lines_as_laying_out_everything() {
    let paragraph = corpus::sample().articles[0].paragraphs[1].text.repeat(400);
    let corpus = one_paragraph(paragraph);
    let options = LayoutOptions::for_width(61);
    let eager = laid_out(&corpus, 0, options);
    let mut lazy = Document::new(texts(&corpus, 0), options);
    let mut count = 0;
    while !lazy.is_complete() {
        count += 7;
        lazy.ensure(texts(&corpus, 0), count);
    }
    assert_eq!(lazy.lines, eager.lines);
}

#[test]
fn the_first_screen_of_a_huge_paragraph_lays_out_only_about_a_screen() {
    let corpus = one_paragraph("实现全面振兴新突破，我们要把科技创新作为驱动力。".repeat(100_000));
    let mut document = Document::new(texts(&corpus, 0), LayoutOptions::for_width(80));
    document.ensure(texts(&corpus, 0), 60);
    assert!(
        document.lines.len() < 200,
        "{} lines laid out for one screen",
        document.lines.len()
    );
    assert!(!document.is_complete());
    assert!(document.percent(0, 60) < 1);
}

#[test]
fn text_is_centred_in_wide_panes() {
    let corpus = corpus::sample();
    let document = laid_out(&corpus, 0, LayoutOptions::for_width(120));
    assert_eq!((document.measure, document.margin), (80, 20));
}

#[test]
fn without_indent_paragraphs_are_separated_by_blank_lines() {
    let corpus = corpus::sample();
    let options = LayoutOptions {
        indent: 0,
        ..LayoutOptions::for_width(80)
    };
    let document = laid_out(&corpus, 0, options);
    let body: Vec<&DocLine> = document
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Body)
        .collect();
    assert!(body.iter().all(|l| l.indent == 0));
    let blanks = document
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Blank)
        .count();
    assert_eq!(
        blanks,
        1 + 7 + 1,
        "after the header, between 8 paragraphs, before the credit"
    );
}

#[test]
fn anchor_survives_a_relayout() {
    let corpus = corpus::sample();
    let wide = laid_out(&corpus, 0, LayoutOptions::for_width(80));
    let mut narrow = Document::new(texts(&corpus, 0), LayoutOptions::for_width(40));
    let anchor = wide.anchor(12).expect("line 12 exists");
    let line = narrow.line_of(texts(&corpus, 0), anchor);
    let TextRef::Paragraph(p) = anchor.0 else {
        panic!("body line expected")
    };
    assert_eq!(narrow.lines[line].text, TextRef::Paragraph(p));
    assert!(narrow.lines[line].range.start <= anchor.1 && anchor.1 < narrow.lines[line].range.end);
}

#[test]
fn raw_view_numbers_each_source_line_once() {
    let corpus = corpus::sample();
    let mut raw = Document::raw(&corpus.sources[0], LayoutOptions::for_width(60));
    let line = raw.line_of_source_line(texts(&corpus, 0), 29);
    assert_eq!(raw.lines[line].number, Some(29));
    assert_eq!(
        raw.text(texts(&corpus, 0), &raw.lines[line]),
        "## 打造向北开放新高地 谱写龙江振兴新篇章"
    );
    raw.ensure_all(texts(&corpus, 0));
    let numbers: Vec<usize> = raw.lines.iter().filter_map(|l| l.number).collect();
    assert_eq!(
        numbers,
        (1..=corpus.sources[0].text.lines().count()).collect::<Vec<_>>()
    );
}

/// The sample with its first article filed under a section and given tags.
fn tagged(tags: &[&str]) -> Corpus {
    let mut corpus = corpus::sample();
    let meta = &mut corpus.articles[0].meta;
    meta.set_section(Some("要闻".to_owned()), None);
    meta.set_tags(tags.iter().map(|&t| t.to_owned()).collect());
    corpus
}

/// The kind and text of every line before the first paragraph.
fn header(document: &Document, corpus: &Corpus) -> Vec<(LineKind, String)> {
    document
        .lines
        .iter()
        .take_while(|l| !matches!(l.text, TextRef::Paragraph(_)))
        .map(|l| (l.kind, document.text(texts(corpus, 0), l).to_owned()))
        .collect()
}

#[test]
fn tags_are_a_line_under_the_byline_that_says_where_each_starts() {
    let corpus = tagged(&["东北振兴", "辽宁"]);
    let document = laid_out(&corpus, 0, LayoutOptions::for_width(80));
    let header = header(&document, &corpus);
    let kinds: Vec<LineKind> = header.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Title,
            LineKind::Byline,
            LineKind::Tags,
            LineKind::Info,
            LineKind::Blank
        ]
    );
    assert_eq!(header[2].1, "要闻 · #东北振兴 #辽宁");
    let line = document.tag_line.as_ref().expect("a tag line");
    let text = document.text(texts(&corpus, 0), &document.lines[2]);
    assert_eq!(document.lines[2].text, line.text);
    assert_eq!(&text[line.tag(1).expect("shown")..], "辽宁");
    assert_eq!(line.section, Some(0));
    assert_eq!(line.tag(2), None);
    // Without tags, no line: the section stays in the border alone.
    let plain = laid_out(&corpus::sample(), 0, LayoutOptions::for_width(80));
    assert!(plain.tag_line.is_none());
    assert!(plain.lines.iter().all(|l| l.kind != LineKind::Tags));
}

#[test]
fn a_tag_line_too_wide_for_the_pane_is_cut_between_tags_and_fits() {
    let tags = [
        "国家安全",
        "香港特别行政区",
        "立法会",
        "基本法第二十三条",
        "公民社会",
    ];
    let corpus = tagged(&tags);
    for width in [10, 24, 40, 61, 80] {
        let document = laid_out(&corpus, 0, LayoutOptions::for_width(width));
        let rows: Vec<String> = header(&document, &corpus)
            .into_iter()
            .filter(|(kind, _)| *kind == LineKind::Tags)
            .map(|(_, text)| text)
            .collect();
        for line in document.lines.iter().filter(|l| l.kind == LineKind::Tags) {
            let shown = str_width(
                document.text(texts(&corpus, 0), line),
                AmbiguousWidth::Narrow,
            );
            assert!(
                document.margin + line.indent + shown <= width,
                "{width}: {line:?}"
            );
        }
        let joined = rows.concat();
        for tag in tags {
            assert!(joined.contains(&format!("#{tag}")), "{width}: {rows:?}");
        }
        if width >= 24 {
            // Every tag fits a row: none is split, and no row ends with a bare `#`.
            for row in &rows {
                assert!(
                    !row.ends_with('#') && !row.ends_with(' '),
                    "{width}: {rows:?}"
                );
                assert!(
                    row.starts_with('#') || row.starts_with("要闻"),
                    "{width}: {rows:?}"
                );
            }
        }
    }
}
