//! Conditions and excluded terms in a query, as the one-shot commands take them: `wenji list
//! --filter` lists the articles a query admits, numbered as in the whole list, and `wenji
//! search` finds terms only in those; a query that cannot be read is a usage error that says
//! why, never a search for its text.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

/// Writes a Markdown article under front matter.
fn article(dir: &Path, name: &str, date: &str, author: &str, tags: &str, body: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    let matter = format!(
        "---\ntitle: \"{name}的标题\"\ndate: {date}\nauthor: {author}\ncategory: 眾聞\ntags: [{tags}]\n---\n\n{body}\n"
    );
    fs::write(path, matter).expect("write");
}

/// An archive of four articles from 2019 to 2021 by two authors.
fn archive() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    article(
        dir.path(),
        "2019/a.md",
        "2019-12-31",
        "林勵",
        "國安法",
        "国家安全是头等大事。",
    );
    article(
        dir.path(),
        "2020/b.md",
        "2020-05-22",
        "林勵",
        "國安法, 香港",
        "国家安全与香港。",
    );
    article(
        dir.path(),
        "2020/c.md",
        "2020-07-01",
        "李强",
        "经济",
        "发展经济，国家安全。",
    );
    article(
        dir.path(),
        "2021/d.txt",
        "2021-01-01",
        "李强",
        "",
        "只谈发展。",
    );
    dir
}

fn wenji(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .arg(dir)
        .arg("--no-cache")
        .output()
        .expect("wenji runs")
}

/// The files of the listed articles, with their numbers.
fn listed(output: &Output) -> Vec<(String, String)> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let file = columns
                .iter()
                .find(|c| c.contains(".md:") || c.contains(".txt:"))
                .expect("a file column");
            let name = file.rsplit('/').next().expect("a name");
            (
                columns[0].to_owned(),
                name.split(':').next().expect("a name").to_owned(),
            )
        })
        .collect()
}

#[test]
fn list_filter_lists_what_the_conditions_admit_numbered_as_in_the_whole_list() {
    let dir = archive();
    let all = wenji(dir.path(), &["list"]);
    assert_eq!(listed(&all).len(), 4);
    for (filter, expected) in [
        ("date:2020", vec![("2", "b.md"), ("3", "c.md")]),
        (
            "date:..2020-05 author:林勵",
            vec![("1", "a.md"), ("2", "b.md")],
        ),
        ("-author:林勵", vec![("3", "c.md"), ("4", "d.txt")]),
        ("tag:國安 -香港", vec![("1", "a.md")]),
        ("国家安全 date:2020..", vec![("2", "b.md"), ("3", "c.md")]),
        ("file:*.txt", vec![("4", "d.txt")]),
        ("file:2020/*", vec![("2", "b.md"), ("3", "c.md")]),
        ("category:眾聞 title:d.txt", vec![("4", "d.txt")]),
    ] {
        let output = wenji(dir.path(), &["list", "--filter", filter]);
        assert_eq!(output.status.code(), Some(0), "{filter}");
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(n, f)| (n.to_owned(), f.to_owned()))
            .collect();
        assert_eq!(listed(&output), expected, "{filter}");
    }
    let none = wenji(dir.path(), &["list", "--filter", "date:1999"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "nothing admitted, as grep finds nothing"
    );
    assert!(none.stdout.is_empty() && none.stderr.is_empty());
}

#[test]
fn search_finds_terms_only_where_the_conditions_hold() {
    let dir = archive();
    let output = wenji(
        dir.path(),
        &["search", "--count", "国家安全 date:2020 -香港"],
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].contains("c.md") && lines[0].ends_with(": 1"),
        "{text}"
    );
    let nothing = wenji(dir.path(), &["search", "国家安全 author:没有这人"]);
    assert_eq!(nothing.status.code(), Some(1));
}

#[test]
fn a_query_that_cannot_be_read_is_a_usage_error_that_says_why() {
    let dir = archive();
    for (args, says) in [
        (vec!["search", "auhtor:林勵 国家"], "no field `auhtor:`"),
        (vec!["search", "date:2020-13 国家"], "2020-13 is not a date"),
        (vec!["search", "date:2020"], "no term to search for"),
        (
            vec!["list", "--filter", "date:2022..2020"],
            "runs backwards",
        ),
    ] {
        let output = wenji(dir.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
