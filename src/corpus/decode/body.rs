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
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, left: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(left)
            .unwrap_or(left)
    };
    let mut text = String::with_capacity(room(&decoder, body.len()));
    let (mut read, mut count, mut first_offset, mut first_line) = (0, 0, 0, 0);
    loop {
        let rest = body.get(read..).unwrap_or_default();
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                text.reserve(room(&decoder, body.len().saturating_sub(read)));
            }
            DecoderResult::Malformed(bad, after) => {
                if count == 0 {
                    first_offset =
                        skip + read.saturating_sub(usize::from(bad) + usize::from(after));
                    first_line = line_of_end(&text);
                }
                count += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    let warnings = if count == 0 {
        Vec::new()
    } else {
        vec![DecodeWarning::InvalidBytes {
            encoding,
            count,
            first_offset,
            first_line,
        }]
    };
    Decoded {
        text,
        encoding,
        bom: skip > 0,
        detected_by,
        warnings,
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
