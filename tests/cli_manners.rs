//! The command line's manners, as rg, fd and bat have them, in the real binary: `--color`
//! (auto, always, never) on the one-shot commands, shell completions and manual pages written
//! from the clap definitions, and "did you mean" for a mistyped command that names no path.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::{PATIENCE, Pty, Sandbox};

/// The start of every foreground colour wenji writes (crossterm spells them from the 256).
const COLOUR: &[u8] = b"\x1b[38;5;";

/// Runs wenji with `args` in `dir`, in a sandbox of its own (no user config, no user cache),
/// with `env` and nothing of the developer's `NO_COLOR`.
fn wenji_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let sandbox = Sandbox::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_wenji"));
    command.args(args).current_dir(dir).env_remove("NO_COLOR");
    command.envs(sandbox.env());
    command.envs(env.iter().copied());
    command.output().expect("wenji runs")
}

/// Runs wenji with `args` in the crate root, where `data/` holds the sample's files.
fn wenji(args: &[&str], env: &[(&str, &str)]) -> Output {
    wenji_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, env)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Checks the exit status, showing standard error when it is not `code`.
fn assert_status(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

const SEARCH: &[&str] = &["search", "-C", "2", "辽沈战役"];
const SHOW: &[&str] = &["show", "1", "--width", "60"];

fn with(args: &[&str], more: &[&'static str]) -> Vec<String> {
    args.iter().chain(more).map(|&arg| arg.to_owned()).collect()
}

fn run(args: &[String], env: &[(&str, &str)]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = wenji(&args, env);
    assert_status(&output, 0);
    output
}

#[test]
fn color_always_colours_search_and_show_into_a_pipe() {
    let search = run(&with(SEARCH, &["--color=always"]), &[]);
    assert!(
        contains(&search.stdout, COLOUR),
        "{:?}",
        text(&search.stdout)
    );
    assert!(
        !text(&search.stdout).contains('【'),
        "the colour replaces the brackets"
    );
    let show = run(&with(SHOW, &["--color", "always"]), &[]);
    assert!(contains(&show.stdout, COLOUR), "{:?}", text(&show.stdout));
}

#[test]
fn colour_spelt_the_british_way_is_the_same_flag() {
    let american = run(&with(SEARCH, &["--color=always"]), &[]);
    let british = run(&with(SEARCH, &["--colour=always"]), &[]);
    assert_eq!(american.stdout, british.stdout);
}

#[test]
fn color_always_wins_over_no_color() {
    for args in [SEARCH, SHOW] {
        let output = run(&with(args, &["--color=always"]), &[("NO_COLOR", "1")]);
        assert!(
            contains(&output.stdout, COLOUR),
            "{args:?}: {:?}",
            text(&output.stdout)
        );
    }
}

#[test]
fn auto_and_never_write_no_escape_into_a_pipe() {
    for choice in [&[][..], &["--color=auto"], &["--color=never"]] {
        let search = run(&with(SEARCH, choice), &[]);
        assert!(!search.stdout.contains(&0x1b), "{choice:?}");
        assert!(
            text(&search.stdout).contains("【辽沈战役】"),
            "{choice:?}: {}",
            text(&search.stdout)
        );
        let show = run(&with(SHOW, choice), &[]);
        assert!(!show.stdout.contains(&0x1b), "{choice:?}");
    }
}

/// Runs wenji with `args` on a terminal and returns all it wrote there.
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut pty = Pty::wenji(args, 120, 40, env);
    let status = pty.wait_exit(PATIENCE).expect("wenji ends");
    assert!(status.success(), "{status:?}: {}", pty.screen_text());
    pty.raw_output()
}

#[test]
fn color_never_writes_no_escape_on_a_terminal() {
    let search = on_a_terminal(&[SEARCH, &["--color=never"]].concat(), &[]);
    assert!(!search.contains(&0x1b), "{:?}", text(&search));
    assert!(text(&search).contains("【辽沈战役】"), "{}", text(&search));
    let show = on_a_terminal(&[SHOW, &["--color=never"]].concat(), &[]);
    assert!(!show.contains(&0x1b), "{:?}", text(&show));
}

#[test]
fn show_on_a_terminal_is_coloured_unless_no_color_is_set_as_search_is() {
    let coloured = on_a_terminal(SHOW, &[]);
    assert!(contains(&coloured, COLOUR), "{:?}", text(&coloured));
    let plain = on_a_terminal(SHOW, &[("NO_COLOR", "1")]);
    assert!(!plain.contains(&0x1b), "{:?}", text(&plain));
}

#[test]
fn list_takes_color_and_prints_what_it_always_printed() {
    let plain = run(&with(&["list"], &[]), &[]);
    for choice in ["--color=always", "--color=never", "--colour=auto"] {
        assert_eq!(run(&with(&["list"], &[choice]), &[]).stdout, plain.stdout);
    }
}

#[test]
fn completions_for_bash_zsh_and_fish_name_every_command() {
    for (shell, mark) in [
        ("bash", "complete -F _wenji"),
        ("zsh", "#compdef wenji"),
        ("fish", "complete -c wenji"),
    ] {
        let output = wenji(&["completions", shell], &[]);
        assert_status(&output, 0);
        assert_eq!(text(&output.stderr), "", "{shell}");
        let script = text(&output.stdout);
        assert!(script.contains(mark), "{shell}: {script}");
        for command in ["list", "show", "search", "cache", "completions", "man"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        // fish spells a long flag `-l color`.
        assert!(script.contains("color"), "{shell} lacks --color");
    }
}

#[test]
fn bash_completes_a_command_and_the_values_of_color() {
    let Some(bash) = which("bash") else {
        eprintln!("no bash here; its completion is not tried");
        return;
    };
    let scripts = tempfile::TempDir::new().expect("a folder");
    let script = scripts.path().join("wenji.bash");
    fs::write(&script, wenji(&["completions", "bash"], &[]).stdout).expect("the script");
    // In an empty folder, so no file name is offered beside the command.
    let empty = tempfile::TempDir::new().expect("a folder");
    let complete = |words: &str| {
        let line = format!(
            "source \"$0\"; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _wenji wenji \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let output = Command::new(&bash)
            .args(["--norc", "--noprofile", "-c", &line])
            .arg(&script)
            .current_dir(empty.path())
            .output()
            .expect("bash runs");
        assert_status(&output, 0);
        text(&output.stdout)
    };
    assert_eq!(complete("wenji sea"), "search\n");
    assert_eq!(complete("wenji search --color ''"), "auto\nalways\nnever\n");
}

/// Where `program` is on `PATH`.
fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

#[test]
fn man_prints_a_roff_page_that_lists_every_command_and_each_has_its_own() {
    let output = wenji(&["man"], &[]);
    assert_status(&output, 0);
    let page = text(&output.stdout);
    let header = page
        .lines()
        .position(|line| line.starts_with(".TH wenji 1"))
        .expect("a roff title line");
    let first_section = page
        .lines()
        .position(|line| line.starts_with(".SH"))
        .expect("sections");
    assert!(header < first_section, "{page}");
    assert!(
        page.lines().all(|line| !line.contains('\x1b')),
        "no escapes"
    );
    for command in ["list", "show", "search", "cache", "completions", "man"] {
        assert!(page.contains(&format!("wenji\\-{command}(1)")), "{command}");
        let own = wenji(&["man", command], &[]);
        assert_status(&own, 0);
        assert!(
            text(&own.stdout).contains(&format!(".TH wenji-{command} 1")),
            "{command}"
        );
    }
    assert!(page.contains("\\-\\-theme"), "the browser's flags");
    let search = text(&wenji(&["man", "search"], &[]).stdout);
    assert!(search.contains("\\-\\-color"), "the command's own flags");
}

#[test]
fn man_for_what_is_no_command_is_a_usage_error() {
    let output = wenji(&["man", "serach"], &[]);
    assert_status(&output, 2);
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "wenji: `wenji serach` is not a command, so it has no manual page (see `wenji --help`)\n"
    );
}

#[test]
fn a_mistyped_command_is_named_and_exits_2() {
    let empty = tempfile::TempDir::new().expect("a folder");
    for (typed, meant) in [
        ("serach", "search"),
        ("lsit", "list"),
        ("shwo", "show"),
        ("cahce", "cache"),
    ] {
        let output = wenji_in(empty.path(), &[typed, "振兴"], &[]);
        assert_status(&output, 2);
        assert_eq!(text(&output.stdout), "", "{typed}");
        assert_eq!(
            text(&output.stderr),
            format!(
                "wenji: no such file or folder, nor command: `{typed}` — did you mean `wenji {meant}`?\n"
            )
        );
    }
}

#[test]
fn a_mistyped_command_on_a_terminal_never_opens_the_browser() {
    let mut pty = Pty::wenji(&["serach", "振兴"], 100, 10, &[]);
    let status = pty.wait_exit(PATIENCE).expect("wenji ends at once");
    assert_eq!(status.code, Some(2), "{}", pty.screen_text());
    assert!(
        pty.screen_text().contains("did you mean `wenji search`?"),
        "{}",
        pty.screen_text()
    );
    assert!(
        !pty.raw_output().contains(&0x1b),
        "the screen was never taken"
    );
}

/// A folder named `serach` holding one article.
fn folder_named_serach() -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("a folder");
    fs::create_dir(dir.path().join("serach")).expect("the folder");
    fs::write(
        dir.path().join("serach/a.txt"),
        "一个名叫搜索的文件夹\n\n正文在这里。\n",
    )
    .expect("the article");
    dir
}

#[test]
fn a_folder_spelt_like_a_command_is_opened_as_a_path() {
    let dir = folder_named_serach();
    let listed = wenji_in(dir.path(), &["list", "serach/"], &[]);
    assert_status(&listed, 0);
    assert!(
        text(&listed.stdout).contains("一个名叫搜索的文件夹"),
        "{}",
        text(&listed.stdout)
    );

    let mut pty = Pty::command(env!("CARGO_BIN_EXE_wenji"))
        .args(["serach"])
        .size(100, 20)
        .cwd(dir.path())
        .sandbox(Sandbox::new())
        .spawn();
    pty.wait_for("一个名叫搜索的文件夹", PATIENCE)
        .expect("the browser opens the folder");
    pty.send_keys("q");
    let status = pty.wait_exit(PATIENCE).expect("wenji quits on q");
    assert!(status.success(), "{status:?}");
}
