//! What an engine that keeps no articles keeps of each for a query's conditions: its date, its
//! title, speaker, section and tags folded as terms are, and the name of its file.
//!
//! The texts of every article lie end to end in one string, so that taking in a part of a
//! corpus as it loads costs a few short copies per article and no allocation of its own.

use super::fold::fold_query_into;
use super::query::{Condition, Described, Query};
use crate::corpus::{Article, Date, DateValue, Source};

/// The conditions' view of every article an engine holds, in corpus order.
#[derive(Debug, Default)]
pub struct Facts {
    /// The shown names of the sources, end to end, and where each ends.
    files: String,
    file_ends: Vec<u32>,
    articles: Vec<Fact>,
    /// Every article's folded texts, one after another.
    text: String,
}

/// One article's facts: 32 bytes, so that a corpus of 50 000 keeps under 2 MB of them beside
/// its texts.
#[derive(Debug)]
struct Fact {
    date: Option<DateValue>,
    source: u32,
    /// Where its title starts in [`Facts::text`]; its speaker, section and tags follow, ending
    /// at these offsets (which a corpus's few metadata texts never take past 4 GB).
    start: u32,
    ends: [u32; 4],
}

impl Facts {
    /// Takes the sources that the next articles come from.
    pub fn add_sources(&mut self, sources: &[Source]) {
        self.file_ends.reserve(sources.len());
        for source in sources {
            self.files.push_str(&source.name);
            self.file_ends.push(offset(self.files.len()));
        }
    }

    /// Takes in `articles`, after those it holds.
    pub fn grow(&mut self, articles: &[Article]) {
        self.articles.reserve(articles.len());
        for article in articles {
            let meta = &article.meta;
            let start = offset(self.text.len());
            let mut ends = [0; 4];
            fold_query_into(&article.title, &mut self.text);
            ends[0] = offset(self.text.len());
            fold_query_into(meta.speaker().unwrap_or_default(), &mut self.text);
            ends[1] = offset(self.text.len());
            fold_query_into(meta.section().unwrap_or_default(), &mut self.text);
            ends[2] = offset(self.text.len());
            for tag in meta.tags() {
                fold_query_into(tag, &mut self.text);
                self.text.push('\n');
            }
            ends[3] = offset(self.text.len());
            self.articles.push(Fact {
                date: meta.date().and_then(Date::value),
                source: u32::try_from(article.source).unwrap_or(u32::MAX),
                start,
                ends,
            });
        }
    }

    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The numbers of the first `count` articles that `query`'s conditions admit, ascending.
    pub fn admitted(&self, query: &Query, count: usize) -> Vec<u32> {
        (0..count.min(self.articles.len()))
            .filter(|&article| query.admits(&self.described(article)))
            .filter_map(|article| u32::try_from(article).ok())
            .collect()
    }

    /// Whether article `article` meets `condition` (none it does not hold does).
    pub fn admits(&self, article: usize, condition: &Condition) -> bool {
        article < self.articles.len() && condition.admits(&self.described(article))
    }

    /// What the conditions see of article `article` (which it must hold).
    fn described(&self, article: usize) -> Described<'_> {
        let fact = &self.articles[article];
        let text = |from: u32, to: u32| {
            self.text
                .get(from as usize..to as usize)
                .unwrap_or_default()
        };
        let [title, speaker, section, tags] = fact.ends;
        let source = fact.source as usize;
        let file = source
            .checked_sub(1)
            .map_or(Some(0), |before| self.file_ends.get(before).copied())
            .zip(self.file_ends.get(source).copied())
            .and_then(|(from, to)| self.files.get(from as usize..to as usize));
        Described {
            date: fact.date,
            title: text(fact.start, title),
            speaker: text(title, speaker),
            section: text(speaker, section),
            tags: text(section, tags),
            file: file.unwrap_or_default(),
        }
    }
}

/// An offset into the facts' texts, which stay far below 4 GB (a title, a name, a few tags
/// per article); past that, every later text reads as empty rather than as another's.
fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Meta, Paragraphs};
    use crate::search::query::MetaText;
    use proptest::prelude::*;

    fn article(
        title: &str,
        speaker: &str,
        section: &str,
        tags: &[String],
        source: usize,
    ) -> Article {
        let mut meta = Meta::default();
        meta.set_speaker((!speaker.is_empty()).then(|| speaker.to_owned()));
        meta.set_section((!section.is_empty()).then(|| section.to_owned()), None);
        meta.set_tags(tags.to_vec());
        meta.set_date(Some(format!("{}", 2000 + source)));
        Article {
            source,
            title: title.to_owned(),
            meta,
            paragraphs: Paragraphs::default(),
            lines: 1..2,
        }
    }

    proptest! {
        /// The facts kept describe each article as the per-article search describes it.
        #[test]
        fn facts_describe_articles_as_the_article_itself_does(
            rows in prop::collection::vec(
                ("[a-zＡ-Ｚ振兴 ]{0,6}", "[李强ab]{0,3}", "[眾聞]{0,2}",
                 prop::collection::vec("[国安法]{1,3}", 0..3)),
                0..8,
            )
        ) {
            let names: Vec<Source> = (0..rows.len()).map(|n| Source {
                path: None,
                name: format!("dir/{n}.md"),
                text: crate::corpus::SourceText::from(""),
                encoding: String::new(),
                format: crate::corpus::Format::Text,
            }).collect();
            let articles: Vec<Article> = rows.iter().enumerate()
                .map(|(n, (title, speaker, section, tags))| article(title, speaker, section, tags, n))
                .collect();
            let mut facts = Facts::default();
            facts.add_sources(&names);
            let (first, rest) = articles.split_at(articles.len() / 2);
            facts.grow(first);
            facts.grow(rest);
            for (n, article) in articles.iter().enumerate() {
                let owned = MetaText::of(article, &names[n].name);
                let (kept, asked) = (facts.described(n), owned.described());
                prop_assert_eq!(kept.date, asked.date);
                prop_assert_eq!(kept.title, asked.title);
                prop_assert_eq!(kept.speaker, asked.speaker);
                prop_assert_eq!(kept.section, asked.section);
                prop_assert_eq!(kept.tags, asked.tags);
                prop_assert_eq!(kept.file, asked.file);
            }
        }
    }
}
