//! Benchmark corpora of a requested size, built by recombining real text.
//!
//! The paragraphs, titles, bylines and credits of the embedded sample (`data/speeches.txt`) and,
//! when present, of the reports in `../shared/corpora/wikisource-political/*.jsonl` are shuffled
//! into a tree of `year/month` folders. Three shapes of file come out: markdown-ish `.txt` shaped
//! like the sample (`#` section, `##` titles, bylines, page-break splits, editor credits),
//! heading-less plain `.txt`, and `.md` with YAML front matter. File sizes follow a clamped
//! log-normal spread with a few report-sized files, scaled so that the total lands on the
//! requested byte count (each file aims at a cumulative target, so rounding never accumulates).
//! A fixed seed writes the same bytes on every run; a hidden marker file records what was written,
//! so a bench can reuse the folder and the generator never overwrites a folder it did not make.
//!
//! Shared by `examples/gen_corpus.rs` and `benches/load.rs` through `#[path]`. A corpus shaped
//! like a web archive's export (front matter, figures, re-crawls, stubs, both scripts, GBK) is
//! written by [`archive`].

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

#[path = "pools.rs"]
mod pools;

#[path = "archive.rs"]
pub mod archive;

pub use pools::{Pools, wikisource_dir};

/// Hidden (so the corpus walker skips it) file that says what a folder holds.
pub const MARKER: &str = ".wenji-bench-corpus";
/// Bumped whenever the same spec would write different bytes.
const FORMAT_VERSION: u32 = 1;
/// The seed used unless one is given.
pub const DEFAULT_SEED: u64 = 0x5745_4E4A_4943_4F52;

/// The corpus the 100 MB budgets are stated for: 20 000 files.
pub const HUNDRED_MB: Spec = Spec {
    bytes: 100_000_000,
    files: 20_000,
    seed: DEFAULT_SEED,
};
/// Average file size when only a byte count is requested.
pub const DEFAULT_FILE_BYTES: u64 = 5_000;
/// Files larger than this hold several articles, as a newspaper page does.
const ARTICLE_BYTES: usize = 40_000;
/// Years the folder tree spans, one folder per month.
const FIRST_YEAR: usize = 1954;
const YEARS: usize = 72;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub bytes: u64,
    pub files: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub folders: usize,
    pub bytes: u64,
    /// Articles as the generator laid them out (the loader may count a few more or fewer).
    pub articles: usize,
    pub smallest: usize,
    pub median: usize,
    pub largest: usize,
}

/// Parses `100M`, `1G`, `512k`, `1.5M` or `100MB` (powers of 1000) and `64Mi`/`64MiB` (powers of
/// 1024) into a byte count.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let unit_at = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(unit_at);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 100M or 1G"))?;
    let unit = unit.trim().trim_end_matches(['B', 'b']);
    let scale: f64 = match unit.to_ascii_lowercase().as_str() {
        "" => 1.0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        "ki" => 1024.0,
        "mi" => 1024.0 * 1024.0,
        "gi" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "`{text}`: unknown unit `{unit}` (use K, M, G, Ki, Mi or Gi)"
            ));
        }
    };
    let bytes = (number * scale).round();
    if !(1.0..=1e13).contains(&bytes) {
        return Err(format!("`{text}`: sizes run from 1 byte to 10 TB"));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above to be a positive whole number below 2^53"
    )]
    Ok(bytes as u64)
}

/// Writes the corpus `spec` asks for into `out`, replacing an earlier generated corpus there.
pub fn generate(spec: &Spec, pools: &Pools, out: &Path) -> io::Result<Summary> {
    prepare(out)?;
    let mut rng = Rng::new(spec.seed);
    let ends = file_ends(spec, &mut rng);
    let folders = (spec.files / 20).clamp(1, YEARS * 12);
    let mut summary = Summary::default();
    let mut sizes = Vec::with_capacity(ends.len());
    let mut folder = None;
    for (index, &end) in ends.iter().enumerate() {
        let target = usize::try_from(end.saturating_sub(summary.bytes)).expect("a file fits");
        let number = index * folders / spec.files;
        let (year, month) = (FIRST_YEAR + number / 12, number % 12 + 1);
        let file = FileWriter::new(pools, &mut rng).write(target, (year, month));
        let dir = out.join(format!("{year}/{month:02}"));
        if folder.as_ref() != Some(&dir) {
            fs::create_dir_all(&dir)?;
            summary.folders += 1;
            folder = Some(dir.clone());
        }
        fs::write(
            dir.join(format!("{:05}.{}", index + 1, file.extension)),
            &file.text,
        )?;
        summary.bytes += file.text.len() as u64;
        summary.articles += file.articles;
        sizes.push(file.text.len());
    }
    summary.files = sizes.len();
    sizes.sort_unstable();
    summary.smallest = sizes.first().copied().unwrap_or_default();
    summary.median = sizes.get(sizes.len() / 2).copied().unwrap_or_default();
    summary.largest = sizes.last().copied().unwrap_or_default();
    fs::write(out.join(MARKER), marker(spec, pools))?;
    Ok(summary)
}

