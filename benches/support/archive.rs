//! A benchmark corpus shaped like a real web archive's export, not like the sample.
//!
//! One Markdown file per article under YAML front matter (`title`, `date`, `author`,
//! `category`, `tags`, `url`), in `year/month` folders, with what real exports carry and
//! recombined paragraphs do not:
//! - a few files in a thousand that name the date `published` or `created`, and a few whose
//!   date is `不详` (unknown), which no reader can read (`DateField`);
//! - inline `<figure>` HTML (an image and its caption) between paragraphs;
//! - re-crawls: the same article saved again by a later crawl, a few days on, with another
//!   `url` query, its date now and then written another way and now and then one more paragraph;
//! - one farewell notice saved many times over, and `Temporarily Offline` stubs with an empty
//!   body;
//! - traditional characters: about a fifth of the articles, converted character by character
//!   with a small table of common characters, so both scripts stand side by side;
//! - a few files in GBK.
//!
//! File sizes follow the same log-normal spread as the recombined corpus ([`super::file_ends`]).
//! Written by `examples/gen_corpus.rs --archive` and kept under a marker like the other corpus.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::LazyLock;

use super::{MARKER, Pools, Rng, Spec, file_ends, prepare};

/// Bumped whenever the same spec would write different bytes.
const FORMAT_VERSION: u32 = 2;

/// The archive the issue-14 budgets are stated for: 300 MB in 50 000 files.
pub const THREE_HUNDRED_MB: Spec = Spec {
    bytes: 300_000_000,
    files: 50_000,
    seed: super::DEFAULT_SEED,
};

/// Common characters and their traditional forms.
const TRADITIONAL: &[(char, char)] = &[
    ('国', '國'),
    ('发', '發'),
    ('会', '會'),
    ('经', '經'),
    ('济', '濟'),
    ('对', '對'),
    ('这', '這'),
    ('为', '為'),
    ('时', '時'),
    ('进', '進'),
    ('业', '業'),
    ('实', '實'),
    ('现', '現'),
    ('过', '過'),
    ('动', '動'),
    ('产', '產'),
    ('设', '設'),
    ('体', '體'),
    ('关', '關'),
    ('战', '戰'),
    ('党', '黨'),
    ('区', '區'),
    ('长', '長'),
    ('开', '開'),
    ('问', '問'),
    ('题', '題'),
    ('机', '機'),
    ('术', '術'),
    ('应', '應'),
    ('强', '強'),
    ('质', '質'),
    ('标', '標'),
    ('总', '總'),
    ('书', '書'),
    ('记', '記'),
    ('导', '導'),
    ('务', '務'),
    ('义', '義'),
    ('华', '華'),
    ('两', '兩'),
    ('门', '門'),
    ('东', '東'),
    ('线', '線'),
    ('里', '裡'),
    ('湾', '灣'),
    ('来', '來'),
    ('们', '們'),
    ('说', '說'),
    ('领', '領'),
    ('优', '優'),
    ('万', '萬'),
    ('与', '與'),
    ('兴', '興'),
    ('亿', '億'),
];

const FAREWELL: &str = "本站将于近日停止更新，感谢各位读者多年来的支持与陪伴。";
const STUB_TITLE: &str = "Temporarily Offline";
const TAGS: &[&str] = &[
    "经济", "民生", "改革", "开放", "科技", "教育", "安全", "外交", "环境", "文化",
];

/// What one archive holds, as generated.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub recrawls: usize,
    pub farewells: usize,
    pub stubs: usize,
    pub traditional: usize,
    pub gbk: usize,
    /// Figures written into new articles (a re-crawl repeats its original's).
    pub figures: usize,
    /// Files whose date is their `published` field, their `created` field, or unknown.
    pub published: usize,
    pub created: usize,
    pub unknown_dates: usize,
}

