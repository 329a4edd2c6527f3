//! How many colours the terminal shows, and a theme brought down to that many: 24-bit colours
//! mapped to the nearest of xterm's 256 or of the 16 basic ones, or no colour at all (`NO_COLOR`),
//! with selection, hits and focus then carried by reverse video, bold and underline.

use ratatui::style::{Color, Modifier, Style};

use super::theme::styles_mut;
use crate::theme::Theme;

/// The colours a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour: a theme's `#rrggbb` colours are used as written.
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 basic colours, whose exact shades the user's terminal palette decides.
    Ansi16,
    /// No colour: `NO_COLOR` is set, or the terminal is `dumb`.
    None,
}

/// `TERM` values of terminals with the 16 basic colours only.
const SIXTEEN: &[&str] = &[
    "linux", "vt100", "vt102", "vt220", "ansi", "xterm", "screen", "tmux", "rxvt", "cons25",
    "cygwin", "putty",
];

/// Reads the environment (`std::env::var(..).ok()` in the app, a table in tests) for the depth.
///
/// `NO_COLOR` set and non-empty wins; then `COLORTERM=truecolor`/`24bit`; then `TERM`: `dumb` has
/// no colour, `*-256color` has 256, `linux`, `vt100`, `vt220`, `ansi`, plain `xterm`, `screen`,
/// `*-color` and `*-16color` have 16. Anything else is taken to have 256.
pub fn detect_depth(env: impl Fn(&str) -> Option<String>) -> ColorDepth {
    let set = |name: &str| env(name).filter(|value| !value.is_empty());
    if set("NO_COLOR").is_some() {
        return ColorDepth::None;
    }
    if let Some(colorterm) = set("COLORTERM") {
        let colorterm = colorterm.to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorDepth::TrueColor;
        }
    }
    let Some(term) = set("TERM") else {
        return ColorDepth::Ansi256;
    };
    let term = term.to_ascii_lowercase();
    if term == "dumb" {
        ColorDepth::None
    } else if term.ends_with("-direct") {
        ColorDepth::TrueColor
    } else if term.ends_with("-256color") {
        ColorDepth::Ansi256
    } else if SIXTEEN.contains(&term.as_str())
        || term.ends_with("-color")
        || term.ends_with("-16color")
    {
        ColorDepth::Ansi16
    } else {
        ColorDepth::Ansi256
    }
}

/// The theme as the terminal can show it; with `TrueColor` it is returned unchanged.
pub fn adapt(theme: &Theme, depth: ColorDepth) -> Theme {
    let map: fn(Color) -> Color = match depth {
        ColorDepth::TrueColor => return theme.clone(),
        ColorDepth::Ansi256 => to_256,
        ColorDepth::Ansi16 => to_16,
        ColorDepth::None => return without_colour(theme),
    };
    let mut adapted = theme.clone();
    for (_, style) in styles_mut(&mut adapted) {
        style.fg = style.fg.map(map);
        style.bg = style.bg.map(map);
        style.underline_color = style.underline_color.map(map);
    }
    keep_marks_visible(theme, &mut adapted);
    adapted
}

/// Roles that mark something on the page with their background.
const MARKS: [&str; 7] = [
    "list_selected",
    "list_selected_unfocused",
    "status",
    "notice",
    "warning",
    "hit",
    "hit_current",
];

/// Two near shades (a pale selection on a pale page) can land on the same basic colour; such a
/// mark is shown in reverse video instead of vanishing.
fn keep_marks_visible(original: &Theme, adapted: &mut Theme) {
    let mut written = original.clone();
    let written_bg = styles_mut(&mut written).map(|(_, style)| style.bg);
    let page = adapted.text.bg;
    for ((name, style), bg) in styles_mut(adapted).into_iter().zip(written_bg) {
        let merged_into_page = bg.is_some() && bg != original.text.bg && style.bg == page;
        if MARKS.contains(&name) && merged_into_page {
            *style = style.add_modifier(Modifier::REVERSED);
        }
    }
}

