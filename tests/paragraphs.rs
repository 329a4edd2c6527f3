//! Paragraphs are what the source wrote: a figure's caption stands alone, a numbered heading
//! with a comma is still a heading, and a line an export cut inside a sentence is joined again —
//! on hand-written files and on the Party Congress reports and Government Work Reports in
//! `../shared/corpora/`.

#[path = "fixtures_support/mod.rs"]
mod support;

use std::path::Path;

use tempfile::TempDir;
use wenji::action::Action;
use wenji::corpus::{Article, Corpus, ParagraphKind};
use wenji::layout::{Document, LayoutOptions, LineKind, Texts};
use wenji::state::Effect;

use support::{load_one, reading_paragraph, write};

const CORPUS: &str = "../shared/corpora/wikisource-political";

/// A news export: front matter, a figure between two paragraphs, then a Markdown image.
const FIGURE_ARTICLE: &str = "---\ntitle: \"測試文章\"\ndate: \"2020-05-22\"\nauthor: 林勵\n---\n\n\
香港立法會今日舉行會議，議員就多項議題進行辯論\n\n\
<figure><img src=\"a.jpg\" alt=\"會場\"><figcaption>立法會會議現場。資料圖片</figcaption></figure>\n\n\
會議由主席主持，多名議員發言，討論持續至傍晚。\n\n\
![記者招待會](b.jpg)\n\n\
記者會上，發言人回答了記者提問。\n";

fn kinds(article: &Article) -> Vec<(&str, ParagraphKind)> {
    article
        .paragraphs
        .iter()
        .map(|p| (p.text.as_str(), p.kind))
        .collect()
}

fn one_file(name: &str, text: &str) -> (TempDir, Corpus) {
    let dir = TempDir::new().expect("temporary folder");
    let corpus = load_one(&write(dir.path(), name, text));
    (dir, corpus)
}

/// The first article's lines as the reader lays them out at `width`: kind, indent and text.
fn laid_out(corpus: &Corpus, width: usize) -> Vec<(LineKind, usize, String)> {
    let texts = Texts {
        article: &corpus.articles[0],
        source: &corpus.sources[0],
    };
    let mut document = Document::new(texts, LayoutOptions::for_width(width));
    document.ensure_all(texts);
    document
        .lines
        .iter()
        .map(|l| (l.kind, l.indent, document.text(texts, l).to_owned()))
        .collect()
}

/// The shared corpus file `name`, or `None` (with a note) when the folder is absent.
fn shared(name: &str) -> Option<Corpus> {
    let path = Path::new(CORPUS).join(name);
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    }
    Some(load_one(&path))
}

#[test]
fn a_figure_caption_is_a_paragraph_of_its_own_never_joined_to_the_prose() {
    let (_dir, corpus) = one_file("news.md", FIGURE_ARTICLE);
    let article = &corpus.articles[0];
    assert_eq!(
        kinds(article),
        [
            (
                "香港立法會今日舉行會議，議員就多項議題進行辯論",
                ParagraphKind::Body
            ),
            ("立法會會議現場。資料圖片", ParagraphKind::Caption),
            (
                "會議由主席主持，多名議員發言，討論持續至傍晚。",
                ParagraphKind::Body
            ),
            ("記者招待會", ParagraphKind::Caption),
            ("記者會上，發言人回答了記者提問。", ParagraphKind::Body),
        ]
    );
    let lines: Vec<usize> = article.paragraphs.iter().map(|p| p.lines.start).collect();
    assert_eq!(lines, [7, 9, 11, 13, 15], "each cites its own source line");
}

#[test]
fn a_figure_inside_a_paragraph_cuts_it_around_the_caption() {
    let text = "# 標題\n\n發言人說<figure><img src=\"b.jpg\"><figcaption>圖二：會場</figcaption></figure>會議結束。\n\n\
<figure>\n<img src=\"c.jpg\" alt=\"合影\">\n</figure>\n接着，代表們合影留念。\n";
    let (_dir, corpus) = one_file("inline.md", text);
    assert_eq!(
        kinds(&corpus.articles[0]),
        [
            ("發言人說", ParagraphKind::Body),
            ("圖二：會場", ParagraphKind::Caption),
            ("會議結束。", ParagraphKind::Body),
            ("合影", ParagraphKind::Caption),
            ("接着，代表們合影留念。", ParagraphKind::Body),
        ]
    );
    let after_figure = &corpus.articles[0].paragraphs[4];
    assert_eq!(after_figure.lines.start, 8, "the line after the figure");
}

