//! Reading input that may never end: standard input, FIFOs and character devices.
//!
//! A regular file has a size; `yes 中文 | wenji -`, `/dev/zero` or `<(yes)` do not, and read whole
//! they fill the memory. [`read`] takes at most a limit (`--max-input`, [`DEFAULT_LIMIT`]):
//!
//! 1. It reads the first 8 KB and, unless an encoding is forced, decodes them as a file's would
//!    be. If they are binary (NUL bytes in no UTF-16 pattern) or UTF-32, it stops there: decoding
//!    those bytes again reports the input as binary at once, not after a gigabyte of NULs.
//! 2. It reads on to one byte past the limit. An input that ends first is returned whole.
//! 3. Otherwise it keeps the limit's bytes up to the end of their last whole line, so the last
//!    character is never cut in half and the last paragraph ends where its line did. The line
//!    end is found in the code units of the encoding the first 8 KB were read as (`0A 00` for
//!    UTF-16LE); in GB18030, Big5 and UTF-8 a `0A` byte is never part of a character. When not
//!    one line ends within the limit, the cut falls after the last whole UTF-8 character or
//!    UTF-16 code unit (a GB18030 or Big5 line that long keeps the limit's bytes).
//!
//! The caller reports [`Bounded::cut`] with [`limit_warning`]. Nothing here knows about paths or
//! the screen.

use std::io::{self, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::decode;

/// How much of one unending input is read unless `--max-input` says otherwise: 1 GiB.
pub const DEFAULT_LIMIT: u64 = 1 << 30;

/// How much is looked at before deciding whether the input is text, as `decode` does for files.
const SNIFF_LEN: u64 = 8 * 1024;

/// What a bounded read gave.
#[derive(Debug, Default)]
pub struct Bounded {
    /// The bytes kept: all of the input, its first 8 KB when they are not text, or the limit's
    /// bytes up to the end of their last whole line.
    pub bytes: Vec<u8>,
    /// Where the input was cut, when it went on past the limit.
    pub cut: Option<Cut>,
}

/// Where an input that went on past the limit was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// After the last line end within the limit.
    Line,
    /// After the last whole character: not one line ended within the limit.
    Character,
}

/// Reads at most `limit` bytes of `input` as the module doc describes; `forced` is the encoding
/// the caller will decode with (`--encoding`), which also says where lines end.
///
/// # Errors
/// Only what reading `input` fails with.
///
/// ```
/// use wenji_core::corpus::bounded::{Cut, read};
/// let endless = std::io::repeat(b'a').take(1 << 20);
/// # use std::io::Read;
/// let mut input = "第一行\n第二行\n".as_bytes().chain(endless);
/// let bounded = read(&mut input, 15, None).unwrap();
/// assert_eq!(bounded.cut, Some(Cut::Line));
/// assert_eq!(bounded.bytes, "第一行\n".as_bytes());
/// ```
pub fn read(
    input: &mut impl Read,
    limit: u64,
    forced: Option<&'static Encoding>,
) -> io::Result<Bounded> {
    let mut bytes = Vec::new();
    let head = SNIFF_LEN.min(limit.saturating_add(1));
    Read::take(&mut *input, head).read_to_end(&mut bytes)?;
    if (bytes.len() as u64) < head {
        return Ok(Bounded { bytes, cut: None });
    }
    let encoding = match forced {
        Some(encoding) => encoding,
        None => match decode::decode(&bytes, None) {
            Ok(decoded) => decoded.encoding,
            Err(_) => {
                return Ok(Bounded { bytes, cut: None });
            }
        },
    };
    let rest = limit.saturating_add(1) - bytes.len() as u64;
    Read::take(&mut *input, rest).read_to_end(&mut bytes)?;
    let Some(limit) = usize::try_from(limit).ok().filter(|&l| bytes.len() > l) else {
        return Ok(Bounded { bytes, cut: None });
    };
    bytes.truncate(limit);
    let (kept, cut) = whole_lines(&bytes, encoding);
    bytes.truncate(kept);
    bytes.shrink_to_fit();
    Ok(Bounded {
        bytes,
        cut: Some(cut),
    })
}

/// What to tell the user when `limit` was reached and `kept` bytes, cut at `cut`, were opened.
pub fn limit_warning(limit: u64, kept: usize, cut: Cut) -> String {
    let at = match cut {
        Cut::Line => "line",
        Cut::Character => "character (no line ended before the limit)",
    };
    format!(
        "read {} (--max-input) without reaching the end, and stopped; opened the first {kept} \
         bytes, up to the last whole {at}",
        human_size(limit)
    )
}

/// A size as `--max-input` takes it: `1 GiB`, `64 KiB`, or bytes when it is no whole multiple.
///
/// ```
/// use wenji_core::corpus::bounded::human_size;
/// assert_eq!(human_size(1 << 30), "1 GiB");
/// assert_eq!(human_size(3 << 20), "3 MiB");
/// assert_eq!(human_size(1000), "1000 bytes");
/// ```
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u32); 4] = [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)];
    UNITS
        .iter()
        .find(|(_, shift)| bytes != 0 && bytes.trailing_zeros() >= *shift)
        .map_or_else(
            || format!("{bytes} bytes"),
            |(unit, shift)| format!("{} {unit}", bytes >> shift),
        )
}

