//! Drawing: one borrowing view per pane, laid out by [`layout::Areas`]. Views read the state and
//! never change it.

pub mod concordance;
pub mod layout;
pub mod list;
pub mod overlay;
pub mod reader;
pub mod reader_place;
pub mod search_line;
pub mod status;
pub mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::widgets::{Block, Widget};

use crate::action::Pane;
use crate::keymap::{Keymap, Mode};
use crate::state::State;
use crate::text::truncate::truncate;
use crate::text::width::AmbiguousWidth;
use crate::theme::Theme;
use layout::{Areas, MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen, naming the keys as `keys` binds them.
pub fn render(frame: &mut Frame<'_>, state: &State, keys: &Keymap, theme: &Theme) {
    let screen = frame.area();
    let Some(areas) = Areas::new(screen, layout::Shape::of(state)) else {
        too_small(frame, screen);
        return;
    };
    let buf = frame.buffer_mut();
    // The theme's page colour under everything (a no-op for themes that leave it to the terminal).
    buf.set_style(screen, theme.text);
    let ambiguous = state.settings.ambiguous;
    let focused = state.focus == Pane::List;
    if areas.list.is_empty() {
    } else if let Some(search) = state.search.as_ref().filter(|_| state.concordance_shown()) {
        let view = concordance::ConcordanceView {
            corpus: state.corpus(),
            search,
            rows: state.rows(),
            focused,
            keys,
            theme,
            ambiguous,
        };
        Widget::render(&view, areas.list, buf);
    } else {
        let search = state.search.as_ref();
        let view = list::ListView {
            corpus: state.corpus(),
            cursor: &state.list,
            rows: state.rows(),
            order: state.order(),
            loading: state.loading().is_some(),
            search,
            focused,
            theme,
            ambiguous,
        };
        Widget::render(&view, areas.list, buf);
    }
    let highlights = state.highlights();
    if let Some(article) = state
        .corpus()
        .articles
        .get(state.reader.article())
        .filter(|_| !areas.reader.is_empty())
    {
        let reader = reader::ReaderView {
            reader: &state.reader,
            article,
            source: &state.corpus().sources[article.source],
            focused: state.focus == Pane::Reader,
            theme,
            ambiguous: state.settings.ambiguous,
            text_area: areas.reader_text(),
            highlights: &highlights,
        };
        Widget::render(&reader, areas.reader, buf);
    }
    bottom_line(state, keys, theme, areas.status, buf);
    if let Some(overlay) = state.overlay() {
        let rows = overlay.kind.rows(state);
        let lines = overlay::lines_needed(
            &rows,
            Areas::overlay_width(screen),
            state.settings.ambiguous,
        );
        let view = overlay::OverlayView {
            overlay,
            state,
            keys,
            theme,
            ambiguous: state.settings.ambiguous,
        };
        Widget::render(&view, Areas::overlay(screen, lines), buf);
    }
}

/// The notice shown instead of a layout that cannot fit; the sizes go on a second row if there is one.
fn too_small(frame: &mut Frame<'_>, screen: Rect) {
    let sizes = format!(
        "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        screen.width, screen.height
    );
    let columns = usize::from(screen.width);
    let buf = frame.buffer_mut();
    for (y, text) in (screen.y..screen.bottom()).zip(["terminal too small", sizes.as_str()]) {
        let text = truncate(text, columns, AmbiguousWidth::Narrow);
        buf.set_stringn(screen.x, y, &text, columns, ratatui::style::Style::new());
    }
}

/// Borders in plain ASCII where the terminal draws box-drawing characters two columns wide.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered block whose border characters have the width the terminal gives them.
pub fn bordered(ambiguous: AmbiguousWidth) -> Block<'static> {
    let set = match ambiguous {
        AmbiguousWidth::Narrow => border::PLAIN,
        AmbiguousWidth::Wide => ASCII_BORDER,
    };
    Block::bordered().border_set(set)
}

/// The separator between items on one line (` · `, or ` | ` where `·` would be drawn wide).
pub fn separator(ambiguous: AmbiguousWidth) -> &'static str {
    match ambiguous {
        AmbiguousWidth::Narrow => " · ",
        AmbiguousWidth::Wide => " | ",
    }
}

/// The bottom line: the go-to prompt, the search line while typing, or the status bar.
fn bottom_line(
    state: &State,
    keys: &Keymap,
    theme: &Theme,
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
) {
    let ambiguous = state.settings.ambiguous;
    let prompt = match (state.go_to_prompt(), state.note_prompt()) {
        (Some(text), _) => Some(format!(":{text}")),
        (None, Some((_, text))) => {
            let ask = keys.fill(
                Mode::GoTo,
                "note for the bookmark ({go_to_submit} keeps it, {go_to_cancel} skips): ",
            );
            Some(format!("{ask}{text}"))
        }
        (None, None) => None,
    };
    if let Some(prompt) = prompt {
        buf.set_style(area, theme.status);
        text::draw(
            buf,
            area.x,
            area.y,
            &prompt,
            usize::from(area.width),
            theme.status_key,
            ambiguous,
        );
    } else if let Some(search) = state.search.as_ref().filter(|s| s.typing) {
        let indexing = !state.engine_ready();
        Widget::render(
            &search_line::SearchLineView {
                search,
                rows: state.rows(),
                indexing,
                keys,
                theme,
                ambiguous,
            },
            area,
            buf,
        );
    } else {
        Widget::render(
            &status::StatusView {
                state,
                keys,
                theme,
                ambiguous,
            },
            area,
            buf,
        );
    }
}
