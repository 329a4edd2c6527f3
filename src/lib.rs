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
pub mod ui;
pub mod wire;