#[test]
fn a_caption_is_laid_out_apart_in_its_own_style() {
    let (_dir, corpus) = one_file("news.md", FIGURE_ARTICLE);
    let lines = laid_out(&corpus, 60);
    let shown: Vec<(LineKind, usize, &str)> = lines
        .iter()
        .map(|(kind, indent, text)| (*kind, *indent, text.as_str()))
        .skip_while(|(kind, _, _)| *kind != LineKind::Body)
        .collect();
    assert_eq!(
        shown[..5],
        [
            (
                LineKind::Body,
                4,
                "香港立法會今日舉行會議，議員就多項議題進行辯論"
            ),
            (LineKind::Blank, 0, ""),
            (LineKind::Caption, 0, "立法會會議現場。資料圖片"),
            (LineKind::Blank, 0, ""),
            (
                LineKind::Body,
                4,
                "會議由主席主持，多名議員發言，討論持續至傍晚。"
            ),
        ]
    );
}

#[test]
fn copying_the_paragraph_after_a_figure_copies_it_alone_citing_its_own_line() {
    let (_dir, corpus) = one_file("news.md", FIGURE_ARTICLE);
    let mut state = reading_paragraph(corpus, 3);
    let Effect::Copy { text, .. } = state.update(Action::YankCited) else {
        panic!("Y copies");
    };
    let (quote, citation) = text
        .split_once('\n')
        .expect("the citation is on its own line");
    assert_eq!(quote, "會議由主席主持，多名議員發言，討論持續至傍晚。");
    assert!(citation.ends_with("news.md:11"), "{citation}");
}

#[test]
fn numbered_headings_with_commas_stand_alone_in_the_20th_congress_report() {
    let Some(corpus) = shared("cpc_congress_reports.jsonl") else {
        return;
    };
    let report = corpus
        .articles
        .iter()
        .find(|a| a.title.contains("二十大"))
        .expect("the 20th Congress report is in the corpus");
    let headings: Vec<&str> = report
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Heading)
        .map(|p| p.text.as_str())
        .collect();
    for expected in [
        "四、加快构建新发展格局，着力推动高质量发展",
        "五、实施科教兴国战略，强化现代化建设人才支撑",
        "十、推动绿色发展，促进人与自然和谐共生",
        "十五、坚定不移全面从严治党，深入推进新时代党的建设新的伟大工程",
    ] {
        assert!(headings.contains(&expected), "{expected} in {headings:#?}");
    }
    let numbered = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .iter()
        .chain(&["十一", "十二", "十三", "十四", "十五"])
        .filter(|n| headings.iter().any(|h| h.starts_with(&format!("{n}、"))))
        .count();
    assert_eq!(numbered, 15, "every heading 一 to 十五: {headings:#?}");
}

#[test]
fn numbered_headings_in_plain_text_and_json_lines_are_laid_out_as_headings() {
    let plain = "政府工作报告\n\n各位代表：\n\n（三）强化安全生产工作，整顿规范市场秩序\n\n\
全年安全生产形势总体稳定。\n\n1．稳定和扩大就业，提高就业质量\n\n城镇新增就业一千二百万人。\n";
    let json = concat!(
        r#"{"title":"报告","content":"各位代表：\n\n（三）强化安全生产工作，整顿规范市场秩序\n\n"#,
        r#"全年安全生产形势总体稳定。\n\n1．稳定和扩大就业，提高就业质量\n\n城镇新增就业一千二百万人。"}"#,
        "\n"
    );
    for (name, text) in [("report.txt", plain), ("report.jsonl", json)] {
        let (_dir, corpus) = one_file(name, text);
        let rows = laid_out(&corpus, 80);
        for heading in [
            "（三）强化安全生产工作，整顿规范市场秩序",
            "1．稳定和扩大就业，提高就业质量",
        ] {
            let at = rows
                .iter()
                .position(|row| row.2 == heading)
                .unwrap_or_else(|| panic!("{name}: {heading} is a line of its own: {rows:#?}"));
            assert_eq!((rows[at].0, rows[at].1), (LineKind::Heading, 0), "{name}");
            assert_eq!(
                rows[at - 1].0,
                LineKind::Blank,
                "{name}: a blank line before"
            );
            assert_eq!(rows[at + 1].0, LineKind::Body, "{name}: its text follows");
        }
    }
}

