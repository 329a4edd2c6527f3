//! An article's one-line fields made safe to print on one row.
//!
//! Titles, sections, bylines, credits, dates, urls and tags come from headings, from JSON and
//! YAML values, and (for a file without a short first line) from the file's name — a name can
//! hold any bytes but `/` and NUL. Each field goes through `text::sanitize::sanitize_line` as the
//! article joins the corpus: escapes, bidi controls and the like are treated as in file contents,
//! and a line end becomes a space, so a field can neither act on the terminal nor split a row of
//! `wenji list`. Warnings get the same treatment. A field that is already clean costs one scan.

use super::model::{Article, Warning};
use crate::text::sanitize::sanitized_line;

/// Puts each of `article`'s one-line fields on one sanitised line.
pub(super) fn make_one_line(article: &mut Article) {
    one_line(&mut article.title);
    article.meta.rewrite_texts(sanitized_line);
}

/// Puts a warning's file and message on one sanitised line.
pub(super) fn make_warning_one_line(warning: &mut Warning) {
    one_line(&mut warning.source);
    one_line(&mut warning.message);
}

fn one_line(field: &mut String) {
    *field = sanitized_line(std::mem::take(field));
}
