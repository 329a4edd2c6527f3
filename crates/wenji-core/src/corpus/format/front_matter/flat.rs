//! Flat front matter read without the YAML parser: the shape nearly every archive writes, one
//! `key: value` a line, each value a double-quoted string without escapes, a flow list of such
//! items (`[经济, 民生]`), or a plain scalar with nothing YAML reads specially in it.
//!
//! The YAML parser reads a character at a time through a queue of tokens and events, and cost
//! more than all of a small article's Markdown; this reads the same lines with `str` methods.
//! It gives the value the parser would, resolving plain scalars with the parser's own
//! [`Yaml::from_str`] (`2025` is a number, `true` a boolean), or gives up: anything else
//! (indentation, comments, block scalars, anchors, tags, escapes, quotes inside values,
//! repeated keys, a `: ` inside a value) goes to the parser, which also words the errors.

use yaml_rust2::Yaml;
use yaml_rust2::yaml::Hash;

/// Characters that start something other than a plain scalar, or are reserved.
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
];

/// The mapping `yaml` holds, if it is flat front matter; `None` leaves it to the YAML parser.
pub(super) fn read(yaml: &str) -> Option<Yaml> {
    if has_special(yaml) {
        return None;
    }
    let mut hash = Hash::new();
    for line in yaml.split('\n') {
        if line.trim_start_matches(' ').is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let value = value.strip_prefix(' ')?.trim_matches(' ');
        if !is_key(key) {
            return None;
        }
        let value = if let Some(items) = value.strip_prefix('[') {
            list(items.strip_suffix(']')?)?
        } else {
            quoted(value).or_else(|| plain(value, false))?
        };
        if hash.insert(Yaml::from_str(key), value).is_some() {
            return None;
        }
    }
    (!hash.is_empty()).then_some(Yaml::Hash(hash))
}

/// Whether `yaml` holds a character the YAML parser reads as a line end, a blank, the end of
/// input or a byte-order mark: such matter is left to it.
fn has_special(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    memchr::memchr3(b'\r', b'\t', 0, bytes).is_some()
        || memchr::memmem::find(bytes, "\u{FEFF}".as_bytes()).is_some()
}

/// A key of ASCII letters, digits, `_` and `-`, starting with a letter.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The items of a flow list, between its brackets.
fn list(items: &str) -> Option<Yaml> {
    if items.trim_matches(' ').is_empty() {
        return Some(Yaml::Array(Vec::new()));
    }
    items
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            quoted(item).or_else(|| plain(item, true))
        })
        .collect::<Option<Vec<Yaml>>>()
        .map(Yaml::Array)
}

/// `"text"` without a quote or a backslash inside.
fn quoted(value: &str) -> Option<Yaml> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    memchr::memchr2(b'"', b'\\', inner.as_bytes())
        .is_none()
        .then(|| Yaml::String(inner.to_owned()))
}

/// A plain scalar that can only be read as itself: no indicator first, no comment, no `: `,
/// and inside a flow list (`in_list`) none of `, [ ] { } : " '` and no `-` last.
fn plain(value: &str, in_list: bool) -> Option<Yaml> {
    let reads_as_itself = !value.is_empty()
        && !value.starts_with(INDICATORS)
        && !value.contains('#')
        && if in_list {
            // A `-` before the list's `,` or `]` is an error to the parser.
            !value.contains([',', '[', ']', '{', '}', ':', '"', '\'']) && !value.ends_with('-')
        } else {
            !value.contains(": ") && !value.ends_with(':')
        };
    reads_as_itself.then(|| Yaml::from_str(value))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use yaml_rust2::YamlLoader;

    use super::*;

    /// What the YAML parser reads: `Some` of its one document when that is what it reads.
    fn parsed(yaml: &str) -> Option<Yaml> {
        let mut documents = YamlLoader::load_from_str(yaml).ok()?;
        (documents.len() == 1).then(|| documents.remove(0))
    }

    #[test]
    fn an_archive_s_front_matter_is_read_flat_as_the_parser_reads_it() {
        let yaml = "title: \"1983年政府工作报告\"\ndate: 2019-03-01\nauthor: \"许勤\"\n\
                    category: \"新声无限\"\ntags: [外交, 经济]\n\
                    url: \"https://news.example.org/2019/03/a035502.html?crawl=1\"\n";
        let flat = read(yaml).expect("flat");
        assert_eq!(Some(flat), parsed(yaml));
    }

    #[test]
    fn numbers_and_booleans_resolve_as_the_parser_resolves_them() {
        let yaml = "year: 2025\nhex: 0x1F\nreal: 1.5\nyes: true\nnothing: ~\ntags: [1, two]\n";
        let flat = read(yaml).expect("flat");
        assert_eq!(flat["hex"], Yaml::Integer(31));
        assert_eq!(Some(flat), parsed(yaml));
    }

    #[test]
    fn what_needs_the_parser_is_left_to_it() {
        for yaml in [
            "title: |\n  多行\n",
            "title: a # note\n",
            "# comment\ntitle: a\n",
            "title: \"a\\nb\"\n",
            "title: 'a'\n",
            "title: a\ntitle: b\n",
            "title: a: b\n",
            "  title: a\n",
            "title: [a, [b]]\n",
            "title:\n",
            "title: &x a\n",
            "",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
    }

    /// Pieces of front matter lines, the awkward ones included.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "title",
            "tags",
            "a-b",
            "true",
            "null",
            "1",
            ":",
            ": ",
            " ",
            "  ",
            "\"",
            "'",
            "[",
            "]",
            "{",
            "}",
            ",",
            ", ",
            "#",
            " #",
            "-",
            "- ",
            "?",
            "&",
            "*",
            "!",
            "|",
            ">",
            "%",
            "@",
            "\\",
            "\n",
            "\n  ",
            "\t",
            "\r",
            "振兴",
            "2025",
            "0x1F",
            "+3",
            "-7",
            "1.5",
            "1e3",
            ".inf",
            "~",
            "True",
            "http://x.org/a?b=1",
            "...",
            "---",
            "a",
            "b c",
            "\u{FEFF}",
        ])
    }

    /// A value: pieces as they come, between quotes, or as the items of a list.
    fn value() -> impl Strategy<Value = String> {
        let pieces = || prop::collection::vec(piece(), 0..5).prop_map(|p| p.concat());
        prop_oneof![
            pieces(),
            pieces().prop_map(|p| format!("\"{p}\"")),
            prop::collection::vec(pieces(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(", "))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn flat_front_matter_reads_as_the_parser_reads_it(
            lines in prop::collection::vec(
                (prop::sample::select(vec!["title", "date", "tags", "url", "a_b", "x-y", "True"]),
                 value()),
                1..5,
            )
        ) {
            let yaml: String = lines
                .iter()
                .flat_map(|(key, value)| [key, ": ", value.as_str(), "\n"])
                .collect();
            if let Some(flat) = read(&yaml) {
                prop_assert_eq!(Some(flat), parsed(&yaml), "{:?}", yaml);
            }
        }
    }
}