/// How a file's front matter gives its date. Most write `date`; real exports now and then name
/// it otherwise or have none to give, and the reader must take those too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateField {
    Date,
    Published,
    Created,
    /// `date: "不详"`: a field that is there and says no date.
    Unknown,
}

impl DateField {
    /// Two files in a thousand each way, chosen by the file's place rather than drawn, so that
    /// every other file is written as it was before these were.
    fn of(index: usize) -> Self {
        match index % 500 {
            101 => Self::Published,
            251 => Self::Created,
            401 => Self::Unknown,
            _ => Self::Date,
        }
    }
}

/// An article as first published, kept so a later file can be its re-crawl.
#[derive(Clone)]
struct Published {
    title: String,
    date: (usize, usize, usize),
    author: String,
    category: String,
    tags: Vec<&'static str>,
    /// The last part of its url.
    slug: String,
    /// Which crawl saved it (1 for the first), in its url's query and its file's name.
    crawl: usize,
    body: String,
}

/// Writes the archive `spec` asks for into `out`, replacing an earlier generated corpus there.
pub fn generate(spec: &Spec, pools: &Pools, out: &Path) -> io::Result<Summary> {
    prepare(out)?;
    let mut rng = Rng::new(spec.seed);
    let ends = file_ends(spec, &mut rng);
    let mut summary = Summary::default();
    let mut recent: Vec<Published> = Vec::new();
    for (index, &end) in ends.iter().enumerate() {
        let target = usize::try_from(end.saturating_sub(summary.bytes)).expect("a file fits");
        // The archive runs from 2005 on, month by month in file order.
        let month = index * 240 / spec.files.max(1);
        let date = (2005 + month / 12, month % 12 + 1, 1 + rng.below(28));
        let roll = rng.unit();
        let article = if roll < 0.005 {
            summary.stubs += 1;
            stub(date, index)
        } else if roll < 0.015 {
            summary.farewells += 1;
            farewell(date, index)
        } else if roll < 0.15 && !recent.is_empty() {
            summary.recrawls += 1;
            let at = rng.below(recent.len());
            let again = recrawl(recent[at].clone(), &mut rng, pools);
            recent[at] = again.clone();
            again
        } else {
            let published = fresh(pools, &mut rng, target, date, index, &mut summary.figures);
            if recent.len() == 64 {
                recent.remove(0);
            }
            recent.push(published.clone());
            published
        };
        let field = DateField::of(index);
        match field {
            DateField::Date => {}
            DateField::Published => summary.published += 1,
            DateField::Created => summary.created += 1,
            DateField::Unknown => summary.unknown_dates += 1,
        }
        let mut text = front_matter(&article, rng.chance(0.3), field) + &article.body;
        if rng.chance(0.2) {
            text = text.chars().map(traditional).collect();
            summary.traditional += 1;
        }
        let dir = out.join(format!("{}/{:02}", article.date.0, article.date.1));
        fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}-{}.md", article.slug, article.crawl));
        // A file of ASCII alone (a stub) reads the same in GBK: it is not counted as one.
        let bytes = if rng.chance(0.003) && !text.is_ascii() {
            summary.gbk += 1;
            encoding_rs::GBK.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        summary.bytes += bytes.len() as u64;
        fs::write(path, bytes)?;
        summary.files += 1;
    }
    fs::write(out.join(MARKER), marker(spec, pools))?;
    Ok(summary)
}

/// Generates the archive into `out` unless the folder already holds exactly it. Returns what
/// was written, or `None` when the folder was reused.
pub fn ensure(spec: &Spec, out: &Path) -> io::Result<Option<Summary>> {
    let pools = super::full_pools()?;
    if fs::read_to_string(out.join(MARKER)).is_ok_and(|m| m == marker(spec, &pools)) {
        return Ok(None);
    }
    generate(spec, &pools, out).map(Some)
}

