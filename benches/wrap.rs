//! How long rewrapping takes: a whole ~1 MB article at a new width, and the first screen of one
//! 10 MB paragraph (the lazy path a reader uses).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wenji::text::width::AmbiguousWidth;
use wenji::text::wrap::{WrapOptions, wrap, wrap_iter};

const SPEECHES: &str = include_str!("../data/speeches.txt");

/// The sample's paragraphs repeated until they make about `bytes` of text.
fn article(bytes: usize) -> Vec<&'static str> {
    let paragraphs: Vec<&str> = SPEECHES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let mut article = Vec::new();
    let mut size = 0;
    for paragraph in paragraphs.iter().cycle() {
        if size >= bytes {
            break;
        }
        size += paragraph.len();
        article.push(*paragraph);
    }
    article
}

fn options(width: usize) -> WrapOptions {
    WrapOptions {
        width,
        first_indent: 4,
        ambiguous: AmbiguousWidth::Narrow,
    }
}

fn rewrap_article(c: &mut Criterion) {
    let article = article(1 << 20);
    for width in [80, 61] {
        let options = options(width);
        c.bench_function(&format!("wrap 1 MB article at width {width}"), |b| {
            b.iter(|| {
                article
                    .iter()
                    .map(|paragraph| wrap(black_box(paragraph), &options).len())
                    .sum::<usize>()
            });
        });
    }
}

fn first_screen_of_huge_paragraph(c: &mut Criterion) {
    let paragraph = article(10 << 20).concat();
    let options = options(80);
    c.bench_function("first 60 lines of a 10 MB paragraph", |b| {
        b.iter(|| wrap_iter(black_box(&paragraph), &options).take(60).count());
    });
}

criterion_group!(benches, rewrap_article, first_screen_of_huge_paragraph);
criterion_main!(benches);
