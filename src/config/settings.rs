//! The settings of `config.toml`, one entry each: its name, what a value must be (for
//! messages), the comment `print` writes above it, and its value in a [`Config`] as TOML. Reading
//! and printing both go by this list, so they name the same settings in the same order.

use super::Config;

/// Each setting: its name, what a value must be, and the comment `to_toml` writes above it.
pub(super) const SETTINGS: [(&str, &str, &str); 11] = [
    (
        "theme",
        "a theme name or a path in quotes",
        "Theme: dark, light, high-contrast, paper, a file name from the themes folder, or a path.",
    ),
    (
        "hanzi_per_line",
        "a whole number from 10 to 200",
        "Width of the reading column, in hanzi (10 to 200).",
    ),
    (
        "indent",
        "true or false",
        "Indent each paragraph by two hanzi.",
    ),
    (
        "paragraph_spacing",
        "true or false",
        "A blank line between paragraphs instead of an indent (turns indent off).",
    ),
    (
        "page_break_repair",
        "true or false",
        "Join paragraphs split by a page break in the source.",
    ),
    (
        "ambiguous_width",
        "1 or 2",
        "Columns for ambiguous-width characters such as “”…: 1 or 2.",
    ),
    (
        "mouse",
        "true or false",
        "Scroll and select with the mouse.",
    ),
    (
        "fold_copies",
        "true or false",
        "List copies of one article (the same text crawled again) as one row, ×N; x shows them.",
    ),
    (
        "fold_script",
        "true or false",
        "Match traditional, simplified and variant characters as one (國 finds 国); f or Ctrl-F turns it off while searching.",
    ),
    (
        "citation",
        "a template in quotes using {speaker} {role} {title} {section} {category} {date} {tags} \
         {url} {file} {line} {paragraph}",
        "How Y and c cite a paragraph: {field}s, and [parts] left out when their fields are empty.",
    ),
    ("keys", "a table of action = \"key\" or [\"key\", …]", ""),
];

/// A setting's value in `config`, as TOML.
pub(super) fn value_of(config: &Config, name: &str) -> String {
    match name {
        "theme" => toml::Value::String(config.theme.clone()).to_string(),
        "hanzi_per_line" => config.hanzi_per_line.to_string(),
        "indent" => config.indent.to_string(),
        "paragraph_spacing" => config.paragraph_spacing.to_string(),
        "page_break_repair" => config.page_break_repair.to_string(),
        "ambiguous_width" => if config.ambiguous_wide { "2" } else { "1" }.to_owned(),
        "mouse" => config.mouse.to_string(),
        "fold_copies" => config.fold_copies.to_string(),
        "fold_script" => config.fold_script.to_string(),
        "citation" => toml::Value::String(config.citation.clone()).to_string(),
        _ => String::new(),
    }
}
