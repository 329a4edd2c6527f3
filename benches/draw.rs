//! Draw benches: what a user waits for between a key and the frame it produces, measured from the
//! state and the layout through `ui::render` to ratatui's `TestBackend` at 200×60.
//!
//! - `draw/frame_200x60_sample`: one full frame of the embedded sample (budget: under 2 ms). Each
//!   iteration draws into a fresh `Terminal`, built outside the timing, so ratatui diffs against a
//!   blank screen and sends every non-blank cell to the backend: the cost of a frame whose every
//!   line moved, as after a page down, rather than the near-free redraw of an unchanged one.
//! - `draw/first_frame_10MB_paragraph`: opening a corpus whose one article is a single 10 MiB
//!   paragraph, from `State::new` through its first `Message::Resize` to the first frame (budget: under 5 ms,
//!   which the lazy layout makes possible: only the screen's lines are wrapped). The corpus is
//!   built outside the timing, and the state is dropped outside it.
//! - `draw/scroll_frame_1MB_article`: one page down and the frame after it, in a 1 MiB article of
//!   many paragraphs (budget: a frame, under 2 ms). Every page down lays out the page it reveals,
//!   as on a first read: at the end of the article the state is rebuilt outside the timing.
//! - `draw/rewrap_1MB_article_new_width/{80,61}`: `Document::new` and `ensure_all` for the same
//!   1 MiB article at a pane width of 80, then 61 columns (budget: under 20 ms). `benches/wrap.rs`
//!   measures `text::wrap` alone; this adds the document around it: segments, line records and
//!   the orphan rule's look-ahead.
//!
//! The large articles repeat the sample's paragraphs, so their text has the sample's mix of
//! hanzi, punctuation, digits and Latin letters. Before timing, each draw bench checks once that
//! the screen shows the text it claims to draw.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use wenji::action::Action;
use wenji::corpus::{Article, Corpus, Format, Paragraph, ParagraphKind, Source};
use wenji::keymap::Keymap;
use wenji::layout::{Document, LayoutOptions, Texts};
use wenji::state::{Message, State};
use wenji::theme::Theme;
use wenji::ui;
use wenji::ui::layout::{Areas, Shape};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The body paragraphs of the sample, in order.
fn sample_paragraphs() -> Vec<String> {
    wenji::corpus::sample()
        .articles
        .into_iter()
        .flat_map(|article| article.paragraphs)
        .filter(|paragraph| paragraph.kind == ParagraphKind::Body)
        .map(|paragraph| paragraph.text.to_string())
        .collect()
}

/// The sample's paragraphs, repeated until they hold at least `bytes` of text.
fn repeated_paragraphs(bytes: usize) -> Vec<String> {
    let pool = sample_paragraphs();
    assert!(!pool.is_empty(), "the sample has body paragraphs");
    let mut paragraphs = Vec::new();
    let mut size = 0;
    for paragraph in pool.iter().cycle() {
        if size >= bytes {
            break;
        }
        size += paragraph.len();
        paragraphs.push(paragraph.clone());
    }
    paragraphs
}

/// A corpus of one article holding `paragraphs`, with a source file that holds the same text, as
/// a file opened from disk would.
fn one_article_corpus(paragraphs: &[String]) -> Corpus {
    let title = "基准文章";
    let mut text = format!("## {title}\n\n");
    let mut body = Vec::with_capacity(paragraphs.len());
    // The title and a blank line, then each paragraph and a blank line.
    let mut line = 3;
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
        body.push(Paragraph {
            text: paragraph.clone().into(),
            lines: line..line + 1,
            kind: ParagraphKind::Body,
        });
        line += 2;
    }
    Corpus {
        sources: vec![Source {
            path: None,
            name: "bench.txt".to_owned(),
            text: text.into(),
            encoding: "UTF-8".to_owned(),
            format: Format::Text,
        }],
        articles: vec![Article {
            title: title.to_owned(),
            paragraphs: body.into(),
            lines: 1..line,
            ..Article::default()
        }],
        warnings: Vec::new(),
    }
}

fn screen() -> Rect {
    Rect::new(0, 0, WIDTH, HEIGHT)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("the test backend never fails")
}

