//! Remapped keys: every conflict a `[keys]` table makes is reported at its place in the file,
//! `--print-config` shows the bindings as they work and exits 1 on problems, and every key the
//! screen names — help, status bar, prompts, titles — is the key that does it now.

mod state_support;
mod support;

use std::fs;
use std::process::{Command, Output, Stdio};

use support::Sandbox;
use wenji::action::Action;
use wenji::corpus;
use wenji::keymap::Keymap;
use wenji::search::fake::Fake;
use wenji::state::{KeyText, Message, State};
use wenji::ui::{self};

/// `quit` on j (which moves down by default) and `next_hit` on q (quit's old key).
const REMAP: &str = "[keys]\nquit = \"j\"\nnext_hit = \"q\"\n";

fn print_config(config: &str) -> (Output, String) {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("wenji");
    fs::create_dir_all(&dir).expect("config dir");
    let path = dir.join("config.toml");
    fs::write(&path, config).expect("config written");
    let output = Command::new(env!("CARGO_BIN_EXE_wenji"))
        .arg("--print-config")
        .env_clear()
        .envs(sandbox.env())
        .stdin(Stdio::null())
        .output()
        .expect("wenji runs");
    (output, path.display().to_string())
}

/// A state on the sample, and the keys it names.
fn remapped_state() -> (State, Keymap) {
    let overrides = [
        ("next_hit".to_owned(), vec!["q".to_owned()]),
        ("quit".to_owned(), vec!["j".to_owned()]),
    ];
    let (keymap, _) = Keymap::with_overrides(&overrides);
    let mut state = State::new(corpus::sample());
    state.update(Message::Keys(KeyText::of(&keymap)));
    (state, keymap)
}

fn draw(state: &mut State, keys: &Keymap, width: u16, height: u16) -> Vec<String> {
    let terminal = state_support::draw_keyed(state, keys, width, height);
    let text = ui::text::buffer_text(terminal.backend().buffer());
    text.lines().map(str::to_owned).collect()
}

/// Searches for `query`, each request answered to the end by the test engine, and keeps the
/// results.
fn search(state: &mut State, query: &str) {
    let mut engine = Fake::new(state.shared_corpus());
    state_support::type_search(state, &mut engine, query);
    state.update(Action::SearchSubmit);
}

#[test]
fn print_config_reports_each_conflict_at_its_place_and_exits_1() {
    let (output, path) = print_config(REMAP);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [format!(
            "wenji: config: {path}:2:8: keys.quit: j was move_down's; it now runs quit, and \
             move_down keeps Down"
        )],
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\nnext_hit = [\"q\"]\n"), "{stdout}");
    assert!(stdout.contains("\nquit = [\"j\"]\n"), "{stdout}");
}

#[test]
fn print_config_shows_the_values_in_effect_and_lists_the_action_names() {
    let config = "theme = \"solarised\"\nhanzi_per_line = 500\n[keys]\nfly = \"x\"\n\
                  quit = [\"Q\", \"ctrl-z\"]\n";
    let (output, path) = print_config(config);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("\ntheme = \"dark\"\n"),
        "the theme used: {stdout}"
    );
    assert!(
        stdout.contains("\nhanzi_per_line = 40\n"),
        "the fallback: {stdout}"
    );
    assert!(stdout.contains("\nquit = [\"Q\"]\n"), "{stdout}");
    assert!(!stdout.contains("fly"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines[0].starts_with(&format!("wenji: config: {path}:2:18: hanzi_per_line")));
    assert!(lines[1].starts_with(&format!("wenji: config: {path}:4:1: no action named `fly`")));
    for name in ["move_down", "next_hit", "toggle_raw", "quit", "suspend"] {
        assert!(lines[1].contains(name), "{name}: {}", lines[1]);
    }
    assert!(
        lines[2].starts_with(&format!(
            "wenji: config: {path}:5:14: keys.quit: Ctrl-z belongs to suspend in every mode"
        )),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains("no theme named `solarised`"),
        "{}",
        lines[3]
    );
}

#[test]
fn print_config_of_a_clean_file_exits_0_and_says_nothing_on_stderr() {
    let (output, _) = print_config("hanzi_per_line = 30\n[keys]\nquit = \"Q\"\n");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("\nhanzi_per_line = 30\n"), "{stdout}");
}

/// The keys the help shows beside `description` (which must start its row's text).
fn help_label(screen: &[String], description: &str) -> String {
    let line = screen
        .iter()
        .find(|line| line.contains(&format!("  {description}")))
        .unwrap_or_else(|| panic!("no help row for {description}:\n{}", screen.join("\n")));
    let before = &line[..line.find(&format!("  {description}")).unwrap_or(0)];
    before.rsplit('│').next().unwrap_or("").trim().to_owned()
}

#[test]
fn help_names_the_remapped_keys_and_no_key_that_does_something_else() {
    let (mut state, keys) = remapped_state();
    state.update(Action::ToggleHelp);
    let screen = draw(&mut state, &keys, 100, 50);
    assert_eq!(help_label(&screen, "quit"), "j");
    assert_eq!(help_label(&screen, "next hit (into the next article)"), "q");
    assert_eq!(
        help_label(&screen, "next article / scroll down a line"),
        "Down"
    );
    assert_eq!(help_label(&screen, "quit from anywhere"), "Ctrl-c");
    let text = screen.join("\n");
    assert!(
        text.contains("select paragraphs (Down/k extend, y/Y copy)"),
        "a key named inside a description is the key in effect:\n{text}"
    );
    assert!(!text.contains("j/k extend"), "{text}");
}

#[test]
fn status_bar_and_prompts_name_the_remapped_keys() {
    let (mut state, keys) = remapped_state();
    let status = draw(&mut state, &keys, 100, 30).pop().unwrap_or_default();
    assert!(status.trim_end().ends_with("j quit"), "{status}");
    assert!(status.contains("Down move"), "{status}");
    assert!(!status.contains("q quit"), "{status}");
    search(&mut state, "振兴");
    let status = draw(&mut state, &keys, 100, 30).pop().unwrap_or_default();
    assert!(status.contains("q/N next/previous"), "{status}");
    assert!(!status.contains("n/N"), "{status}");
    state.update(Action::ClearSearch);
    state.update(Action::Open);
    state.update(Action::StartSelection);
    let status = draw(&mut state, &keys, 100, 30).pop().unwrap_or_default();
    assert!(
        status.contains("selecting: Down/k extend, y or Y copies, Esc stops"),
        "{status}"
    );
}

#[test]
fn an_unbound_hint_says_so_rather_than_naming_a_key_that_does_nothing() {
    let (keys, _) = Keymap::with_overrides(&[("next_hit".to_owned(), vec!["esc".to_owned()])]);
    let mut state = State::new(corpus::sample());
    state.update(Message::Keys(KeyText::of(&keys)));
    search(&mut state, "振兴");
    let status = draw(&mut state, &keys, 120, 30).pop().unwrap_or_default();
    assert!(
        status.contains("Esc/N next/previous  (no key) clear"),
        "{status}"
    );
}