#[test]
fn a_line_cut_before_its_full_stop_is_joined_to_the_sentence_it_ends() {
    let json = concat!(
        r#"{"title":"决议","content":"第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的\n"#,
        r#"政府工作报告\n。会议充分肯定国务院过去一年的工作，决定批准这个报告。"}"#,
        "\n"
    );
    let (_dir, corpus) = one_file("resolution.jsonl", json);
    assert_eq!(
        kinds(&corpus.articles[0]),
        [(
            "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的政府工作报告。\
             会议充分肯定国务院过去一年的工作，决定批准这个报告。",
            ParagraphKind::Body
        )]
    );
}

#[test]
fn footnote_marks_and_links_on_lines_of_their_own_rejoin_their_sentence() {
    let text = "说明\n\n本作品来自中国共产党文件。根据指导案例第680号\n[\nCPC 1\n]\n\
，中央组织制定的公文，可视为《\n中华人民共和国著作权法\n》第五条规定之文件，所以属于\n公有领域\n。\n";
    let (_dir, corpus) = one_file("notice.txt", text);
    assert_eq!(
        kinds(&corpus.articles[0]),
        [(
            "本作品来自中国共产党文件。根据指导案例第680号[CPC 1]，中央组织制定的公文，\
             可视为《中华人民共和国著作权法》第五条规定之文件，所以属于公有领域。",
            ParagraphKind::Body
        )]
    );
}

#[test]
fn a_quote_opened_before_a_hard_break_stays_where_the_author_put_it() {
    let hard = "讲话\n\n他在会上说：“  \n我们一定要把这件事办好。”\n";
    let (_dir, corpus) = one_file("hard.txt", hard);
    let paragraphs = kinds(&corpus.articles[0]);
    assert_eq!(
        paragraphs.iter().map(|p| p.0).collect::<Vec<_>>(),
        ["他在会上说：“", "我们一定要把这件事办好。”"],
        "a hard break the author made is kept"
    );
    let soft = "讲话\n\n他在会上说：“\n我们一定要把这件事办好。”\n";
    let (_dir, corpus) = one_file("soft.txt", soft);
    assert_eq!(
        kinds(&corpus.articles[0]),
        [(
            "他在会上说：“我们一定要把这件事办好。”",
            ParagraphKind::Body
        )],
        "the same line without a hard break was cut"
    );
}

#[test]
fn a_bare_number_joins_the_text_on_the_line_after_it() {
    let text = "措施\n\n（一）\n进一步为经济体制改革创造良好的经济环境。\n\n二、\n保持经济的持续稳定增长。\n";
    let (_dir, corpus) = one_file("steps.txt", text);
    let paragraphs: Vec<&str> = kinds(&corpus.articles[0]).iter().map(|p| p.0).collect();
    assert_eq!(
        paragraphs,
        [
            "（一）进一步为经济体制改革创造良好的经济环境。",
            "二、保持经济的持续稳定增长。"
        ]
    );
}

#[test]
fn a_numbered_line_inside_a_quotation_is_not_a_heading() {
    let text = "讲话\n\n毛主席还指出：“\n党的文艺政策应该调整一下，逐步扩大文艺节目。\n”“\n一、两年之内逐步活跃起来\n”。这是重要指示。\n";
    let (_dir, corpus) = one_file("quote.txt", text);
    assert_eq!(
        kinds(&corpus.articles[0]),
        [(
            "毛主席还指出：“党的文艺政策应该调整一下，逐步扩大文艺节目。”“一、两年之内逐步活跃起来”。这是重要指示。",
            ParagraphKind::Body
        )]
    );
}

#[test]
fn no_paragraph_of_the_shared_reports_starts_with_a_closing_mark_or_ends_with_an_opening_one() {
    const CLOSING: &[char] = &[
        '。', '，', '、', '；', '：', '！', '？', '”', '’', '」', '』', '）', '》',
    ];
    const OPENING: &[char] = &['“', '‘', '「', '『', '（', '《', '【', '〔', '['];
    for name in [
        "cpc_congress_reports.jsonl",
        "government_work_reports.jsonl",
    ] {
        let Some(corpus) = shared(name) else {
            return;
        };
        for article in &corpus.articles {
            for paragraph in &article.paragraphs {
                let text = &paragraph.text;
                assert!(
                    !text.starts_with(CLOSING) && !text.ends_with(OPENING),
                    "{name}: {}: {text:?}",
                    article.title
                );
            }
        }
    }
}
