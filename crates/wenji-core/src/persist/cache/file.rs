//! The layout of one cache file, and the checks that decide whether its bytes can be used.
//!
//! ```text
//! file      := header body* (head signature)* directory trailer
//! header    := MAGIC FORMAT settings inputs written-at checksum(header)
//! directory := count (path key body head checksum(head) signature checksum(signature))*
//!              (each part as its offset and length)
//! trailer   := offset length checksum(directory) END
//! ```
//! The header comes first so a writer can stream bodies after it as files load; the trailer,
//! fixed in size at the very end, finds the directory, written last. Every part carries an XXH3
//! checksum, and every offset is checked against the file's size before it is used: every part
//! must lie between the header and the directory. An entry ([`super::entry`]) is a head and a
//! body, kept apart: the heads, each followed by its file's signature
//! ([`crate::search::signature`]), lie side by side after the bodies in corpus order, so a warm
//! open reads them all in a few long reads and no body at all, and a search reads a run of
//! files' signatures in one read and then only the bodies of the files they let through. Parts
//! are checked one at a time, when one is asked for ([`super::Cache::get`]): a head and a
//! signature by the checksums here, a body by the one its head holds, when it is read.

use std::ops::Range;
use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

use super::bytes::{Bad, In, Out};
use super::key::{FORMAT, FileKey, Settings};
use crate::persist::CorpusId;

/// The first bytes of every cache file.
pub const MAGIC: &[u8; 8] = b"wenji\0c\n";
/// The last bytes of a cache file whose writer finished.
const END: &[u8; 8] = b"\nc\0wenji";
/// The trailer's size: the directory's offset, length and checksum, and [`END`].
pub const TRAILER: usize = 3 * 8 + END.len();

/// What a cache file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub settings: Settings,
    /// The corpus's inputs, as [`CorpusId`] names them.
    pub corpus: CorpusId,
    /// When it was written, in seconds since the epoch.
    pub written: u64,
}

/// One file's entry in the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub path: PathBuf,
    pub key: FileKey,
    /// Where the entry's body is in the cache file.
    pub body: Range<usize>,
    /// Where its head is, and the head's checksum.
    pub head: Range<usize>,
    pub checksum: u64,
    /// Where the file's signature is (right after the head), and its checksum.
    pub signature: Range<usize>,
    pub signature_checksum: u64,
}

impl Slot {
    /// The head and the signature, which lie together.
    pub fn head_and_signature(&self) -> Range<usize> {
        self.head.start.min(self.signature.start)..self.head.end.max(self.signature.end)
    }
}

/// Why a cache file's bytes cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a cache file of any wenji, or cut short before its header ended.
    NotACache,
    /// A cache of another format, which this wenji does not read.
    OtherFormat(u32),
    /// The header, trailer or directory is cut short, fails its checksum or makes no sense.
    Damaged(&'static str),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::NotACache => f.write_str("is not a wenji cache"),
            Problem::OtherFormat(format) => write!(
                f,
                "is in cache format {format} (this wenji reads format {FORMAT})"
            ),
            Problem::Damaged(what) => write!(f, "is damaged ({what})"),
        }
    }
}

impl From<Bad> for Problem {
    fn from(bad: Bad) -> Self {
        Problem::Damaged(bad.0)
    }
}

/// The header's bytes, ready to start a file with.
pub fn header(header: &Header) -> Vec<u8> {
    let mut out = Out::default();
    out.bytes.extend_from_slice(MAGIC);
    out.u32(FORMAT);
    header.settings.write(&mut out);
    out.size(header.corpus.0.len());
    for input in &header.corpus.0 {
        out.str(input);
    }
    out.u64(header.written);
    let checksum = xxh3_64(&out.bytes);
    out.u64(checksum);
    out.bytes
}

/// The directory and trailer for `slots`, the directory starting at `offset` in the file.
pub fn directory(slots: &[Slot], offset: usize) -> Vec<u8> {
    let mut out = Out::default();
    out.size(slots.len());
    for slot in slots {
        out.bytes(std::os::unix::ffi::OsStrExt::as_bytes(
            slot.path.as_os_str(),
        ));
        slot.key.write(&mut out);
        for (range, checksum) in [
            (&slot.body, None),
            (&slot.head, Some(slot.checksum)),
            (&slot.signature, Some(slot.signature_checksum)),
        ] {
            out.size(range.start);
            out.size(range.len());
            if let Some(checksum) = checksum {
                out.u64(checksum);
            }
        }
    }
    let checksum = xxh3_64(&out.bytes);
    let len = out.bytes.len();
    out.size(offset);
    out.size(len);
    out.u64(checksum);
    out.bytes.extend_from_slice(END);
    out.bytes
}

/// Reads the header at the start of `bytes`, and how long it is.
pub fn read_header(bytes: &[u8]) -> Result<(Header, usize), Problem> {
    let mut read = In::new(bytes);
    if read.take(MAGIC.len(), "magic").ok() != Some(MAGIC.as_slice()) {
        return Err(Problem::NotACache);
    }
    let format = read.u32("the format").map_err(|_| Problem::NotACache)?;
    if format != FORMAT {
        return Err(Problem::OtherFormat(format));
    }
    let settings = Settings::read(&mut read)?;
    let count = read.count(8, "the number of inputs")?;
    let mut inputs = Vec::with_capacity(count);
    for _ in 0..count {
        inputs.push(read.string("an input")?);
    }
    let written = read.u64("the time it was written")?;
    let len = bytes.len() - read.remaining();
    if read.u64("the header's checksum")? != xxh3_64(&bytes[..len]) {
        return Err(Problem::Damaged("the header fails its checksum"));
    }
    let header = Header {
        settings,
        corpus: CorpusId(inputs),
        written,
    };
    Ok((header, len + 8))
}

