//! The one-shot commands carry the articles' metadata, as a script sees it: `wenji search
//! --json` lines and `--count --json` objects name each article's date, category, tags and url;
//! `--count --by year|month|day|author|category|article` prints one row per group of the whole
//! corpus, those without a hit included; `--sort` reorders whole articles (`wenji search`) or
//! rows (`wenji list`) while every row keeps its number in the unsorted list.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// Writes a Markdown article under front matter holding `fields` (`("date", "2020")`…).
fn article(dir: &Path, name: &str, fields: &[(&str, &str)], body: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    let mut text = format!("---\ntitle: \"{name}\"\n");
    for (key, value) in fields {
        let _ = writeln!(text, "{key}: {value}");
    }
    let _ = write!(text, "---\n\n{body}\n");
    fs::write(path, text).expect("write");
}

/// Six articles from 2018 to 2021, none dated 2019, one dated to its year alone and one not at
/// all. In corpus order (and so numbered 1 to 6): a b c d e f. `发展` occurs 2, 1, 1, 0, 3 and 1
/// times.
fn archive() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    article(
        root,
        "2018/a.md",
        &[
            ("date", "2018年3月15日"),
            ("author", "林勵"),
            ("category", "眾聞"),
            ("tags", "[國安法, 香港]"),
            ("url", "https://example.org/a"),
        ],
        "发展经济。\n\n发展教育。",
    );
    article(
        root,
        "2018/b.md",
        &[
            ("date", "2018-11-02"),
            ("author", "李强"),
            ("category", "要聞"),
        ],
        "只谈发展。",
    );
    article(
        root,
        "2020/c.md",
        &[
            ("date", "2020-05-22"),
            ("author", "林勵"),
            ("category", "眾聞"),
        ],
        "发展与安全。",
    );
    article(
        root,
        "2020/d.md",
        &[("date", "2020"), ("author", "王五"), ("category", "要聞")],
        "没有那个词。",
    );
    article(
        root,
        "2021/e.md",
        &[("date", "2021-01-10"), ("author", "李强")],
        "发展，发展，再发展。",
    );
    article(root, "undated/f.md", &[], "也谈发展。");
    dir
}

/// Runs `wenji ARGS PATH` with a load cache of its own in `cache`.
fn wenji_in(cache: &Path, args: &[&str], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .arg(path)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("wenji runs")
}

/// Runs `wenji ARGS PATH --no-cache`.
fn wenji(args: &[&str], path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wenji"))
        .args(args)
        .arg(path)
        .arg("--no-cache")
        .output()
        .expect("wenji runs")
}

fn lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
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