/// The length of `bytes` up to the end of its last whole line; when it has no line end, up to
/// its last whole character.
fn whole_lines(bytes: &[u8], encoding: &'static Encoding) -> (usize, Cut) {
    let big_endian = encoding == UTF_16BE;
    let line_end = if encoding == UTF_16LE || big_endian {
        let newline = if big_endian { [0, b'\n'] } else { [b'\n', 0] };
        (0..bytes.len() / 2)
            .rev()
            .find(|&i| bytes[2 * i..2 * i + 2] == newline)
            .map(|i| 2 * i + 2)
    } else {
        memchr::memrchr(b'\n', bytes).map(|i| i + 1)
    };
    match line_end {
        Some(end) => (end, Cut::Line),
        None if encoding == UTF_16LE || big_endian => {
            (whole_utf16_units(bytes, big_endian), Cut::Character)
        }
        None => (whole_utf8_chars(bytes), Cut::Character),
    }
}

/// Whole UTF-16 code units, without a high surrogate whose pair was cut off.
fn whole_utf16_units(bytes: &[u8], big_endian: bool) -> usize {
    let even = bytes.len() & !1;
    let Some(last) = even.checked_sub(2) else {
        return 0;
    };
    let unit = [bytes[last], bytes[last + 1]];
    let unit = if big_endian {
        u16::from_be_bytes(unit)
    } else {
        u16::from_le_bytes(unit)
    };
    if (0xD800..0xDC00).contains(&unit) {
        last
    } else {
        even
    }
}

/// Without a partial UTF-8 character at the end (other encodings are left as they are).
fn whole_utf8_chars(bytes: &[u8]) -> usize {
    let tail = bytes.len().saturating_sub(4);
    let Some(lead) = (tail..bytes.len()).rev().find(|&i| bytes[i] & 0xC0 != 0x80) else {
        return bytes.len();
    };
    let width = match bytes[lead] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if lead + width > bytes.len() {
        lead
    } else {
        bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use encoding_rs::UTF_8;

    use super::*;

    /// `line` over and over, without end.
    struct Endless {
        line: Vec<u8>,
        at: usize,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            for byte in buf.iter_mut() {
                *byte = self.line[self.at];
                self.at = (self.at + 1) % self.line.len();
            }
            Ok(buf.len())
        }
    }

    fn endless(line: &[u8]) -> Endless {
        Endless {
            line: line.to_vec(),
            at: 0,
        }
    }

    #[test]
    fn input_shorter_than_the_limit_is_read_whole() {
        let text = "讲话\n".repeat(5000);
        let bounded = read(&mut text.as_bytes(), 1 << 20, None).unwrap();
        assert_eq!(bounded.cut, None);
        assert_eq!(bounded.bytes, text.as_bytes());
    }

    #[test]
    fn input_of_exactly_the_limit_is_not_cut() {
        let text = "讲话\n".repeat(5000);
        let limit = text.len() as u64;
        let bounded = read(&mut text.as_bytes(), limit, None).unwrap();
        assert_eq!(bounded.cut, None);
        assert_eq!(bounded.bytes.len(), text.len());
    }

    #[test]
    fn endless_utf8_is_cut_after_its_last_whole_line() {
        let bounded = read(&mut endless("中文\n".as_bytes()), 1 << 20, None).unwrap();
        assert_eq!(bounded.cut, Some(Cut::Line));
        assert_eq!(bounded.bytes.len(), (1 << 20) / 7 * 7);
        assert!(bounded.bytes.ends_with(b"\n"));
    }

    #[test]
    fn a_line_longer_than_the_limit_is_cut_between_characters() {
        let bounded = read(&mut endless("中文".as_bytes()), 10_000, None).unwrap();
        assert_eq!(bounded.cut, Some(Cut::Character));
        assert_eq!(bounded.bytes.len(), 9999);
        assert!(std::str::from_utf8(&bounded.bytes).is_ok());
    }

    #[test]
    fn endless_utf16_is_cut_after_a_whole_line_unit() {
        // 上 is U+4E0A: its low byte is 0A, which must not be taken for a line end.
        let line: Vec<u8> = "上海会议上讲话\n上"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut input = [0xFF, 0xFE].chain(endless(&line));
        let bounded = read(&mut input, 100_001, None).unwrap();
        assert_eq!(bounded.cut, Some(Cut::Line));
        let (text, _, bad) = UTF_16LE.decode(&bounded.bytes);
        assert!(!bad);
        assert!(text.ends_with("上讲话\n"), "{:?}", &text[text.len() - 12..]);
    }

    #[test]
    fn nul_bytes_stop_the_read_after_the_sniff() {
        let bounded = read(&mut std::io::repeat(0), DEFAULT_LIMIT, None).unwrap();
        assert_eq!(bounded.cut, None);
        assert_eq!(bounded.bytes.len(), 8 * 1024);
        assert!(matches!(
            decode::decode(&bounded.bytes, None),
            Err(decode::DecodeError::Binary { offset: 0 })
        ));
    }

    #[test]
    fn a_forced_encoding_reads_nul_bytes_up_to_the_limit() {
        let bounded = read(&mut std::io::repeat(0), 100_000, Some(UTF_8)).unwrap();
        assert_eq!(bounded.cut, Some(Cut::Character));
        assert_eq!(bounded.bytes.len(), 100_000);
    }

    #[test]
    fn a_limit_below_the_sniff_is_kept() {
        let bounded = read(&mut endless(b"ab\n"), 100, None).unwrap();
        assert_eq!(bounded.cut, Some(Cut::Line));
        assert_eq!(bounded.bytes.len(), 99);
    }

    #[test]
    fn the_warning_names_the_limit_and_what_was_kept() {
        assert_eq!(
            limit_warning(1 << 20, 1_048_572, Cut::Line),
            "read 1 MiB (--max-input) without reaching the end, and stopped; opened the first \
             1048572 bytes, up to the last whole line"
        );
        assert!(limit_warning(10, 9, Cut::Character).ends_with(
            "opened the first 9 bytes, up to the last whole character (no line ended before the \
             limit)"
        ));
    }
}
