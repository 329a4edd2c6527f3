//! Colours and text attributes, asked for by meaning (`theme.border(focused)`), never by name at
//! the call site.
//!
//! The values only: `config::theme` fills a [`Theme`] from theme files and `ui` draws with it,
//! so this module imports neither, and neither has to import the other.

use ratatui::style::{Color, Modifier, Style};

/// The resolved styles of one theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub byline: Style,
    pub heading: Style,
    pub credit: Style,
    /// Figure captions: apart from the prose, and quieter.
    pub caption: Style,
    pub border: Style,
    pub border_focused: Style,
    pub list_selected: Style,
    pub list_selected_unfocused: Style,
    pub status: Style,
    pub status_key: Style,
    /// Keys and labels in overlays.
    pub key: Style,
    pub notice: Style,
    /// Search hits in the text, and the current one.
    pub hit: Style,
    pub hit_current: Style,
    /// The warning count in the status bar.
    pub warning: Style,
}

impl Default for Theme {
    /// The dark theme, in the 16 basic colours so it reads the same in every terminal.
    fn default() -> Self {
        Self {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            byline: Style::new().fg(Color::Cyan),
            heading: Style::new().add_modifier(Modifier::BOLD),
            credit: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            caption: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            list_selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            list_selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            status_key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Black).bg(Color::LightRed),
            hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            hit_current: Style::new()
                .fg(Color::White)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            notice: Style::new().fg(Color::Black).bg(Color::Yellow),
        }
    }
}

impl Theme {
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// The style of a list entry; `None` for an entry that is not selected.
    pub fn list_item(&self, selected: bool, focused: bool) -> Option<Style> {
        match (selected, focused) {
            (false, _) => None,
            (true, true) => Some(self.list_selected),
            (true, false) => Some(self.list_selected_unfocused),
        }
    }
}
