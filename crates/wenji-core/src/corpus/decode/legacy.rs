//! Step 5 of [`super::decode`]: GB18030 or Big5 where the detector's guess is not to be trusted.
//!
//! `chardetng` scores byte statistics, and a few hanzi are too few for statistics: GBK `讲话`
//! scores as windows-1251, `你好` and `習近平` as EUC-KR, `臺灣` as windows-1252. It also drops
//! an encoding at its first invalid sequence, so a GBK file that lost its last byte reads as
//! windows-1252 and one with a stray byte may read as EUC-KR. So the part of the file the
//! detector read is also read as GB18030 and as Big5, and a reading replaces the guess when it
//! looks like Chinese text:
//!
//! - at most a stray byte or a cut-off end's worth of invalid sequences
//!   ([`TOLERATED_ERRORS`], [`BYTES_PER_TOLERATED_ERROR`]), and at least
//!   [`CHINESE_PER_BAD_SEQUENCE`] Chinese characters for each;
//! - nine in ten of its non-ASCII characters are Chinese: hanzi, CJK and full-width
//!   punctuation, the symbols Chinese text uses (`“”…—℃①`). Misreadings give kana, Hangul,
//!   Greek, Cyrillic and private-use characters: Big5 `人` read as GB18030 is a hiragana;
//! - at least half of those are common: in GB2312 or in Big5's frequent block. Both tables are
//!   asked because `臺灣` in GBK lies outside GB2312 but is frequent in Big5;
//! - at most half of them touch an ASCII letter, those followed by a lower-case one counting
//!   twice: Latin text read as GB18030 turns an accented letter and the letter after it into a
//!   hanzi inside a word (`Präsident` → `Pr鋝ident`, `élève` → `閘鑦e`), while Chinese text
//!   only sometimes sits against Latin letters (`iPhone手机`), and seldom runs into a
//!   lower-case word.
//!
//! Of two readings that pass, the one whose Chinese characters are more often common wins:
//! Big5 text nearly always decodes cleanly as GB18030, but into rare characters and kana, and
//! GBK text read as Big5 lands half outside its frequent block. A tie goes to the detector's
//! choice if it was GBK or Big5, else to GB18030, the more widespread. Once the detector has
//! seen enough non-ASCII text ([`THIN_NON_ASCII`]), a multi-byte guess such as EUC-KR stands
//! against readings that decode without error: it weighed those and found them less likely.
//!
//! The trade-off: a file of a few words of Cyrillic, Greek, Arabic, Hebrew or Korean, saved in
//! its legacy code page, reads cleanly as common hanzi (their letters pair up into GB2312's
//! hanzi rows), and is taken for GB18030; in a corpus of Chinese it far more often is. Longer
//! such files keep their encoding: odd-length words leave invalid sequences, and the detector's
//! EUC-KR stands once it has evidence. Latin-1 text keeps its encoding but for rare scraps
//! such as `não °C`, whose two pairs of bytes are common Big5 hanzi.

use encoding_rs::{BIG5, EncoderResult, Encoding, GB18030, GBK, UTF_8};

use super::body::decode_lossy;
use super::{DecodeWarning, Decoded, Detection, decode_body};

/// Below this many non-ASCII bytes the detector's guess means little, whatever it is: fewer
/// than a sentence of hanzi, where it often says EUC-KR, `Shift_JIS` or the wrong one of GBK
/// and Big5.
const THIN_NON_ASCII: usize = 64;

/// One character is no evidence: Latin-1 `°C` is a frequent Big5 hanzi.
const MIN_CHINESE: usize = 2;

/// A reading may have one invalid sequence per this many Chinese characters...
const CHINESE_PER_BAD_SEQUENCE: usize = 8;

/// ...and one per this many bytes, or this many in all if that is more. Fewer than the UTF-8
/// step allows: EUC-JP Japanese with one bad byte reads as Big5 with six.
const BYTES_PER_TOLERATED_ERROR: usize = 4096;
const TOLERATED_ERRORS: usize = 2;

