//! The default key tables, one per mode. Each entry carries the description the help overlay
//! shows and, for a few, the word the status bar hints with. A description that mentions
//! another key names its action in braces (`{overlay:open}`), so the help names the key in
//! effect (see `hints`).

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Key, bind, hinted};
use crate::action::Action;

/// Keys that work everywhere, before any mode's table is consulted.
pub const GLOBAL: &[Binding] = &[
    bind(&[Key::ctrl('c')], Action::Quit, "quit from anywhere"),
    bind(
        &[Key::ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg resumes)",
    ),
];

/// Browsing: the list and the reading pane.
pub const BROWSE: &[Binding] = &[
    hinted(
        &[Key::char('j'), Key::plain(KeyCode::Down)],
        Action::MoveDown,
        "next article / scroll down a line",
        "move",
    ),
    bind(
        &[Key::char('k'), Key::plain(KeyCode::Up)],
        Action::MoveUp,
        "previous article / scroll up a line",
    ),
    hinted(
        &[
            Key::plain(KeyCode::Enter),
            Key::char('l'),
            Key::plain(KeyCode::Right),
        ],
        Action::Open,
        "open the selected article in the reader",
        "read",
    ),
    bind(
        &[Key::char('h'), Key::plain(KeyCode::Left)],
        Action::Back,
        "back to the article list",
    ),
    hinted(
        &[Key::plain(KeyCode::Tab)],
        Action::ToggleFocus,
        "switch between list and reader",
        "pane",
    ),
    bind(
        &[Key::char(' '), Key::plain(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[Key::char('b'), Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(&[Key::ctrl('d')], Action::HalfPageDown, "half a page down"),
    bind(&[Key::ctrl('u')], Action::HalfPageUp, "half a page up"),
    bind(
        &[Key::char('g'), Key::plain(KeyCode::Home)],
        Action::Top,
        "first article / top of the text",
    ),
    bind(
        &[Key::char('G'), Key::plain(KeyCode::End)],
        Action::Bottom,
        "last article / end of the text",
    ),
    bind(
        &[Key::char('y')],
        Action::Yank,
        "copy the paragraph at the top (or the selection)",
    ),
    bind(
        &[Key::char('Y')],
        Action::YankCited,
        "copy it with its citation",
    ),
    bind(
        &[Key::char('c')],
        Action::CopyCitation,
        "copy the citation alone",
    ),
    bind(
        &[Key::char('v')],
        Action::StartSelection,
        "select paragraphs ({move_down}/{move_up} extend, {yank}/{yank_cited} copy)",
    ),
    bind(
        &[Key::char('m')],
        Action::ToggleBookmark,
        "bookmark the paragraph at the top (with a note)",
    ),
    bind(
        &[Key::char('\'')],
        Action::ToggleBookmarks,
        "list bookmarks; {overlay:open} goes there, {overlay:delete_bookmark} deletes",
    ),
    bind(&[Key::char('t')], Action::CycleTheme, "next colour theme"),
    bind(
        &[Key::char('s')],
        Action::CycleOrder,
        "sort the list: corpus, date ↑, date ↓, hits, title",
    ),
    bind(
        &[Key::char('x')],
        Action::ToggleCopies,
        "show or fold the copies of an article (×N)",
    ),
    bind(
        &[Key::char('f')],
        Action::ToggleScript,
        "search: scripts as one (國 finds 国) or apart",
    ),
    bind(
        &[Key::char('z')],
        Action::ToggleList,
        "hide or show the list (focused reading)",
    ),
    bind(&[Key::char('<')], Action::NarrowList, "narrower list pane"),
    bind(&[Key::char('>')], Action::WidenList, "wider list pane"),
    hinted(
        &[Key::char(']')],
        Action::NextArticle,
        "next article",
        "next",
    ),
    bind(
        &[Key::char('[')],
        Action::PreviousArticle,
        "previous article",
    ),
    hinted(
        &[Key::char('r')],
        Action::ToggleRaw,
        "raw view: the source file with line numbers",
        "raw",
    ),
    bind(
        &[Key::char(':')],
        Action::StartGoTo,
        "go to: a number for an article, p and a number for a paragraph",
    ),
    bind(
        &[Key::char('o')],
        Action::ToggleOutline,
        "outline of the article; {overlay:open} goes there",
    ),
    bind(
        &[Key::char('i')],
        Action::ShowLocation,
        "file:line of the paragraph at the top",
    ),
    bind(
        &[Key::char('!')],
        Action::ToggleWarnings,
        "what went wrong while loading",
    ),
    hinted(
        &[Key::char('?')],
        Action::ToggleHelp,
        "show this help",
        "help",
    ),
    hinted(
        &[Key::char('/')],
        Action::StartSearch,
        "search; every key narrows the list",
        "search",
    ),
    bind(
        &[Key::char('n')],
        Action::NextHit,
        "next hit (into the next article)",
    ),
    bind(&[Key::char('N')], Action::PreviousHit, "previous hit"),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::ClearSearch,
        "clear the search; back to the list",
    ),
    hinted(&[Key::char('q')], Action::Quit, "quit", "quit"),
];

/// The search line has the keyboard; any other character is typed into it.
pub const SEARCH: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::SearchSubmit,
        "search line: keep the results and browse them",
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::SearchCancel,
        "search line: back to where you were before {browse:start_search}",
    ),
    bind(
        &[Key::plain(KeyCode::Up)],
        Action::HistoryPrevious,
        "search line: earlier query",
    ),
    bind(
        &[Key::plain(KeyCode::Down)],
        Action::HistoryNext,
        "search line: later query",
    ),
    bind(
        &[Key::ctrl('n')],
        Action::SearchSelectNext,
        "search line: next matching article",
    ),
    bind(
        &[Key::ctrl('p')],
        Action::SearchSelectPrevious,
        "search line: previous matching article",
    ),
    bind(
        &[Key::plain(KeyCode::Tab)],
        Action::ToggleConcordance,
        "search line: matching articles / concordance of hits",
    ),
    bind(
        &[Key::plain(KeyCode::Backspace)],
        Action::SearchBackspace,
        "search line: delete back",
    ),
    bind(
        &[Key::plain(KeyCode::Delete)],
        Action::SearchDelete,
        "search line: delete forward",
    ),
    bind(
        &[Key::ctrl('w')],
        Action::SearchDeleteWord,
        "search line: delete the word before",
    ),
    bind(&[Key::ctrl('u')], Action::SearchClear, "search line: clear"),
    bind(
        &[Key::ctrl('f')],
        Action::ToggleScript,
        "search line: fold scripts together or tell them apart",
    ),
    bind(
        &[Key::ctrl('t')],
        Action::TakeCandidate,
        "search line: py:… becomes the hanzi found most for it; again, the next",
    ),
    bind(
        &[Key::plain(KeyCode::Left)],
        Action::SearchLeft,
        "search line: cursor left",
    ),
    bind(
        &[Key::plain(KeyCode::Right)],
        Action::SearchRight,
        "search line: cursor right",
    ),
    bind(
        &[Key::plain(KeyCode::Home), Key::ctrl('a')],
        Action::SearchHome,
        "search line: to the start",
    ),
    bind(
        &[Key::plain(KeyCode::End), Key::ctrl('e')],
        Action::SearchEnd,
        "search line: to the end",
    ),
];

/// The go-to prompt has the keyboard; any other character is typed into it.
pub const GO_TO: &[Binding] = &[
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::GoToSubmit,
        "go-to prompt: go there",
    ),
    bind(
        &[Key::plain(KeyCode::Esc)],
        Action::GoToCancel,
        "go-to prompt: close",
    ),
    bind(
        &[Key::plain(KeyCode::Backspace)],
        Action::GoToBackspace,
        "go-to prompt: delete back",
    ),
];