/// Generates the corpus into `out` unless the folder already holds exactly it. Returns what was
/// written, or `None` when the folder was reused.
pub fn ensure(spec: &Spec, out: &Path) -> io::Result<Option<Summary>> {
    let pools = full_pools()?;
    if fs::read_to_string(out.join(MARKER)).is_ok_and(|m| m == marker(spec, &pools)) {
        return Ok(None);
    }
    generate(spec, &pools, out).map(Some)
}

/// The sample's pieces, and the wikisource reports' when they are there.
fn full_pools() -> io::Result<Pools> {
    let mut pools = Pools::from_sample();
    let wikisource = wikisource_dir();
    if wikisource.is_dir() {
        pools.add_wikisource(&wikisource)?;
    }
    Ok(pools)
}

fn marker(spec: &Spec, pools: &Pools) -> String {
    format!(
        "wenji benchmark corpus, format {FORMAT_VERSION}\nbytes: {}\nfiles: {}\nseed: {}\n{}\n",
        spec.bytes,
        spec.files,
        spec.seed,
        pools.describe()
    )
}

/// Empties `out` if it holds a generated corpus; refuses a non-empty folder that does not.
fn prepare(out: &Path) -> io::Result<()> {
    if out.join(MARKER).is_file() {
        fs::remove_dir_all(out)?;
    } else if out.is_dir() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty and holds no generated corpus ({MARKER} missing); \
                 choose another folder",
                out.display()
            ),
        ));
    }
    fs::create_dir_all(out)
}

/// Cumulative byte offsets at which each file should end; the last is `spec.bytes`.
fn file_ends(spec: &Spec, rng: &mut Rng) -> Vec<u64> {
    let weights: Vec<u64> = (0..spec.files).map(|_| rng.size_weight()).collect();
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    let mut cumulative = 0u128;
    weights
        .iter()
        .map(|&w| {
            cumulative += u128::from(w);
            let end = u128::from(spec.bytes) * cumulative / sum.max(1);
            u64::try_from(end).expect("at most spec.bytes")
        })
        .collect()
}

/// One generated file.
struct File {
    extension: &'static str,
    text: String,
    articles: usize,
}

/// Builds one file's text towards a byte target.
struct FileWriter<'a> {
    pools: &'a Pools,
    rng: &'a mut Rng,
    text: String,
    articles: usize,
}

impl<'a> FileWriter<'a> {
    fn new(pools: &'a Pools, rng: &'a mut Rng) -> Self {
        FileWriter {
            pools,
            rng,
            text: String::new(),
            articles: 0,
        }
    }

    /// A file of about `target` bytes dated in the given `(year, month)`.
    fn write(mut self, target: usize, date: (usize, usize)) -> File {
        self.text.reserve(target + 256);
        let roll = self.rng.unit();
        let extension = if roll < 0.15 {
            self.front_matter(date);
            self.body(target);
            "md"
        } else if roll < 0.25 {
            let title = self.rng.pick(&self.pools.titles).clone();
            self.line(&title);
            self.articles += 1;
            self.body(target);
            "txt"
        } else {
            self.markdown_ish(target);
            "txt"
        };
        File {
            extension,
            text: self.text,
            articles: self.articles,
        }
    }

    /// Shaped like the sample: an optional section, then one or more titled articles.
    fn markdown_ish(&mut self, target: usize) {
        if self.rng.chance(0.3) {
            let section = self.rng.pick(&self.pools.sections).clone();
            self.text.push_str("# ");
            self.text.push_str(&section);
            self.text.push_str("\n\n\n\n");
        }
        let mut count = 1 + target / ARTICLE_BYTES;
        if target > 8_000 && self.rng.chance(0.2) {
            count += 1;
        }
        for k in 1..=count {
            self.article(target * k / count);
        }
    }

