//! The outline of a long speech lists its numbered headings in order, and the status bar names
//! the section being read.

use std::path::PathBuf;

use wenji::action::Action;
use wenji::corpus::{self, LoadOptions, outline::outline};
use wenji::state::{Message, OverlayKind, State, Target, Viewport};

fn wikisource() -> Option<PathBuf> {
    let path =
        PathBuf::from("../shared/corpora/wikisource-political/government_work_reports.jsonl");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is not here", path.display());
        None
    }
}

#[test]
fn the_2025_government_work_report_outline_lists_its_top_level_sections_in_order() {
    let Some(path) = wikisource() else { return };
    let corpus = corpus::load(&[path], LoadOptions::default()).expect("loads");
    let report = corpus
        .articles
        .iter()
        .find(|a| a.title.starts_with("2025年") && a.title.contains("政府工作报告"))
        .expect("the 2025 report is in the corpus");
    let top: Vec<String> = outline(report)
        .into_iter()
        .filter(|e| e.level == 1)
        .map(|e| e.label)
        .collect();
    assert_eq!(
        top,
        [
            "一、2024年工作回顾",
            "二、2025年经济社会发展总体要求和政策取向",
            "三、2025年政府工作任务"
        ]
    );
    let second: Vec<String> = outline(report)
        .into_iter()
        .filter(|e| e.level == 2)
        .map(|e| e.label)
        .collect();
    assert_eq!(
        second.len(),
        10,
        "（一）…（十） under the third section: {second:?}"
    );
    assert!(second[0].starts_with("（一）大力提振消费"));
}

#[test]
fn picking_an_outline_entry_scrolls_there_and_the_status_names_the_section() {
    let Some(path) = wikisource() else { return };
    let corpus = corpus::load(&[path], LoadOptions::default()).expect("loads");
    let index = corpus
        .articles
        .iter()
        .position(|a| a.title.starts_with("2025年"))
        .expect("2025 report");
    let mut state = State::new(corpus);
    state.update(Message::Resize(Viewport {
        list_rows: 10,
        reader_width: 60,
        reader_height: 20,
        overlay_height: 20,
    }));
    for _ in 0..index {
        state.update(Action::MoveDown);
    }
    state.update(Action::ToggleOutline);
    let overlay = state.overlay().expect("outline open");
    assert_eq!(overlay.kind, OverlayKind::Outline);
    let rows = OverlayKind::Outline.rows(&state);
    let third = rows
        .iter()
        .position(|r| r.text.starts_with("三、"))
        .expect("third section listed");
    for _ in 0..third {
        state.update(Action::MoveDown);
    }
    let Some(Target::Paragraph(paragraph)) = rows[third].target else {
        panic!("a paragraph target")
    };
    state.update(Action::Open);
    assert!(state.overlay().is_none());
    let document = state.reader.document().expect("laid out");
    assert_eq!(document.paragraph_at(state.reader.top()), Some(paragraph));
    assert_eq!(
        state.current_section().as_deref(),
        Some("三、2025年政府工作任务")
    );
}

#[test]
fn an_article_without_headings_outlines_its_file() {
    let mut state = State::new(corpus::sample());
    state.update(Message::Resize(Viewport {
        list_rows: 10,
        reader_width: 60,
        reader_height: 20,
        overlay_height: 20,
    }));
    state.update(Action::ToggleOutline);
    let rows = OverlayKind::Outline.rows(&state);
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "> 以全面振兴新突破建设中国式现代化新辽宁",
            "  打造向北开放新高地 谱写龙江振兴新篇章",
            "# 新声无限",
            "  2023年新华社进校园活动正式启动"
        ]
    );
    state.update(Action::Bottom);
    state.update(Action::Open);
    assert_eq!(state.reader.article(), 2);
}
