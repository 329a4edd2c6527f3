//! What a session starts from: the config file, with the command line laid over it, and the
//! themes to draw with. Problems with either become warnings the user can read (`!`), never a
//! reason not to start.

use std::path::PathBuf;

use crate::config::{self, ColorDepth, Config, KeyPlaces, adapt, detect_depth, theme};
use crate::corpus::Warning;
use crate::keymap::Keymap;
use crate::state::Settings;
use crate::text::sanitize::sanitized_line;
use crate::text::width::AmbiguousWidth;
use crate::theme::Theme;

/// The configuration in effect and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub config: Config,
    /// Where each of `config.keys` was written (same order), for messages about conflicts.
    pub key_places: Vec<KeyPlaces>,
    /// Problems in the config file, theme files and key overrides.
    pub problems: Vec<Warning>,
}

/// Command-line settings that override the config file.
#[derive(Debug, Clone, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches, named as the command line names them"
)]
pub struct Overrides {
    pub theme: Option<String>,
    pub ambiguous_wide: bool,
    pub no_mouse: bool,
    pub all_copies: bool,
    pub exact_script: bool,
}

impl Startup {
    /// Reads the config file (if any) and applies `overrides`.
    pub fn load(overrides: &Overrides) -> Self {
        let loaded = config::config_path()
            .filter(|path| path.exists())
            .map(|path| config::load_with_places(&path))
            .unwrap_or_default();
        let mut config = loaded.config;
        let problems = loaded
            .errors
            .iter()
            .map(|error| Warning {
                source: "config".to_owned(),
                line: None,
                message: error.to_string(),
            })
            .collect();
        if let Some(theme) = &overrides.theme {
            config.theme.clone_from(theme);
        }
        config.ambiguous_wide |= overrides.ambiguous_wide;
        config.mouse &= !overrides.no_mouse;
        config.fold_copies &= !overrides.all_copies;
        config.fold_script &= !overrides.exact_script;
        Self {
            config,
            key_places: loaded.key_places,
            problems,
        }
    }

    /// Layout and input settings for the browser and `wenji show`.
    pub fn settings(&self) -> Settings {
        let config = &self.config;
        Settings {
            ambiguous: if config.ambiguous_wide {
                AmbiguousWidth::Wide
            } else {
                AmbiguousWidth::Narrow
            },
            indent: config.indent && !config.paragraph_spacing,
            max_width: usize::from(config.hanzi_per_line) * 2,
            mouse: config.mouse,
            order: crate::corpus::order::Order::Corpus,
            fold_copies: config.fold_copies,
            fold_script: config.fold_script,
        }
    }

    /// The keymap with the config's overrides, taken in the order the file writes them; bad ones
    /// and conflicts are added to the problems, each at its place in the file.
    pub fn keymap(&mut self) -> Keymap {
        let place_of = |entry: usize, spec: Option<usize>| {
            let places = self.key_places.get(entry)?;
            spec.map_or(Some(&places.action), |spec| places.specs.get(spec))
        };
        let mut order: Vec<usize> = (0..self.config.keys.len()).collect();
        order.sort_by_key(|&entry| place_of(entry, None).and_then(|place| place.line_col));
        let overrides: Vec<(String, Vec<String>)> = order
            .iter()
            .map(|&entry| self.config.keys[entry].clone())
            .collect();
        let (keymap, problems) = Keymap::with_overrides(&overrides);
        let warnings: Vec<Warning> = problems
            .into_iter()
            .map(
                |problem| match place_of(order[problem.entry], problem.spec) {
                    Some(place) => Warning {
                        source: "config".to_owned(),
                        line: None,
                        // It quotes the key as written in the config file.
                        message: sanitized_line(format!("{place}: {}", problem.message)),
                    },
                    None => Warning {
                        source: "config [keys]".to_owned(),
                        line: None,
                        message: sanitized_line(problem.message),
                    },
                },
            )
            .collect();
        self.problems.extend(warnings);
        keymap
    }

    /// Every theme to cycle through with `t`, adapted to the terminal's colours, and the index
    /// of the configured one. A theme that fails to load is reported and left out.
    pub fn themes(
        &mut self,
        env: impl Fn(&str) -> Option<String>,
    ) -> (Vec<(String, Theme)>, usize) {
        let depth: ColorDepth = detect_depth(env);
        let user_dir: Option<PathBuf> = theme::themes_dir();
        let mut names = theme::theme_names(user_dir.as_deref());
        if !names.contains(&self.config.theme) {
            names.push(self.config.theme.clone());
        }
        let mut themes = Vec::new();
        for name in names {
            match theme::load_theme(&name, user_dir.as_deref()) {
                Ok(loaded) => themes.push((name, adapt(&loaded, depth))),
                Err(error) => self
                    .problems
                    .extend(error.errors.iter().map(|error| Warning {
                        source: "theme".to_owned(),
                        line: None,
                        message: error.to_string(),
                    })),
            }
        }
        if themes.is_empty() {
            themes.push(("dark".to_owned(), adapt(&Theme::default(), depth)));
        }
        let current = themes
            .iter()
            .position(|(name, _)| *name == self.config.theme)
            .unwrap_or(0);
        // From here on a name is only shown (`t` announces it), and a file name can hold escapes.
        for (name, _) in &mut themes {
            *name = sanitized_line(std::mem::take(name));
        }
        (themes, current)
    }
}
