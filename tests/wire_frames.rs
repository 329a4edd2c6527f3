//! Frames written by `wire::Screen` land on a terminal exactly as a full redraw would put them:
//! random pages of hanzi, full-width punctuation and ASCII in a few styles, scrolled by random
//! amounts, with scroll hints that are right, wrong or out of the screen, all fed to a `vt100`
//! terminal and compared cell by cell with a fresh terminal that received only the last frame.
//! Also checks what a run of hanzi costs on the wire.
//!
//! The styles are foreground colours and attributes only. A background or reverse video shows
//! on the half a terminal blanks when a glyph is written over one side of a wide character, and
//! ratatui's diff, which does not know of that blank, leaves it: a limit of ratatui's diff with
//! or without scrolling, not of what is tested here.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use wenji::wire::{Screen, Scroll};

const WIDTH: u16 = 20;
const HEIGHT: u16 = 8;

/// A terminal's input, shared between the `Screen` writing it and the test reading it.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Wire {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

fn screen(wire: &Wire) -> Screen<Wire> {
    Screen::fixed(wire.clone(), Rect::new(0, 0, WIDTH, HEIGHT)).expect("a fixed screen")
}

/// Rows 1 to `HEIGHT - 2` show `lines` from `top`, each in a style of its own with green
/// columns here and there; a title above, a status line below.
fn draw(screen: &mut Screen<Wire>, lines: &[String], top: usize) {
    screen
        .draw(|frame| {
            let buf = frame.buffer_mut();
            buf.set_string(0, 0, "标题 title", Style::new().cyan().bold());
            for (row, index) in (1..HEIGHT - 1).zip(top..) {
                let style = match index % 3 {
                    0 => Style::new(),
                    1 => Style::new().fg(Color::Yellow),
                    _ => Style::new().bold(),
                };
                if let Some(line) = lines.get(index) {
                    buf.set_stringn(0, row, line, usize::from(WIDTH), style);
                    // Some columns of each line in green, so styles change inside a row too.
                    for col in (0..WIDTH).filter(|col| (usize::from(*col) + index) % 5 < 2) {
                        buf[(col, row)].set_fg(Color::Green);
                    }
                }
            }
            let status = format!("状态 {top}");
            buf.set_string(0, HEIGHT - 1, status, Style::new().fg(Color::Blue).italic());
        })
        .expect("draws");
}

/// What a person sees in each cell: the character, its colours where they show.
fn cells(screen: &vt100::Screen) -> Vec<String> {
    let mut rows = Vec::new();
    for row in 0..HEIGHT {
        let mut text = String::new();
        for col in 0..WIDTH {
            let cell = screen.cell(row, col).expect("inside the screen");
            if cell.is_wide_continuation() {
                continue;
            }
            let symbol = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            let _ = write!(text, "[{symbol} {:?} {}", cell.bgcolor(), cell.inverse());
            if symbol != " " || cell.inverse() {
                let _ = write!(text, " {:?} {}", cell.fgcolor(), cell.bold());
            }
            text.push(']');
        }
        rows.push(text);
    }
    rows
}

fn line() -> impl Strategy<Value = String> {
    let glyph = prop_oneof![
        Just("中"),
        Just("文"),
        Just("，"),
        Just("。"),
        Just("Ａ"),
        Just("a"),
        Just("1"),
        Just(" "),
    ];
    prop::collection::vec(glyph, 0..14).prop_map(|glyphs| glyphs.concat())
}

/// A hint for one step: the right one, a wrong amount, or rows of any band.
#[derive(Debug, Clone)]
enum Hint {
    None,
    Right,
    Wrong(i32),
    Band(u16, u16, i32),
}

