//! Turning a file's bytes into text: which encoding they are in, and the text they hold.
//!
//! Chinese corpora arrive as UTF-8 (with or without a byte-order mark), UTF-16 (with or without
//! one), GB18030/GBK/GB2312 and Big5, never labelled. [`decode`] settles the encoding in this
//! order, surest and cheapest first:
//!
//! 1. A byte-order mark: UTF-8, UTF-16LE or UTF-16BE. A UTF-32 mark is an error, because
//!    `FF FE 00 00` would otherwise be read as UTF-16LE followed by a NUL.
//! 2. NUL bytes in the first 8 KB: text never contains them, UTF-16 does (ASCII `A` is `41 00`
//!    in UTF-16LE). The byte order is the one its line ends (`0A 00` or `00 0A`) vote for, else
//!    the side with more NULs (odd offsets: little-endian). If neither wins, the rest is valid
//!    UTF-8, or the result is not text (unpaired surrogates, control characters), the file is
//!    binary and skipped, as git and ripgrep do.
//! 3. Strict UTF-8. A file that is UTF-8 apart from a rare bad sequence (one corrupt byte, a tail
//!    cut mid-character) stays UTF-8 with U+FFFD and a warning: an encoding guesser would call it
//!    windows-1252 and garble every character instead of one. (A short one whose UTF-8 reading is
//!    not Chinese text but whose GB18030 or Big5 reading is goes to step 5: a few GBK hanzi can
//!    make valid UTF-8 by chance.) Then UTF-16 that has no NUL to
//!    find, because its first 8 KB are hanzi without a single ASCII character (one long
//!    paragraph): nearly every code unit in one byte order is a hanzi (`decode/utf16.rs`).
//! 4. Otherwise `chardetng`, Firefox's detector, with no top-level-domain hint (a `.cn` hint tips
//!    Big5 files into GBK), fed only until it has seen enough non-ASCII text. GBK is read as its
//!    superset GB18030.
//! 5. A second look (`decode/legacy.rs`): what the detector read is also read as GB18030 and as
//!    Big5, and a reading that looks like Chinese text replaces the guess when the guess is a
//!    single-byte encoding, when the detector saw too few non-ASCII bytes for its guess to mean
//!    much, or when the detector dropped the reading over an invalid sequence. Byte statistics
//!    cannot tell two hanzi from two Cyrillic letters, and the detector drops an encoding at its
//!    first invalid sequence: without this a short title, or a file with a stray byte, comes out
//!    as Cyrillic, Korean or Latin-1.
//!
//! Every bad sequence becomes U+FFFD, and a warning gives the byte offset and the line of the
//! first (`decode/body.rs`). A caller-given encoding (`--encoding`) replaces all five steps. The
//! bytes are only read, never changed. This module knows nothing of files, paths or the screen:
//! callers add the file name to errors and warnings.

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, GB18030, GBK, REPLACEMENT, UTF_8};

use body::decode_body;

/// How much of a file the NUL sniff looks at, as git does.
const SNIFF_LEN: usize = 8 * 1024;

/// The detector reads the file in pieces this big until it has seen this many non-ASCII bytes.
const GUESS_CHUNK: usize = 64 * 1024;
const GUESS_ENOUGH_NON_ASCII: usize = 32 * 1024;

const UTF32LE_BOM: &[u8] = b"\xFF\xFE\0\0";
const UTF32BE_BOM: &[u8] = b"\0\0\xFE\xFF";

/// A UTF-8 file may have one bad sequence per this many bytes, or this many in all if that is more,
/// and still be read as UTF-8 (a UTF-16 file likewise). One corrupt lead byte already makes three
/// bad sequences: its two continuation bytes are stranded.
const BYTES_PER_TOLERATED_ERROR: usize = 1000;
const TOLERATED_ERRORS: usize = 8;

/// ...and only if well-formed multi-byte characters outnumber the bad sequences this many times:
/// a Latin-1 `café` among ASCII is one bad sequence with nothing to outvote it, and is better
/// left to the detector.
const GOOD_PER_BAD_SEQUENCE: usize = 4;

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without the byte-order mark.
    pub text: String,
    /// The encoding the bytes were read as; see [`encoding_name`] for showing it.
    pub encoding: &'static Encoding,
    /// Whether the file started with a byte-order mark for `encoding` (it is not in `text`).
    pub bom: bool,
    /// How `encoding` was chosen, so the info line can say "GB18030 (guessed)".
    pub detected_by: Detection,
    /// Things the reader should be told about; the text is still usable.
    pub warnings: Vec<DecodeWarning>,
}

