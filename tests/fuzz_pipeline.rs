//! The whole reading pipeline over hostile files: bytes → decode → sanitise → parse → repair →
//! layout → draw. Whatever a file holds, loading never panics; no text the loader hands on (titles,
//! fields, paragraphs, warnings) holds a character the sanitiser removes; layout at any width
//! keeps every character of every paragraph; frames drawn at any size, tiny ones included, put no
//! control or bidi character in a cell; and a plain UTF-8 file loses no character on the way.
//!
//! Case counts come from `WENJI_FUZZ_CASES` (`fuzz_support`).

mod fuzz_support;
mod state_support;

use std::borrow::Cow;
use std::path::PathBuf;
use wenji::corpus::order::Order;

use fuzz_support::hostile::{self, File};
use fuzz_support::{config, first_forbidden, is_bidi};
use proptest::prelude::*;
use unicode_width::UnicodeWidthChar;
use wenji::action::Action;
use wenji::corpus::{self, Article, Corpus, Date, LoadError, LoadOptions, Warning};
use wenji::layout::{Document, LayoutOptions, TextRef, Texts};
use wenji::search::Scan;
use wenji::state::{Settings, State};
use wenji::text::sanitize::sanitize;
use wenji::text::width::AmbiguousWidth;

/// Writes `file` into a fresh folder and loads it.
fn load(file: &File) -> (tempfile::TempDir, Result<Corpus, LoadError>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path: PathBuf = dir.path().join(file.name);
    std::fs::write(&path, &file.bytes).expect("file written");
    let loaded = corpus::load(&[path], LoadOptions::default());
    (dir, loaded)
}

/// Fails with `what` and the text when `text` is not as the sanitiser leaves it, or spans
/// lines where one line is promised.
fn assert_shown_safely(text: &str, one_line: bool, what: &str) -> Result<(), TestCaseError> {
    if let Some((at, c)) = first_forbidden(text) {
        return Err(TestCaseError::fail(format!(
            "{what}: {c:?} at byte {at} of {text:?}"
        )));
    }
    prop_assert!(
        matches!(sanitize(text).0, Cow::Borrowed(_)),
        "{what}: sanitising again would change {text:?}"
    );
    prop_assert!(
        !(one_line && text.contains('\n')),
        "{what}: a line end in {text:?}"
    );
    Ok(())
}

/// Every text an article shows, named for a failure message.
fn article_texts(article: &Article) -> Vec<(String, &str)> {
    let mut texts = vec![("title".to_owned(), article.title.as_str())];
    let fields = [
        ("section", article.meta.section()),
        ("speaker", article.meta.speaker()),
        ("role", article.meta.role()),
        ("credit", article.meta.credit()),
        ("date", article.meta.date().map(Date::text)),
        ("url", article.meta.url()),
    ];
    for (name, field) in fields {
        if let Some(text) = field {
            texts.push((name.to_owned(), text));
        }
    }
    for (index, tag) in article.meta.tags().iter().enumerate() {
        texts.push((format!("tag {index}"), tag));
    }
    for (index, paragraph) in article.paragraphs.iter().enumerate() {
        texts.push((format!("paragraph {index}"), &paragraph.text));
    }
    texts
}

fn assert_loaded_safely(corpus: &Corpus) -> Result<(), TestCaseError> {
    assert_warnings_safe(&corpus.warnings)?;
    for source in &corpus.sources {
        assert_shown_safely(&source.name, true, "source name")?;
        assert_shown_safely(&source.encoding, true, "encoding")?;
    }
    for (number, article) in corpus.articles.iter().enumerate() {
        for (what, text) in article_texts(article) {
            assert_shown_safely(text, true, &format!("article {number}, {what}"))?;
        }
    }
    Ok(())
}

fn assert_warnings_safe(warnings: &[Warning]) -> Result<(), TestCaseError> {
    for warning in warnings {
        assert_shown_safely(&warning.to_string(), true, "warning")?;
    }
    Ok(())
}

