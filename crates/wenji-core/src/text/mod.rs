//! Text as a terminal shows it: display widths and line wrapping.
//!
//! Pure functions over `&str`; nothing here knows about ratatui, files or the corpus model, so the
//! one-shot commands and the TUI lay text out identically.

pub mod ambiguous;
pub mod breaks;
pub mod line_end;
pub mod pinyin;
pub mod sanitize;
pub mod script;
pub mod truncate;
pub mod width;
pub mod wrap;
