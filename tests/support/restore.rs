//! Whether the program gave the terminal back as it found it: what its output left behind
//! (alternate screen, cursor, mouse capture) and the terminal's settings (raw mode). The pty's
//! termios outlives the program, so checking it after `wait_exit` shows what the program left.

use nix::sys::termios::{LocalFlags, Termios};

use super::{Pty, explain};

impl Pty {
    /// The program entered the alternate screen (`ESC [ ? 1049 h`, as crossterm writes it)
    /// and left it afterwards. False if it never entered.
    pub fn left_alternate_screen(&self) -> bool {
        let output = self.shared.lock();
        let Some(entered) = rfind(&output.raw, b"\x1b[?1049h") else {
            return false;
        };
        rfind(&output.raw[entered..], b"\x1b[?1049l").is_some()
            && !output.parser.screen().alternate_screen()
    }

    pub fn cursor_visible(&self) -> bool {
        !self.shared.lock().parser.screen().hide_cursor()
    }

    pub fn mouse_capture_off(&self) -> bool {
        self.shared.lock().parser.screen().mouse_protocol_mode() == vt100::MouseProtocolMode::None
    }

    /// The terminal's current settings; they outlive the program, so they show what it left.
    ///
    /// # Panics
    /// If the pty's settings cannot be read.
    pub fn termios(&self) -> Termios {
        self.master().get_termios().expect("read the pty's termios")
    }

    /// Line editing, echo and signal keys all off, as crossterm's `enable_raw_mode` leaves them.
    pub fn raw_mode(&self) -> bool {
        !self.termios().local_flags.intersects(cooked_flags())
    }

    /// Line editing, echo and signal keys all on, as a shell expects to find the terminal.
    pub fn cooked_mode(&self) -> bool {
        self.termios().local_flags.contains(cooked_flags())
    }

    /// Every way the program should have restored the terminal; the error names what it did not.
    ///
    /// # Errors
    /// Lists each check that failed, followed by the screen.
    pub fn terminal_restored(&self) -> Result<(), String> {
        let checks = [
            (self.left_alternate_screen(), "left the alternate screen"),
            (self.cursor_visible(), "showed the cursor"),
            (self.mouse_capture_off(), "turned mouse capture off"),
            (self.cooked_mode(), "left raw mode"),
        ];
        let missing: Vec<&str> = checks
            .iter()
            .filter(|(done, _)| !done)
            .map(|(_, what)| *what)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let why = format!("the program never {}", missing.join(", never "));
        Err(explain(&why, &self.shared.lock()))
    }
}

fn cooked_flags() -> LocalFlags {
    LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG
}
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
