//! The clipboard transport: how a quote leaves wenji.
//!
//! The text goes to the terminal as an OSC 52 "set clipboard" sequence (crossterm's
//! [`CopyToClipboard`], `ESC ] 52 ; c ; <base64> ESC \`), which travels through SSH to the
//! terminal on the user's desk. Inside tmux it is also piped to `tmux load-buffer -w -`, so the
//! tmux buffer (and, through tmux, the outer clipboard) holds it even when the terminal ignores
//! OSC 52. Only the *set* sequence is ever written: the clipboard-read query (`52;c;?`) is never
//! sent, so wenji cannot read what the user copied elsewhere.
//!
//! Payloads are capped (75 KB of text by default, about 100 KB once base64-encoded, the limit
//! many terminals enforce) and cut at a character boundary. Nothing here can know whether the
//! terminal accepted the sequence, so [`Sent::describe`] says what was *sent*.
//!
//! This module owns only the transport: what to copy and how to cite it is `citation`'s job.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crossterm::QueueableCommand;
use crossterm::clipboard::CopyToClipboard;

/// The default cap on the copied text, in bytes of UTF-8.
pub const DEFAULT_MAX_BYTES: usize = 75 * 1024;

/// How to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardOptions {
    /// The most bytes of text sent; longer text is cut at a character boundary.
    pub max_bytes: usize,
    /// Also pipe the text to `tmux load-buffer -w -`.
    pub tmux: bool,
    /// The tmux server socket (`tmux -S`); `None` uses the one in `$TMUX`, as tmux itself does.
    pub tmux_socket: Option<PathBuf>,
}

impl Default for ClipboardOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
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
    /// Whether the text was cut to the cap.
    pub truncated: bool,
    /// The tmux buffer: `None` when not asked for, else whether `tmux load-buffer` succeeded
    /// (the error says why not).
    pub tmux: Option<Result<(), String>>,
}

impl Sent {
    /// A status-line message: `sent 1 paragraph + citation to the terminal clipboard`, naming
    /// the tmux buffer, a cut, or a tmux failure when there was one. `what` names the payload.
    pub fn describe(&self, what: &str) -> String {
        let tmux = match &self.tmux {
            Some(Ok(())) => " and the tmux buffer".to_owned(),
            _ => String::new(),
        };
        let cut = if self.truncated {
            format!(
                " (cut to the first {} of {})",
                size(self.bytes),
                size(self.total)
            )
        } else {
            String::new()
        };
        let failure = match &self.tmux {
            Some(Err(error)) => format!("; tmux buffer not set: {error}"),
            _ => String::new(),
        };
        format!("sent {what} to the terminal clipboard{tmux}{cut}{failure}")
    }
}

fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Sends `text` (cut to `options.max_bytes`) to the terminal clipboard by writing an OSC 52
/// sequence to `out` and flushing it, and to the tmux buffer when `options.tmux` is set.
///
/// Fails only when writing to `out` fails; a missing or failing tmux is reported in
/// [`Sent::tmux`].
pub fn copy(text: &str, out: &mut impl Write, options: &ClipboardOptions) -> io::Result<Sent> {
    let payload = truncate(text, options.max_bytes);
    out.queue(CopyToClipboard::to_clipboard_from(payload.as_bytes()))?;
    out.flush()?;
    let tmux = options
        .tmux
        .then(|| load_tmux_buffer(payload, options.tmux_socket.as_ref()));
    Ok(Sent {
        bytes: payload.len(),
        total: text.len(),
        truncated: payload.len() < text.len(),
        tmux,
    })
}

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a character boundary.
pub fn truncate(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate("中文", 4), "中");
        assert_eq!(truncate("中文", 6), "中文");
        assert_eq!(truncate("中文", 2), "");
    }

    #[test]
    fn status_message_says_sent_not_accepted() {
        let sent = Sent {
            bytes: 10,
            total: 10,
            truncated: false,
            tmux: Some(Err("cannot run tmux: not found".into())),
        };
        assert_eq!(
            sent.describe("1 paragraph + citation"),
            "sent 1 paragraph + citation to the terminal clipboard; tmux buffer not set: cannot run tmux: not found"
        );
    }
}
