//! What the state file holds, as plain serde data: the file format is these types in TOML.
//!
//! ```toml
//! version = 1
//!
//! [[corpus]]
//! id = ["/home/me/speeches"]          # sorted canonical input paths; ["(sample)"] for the sample
//! updated = "2025-03-01T08:00:00Z"
//!
//! [corpus.last]                        # the article open when this corpus was last left
//! file = "/home/me/speeches/a.txt"
//! title = "以全面振兴新突破建设中国式现代化新辽宁"
//!
//! [[position]]
//! file = "/home/me/speeches/a.txt"
//! title = "以全面振兴新突破建设中国式现代化新辽宁"
//! paragraph = 4                        # index into the article's paragraphs
//! offset = 96                          # byte offset of the top line inside that paragraph
//! updated = "2025-03-01T08:00:00Z"
//!
//! [[bookmark]]
//! file = "/home/me/speeches/a.txt"
//! title = "以全面振兴新突破建设中国式现代化新辽宁"
//! paragraph = 2
//! line = 13
//! snippet = "实现全面振兴新突破，我们要把推动经济整体好转作为硬任务。坚持"
//! note = "经济"
//! created = "2025-03-01T08:00:00Z"
//! uid = "1740816000123456789-4242"     # creation time in nanoseconds, and the process
//! edited = "2025-03-01T08:00:07.250000000Z"   # when the note was last set
//! stale = false
//!
//! [[deleted]]                          # a bookmark deleted lately (kept for 90 days)
//! file = "/home/me/speeches/a.txt"
//! title = "以全面振兴新突破建设中国式现代化新辽宁"
//! paragraph = 5
//! created = "2025-02-11T09:30:00Z"
//! uid = "1739266200000000001-4242"
//! deleted = "2025-03-01T08:00:09.500000000Z"
//! ```
//! Positions and bookmarks are keyed by file and title, not by list index, so they belong to the
//! article wherever it appears: opening one more file does not move them.
//!
//! A bookmark is known by its [`BookmarkId`]: file, title, paragraph, creation time and `uid`.
//! The `uid` tells apart two bookmarks made on one paragraph in the same second by two windows.
//! Files written before `uid` and `edited` existed are read as they are: the identity is then
//! the other four, and the note counts as set when the bookmark was made.

use serde::{Deserialize, Serialize};

/// The format this build reads and writes.
pub const VERSION: u32 = 1;

/// The `file` of articles from the embedded sample.
pub const SAMPLE_FILE: &str = "(sample)";

/// Which article: its file (canonical path, or [`SAMPLE_FILE`]) and its title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleKey {
    pub file: String,
    pub title: String,
}

/// Which corpus: the sorted canonical input paths, or `["(sample)"]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CorpusId(pub Vec<String>);

impl CorpusId {
    /// The embedded sample.
    pub fn sample() -> Self {
        Self(vec![SAMPLE_FILE.to_owned()])
    }

    /// The inputs as given on the command line, canonicalised and sorted; `-` (standard input)
    /// stays `-`.
    pub fn from_inputs(paths: &[std::path::PathBuf]) -> Self {
        let mut ids: Vec<String> = paths.iter().map(|p| super::keys::file_id(p)).collect();
        ids.sort();
        ids.dedup();
        Self(ids)
    }
}

/// Where the reader was, in terms that survive a relayout at another width: the paragraph at the
/// top of the view and the byte offset (into that paragraph's text) of its top visible line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub paragraph: usize,
    #[serde(default)]
    pub offset: usize,
}

/// One marked paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    #[serde(flatten)]
    pub key: ArticleKey,
    /// Index into the article's paragraphs.
    pub paragraph: usize,
    /// The paragraph's first source line when it was marked (1-based).
    pub line: usize,
    /// The paragraph's first characters when it was marked.
    pub snippet: String,
    #[serde(default)]
    pub note: String,
    /// When it was made, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    /// The creation time in nanoseconds and the id of the process that made it; empty in
    /// bookmarks from files written before it existed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// When the note was last set (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`); empty means when the
    /// bookmark was made. When two windows set one bookmark's note, the later setting wins.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub edited: String,
    /// The article or paragraph was missing the last time its file was opened.
    #[serde(default)]
    pub stale: bool,
}

/// A deleted bookmark, remembered for a while ([`super::store::DELETED_DAYS`]) so that a
/// window still holding it does not bring it back, and a note set after the deletion does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    #[serde(flatten)]
    pub key: ArticleKey,
    pub paragraph: usize,
    pub created: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// When it was deleted (`YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`).
    pub deleted: String,
}

