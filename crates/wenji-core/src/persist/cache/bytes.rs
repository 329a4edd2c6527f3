//! The cache's primitives: little-endian integers and length-prefixed byte strings, written to a
//! growing buffer and read back through a cursor that checks every bound.
//!
//! The reader never trusts a length: one that runs past the end is an error, never a panic and
//! never an allocation, and a count of items can only ask for as much room as the bytes left
//! could fill ([`In::count`]). Everything above this file reads through it.

/// Why bytes could not be read: what was being read when they ran out or made no sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad(pub &'static str);

/// Bytes being written.
#[derive(Debug, Default)]
pub struct Out {
    pub bytes: Vec<u8>,
}

impl Out {
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn u64(&mut self, value: u64) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A number in as few bytes as it needs: seven bits a byte, low bits first, the high bit
    /// set on every byte but the last (LEB128).
    pub fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push(value.to_le_bytes()[0] | 0x80);
            value >>= 7;
        }
        self.bytes.push(value.to_le_bytes()[0]);
    }

    /// A `usize` as eight bytes, whatever the platform's width.
    pub fn size(&mut self, value: usize) {
        self.u64(value as u64);
    }

    /// `None` as zero, `Some(n)` as `n + 1` (line numbers are small; `usize::MAX` is never one).
    pub fn optional_size(&mut self, value: Option<usize>) {
        self.size(value.map_or(0, |n| n.saturating_add(1)));
    }

    /// A length, then the bytes.
    pub fn bytes(&mut self, value: &[u8]) {
        self.size(value.len());
        self.bytes.extend_from_slice(value);
    }

    pub fn str(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }

    /// A flag, then the text when there is one.
    pub fn optional_str(&mut self, value: Option<&str>) {
        self.u8(u8::from(value.is_some()));
        if let Some(value) = value {
            self.str(value);
        }
    }
}

/// A cursor over bytes that may be anything.
#[derive(Debug, Clone)]
pub struct In<'a> {
    rest: &'a [u8],
}

impl<'a> In<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// The next `len` bytes.
    pub fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], Bad> {
        if len > self.rest.len() {
            return Err(Bad(what));
        }
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(taken)
    }

    pub fn u8(&mut self, what: &'static str) -> Result<u8, Bad> {
        Ok(self.take(1, what)?[0])
    }

    /// A number written by [`Out::varint`]: one that runs past the end or past 64 bits, or
    /// is written in more bytes than it needs, is an error.
    pub fn varint(&mut self, what: &'static str) -> Result<u64, Bad> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8(what)?;
            let bits = u64::from(byte & 0x7F);
            if (shift == 63 && bits > 1) || (shift > 0 && byte == 0) {
                return Err(Bad(what));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Bad(what))
    }

    pub fn u32(&mut self, what: &'static str) -> Result<u32, Bad> {
        let mut word = [0; 4];
        word.copy_from_slice(self.take(4, what)?);
        Ok(u32::from_le_bytes(word))
    }

    pub fn u64(&mut self, what: &'static str) -> Result<u64, Bad> {
        let mut word = [0; 8];
        word.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(word))
    }

    pub fn size(&mut self, what: &'static str) -> Result<usize, Bad> {
        usize::try_from(self.u64(what)?).map_err(|_| Bad(what))
    }

    pub fn optional_size(&mut self, what: &'static str) -> Result<Option<usize>, Bad> {
        Ok(self.size(what)?.checked_sub(1))
    }

    /// A flag that must be 0 or 1.
    pub fn flag(&mut self, what: &'static str) -> Result<bool, Bad> {
        match self.u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Bad(what)),
        }
    }

    pub fn bytes(&mut self, what: &'static str) -> Result<&'a [u8], Bad> {
        let len = self.size(what)?;
        self.take(len, what)
    }

    /// Text, which must be UTF-8.
    pub fn str(&mut self, what: &'static str) -> Result<&'a str, Bad> {
        simdutf8::basic::from_utf8(self.bytes(what)?).map_err(|_| Bad(what))
    }

    pub fn string(&mut self, what: &'static str) -> Result<String, Bad> {
        self.str(what).map(str::to_owned)
    }

    pub fn optional_string(&mut self, what: &'static str) -> Result<Option<String>, Bad> {
        if self.flag(what)? {
            self.string(what).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A count of items each at least `least` bytes long: more than the bytes left could hold
    /// is an error, so a hostile count can never reserve more memory than the file's size.
    pub fn count(&mut self, least: usize, what: &'static str) -> Result<usize, Bad> {
        let count = self.size(what)?;
        if count.saturating_mul(least.max(1)) > self.rest.len() {
            return Err(Bad(what));
        }
        Ok(count)
    }

    /// Fails unless every byte was read: trailing bytes mean the lengths were not what was
    /// written.
    pub fn end(&self, what: &'static str) -> Result<(), Bad> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Bad(what))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let mut out = Out::default();
        out.u8(7);
        out.u32(70_000);
        out.u64(u64::MAX);
        out.optional_size(None);
        out.optional_size(Some(41));
        out.str("振兴");
        out.optional_str(None);
        out.optional_str(Some("龙江"));
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            out.varint(value);
        }
        let mut read = In::new(&out.bytes);
        assert_eq!(read.u8("a"), Ok(7));
        assert_eq!(read.u32("b"), Ok(70_000));
        assert_eq!(read.u64("c"), Ok(u64::MAX));
        assert_eq!(read.optional_size("d"), Ok(None));
        assert_eq!(read.optional_size("e"), Ok(Some(41)));
        assert_eq!(read.str("f"), Ok("振兴"));
        assert_eq!(read.optional_string("g"), Ok(None));
        assert_eq!(read.optional_string("h"), Ok(Some("龙江".to_owned())));
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(read.varint("i"), Ok(value));
        }
        assert_eq!(read.end("end"), Ok(()));
    }

    #[test]
    fn lengths_past_the_end_and_bad_text_are_errors() {
        let mut out = Out::default();
        out.size(1 << 40);
        assert_eq!(In::new(&out.bytes).bytes("huge"), Err(Bad("huge")));
        assert_eq!(In::new(&out.bytes).count(1, "many"), Err(Bad("many")));
        let mut out = Out::default();
        out.bytes(&[0xff, 0xfe]);
        assert_eq!(In::new(&out.bytes).str("text"), Err(Bad("text")));
        assert_eq!(In::new(&[2]).flag("flag"), Err(Bad("flag")));
        assert_eq!(In::new(&[1, 2, 3]).u32("short"), Err(Bad("short")));
        assert_eq!(In::new(&[0x80]).varint("cut"), Err(Bad("cut")));
        assert_eq!(In::new(&[0x81, 0x00]).varint("long"), Err(Bad("long")));
        assert_eq!(In::new(&[0xFF; 10]).varint("wide"), Err(Bad("wide")));
        let mut just = [0xFF_u8; 10];
        just[9] = 1;
        assert_eq!(In::new(&just).varint("u64::MAX"), Ok(u64::MAX));
    }
}
