//! The text pieces a benchmark corpus is recombined from: section headings, titles, bylines,
//! credit reporters and paragraphs, read from the embedded sample and, when present, from the
//! wikisource reports (`*.jsonl`, one JSON object with `title` and `content` per line).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The sample page the crate embeds; its pieces seed every pool.
const SAMPLE: &str = include_str!("../../data/speeches.txt");

/// The folder of real reports recombined when present.
pub fn wikisource_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/wikisource-political")
}

/// The text pieces files are built from.
#[derive(Debug, Default)]
pub struct Pools {
    pub sections: Vec<String>,
    pub titles: Vec<String>,
    pub names: Vec<String>,
    pub roles: Vec<String>,
    pub reporters: Vec<String>,
    pub paragraphs: Vec<String>,
    /// Reports read from the wikisource folder (0 when it is absent).
    pub reports: usize,
}

impl Pools {
    /// The pieces of the embedded sample.
    pub fn from_sample() -> Self {
        let mut pools = Pools::default();
        for line in SAMPLE.lines().map(trim) {
            if let Some(title) = line.strip_prefix("## ") {
                pools.titles.push(title.to_owned());
            } else if let Some(section) = line.strip_prefix("# ") {
                pools.sections.push(section.to_owned());
            } else if let Some((name, role)) = byline(line) {
                pools.names.push(name.to_owned());
                pools.roles.push(role.to_owned());
            } else {
                let (body, credit) = split_credit(line);
                if let Some(credit) = credit {
                    pools
                        .reporters
                        .extend(credit.split('、').map(str::to_owned));
                }
                if body.chars().count() >= 20 {
                    pools.paragraphs.push(body.to_owned());
                }
            }
        }
        pools
    }

    /// Adds the titles and paragraphs of every `*.jsonl` report in `dir`.
    pub fn add_wikisource(&mut self, dir: &Path) -> io::Result<usize> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        let before = self.reports;
        for file in files {
            for line in fs::read_to_string(&file)?.lines() {
                self.add_report(line)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            }
        }
        Ok(self.reports - before)
    }

    fn add_report(&mut self, line: &str) -> serde_json::Result<()> {
        if line.trim().is_empty() {
            return Ok(());
        }
        let report: serde_json::Value = serde_json::from_str(line)?;
        if let Some(title) = report["title"].as_str() {
            self.titles.push(trim(title).to_owned());
        }
        let content = report["content"].as_str().unwrap_or_default();
        let paragraphs = content.lines().map(trim).filter(|l| !l.is_empty());
        // A `#` at the start of a line would turn into a heading and reshape the articles.
        self.paragraphs.extend(
            paragraphs
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned),
        );
        self.reports += 1;
        Ok(())
    }

    /// A line for the marker file: which pools a corpus was built from.
    pub fn describe(&self) -> String {
        format!(
            "pools: {} titles, {} paragraphs, {} reports",
            self.titles.len(),
            self.paragraphs.len(),
            self.reports
        )
    }
}

/// `Name(role)` or `Name（role）` with a two- to four-character name.
fn byline(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once(['(', '（'])?;
    let role = rest.strip_suffix([')', '）'])?;
    (2..=4)
        .contains(&name.chars().count())
        .then_some((name, role))
}

/// A paragraph and the reporters of a trailing `（新华社记者…整理）` credit, if any.
fn split_credit(line: &str) -> (&str, Option<&str>) {
    const OPEN: &str = "（新华社记者";
    const CLOSE: &str = "整理）";
    match line.find(OPEN) {
        Some(at) if line.ends_with(CLOSE) => {
            let reporters = &line[at + OPEN.len()..line.len() - CLOSE.len()];
            (trim(&line[..at]), Some(reporters))
        }
        _ => (line, None),
    }
}

/// Trims ASCII and ideographic spaces.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}
