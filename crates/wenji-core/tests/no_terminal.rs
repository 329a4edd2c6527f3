//! The core never depends on a terminal or argument library: what `cargo tree` prints for its
//! normal dependencies names none of them, so the one-shot commands, the browser and any other
//! front end stand on the same library.

use std::process::Command;

#[test]
fn the_core_depends_on_no_terminal_or_argument_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "wenji-core",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.contains("wenji-core"),
        "the tree names the core: {tree}"
    );
    assert!(
        tree.contains("memchr"),
        "the tree lists the core's dependencies: {tree}"
    );
    let banned: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or("");
            ["ratatui", "crossterm", "clap"]
                .iter()
                .any(|b| name.starts_with(b))
        })
        .collect();
    assert!(banned.is_empty(), "the core pulls in {banned:?}");
}
