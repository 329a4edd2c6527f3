//! What the browser opens, and the thread that loads it in the background.
//!
//! The loader reads the inputs in corpus order ([`crate::corpus::growth`]) and hands each part
//! to the search worker, which takes it into its engine and passes it on to the loop: the list
//! never shows an article the engine cannot find. Unchanged files come from the load cache, which
//! is written after the last part, in the background; the engine keeps its index beside it
//! ([`Opening::index_file`]). A corpus read before the browser started
//! (the sample, or standard input typed at the terminal) is handed over whole, the same way.
//!
//! The loader also makes the corpus's article keys as the parts pass (resolving every file's
//! path, a quarter of a second for 50 000 files), and sends them before the last part, so the
//! session opens at once when loading ends.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use crate::corpus::{Corpus, Growth, LoadOptions, Progress, stream_cached};
use crate::persist::CorpusId;
use crate::persist::cache::IndexFile;
use crate::persist::keys::{CorpusKeys, KeysBuilder, KeysPart};
use crate::search::worker::Feeder;

/// What the browser opens.
#[derive(Debug)]
pub enum Opening {
    /// A corpus already read.
    Read(Corpus),
    /// Files and folders to load in the background, through the load cache in `cache_dir`
    /// (none: `--no-cache`, or no cache folder).
    Paths {
        paths: Vec<PathBuf>,
        options: LoadOptions,
        cache_dir: Option<PathBuf>,
    },
}

impl Opening {
    /// Where the search index of what is opened is kept between runs: beside its load cache.
    pub fn index_file(&self) -> Option<IndexFile> {
        match self {
            Opening::Paths {
                paths,
                options,
                cache_dir: Some(dir),
            } => Some(IndexFile::new(dir, &CorpusId::from_inputs(paths), options)),
            _ => None,
        }
    }
}

/// Starts loading `opening` on a thread of its own, feeding the worker; it stops early when
/// the worker is gone (the browser has quit). The corpus's article keys come on the channel
/// returned, before the last part reaches the worker.
pub(super) fn spawn(
    opening: Opening,
    feeder: Feeder,
) -> std::io::Result<mpsc::Receiver<CorpusKeys>> {
    let (keys_sender, keys) = mpsc::channel();
    thread::Builder::new()
        .name("load".into())
        .spawn(move || match opening {
            Opening::Read(corpus) => {
                let _ = keys_sender.send(CorpusKeys::new(&corpus));
                feeder.grow(Growth::whole(corpus));
            }
            Opening::Paths {
                paths,
                options,
                cache_dir,
            } => {
                let mut progress = Progress::default();
                let mut keying = keys_thread(keys_sender);
                let streamed = stream_cached(&paths, options, cache_dir.as_deref(), |part| {
                    progress = part.progress;
                    if let Some(keying) = &keying {
                        keying.add(KeysPart::of(&part.sources, &part.articles));
                    }
                    if let Some(keying) = keying.take_if(|_| part.progress.done) {
                        // The keys go out before the last part does.
                        keying.finish();
                    }
                    if feeder.grow(part) {
                        ControlFlow::Continue(())
                    } else {
                        ControlFlow::Break(())
                    }
                });
                // The cache is written after the corpus is in; if that failed, say so in `!`,
                // and so for every text found damaged in the cache when first read, for as
                // long as the browser runs.
                let late = streamed.late.into_iter().flatten();
                for warning in streamed.failed.into_iter().chain(late) {
                    let part = Growth {
                        warnings: vec![warning],
                        progress,
                        ..Growth::default()
                    };
                    if !feeder.grow(part) {
                        break;
                    }
                }
            }
        })?;
    Ok(keys)
}

/// A thread that keys the parts it is given ([`KeysBuilder`]) while the loading thread goes
/// on, and sends the keys once told the parts are all in.
struct Keying {
    parts: mpsc::Sender<KeysPart>,
    thread: thread::JoinHandle<()>,
}

/// Starts [`Keying`] towards `keys`; `None` (and no keys: the browser makes them when loading
/// ends) when no thread can be had.
fn keys_thread(keys: mpsc::Sender<CorpusKeys>) -> Option<Keying> {
    let (parts, received) = mpsc::channel::<KeysPart>();
    let thread = thread::Builder::new()
        .name("keys".into())
        .spawn(move || {
            let mut builder = KeysBuilder::default();
            for part in received {
                builder.add_part(part);
            }
            let _ = keys.send(builder.finish());
        })
        .ok()?;
    Some(Keying { parts, thread })
}

impl Keying {
    fn add(&self, part: KeysPart) {
        let _ = self.parts.send(part);
    }

    /// Waits for the keys of every part given to be sent.
    fn finish(self) {
        drop(self.parts);
        let _ = self.thread.join();
    }
}
