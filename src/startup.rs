//! What a session starts from: the config file, with the command line laid over it, and the
//! themes to draw with. Problems with either become warnings the user can read (`!`), never a
//! reason not to start.

use std::path::PathBuf;

use crate::config::{self, ColorDepth, Config, adapt, detect_depth, theme};
use crate::corpus::Warning;
use crate::keymap::Keymap;
use crate::state::Settings;
use crate::text::width::AmbiguousWidth;
use crate::ui::theme::Theme;

/// The configuration in effect and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub config: Config,
    /// Problems in the config file, theme files and key overrides.
    pub problems: Vec<Warning>,
}

/// Command-line settings that override the config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub theme: Option<String>,
    pub ambiguous_wide: bool,
    pub no_mouse: bool,
}

impl Startup {
    /// Reads the config file (if any) and applies `overrides`.
    pub fn load(overrides: &Overrides) -> Self {
        let (mut config, errors) = config::config_path()
            .filter(|path| path.exists())
            .map_or_else(
                || (Config::default(), Vec::new()),
                |path| config::load(&path),
            );
        let problems = errors
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
        Self { config, problems }
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
        }
    }

    /// The keymap with the config's overrides; bad ones are added to the problems.
    pub fn keymap(&mut self) -> Keymap {
        let (keymap, problems) = Keymap::with_overrides(&self.config.keys);
        self.problems
            .extend(problems.into_iter().map(|message| Warning {
                source: "config [keys]".to_owned(),
                line: None,
                message,
            }));
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
        (themes, current)
    }
}
