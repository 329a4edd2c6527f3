//! Writes `src/text/script/table.rs`, the script-folding table, from OpenCC's character tables
//! kept in `data/opencc-1.4.2` (see `wenji_core::text::script::build`).
//!
//! `cargo run -p wenji-core --example script_table`

use std::fmt::Write as _;
use std::path::Path;

use wenji_core::text::script::build::{OPENCC, from_opencc};

fn main() -> Result<(), String> {
    let fold = from_opencc(&OPENCC)?;
    let mut out = String::from(
        "//! The script-folding table, written by `cargo run -p wenji-core --example \
         script_table`\n//! from OpenCC 1.4.2's character tables (Apache-2.0, \
         `data/opencc-1.4.2`). Do not edit.\n\n\
         /// Each character that folds to another, and that other, sorted.\n\
         pub static FOLD: &[(char, char)] = &[\n",
    );
    for (from, to) in &fold {
        // Escaped: a compatibility ideograph written as itself is not in NFC, and an editor
        // may silently change it to the character it stands for. (The data files are the
        // readable form.)
        let (a, b) = (u32::from(*from), u32::from(*to));
        writeln!(out, "    ('\\u{{{a:X}}}', '\\u{{{b:X}}}'),").map_err(|e| e.to_string())?;
    }
    out.push_str("];\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/text/script/table.rs");
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}: {} characters", path.display(), fold.len());
    Ok(())
}