    /// `## title`, a byline, paragraphs up to byte `end`, and an editor credit.
    fn article(&mut self, end: usize) {
        let title = self.rng.pick(&self.pools.titles).clone();
        self.text.push_str("## ");
        self.line(&title);
        let byline = self.byline();
        self.text.push_str(&byline);
        self.text.push_str("\n\n\n\n");
        let credit = self.credit();
        self.body(end.saturating_sub(credit.len() + 2));
        if self.rng.chance(0.3) && self.text.ends_with("。\n\n") {
            // The sample's first credit trails the last paragraph on the same line.
            self.text.truncate(self.text.len() - 2);
        }
        self.line(&credit);
        self.articles += 1;
    }

    fn front_matter(&mut self, (year, month): (usize, usize)) {
        let title = self.rng.pick(&self.pools.titles).replace('"', "'");
        let author = self.rng.pick(&self.pools.names).clone();
        let day = 1 + self.rng.below(28);
        writeln!(
            self.text,
            "---\ntitle: \"{title}\"\nauthor: {author}\ndate: {year}-{month:02}-{day:02}\n---\n"
        )
        .expect("writing to a String cannot fail");
        self.articles += 1;
    }

    /// Paragraphs until the text is `end` bytes long, the last one cut to fit; now and then a
    /// paragraph is split mid-sentence by a blank line, as page breaks split the sample's.
    fn body(&mut self, end: usize) {
        while self.text.len() + 3 <= end {
            let room = end - self.text.len() - 2;
            let paragraph = self.rng.pick(&self.pools.paragraphs);
            let piece = prefix(paragraph, room);
            if piece.is_empty() {
                break;
            }
            if piece.len() > 300 && self.rng.chance(0.05) {
                let cut = prefix(piece, piece.len() / 2).len();
                self.text.push_str(&piece[..cut]);
                self.text.push_str("\n\n");
                self.line(&piece[cut..]);
            } else {
                self.line(piece);
            }
        }
    }

    fn byline(&mut self) -> String {
        let name = self.rng.pick(&self.pools.names);
        let role = self.rng.pick(&self.pools.roles);
        if self.rng.chance(0.3) {
            format!("{name}（{role}）")
        } else {
            format!("{name}({role})")
        }
    }

    fn credit(&mut self) -> String {
        let reporters = &self.pools.reporters;
        let first = self.rng.below(reporters.len());
        // Never the same reporter twice: the second is drawn from the others.
        let second = (first + 1 + self.rng.below(reporters.len().max(2) - 1)) % reporters.len();
        let (first, second) = (&reporters[first], &reporters[second]);
        format!("（新华社记者{first}、{second}整理）")
    }

    /// `text` as a paragraph: followed by a blank line.
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push_str("\n\n");
    }
}

/// The longest prefix of `text` that is at most `max` bytes and ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// xorshift64*: small, fast and the same on every platform; statistical quality is not at stake.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        f64::from_bits(0x3FF0_0000_0000_0000 | (self.next() >> 12)) - 1.0
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n.max(1)).expect("usize fits in u64");
        usize::try_from(self.next() % n).expect("below a usize")
    }

    fn pick<'p, T>(&mut self, items: &'p [T]) -> &'p T {
        &items[self.below(items.len())]
    }

    /// A relative file size: log-normal around 1000, clamped to about 0.13×–27× the median,
    /// with one file in 200 a whole report (10–40× larger, at most 150× the median).
    fn size_weight(&mut self) -> u64 {
        let u = 1.0 - self.unit();
        let z = (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos();
        let mut weight = 1000.0 * (1.1 * z.clamp(-1.85, 3.0)).exp();
        if self.chance(0.005) {
            weight *= 10.0 + 30.0 * self.unit();
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a positive number below 150 000"
        )]
        let weight = weight.clamp(1.0, 150_000.0) as u64;
        weight
    }
}

/// [`ensure`], saying on stderr what was generated; `false` (with the reason) when the corpus
/// cannot be written and the bench `what` is skipped.
pub fn ensure_reported(spec: &Spec, out: &Path, what: &str) -> bool {
    match ensure(spec, out) {
        Ok(Some(summary)) => {
            eprintln!(
                "generated {}: {} files, {} bytes",
                out.display(),
                summary.files,
                summary.bytes
            );
            true
        }
        Ok(None) => true,
        Err(error) => {
            eprintln!("{what} skipped: cannot write {}: {error}", out.display());
            false
        }
    }
}
