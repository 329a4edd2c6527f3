//! What folding copies costs (budget: under 5% of loading): the copy key of 100 MB of body
//! text, reckoned once as files are read (`wenji_core::corpus::copies::copy_key`), and the
//! list of 50 000 articles, one in six a copy, grouped and folded into rows (the browser does
//! the folding as each part of a corpus loads, and after each batch of an answer). The bodies
//! are the sample's paragraphs in turn, with a number of their own in each article.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wenji::corpus::copies::copy_key;
use wenji::corpus::order::Order;
use wenji::corpus::{self, Article, Corpus, Meta, Paragraph};
use wenji::state::{Settings, State};

const ARTICLES: usize = 50_000;

/// Article `n`'s body: a run of the sample's paragraphs, about 2 KB, with `n` in it; every
/// sixth article copies the one before it (another date, the same text with a space more).
fn corpus() -> Corpus {
    let sample = corpus::sample();
    let paragraphs: Vec<&Paragraph> = sample
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs[..])
        .collect();
    let mut articles = Vec::with_capacity(ARTICLES);
    for n in 0..ARTICLES {
        let own = if n % 6 == 5 { n - 1 } else { n };
        let mut body: Vec<Paragraph> = (0..4)
            .map(|k| paragraphs[(own * 7 + k) % paragraphs.len()].clone())
            .collect();
        let mut first = format!("第{own}篇。");
        if own != n {
            first.push(' ');
        }
        body[0].text = format!("{first}{}", body[0].text.as_str()).into();
        let mut meta = Meta::default();
        meta.set_date(Some(format!(
            "20{:02}-{:02}-{:02}",
            n % 25,
            1 + n % 12,
            1 + n % 28
        )));
        articles.push(Article {
            title: format!("第{own}篇"),
            meta,
            paragraphs: body.into(),
            lines: 1..2,
            ..Article::default()
        });
    }
    Corpus {
        sources: sample.sources,
        articles,
        warnings: Vec::new(),
    }
}

fn folding(c: &mut Criterion) {
    let corpus = corpus();
    let bodies: Vec<&[Paragraph]> = corpus.articles.iter().map(|a| &a.paragraphs[..]).collect();
    let bytes: usize = bodies
        .iter()
        .flat_map(|b| b.iter())
        .map(|p| p.text.len())
        .sum();
    let mut group = c.benchmark_group("copies");
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("copy_key_of_50k_bodies", |b| {
        b.iter(|| {
            bodies
                .iter()
                .fold(0u64, |all, body| all ^ copy_key(black_box(body)))
        });
    });
    // As loading leaves them: each article's key reckoned where its file was read.
    for article in &corpus.articles {
        article.paragraphs.copy_key();
    }
    group.throughput(Throughput::Elements(ARTICLES as u64));
    group.bench_function("group_and_fold_50k", |b| {
        b.iter_batched(
            || corpus.clone(),
            |corpus| State::with_settings(corpus, Settings::default()),
            criterion::BatchSize::LargeInput,
        );
    });
    let mut state = State::with_settings(corpus.clone(), Settings::default());
    group.bench_function("fold_again_50k", |b| {
        b.iter(|| state.sort_by(black_box(Order::Corpus)));
    });
    group.finish();
}

criterion_group!(benches, folding);
criterion_main!(benches);
