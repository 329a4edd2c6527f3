//! The clipboard transport: how a quote leaves wenji.
//!
//! The text goes to the terminal as an OSC 52 "set clipboard" sequence (crossterm's
//! [`CopyToClipboard`], `ESC ] 52 ; c ; <base64> ESC \`), which travels through SSH to the
//! terminal on the user's desk. Inside tmux it is also piped to `tmux load-buffer -w -`, so the
//! tmux buffer (and, through tmux, the outer clipboard) holds it even when the terminal ignores
//! OSC 52. Only the *set* sequence is ever written: the clipboard-read query (`52;c;?`) is never
//! sent, so wenji cannot read what the user copied elsewhere.
//!
//! The base64 payload is capped at 100,000 bytes ([`MAX_ENCODED`]), the most several terminals
//! accept; a longer one is dropped whole by them. That leaves room for 75,000 bytes of text
//! (25,000 Chinese characters). Longer text is cut at the end of a line when one falls in the last
//! quarter of the room, else at the last whole character, and [`Sent::describe`] says how much of
//! it went. The tmux buffer gets the same cut text, so both clipboards hold the same thing.
//! Nothing here can know whether the terminal accepted the sequence, so the notice says what was
//! *sent*.
//!
//! This module owns only the transport: what to copy and how to cite it is `citation`'s job.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crossterm::QueueableCommand;
use crossterm::clipboard::CopyToClipboard;

/// The most bytes of base64 an OSC 52 sequence carries: what several terminals accept.
pub const MAX_ENCODED: usize = 100_000;

/// How to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardOptions {
    /// The most bytes of base64 sent; longer text is cut until its base64 fits.
    pub max_encoded: usize,
    /// Also pipe the text to `tmux load-buffer -w -`.
    pub tmux: bool,
    /// The tmux server socket (`tmux -S`); `None` uses the one in `$TMUX`, as tmux itself does.
    pub tmux_socket: Option<PathBuf>,
}

impl Default for ClipboardOptions {
    fn default() -> Self {
        Self {
            max_encoded: MAX_ENCODED,
            tmux: false,
            tmux_socket: None,
        }
    }
}

impl ClipboardOptions {
    /// The defaults, with tmux on when `$TMUX` is set (wenji runs inside tmux).
    pub fn from_env() -> Self {
        Self {
            tmux: std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()),
            ..Self::default()
        }
    }
}

/// What [`copy`] sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Bytes of text sent (before base64).
    pub bytes: usize,
    /// Bytes of text asked for.
    pub total: usize,
    /// Characters of text sent, and asked for.
    pub characters: usize,
    pub total_characters: usize,
    /// Whether the text was cut to fit the cap.
    pub truncated: bool,
    /// The cap on the base64 payload the text had to fit.
    pub max_encoded: usize,
    /// The tmux buffer: `None` when not asked for, else whether `tmux load-buffer` succeeded
    /// (the error says why not).
    pub tmux: Option<Result<(), String>>,
}

impl Sent {
    /// A status-line message: `sent 1 paragraph + citation to the terminal clipboard`, naming
    /// the tmux buffer, a cut, or a tmux failure when there was one. `what` names the payload.
    /// A cut is said first (`sent 25,000 of 40,000 characters of …`), as the status line keeps
    /// the start of a notice too long for it.
    pub fn describe(&self, what: &str) -> String {
        let tmux = match &self.tmux {
            Some(Ok(())) => " and the tmux buffer",
            _ => "",
        };
        let (part, cut) = if self.truncated {
            (
                format!(
                    "{} of {} characters of ",
                    grouped(self.characters),
                    grouped(self.total_characters)
                ),
                format!(
                    " (cut to fit the terminal's {}-byte limit)",
                    grouped(self.max_encoded)
                ),
            )
        } else {
            (String::new(), String::new())
        };
        let failure = match &self.tmux {
            Some(Err(error)) => format!("; tmux buffer not set: {error}"),
            _ => String::new(),
        };
        format!("sent {part}{what} to the terminal clipboard{tmux}{cut}{failure}")
    }
}

