//! The layers of `src/lib.rs`'s doc hold: every path in `src/` that names a top-level module of
//! the crate (`crate::state`, each name of `use crate::{config, ui}`, or `super::` climbing to the
//! root) names a module of a lower layer than its file's own, and no modules import each other in
//! a circle. Comment lines are not read: a doc link is not an import.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A path, in a file of module `from`, that names the top-level module `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    from: String,
    to: String,
    /// The file, relative to the package.
    file: String,
    /// From 1.
    line: usize,
}

impl Import {
    fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// The layers listed under `# Layers` in the lib doc, top first: in each item, the backticked
/// names before its first colon.
fn layers(lib: &str) -> Vec<Vec<String>> {
    lib.lines()
        .map_while(|line| line.strip_prefix("//!"))
        .skip_while(|line| line.trim() != "# Layers")
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.strip_prefix(" - "))
        .map(|item| {
            let names = item.split(':').next().unwrap_or_default();
            names
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// The modules `src/lib.rs` declares, and those it re-exports from the core, sorted.
fn declared(lib: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in lib.lines() {
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .and_then(|r| r.strip_suffix(';'))
        {
            names.push(name.to_owned());
        }
        let core = line.strip_prefix("pub use wenji_core::{");
        if let Some(list) = core.and_then(|r| r.strip_suffix("};")) {
            names.extend(list.split(',').map(|name| name.trim().to_owned()));
        }
    }
    names.sort();
    names
}

/// The `.rs` files under `dir`, in a stable order.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("source folder readable")
        .map(|entry| entry.expect("folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The module a file under `src/` holds, as names from the crate root (`src/config/theme/mod.rs`
/// is `config::theme`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut names: Vec<String> = relative
        .with_extension("")
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if names.last().is_some_and(|last| last == "mod") {
        names.pop();
    }
    names
}

/// The name an inline module opens on this line with (`mod tests {`), as rustfmt writes it.
fn inline_module(line: &str) -> Option<&str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words[..] {
        [.., "mod", name, "{"] => Some(name),
        _ => None,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier at the start of `text`, if any.
fn ident(text: &str) -> &str {
    &text[..text.find(|c| !is_ident(c)).unwrap_or(text.len())]
}

/// The names of the group `text` opens (`{a, b::c, d::{e}}` names a, b and d), each with its
/// offset in `text`.
fn group_names(text: &str) -> Vec<(usize, &str)> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut expecting = false;
    for (at, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                expecting = depth == 1;
            }
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => expecting = true,
            c if expecting && is_ident(c) => {
                names.push((at, ident(&text[at..])));
                expecting = false;
            }
            _ => {}
        }
    }
    names
}

/// Every path in `text`, the file `file` of module `module`, that names a top-level module.
fn imports(file: &str, module: &[String], text: &str) -> Vec<Import> {
    // The module each line is in, counting inline ones, and the text with comment lines blanked.
    let mut open: Vec<(usize, &str)> = Vec::new();
    let mut depth_at = Vec::new();
    let mut code = String::new();
    let mut line_starts = Vec::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if open
            .last()
            .is_some_and(|&(at, _)| at == indent && line.trim() == "}")
        {
            open.pop();
        }
        depth_at.push(module.len() + open.len());
        if let Some(name) = inline_module(line) {
            open.push((indent, name));
        }
        line_starts.push(code.len());
        if !line.trim_start().starts_with("//") {
            code.push_str(line);
        }
        code.push('\n');
    }
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let before = |offset: usize| code[..offset].chars().next_back();
    let mut roots: Vec<usize> = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if !before(at).is_some_and(|c| is_ident(c) || c == '$') {
            roots.push(at + "crate::".len());
        }
    }
    for (at, _) in code.match_indices("super::") {
        if before(at).is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let mut rest = at;
        let mut climbs = 0;
        while code[rest..].starts_with("super::") {
            rest += "super::".len();
            climbs += 1;
        }
        if climbs == depth_at[line_of(at) - 1] {
            roots.push(rest);
        }
    }
    let mut found = Vec::new();
    for start in roots {
        let rest = &code[start..];
        let names = if rest.starts_with('{') {
            group_names(rest)
        } else {
            vec![(0, ident(rest))]
        };
        for (offset, name) in names {
            if !name.is_empty() && name != module[0] {
                found.push(Import {
                    from: module[0].clone(),
                    to: name.to_owned(),
                    file: file.to_owned(),
                    line: line_of(start + offset),
                });
            }
        }
    }
    found.sort_by_key(|import| import.line);
    found
}

/// Every import that does not go down to a lower layer, as a message naming its place.
fn violations(layers: &[Vec<String>], imports: &[Import]) -> Vec<String> {
    let layer_of = |name: &str| {
        layers
            .iter()
            .position(|layer| layer.iter().any(|n| n == name))
    };
    let mut messages = Vec::new();
    for import in imports {
        let (from, to) = (&import.from, &import.to);
        match (layer_of(from), layer_of(to)) {
            (Some(own), Some(other)) if other > own => {}
            (None, _) => messages.push(format!("{}: {from} is in no layer", import.place())),
            (_, None) => messages.push(format!(
                "{}: {from} names `{to}`, which is in no layer",
                import.place()
            )),
            _ => messages.push(format!(
                "{}: {from} imports {to}, which is not in a layer below {from}'s",
                import.place()
            )),
        }
    }
    messages
}

