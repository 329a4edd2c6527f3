//! Blocks of Markdown and plain text, with the lines they cite.

use super::*;

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn markdown_headings_and_paragraphs_keep_their_lines() {
    let blocks = markdown_blocks("# 节\n\n## 标题\n\n第一段。\n\n第二段。\n");
    assert_eq!(texts(&blocks), ["节", "标题", "第一段。", "第二段。"]);
    assert_eq!(blocks[0].kind, BlockKind::Heading(1));
    assert_eq!(blocks[1].kind, BlockKind::Heading(2));
    assert_eq!(blocks[3].lines, 7..8);
}

#[test]
fn soft_breaks_join_hanzi_without_a_space_and_latin_with_one() {
    let blocks = markdown_blocks("辽宁\n振兴\n\nopen\ndoor\n");
    assert_eq!(texts(&blocks), ["辽宁振兴", "open door"]);
}

#[test]
fn hard_break_starts_a_continuation_block() {
    let blocks = markdown_blocks("新华网  \nNEWS\n");
    assert_eq!(texts(&blocks), ["新华网", "NEWS"]);
    assert!(blocks[1].after_hard_break);
    assert_eq!(blocks[1].lines, 2..3);
}

#[test]
fn emphasis_and_links_show_as_their_text() {
    let blocks = markdown_blocks("**重要**讲话见[新华网](http://example.com)。\n");
    assert_eq!(texts(&blocks), ["重要讲话见新华网。"]);
}

#[test]
fn lists_tables_and_html_read_as_text() {
    let text = "- 第一\n- 第二\n\n3. 三\n4. 四\n\n| 年 | 增长 |\n|---|---|\n| 2024 | 5% |\n\n<div>通知<b>全文</b></div>\n\n<figure><img src=\"a.png\" alt=\"会场\"></figure>\n";
    let blocks = markdown_blocks(text);
    assert_eq!(
        texts(&blocks),
        [
            "• 第一",
            "• 第二",
            "3. 三",
            "4. 四",
            "年 | 增长",
            "2024 | 5%",
            "通知全文",
            "会场"
        ]
    );
}

#[test]
fn ideographic_indent_is_trimmed() {
    let blocks = plain_blocks("　　第一段。\n\n　　第二段。\n");
    assert_eq!(texts(&blocks), ["第一段。", "第二段。"]);
    assert_eq!(blocks[1].lines, 3..4);
}

#[test]
fn only_real_atx_headings_make_a_file_markdown() {
    assert!(looks_like_markdown("x\n## 标题\n"));
    assert!(!looks_like_markdown("#hashtag\n一、总结\n"));
}
