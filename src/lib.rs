//! wenji (文集): a terminal browser for corpora of Chinese speeches and articles.
//!
//! ```text
//! files ─▶ corpus (walk, read, parse) ─▶ Corpus ─▶ layout (text::wrap per article × width)
//!                                                            │
//! key ─▶ keymap ─▶ Action ─▶ state::update ─▶ Effect ─▶ app (quit, suspend)
//!                                   │
//!                                   ▼
//!                     ui::render (views borrow the state) ─▶ frame
//! ```
//! `corpus`, `text` and `layout` never import ratatui: they are the library the one-shot
//! commands and the TUI share.

pub mod action;
pub mod app;
pub mod citation;
pub mod cli;
pub mod clipboard;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod count;
pub mod keymap;
pub mod layout;
pub mod persist;
pub mod search;
pub mod session;
pub mod startup;
pub mod state;
pub mod terminal;
pub mod text;
pub mod ui;
pub mod wire;
