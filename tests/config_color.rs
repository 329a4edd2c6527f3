//! Colour depth: what the environment says the terminal shows, and themes brought down to it.

use ratatui::style::{Color, Modifier, Style};
use wenji::config::theme::{builtin_names, load_theme};
use wenji::config::{ColorDepth, adapt, detect_depth};
use wenji::theme::Theme;

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    }
}

#[test]
fn depth_is_read_from_the_environment() {
    let table: &[(&[(&str, &str)], ColorDepth)] = &[
        (
            &[("NO_COLOR", "1"), ("COLORTERM", "truecolor")],
            ColorDepth::None,
        ),
        (
            &[("NO_COLOR", ""), ("COLORTERM", "truecolor")],
            ColorDepth::TrueColor,
        ),
        (
            &[("COLORTERM", "24bit"), ("TERM", "xterm")],
            ColorDepth::TrueColor,
        ),
        (&[("TERM", "linux")], ColorDepth::Ansi16),
        (&[("TERM", "vt220")], ColorDepth::Ansi16),
        (&[("TERM", "xterm")], ColorDepth::Ansi16),
        (&[("TERM", "xterm-256color")], ColorDepth::Ansi256),
        (&[("TERM", "screen-256color")], ColorDepth::Ansi256),
        (&[("TERM", "dumb")], ColorDepth::None),
        (&[("TERM", "foot")], ColorDepth::Ansi256),
        (&[], ColorDepth::Ansi256),
    ];
    for (vars, want) in table {
        assert_eq!(detect_depth(env(vars)), *want, "{vars:?}");
    }
}

fn colours(theme: &Theme) -> Vec<Color> {
    let styles = [
        theme.text,
        theme.dim,
        theme.title,
        theme.byline,
        theme.heading,
        theme.credit,
        theme.caption,
        theme.border,
        theme.border_focused,
        theme.list_selected,
        theme.list_selected_unfocused,
        theme.status,
        theme.status_key,
        theme.key,
        theme.notice,
        theme.warning,
        theme.hit,
        theme.hit_current,
    ];
    styles
        .iter()
        .flat_map(|s: &Style| [s.fg, s.bg, s.underline_color])
        .flatten()
        .collect()
}

fn builtins() -> Vec<Theme> {
    builtin_names()
        .iter()
        .map(|name| load_theme(name, None).expect("a built-in theme loads"))
        .collect()
}

#[test]
fn sixteen_colour_terminals_get_only_the_basic_colours() {
    for theme in builtins() {
        for colour in colours(&adapt(&theme, ColorDepth::Ansi16)) {
            assert!(
                !matches!(colour, Color::Rgb(..) | Color::Indexed(_)),
                "{colour:?}"
            );
        }
    }
}

#[test]
fn two_hundred_fifty_six_colour_terminals_get_no_24_bit_colour() {
    let light = load_theme("light", None).unwrap();
    assert!(colours(&light).iter().any(|c| matches!(c, Color::Rgb(..))));
    let adapted = colours(&adapt(&light, ColorDepth::Ansi256));
    assert!(
        adapted.iter().all(|c| !matches!(c, Color::Rgb(..))),
        "{adapted:?}"
    );
}

#[test]
fn truecolor_terminals_get_the_theme_as_written() {
    for theme in builtins() {
        assert_eq!(adapt(&theme, ColorDepth::TrueColor), theme);
    }
}

#[test]
fn dark_theme_is_unchanged_on_sixteen_colours() {
    assert_eq!(
        adapt(&Theme::default(), ColorDepth::Ansi16),
        Theme::default()
    );
}

#[test]
fn no_color_removes_every_colour_and_marks_with_attributes() {
    for theme in builtins() {
        let plain = adapt(&theme, ColorDepth::None);
        assert_eq!(colours(&plain), Vec::<Color>::new());
        assert!(
            plain
                .list_selected
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(
            plain
                .list_selected_unfocused
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(
            plain
                .hit
                .add_modifier
                .contains(Modifier::UNDERLINED | Modifier::BOLD)
        );
        assert!(
            plain
                .hit_current
                .add_modifier
                .contains(Modifier::REVERSED | Modifier::BOLD)
        );
        assert!(plain.border_focused.add_modifier.contains(Modifier::BOLD));
        assert!(
            plain.caption.add_modifier.contains(Modifier::DIM),
            "a caption stays quieter than the prose"
        );
        assert!(plain.status.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(plain.hit, plain.hit_current);
        assert_ne!(plain.border, plain.border_focused);
    }
}

#[test]
fn pale_selection_stays_visible_on_sixteen_colours() {
    for theme in builtins() {
        let adapted = adapt(&theme, ColorDepth::Ansi16);
        for mark in [adapted.list_selected, adapted.hit, adapted.hit_current] {
            let stands_out = mark.bg.is_some_and(|bg| Some(bg) != adapted.text.bg)
                || mark.add_modifier.contains(Modifier::REVERSED);
            assert!(stands_out, "{mark:?} on {:?}", adapted.text);
        }
    }
}
