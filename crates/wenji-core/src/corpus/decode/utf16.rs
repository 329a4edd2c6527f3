//! UTF-16 without a byte-order mark (steps 2 and 3 of [`super::decode`]): by where its line ends
//! and NUL bytes fall, or by its code units being hanzi.

use std::cmp::Ordering;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::{DecodeError, DecodeWarning, Decoded, Detection, decode_body, tolerated_errors};

/// Step 2: a NUL in the sample means UTF-16 (or UTF-32) or binary.
///
/// Line ends decide the byte order first: `\n` is `0A 00` in UTF-16LE and `00 0A` in UTF-16BE,
/// and no common character reads as either the other way round. Without line ends, a sample that
/// is nearly all hanzi in one byte order is in that order ([`hanzi_order`]); only then does NUL
/// parity decide. Parity alone misleads on Chinese: hanzi such as 一 (U+4E00) and 需 (U+9700) put
/// their NUL on the "wrong" side, and a long paragraph can hold more of them than it holds ASCII.
pub(super) fn decode_with_nuls(
    bytes: &[u8],
    sample: &[u8],
    first_nul: usize,
) -> Result<Decoded, DecodeError> {
    if looks_like_utf32(sample) {
        return Err(DecodeError::Utf32Unsupported);
    }
    let binary = DecodeError::Binary { offset: first_nul };
    if is_utf8_with_stray_nuls(sample) {
        return Err(binary);
    }
    let units = || sample.chunks_exact(2);
    let count = |unit: &dyn Fn(&[u8]) -> bool| units().filter(|u| unit(u)).count();
    let little_endian_lines = count(&|u| u[1] == 0 && matches!(u[0], b'\n' | b'\r'));
    let big_endian_lines = count(&|u| u[0] == 0 && matches!(u[1], b'\n' | b'\r'));
    let (encoding, detection) = match little_endian_lines.cmp(&big_endian_lines) {
        Ordering::Greater => (UTF_16LE, Detection::NulPattern),
        Ordering::Less => (UTF_16BE, Detection::NulPattern),
        Ordering::Equal => match hanzi_order(sample) {
            Some(encoding) => (encoding, Detection::HanziPattern),
            None => match count(&|u| u[1] == 0).cmp(&count(&|u| u[0] == 0)) {
                Ordering::Greater => (UTF_16LE, Detection::NulPattern),
                Ordering::Less => (UTF_16BE, Detection::NulPattern),
                Ordering::Equal => return Err(binary),
            },
        },
    };
    let decoded = decode_body(encoding, bytes, 0, detection);
    // Binary data read as UTF-16 gives unpaired surrogates and control characters.
    let allowed = tolerated_errors(bytes.len());
    let malformed = decoded
        .warnings
        .iter()
        .any(|w| matches!(w, DecodeWarning::InvalidBytes { count, .. } if *count > allowed));
    let controls = decoded
        .text
        .chars()
        .filter(|&c| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C'))
        .take(allowed + 1)
        .count();
    if malformed || controls > allowed {
        return Err(binary);
    }
    Ok(decoded)
}

/// UTF-8 with a NUL or two is not UTF-16: UTF-16 hanzi are almost never valid UTF-8, and UTF-16
/// that is valid UTF-8 (ASCII) is half NULs. Without this a UTF-8 file with one stray NUL would
/// be read as UTF-16 nonsense.
#[expect(
    clippy::naive_bytecount,
    reason = "8 KB at most: not worth the bytecount crate"
)]
fn is_utf8_with_stray_nuls(sample: &[u8]) -> bool {
    let valid = match std::str::from_utf8(sample) {
        Ok(_) => true,
        // The sample may end mid-character.
        Err(error) => error.error_len().is_none(),
    };
    valid && sample.iter().filter(|&&b| b == 0).count() * 4 < sample.len()
}

/// UTF-32 without a byte-order mark: every four-byte unit is a code point (at most U+10FFFF,
/// so two of its bytes are NUL or nearly), and most units are not NUL themselves.
fn looks_like_utf32(sample: &[u8]) -> bool {
    let units = || sample.chunks_exact(4);
    if units().len() == 0
        || units().filter(|u| u.iter().all(|&b| b == 0)).count() * 2 > units().len()
    {
        return false;
    }
    units().all(|u| u[3] == 0 && u[2] <= 0x10) || units().all(|u| u[0] == 0 && u[1] <= 0x10)
}

/// Step 3, for a file whose sample has no NUL and is not UTF-8: UTF-16 all the same if nearly
/// every code unit is a hanzi in one byte order.
pub(super) fn hanzi_only(bytes: &[u8], sample: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 == 1 {
        return None;
    }
    hanzi_order(sample)
}

/// The byte order in which nearly every code unit of `sample` is a hanzi or CJK punctuation.
///
/// Legacy encodings never pass: GBK and Big5 hanzi read as UTF-16 land in Hangul, the private use
/// area and surrogates, or at most 40% in the CJK block. Nor does mostly-ASCII text (whose letter
/// pairs do read as hanzi): in real UTF-16 hanzi the low bytes are spread over all 256 values, so
/// many are 0x80 or more, while ASCII has none. Latin-1 text with many accented letters has
/// those, but most of its code units are two ASCII letters (`fa` is 慦), against about one in
/// ten in UTF-16 hanzi. Nor does Latin-1 prose whose accented words outnumber its plain ones
/// (`año déjà, Zürich;` reads 懱漠擩櫠Ⱐ… in big-endian order): its spaces are bytes 0x20,
/// which UTF-16 without a NUL (so without ASCII) has only as the low byte of one unit in 256.
fn hanzi_order(sample: &[u8]) -> Option<&'static Encoding> {
    const MIN_UNITS: usize = 16;
    let units = sample.len() / 2;
    if units < MIN_UNITS {
        return None;
    }
    let pairs = || sample.chunks_exact(2).map(|u| [u[0], u[1]]);
    let hanzi = |unit: fn([u8; 2]) -> u16| pairs().filter(|&u| is_hanzi(unit(u))).count();
    let (little, big) = (hanzi(u16::from_le_bytes), hanzi(u16::from_be_bytes));
    let (count, encoding, low_byte) = if little >= big {
        (little, UTF_16LE, 0)
    } else {
        (big, UTF_16BE, 1)
    };
    let high_low_bytes = pairs().filter(|u| u[low_byte] >= 0x80).count();
    let letter_pairs = pairs()
        .filter(|u| u.iter().all(u8::is_ascii_alphabetic))
        .count();
    let spaced = pairs().filter(|u| u.contains(&b' ')).count();
    (count * 10 >= units * 9
        && high_low_bytes * 4 >= units
        && letter_pairs * 4 < units
        && spaced * 20 < units)
        .then_some(encoding)
}

/// CJK ideographs (the unified block and extension A), CJK punctuation, full-width forms, and
/// the quotation marks, dash and ellipsis Chinese text uses.
fn is_hanzi(unit: u16) -> bool {
    matches!(
        unit,
        0x3000..=0x303F
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xFF00..=0xFFEF
            | 0x2014
            | 0x2018
            | 0x2019
            | 0x201C
            | 0x201D
            | 0x2026
    )
}