/// How many non-ASCII characters of a reading are weighed: a thousand settle it, and each costs
/// one or two table searches of a few hundred nanoseconds.
const WEIGHED_CHARS: usize = 1024;

/// Step 5 proper: GB18030 or Big5 instead of `guessed`, the detector's choice after reading
/// `bytes[..seen]`, which held `non_ascii` non-ASCII bytes. `None` keeps the guess.
pub(super) fn reconsider(
    bytes: &[u8],
    guessed: &'static Encoding,
    seen: usize,
    non_ascii: usize,
) -> Option<Decoded> {
    // A single-byte guess is never a verdict against Chinese: Latin-1 and Cyrillic statistics
    // fit a few hanzi's bytes well.
    let weighed = non_ascii >= THIN_NON_ASCII && !guessed.is_single_byte();
    chinese_reading(bytes, bytes.get(..seen).unwrap_or(bytes), guessed, weighed)
}

/// GB18030 or Big5 for a short file that step 3 would read as UTF-8 with a bad sequence or
/// two, when its UTF-8 characters are not Chinese text and one of those readings is. A few
/// GBK hanzi can form valid UTF-8 by chance: GBK `市广不2023` is `\u{FFFD}й㲻2023` in UTF-8.
pub(super) fn instead_of_utf8(bytes: &[u8], utf8: &str) -> Option<Decoded> {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii());
    if non_ascii.take(THIN_NON_ASCII).count() == THIN_NON_ASCII {
        return None;
    }
    let mut evidence = Evidence::default();
    evidence.count(utf8);
    if evidence.is_chinese(usize::MAX) {
        return None;
    }
    chinese_reading(bytes, bytes, UTF_8, false)
}

/// Reads `prefix` as GB18030 and as Big5 and, if the better reading by the module doc's rules
/// is not `guessed`, decodes all of `bytes` in it. Readings without an invalid sequence are
/// left out when the detector has `weighed` them; `guessed` is never left out, even when it
/// fails the tests, since the detector vouches for it (and keeping it costs nothing more).
fn chinese_reading(
    bytes: &[u8],
    prefix: &[u8],
    guessed: &'static Encoding,
    weighed: bool,
) -> Option<Decoded> {
    let whole = prefix.len() == bytes.len();
    let allowed = (bytes.len() / BYTES_PER_TOLERATED_ERROR).max(TOLERATED_ERRORS);
    let readings = [GB18030, BIG5].map(|encoding| {
        let (text, bad) = read(encoding, prefix, whole);
        // Weighing costs table searches: only for readings that can win.
        let contends = encoding == guessed || ((!weighed || bad > 0) && bad <= allowed);
        (encoding, contends.then_some((text, bad)))
    });
    if readings
        .iter()
        .all(|(encoding, reading)| reading.is_none() || *encoding == guessed)
    {
        return None;
    }
    let (encoding, _) = readings
        .into_iter()
        .filter_map(|(encoding, reading)| {
            let (text, bad) = reading?;
            let mut evidence = Evidence {
                bad,
                ..Evidence::default()
            };
            evidence.count(&text);
            (encoding == guessed || evidence.is_chinese(allowed)).then_some((encoding, evidence))
        })
        .max_by(|(a, a_evidence), (b, b_evidence)| {
            // The share of common characters, compared without division.
            (a_evidence.common * b_evidence.chinese)
                .cmp(&(b_evidence.common * a_evidence.chinese))
                .then((*a == guessed).cmp(&(*b == guessed)))
                .then((*a == GB18030).cmp(&(*b == GB18030)))
        })?;
    if encoding == guessed {
        return None;
    }
    let decoded = decode_body(encoding, bytes, 0, Detection::Guessed);
    let too_many = decoded
        .warnings
        .iter()
        .any(|w| matches!(w, DecodeWarning::InvalidBytes { count, .. } if *count > allowed));
    (!too_many).then_some(decoded)
}

