//! Prints one line per source, article and warning of a loaded corpus, articles as a digest of
//! their every field, so two builds' loads can be compared with `diff`. With `CACHE=DIR` the
//! corpus is loaded through the load cache in `DIR`, so a warm load can be compared with one
//! from the files.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let full = std::env::var_os("FULL").is_some();
    let options = wenji::corpus::LoadOptions::default();
    let corpus = match std::env::var_os("CACHE") {
        Some(dir) => wenji::corpus::load_cached(&paths, options, Some(dir.as_ref()))?.0,
        None => wenji::corpus::load(&paths, options)?,
    };
    for (i, s) in corpus.sources.iter().enumerate() {
        println!(
            "S{i}\t{}\t{}\t{:?}\t{:x}",
            s.name,
            s.encoding,
            s.format,
            digest(&s.text)
        );
    }
    for (i, a) in corpus.articles.iter().enumerate() {
        let shown = format!("{a:?}");
        if full {
            println!("A{i}\t{shown}");
        } else {
            println!("A{i}\t{}\t{:x}", a.source, digest(&shown));
        }
    }
    for w in &corpus.warnings {
        println!("W\t{w:?}");
    }
    Ok(())
}
