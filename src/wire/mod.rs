//! How frames reach the terminal: as few bytes as the screen's changes need, because over a slow
//! SSH link every byte is delay. Frames are encoded following the cursor through wide characters
//! and keeping styles already set, and rows that scrolled are moved by the terminal itself when
//! that is shorter than drawing them again.
//!
//! Knows nothing of wenji's state or panes: the app says which rows it expects to have moved
//! ([`Scroll`]), and [`Screen`] decides whether the terminal moves them.

mod backend;
mod cursor;
mod pen;
mod screen;
mod scroll;

pub use backend::WireBackend;
pub use screen::Screen;
pub use scroll::{ResetScrollRegion, Scroll};
