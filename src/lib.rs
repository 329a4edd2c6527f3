//! wenji (文集): a terminal browser for corpora of Chinese speeches and articles.
//!
//! ```text
//! files ─▶ corpus (walk, read, parse) ─▶ Corpus ─▶ layout (text::wrap per article × width)
//!                                                            │
//! key ─▶ keymap ─▶ Action ─▶ Message ─▶ state::update ─▶ Effect ─▶ app (quit, suspend)
//!   worker, session, resize ─────┘            │
//!                                             ▼
//!                     ui::render (views borrow the state; the keymap names keys) ─▶ frame
//! ```
//! The corpus model, text rules, layout, search engine and state file live in the `wenji-core`
//! crate, which never imports ratatui, crossterm or clap; they are re-exported here under their
//! own names, so `crate::corpus` reads the same in the browser as in the core.
//!
//! # Layers
//!
//! A module imports only modules of the layers below its own, never one of its own layer or
//! above, so no two modules reach each other by any road. Theme values and key specs sit low
//! enough for both `config` and `ui` to use them, and `state` knows nothing of files, drawing or
//! the loop. From the top:
//!
//! - `app`: the loop, which joins everything below.
//! - `ui`, `session`, `startup`, `commands`: drawing the state, remembering it between runs,
//!   filling it from the config file, and the one-shot commands.
//! - `state`, `config`: what the screen shows, and what the config and theme files say.
//! - `keymap`, `terminal`: keys to actions (key specs included), and the terminal's modes.
//! - `action`, `theme`, `wire`, `clipboard`, `cli`: vocabularies and transports, importing no
//!   module of this crate.
//! - `corpus`, `text`, `layout`, `search`, `persist`, `citation`, `count`: the core, which cannot
//!   import this crate at all.
//!
//! `tests/module_layers.rs` reads this list and holds every `crate::` path in `src/` to it.

pub use wenji_core::{citation, corpus, count, layout, persist, search, text};

pub mod action;
pub mod app;
pub mod cli;
pub mod clipboard;
pub mod commands;
pub mod config;
pub mod keymap;
pub mod session;
pub mod startup;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod wire;