/// The characters of `text` a reader reads, without whitespace.
fn visible(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn without_marks(text: &str) -> String {
    text.chars().filter(|c| c.width() != Some(0)).collect()
}

fn without_brackets(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）'))
        .collect()
}

/// Lays `article` out at `options`, then checks that its paragraphs' lines, put together, give
/// back every character of each paragraph, in order.
fn assert_layout_keeps_paragraphs(
    corpus: &Corpus,
    article: &Article,
    options: LayoutOptions,
) -> Result<(), TestCaseError> {
    let texts = Texts {
        article,
        source: &corpus.sources[article.source],
    };
    let mut document = Document::new(texts, options);
    document.ensure_all(texts);
    let mut laid_out = vec![String::new(); article.paragraphs.len()];
    for line in &document.lines {
        let text = document.text(texts, line);
        if let TextRef::Paragraph(index) = line.text {
            laid_out[index].push_str(text);
        }
    }
    for (index, (paragraph, lines)) in article.paragraphs.iter().zip(&laid_out).enumerate() {
        prop_assert_eq!(
            visible(lines),
            visible(&paragraph.text),
            "paragraph {} at {:?}",
            index,
            options
        );
    }
    let mut raw = Document::raw(texts.source, options);
    raw.ensure_all(texts);
    for line in &raw.lines {
        raw.text(texts, line);
    }
    Ok(())
}

/// Draws `state` at `width`×`height` as the app does, then checks every cell.
fn draw_and_check(state: &mut State, width: u16, height: u16) -> Result<(), TestCaseError> {
    let terminal = state_support::draw(state, width, height);
    let buffer = terminal.backend().buffer();
    for y in 0..height {
        for x in 0..width {
            let symbol = buffer[(x, y)].symbol();
            prop_assert!(
                !symbol.chars().any(|c| c.is_control() || is_bidi(c)),
                "cell ({x}, {y}) at {width}×{height} holds {symbol:?}"
            );
        }
    }
    Ok(())
}

/// Screen sizes: the tiny ones that break naive arithmetic, and any other.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        prop::sample::select(vec![
            (1, 1),
            (2, 3),
            (10, 2),
            (3, 40),
            (19, 4),
            (20, 5),
            (200, 2)
        ]),
        (1..180_u16, 1..60_u16),
    ]
}

/// What a user types into the search line: any text piece, bidi controls and escapes too.
fn typed_query() -> impl Strategy<Value = String> {
    hostile::text_piece()
}

fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(vec![
        Action::Open,
        Action::MoveDown,
        Action::PageDown,
        Action::Bottom,
        Action::NextArticle,
        Action::ToggleRaw,
        Action::ToggleHelp,
        Action::ToggleWarnings,
        Action::ToggleOutline,
        Action::ToggleConcordance,
        Action::NextHit,
        Action::ToggleList,
        Action::CloseOverlay,
        Action::Back,
        Action::CycleOrder,
        Action::ToggleCopies,
        Action::ToggleScript,
    ])
}

fn settings() -> impl Strategy<Value = Settings> {
    let orders = prop::sample::select(Order::NAMES.map(|(_, order)| order).to_vec());
    (
        any::<bool>(),
        any::<bool>(),
        2..200_usize,
        orders,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(wide, indent, max_width, order, fold_copies, fold_script)| Settings {
                ambiguous: if wide {
                    AmbiguousWidth::Wide
                } else {
                    AmbiguousWidth::Narrow
                },
                indent,
                max_width,
                mouse: true,
                order,
                fold_copies,
                fold_script,
            },
        )
}

