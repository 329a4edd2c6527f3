//! Pinyin's candidates taken into the query: `py:guojia` finds every run of hanzi read so, and
//! the forms line lists them, the most frequent first (`py:guojia → 国家 ×180 909 · 过家 ×3`);
//! Ctrl-T puts the first in place of the `py:…`, so the search is for that word as typed, and
//! pressed again puts the next in its place.

use ratatui_textarea::{CursorMove, TextArea};

use super::{Effect, State};
use crate::search::fold::fold_query;
use crate::search::query::tree::{self, Expr};

/// What the last candidate taken replaced, to take the next in its place.
#[derive(Debug, Clone)]
pub struct Taken {
    /// The query as it was, `py:…` in it.
    before: String,
    /// The query with the candidate in place, as the search line then held it.
    after: String,
    /// The candidates, folded and each once, the most frequent first.
    candidates: Vec<String>,
    /// Which was taken.
    at: usize,
}

impl State {
    /// Puts the most frequent hanzi found for the query's first `py:…` in its place (pressed
    /// again right after, the next one), and searches for it.
    pub(super) fn take_candidate(&mut self) -> Effect {
        let Some(search) = &mut self.search else {
            return Effect::None;
        };
        let text = search.text();
        let next = match &search.candidate {
            Some(taken) if taken.after == text => Some(taken.clone()),
            _ => None,
        };
        let taken = if let Some(taken) = next {
            Taken {
                at: (taken.at + 1) % taken.candidates.len(),
                ..taken
            }
        } else {
            let asked = search.query.asked();
            let Some(number) = asked.iter().position(|a| a.starts_with("py:")) else {
                self.message = Some("no py:… in the query to take hanzi for".to_owned());
                return Effect::None;
            };
            let mut candidates: Vec<String> = Vec::new();
            for (form, _) in search.forms.of(number) {
                let folded = fold_query(form);
                if !candidates.contains(&folded) {
                    candidates.push(folded);
                }
            }
            if candidates.is_empty() {
                self.message = Some(format!("{}: nothing found yet", asked[number]));
                return Effect::None;
            }
            Taken {
                before: text,
                after: String::new(),
                candidates,
                at: 0,
            }
        };
        let Some(after) = replaced(&taken.before, &taken.candidates[taken.at]) else {
            return Effect::None;
        };
        let mut input = TextArea::new(vec![after.clone()]);
        input.set_cursor_line_style(ratatui::style::Style::new());
        input.move_cursor(CursorMove::End);
        search.input = input;
        self.message = Some(format!(
            "candidate {} of {}: {} (Ctrl-T again: the next)",
            taken.at + 1,
            taken.candidates.len(),
            taken.candidates[taken.at]
        ));
        search.candidate = Some(Taken { after, ..taken });
        self.query_changed()
    }
}

/// `query` with its first `py:…` replaced by `hanzi`.
fn replaced(query: &str, hanzi: &str) -> Option<String> {
    fn first(expr: &Expr) -> Option<(usize, usize)> {
        match expr {
            Expr::And(items) | Expr::Or(items) => items.iter().find_map(first),
            Expr::Not(inner) => first(inner),
            Expr::Regex(pattern) if pattern.reading.is_some() => Some((pattern.at, pattern.len)),
            _ => None,
        }
    }
    let chars: Vec<char> = query.chars().filter(|c| !c.is_control()).collect();
    let (at, len) = first(&tree::parse(query).ok()?)?;
    let mut out: String = chars[..at].iter().collect();
    out.push_str(hanzi);
    out.extend(&chars[at + len..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::replaced;

    #[test]
    fn the_first_pinyin_is_replaced_and_the_rest_kept() {
        assert_eq!(
            replaced("py:guojia 安全 date:2020", "国家").as_deref(),
            Some("国家 安全 date:2020")
        );
        assert_eq!(
            replaced("改革 (py:\"kai fang\" OR 开发)", "开放").as_deref(),
            Some("改革 (开放 OR 开发)")
        );
        assert_eq!(replaced("国家", "国家"), None);
    }
}
