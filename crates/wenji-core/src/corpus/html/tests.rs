//! HTML fragments read as text and pieces.

use super::*;

#[test]
fn entities_decode_and_unknown_ones_stay() {
    assert_eq!(
        text_of("A&amp;B &#20013;&#x6587; &bogus; &"),
        "A&B 中文 &bogus; &"
    );
}

#[test]
fn scripts_styles_and_comments_are_not_text() {
    assert_eq!(
        text_of(
            "<STYLE>p > span { color: red }</style><p>全面振兴</p>\
             <script type=\"text/javascript\">if (a > b) { c() }</Script >\
             <!-- 注释 > 不显示 -->新突破"
        ),
        "全面振兴新突破"
    );
    assert_eq!(text_of("正文<script>never closed"), "正文");
}

#[test]
fn unterminated_tag_does_not_panic() {
    assert_eq!(text_of("正文<img alt=\"x"), "正文");
}

fn read(html: &str) -> Vec<(usize, &'static str, String)> {
    pieces(html)
        .into_iter()
        .map(|p| {
            (
                p.offset,
                if p.caption { "caption" } else { "prose" },
                p.text,
            )
        })
        .collect()
}

#[test]
fn a_figure_caption_is_a_piece_of_its_own_between_the_prose() {
    let html = "<figure><img src=\"a.jpg\" alt=\"會場\"><figcaption>立法會會議現場。資料圖片</figcaption></figure>\n會議由主席主持，多名議員發言。\n";
    let read = read(html);
    assert_eq!(read.len(), 2);
    assert_eq!((read[0].0, read[0].1), (0, "caption"));
    assert_eq!(read[0].2, "立法會會議現場。資料圖片");
    assert_eq!(read[1].1, "prose");
    assert_eq!(read[1].2, "會議由主席主持，多名議員發言。");
    assert_eq!(&html[read[1].0..read[1].0 + 3], "會");
}

#[test]
fn a_figure_without_a_caption_reads_as_its_image_alt_text() {
    let read = read("<figure>\n  <img src=\"c.jpg\" alt=\"记者招待会\">\n</figure>");
    assert_eq!(read, [(0, "caption", "记者招待会".to_owned())]);
    assert!(pieces("<figure><img src=\"c.jpg\"></figure>").is_empty());
}

#[test]
fn an_image_standing_alone_is_a_caption_and_beside_text_is_not_read() {
    assert_eq!(
        read("<img alt=\"会场\">"),
        [(0, "caption", "会场".to_owned())]
    );
    assert_eq!(
        read("<p>发言<img alt=\"微笑\">结束</p>"),
        [(3, "prose", "发言结束".to_owned())]
    );
}

#[test]
fn block_tags_separate_paragraphs_and_line_breaks_between_hanzi_vanish() {
    let read = read("<p>第一段\n接着写。</p>\n<p>第二段 open\ndoor。</p>");
    let texts: Vec<&str> = read.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(texts, ["第一段接着写。", "第二段 open door。"]);
}

#[test]
fn an_unclosed_figure_is_a_caption_to_the_end() {
    let read = read("正文。<figure><figcaption>图说");
    assert_eq!(
        read,
        [
            (0, "prose", "正文。".to_owned()),
            (9, "caption", "图说".to_owned())
        ]
    );
}