/// Found by the fuzz suite: pulldown-cmark decodes character references after the file was
/// sanitised, so `&#x1b;` came out as a real ESC in a heading.
#[test]
fn markdown_character_references_cannot_smuggle_controls_into_the_text() {
    let file = File {
        name: "entities.md",
        bytes: "# &#x1b;[2J&#8238;题&#x2028;目&#x9b;\n\n正文&#x1b;]52;c;eA==&#7;。&#x2066;\n\n\
                <p>段&#x202e;落&#10;二</p>\n"
            .as_bytes()
            .to_vec(),
        text: None,
    };
    let (_dir, loaded) = load(&file);
    let corpus = loaded.expect("loads");
    assert_eq!(corpus.articles[0].title, "␛[2J题目\u{FFFD}");
    let paragraphs: Vec<&str> = corpus.articles[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(paragraphs, ["正文␛]52;c;eA==␇。", "段落二"]);
    assert_loaded_safely(&corpus).expect("only safe text");
}

/// Found by the fuzz suite: a YAML block scalar or a JSON `\n` put a line end in a title, which
/// broke `wenji list`'s one line per article.
#[test]
fn a_field_written_over_several_lines_is_one_line() {
    let markdown = File {
        name: "matter.md",
        bytes: "---\ntitle: |\n  多行\n  标题\nauthor: \"Li\\nQiang\"\ntags: [\"a\\u2028b\"]\n---\n正文。\n"
            .as_bytes()
            .to_vec(),
        text: None,
    };
    let (_dir, loaded) = load(&markdown);
    let article = &loaded.expect("loads").articles[0];
    assert_eq!(article.title, "多行标题");
    assert_eq!(article.meta.speaker(), Some("Li Qiang"));
    assert_eq!(article.meta.tags(), ["a b"]);
    let records = File {
        name: "records.jsonl",
        bytes: r#"{"title":"第一行\n第二行","author":"某\r\n人","section":"x\u2029y","content":"正文。"}"#
            .as_bytes()
            .to_vec(),
        text: None,
    };
    let (_dir, loaded) = load(&records);
    let article = &loaded.expect("loads").articles[0];
    assert_eq!(article.title, "第一行第二行");
    assert_eq!(article.meta.speaker(), Some("某人"));
    assert_eq!(article.meta.section(), Some("x y"));
}

/// Found by the fuzz suite's long run (the suite's own model was wrong): a lone `\r` ends a line,
/// so `# ` after one starts a heading and the file is read as Markdown, its `#` markup.
#[test]
fn a_heading_after_a_classic_mac_line_end_is_a_heading() {
    let file = hostile::File {
        name: "plain.txt",
        bytes: "\r# 标题\r正文。".as_bytes().to_vec(),
        text: None,
    };
    let (_dir, loaded) = load(&file);
    let article = &loaded.expect("loads").articles[0];
    assert_eq!(article.title, "标题");
    assert_eq!(article.paragraphs[0].text, "正文。");
}

/// Found by the fuzz suite: joining a paragraph that a page break cut put the combining marks
/// at the end of one line and the start of the next on one character, past the sanitiser's cut.
#[test]
fn a_joined_paragraph_keeps_no_more_combining_marks_than_the_sanitiser_allows() {
    let marks = "\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}";
    let text = format!("标题\n\n今年以来，固定资产投资e{marks}\n\u{300}全年国内生产总值增长。\n");
    let file = File {
        name: "marks.txt",
        bytes: text.into_bytes(),
        text: None,
    };
    let (_dir, loaded) = load(&file);
    let corpus = loaded.expect("loads");
    let paragraph = &corpus.articles[0].paragraphs[0].text;
    assert!(
        paragraph.ends_with("全年国内生产总值增长。"),
        "the lines are joined: {paragraph:?}"
    );
    assert_eq!(
        paragraph
            .chars()
            .filter(|c| ('\u{300}'..='\u{36f}').contains(c))
            .count(),
        8
    );
    assert_loaded_safely(&corpus).expect("only safe text");
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn loading_any_file_never_panics_and_hands_on_only_safe_text(file in hostile::file()) {
        let (_dir, loaded) = load(&file);
        match loaded {
            Ok(corpus) => assert_loaded_safely(&corpus)?,
            Err(LoadError::NothingReadable { warnings }) => assert_warnings_safe(&warnings)?,
        }
    }

    #[test]
    fn a_plain_utf8_file_loses_no_character(file in hostile::text_file()) {
        let Some(text) = file.text.as_deref() else {
            return Ok(());
        };
        let (_dir, loaded) = load(&file);
        let source = visible(&sanitize(text).0);
        let Ok(corpus) = loaded else {
            prop_assert_eq!(source, "", "nothing loaded, yet the file has text");
            return Ok(());
        };
        prop_assert_eq!(corpus.articles.len(), 1, "a plain file without headings is one article");
        let article = &corpus.articles[0];
        let mut shown = String::new();
        // A file whose first line is no title is titled by its name, which is not its text.
        if article.title != "plain" || source.starts_with("plain") {
            shown.push_str(&article.title);
        }
        for field in [article.meta.speaker(), article.meta.role()].into_iter().flatten() {
            shown.push_str(field);
        }
        for paragraph in &article.paragraphs {
            shown.push_str(&paragraph.text);
        }
        shown.extend(article.meta.credit());
        // Combining marks are left out of both sides: the lines a page break cut are joined,
        // and a run of marks they make together is cut as the sanitiser cuts any run
        // (`a_joined_paragraph_keeps_no_more_combining_marks_than_the_sanitiser_allows`).
        let (mut source, mut shown) = (without_marks(&source), without_marks(&visible(&shown)));
        if article.meta.speaker().is_some() || article.meta.credit().is_some() {
            // A byline and a credit lose their brackets when they become fields.
            (source, shown) = (without_brackets(&source), without_brackets(&shown));
        }
        prop_assert_eq!(shown, source, "every character once, in order");
    }

    #[test]
    fn layout_at_any_width_keeps_every_character(
        file in hostile::file(),
        width in 1..220_usize,
        max_width in 2..200_usize,
        indent in prop::sample::select(vec![0_usize, 4]),
        wide in any::<bool>(),
    ) {
        let (_dir, Ok(corpus)) = load(&file) else {
            return Ok(());
        };
        let options = LayoutOptions {
            width,
            max_width,
            indent,
            ambiguous: if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow },
        };
        for article in corpus.articles.iter().take(8) {
            assert_layout_keeps_paragraphs(&corpus, article, options)?;
        }
    }

    #[test]
    fn frames_at_any_size_draw_no_control_or_bidi_character(
        file in hostile::file(),
        settings in settings(),
        sizes in prop::collection::vec(size(), 1..4),
        actions in prop::collection::vec(action(), 0..12),
        query in prop::option::of(typed_query()),
    ) {
        let (_dir, Ok(corpus)) = load(&file) else {
            return Ok(());
        };
        let mut state = State::with_settings(corpus, settings);
        if let Some(query) = &query {
            let mut engine = Scan::build(state.corpus());
            state_support::type_search(&mut state, &mut engine, query);
            state.update(Action::SearchSubmit);
        }
        for (step, action) in actions.iter().enumerate() {
            state.update(action.clone());
            let (width, height) = sizes[step % sizes.len()];
            draw_and_check(&mut state, width, height)?;
        }
        for &(width, height) in &sizes {
            draw_and_check(&mut state, width, height)?;
        }
    }
}