/// Reads the directory of a file whose header is `header_len` long.
pub fn read_directory(bytes: &[u8], header_len: usize) -> Result<Vec<Slot>, Problem> {
    let Some(trailer_at) = bytes
        .len()
        .checked_sub(TRAILER)
        .filter(|&at| at >= header_len)
    else {
        return Err(Problem::Damaged("it ends before its directory"));
    };
    let mut trailer = In::new(&bytes[trailer_at..]);
    let offset = trailer.size("the directory's place")?;
    let len = trailer.size("the directory's length")?;
    let checksum = trailer.u64("the directory's checksum")?;
    if trailer.take(END.len(), "the end")? != END {
        return Err(Problem::Damaged("it was not written to the end"));
    }
    if offset < header_len || offset.checked_add(len) != Some(trailer_at) {
        return Err(Problem::Damaged("the directory is out of place"));
    }
    let listing = &bytes[offset..trailer_at];
    if xxh3_64(listing) != checksum {
        return Err(Problem::Damaged("the directory fails its checksum"));
    }
    let mut read = In::new(listing);
    let count = read.count(MIN_SLOT, "the number of files")?;
    let mut slots = Vec::with_capacity(count);
    for _ in 0..count {
        let path = PathBuf::from(
            <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(read.bytes("a path")?),
        );
        let key = FileKey::read(&mut read)?;
        let between = header_len..offset;
        let body = place(&mut read, "a body's place", &between)?;
        let head = place(&mut read, "a head's place", &between)?;
        let checksum = read.u64("a head's checksum")?;
        let signature = place(&mut read, "a signature's place", &between)?;
        let signature_checksum = read.u64("a signature's checksum")?;
        slots.push(Slot {
            path,
            key,
            body,
            head,
            checksum,
            signature,
            signature_checksum,
        });
    }
    read.end("the directory's end")?;
    Ok(slots)
}

/// A part's place, read as its offset and length, which must lie `between` the header and the
/// directory.
fn place(
    read: &mut In<'_>,
    what: &'static str,
    between: &Range<usize>,
) -> Result<Range<usize>, Problem> {
    let start = read.size(what)?;
    match start.checked_add(read.size(what)?) {
        Some(end) if start >= between.start && end <= between.end => Ok(start..end),
        _ => Err(Problem::Damaged("an entry is out of place")),
    }
}

/// The fewest bytes a slot takes: a path's length, a key, three places and lengths, and two
/// checksums.
const MIN_SLOT: usize = 8 + (3 * 8 + 2 * 16) + 8 * 8;

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus::LoadOptions;

    fn sample_header() -> Header {
        Header {
            settings: Settings::new(&LoadOptions::default()),
            corpus: CorpusId(vec!["/a".to_owned(), "/b".to_owned()]),
            written: 1_700_000_000,
        }
    }

    /// A slot for `path`'s entry of `len` bytes at `offset`, for tests here and beside.
    pub(in crate::persist::cache) fn slot(path: &str, offset: usize, len: usize) -> Slot {
        Slot {
            path: PathBuf::from(path),
            key: FileKey {
                device: 1,
                inode: 2,
                size: 3,
                modified: 4,
                changed: 5,
            },
            head: offset..offset + len / 2,
            body: offset + len / 2..offset + len,
            checksum: 6,
            signature: offset + len..offset + len,
            signature_checksum: 7,
        }
    }

    #[test]
    fn a_file_reads_back_as_written() {
        let mut bytes = header(&sample_header());
        let start = bytes.len();
        bytes.extend_from_slice(b"entry one");
        let slots = vec![slot("/a/1.md", start, 5), slot("/a/二.md", start + 5, 4)];
        let offset = bytes.len();
        bytes.extend(directory(&slots, offset));
        let (read, len) = read_header(&bytes).expect("a header");
        assert_eq!((read, len), (sample_header(), start));
        assert_eq!(read_directory(&bytes, len), Ok(slots));
    }

    #[test]
    fn every_cut_and_every_flipped_byte_is_noticed() {
        let mut bytes = header(&sample_header());
        let start = bytes.len();
        bytes.extend_from_slice(b"entry");
        let offset = bytes.len();
        bytes.extend(directory(&[slot("/a/1.md", start, 5)], offset));
        let usable = |bytes: &[u8]| {
            read_header(bytes).and_then(|(_, len)| read_directory(bytes, len).map(|_| ()))
        };
        for cut in 0..bytes.len() {
            assert!(usable(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for at in (0..bytes.len()).filter(|at| !(start..offset).contains(at)) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x10;
            assert!(usable(&flipped).is_err(), "flipped at {at}");
        }
    }

    #[test]
    fn another_format_is_named_as_such() {
        let mut bytes = header(&sample_header());
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(read_header(&bytes), Err(Problem::OtherFormat(99)));
        assert_eq!(read_header(b"not a cache"), Err(Problem::NotACache));
    }
}
