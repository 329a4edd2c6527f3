//! Every user intent as one enum: the only vocabulary between keys (or the mouse) and the state.

/// A pane of the main screen: the one the mouse is over, or the one that takes the movement keys
/// (the focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Reader,
}

/// Everything a user can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move down one step in the focused pane: the next article, or the next line of text.
    MoveDown,
    /// Move up one step in the focused pane.
    MoveUp,
    /// Scroll the focused pane down by a screenful.
    PageDown,
    /// Scroll the focused pane up by a screenful.
    PageUp,
    /// Scroll the focused pane down by half a screen.
    HalfPageDown,
    /// Scroll the focused pane up by half a screen.
    HalfPageUp,
    /// Go to the first article, or the top of the text.
    Top,
    /// Go to the last article, or the end of the text.
    Bottom,
    /// Open the selected article in the reading pane and focus it.
    Open,
    /// Return focus to the article list.
    Back,
    /// Switch focus between the list and the reading pane.
    ToggleFocus,
    /// Hide or show the article list, for focused reading.
    ToggleList,
    /// Make the list pane narrower.
    NarrowList,
    /// Make the list pane wider.
    WidenList,
    /// Open the go-to prompt: a number goes to that article, `p` and a number to that paragraph.
    StartGoTo,
    /// Type a character into the go-to prompt.
    GoToInput(char),
    /// Delete the last character of the go-to prompt.
    GoToBackspace,
    /// Go where the prompt says.
    GoToSubmit,
    /// Close the go-to prompt without going anywhere.
    GoToCancel,
    /// Switch to the next colour theme.
    CycleTheme,
    /// Put the list in the next order: corpus, date ascending and descending, most hits (while
    /// searching), title.
    CycleOrder,
    /// Show the copies folded into the selected article's row under it, or fold them back.
    ToggleCopies,
    /// Fold traditional, simplified and variant characters together in the search, or tell
    /// them apart, and search again.
    ToggleScript,
    /// Put the most frequent hanzi found for the query's `py:…` in its place, or, pressed
    /// again, the next one.
    TakeCandidate,
    /// Copy the paragraph at the top of the reader (the current hit's, when searching; the
    /// selected ones, when selecting) to the terminal clipboard.
    Yank,
    /// The same, followed by its citation.
    YankCited,
    /// Copy the citation of the paragraph at the top of the reader alone.
    CopyCitation,
    /// Start selecting paragraphs from the one at the top; j/k extend, y/Y copy, Esc stops.
    StartSelection,
    /// Bookmark the paragraph at the top of the reader, or remove its bookmark.
    ToggleBookmark,
    /// List the bookmarks of the open corpus; Enter goes to one, d deletes it.
    ToggleBookmarks,
    /// Delete the selected bookmark.
    DeleteBookmark,
    /// Show the next article.
    NextArticle,
    /// Show the previous article.
    PreviousArticle,
    /// Show or hide the key help.
    ToggleHelp,
    /// Show or hide what went wrong while loading (skipped files, repaired text).
    ToggleWarnings,
    /// Show the current article's outline (its numbered headings); Enter goes to one.
    ToggleOutline,
    /// Close whatever overlay is open.
    CloseOverlay,
    /// Switch the reading pane between the article and its source file with line numbers.
    ToggleRaw,
    /// Say which file and lines the paragraph at the top of the reading pane comes from.
    ShowLocation,
    /// Scroll a pane down (the mouse wheel over it).
    WheelDown(Pane),
    /// Scroll a pane up (the mouse wheel over it).
    WheelUp(Pane),
    /// A click in a pane, on the given row counted from the pane's top edge: in the list it
    /// selects the entry there, in the reader it gives the reader focus.
    Click(Pane, u16),
    /// Open the search line; the list, the highlights and the reader follow every keystroke.
    StartSearch,
    /// Type a character into the search line.
    SearchInput(char),
    /// Paste text into the search line (line breaks become spaces).
    SearchPaste(String),
    /// Delete the character before the cursor in the search line.
    SearchBackspace,
    /// Delete the character under the cursor in the search line.
    SearchDelete,
    /// Delete the word before the cursor in the search line.
    SearchDeleteWord,
    /// Clear the search line.
    SearchClear,
    /// Move the search line's cursor left.
    SearchLeft,
    /// Move the search line's cursor right.
    SearchRight,
    /// Move the search line's cursor to the start.
    SearchHome,
    /// Move the search line's cursor to the end.
    SearchEnd,
    /// Recall the previous query from history.
    HistoryPrevious,
    /// Recall the next query from history.
    HistoryNext,
    /// Keep the results and return to browsing them.
    SearchSubmit,
    /// Leave the search line and return exactly to where you were before `/`.
    SearchCancel,
    /// Select the next matching article while typing.
    SearchSelectNext,
    /// Select the previous matching article while typing.
    SearchSelectPrevious,
    /// Switch the list pane between matching articles and the concordance of every hit.
    ToggleConcordance,
    /// Go to the next hit, into the next matching article if need be.
    NextHit,
    /// Go to the previous hit.
    PreviousHit,
    /// Clear the search and show every article again.
    ClearSearch,
    /// Suspend to the shell; `fg` resumes.
    Suspend,
    /// Leave wenji.
    Quit,
}
