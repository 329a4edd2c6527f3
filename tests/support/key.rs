//! Named keys and the bytes an xterm sends for them, so tests say `Key::PageDown` rather than
//! spelling escape sequences. Cursor keys use the normal-mode form (`ESC [ A`), which crossterm
//! reads the same as the application-mode form.
//!
//! A lone `Esc` is ambiguous on any terminal: if more bytes arrive in the same read, the
//! program sees an escape sequence (Alt+key) instead. After `Key::Esc`, wait for the screen to
//! change before sending anything else.

/// A key that is not plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    /// Shift+Tab.
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
    CtrlC,
    CtrlZ,
    /// Control plus a letter or one of `@[\]^_`; case does not matter.
    Ctrl(char),
}

impl Key {
    /// The bytes xterm writes to the program when this key is pressed.
    ///
    /// # Panics
    /// For `Ctrl` with a character that has no control code.
    pub fn bytes(self) -> Vec<u8> {
        let fixed: &[u8] = match self {
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::PageUp => b"\x1b[5~",
            Key::PageDown => b"\x1b[6~",
            Key::Home => b"\x1b[H",
            Key::End => b"\x1b[F",
            Key::Backspace => b"\x7f",
            Key::Delete => b"\x1b[3~",
            Key::CtrlC => b"\x03",
            Key::CtrlZ => b"\x1a",
            Key::Ctrl(c) => return vec![control_code(c)],
        };
        fixed.to_vec()
    }
}

/// Control codes are the characters `@` to `_` with the top bits cleared.
fn control_code(c: char) -> u8 {
    let upper = c.to_ascii_uppercase();
    match u8::try_from(upper) {
        Ok(byte @ b'@'..=b'_') => byte & 0x1f,
        _ => panic!("Ctrl+{c:?} has no control code"),
    }
}