impl Deleted {
    /// The identity of the bookmark that was deleted.
    pub fn id(&self) -> BookmarkId {
        BookmarkId {
            key: self.key.clone(),
            paragraph: self.paragraph,
            created: self.created.clone(),
            uid: self.uid.clone(),
        }
    }
}

/// What a bookmark is, whatever its note and wherever it stands in the list: the same in every
/// window and every save.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BookmarkId {
    pub key: ArticleKey,
    pub paragraph: usize,
    pub created: String,
    pub uid: String,
}

impl Bookmark {
    /// Its identity.
    pub fn id(&self) -> BookmarkId {
        BookmarkId {
            key: self.key.clone(),
            paragraph: self.paragraph,
            created: self.created.clone(),
            uid: self.uid.clone(),
        }
    }

    /// When its note was last set, in a form that sorts by time: `edited`, or the creation time
    /// for a bookmark whose note was never set since files had `edited`.
    pub fn edit_time(&self) -> String {
        if self.edited.is_empty() {
            // `…SSZ` sorts after `…SS.nnnZ` of the same second; give it the fraction it lacks.
            self.created.replace('Z', ".000000000Z")
        } else {
            self.edited.clone()
        }
    }
}

/// Per-corpus memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusEntry {
    pub id: CorpusId,
    /// The article open when the corpus was last left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<ArticleKey>,
    pub updated: String,
}

/// Where one article was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionEntry {
    #[serde(flatten)]
    pub key: ArticleKey,
    #[serde(flatten)]
    pub position: Position,
    pub updated: String,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u32,
    #[serde(default, rename = "corpus")]
    pub corpora: Vec<CorpusEntry>,
    #[serde(default, rename = "position")]
    pub positions: Vec<PositionEntry>,
    #[serde(default, rename = "bookmark")]
    pub bookmarks: Vec<Bookmark>,
    /// Bookmarks deleted lately, newest last.
    #[serde(default, rename = "deleted", skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deleted>,
}

impl Default for StateFile {
    fn default() -> Self {
        Self {
            version: VERSION,
            corpora: Vec::new(),
            positions: Vec::new(),
            bookmarks: Vec::new(),
            deleted: Vec::new(),
        }
    }
}

/// The first `chars` characters of `text`, for a bookmark's snippet.
pub fn snippet(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ` (UTC), which also sorts by time.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Nanoseconds since the Unix epoch, strictly increasing within this process: two calls never
/// return the same value, however coarse the clock.
pub fn unique_nanos() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST: AtomicU64 = AtomicU64::new(0);
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let previous = LAST
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |last| {
            Some(clock.max(last.saturating_add(1)))
        })
        .unwrap_or(clock);
    clock.max(previous.saturating_add(1))
}

/// The current time as [`format_utc_nanos`] gives it, never the same twice in this process.
pub fn now_nanos() -> String {
    format_utc_nanos(unique_nanos())
}

/// `nanos` since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (UTC), which sorts by time.
pub fn format_utc_nanos(nanos: u64) -> String {
    let seconds = format_utc(nanos / 1_000_000_000);
    seconds.replace('Z', &format!(".{:09}Z", nanos % 1_000_000_000))
}

/// A new bookmark's `uid`: a [`unique_nanos`] time and this process's id.
pub fn new_uid(nanos: u64) -> String {
    format!("{nanos}-{}", std::process::id())
}

/// `secs` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm), valid for every date after 1970.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_calendar_dates() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_709_294_645), "2024-03-01T12:04:05Z");
        assert_eq!(
            format_utc_nanos(1_709_294_645_000_000_042),
            "2024-03-01T12:04:05.000000042Z"
        );
    }

    #[test]
    fn unique_times_never_repeat() {
        let times: Vec<u64> = (0..1000).map(|_| unique_nanos()).collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_note_never_edited_counts_as_set_when_the_bookmark_was_made() {
        let mut mark = Bookmark {
            key: ArticleKey {
                file: "a".into(),
                title: "t".into(),
            },
            paragraph: 0,
            line: 1,
            snippet: String::new(),
            note: String::new(),
            created: "2025-01-01T00:00:05Z".into(),
            uid: String::new(),
            edited: String::new(),
            stale: false,
        };
        assert_eq!(mark.edit_time(), "2025-01-01T00:00:05.000000000Z");
        mark.edited = "2025-01-01T00:00:05.000000001Z".into();
        assert!(mark.edit_time().as_str() > "2025-01-01T00:00:05.000000000Z");
    }
}
