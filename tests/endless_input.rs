//! Input that never ends: standard input, a FIFO or a device fed forever is read up to
//! `--max-input`, reported, and opened; one full of NUL bytes is binary within its first 8 KB.
//!
//! Every run is bounded: a child still running at its deadline is killed and the test fails, so
//! a regression to reading without end fails instead of hanging.

mod support;

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use support::fifo::mkfifo;

/// Long enough for a debug build on two loaded cores; far shorter than reading 1 GiB.
const DEADLINE: Duration = Duration::from_secs(20);

/// How a bounded run ended.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

fn wenji() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wenji"));
    // No config file of the developer's can change a result.
    let home = std::env::temp_dir().join("wenji-endless-input-home");
    command
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn collect(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for `child` until `DEADLINE`; kills it and fails the test if it is still running.
fn finish(mut child: Child) -> Finished {
    let started = Instant::now();
    let stdout = collect(child.stdout.take().expect("piped stdout"));
    let stderr = collect(child.stderr.take().expect("piped stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("child status") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = stderr.join().unwrap_or_default();
            panic!("wenji was still reading after {DEADLINE:?}; stderr: {stderr}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    Finished {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        elapsed: started.elapsed(),
    }
}

/// Writes `line` into `input` until the reader goes away.
fn feed_forever(mut input: impl Write + Send + 'static, line: &'static str) -> JoinHandle<()> {
    thread::spawn(move || {
        let block = line.repeat(4096);
        while input.write_all(block.as_bytes()).is_ok() {}
    })
}

#[test]
fn endless_standard_input_stops_at_max_input_and_lists_what_was_read() {
    let mut child = wenji()
        .args(["list", "--max-input", "1M", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("wenji starts");
    let feeder = feed_forever(child.stdin.take().expect("piped stdin"), "中文\n");
    let run = finish(child);
    feeder
        .join()
        .expect("feeder ends when wenji closes its input");

    assert!(run.status.success(), "{}: {}", run.status, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let columns: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(columns[1], "中文");
    assert_eq!(columns[5], "", "no date");
    assert_eq!(columns[6], "(standard input):1");
    // 1 MiB of "中文\n" (7 bytes) is 149,796 whole lines: the first is the title, the rest
    // 2 characters each.
    assert_eq!(columns[7], ((149_796 - 1) * 2).to_string());
    assert!(
        run.stderr
            .contains("(standard input): read 1 MiB (--max-input) without reaching the end"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("invalid"),
        "the cut falls between lines, not in a character: {}",
        run.stderr
    );
}

#[test]
fn standard_input_of_nul_bytes_is_binary_at_once() {
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let run = finish(
        wenji()
            .args(["list", "-"])
            .stdin(zero)
            .spawn()
            .expect("wenji starts"),
    );
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("(standard input): binary data, not text (a NUL byte at byte 0)"),
        "{}",
        run.stderr
    );
    assert!(run.elapsed < Duration::from_secs(5), "{:?}", run.elapsed);
}

#[test]
fn dev_zero_named_as_a_path_is_binary_at_once() {
    let run = finish(
        wenji()
            .args(["list", "/dev/zero"])
            .stdin(Stdio::null())
            .spawn()
            .expect("wenji starts"),
    );
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/dev/zero: binary data, not text (a NUL byte at byte 0)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_read_up_to_max_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("endless.txt");
    mkfifo(&fifo);
    // `yes` blocks opening the FIFO until wenji opens it, and ends on SIGPIPE once wenji exits.
    let mut writer = Command::new("sh")
        .args(["-c", "exec yes 振兴东北 > \"$0\""])
        .arg(&fifo)
        .spawn()
        .expect("sh starts");
    let run = finish(
        wenji()
            .args(["list", "--max-input", "64k"])
            .arg(&fifo)
            .stdin(Stdio::null())
            .spawn()
            .expect("wenji starts"),
    );
    let _ = writer.kill();
    let _ = writer.wait();

    assert!(run.status.success(), "{}: {}", run.status, run.stderr);
    let columns: Vec<String> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(columns, ["振兴东北"], "{}", run.stdout);
    let expected = format!(
        "{}: read 64 KiB (--max-input) without reaching the end",
        fifo.display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
}

#[test]
fn a_fifo_inside_a_folder_is_still_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "讲话\n").expect("write");
    mkfifo(&dir.path().join("b.txt"));
    let run = finish(
        wenji()
            .arg("list")
            .arg(dir.path())
            .stdin(Stdio::null())
            .spawn()
            .expect("wenji starts"),
    );
    assert!(run.status.success(), "{}: {}", run.status, run.stderr);
    assert!(run.stdout.contains("讲话"), "{}", run.stdout);
    assert!(
        run.stderr.contains("b.txt: not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_max_input_is_a_usage_error() {
    for bad in ["lots", "-1", "1.5.2M", ""] {
        let output = wenji()
            .args(["list", &format!("--max-input={bad}"), "-"])
            .stdin(Stdio::null())
            .output()
            .expect("wenji runs");
        assert_eq!(output.status.code(), Some(2), "--max-input {bad:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("invalid value") && stderr.contains("--max-input"),
            "{bad:?}: {stderr}"
        );
    }
}

#[test]
fn max_input_is_accepted_by_every_command() {
    for args in [
        &["show", "--max-input", "64k", "1", "-"][..],
        &["search", "--max-input", "64k", "中文", "-"][..],
        &["list", "--max-input", "64k", "-"][..],
    ] {
        let mut child = wenji()
            .args(args)
            .stdin(Stdio::piped())
            .spawn()
            .expect("wenji starts");
        let feeder = feed_forever(child.stdin.take().expect("piped stdin"), "中文\n");
        let run = finish(child);
        feeder.join().expect("feeder ends");
        assert!(run.status.success(), "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("中文"), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("--max-input"),
            "{args:?}: {}",
            run.stderr
        );
    }
}
