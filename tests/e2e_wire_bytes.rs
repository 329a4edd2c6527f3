//! Bytes on the wire, counted from outside in a pseudo-terminal: what one line and one page of
//! scrolling the sample cost, with both panes at 100×30 (beside the sample's short list and
//! beside a full one) and in full-width reading (`z`), beside `less` scrolling the same file in
//! the same terminal. Over a slow SSH link these bytes are the
//! delay a reader feels. The counts are bytes, not time, so the budgets are safe to assert.
//!
//! Every scroll must also leave the screen exactly as a full redraw draws it: suspending and
//! continuing (`SIGTSTP`, `SIGCONT`) redraws every cell, and the two screens are compared cell by
//! cell, colours included.
//!
//! `cargo test --test e2e_wire_bytes -- --nocapture` prints the figures the README quotes.

mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use support::{Key, PATIENCE, Pty, Signal};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// Output is over once nothing more has arrived for this long.
const QUIET: Duration = Duration::from_millis(400);
/// The sample, as a file `less` can open.
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/speeches.txt");
/// With both panes, a one-line scroll may cost at most this many bytes.
const TWO_PANE_LINE_BUDGET: usize = 3 * 1024;
/// In full-width reading, a one-line scroll may cost at most this many times `less`'s.
const FULL_WIDTH_LINE_FACTOR: usize = 2;

/// What one line and one page of scrolling cost, in bytes.
#[derive(Debug, Clone, Copy)]
struct Cost {
    line: usize,
    page: usize,
}

/// Waits until the program has written nothing for `QUIET`; returns how much it has written.
fn settle(pty: &Pty) -> usize {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = pty.raw_output().len();
    let mut since = Instant::now();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(25));
        let now = pty.raw_output().len();
        if now != seen {
            (seen, since) = (now, Instant::now());
        } else if since.elapsed() >= QUIET {
            return seen;
        }
    }
    panic!("the output never went quiet:\n{}", pty.screen_text());
}

/// The bytes the program writes in answer to `keys`, once it has finished answering.
fn bytes_for(pty: &mut Pty, keys: &str) -> usize {
    let before = settle(pty);
    pty.send_keys(keys);
    let deadline = Instant::now() + PATIENCE;
    while pty.raw_output().len() == before {
        assert!(
            Instant::now() < deadline,
            "no answer to {keys:?}:\n{}",
            pty.screen_text()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    settle(pty) - before
}

fn cost(pty: &mut Pty) -> Cost {
    let line = bytes_for(pty, "j");
    let page = bytes_for(pty, " ");
    Cost { line, page }
}

/// The sample at 100×30, the reader focused; with the list hidden when `full_width`.
fn wenji(full_width: bool) -> Pty {
    open(Pty::wenji(&[], COLS, ROWS, &[]), full_width)
}

/// The first article of `pty`'s corpus in the reader; with the list hidden when `full_width`.
fn open(mut pty: Pty, full_width: bool) -> Pty {
    pty.wait_for("article 1/", PATIENCE).expect("opens");
    settle(&pty);
    let browsing = pty.screen().contents_formatted();
    pty.send_keys(if full_width { "lz" } else { "l" });
    pty.wait_until(|screen| screen.contents_formatted() != browsing, PATIENCE)
        .expect("the reader has the focus");
    settle(&pty);
    pty
}

/// Thirty copies of the sample in a folder, so the list is full of titles.
fn full_list() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sample = std::fs::read(SAMPLE).expect("the sample");
    for n in 1..=30 {
        std::fs::write(dir.path().join(format!("{n:02}.txt")), &sample).expect("a copy");
    }
    dir
}

fn less() -> Pty {
    let pty = Pty::spawn("less", &[SAMPLE], COLS, ROWS, &[]);
    pty.wait_for("以全面振兴新突破建设中国式现代化新辽宁", PATIENCE)
        .expect("less shows the sample");
    pty
}

/// What a person sees in each cell, row by row: the character, the background, and the
/// foreground attributes where there is a character to show them. (A space written in bold
/// yellow looks like a cell never written; `vt100` tells them apart, a reader cannot.)
fn cells(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    (0..rows)
        .map(|row| {
            let mut text = String::new();
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.is_wide_continuation() {
                    continue;
                }
                let symbol = if cell.has_contents() {
                    cell.contents()
                } else {
                    " "
                };
                let visible = symbol != " ";
                let _ = write!(
                    text,
                    "[{symbol} bg {:?}{}{}",
                    cell.bgcolor(),
                    if cell.inverse() { " inverse" } else { "" },
                    if cell.underline() { " underline" } else { "" },
                );
                if visible || cell.inverse() {
                    let _ = write!(
                        text,
                        " fg {:?}{}{}{}",
                        cell.fgcolor(),
                        if cell.bold() { " bold" } else { "" },
                        if cell.dim() { " dim" } else { "" },
                        if cell.italic() { " italic" } else { "" },
                    );
                }
                text.push(']');
            }
            text
        })
        .collect()
}