/// A state sized for the 200×60 screen, as the app loop sizes it before its first draw.
fn sized_state(corpus: Corpus) -> State {
    let mut state = State::new(corpus);
    let screen = screen();
    let areas = Areas::new(screen, Shape::of(&state)).expect("200×60 fits the layout");
    state.update(Message::Resize(areas.viewport(screen)));
    state
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &State, keys: &Keymap, theme: &Theme) {
    terminal
        .draw(|frame| ui::render(frame, state, keys, theme))
        .expect("the test backend never fails");
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    wenji::ui::text::buffer_text(terminal.backend().buffer())
}

/// Checks, once and outside the timing, that a bench draws what it claims to.
fn assert_shows(terminal: &Terminal<TestBackend>, text: &str) {
    let start: String = text.chars().take(8).collect();
    assert!(
        screen_text(terminal).contains(&start),
        "the screen shows `{start}`"
    );
}

fn frame_of_sample(c: &mut Criterion) {
    let theme = Theme::default();
    let keys = Keymap::default();
    let state = sized_state(wenji::corpus::sample());
    let mut first = terminal();
    draw(&mut first, &state, &keys, &theme);
    assert_shows(&first, &state.corpus().articles[0].paragraphs[0].text);
    c.bench_function("draw/frame_200x60_sample", |b| {
        b.iter_batched_ref(
            terminal,
            |terminal| draw(terminal, black_box(&state), &keys, &theme),
            BatchSize::SmallInput,
        );
    });
}

fn first_frame_of_huge_paragraph(c: &mut Criterion) {
    let paragraph = repeated_paragraphs(10 << 20).concat();
    let theme = Theme::default();
    let keys = Keymap::default();
    let state = sized_state(one_article_corpus(std::slice::from_ref(&paragraph)));
    let mut first = terminal();
    draw(&mut first, &state, &keys, &theme);
    assert_shows(&first, &paragraph);
    let laid_out = state.reader.document().map_or(0, |d| d.lines.len());
    assert!(
        laid_out < 100,
        "only the first screen is laid out, not {laid_out} lines"
    );
    let mut group = c.benchmark_group("draw");
    // Building each 20 MiB corpus (paragraph and source) takes longer than the timed part.
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("first_frame_10MB_paragraph", |b| {
        b.iter_batched(
            || {
                (
                    one_article_corpus(std::slice::from_ref(&paragraph)),
                    terminal(),
                )
            },
            |(corpus, mut terminal)| {
                let state = sized_state(corpus);
                draw(&mut terminal, &state, &keys, &theme);
                (state, terminal)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn scroll_in_large_article(c: &mut Criterion) {
    let paragraphs = repeated_paragraphs(1 << 20);
    let theme = Theme::default();
    let keys = Keymap::default();
    let open = || {
        let mut state = sized_state(one_article_corpus(&paragraphs));
        state.update(Action::Open);
        let mut terminal = terminal();
        draw(&mut terminal, &state, &keys, &theme);
        (state, terminal)
    };
    let (mut state, mut first) = open();
    state.update(Action::PageDown);
    draw(&mut first, &state, &keys, &theme);
    assert!(state.reader.top() > 0, "page down scrolls the article");
    c.bench_function("draw/scroll_frame_1MB_article", |b| {
        b.iter_custom(|iters| {
            let (mut state, mut terminal) = open();
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let top = state.reader.top();
                let start = Instant::now();
                state.update(black_box(Action::PageDown));
                draw(&mut terminal, &state, &keys, &theme);
                total += start.elapsed();
                if state.reader.top() == top {
                    // The end of the article: start a fresh read, so every page down still lays
                    // out the page it reveals.
                    (state, terminal) = open();
                }
            }
            total
        });
    });
}

fn rewrap_large_article(c: &mut Criterion) {
    let corpus = one_article_corpus(&repeated_paragraphs(1 << 20));
    let texts = Texts {
        article: &corpus.articles[0],
        source: &corpus.sources[0],
    };
    let mut group = c.benchmark_group("draw/rewrap_1MB_article_new_width");
    for width in [80, 61] {
        group.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &width| {
            b.iter_with_large_drop(|| {
                let mut document = Document::new(texts, LayoutOptions::for_width(width));
                document.ensure_all(black_box(texts));
                document
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    frame_of_sample,
    first_frame_of_huge_paragraph,
    scroll_in_large_article,
    rewrap_large_article
);
criterion_main!(benches);
