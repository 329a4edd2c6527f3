//! `wenji cache status` and `wenji cache clear`: the load cache's folder as a person looks
//! after it — what is cached, how big, how lately used, where — and emptying it.
//!
//! A cache file's header is read but never trusted: its inputs, like every path and reason
//! printed here, are sanitised onto one line before they reach the terminal.

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cli::CacheAction;
use crate::persist::cache::{Header, folder};
use crate::text::sanitize::sanitized_line;

/// Why a cache command could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no cache folder could be found (is $HOME set?)")]
    NoFolder,
    #[error("cannot read or clear the cache folder {path}: {source}")]
    Folder {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot write: {0}")]
    Write(#[from] io::Error),
}

/// Runs `action` on the cache folder `dir` (`None`: there is none), printing to `out`.
pub fn run(
    action: CacheAction,
    dir: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), CacheError> {
    let dir = dir.ok_or(CacheError::NoFolder)?;
    let folder_error = |source| CacheError::Folder {
        path: shown(dir),
        source,
    };
    match action {
        CacheAction::Status => {
            let files = folder::list(dir).map_err(folder_error)?;
            status(dir, &files, SystemTime::now(), out)?;
        }
        CacheAction::Clear => {
            let (files, bytes) = folder::clear(dir).map_err(folder_error)?;
            writeln!(
                out,
                "removed {files} cached {} ({}) from {}",
                corpora(files),
                size(bytes),
                shown(dir)
            )?;
        }
    }
    Ok(())
}

/// One paragraph per cached corpus, the most recently used first.
fn status(
    dir: &Path,
    files: &[folder::CacheFile],
    now: SystemTime,
    out: &mut impl Write,
) -> io::Result<()> {
    if files.is_empty() {
        return writeln!(out, "no corpus is cached in {}", shown(dir));
    }
    let total = files.iter().map(|file| file.bytes).sum();
    writeln!(
        out,
        "{} cached {} in {}, {} in all (kept under twice the largest)",
        files.len(),
        corpora(files.len()),
        shown(dir),
        size(total)
    )?;
    for file in files.iter().rev() {
        writeln!(out)?;
        let used = format!("used {}", ago(now, file.last_used));
        match &file.header {
            Ok(header) => {
                writeln!(out, "{}", inputs(header))?;
                let files = file
                    .files
                    .map_or_else(|| "damaged".to_owned(), |n| plural(n, "file"));
                let written = UNIX_EPOCH + Duration::from_secs(header.written);
                let build = if header.settings.version == env!("CARGO_PKG_VERSION") {
                    String::new()
                } else {
                    let version = sanitized_line(header.settings.version.clone());
                    format!(" · wenji {version}, not read by this one")
                };
                let index = file.index_bytes.map_or_else(String::new, |bytes| {
                    format!(" (search index {})", size(bytes))
                });
                writeln!(
                    out,
                    "    {files} · {}{index} · {used} · written {}{build}",
                    size(file.bytes),
                    ago(now, written)
                )?;
            }
            Err(why) => {
                writeln!(out, "(unreadable: {})", sanitized_line(why.clone()))?;
                writeln!(out, "    {} · {used}", size(file.bytes))?;
            }
        }
        writeln!(out, "    {}", shown(&file.path))?;
    }
    Ok(())
}

/// The corpus's inputs on one line.
fn inputs(header: &Header) -> String {
    sanitized_line(header.corpus.0.join(" "))
}

/// A path, safe to print on one line.
fn shown(path: &Path) -> String {
    sanitized_line(path.display().to_string())
}

fn corpora(count: usize) -> &'static str {
    if count == 1 { "corpus" } else { "corpora" }
}

fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// Bytes in decimal units, as file managers show them: `812 B`, `4.2 kB`, `612.3 MB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    // Precision is not needed past one decimal.
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// How long before `now` `then` was, in the largest whole unit: `just now`, `5 minutes ago`.
fn ago(now: SystemTime, then: SystemTime) -> String {
    let seconds = now.duration_since(then).unwrap_or_default().as_secs();
    let (count, unit) = match seconds {
        0..60 => return "just now".to_owned(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    format!(
        "{} ago",
        plural(usize::try_from(count).unwrap_or(usize::MAX), unit)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_ages_read_as_a_person_says_them() {
        assert_eq!(size(812), "812 B");
        assert_eq!(size(4_200), "4.2 kB");
        assert_eq!(size(612_345_678), "612.3 MB");
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let before = |seconds| now - Duration::from_secs(seconds);
        assert_eq!(ago(now, before(5)), "just now");
        assert_eq!(ago(now, before(60)), "1 minute ago");
        assert_eq!(ago(now, before(7300)), "2 hours ago");
        assert_eq!(ago(now, before(3 * 86_400)), "3 days ago");
        // A clock set back is not a negative age.
        assert_eq!(ago(before(10), now), "just now");
    }
}