fn marker(spec: &Spec, pools: &Pools) -> String {
    format!(
        "wenji benchmark archive, format {FORMAT_VERSION}\nbytes: {}\nfiles: {}\nseed: {}\n{}\n",
        spec.bytes,
        spec.files,
        spec.seed,
        pools.describe()
    )
}

/// A new article of about `target` bytes (one paragraph at least).
fn fresh(
    pools: &Pools,
    rng: &mut Rng,
    target: usize,
    date: (usize, usize, usize),
    index: usize,
    figures: &mut usize,
) -> Published {
    let mut body = String::with_capacity(target + 256);
    // At least one paragraph: only stubs are empty.
    while body.is_empty() || body.len() + 200 < target {
        if rng.chance(0.08) {
            *figures += 1;
            let caption = rng.pick(&pools.titles);
            write!(
                body,
                "<figure><img src=\"/images/{index}-{}.jpg\" alt=\"\"><figcaption>{caption}\
                 </figcaption></figure>\n\n",
                body.len()
            )
            .expect("writing to a String cannot fail");
        }
        body.push_str(rng.pick(&pools.paragraphs).as_str());
        body.push_str("\n\n");
    }
    let tags = (0..=rng.below(3)).map(|_| *rng.pick(TAGS)).collect();
    Published {
        title: rng.pick(&pools.titles).replace('"', "'"),
        date,
        author: rng.pick(&pools.names).clone(),
        category: rng.pick(&pools.sections).clone(),
        tags,
        slug: format!("a{index:06}"),
        crawl: 1,
        body,
    }
}

/// `original` saved again: by a later crawl, a few days on, and now and then with one more
/// paragraph.
fn recrawl(mut again: Published, rng: &mut Rng, pools: &Pools) -> Published {
    again.date.2 = (again.date.2 + 1 + rng.below(3)).min(28);
    if rng.chance(0.3) {
        again.body.push_str(rng.pick(&pools.paragraphs).as_str());
        again.body.push_str("\n\n");
    }
    again.crawl += 1;
    again
}

fn farewell(date: (usize, usize, usize), index: usize) -> Published {
    Published {
        title: "停更告读者".to_owned(),
        date,
        author: "编辑部".to_owned(),
        category: "公告".to_owned(),
        tags: vec!["公告"],
        slug: format!("notice-{index:06}"),
        crawl: 1,
        body: format!("{FAREWELL}\n"),
    }
}

fn stub(date: (usize, usize, usize), index: usize) -> Published {
    Published {
        title: STUB_TITLE.to_owned(),
        date,
        author: String::new(),
        category: String::new(),
        tags: Vec::new(),
        slug: format!("offline-{index:06}"),
        crawl: 1,
        body: String::new(),
    }
}

/// The front matter of `article`; `long_date` writes the date as an ISO time in UTC+8, and
/// `field` says under which name, if any, it is written.
fn front_matter(article: &Published, long_date: bool, field: DateField) -> String {
    let (year, month, day) = article.date;
    let date = if long_date {
        format!("\"{year}-{month:02}-{day:02}T09:30:00+08:00\"")
    } else {
        format!("{year}-{month:02}-{day:02}")
    };
    let date = match field {
        DateField::Date => format!("date: {date}"),
        DateField::Published => format!("published: {date}"),
        DateField::Created => format!("created: {date}"),
        DateField::Unknown => "date: \"不详\"".to_owned(),
    };
    let tags = article.tags.join(", ");
    format!(
        "---\ntitle: \"{}\"\n{date}\nauthor: \"{}\"\ncategory: \"{}\"\ntags: [{tags}]\n\
         url: \"https://news.example.org/{year}/{month:02}/{}.html?crawl={}\"\n---\n\n",
        article.title, article.author, article.category, article.slug, article.crawl
    )
}

fn traditional(c: char) -> char {
    static FORMS: LazyLock<HashMap<char, char>> =
        LazyLock::new(|| TRADITIONAL.iter().copied().collect());
    FORMS.get(&c).copied().unwrap_or(c)
}
