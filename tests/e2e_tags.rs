//! Tags in the real binary, read off the screen: the reader's header shows an article's section
//! and tags on a line under the byline, a search for a term only in a tag finds the article and
//! marks the tag there (cell colours read through vt100), and in a narrow terminal the line is
//! cut between tags, none split and no `#` left at a row's end.

mod support;

use std::fs;

use ratatui::layout::Rect;
use support::{PATIENCE, Pty};
use tempfile::TempDir;
use wenji::ui::layout::{Areas, Shape};

const TAGGED: &str = "---\ntitle: 立法會通過維護國家安全條例\nauthor: 林勵\n\
                      category: 眾聞\ntags: [國安法, 香港]\n---\n\n\
                      立法會今日三讀通過條例，條例即日刊憲生效。\n";
const UNTAGGED: &str = "---\ntitle: 財政預算案公布\n---\n\n財政司司長公布香港新一年度預算案。\n";
const MANY_TAGS: &str = "---\ntitle: 標籤很多的文章\ncategory: 社會新聞與評論\n\
                         tags: [國家安全, 香港特別行政區, 立法會, 基本法第二十三條, 公民社會]\n\
                         ---\n\n正文。\n";

/// A folder holding `files`, named and written as given.
fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("temporary folder");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn path(dir: &TempDir) -> &str {
    dir.path().to_str().expect("temporary paths are UTF-8")
}

/// Where the reader's text is drawn in a terminal of `cols`×`rows`.
fn reader_text(cols: u16, rows: u16) -> Rect {
    Areas::new(Rect::new(0, 0, cols, rows), Shape::default())
        .expect("fits")
        .reader_text()
}

/// The first row of the reader's text whose text holds `text`.
fn row_with(screen: &vt100::Screen, area: Rect, text: &str) -> Option<u16> {
    (area.top()..area.bottom()).find(|&row| {
        screen
            .contents_between(row, area.left(), row, area.right())
            .contains(text)
    })
}

/// Whether each character of `text` on `row` of the reader (the first cell showing it) has a
/// background set, as hits have.
fn marked(screen: &vt100::Screen, area: Rect, row: u16, text: &str) -> Vec<bool> {
    text.chars()
        .map(|c| {
            (area.left()..area.right())
                .filter_map(|col| screen.cell(row, col))
                .find(|cell| cell.contents() == c.to_string())
                .is_some_and(|cell| cell.bgcolor() != vt100::Color::Default)
        })
        .collect()
}

#[test]
fn the_reader_shows_section_and_tags_under_the_byline_and_marks_a_hit_in_a_tag() {
    let dir = folder(&[("a.md", TAGGED), ("b.md", UNTAGGED)]);
    let area = reader_text(100, 30);
    let mut pty = Pty::wenji(&[path(&dir)], 100, 30, &[]);
    pty.wait_for("眾聞 · #國安法 #香港", PATIENCE)
        .expect("the tag line in the reader's header");
    let screen = pty.screen();
    let byline = row_with(&screen, area, "林勵").expect("the byline");
    let tags = row_with(&screen, area, "#國安法").expect("the tag line");
    assert_eq!(tags, byline + 1, "right under the byline");
    assert!(
        row_with(&screen, area, "a.md:").is_some_and(|info| info == tags + 1),
        "and above the info line"
    );

    pty.send_keys("/");
    pty.send_keys("國安法");
    pty.wait_for("1 hit in 1 article", PATIENCE)
        .expect("the article whose only 國安法 is a tag is found");
    pty.wait_until(
        |s| {
            marked(s, area, tags, "國安法") == [true; 3]
                && marked(s, area, tags, "眾香港") == [false; 3]
        },
        PATIENCE,
    )
    .expect("the tag's characters marked on the tag line, and only they");
}

#[test]
fn a_narrow_reader_cuts_the_tag_line_between_tags() {
    let dir = folder(&[("a.md", MANY_TAGS)]);
    let mut pty = Pty::wenji(&[path(&dir)], 60, 20, &[]);
    pty.wait_for("Articles (1)", PATIENCE).expect("opens");
    pty.send_keys("l");
    pty.wait_for("#基本法第二十三條", PATIENCE)
        .expect("the reader shows the tags");
    let screen = pty.screen();
    // The list gives way to the reader, which has the whole width inside its border.
    let area = Rect::new(1, 1, 58, 18);
    let first = row_with(&screen, area, "社會新聞與評論 · #").expect("the tag line's first row");
    let rows: Vec<String> = (first..first + 3)
        .map(|row| {
            let text = screen.contents_between(row, area.left(), row, area.right());
            text.trim().to_owned()
        })
        .take_while(|row| !row.contains("a.md:"))
        .collect();
    assert!(
        rows.len() >= 2,
        "the line needs more than one row: {rows:?}"
    );
    for tag in [
        "國家安全",
        "香港特別行政區",
        "立法會",
        "基本法第二十三條",
        "公民社會",
    ] {
        assert!(
            rows.iter().any(|row| row.contains(&format!("#{tag}"))),
            "#{tag} whole on one row: {rows:?}"
        );
    }
    assert!(
        rows.iter().all(|row| !row.ends_with('#')),
        "no row ends with a bare #: {rows:?}"
    );
}