/// How [`decode`] chose the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// The caller named it.
    Forced,
    /// A byte-order mark.
    Bom,
    /// UTF-16 without a byte-order mark, recognised by where its NUL bytes fall.
    NulPattern,
    /// UTF-16 without a byte-order mark or a single ASCII character at its start (so without
    /// NULs), recognised by its code units being hanzi.
    HanziPattern,
    /// The bytes are UTF-8 (perhaps with a few bad sequences, see the warnings).
    Utf8,
    /// Guessed by `chardetng` from the byte statistics.
    Guessed,
}

/// Something the reader should know about a file that was still decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeWarning {
    /// Byte sequences that are not valid in `encoding` were each replaced by U+FFFD (`�`).
    InvalidBytes {
        encoding: &'static Encoding,
        /// How many bad sequences were replaced.
        count: usize,
        /// Byte offset of the first bad sequence in the file (the byte-order mark included).
        first_offset: usize,
        /// The 1-based line of the first bad sequence, counting line ends as the reader shows
        /// them (`\n`, CRLF, a lone CR, NEL, U+2028, U+2029).
        first_line: usize,
    },
    /// The file starts with a byte-order mark for `bom`, but the caller asked for `forced`; the
    /// mark was kept as data and the bytes read as `forced`.
    BomOverridden {
        bom: &'static Encoding,
        forced: &'static Encoding,
    },
}

impl DecodeWarning {
    /// The 1-based line the warning is about, if it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::InvalidBytes { first_line, .. } => Some(*first_line),
            Self::BomOverridden { .. } => None,
        }
    }
}

impl fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidBytes {
                encoding,
                count,
                first_offset,
                ..
            } => {
                let noun = if *count == 1 { "sequence" } else { "sequences" };
                write!(
                    f,
                    "{count} invalid {} byte {noun} shown as \u{FFFD} (the first at byte {first_offset})",
                    encoding_name(encoding)
                )
            }
            Self::BomOverridden { bom, forced } => write!(
                f,
                "the file starts with a {} byte-order mark but was read as {}, as requested",
                encoding_name(bom),
                encoding_name(forced)
            ),
        }
    }
}

/// Why a file could not be read as text. The file is skipped; the caller names it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// NUL bytes that do not follow a UTF-16 pattern: an image, a `.doc`, an archive.
    #[error("binary data, not text (a NUL byte at byte {offset}); the file is skipped")]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// UTF-32 text, recognised by its byte-order mark or its layout.
    #[error(
        "UTF-32 text is not supported; the file is skipped (convert it to UTF-8, e.g. with `iconv -f UTF-32 -t UTF-8`)"
    )]
    Utf32Unsupported,
}

/// Decodes a whole file, choosing the encoding as the module doc describes unless `forced`
/// names one.
///
/// Never panics, whatever the bytes. Valid UTF-8 costs one validation pass and one copy.
///
/// # Errors
/// [`DecodeError::Binary`] and [`DecodeError::Utf32Unsupported`], only when guessing: a forced
/// encoding always decodes, with U+FFFD for what does not fit.
///
/// ```
/// use wenji_core::corpus::decode::{decode, Detection};
/// let gbk = b"\xd5\xf1\xd0\xcb"; // 振兴 in GBK
/// let decoded = decode(gbk, Some(encoding_rs::GBK)).unwrap();
/// assert_eq!(decoded.text, "振兴");
/// assert_eq!(decoded.encoding, encoding_rs::GB18030);
/// assert_eq!(decode("振兴".as_bytes(), None).unwrap().detected_by, Detection::Utf8);
/// ```
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some(forced) = forced {
        return Ok(decode_forced(bytes, widen(forced)));
    }
    if bytes.starts_with(UTF32LE_BOM) || bytes.starts_with(UTF32BE_BOM) {
        return Err(DecodeError::Utf32Unsupported);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_body(encoding, bytes, bom_len, Detection::Bom));
    }
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(offset) = memchr::memchr(0, sample) {
        return utf16::decode_with_nuls(bytes, sample, offset);
    }
    // Nearly every file is valid UTF-8: checked with SIMD, at several times the speed of
    // `std::str::from_utf8` on Chinese text, where that was a tenth of the load.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
            bom: false,
            detected_by: Detection::Utf8,
            warnings: Vec::new(),
        });
    }
    if is_nearly_utf8(bytes) {
        let utf8 = decode_body(UTF_8, bytes, 0, Detection::Utf8);
        return Ok(legacy::instead_of_utf8(bytes, &utf8.text).unwrap_or(utf8));
    }
    if let Some(encoding) = utf16::hanzi_only(bytes, sample) {
        return Ok(decode_body(encoding, bytes, 0, Detection::HanziPattern));
    }
    let (guessed, seen, non_ascii) = guess(bytes);
    if let Some(decoded) = legacy::reconsider(bytes, guessed, seen, non_ascii) {
        return Ok(decoded);
    }
    Ok(decode_body(guessed, bytes, 0, Detection::Guessed))
}