/// The rows under the `#` header, split into their columns.
fn rows(output: &Output) -> Vec<Vec<String>> {
    let lines = lines(output);
    assert!(
        lines.first().is_some_and(|line| line.starts_with("# ")),
        "a header first: {lines:?}"
    );
    lines[1..]
        .iter()
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

/// The rows as `[group, hits, articles]`.
fn groups(output: &Output) -> Vec<[String; 3]> {
    rows(output)
        .into_iter()
        .map(|row| {
            assert!(row.len() >= 3, "{row:?}");
            [row[0].clone(), row[1].clone(), row[2].clone()]
        })
        .collect()
}

fn owned(rows: &[[&str; 3]]) -> Vec<[String; 3]> {
    rows.iter().map(|row| row.map(str::to_owned)).collect()
}

fn json_lines(output: &Output) -> Vec<Value> {
    lines(output)
        .iter()
        .map(|line| serde_json::from_str(line).expect("a JSON object"))
        .collect()
}

/// The file name (`c.md`) a `file:line` column or a JSON `file` ends with.
fn name(file: &str) -> String {
    let file = file.split(':').next().unwrap_or_default();
    file.rsplit('/').next().unwrap_or_default().to_owned()
}

#[test]
fn by_year_has_every_year_in_range_the_gap_year_at_zero_and_an_unknown_row() {
    let dir = archive();
    let output = wenji(&["search", "--count", "--by", "year", "发展"], dir.path());
    assert_status(&output, 0);
    let header = &lines(&output)[0];
    assert_eq!(header, "# year\thits\tarticles\tquery: 发展");
    assert_eq!(
        groups(&output),
        owned(&[
            ["2018", "3", "2"],
            ["2019", "0", "0"],
            ["2020", "1", "1"],
            ["2021", "3", "1"],
            ["unknown", "1", "1"],
        ])
    );
}

#[test]
fn by_month_has_every_month_in_range_and_a_year_alone_is_unknown() {
    let dir = archive();
    let output = wenji(&["search", "--count", "--by", "month", "发展"], dir.path());
    assert_status(&output, 0);
    let rows = groups(&output);
    // 2018-03 to 2021-01: ten months, two years, one month; then `unknown` (d and f).
    assert_eq!(rows.len(), 10 + 24 + 1 + 1, "{rows:?}");
    let months: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(months[..3], ["2018-03", "2018-04", "2018-05"]);
    assert!(months.contains(&"2019-07"), "{months:?}");
    assert_eq!(months[months.len() - 2..], ["2021-01", "unknown"]);
    let row = |month: &str| rows.iter().find(|row| row[0] == month).cloned();
    assert_eq!(
        row("2018-03"),
        Some(owned(&[["2018-03", "2", "1"]])[0].clone())
    );
    assert_eq!(
        row("2020-05"),
        Some(owned(&[["2020-05", "1", "1"]])[0].clone())
    );
    assert_eq!(
        row("2020-06"),
        Some(owned(&[["2020-06", "0", "0"]])[0].clone())
    );
    assert_eq!(
        row("unknown"),
        Some(owned(&[["unknown", "1", "1"]])[0].clone())
    );
    let hits: usize = rows
        .iter()
        .map(|row| row[1].parse::<usize>().expect("hits"))
        .sum();
    assert_eq!(hits, 8, "every hit in some row");
}

#[test]
fn by_day_runs_day_by_day_across_the_months() {
    let dir = archive();
    let output = wenji(&["search", "--count", "--by", "day", "安全"], dir.path());
    assert_status(&output, 0);
    let rows = groups(&output);
    assert_eq!(rows[0][0], "2018-03-15");
    assert_eq!(rows[rows.len() - 2][0], "2021-01-10");
    assert_eq!(rows[rows.len() - 1], owned(&[["unknown", "0", "0"]])[0]);
    assert!(rows.iter().any(|row| row[0] == "2020-02-29"), "a leap day");
    assert!(
        rows.iter()
            .any(|row| row[..] == owned(&[["2020-05-22", "1", "1"]])[0])
    );
}

#[test]
fn by_author_lists_every_author_with_an_author_of_no_hits_and_the_nameless_last() {
    let dir = archive();
    let output = wenji(&["search", "--count", "--by", "author", "发展"], dir.path());
    assert_status(&output, 0);
    assert_eq!(
        groups(&output),
        owned(&[
            ["李强", "4", "2"],
            ["林勵", "3", "2"],
            ["王五", "0", "0"],
            ["(none)", "1", "1"],
        ])
    );
    let categories = wenji(
        &["search", "--count", "--by", "category", "发展"],
        dir.path(),
    );
    assert_eq!(
        groups(&categories),
        owned(&[["眾聞", "3", "2"], ["要聞", "1", "1"], ["(none)", "4", "2"]])
    );
}

#[test]
fn by_article_has_a_row_for_every_article_wenji_list_lists() {
    let dir = archive();
    let listed = lines(&wenji(&["list"], dir.path()));
    let output = wenji(
        &["search", "--count", "--by", "article", "发展"],
        dir.path(),
    );
    assert_status(&output, 0);
    let rows = rows(&output);
    assert_eq!(rows.len(), listed.len());
    for (row, list) in rows.iter().zip(&listed) {
        let list: Vec<&str> = list.split('\t').collect();
        assert_eq!(row[0], list[0], "the number in `wenji list`");
        assert_eq!(row[3], list[1], "the title");
        assert_eq!(row[4], list[6], "file:line");
    }
    let hits: Vec<&str> = rows.iter().map(|row| row[1].as_str()).collect();
    assert_eq!(hits, ["2", "1", "1", "0", "3", "1"]);
    // Sorted by hits: most first, ties in corpus order, the numbers kept.
    let sorted = wenji(
        &[
            "search", "--count", "--by", "article", "--sort", "hits", "发展",
        ],
        dir.path(),
    );
    let numbers: Vec<String> = rows_numbers(&sorted);
    assert_eq!(numbers, ["5", "1", "2", "3", "6", "4"]);
}

fn rows_numbers(output: &Output) -> Vec<String> {
    rows(output).into_iter().map(|row| row[0].clone()).collect()
}

#[test]
fn by_json_prints_one_object_per_row_and_no_header() {
    let dir = archive();
    let output = wenji(
        &["search", "--count", "--json", "--by", "year", "发展"],
        dir.path(),
    );
    assert_status(&output, 0);
    let rows = json_lines(&output);
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[1],
        serde_json::json!({"group": "2019", "hits": 0, "articles": 0})
    );
    assert_eq!(rows[4]["group"], "unknown");
    let articles = wenji(
        &["search", "--count", "--json", "--by", "article", "发展"],
        dir.path(),
    );
    let rows = json_lines(&articles);
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[4]["group"], "5");
    assert_eq!(rows[4]["hits"], 3);
    assert_eq!(rows[4]["articles"], 1);
    assert_eq!(rows[4]["title"], "2021/e.md");
    assert_eq!(name(rows[4]["file"].as_str().expect("a file")), "e.md");
}

