//! How frames reach the terminal: as few bytes as the screen's changes need, because over a slow
//! SSH link every byte is delay. A backend that follows the cursor through wide characters and
//! keeps styles it already set, and whole-row scrolling done by the terminal itself.
//!
//! Knows nothing of wenji's state or panes: the app says which rows moved ([`Scroll`]), this
//! makes the terminal and ratatui's copy of the screen move them alike.

mod backend;
mod cursor;
mod pen;
mod screen;
mod scroll;

pub use backend::WireBackend;
pub use screen::Screen;
pub use scroll::{ResetScrollRegion, Scroll};
