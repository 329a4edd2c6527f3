//! The reading pane in a real terminal at 80 columns: paging through the sample's first article,
//! no line on screen starts with a mark that may not start a line or ends with one that may not
//! end it.

mod support;

use ratatui::layout::Rect;
use support::{PATIENCE, Pty};
use wenji::ui::layout::{Areas, Shape};

const NO_START: &[char] = &['，', '。', '、', '”', '》'];
const NO_END: &[char] = &['“', '《'];

#[test]
fn first_article_at_80_columns_obeys_the_line_edge_rules_on_every_screen() {
    let (cols, rows) = (80, 30);
    let text_area = Areas::new(Rect::new(0, 0, cols, rows), Shape::default())
        .expect("fits")
        .reader_text();
    let mut pty = Pty::wenji(&[], cols, rows, &[]);
    pty.wait_for("article 1/3", PATIENCE).expect("opens");
    pty.send_keys("l");
    let mut checked = 0;
    let last_screen = loop {
        let screen = pty.screen();
        let lines: Vec<String> = (text_area.top()..text_area.bottom())
            .map(|row| {
                let (start, end) = (text_area.left(), text_area.right());
                screen
                    .contents_between(row, start, row, end)
                    .trim()
                    .to_owned()
            })
            .collect();
        for line in lines.iter().filter(|l| !l.is_empty()) {
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().last().unwrap_or(' ');
            assert!(
                !NO_START.contains(&first),
                "a line on screen starts with {first}: {line}"
            );
            assert!(
                !NO_END.contains(&last),
                "a line on screen ends with {last}: {line}"
            );
            checked += 1;
        }
        let status = screen.contents_between(rows - 1, 0, rows - 1, cols);
        if status.contains("· 100%") {
            break lines.join("\n");
        }
        pty.send_keys(" ");
        pty.wait_until(
            |s| s.contents_between(rows - 1, 0, rows - 1, cols) != status,
            PATIENCE,
        )
        .expect("paged");
    };
    assert!(checked > 40, "read the article's lines ({checked})");
    assert!(
        last_screen.contains("争先进的浓厚氛围。"),
        "reached the end of the article:\n{}",
        pty.screen_text()
    );
}