#[test]
fn by_prints_its_zero_rows_even_when_nothing_is_found_and_exits_one() {
    let dir = archive();
    let output = wenji(
        &["search", "--count", "--by", "year", "没有这个词"],
        dir.path(),
    );
    assert_status(&output, 1);
    let rows = groups(&output);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows.iter().all(|row| row[1] == "0" && row[2] == "0"));
}

/// A file the load cache's signature rules out still counts among the groups: a warm search
/// gives the rows a cold one does.
#[test]
fn by_counts_the_files_the_cache_would_turn_away() {
    let dir = archive();
    let cache = tempfile::tempdir().expect("a cache folder");
    assert_status(&wenji_in(cache.path(), &["list"], dir.path()), 0);
    let args = ["search", "--count", "--by", "month", "再发展"];
    let warm = wenji_in(cache.path(), &args, dir.path());
    assert_status(&warm, 0);
    let cold = wenji(&args, dir.path());
    assert_eq!(lines(&warm), lines(&cold));
    assert_eq!(groups(&warm).len(), 36);
}

#[test]
fn by_needs_count_and_sort_orders_only_its_articles() {
    let dir = archive();
    for args in [
        &["search", "--by", "year", "发展"][..],
        &["search", "--count", "--by", "decade", "发展"],
        &[
            "search", "--count", "--by", "year", "--sort", "hits", "发展",
        ],
    ] {
        let output = wenji(args, dir.path());
        assert_status(&output, 2);
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn json_hits_carry_the_date_as_written_and_read_the_category_tags_and_url() {
    let dir = archive();
    let output = wenji(&["search", "--json", "发展经济"], dir.path());
    assert_status(&output, 0);
    let hits = json_lines(&output);
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["article"], 1);
    assert_eq!(hit["date"], "2018年3月15日");
    assert_eq!(hit["date_value"], "2018-03-15");
    assert_eq!(hit["category"], "眾聞");
    assert_eq!(hit["tags"], serde_json::json!(["國安法", "香港"]));
    assert_eq!(hit["url"], "https://example.org/a");
    assert_eq!(hit["speaker"], "林勵");
    assert_eq!(hit["hit"], "发展经济");
    let undated = wenji(&["search", "--json", "也谈"], dir.path());
    let hit = &json_lines(&undated)[0];
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(hit["date_value"], Value::Null);
    assert_eq!(hit["tags"], serde_json::json!([]));
    assert_eq!(hit["article"], 6);
}

#[test]
fn count_json_prints_one_object_per_matching_article() {
    let dir = archive();
    let output = wenji(&["search", "--count", "--json", "发展"], dir.path());
    assert_status(&output, 0);
    let articles = json_lines(&output);
    let numbers: Vec<&Value> = articles.iter().map(|a| &a["article"]).collect();
    assert_eq!(numbers, [1, 2, 3, 5, 6]);
    let hits: Vec<&Value> = articles.iter().map(|a| &a["hits"]).collect();
    assert_eq!(hits, [2, 1, 1, 3, 1]);
    let first = &articles[0];
    assert_eq!(name(first["file"].as_str().expect("a file")), "a.md");
    let listed = json_lines(&wenji(&["list", "--json"], dir.path()));
    assert_eq!(
        first["line"], listed[0]["line"],
        "the line `wenji list` gives"
    );
    assert_eq!(first["title"], "2018/a.md");
    assert_eq!(first["speaker"], "林勵");
    assert_eq!(first["date"], "2018年3月15日");
    assert_eq!(first["date_value"], "2018-03-15");
    assert_eq!(first["category"], "眾聞");
    assert_eq!(first["tags"], serde_json::json!(["國安法", "香港"]));
    assert_eq!(first["url"], "https://example.org/a");
    assert_eq!(articles[2]["date_value"], "2020-05-22");
}

#[test]
fn sort_newest_first_puts_the_newest_articles_lines_first_and_keeps_each_together() {
    let dir = archive();
    let output = wenji(&["search", "--json", "--sort", "-date", "发展"], dir.path());
    assert_status(&output, 0);
    let hits = json_lines(&output);
    let numbers: Vec<u64> = hits
        .iter()
        .map(|hit| hit["article"].as_u64().expect("a number"))
        .collect();
    assert_eq!(numbers, [5, 5, 5, 3, 2, 1, 1, 6], "the undated last");
    let starts: Vec<u64> = hits[..3]
        .iter()
        .map(|hit| hit["byte_start"].as_u64().expect("an offset"))
        .collect();
    assert!(starts.is_sorted(), "in reading order: {starts:?}");
    assert_eq!(hits[5]["paragraph"], 1);
    assert_eq!(hits[6]["paragraph"], 2);
    // Lines and counts move the same way.
    let plain = wenji(&["search", "--sort=-date", "发展"], dir.path());
    let files: Vec<String> = lines(&plain).iter().map(|line| name(line)).collect();
    assert_eq!(
        files,
        [
            "e.md", "e.md", "e.md", "c.md", "b.md", "a.md", "a.md", "f.md"
        ]
    );
    let counts = wenji(&["search", "--count", "--sort", "date", "发展"], dir.path());
    let files: Vec<String> = lines(&counts).iter().map(|line| name(line)).collect();
    assert_eq!(files, ["a.md", "b.md", "c.md", "e.md", "f.md"]);
    let unsorted = wenji(&["search", "--count", "--sort", "path", "发展"], dir.path());
    assert_eq!(
        lines(&unsorted),
        lines(&wenji(&["search", "--count", "发展"], dir.path()))
    );
}

#[test]
fn list_sort_reorders_the_rows_and_each_keeps_its_number_in_the_corpus() {
    let dir = archive();
    let listed = |args: &[&str]| -> Vec<(String, String)> {
        let output = wenji(args, dir.path());
        assert_status(&output, 0);
        lines(&output)
            .iter()
            .map(|line| {
                let columns: Vec<&str> = line.split('\t').collect();
                (columns[0].to_owned(), name(columns[6]))
            })
            .collect()
    };
    let pairs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(n, f)| (n.to_owned(), f.to_owned()))
            .collect()
    };
    assert_eq!(
        listed(&["list", "--sort", "date"]),
        pairs(&[
            ("1", "a.md"),
            ("2", "b.md"),
            ("4", "d.md"),
            ("3", "c.md"),
            ("5", "e.md"),
            ("6", "f.md"),
        ]),
        "a year alone before its days, the undated last"
    );
    assert_eq!(
        listed(&["list", "--sort", "-date"]),
        pairs(&[
            ("5", "e.md"),
            ("3", "c.md"),
            ("4", "d.md"),
            ("2", "b.md"),
            ("1", "a.md"),
            ("6", "f.md"),
        ])
    );
    assert_eq!(
        listed(&["list", "--sort", "-date", "--filter", "author:李强"]),
        pairs(&[("5", "e.md"), ("2", "b.md")])
    );
    let corpus = listed(&["list"]);
    assert_eq!(listed(&["list", "--sort", "path"]), corpus);
    assert_eq!(
        listed(&["list", "--sort", "hits"]),
        corpus,
        "a list has no hits"
    );
    let json = wenji(&["list", "--json", "--sort", "-date"], dir.path());
    let numbers: Vec<Value> = json_lines(&json)
        .iter()
        .map(|e| e["number"].clone())
        .collect();
    assert_eq!(numbers, [5, 3, 4, 2, 1, 6]);
}

