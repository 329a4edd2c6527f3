//! The browser opening a corpus, timed as a person sees it: the built binary runs in a
//! pseudo-terminal of 100×30 (the end-to-end tests' harness, `tests/support`), and the screen is
//! read as it changes.
//!
//! - **first frame**: the list pane is drawn (`Articles`);
//! - **first article**: the reader shows an article's info line (its encoding, `UTF-8`);
//! - **loaded**: the list header no longer says `so far` and the status bar no longer `loading`;
//! - **peak**: the process's peak resident memory (`VmHWM`) once loaded.
//!
//! For the generated 300 MB archive (`benches/support/archive.rs`, written to
//! `$TMPDIR/wenji-bench/archive` on first run) and the wikisource reports, each without the load
//! cache (`--no-cache`) and with a warm one (filled by `wenji list` and one open of the browser,
//! which stores the search index beside it, before the timed runs). Prints the minimum, median
//! and maximum of `WENJI_OPEN_RUNS` runs (default 5) of each.
//!
//! `cargo bench --bench open`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "support/corpus_gen.rs"]
#[allow(
    dead_code,
    reason = "the generator program uses the parts this bench does not"
)]
mod corpus_gen;

#[path = "../tests/support/mod.rs"]
mod support;

use support::Pty;

/// Longest wait for one step: a cold open of the archive on a busy machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// One open's times from the start of the process, and its peak memory.
struct Open {
    first_frame: Duration,
    first_article: Duration,
    loaded: Duration,
    peak_mib: u32,
}

fn main() {
    let runs = std::env::var("WENJI_OPEN_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let archive = std::env::temp_dir().join("wenji-bench/archive");
    let archive =
        match corpus_gen::archive::ensure(&corpus_gen::archive::THREE_HUNDRED_MB, &archive) {
            Ok(_) => Some(archive),
            Err(error) => {
                eprintln!(
                    "open/archive skipped: cannot write {}: {error}",
                    archive.display()
                );
                None
            }
        };
    let wikisource = Some(corpus_gen::wikisource_dir()).filter(|dir| dir.is_dir());
    if wikisource.is_none() {
        eprintln!("open/wikisource skipped: the reports are not there");
    }
    let home = tempfile::tempdir().expect("a temporary home");
    for (name, dir) in [("archive", archive), ("wikisource", wikisource)] {
        let Some(dir) = dir else { continue };
        let cache = home.path().join(format!("cache-{name}"));
        for (how, args) in [("no cache", &["--no-cache"][..]), ("warm cache", &[])] {
            if args.is_empty() {
                fill_cache(&dir, &cache);
                let browser = spawn(&dir, args, &cache, home.path());
                wait_for_index(&cache);
                drop(browser);
            }
            let opens: Vec<Open> = (0..runs)
                .map(|_| open(&dir, args, &cache, home.path()))
                .collect();
            report(&format!("open/{name} ({how})"), &opens);
        }
    }
}

/// Fills the load cache in `cache` for `dir` with `wenji list`, which writes it before it exits
/// (a browser stopped once loaded may not have finished writing).
fn fill_cache(dir: &Path, cache: &Path) {
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("list")
        .arg(dir)
        .env("XDG_CACHE_HOME", cache)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("wenji list runs");
    assert!(listed.success(), "wenji list {} failed", dir.display());
}

/// Waits until the browser's search index is stored in `cache` (written in the background once
/// a corpus is loaded): an index file there, and none being written.
fn wait_for_index(cache: &Path) {
    let until = Instant::now() + PATIENCE;
    let files = || -> Vec<PathBuf> {
        std::fs::read_dir(cache.join("wenji"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let is = |path: &Path, extension: &str| path.extension().is_some_and(|e| e == extension);
    while Instant::now() < until {
        let files = files();
        let stored = files.iter().any(|p| is(p, "wji"));
        let writing = files
            .iter()
            .any(|p| is(p, "tmp") && p.to_string_lossy().contains(".wji."));
        if stored && !writing {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no search index was stored in {}", cache.display());
}

/// The browser on `dir` with `args`, the load cache in `cache`.
fn spawn(dir: &Path, args: &[&str], cache: &Path, home: &Path) -> Pty {
    let dir = dir.to_string_lossy();
    let args: Vec<&str> = args.iter().copied().chain([dir.as_ref()]).collect();
    Pty::command(env!("CARGO_BIN_EXE_wenji"))
        .args(&args)
        .size(100, 30)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .spawn()
}

/// Opens `dir` once with `args`, the load cache in `cache`, and times it.
fn open(dir: &Path, args: &[&str], cache: &Path, home: &Path) -> Open {
    let start = Instant::now();
    let pty = spawn(dir, args, cache, home);
    let at = |what: &str, pred: &dyn Fn(&str) -> bool| {
        pty.wait_until(|screen| pred(&screen.contents()), PATIENCE)
            .unwrap_or_else(|screen| panic!("{what}: {screen}"));
        start.elapsed()
    };
    let first_frame = at("first frame", &|text| text.contains("Articles"));
    let first_article = at("first article", &|text| text.contains("UTF-8"));
    let loaded = at("loaded", &|text| {
        // `Articles (N)`, or `N articles, M distinct` once copies are folded.
        (text.contains("Articles") || text.contains(" distinct "))
            && !text.contains("so far")
            && !text.contains("loading")
    });
    Open {
        first_frame,
        first_article,
        loaded,
        peak_mib: peak_mib(pty.pid()),
    }
}

/// `VmHWM` of process `pid`, in MiB; 0 when it cannot be read.
fn peak_mib(pid: u32) -> u32 {
    let status = std::fs::read_to_string(PathBuf::from(format!("/proc/{pid}/status")));
    status
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u32>().ok()
        })
        .map_or(0, |kib| kib / 1024)
}

fn report(what: &str, opens: &[Open]) {
    let spread = |mut values: Vec<f64>, unit: &str| {
        values.sort_by(f64::total_cmp);
        let median = values[values.len() / 2];
        let (min, max) = (values[0], values[values.len() - 1]);
        format!("{min:.0}–{max:.0} {unit} (median {median:.0})")
    };
    let ms = |pick: fn(&Open) -> Duration| -> Vec<f64> {
        opens
            .iter()
            .map(|o| pick(o).as_secs_f64() * 1000.0)
            .collect()
    };
    println!("{what}, {} runs:", opens.len());
    println!("  first frame    {}", spread(ms(|o| o.first_frame), "ms"));
    println!("  first article  {}", spread(ms(|o| o.first_article), "ms"));
    println!("  loaded         {}", spread(ms(|o| o.loaded), "ms"));
    let peaks = opens.iter().map(|o| f64::from(o.peak_mib)).collect();
    println!("  peak           {}", spread(peaks, "MiB"));
}
