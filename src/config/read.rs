//! Reading a config or theme file with a size limit: a file over [`MAX_BYTES`] is refused
//! before it is parsed (so a huge or endless file, `/dev/zero` say, cannot stall start-up), and
//! the message says how big it is and what the limit is.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// The largest config or theme file wenji reads: 1 MiB, far more than any real one needs.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Why a file's text could not be had.
#[derive(Debug)]
pub(crate) enum ReadError {
    Io(io::Error),
    /// Longer than [`MAX_BYTES`]; the size when the file system knows it.
    TooLarge(Option<u64>),
}

impl ReadError {
    /// Says what is wrong, for a message that then says what wenji does instead.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Io(err) => format!("cannot read the file ({err})"),
            Self::TooLarge(size) => {
                let size = size.map_or_else(String::new, |bytes| format!(" ({bytes} bytes)"));
                format!("the file is larger{size} than the 1 MiB wenji reads")
            }
        }
    }
}

/// The file's text, if it is UTF-8 and no longer than [`MAX_BYTES`].
pub(crate) fn read_limited(path: &Path) -> Result<String, ReadError> {
    let file = File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().ok().map(|m| m.len());
    if size.is_some_and(|bytes| bytes > MAX_BYTES) {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge(None));
    }
    String::from_utf8(bytes)
        .map_err(|err| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, err)))
}