#[test]
fn an_unknown_sort_is_a_usage_error_naming_the_orders() {
    let dir = archive();
    for args in [
        &["list", "--sort", "size"][..],
        &["search", "--sort", "size", "发展"],
    ] {
        let output = wenji(args, dir.path());
        assert_status(&output, 2);
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("size"), "{stderr}");
        assert!(
            stderr.contains("-date") && stderr.contains("title"),
            "{stderr}"
        );
    }
}

#[test]
fn the_sample_is_grouped_and_sorted_as_files_are() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_wenji"))
            .args(args)
            .output()
            .expect("wenji runs")
    };
    let listed = lines(&run(&["list"])).len();
    let output = run(&["search", "--count", "--by", "article", "振兴"]);
    assert_status(&output, 0);
    assert_eq!(rows(&output).len(), listed);
    // Only the third article is dated (by its title): newest first, it leads.
    let sorted = run(&["list", "--sort", "-date"]);
    let numbers: Vec<String> = lines(&sorted)
        .iter()
        .map(|line| line.split('\t').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(numbers, ["3", "1", "2"]);
}

/// The Government Work Reports are dated by their titles (1954 to 2025, with years that had
/// none); the resolutions on them are not dated.
#[test]
fn the_government_work_reports_count_by_year_with_the_years_between() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/wikisource-political/government_work_reports.jsonl");
    if !file.is_file() {
        eprintln!("skipped: {} is absent", file.display());
        return;
    }
    let output = wenji(&["search", "--count", "--by", "year", "发展"], &file);
    assert_status(&output, 0);
    let rows = groups(&output);
    let years: Vec<u16> = rows[..rows.len() - 1]
        .iter()
        .map(|row| row[0].parse().expect("a year"))
        .collect();
    let (first, last) = (years[0], years[years.len() - 1]);
    assert!(first <= 1960 && last >= 2024, "{first}..{last}");
    assert_eq!(
        years,
        (first..=last).collect::<Vec<_>>(),
        "every year between"
    );
    assert_eq!(
        rows[rows.len() - 1][0],
        "unknown",
        "the undated resolutions"
    );
    let row = |year: &str| rows.iter().find(|row| row[0] == year).expect("a row");
    assert_eq!(row("1970")[1], "0", "no report that year");
    assert!(row("2024")[1].parse::<usize>().expect("hits") > 0);
    assert_eq!(row("2024")[2], "1");
    let listed = wenji(&["list"], &file);
    let dated = lines(&listed)
        .iter()
        .filter(|line| !line.split('\t').nth(5).unwrap_or_default().is_empty())
        .count();
    let counted: usize = rows[..rows.len() - 1]
        .iter()
        .map(|row| row[2].parse::<usize>().expect("articles"))
        .sum();
    assert!(
        counted <= dated,
        "{counted} of {dated} dated reports have a hit"
    );
}
