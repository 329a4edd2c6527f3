//! The terminal's current colours and attributes while a frame is written, and the one SGR
//! sequence that changes them to a cell's.
//!
//! ratatui's crossterm backend writes a separate sequence per attribute and both colours whenever
//! either changes; here every change between two cells goes out as one `ESC [ … m`, holding only
//! what differs (or a reset and what remains, when that is shorter). Colours are spelled as
//! crossterm spells them (the 16 named ones as `38;5;n` too), so a terminal shows the palette it
//! showed before.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// The SGR parameters that turn each attribute on.
const ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The SGR parameters that turn attributes off; one may clear two (bold and dim, both blinks).
const OFF: [(Modifier, &str); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), "22"),
    (Modifier::ITALIC, "23"),
    (Modifier::UNDERLINED, "24"),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), "25"),
    (Modifier::REVERSED, "27"),
    (Modifier::HIDDEN, "28"),
    (Modifier::CROSSED_OUT, "29"),
];

/// Colours and attributes; the default is the terminal's after a reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Default for Pen {
    fn default() -> Self {
        Self {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

impl Pen {
    fn of(cell: &Cell) -> Self {
        Self {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    /// Writes to `out` what gives the terminal `cell`'s colours and attributes.
    pub fn change_to(&mut self, cell: &Cell, out: &mut Vec<u8>) {
        self.change(Self::of(cell), out);
    }

    /// Writes to `out` what returns the terminal to its default colours and attributes.
    pub fn reset(&mut self, out: &mut Vec<u8>) {
        self.change(Self::default(), out);
    }

    fn change(&mut self, to: Self, out: &mut Vec<u8>) {
        if *self == to {
            return;
        }
        let step = self.steps_to(to);
        let mut fresh = Self::default().steps_to(to);
        fresh.insert(0, "0".to_owned());
        let params = if fresh.join(";").len() < step.join(";").len() {
            fresh
        } else {
            step
        };
        if params == ["0"] {
            out.extend_from_slice(b"\x1b[m");
        } else {
            out.extend_from_slice(b"\x1b[");
            out.extend_from_slice(params.join(";").as_bytes());
            out.push(b'm');
        }
        *self = to;
    }

    /// The SGR parameters that change `self` into `to`.
    fn steps_to(self, to: Self) -> Vec<String> {
        let removed = self.modifier - to.modifier;
        let mut added = to.modifier - self.modifier;
        let mut params = Vec::new();
        for (modifiers, off) in OFF {
            if removed.intersects(modifiers) {
                params.push(off.to_owned());
                // What the same code cleared but `to` keeps goes back on.
                added |= to.modifier & modifiers;
            }
        }
        params.extend(
            ON.iter()
                .filter(|(modifier, _)| added.contains(*modifier))
                .map(|(_, on)| (*on).to_owned()),
        );
        let colours = [
            (self.fg, to.fg, 38),
            (self.bg, to.bg, 48),
            (self.underline, to.underline, 58),
        ];
        for (from, to, select) in colours {
            if from != to {
                params.push(colour(select, to));
            }
        }
        params
    }
}

/// The SGR parameter for `color` in the slot that `select` (38, 48 or 58) chooses; one more
/// than `select` is the slot's default.
fn colour(select: u8, color: Color) -> String {
    let index = match color {
        Color::Reset => return (select + 1).to_string(),
        Color::Rgb(r, g, b) => return format!("{select};2;{r};{g};{b}"),
        Color::Indexed(index) => index,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    format!("{select};5;{index}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn styled(style: Style) -> Cell {
        let mut cell = Cell::default();
        cell.set_style(style);
        cell
    }

    fn change(pen: &mut Pen, style: Style) -> String {
        let mut out = Vec::new();
        pen.change_to(&styled(style), &mut out);
        String::from_utf8(out).expect("SGR is ASCII")
    }

    #[test]
    fn an_unchanged_style_writes_nothing() {
        let mut pen = Pen::default();
        let style = Style::new().fg(Color::Cyan).bold();
        assert!(!change(&mut pen, style).is_empty());
        assert_eq!(change(&mut pen, style), "");
    }

    #[test]
    fn colours_and_attributes_change_in_one_sequence() {
        let mut pen = Pen::default();
        assert_eq!(
            change(
                &mut pen,
                Style::new().fg(Color::LightYellow).bg(Color::Blue).bold()
            ),
            "\x1b[1;38;5;11;48;5;4m"
        );
        assert_eq!(
            change(
                &mut pen,
                Style::new().fg(Color::LightYellow).bg(Color::Blue)
            ),
            "\x1b[22m"
        );
    }

    #[test]
    fn dropping_bold_keeps_dim() {
        let mut pen = Pen::default();
        change(&mut pen, Style::new().bold().dim().fg(Color::Red));
        assert_eq!(
            change(&mut pen, Style::new().dim().fg(Color::Red)),
            "\x1b[22;2m"
        );
    }

    #[test]
    fn back_to_the_default_is_a_plain_reset() {
        let mut pen = Pen::default();
        change(&mut pen, Style::new().fg(Color::Cyan).italic().underlined());
        assert_eq!(change(&mut pen, Style::new()), "\x1b[m");
        let mut out = Vec::new();
        pen.reset(&mut out);
        assert!(out.is_empty(), "already reset");
    }
}

#[cfg(test)]
mod colour_tests {
    use super::*;

    #[test]
    fn colours_are_spelled_as_crossterm_spells_them() {
        use ratatui::backend::IntoCrossterm;
        use ratatui::crossterm::style::Colored;
        // The comparison is with crossterm's spelling, whatever `NO_COLOR` says here.
        Colored::set_ansi_color_disabled(false);
        let samples = [
            Color::Reset,
            Color::Red,
            Color::LightRed,
            Color::Gray,
            Color::DarkGray,
            Color::White,
            Color::Indexed(200),
            Color::Rgb(1, 2, 3),
        ];
        for color in samples {
            let crossterm = Colored::ForegroundColor(color.into_crossterm()).to_string();
            assert_eq!(colour(38, color), crossterm, "{color:?}");
        }
    }
}