/// Step 4: chardetng, fed until it has seen enough non-ASCII to be sure (it reads about
/// 10 MB/s, and a few thousand hanzi settle GBK against Big5), or the whole file. Also returns
/// how many bytes it was fed, and how many of those were non-ASCII: what the guess rests on.
fn guess(bytes: &[u8]) -> (&'static Encoding, usize, usize) {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let (mut seen, mut non_ascii) = (0, 0);
    let mut chunks = bytes.chunks(GUESS_CHUNK).peekable();
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        detector.feed(chunk, last);
        seen += chunk.len();
        non_ascii += chunk.iter().filter(|b| !b.is_ascii()).count();
        if non_ascii >= GUESS_ENOUGH_NON_ASCII {
            break;
        }
    }
    // UTF-8 is allowed but cannot win: one invalid sequence disqualifies it, and there is one.
    let guessed = widen(detector.guess(None, Utf8Detection::Allow));
    (guessed, seen, non_ascii)
}

/// The encoding `--encoding NAME` means: any WHATWG label (`gbk`, `gb2312`, `gb18030`, `big5`,
/// `utf-8`, `utf-16le`, `utf-16be`, …, case-insensitive) plus the Windows code-page names
/// `cp936` and `cp950`. GBK and GB2312 give GB18030, which reads all of them. `None` for an
/// unknown label, and for the labels that map to the "replacement" encoding, which would turn
/// the whole file into one `�`.
///
/// ```
/// use wenji_core::corpus::decode::encoding_for_label;
/// assert_eq!(encoding_for_label("GBK"), Some(encoding_rs::GB18030));
/// assert_eq!(encoding_for_label("big5"), Some(encoding_rs::BIG5));
/// assert_eq!(encoding_for_label("utf-32"), None);
/// ```
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    let encoding = if label.eq_ignore_ascii_case("cp936") {
        GB18030
    } else if label.eq_ignore_ascii_case("cp950") {
        encoding_rs::BIG5
    } else {
        Encoding::for_label(label.as_bytes())?
    };
    (encoding != REPLACEMENT).then(|| widen(encoding))
}

/// The name to show for an encoding: `encoding_rs`'s WHATWG name, except that `gb18030` is
/// written as Chinese users know it, `GB18030`.
pub fn encoding_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// GBK and GB2312 files often contain GB18030-only characters; GB18030 reads all three.
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK { GB18030 } else { encoding }
}

fn decode_forced(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let bom = Encoding::for_bom(bytes);
    let skip = match bom {
        Some((bom, len)) if bom == encoding => len,
        _ => 0,
    };
    let mut decoded = decode_body(encoding, bytes, skip, Detection::Forced);
    // A UTF-32LE mark starts like a UTF-16LE one; a warning would name the wrong encoding.
    let utf32 = bytes.starts_with(UTF32LE_BOM);
    if let Some((bom, _)) = bom.filter(|&(bom, _)| bom != encoding && !utf32) {
        let warning = DecodeWarning::BomOverridden {
            bom,
            forced: encoding,
        };
        decoded.warnings.insert(0, warning);
    }
    decoded
}

fn tolerated_errors(len: usize) -> usize {
    (len / BYTES_PER_TOLERATED_ERROR).max(TOLERATED_ERRORS)
}

/// Step 3 for invalid UTF-8: few bad sequences, and far more good multi-byte characters.
/// Stops counting once the file is clearly something else, so a 10 MB GBK file costs little.
fn is_nearly_utf8(bytes: &[u8]) -> bool {
    let allowed = tolerated_errors(bytes.len());
    let count_multibyte = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
    let (mut bad, mut multibyte) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                multibyte += count_multibyte(rest);
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                multibyte += count_multibyte(valid);
                bad += 1;
                if bad > allowed {
                    return false;
                }
                match error.error_len() {
                    Some(len) => rest = after.get(len..).unwrap_or_default(),
                    // A character cut off by the end of the file.
                    None => break,
                }
            }
        }
    }
    multibyte >= bad * GOOD_PER_BAD_SEQUENCE
}

mod body;
mod legacy;
mod utf16;

#[cfg(test)]
mod tests;
