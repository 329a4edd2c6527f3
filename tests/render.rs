//! The whole screen rendered on ratatui's `TestBackend`: both panes with the sample's titles at a
//! roomy and a cramped size, snapshotted; and no size, however small, makes drawing panic.

mod state_support;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use wenji::action::Action;
use wenji::corpus;
use wenji::keymap::Keymap;
use wenji::search::Scan;
use wenji::state::{Message, State};
use wenji::text::width::AmbiguousWidth;
use wenji::ui::layout::{Areas, Shape};

use state_support::{draw, type_search};

/// Types `query`, answered by the in-memory engine over the state's corpus.
fn search_for(state: &mut State, query: &str) {
    let mut engine = Scan::build(state.corpus());
    type_search(state, &mut engine, query);
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    wenji::ui::text::buffer_text(terminal.backend().buffer())
}

/// The bottom row: the status bar, or the search line while typing.
fn bottom_row(terminal: &Terminal<TestBackend>) -> String {
    screen_text(terminal)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn both_panes_at_100_by_30() {
    let mut state = State::new(corpus::sample());
    let terminal = draw(&mut state, 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains("以全面振兴新突破建设中国式现代化新辽宁"));
    assert!(text.contains("打造向北开放新高地 谱写龙江振兴新篇章"));
    assert!(text.contains("2023年新华社进校园活动正式启动"));
    insta::assert_snapshot!("sample_100x30", screen_text(&terminal));
}

#[test]
fn one_pane_at_a_time_at_60_by_20() {
    let mut state = State::new(corpus::sample());
    let terminal = draw(&mut state, 60, 20);
    let text = screen_text(&terminal);
    assert!(text.contains("Articles (3)"));
    assert!(
        text.contains("以全面振兴新突破建设中国式现代化新辽宁"),
        "the list has the whole width"
    );
    assert!(
        !text.contains("speeches.txt:3"),
        "no reader beside the list"
    );
    insta::assert_snapshot!("list_alone_60x20", text);
    state.update(Action::Open);
    let text = screen_text(&draw(&mut state, 60, 20));
    assert!(text.contains("speeches.txt:3"), "Enter shows the reader");
    assert!(
        !text.contains("Articles (3)"),
        "the reader has the whole width"
    );
    insta::assert_snapshot!("reader_alone_60x20", text);
    state.update(Action::Back);
    assert!(
        screen_text(&draw(&mut state, 60, 20)).contains("Articles (3)"),
        "h returns to the list"
    );
}

#[test]
fn second_article_open_with_help_at_100_by_30() {
    let mut state = State::new(corpus::sample());
    draw(&mut state, 100, 30);
    state.update(Action::NextArticle);
    state.update(Action::ToggleHelp);
    let terminal = draw(&mut state, 100, 30);
    insta::assert_snapshot!("help_over_second_article_100x30", screen_text(&terminal));
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let mut state = State::new(corpus::sample());
    for (width, height) in [
        (0, 0),
        (1, 1),
        (19, 5),
        (20, 4),
        (20, 5),
        (21, 6),
        (3, 40),
        (200, 2),
        (25, 7),
    ] {
        for action in [
            Action::Open,
            Action::PageDown,
            Action::ToggleHelp,
            Action::Bottom,
        ] {
            state.update(action);
            draw(&mut state, width, height);
        }
    }
    let terminal = draw(&mut state, 19, 4);
    assert!(screen_text(&terminal).starts_with("terminal too small"));
}

#[test]
fn reader_never_draws_past_its_pane() {
    let mut state = State::new(corpus::sample());
    for width in [20, 37, 61, 80, 99, 133] {
        let terminal = draw(&mut state, width, 24);
        let buffer = terminal.backend().buffer();
        let areas = Areas::new(Rect::new(0, 0, width, 24), Shape::default()).expect("big enough");
        let right_border = areas.reader.right() - 1;
        for y in 1..areas.reader.bottom() - 1 {
            assert_eq!(
                buffer[(right_border, y)].symbol(),
                "│",
                "width {width}, row {y}"
            );
        }
    }
}

/// The row the search line is on, and the column of the reversed cell that marks its cursor.
fn search_cursor(terminal: &Terminal<TestBackend>) -> (u16, u16) {
    let buffer = terminal.backend().buffer();
    let y = buffer.area.bottom() - 1;
    assert_eq!(
        buffer[(0, y)].symbol(),
        "/",
        "the search line is at the bottom"
    );
    let x = (1..buffer.area.right())
        .find(|&x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        .expect("a cursor cell");
    (y, x)
}

#[test]
fn the_search_cursor_sits_after_wide_quotes_and_a_long_query_scrolls_to_it() {
    let mut state = State::new(corpus::sample());
    state.settings.ambiguous = AmbiguousWidth::Wide;
    state.update(Action::StartSearch);
    for c in "“振兴”".chars() {
        state.update(Action::SearchInput(c));
    }
    let terminal = draw(&mut state, 100, 30);
    // `/` in column 0, then “ 振 兴 ” two columns each: the cursor is in column 9.
    let (y, x) = search_cursor(&terminal);
    assert_eq!(x, 9);
    assert_eq!(terminal.backend().buffer()[(7, y)].symbol(), "”");

    for _ in 0..200 {
        state.update(Action::SearchInput('兴'));
    }
    let terminal = draw(&mut state, 100, 30);
    let (y, x) = search_cursor(&terminal);
    let buffer = terminal.backend().buffer();
    assert!(x < 100, "the cursor stays on screen");
    assert_eq!(
        buffer[(x - 2, y)].symbol(),
        "兴",
        "the query's end is just before it"
    );
}

/// The sample searched for 振兴 (15 hits), kept with Enter, on its third hit.
fn on_the_third_of_15_hits() -> State {
    let mut state = State::new(corpus::sample());
    draw(&mut state, 100, 30);
    search_for(&mut state, "振兴");
    state.update(Action::SearchSubmit);
    state.update(Action::NextHit);
    state.update(Action::NextHit);
    state
}

#[test]
fn the_hit_position_and_a_copy_notice_outlast_everything_else_in_the_status_bar() {
    let mut state = on_the_third_of_15_hits();
    for (width, height) in [(100, 30), (80, 24), (60, 20)] {
        let notice = "sent 1 paragraph + citation to the terminal clipboard".to_owned();
        state.update(Message::Notice(notice));
        let status = bottom_row(&draw(&mut state, width, height));
        assert!(status.contains("hit 3/15"), "{width}×{height}: {status}");
        assert!(
            status.contains("sent 1 paragraph"),
            "{width}×{height}: {status}"
        );
    }
    let notice = "sent 1 paragraph + citation to the terminal clipboard".to_owned();
    state.update(Message::Notice(notice));
    let status = bottom_row(&draw(&mut state, 100, 30));
    assert!(
        status.contains("sent 1 paragraph + citation to the terminal clipboard"),
        "all of it at 100 columns: {status}"
    );
    let notice = "sent 1 paragraph + citation to the terminal clipboard".to_owned();
    state.update(Message::Notice(notice));
    let status = bottom_row(&draw(&mut state, 60, 20));
    assert!(
        status.trim_end().ends_with("..."),
        "cut where it no longer fits, and says so: {status}"
    );
}

#[test]
fn the_search_state_outranks_the_warning_count_at_80_and_60_columns() {
    let mut corpus = corpus::sample();
    // A scraped corpus can have one warning per file.
    for line in 1..=1800 {
        corpus.warnings.push(corpus::Warning {
            source: "broken.txt".to_owned(),
            line: Some(line),
            message: "an invalid byte replaced".to_owned(),
        });
    }
    let mut state = State::new(corpus);
    draw(&mut state, 100, 30);
    search_for(&mut state, "全面振兴新突破");
    state.update(Action::SearchSubmit);
    state.update(Action::NextHit);
    state.update(Action::NextHit);
    let status = bottom_row(&draw(&mut state, 100, 30));
    for part in [
        "article 1/3",
        "1800 warnings (!)",
        "/全面振兴新突破",
        "hit 3/8",
    ] {
        assert!(
            status.contains(part),
            "100×30 has room for {part}: {status}"
        );
    }
    for (width, height) in [(80, 24), (60, 20)] {
        let status = bottom_row(&draw(&mut state, width, height));
        assert!(status.contains("hit 3/8"), "{width}×{height}: {status}");
        assert!(status.contains("article 1/3"), "{width}×{height}: {status}");
    }
}

#[test]
fn key_hints_that_do_not_fit_are_left_out_whole() {
    let mut state = State::new(corpus::sample());
    let words: Vec<&str> = Keymap::default()
        .hints()
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    for (width, height) in [(100, 30), (80, 24), (60, 20)] {
        let status = bottom_row(&draw(&mut state, width, height));
        let status = status.trim_end();
        assert!(status.contains("article 1/3"), "{status}");
        assert!(
            words.iter().any(|w| status.ends_with(w)),
            "{width}×{height}: the last hint has its word, not a key alone: {status}"
        );
    }
}

#[test]
fn a_single_hit_reads_1_hit_in_1_article() {
    let mut state = State::new(corpus::sample());
    draw(&mut state, 100, 30);
    search_for(&mut state, "许勤");
    let terminal = draw(&mut state, 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains(" 1 hit in 1 article "), "list header: {text}");
    assert!(
        bottom_row(&terminal).contains("1 hit in 1 article"),
        "search line"
    );
    assert!(!text.contains("1 hits") && !text.contains("1 articles"));
    state.update(Action::ToggleConcordance);
    let text = screen_text(&draw(&mut state, 100, 30));
    assert!(text.contains("Concordance: 1 hit -"), "{text}");
}