/// An overlay (help, warnings) is open: scroll it, or close it.
pub const OVERLAY: &[Binding] = &[
    bind(
        &[Key::char('d')],
        Action::DeleteBookmark,
        "delete the selected bookmark",
    ),
    bind(&[Key::char('\'')], Action::ToggleBookmarks, "bookmarks"),
    bind(
        &[Key::plain(KeyCode::Enter)],
        Action::Open,
        "go to the selected entry",
    ),
    bind(&[Key::char('o')], Action::ToggleOutline, "outline"),
    bind(
        &[Key::char('j'), Key::plain(KeyCode::Down)],
        Action::MoveDown,
        "scroll down",
    ),
    bind(
        &[Key::char('k'), Key::plain(KeyCode::Up)],
        Action::MoveUp,
        "scroll up",
    ),
    bind(
        &[Key::char(' '), Key::plain(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
    ),
    bind(
        &[Key::char('b'), Key::plain(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
    ),
    bind(
        &[Key::char('g'), Key::plain(KeyCode::Home)],
        Action::Top,
        "top",
    ),
    bind(
        &[Key::char('G'), Key::plain(KeyCode::End)],
        Action::Bottom,
        "bottom",
    ),
    bind(&[Key::char('?')], Action::ToggleHelp, "help"),
    bind(&[Key::char('!')], Action::ToggleWarnings, "warnings"),
    bind(
        &[Key::plain(KeyCode::Esc), Key::char('q')],
        Action::CloseOverlay,
        "close",
    ),
];
