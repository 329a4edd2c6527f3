//! The browser and the commands reach the search engine through its seam only: no file of the
//! browser crate names the in-memory engine's parts (its packed index, its eight-byte hits, its
//! narrowing), so another engine can take its place without touching them.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir)
        .expect("source folder is readable")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_engine_seam_is_named_outside_the_core() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "found the browser's sources: {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("a source file is text");
        for (number, line) in text.lines().enumerate() {
            if line.contains("search::scan") {
                offences.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "the in-memory engine's parts are named outside it:\n{}",
        offences.join("\n")
    );
}
