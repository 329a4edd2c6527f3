//! Which engine answers the browser's searches: the in-memory scan, or the deterministic test
//! engine when `WENJI_TEST_ENGINE=fake` (or `fake:MS`, each batch of one article `MS`
//! milliseconds after the last) is set, so the end-to-end tests can watch an answer stream in
//! and show that the browser runs on any engine behind the seam. A corpus loaded through the
//! load cache keeps its scan's index there too.

use std::sync::Arc;
use std::time::Duration;

use crate::persist::cache::IndexFile;
use crate::search::Scan;
use crate::search::fake::Fake;
use crate::search::worker::{Update, Worker};

/// Starts the search worker on the engine the environment asks for, over a corpus still to
/// come: the loader feeds it (`Worker::feeder`). The scan keeps its index in `index_file`.
pub(super) fn spawn(
    index_file: Option<IndexFile>,
    notify: impl Fn(Update) + Send + 'static,
) -> std::io::Result<Worker> {
    match test_engine(std::env::var("WENJI_TEST_ENGINE").ok().as_deref()) {
        Some(pace) => Worker::spawn(move || Fake::new(Arc::default()).pace(pace), notify),
        None => Worker::spawn(
            move || index_file.map_or_else(Scan::growing, Scan::growing_stored),
            notify,
        ),
    }
}

/// The pace of the test engine `spec` asks for, if it asks for one.
fn test_engine(spec: Option<&str>) -> Option<Duration> {
    let rest = spec?.strip_prefix("fake")?;
    let millis = match rest.strip_prefix(':') {
        Some(millis) => millis.parse().ok()?,
        None if rest.is_empty() => 0,
        None => return None,
    };
    Some(Duration::from_millis(millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_fake_spec_chooses_the_test_engine() {
        assert_eq!(test_engine(None), None);
        assert_eq!(test_engine(Some("scan")), None);
        assert_eq!(test_engine(Some("fakes")), None);
        assert_eq!(test_engine(Some("fake:x")), None);
        assert_eq!(test_engine(Some("fake")), Some(Duration::ZERO));
        assert_eq!(
            test_engine(Some("fake:250")),
            Some(Duration::from_millis(250))
        );
    }
}