/// `bytes` decoded as `encoding` with U+FFFD for each invalid sequence, and how many there
/// were; `last` says whether `bytes` is the whole file (if not, a character cut off at its
/// end is not counted).
fn read(encoding: &'static Encoding, bytes: &[u8], last: bool) -> (String, usize) {
    let lossy = decode_lossy(encoding, bytes, last);
    (lossy.text, lossy.bad)
}

/// What a reading looks like, counted over its first [`WEIGHED_CHARS`] non-ASCII characters.
#[derive(Debug, Default)]
struct Evidence {
    /// Invalid sequences (in the whole reading).
    bad: usize,
    /// Non-ASCII characters that belong in Chinese text ([`is_chinese`]).
    chinese: usize,
    /// The other non-ASCII characters, U+FFFD aside.
    foreign: usize,
    /// Chinese characters that are common ones ([`is_common`]).
    common: usize,
    /// Non-ASCII characters with an ASCII letter right before or after them, those followed
    /// by a lower-case letter twice: a Latin word goes on after its accented letter, while
    /// Chinese text seldom runs straight into a lower-case word.
    latin: usize,
}

impl Evidence {
    fn count(&mut self, text: &str) {
        let mut before = ' ';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if self.chinese + self.foreign == WEIGHED_CHARS {
                break;
            }
            let after = chars.peek().copied().unwrap_or(' ');
            // U+FFFD is counted as `bad`; the euro sign is byte 0x80 in GB18030 and
            // windows-1252 alike, so it tells them apart no more than ASCII does.
            if !c.is_ascii() && !matches!(c, '\u{FFFD}' | '€') {
                if is_chinese(c) {
                    self.chinese += 1;
                    self.common += usize::from(is_common(c));
                } else {
                    self.foreign += 1;
                }
                self.latin +=
                    usize::from(before.is_ascii_alphabetic() || after.is_ascii_alphabetic())
                        + usize::from(after.is_ascii_lowercase());
            }
            before = c;
        }
    }

    /// The module doc's tests, with at most `allowed` invalid sequences.
    fn is_chinese(&self, allowed: usize) -> bool {
        let non_ascii = self.chinese + self.foreign;
        self.chinese >= MIN_CHINESE
            && self.bad <= allowed
            && self.bad * CHINESE_PER_BAD_SEQUENCE <= self.chinese
            && self.chinese * 10 >= non_ascii * 9
            && self.common * 2 >= self.chinese
            && self.latin * 2 <= non_ascii
    }
}

/// Characters Chinese text is made of besides ASCII: ideographs, CJK and full-width
/// punctuation, bopomofo, and the symbols GB2312 and Big5 carry for it (`°±×`, pinyin `ā`,
/// `“”…—`, `℃№Ⅱ→①■★`). Not kana, Hangul, Greek, Cyrillic or private use: a misreading's marks.
fn is_chinese(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00A0..=0x024F
            | 0x02B0..=0x02FF
            | 0x2000..=0x2BFF
            | 0x2E80..=0x303F
            | 0x3100..=0x312F
            | 0x31A0..=0x31EF
            | 0x3200..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE1F
            | 0xFE30..=0xFE6F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF
    )
}

/// Whether `c` is in GB2312 (its symbol rows A1–A9 and hanzi rows B0–F7) or in Big5's
/// frequent block (symbols A140–A3FE, frequent hanzi A440–C67E): between them, nearly every
/// character of modern simplified or traditional text.
fn is_common(c: char) -> bool {
    let mut utf8 = [0; 4];
    let c = c.encode_utf8(&mut utf8);
    let code = |encoding: &'static Encoding| {
        let mut out = [0; 4];
        let mut encoder = encoding.new_encoder();
        let (result, _, written) = encoder.encode_from_utf8_without_replacement(c, &mut out, true);
        (result == EncoderResult::InputEmpty && written == 2).then_some([out[0], out[1]])
    };
    matches!(code(GBK), Some([0xA1..=0xA9 | 0xB0..=0xF7, 0xA1..=0xFE]))
        || matches!(code(BIG5), Some([0xA1..=0xC5, _] | [0xC6, 0x40..=0x7E]))
}

#[cfg(test)]
mod tests;
