//! The forms a query's terms were found in: a search folds scripts, so `国家安全` finds
//! `國家安全` as well, and a reader needs to know how often each was written. A form is the hit's
//! text folded as a search folds it but for scripts ([`super::fold::fold_written`]), so `ＧＤＰ`
//! and `gdp` are one form and `國家` and `国家` are two.

use std::collections::HashMap;
use std::fmt::Write;

use crate::count::grouped;

/// The most forms told apart for one term: a pattern such as `re:[^，]+` matches a new text
/// nearly every time, and its hits beyond these forms are counted together.
pub const MAX_FORMS: usize = 10_000;

/// How often each term was found in each form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// For each term by its number, each form found with its count, in the order first found.
    terms: Vec<Vec<(String, usize)>>,
    /// For each term, where each of its forms is in `terms`.
    places: Vec<HashMap<String, usize>>,
    /// For each term, the hits in forms not told apart: past the first [`MAX_FORMS`], or not
    /// looked at ([`Forms::add_others`]).
    others: Vec<usize>,
}

impl Forms {
    /// Counts `count` more hits of term `term` written as `form`.
    pub fn add(&mut self, term: u8, form: &str, count: usize) {
        if count == 0 {
            return;
        }
        let term = usize::from(term);
        if self.terms.len() <= term {
            self.terms.resize_with(term + 1, Vec::new);
            self.places.resize_with(term + 1, HashMap::new);
            self.others.resize(term + 1, 0);
        }
        let forms = &mut self.terms[term];
        match self.places[term].get(form) {
            Some(&at) => forms[at].1 += count,
            None if forms.len() < MAX_FORMS => {
                self.places[term].insert(form.to_owned(), forms.len());
                forms.push((form.to_owned(), count));
            }
            None => self.others[term] += count,
        }
    }

    /// Counts `count` more hits of term `term` in forms not told apart.
    pub fn add_others(&mut self, term: u8, count: usize) {
        let term = usize::from(term);
        if self.terms.len() <= term {
            self.terms.resize_with(term + 1, Vec::new);
            self.places.resize_with(term + 1, HashMap::new);
            self.others.resize(term + 1, 0);
        }
        self.others[term] += count;
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &Forms) {
        for (term, forms) in other.terms.iter().enumerate() {
            let number = u8::try_from(term).unwrap_or(u8::MAX);
            for (form, count) in forms {
                self.add(number, form, *count);
            }
            if let Some(&others) = other.others.get(term).filter(|&&others| others > 0)
                && let Some(mine) = self.others.get_mut(term)
            {
                *mine += others;
            }
        }
    }

    /// Term `term`'s forms, the most frequent first (equals in the order of their text).
    ///
    /// ```
    /// use wenji_core::search::forms::Forms;
    /// let mut forms = Forms::default();
    /// forms.add(0, "国家安全", 7);
    /// forms.add(0, "國家安全", 8_816);
    /// assert_eq!(forms.of(0), [("國家安全", 8_816), ("国家安全", 7)]);
    /// assert!(forms.of(1).is_empty());
    /// ```
    pub fn of(&self, term: usize) -> Vec<(&str, usize)> {
        let mut forms: Vec<(&str, usize)> = self
            .terms
            .get(term)
            .map(|forms| forms.iter().map(|(f, n)| (f.as_str(), *n)).collect())
            .unwrap_or_default();
        forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        forms
    }

    /// The forms line: each term as it was asked for (`asked`, by number), then its forms,
    /// the most frequent first, at most `most` of them and how many more: `国家安全 → 國家安全
    /// ×8 816 · 国家安全 ×7`. Terms are set apart by `; `; a term found in no form is left out.
    ///
    /// ```
    /// use wenji_core::search::forms::Forms;
    /// let mut forms = Forms::default();
    /// forms.add(0, "国家安全", 7);
    /// forms.add(0, "國家安全", 8_816);
    /// forms.add(1, "台灣", 2);
    /// forms.add(1, "臺灣", 1);
    /// forms.add(1, "台湾", 1);
    /// let asked = ["国家安全".to_owned(), "台湾".to_owned()];
    /// assert_eq!(
    ///     forms.line(&asked, 2),
    ///     "国家安全 → 國家安全 ×8 816 · 国家安全 ×7; 台湾 → 台灣 ×2 · 台湾 ×1 · 1 more"
    /// );
    /// ```
    pub fn line(&self, asked: &[String], most: usize) -> String {
        let mut line = String::new();
        for (term, asked) in asked.iter().enumerate() {
            let forms = self.of(term);
            if forms.is_empty() {
                continue;
            }
            if !line.is_empty() {
                line.push_str("; ");
            }
            line.push_str(asked);
            line.push_str(" →");
            for (at, (form, count)) in forms.iter().take(most.max(1)).enumerate() {
                let joint = if at == 0 { " " } else { " · " };
                let _ = write!(line, "{joint}{form} ×{}", grouped(*count));
            }
            let others = self.others.get(term).copied().unwrap_or(0);
            if forms.len() > most.max(1) {
                let plus = if others > 0 { "+" } else { "" };
                let _ = write!(line, " · {}{plus} more", grouped(forms.len() - most.max(1)));
            }
            if others > 0 {
                let _ = write!(line, " (×{} in other forms)", grouped(others));
            }
        }
        line
    }

    /// Whether some term of those `asked` (by number) was found written otherwise than asked,
    /// so the forms are worth telling: a search for `国家` that found only `国家` is not.
    pub fn found_otherwise(&self, asked: &[String]) -> bool {
        asked
            .iter()
            .enumerate()
            .any(|(term, asked)| match self.of(term).as_slice() {
                [] => false,
                [(form, _)] => form != asked,
                _ => true,
            })
    }

    /// How many terms have a form counted (the last of them is `terms() - 1`).
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// Whether any term was found in more than one form.
    pub fn are_mixed(&self) -> bool {
        self.terms.iter().any(|forms| forms.len() > 1)
    }

    pub fn is_empty(&self) -> bool {
        self.terms.iter().all(Vec::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_across_merges_and_terms_stay_apart() {
        let mut a = Forms::default();
        a.add(0, "台湾", 2);
        a.add(1, "臺灣", 0);
        let mut b = Forms::default();
        b.add(0, "台灣", 5);
        b.add(0, "台湾", 1);
        b.add(1, "臺灣", 440);
        a.merge(&b);
        assert_eq!(a.of(0), [("台灣", 5), ("台湾", 3)]);
        assert_eq!(a.of(1), [("臺灣", 440)]);
        assert!(a.are_mixed());
        assert_eq!(a.terms(), 2);
        assert!(Forms::default().is_empty());
    }

    #[test]
    fn a_pattern_of_endless_forms_keeps_the_first_and_counts_the_rest() {
        let mut forms = Forms::default();
        for n in 0..MAX_FORMS + 5 {
            forms.add(0, &format!("form{n}"), 1);
        }
        forms.add(0, "form0", 9);
        assert_eq!(forms.of(0).len(), MAX_FORMS);
        assert_eq!(forms.of(0)[0], ("form0", 10));
        let mut merged = Forms::default();
        merged.merge(&forms);
        assert_eq!(merged, forms);
        let line = forms.line(&["/form.+/".to_owned()], 1);
        assert_eq!(
            line,
            "/form.+/ → form0 ×10 · 9 999+ more (×5 in other forms)"
        );
    }
}
