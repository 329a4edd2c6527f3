//! The load cache as a user of the built binary meets it: `wenji list` and `wenji search` print
//! the same from a warm cache as from the files, `--no-cache` neither reads nor writes it,
//! `wenji cache status` names what is cached and `wenji cache clear` empties it, a damaged
//! cache is reported on standard error and repaired, and two wenji writing one cache at once
//! leave it sound.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

/// A home of its own: the cache under `cache/wenji`, and a corpus folder.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        let home = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        for (n, text) in [
            "振兴东北，发展经济。\n",
            "## 龙江\n\n张三（省长）\n\n振兴龙江。\n",
        ]
        .iter()
        .enumerate()
        {
            home.write(&format!("docs/{n}.md"), text);
        }
        home.write("other/a.txt", "另一个语料，振兴。\n");
        home
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// The cache folder wenji uses here.
    fn cache(&self) -> PathBuf {
        self.path("cache/wenji")
    }

    /// Writes a file dated a minute ago, so it has settled and is cached.
    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        let time = SystemTime::now() - Duration::from_secs(60);
        let file = std::fs::File::options().write(true).open(&path);
        file.and_then(|file| file.set_modified(time))
            .expect("set the time");
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wenji"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_STATE_HOME", self.path("state"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("NO_COLOR", "1");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("wenji runs")
    }

    /// The cache files and when each was last used.
    fn cache_times(&self) -> Vec<(PathBuf, SystemTime)> {
        let time = |path: &PathBuf| std::fs::metadata(path).and_then(|m| m.modified());
        let files = self.cache_files().into_iter();
        files
            .map(|p| (time(&p).expect("a time"), p))
            .map(|(t, p)| (p, t))
            .collect()
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.cache()) else {
            return Vec::new();
        };
        entries
            .map(|entry| entry.expect("an entry").path())
            .collect()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Flips the lowest bit of byte `at` of the first place in `bytes` (a cache file) that holds
/// `text`.
fn flip(bytes: &mut [u8], text: &str, at: usize) {
    let start = bytes
        .windows(text.len())
        .position(|w| w == text.as_bytes())
        .unwrap_or_else(|| panic!("the cache holds {text}"));
    bytes[start + at] ^= 0x01;
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{:?}: {}",
        output.status,
        text(&output.stderr)
    );
    text(&output.stdout)
}

#[test]
fn a_warm_cache_prints_what_the_files_print_and_no_cache_leaves_it_alone() {
    let home = Home::new();
    let status = stdout(&home.run(&["cache", "status"]));
    assert!(status.starts_with("no corpus is cached in "), "{status}");
    for args in [
        &["list", "docs"][..],
        &["search", "--count", "振兴", "docs"],
    ] {
        let no_cache: Vec<&str> = args.iter().copied().chain(["--no-cache"]).collect();
        let before = home.cache_times();
        let files = home.run(&no_cache);
        assert_eq!(home.cache_times(), before, "--no-cache touched the cache");
        let cold = home.run(args);
        let warm = home.run(args);
        for output in [&cold, &warm] {
            assert_eq!(stdout(output), stdout(&files), "{args:?}");
            assert_eq!(text(&output.stderr), text(&files.stderr), "{args:?}");
        }
        assert_eq!(home.cache_files().len(), 1);
    }
    let status = stdout(&home.run(&["cache", "status"]));
    let docs = std::fs::canonicalize(home.path("docs")).expect("canonical");
    assert!(status.starts_with("1 cached corpus in "), "{status}");
    assert!(
        status.contains(&format!("\n{}\n", docs.display())),
        "{status}"
    );
    assert!(status.contains("    2 files · "), "{status}");
    assert!(
        status.contains(" · used just now · written just now"),
        "{status}"
    );
    let file = &home.cache_files()[0];
    assert!(
        status.contains(&format!("    {}\n", file.display())),
        "{status}"
    );
}

#[test]
fn the_browser_takes_no_cache_too() {
    let home = Home::new();
    let output = home.run(&["--no-cache", "docs"]);
    // Not a terminal: the browser says so, which it does only once the arguments are read.
    assert!(
        text(&output.stderr).contains("not a terminal"),
        "{output:?}"
    );
}