/// `n` with its thousands set off by commas: `100,000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Sends `text` (cut until its base64 fits `options.max_encoded`) to the terminal clipboard by
/// writing an OSC 52 sequence to `out` and flushing it, and to the tmux buffer when
/// `options.tmux` is set.
///
/// Fails only when writing to `out` fails; a missing or failing tmux is reported in
/// [`Sent::tmux`].
pub fn copy(text: &str, out: &mut impl Write, options: &ClipboardOptions) -> io::Result<Sent> {
    let payload = fit(text, text_room(options.max_encoded));
    out.queue(CopyToClipboard::to_clipboard_from(payload.as_bytes()))?;
    out.flush()?;
    let tmux = options
        .tmux
        .then(|| load_tmux_buffer(payload, options.tmux_socket.as_ref()));
    let truncated = payload.len() < text.len();
    Ok(Sent {
        bytes: payload.len(),
        total: text.len(),
        characters: payload.chars().count(),
        total_characters: if truncated {
            text.chars().count()
        } else {
            payload.chars().count()
        },
        truncated,
        max_encoded: options.max_encoded,
        tmux,
    })
}

/// The most bytes of text whose base64 (4 bytes for every 3, padded) fits in `max_encoded`.
pub fn text_room(max_encoded: usize) -> usize {
    max_encoded / 4 * 3
}

/// The part of `text` sent when `room` bytes fit: all of it if it fits, else up to the last line
/// end in the last quarter of the room (the line end itself left out), else the longest prefix
/// that ends on a character boundary.
pub fn fit(text: &str, room: usize) -> &str {
    if text.len() <= room {
        return text;
    }
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let whole = &text[..end];
    match whole.rfind('\n') {
        Some(line_end) if line_end >= room - room / 4 => whole[..line_end].trim_end_matches('\r'),
        _ => whole,
    }
}

fn load_tmux_buffer(text: &str, socket: Option<&PathBuf>) -> Result<(), String> {
    let mut command = Command::new("tmux");
    if let Some(socket) = socket {
        command.arg("-S").arg(socket);
    }
    let mut child = command
        .args(["load-buffer", "-w", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tmux: {e}"))?;
    // Write then close stdin, so tmux sees the end of the buffer.
    let written = child
        .stdin
        .take()
        .map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("tmux did not finish: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr.trim();
        return Err(if reason.is_empty() {
            format!("tmux load-buffer failed ({})", output.status)
        } else {
            format!("tmux load-buffer failed: {reason}")
        });
    }
    written.map_err(|e| format!("cannot write to tmux: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_never_splits_a_character() {
        assert_eq!(fit("中文", 4), "中");
        assert_eq!(fit("中文", 6), "中文");
        assert_eq!(fit("中文", 2), "");
    }

    #[test]
    fn a_cut_prefers_a_line_end_near_the_limit() {
        assert_eq!(fit("一二三\r\n四五六七", 13), "一二三");
        // A line end early on would throw away too much: cut at the last character instead.
        assert_eq!(fit("一\n二三四五六七八", 16), "一\n二三四五");
    }

    #[test]
    fn the_text_room_is_what_base64_fits_in_the_cap() {
        assert_eq!(text_room(MAX_ENCODED), 75_000);
        assert_eq!(text_room(8), 6);
        assert_eq!(text_room(7), 3);
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn status_message_says_sent_not_accepted() {
        let sent = Sent {
            bytes: 10,
            total: 10,
            characters: 4,
            total_characters: 4,
            truncated: false,
            max_encoded: MAX_ENCODED,
            tmux: Some(Err("cannot run tmux: not found".into())),
        };
        assert_eq!(
            sent.describe("1 paragraph + citation"),
            "sent 1 paragraph + citation to the terminal clipboard; tmux buffer not set: cannot run tmux: not found"
        );
    }
}
