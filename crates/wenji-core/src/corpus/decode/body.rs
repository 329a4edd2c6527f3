//! Decoding bytes in an encoding already chosen: every bad sequence becomes U+FFFD, and the
//! warning says how many there were and where the first one is, by byte offset and by line.

use encoding_rs::{DecoderResult, Encoding};

use super::{DecodeWarning, Decoded, Detection};

/// Decodes `bytes[skip..]` as `encoding`, replacing each bad sequence with U+FFFD and noting
/// where the first one was (as an offset into `bytes`).
pub(super) fn decode_body(
    encoding: &'static Encoding,
    bytes: &[u8],
    skip: usize,
    detected_by: Detection,
) -> Decoded {
    let body = bytes.get(skip..).unwrap_or_default();
    let lossy = decode_lossy(encoding, body, true);
    let warnings = match lossy.first_bad {
        Some((offset, first_line)) => vec![DecodeWarning::InvalidBytes {
            encoding,
            count: lossy.bad,
            first_offset: skip + offset,
            first_line,
        }],
        None => Vec::new(),
    };
    Decoded {
        text: lossy.text,
        encoding,
        bom: skip > 0,
        detected_by,
        warnings,
    }
}

/// Bytes decoded in one encoding, each bad sequence a U+FFFD.
pub(super) struct Lossy {
    pub(super) text: String,
    /// How many bad sequences there were.
    pub(super) bad: usize,
    /// The byte offset and the 1-based line of the first one.
    pub(super) first_bad: Option<(usize, usize)>,
}

/// Decodes `bytes` as `encoding`; `last` says whether they end the file (if not, a character
/// cut off at their end is not a bad sequence).
pub(super) fn decode_lossy(encoding: &'static Encoding, bytes: &[u8], last: bool) -> Lossy {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, left: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(left)
            .unwrap_or(left)
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let (mut read, mut bad, mut first_bad) = (0, 0, None);
    loop {
        let rest = bytes.get(read..).unwrap_or_default();
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(rest, &mut text, last);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(room(&decoder, bytes.len().saturating_sub(read)));
            }
            DecoderResult::Malformed(length, after) => {
                if first_bad.is_none() {
                    let offset = read.saturating_sub(usize::from(length) + usize::from(after));
                    first_bad = Some((offset, line_of_end(&text)));
                }
                bad += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    Lossy {
        text,
        bad,
        first_bad,
    }
}

/// The 1-based line `text`'s end is on, with line ends counted as `text::sanitize` makes them:
/// `\n`, CRLF, a lone CR, NEL, U+2028 and U+2029. (A JSON Lines file keeps U+2028 inside its
/// records; one before a bad byte would put the warning a line late.)
fn line_of_end(text: &str) -> usize {
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while let Some(c) = chars.next() {
        let ends = match c {
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            '\r' => chars.peek() != Some(&'\n'),
            _ => false,
        };
        line += usize::from(ends);
    }
    line
}