#[test]
fn a_damaged_cache_is_reported_and_repaired() {
    let home = Home::new();
    let files = stdout(&home.run(&["list", "docs"]));
    let file = home.cache_files().remove(0);
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("truncate");
    let damaged = home.run(&["list", "docs"]);
    assert_eq!(stdout(&damaged), files);
    let stderr = text(&damaged.stderr);
    let expected = format!("wenji: cache: {} is damaged", file.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(stderr.ends_with("; it is rebuilt\n"), "{stderr}");
    let repaired = home.run(&["list", "docs"]);
    assert_eq!(stdout(&repaired), files);
    assert_eq!(text(&repaired.stderr), "");
}

#[test]
fn two_at_once_leave_one_sound_cache_and_clear_empties_it() {
    let home = Home::new();
    stdout(&home.run(&["list", "docs"]));
    let children: Vec<_> = (0..2)
        .map(|_| {
            home.command(&["list", "other"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("wenji starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wenji ends");
        assert_eq!(text(&output.stderr), "");
        assert!(stdout(&output).contains("other/a.txt:1"));
    }
    let again = home.run(&["list", "other"]);
    assert_eq!(text(&again.stderr), "");
    let names: Vec<String> = home
        .cache_files()
        .iter()
        .map(|path| {
            path.file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names.len(),
        2,
        "one file per corpus, no temporaries: {names:?}"
    );
    let status = stdout(&home.run(&["cache", "status"]));
    assert!(status.starts_with("2 cached corpora in "), "{status}");
    let cleared = stdout(&home.run(&["cache", "clear"]));
    assert!(
        cleared.starts_with("removed 2 cached corpora ("),
        "{cleared}"
    );
    assert!(cleared.ends_with(&format!(" from {}\n", home.cache().display())));
    assert!(home.cache_files().is_empty());
    let status = stdout(&home.run(&["cache", "status"]));
    assert!(status.starts_with("no corpus is cached in "), "{status}");
}

#[test]
fn a_cache_folder_that_cannot_be_made_is_a_warning_not_a_failure() {
    let home = Home::new();
    home.write("cache", "a file where the folder should be\n");
    let files = stdout(&home.run(&["list", "--no-cache", "docs"]));
    let output = home.run(&["list", "docs"]);
    assert_eq!(stdout(&output), files);
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("wenji: cache: cannot write "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// `wenji search` takes what the cache holds unchanged from it and never writes it: a damaged
/// entry says the cache was read (and that file is read instead), a changed file is read from
/// disk, and every answer is the one `--no-cache` gives.
#[test]
fn search_takes_unchanged_files_from_the_cache_and_reads_the_rest() {
    let home = Home::new();
    stdout(&home.run(&["list", "docs"]));
    let search = |args: &[&str]| home.run(&[&["search"], args, &["振兴", "docs"]].concat());
    let same_as_files = |args: &[&str]| {
        let warm = search(args);
        let files = search(&[args, &["--no-cache"]].concat());
        assert_eq!(stdout(&warm), stdout(&files), "{args:?}");
        warm
    };
    for args in [&[][..], &["--count"], &["--json"]] {
        assert_eq!(text(&same_as_files(args).stderr), "", "{args:?}");
    }
    let cache = home.cache_files().remove(0);
    home.write("docs/0.md", "振兴东北，振兴辽宁。\n");
    let changed = same_as_files(&["--count"]);
    assert_eq!(
        stdout(&changed),
        "docs/0.md:1: 0: 2\ndocs/1.md:1: 龙江: 1\n"
    );
    let mut bytes = std::fs::read(&cache).expect("read the cache");
    flip(&mut bytes, "振兴龙江", 3);
    std::fs::write(&cache, &bytes).expect("damage the entry");
    let before = home.cache_times();
    let damaged = same_as_files(&[]);
    assert_eq!(home.cache_times(), before, "search wrote the cache");
    let stderr = text(&damaged.stderr);
    let expected = format!(
        "wenji: cache: {} is damaged (it fails its checksum",
        cache.display()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.ends_with("; those files were read instead\n"),
        "{stderr}"
    );
    let lines = [
        "docs/0.md:1: 0: 【振兴】东北，振兴辽宁。",
        "docs/0.md:1: 0: 振兴东北，【振兴】辽宁。",
        "docs/1.md:5: 龙江: 【振兴】龙江。",
    ];
    assert_eq!(
        stdout(&damaged),
        lines.map(|line| format!("{line}\n")).concat()
    );
    for broken in [&bytes[..bytes.len() / 3], b"not a cache at all".as_slice()] {
        std::fs::write(&cache, broken).expect("break the cache");
        let passed_over = same_as_files(&[]);
        let stderr = text(&passed_over.stderr);
        assert!(
            stderr.starts_with(&format!("wenji: cache: {} is ", cache.display())),
            "{stderr}"
        );
        assert!(stderr.ends_with("; it is not used\n"), "{stderr}");
        assert_eq!(
            std::fs::read(&cache).expect("read"),
            broken,
            "search left it as it was"
        );
    }
}

#[test]
fn files_whose_signatures_rule_them_out_are_not_read_and_a_damaged_signature_is_passed_over() {
    let home = Home::new();
    // Eight files holding both characters of 振兴, never side by side: their raw bytes cannot
    // rule them out. A signature lets a few through now and then, never most.
    let apart: Vec<String> = "作精业富民族强国安康乐和"
        .chars()
        .collect::<Vec<_>>()
        .windows(4)
        .take(8)
        .map(|w| format!("振{}{}，兴{}{}。", w[0], w[1], w[2], w[3]))
        .collect();
    for (n, text) in apart.iter().enumerate() {
        home.write(&format!("docs/{}.md", n + 2), &format!("{text}\n"));
    }
    stdout(&home.run(&["list", "docs"]));
    let cache = home.cache_files().remove(0);
    let sound = std::fs::read(&cache).expect("read the cache");
    let search = |args: &[&str]| home.run(&[&["search"], args, &["振兴", "docs"]].concat());
    let expected = stdout(&search(&["--no-cache"]));
    assert_eq!(
        expected,
        "docs/0.md:1: 0: 【振兴】东北，发展经济。\ndocs/1.md:5: 龙江: 【振兴】龙江。\n"
    );
    // Their entries damaged: a search that read one would say so.
    let mut bytes = sound.clone();
    for text in &apart {
        flip(&mut bytes, &text[..3 * 3], 4);
    }
    std::fs::write(&cache, &bytes).expect("damage the entries");
    let warm = search(&[]);
    assert_eq!(stdout(&warm), expected);
    let stderr = text(&warm.stderr);
    let read = match stderr.split_once(" and ") {
        _ if stderr.is_empty() => 0,
        Some((_, rest)) => {
            1 + rest
                .split(' ')
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(1)
        }
        None => 1,
    };
    assert!(read <= 3, "{read} of 8 entries were read: {stderr}");
    // The signatures lie just before the directory, which the trailer places: the last byte
    // before it is the last file's.
    let mut bytes = sound;
    let trailer = bytes.len() - 32;
    let directory = u64::from_le_bytes(bytes[trailer..trailer + 8].try_into().expect("8 bytes"));
    let last = usize::try_from(directory).expect("a place") - 1;
    bytes[last] ^= 0x40;
    std::fs::write(&cache, &bytes).expect("damage a signature");
    let passed_over = search(&[]);
    assert_eq!(stdout(&passed_over), expected);
    let stderr = text(&passed_over.stderr);
    let expected = format!(
        "wenji: cache: {} is damaged (its signature fails its checksum, in the entry of docs/9.md); those files were read instead\n",
        cache.display()
    );
    assert_eq!(stderr, expected);
}

#[test]
fn show_prints_a_text_found_damaged_in_the_cache_from_its_file_and_says_so() {
    let home = Home::new();
    stdout(&home.run(&["list", "docs"]));
    let cache = home.cache_files().remove(0);
    let files = stdout(&home.run(&["show", "2", "docs", "--no-cache"]));
    assert!(files.contains("振兴龙江。"), "{files}");
    let mut bytes = std::fs::read(&cache).expect("read the cache");
    flip(&mut bytes, "振兴龙江", 3);
    std::fs::write(&cache, &bytes).expect("damage the body");
    let damaged = home.run(&["show", "2", "docs"]);
    assert_eq!(stdout(&damaged), files);
    let expected = format!(
        "wenji: cache: {} is damaged (the text of docs/1.md fails its checksum); that file was \
         read again and the cache is rebuilt\n",
        cache.display()
    );
    assert_eq!(text(&damaged.stderr), expected);
    assert!(!cache.exists(), "removed, to be rebuilt");
    let again = home.run(&["show", "2", "docs"]);
    assert_eq!(stdout(&again), files);
    assert_eq!(text(&again.stderr), "");
}