fn hint() -> impl Strategy<Value = Hint> {
    prop_oneof![
        1 => Just(Hint::None),
        3 => Just(Hint::Right),
        1 => (-4i32..5).prop_map(Hint::Wrong),
        1 => (0u16..10, 0u16..10, -4i32..5).prop_map(|(a, b, by)| Hint::Band(a, b, by)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn scrolled_frames_equal_a_full_redraw(
        lines in prop::collection::vec(line(), 0..30),
        steps in prop::collection::vec((-7i32..8, hint()), 1..12),
    ) {
        let wire = Wire::default();
        let mut shown = screen(&wire);
        let mut terminal = vt100::Parser::new(HEIGHT, WIDTH, 0);
        let mut top = 0usize;
        draw(&mut shown, &lines, top);
        terminal.process(&wire.take());
        for (delta, hint) in steps {
            let next = top.saturating_add_signed(delta as isize).min(lines.len());
            let by = i32::try_from(next).expect("small") - i32::try_from(top).expect("small");
            let scroll = match hint {
                Hint::None => None,
                Hint::Right => Scroll::new(1..HEIGHT - 1, by),
                Hint::Wrong(by) => Scroll::new(1..HEIGHT - 1, by),
                Hint::Band(a, b, by) => Scroll::new(a.min(b)..a.max(b), by),
            };
            if let Some(scroll) = scroll {
                shown.scroll_hint(scroll);
            }
            top = next;
            draw(&mut shown, &lines, top);
            terminal.process(&wire.take());

            let fresh_wire = Wire::default();
            let mut fresh = screen(&fresh_wire);
            draw(&mut fresh, &lines, top);
            let mut redrawn = vt100::Parser::new(HEIGHT, WIDTH, 0);
            redrawn.process(&fresh_wire.take());
            for (row, (got, want)) in cells(terminal.screen())
                .into_iter()
                .zip(cells(redrawn.screen()))
                .enumerate()
            {
                prop_assert_eq!(got, want, "row {} differs from a full redraw", row);
            }
        }
    }
}

#[test]
fn a_run_of_hanzi_costs_its_bytes_and_one_move() {
    let wire = Wire::default();
    let mut shown = screen(&wire);
    let text = "人民共和国，万岁";
    shown
        .draw(|frame| {
            frame.buffer_mut().set_string(2, 3, text, Style::new());
        })
        .expect("draws");
    let bytes = wire.take();
    // The move to (2, 3) and hiding the cursor; no move between the characters.
    let expected = format!("\x1b[4;3H{text}\x1b[?25l");
    assert_eq!(String::from_utf8_lossy(&bytes), expected);
}

#[test]
fn a_scroll_of_one_line_writes_the_scroll_and_the_new_line_only() {
    let wire = Wire::default();
    let mut shown = screen(&wire);
    let lines: Vec<String> = (0..20).map(|n| format!("第{n}行")).collect();
    draw(&mut shown, &lines, 0);
    wire.take();
    shown.scroll_hint(Scroll::new(1..HEIGHT - 1, 1).expect("a move"));
    draw(&mut shown, &lines, 1);
    let bytes = String::from_utf8(wire.take()).expect("UTF-8");
    assert!(
        bytes.starts_with("\x1b[2;7r\x1b[2H\x1b[M\x1b[r"),
        "{bytes:?}"
    );
    let text = without_sequences(&bytes);
    assert!(
        text.contains("第6行"),
        "the new bottom line is drawn: {bytes:?}"
    );
    for kept in 1..6 {
        assert!(
            !text.contains(&format!("第{kept}行")),
            "line {kept} came with the scroll, yet was drawn: {bytes:?}"
        );
    }
}

#[test]
fn a_hint_that_would_cost_more_than_redrawing_is_not_taken() {
    let lines: Vec<String> = (0..20).map(|n| format!("第{n}行")).collect();
    let cost = |hint: Option<Scroll>| {
        let wire = Wire::default();
        let mut shown = screen(&wire);
        draw(&mut shown, &lines, 0);
        wire.take();
        if let Some(hint) = hint {
            shown.scroll_hint(hint);
        }
        draw(&mut shown, &lines, 1);
        String::from_utf8(wire.take()).expect("UTF-8")
    };
    let plain = cost(None);
    // The rows moved the wrong way: every line would then have to be drawn again.
    let wrong = cost(Scroll::new(1..HEIGHT - 1, -1));
    assert_eq!(wrong, plain, "the wrong hint was not used");
    let right = cost(Scroll::new(1..HEIGHT - 1, 1));
    assert!(right.len() < plain.len(), "{right:?} against {plain:?}");
}

/// `bytes` with the control sequences (`ESC [ … final`) taken out: the text that was printed.
fn without_sequences(bytes: &str) -> String {
    let mut text = String::new();
    let mut chars = bytes.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let _ = chars.next(); // `[`
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            text.push(c);
        }
    }
    text
}

#[test]
fn hanzi_turned_to_spaces_cost_spaces_not_moves() {
    let wire = Wire::default();
    let mut shown = screen(&wire);
    shown
        .draw(|frame| {
            frame
                .buffer_mut()
                .set_string(0, 0, "中文中文", Style::new());
        })
        .expect("draws");
    wire.take();
    shown.draw(|_| {}).expect("draws");
    // Ratatui's diff names the first column of each hanzi; the columns between are printed too,
    // as a space is shorter than the move over it.
    assert_eq!(String::from_utf8_lossy(&wire.take()), "\x1b[1H       ");
}
