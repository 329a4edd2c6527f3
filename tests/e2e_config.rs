//! Configuration and colour in the real binary, read cell by cell through vt100: a broken config
//! never stops wenji, key overrides take effect, `NO_COLOR` means no colour at all with the
//! selection still visible, the Linux console gets only the 16 basic colours, `t` cycles themes.

mod support;

use std::fs;

use support::{PATIENCE, Pty, Sandbox};

/// Every cell's colours on screen, foreground and background.
fn colours(screen: &vt100::Screen) -> Vec<vt100::Color> {
    let (rows, cols) = screen.size();
    (0..rows)
        .flat_map(|row| (0..cols).map(move |col| (row, col)))
        .filter_map(|(row, col)| screen.cell(row, col))
        .flat_map(|cell| [cell.fgcolor(), cell.bgcolor()])
        .collect()
}

fn sandbox_with_config(text: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    let dir = sandbox.config_dir().join("wenji");
    fs::create_dir_all(&dir).expect("config dir");
    fs::write(dir.join("config.toml"), text).expect("config written");
    sandbox
}

#[test]
fn a_broken_config_is_reported_and_the_app_runs_on_defaults() {
    let sandbox = sandbox_with_config("theme = \"dark\"\nambiguous_width = 3\nfancy = true\n");
    let mut pty = Pty::wenji_in(sandbox, &[], 100, 30, &[]);
    pty.wait_for("以全面振兴新突破建设中国式现代化新辽宁", PATIENCE)
        .expect("the app runs");
    pty.wait_for("config.toml:2:", PATIENCE)
        .expect("the status line names the file and line");
    pty.send_keys("!");
    pty.wait_for("fancy", PATIENCE)
        .expect("the unknown key is listed among the warnings");
}

#[test]
fn a_key_override_in_the_config_takes_effect() {
    let sandbox = sandbox_with_config("[keys]\nquit = \"Q\"\n");
    let mut pty = Pty::wenji_in(sandbox, &[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    pty.send_keys("q");
    pty.send_keys("j");
    pty.wait_for("article 2/3", PATIENCE)
        .expect("q no longer quits; j still moves");
    pty.send_keys("Q");
    let exit = pty.wait_exit(PATIENCE).expect("Q quits");
    assert!(exit.success());
}

#[test]
fn no_color_means_no_coloured_cell_and_the_selection_is_reversed() {
    let mut pty = Pty::wenji(&[], 100, 30, &[("NO_COLOR", "1")]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    pty.send_keys("/振兴");
    pty.wait_for("15 hits in 2 articles", PATIENCE)
        .expect("search ran");
    let screen = pty.screen();
    assert!(
        colours(&screen).iter().all(|c| *c == vt100::Color::Default),
        "no colour anywhere"
    );
    let (_, cols) = screen.size();
    let selected = (0..cols)
        .filter_map(|col| screen.cell(1, col))
        .any(vt100::Cell::inverse);
    assert!(selected, "the selected entry is shown in reverse video");
}

#[test]
fn the_linux_console_gets_only_the_16_basic_colours() {
    for theme in ["dark", "light", "paper", "high-contrast"] {
        let mut pty = Pty::wenji(&["--theme", theme], 100, 30, &[("TERM", "linux")]);
        pty.wait_for("Articles (3)", PATIENCE).expect("opens");
        pty.send_keys("/振兴");
        pty.wait_for("15 hits", PATIENCE).expect("search ran");
        for colour in colours(&pty.screen()) {
            assert!(
                matches!(colour, vt100::Color::Default)
                    || matches!(colour, vt100::Color::Idx(i) if i < 16),
                "{theme}: {colour:?} is not one of the 16 basic colours"
            );
        }
    }
}

#[test]
fn t_cycles_through_the_themes() {
    let mut pty = Pty::wenji(&[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    pty.send_keys("t");
    pty.wait_for("theme: light", PATIENCE)
        .expect("next theme named in the status line");
    pty.send_keys("t");
    pty.wait_for("theme: high-contrast", PATIENCE)
        .expect("and the next");
}

#[test]
fn a_remap_that_takes_a_key_is_reported_and_the_screen_names_the_new_keys() {
    let sandbox = sandbox_with_config("[keys]\nquit = \"j\"\nnext_hit = \"q\"\n");
    let mut pty = Pty::wenji_in(sandbox, &[], 100, 30, &[]);
    pty.wait_for("Articles (3)", PATIENCE).expect("opens");
    pty.wait_for("config.toml:2:8: keys.quit: j was move_down's", PATIENCE)
        .expect("the conflict is named at its place in the status line");
    pty.send_keys("!");
    pty.wait_for("move_down keeps Down", PATIENCE)
        .expect("and says what the other action keeps");
    pty.send_keys("!");
    pty.send_keys("?");
    pty.wait_for("select paragraphs (Down/k extend", PATIENCE)
        .expect("help names the keys in effect");
    pty.send_keys("?");
    pty.wait_until(|s| s.contents().contains("j quit"), PATIENCE)
        .expect("the status bar hints j for quit");
    pty.send_keys("j");
    let exit = pty.wait_exit(PATIENCE).expect("j quits");
    assert!(exit.success());
}