/// Asserts that the screen equals what a full redraw at the same place shows.
fn assert_same_as_a_full_redraw(pty: &mut Pty, after: &str) {
    settle(pty);
    let drawn = pty.screen();
    pty.signal(Signal::SIGTSTP);
    pty.wait_until(|screen| !screen.alternate_screen(), PATIENCE)
        .expect("left the alternate screen");
    wait_until_stopped(pty.pid());
    pty.signal(Signal::SIGCONT);
    pty.wait_until(vt100::Screen::alternate_screen, PATIENCE)
        .expect("back on the alternate screen");
    settle(pty);
    let redrawn = pty.screen();
    let (drawn, redrawn) = (cells(&drawn), cells(&redrawn));
    for (row, (a, b)) in drawn.iter().zip(&redrawn).enumerate() {
        assert_eq!(a, b, "after {after}, row {row} differs from a full redraw");
    }
}

fn wait_until_stopped(pid: u32) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let state = stat
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next());
        if state == Some("T") {
            return;
        }
        assert!(Instant::now() < deadline, "process {pid} never stopped");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn scrolling_costs_at_most_the_budgets_beside_less() {
    let less = cost(&mut less());
    let two_panes = cost(&mut wenji(false));
    let full_width = cost(&mut wenji(true));
    let corpus = full_list();
    let folder = corpus.path().to_str().expect("a UTF-8 path");
    let full_list = cost(&mut open(Pty::wenji(&[folder], COLS, ROWS, &[]), false));
    println!("bytes at {COLS}×{ROWS}        one line   one page");
    println!("less                  {:>8}   {:>8}", less.line, less.page);
    println!(
        "wenji, full width     {:>8}   {:>8}",
        full_width.line, full_width.page
    );
    println!(
        "wenji, both panes     {:>8}   {:>8}",
        two_panes.line, two_panes.page
    );
    println!(
        "  the same, full list {:>8}   {:>8}",
        full_list.line, full_list.page
    );
    for (layout, cost) in [
        ("both panes", two_panes),
        ("both panes, a full list", full_list),
    ] {
        assert!(
            cost.line <= TWO_PANE_LINE_BUDGET,
            "a one-line scroll with {layout} costs {} bytes, over {TWO_PANE_LINE_BUDGET}",
            cost.line
        );
    }
    assert!(
        full_width.line <= FULL_WIDTH_LINE_FACTOR * less.line,
        "a one-line scroll in full width costs {} bytes, over {FULL_WIDTH_LINE_FACTOR}× less's {}",
        full_width.line,
        less.line
    );
}

#[test]
fn scrolled_full_width_screens_equal_a_full_redraw() {
    let mut pty = wenji(true);
    for (keys, what) in [
        ("j", "one line down"),
        ("jjj", "three lines down"),
        ("k", "one line up"),
        (" ", "a page down"),
        ("b", "a page up"),
        ("G", "the end"),
        ("kk", "two lines up from the end"),
        ("g", "the top"),
    ] {
        pty.send_keys(keys);
        assert_same_as_a_full_redraw(&mut pty, what);
    }
}

#[test]
fn scrolls_mixed_with_overlays_searches_and_resizes_equal_a_full_redraw() {
    let mut pty = wenji(true);
    pty.send_keys("jj?");
    pty.wait_for("open the selected article in the reader", PATIENCE)
        .expect("help shown");
    pty.send_keys("?");
    settle(&pty);
    pty.send_keys("j");
    assert_same_as_a_full_redraw(&mut pty, "help shown and closed, then a line");
    pty.send_keys("/发展");
    pty.press(Key::Enter);
    settle(&pty);
    pty.send_keys("jjn");
    assert_same_as_a_full_redraw(&mut pty, "a search, two lines and the next hit");
    pty.resize(80, 24);
    settle(&pty);
    pty.send_keys("j");
    settle(&pty);
    pty.resize(COLS, ROWS);
    settle(&pty);
    pty.send_keys("jk");
    assert_same_as_a_full_redraw(&mut pty, "resizes between scrolls");
    pty.send_keys("z");
    settle(&pty);
    pty.send_keys("jj");
    assert_same_as_a_full_redraw(&mut pty, "both panes again, two lines");
    pty.send_keys("zj");
    settle(&pty);
    pty.send_keys("hjlj");
    assert_same_as_a_full_redraw(&mut pty, "the next article, a line");
}

#[test]
fn a_narrow_terminal_reads_full_width_and_scrolls_like_a_full_redraw() {
    let mut pty = Pty::wenji(&[], 60, 20, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("l");
    settle(&pty);
    pty.send_keys("jjj");
    assert_same_as_a_full_redraw(&mut pty, "three lines at 60×20");
    pty.send_keys(" k");
    assert_same_as_a_full_redraw(&mut pty, "a page and a line back at 60×20");
}

#[test]
fn scrolls_beside_a_full_list_equal_a_full_redraw() {
    let corpus = full_list();
    let folder = corpus.path().to_str().expect("a UTF-8 path");
    let mut pty = open(Pty::wenji(&[folder], COLS, ROWS, &[]), false);
    for (keys, what) in [
        ("j", "one line beside the list"),
        ("jjj k", "lines and a page beside the list"),
    ] {
        pty.send_keys(keys);
        assert_same_as_a_full_redraw(&mut pty, what);
    }
    pty.press(Key::Tab);
    settle(&pty);
    pty.send_keys("jj");
    settle(&pty);
    pty.press(Key::Tab);
    settle(&pty);
    pty.send_keys("jj");
    assert_same_as_a_full_redraw(&mut pty, "another article from the list, two lines");
}