/// No colours anywhere; what colour used to single out is said with attributes instead.
fn without_colour(theme: &Theme) -> Theme {
    let mut plain = theme.clone();
    for (_, style) in styles_mut(&mut plain) {
        style.fg = None;
        style.bg = None;
        style.underline_color = None;
    }
    let only = |modifier: Modifier| Style::new().add_modifier(modifier);
    Theme {
        dim: plain.dim.add_modifier(Modifier::DIM),
        caption: plain.caption.add_modifier(Modifier::DIM),
        border_focused: only(Modifier::BOLD),
        list_selected: only(Modifier::REVERSED | Modifier::BOLD),
        list_selected_unfocused: only(Modifier::REVERSED),
        status: only(Modifier::REVERSED),
        status_key: only(Modifier::REVERSED | Modifier::BOLD),
        notice: only(Modifier::REVERSED),
        warning: only(Modifier::REVERSED | Modifier::BOLD),
        hit: only(Modifier::UNDERLINED | Modifier::BOLD),
        hit_current: only(Modifier::REVERSED | Modifier::BOLD),
        ..plain
    }
}

/// The 16 basic colours with xterm's default shades, to measure distances against.
const BASIC: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The shade of an xterm palette entry from 16 up (the 6×6×6 cube, then the grey ramp).
fn xterm_rgb(index: u8) -> (u8, u8, u8) {
    match index {
        0..=15 => BASIC[usize::from(index)].1,
        16..=231 => {
            let i = usize::from(index - 16);
            (
                CUBE_LEVELS[i / 36],
                CUBE_LEVELS[i / 6 % 6],
                CUBE_LEVELS[i % 6],
            )
        }
        232..=255 => {
            let grey = 8 + 10 * (index - 232);
            (grey, grey, grey)
        }
    }
}

/// Perceptual-ish distance ("redmean"): cheap, and better than plain RGB for greys and skin tones.
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> i32 {
    let (r1, g1, b1) = (i32::from(a.0), i32::from(a.1), i32::from(a.2));
    let (r2, g2, b2) = (i32::from(b.0), i32::from(b.1), i32::from(b.2));
    let mean_red = i32::midpoint(r1, r2);
    let (dr, dg, db) = (r1 - r2, g1 - g2, b1 - b2);
    (((512 + mean_red) * dr * dr) >> 8) + 4 * dg * dg + (((767 - mean_red) * db * db) >> 8)
}

/// 24-bit colours go to the nearest fixed entry (16–255); the 16 basic ones follow the user's
/// palette, so they are never picked for a shade they may not have.
fn to_256(color: Color) -> Color {
    match color {
        Color::Rgb(r, g, b) => {
            let nearest = (16..=255u8).min_by_key(|&i| distance((r, g, b), xterm_rgb(i)));
            nearest.map_or(color, Color::Indexed)
        }
        other => other,
    }
}

fn to_16(color: Color) -> Color {
    let rgb = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(index) => xterm_rgb(index),
        named => return named,
    };
    BASIC
        .iter()
        .min_by_key(|(_, shade)| distance(rgb, *shade))
        .map_or(color, |(basic, _)| *basic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_palette_shades_map_to_themselves() {
        assert_eq!(to_256(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        assert_eq!(to_256(Color::Rgb(8, 8, 8)), Color::Indexed(232));
        assert_eq!(to_16(Color::Rgb(0, 0, 0)), Color::Black);
        assert_eq!(to_16(Color::Indexed(9)), Color::LightRed);
        assert_eq!(to_16(Color::Indexed(231)), Color::White);
    }

    #[test]
    fn near_grey_goes_to_the_grey_ramp() {
        assert_eq!(to_256(Color::Rgb(0x30, 0x30, 0x31)), Color::Indexed(236));
    }
}
