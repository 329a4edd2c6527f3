//! How long the list takes to sort: 200 000 articles by date (budget: under 20 ms), newest
//! first, and by title, with the stable orders of `wenji_core::corpus::order`. The articles are
//! made in memory with dates of every precision and some undated, as a real archive's are.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use wenji::corpus::order::{self, Order};
use wenji::corpus::{Article, Meta};

const ARTICLES: u32 = 200_000;

/// Article `n`: a date spread over 30 years, one in twenty without a date that reads, one in
/// ten known to the month only; titles that share their first characters, as reports' do.
fn article(n: u32) -> Article {
    let mut meta = Meta::default();
    let spread = n.wrapping_mul(2_654_435_761);
    let (year, month, day) = (
        1995 + spread % 30,
        1 + spread / 30 % 12,
        1 + spread / 360 % 28,
    );
    let date = match n % 20 {
        0 => "不详".to_owned(),
        1 | 2 => format!("{year}-{month:02}"),
        _ => format!("{year}-{month:02}-{day:02}"),
    };
    meta.set_date(Some(date));
    Article {
        title: format!("{year}年国务院政府工作报告第{}部分", spread % 977),
        meta,
        lines: 1..2,
        ..Article::default()
    }
}

fn sorting(c: &mut Criterion) {
    let articles: Vec<Article> = (0..ARTICLES).map(article).collect();
    let rows: Vec<u32> = (0..ARTICLES).collect();
    let mut group = c.benchmark_group("order");
    group.measurement_time(Duration::from_secs(5));
    for (name, order) in [
        ("200k_by_date", Order::DateAscending),
        ("200k_newest_first", Order::DateDescending),
        ("200k_by_title", Order::Title),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || rows.clone(),
                |mut rows| {
                    order::sort(order, &mut rows, black_box(&articles), |&r| r, |_| 0);
                    rows
                },
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, sorting);
criterion_main!(benches);