/// A circle of imports, each the first one found from one module to the next; `None` without.
fn circle(imports: &[Import]) -> Option<Vec<&Import>> {
    let mut edges: BTreeMap<&str, Vec<&Import>> = BTreeMap::new();
    for import in imports {
        let out = edges.entry(import.from.as_str()).or_default();
        if !out.iter().any(|known| known.to == import.to) {
            out.push(import);
        }
    }
    let mut done = Vec::new();
    edges
        .keys()
        .find_map(|module| walk(module, &edges, &mut Vec::new(), &mut done))
}

/// Follows the imports out of `module`, reached by those on `path`: the circle, if one closes.
/// `done` holds the modules already known to lead into none.
fn walk<'a>(
    module: &str,
    edges: &BTreeMap<&str, Vec<&'a Import>>,
    path: &mut Vec<&'a Import>,
    done: &mut Vec<String>,
) -> Option<Vec<&'a Import>> {
    if let Some(start) = path.iter().position(|import| import.from == module) {
        return Some(path[start..].to_vec());
    }
    if done.iter().any(|d| d == module) {
        return None;
    }
    for &import in edges.get(module).into_iter().flatten() {
        path.push(import);
        if let Some(found) = walk(&import.to, edges, path, done) {
            return Some(found);
        }
        path.pop();
    }
    done.push(module.to_owned());
    None
}

/// The lib doc, and every import in the files of `src/` other than the crate roots.
fn crate_imports() -> (String, Vec<Import>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs readable");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut found = Vec::new();
    for path in files {
        let relative = path.strip_prefix(root.join("src")).expect("under src");
        if relative == Path::new("lib.rs") || relative == Path::new("main.rs") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("source file readable");
        let file = Path::new("src").join(relative);
        found.extend(imports(
            &file.to_string_lossy(),
            &module_of(relative),
            &text,
        ));
    }
    (lib, found)
}

#[test]
fn every_module_of_the_crate_is_in_exactly_one_layer() {
    let (lib, _) = crate_imports();
    let mut listed: Vec<String> = layers(&lib).concat();
    listed.sort();
    assert_eq!(
        listed,
        declared(&lib),
        "the `# Layers` list in src/lib.rs names each module once"
    );
}

#[test]
fn every_module_imports_only_modules_of_the_layers_below_it() {
    let (lib, imports) = crate_imports();
    assert!(!imports.is_empty(), "the scan finds the crate's imports");
    let found = violations(&layers(&lib), &imports);
    assert!(
        found.is_empty(),
        "imports against the `# Layers` of src/lib.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let (_, imports) = crate_imports();
    if let Some(found) = circle(&imports) {
        let lines: Vec<String> = found
            .iter()
            .map(|import| format!("{} → {} at {}", import.from, import.to, import.place()))
            .collect();
        panic!(
            "modules import each other in a circle:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn the_scan_finds_each_way_of_naming_a_module_and_skips_comments() {
    let text = "use crate::config::Config;\n\
                use crate::{\n    keymap::Mode,\n    theme::{self, Theme},\n};\n\
                // use crate::app::App;\n\
                /// See [`crate::app`].\n\
                let x = crate::count::count(1, \"\");\n\
                macro_rules! m { () => { $crate::ui::render } }\n\
                use super::super::wire::Scroll;\n\
                mod tests {\n    use super::super::super::cli::Cli;\n    use super::*;\n}\n\
                use super::ui::Frame;\n";
    let module = ["state".to_owned(), "quote".to_owned()];
    let found: Vec<(String, usize)> = imports("src/state/quote.rs", &module, text)
        .into_iter()
        .map(|import| (import.to, import.line))
        .collect();
    let expected = [("config", 1), ("keymap", 3), ("theme", 4), ("count", 8)];
    let more = [("wire", 10), ("cli", 12)];
    let expected: Vec<(String, usize)> = expected
        .iter()
        .chain(&more)
        .map(|&(name, line)| (name.to_owned(), line))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn an_import_up_a_layer_is_named_with_its_place_and_a_circle_is_found() {
    let layers = vec![vec!["ui".to_owned()], vec!["state".to_owned()]];
    let import = |from: &str, to: &str, line| Import {
        from: from.to_owned(),
        to: to.to_owned(),
        file: format!("src/{from}/mod.rs"),
        line,
    };
    let imports = [import("ui", "state", 3), import("state", "ui", 7)];
    assert_eq!(
        violations(&layers, &imports),
        ["src/state/mod.rs:7: state imports ui, which is not in a layer below state's"]
    );
    let found = circle(&imports).expect("a circle");
    assert_eq!(found.len(), 2);
    assert!(circle(&imports[..1]).is_none());
}
