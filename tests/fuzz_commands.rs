//! The one-shot commands as processes over hostile files: `wenji list` (and `--json`), `wenji
//! show` at any width and `wenji search` with a hostile query. Whatever the file holds, no
//! command panics, and nothing it prints (on standard output, and on standard error but for a
//! usage error that quotes the query argument as given) holds ESC, another
//! control character but `\n` and `\t`, a C1 control, a bidi control or a line separator, or
//! bytes that are not UTF-8. The file names are plain: hostile names are another suite's.
//!
//! A process costs far more than a call, so these run an eighth of `WENJI_FUZZ_CASES`
//! (`fuzz_support`).

mod fuzz_support;

use std::path::Path;
use std::process::{Command, Output};

use fuzz_support::hostile::{self, File};
use fuzz_support::{config, terminal_hazard};
use proptest::prelude::*;

/// Runs `wenji ARGS` in `dir` with nothing of the user's: no config, no saved state.
fn wenji(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .output()
        .expect("wenji runs")
}

/// Fails unless `output` came from a run that did not panic and printed only safe text, on
/// standard error too when `stderr` says so.
fn assert_printed_safely(
    output: &Output,
    stderr_too: bool,
    what: &str,
) -> Result<(), TestCaseError> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    prop_assert!(!stderr.contains("panicked"), "{what} panicked: {stderr}");
    prop_assert!(
        output.status.code().is_some_and(|code| code <= 2),
        "{what} ended with {:?}: {stderr}",
        output.status
    );
    let streams = [("stdout", &output.stdout), ("stderr", &output.stderr)];
    for (stream, bytes) in streams.into_iter().take(if stderr_too { 2 } else { 1 }) {
        if let Some((at, hazard)) = terminal_hazard(bytes) {
            let around =
                String::from_utf8_lossy(&bytes[at.saturating_sub(40)..(at + 40).min(bytes.len())])
                    .into_owned();
            return Err(TestCaseError::fail(format!(
                "{what}: {hazard} at byte {at} of {stream}, around {around:?}"
            )));
        }
    }
    Ok(())
}

/// A query for `wenji search`: a text piece (an argument holds no NUL), or a word the files hold.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile::text_piece().prop_filter("an argument holds no NUL", |q| !q.contains('\0')),
        prop::sample::select(vec!["振兴", "a", "ＧＤＰ", "，", "\u{1b}[2J", "\u{202e}"])
            .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(config(8))]

    #[test]
    fn list_show_and_search_print_nothing_a_terminal_would_act_on(
        file in hostile::file(),
        query in query(),
        width in 1..200_u16,
    ) {
        let File { name, bytes, .. } = &file;
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join(name), bytes).expect("file written");
        let width = width.to_string();
        // A usage error quotes the query argument as given, so standard error is checked only
        // for the runs whose arguments are plain.
        let runs: [(&[&str], bool); 5] = [
            (&["list", name], true),
            (&["list", "--json", name], true),
            (&["show", "1", "--width", &width, name], true),
            (&["show", "--title", "题", name], true),
            (&["search", &query, name], false),
        ];
        for (args, stderr_too) in runs {
            let what = format!("wenji {args:?}");
            assert_printed_safely(&wenji(dir.path(), args), stderr_too, &what)?;
        }
    }
}
