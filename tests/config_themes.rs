//! Theme files: every file in `themes/` loads and sets every role, the built-ins resolve by name,
//! `dark` is today's look, and a bad file is reported with its place and value.

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier};
use wenji::config::theme::{ROLES, ThemeFile, builtin_names, load_theme, theme_names};
use wenji::theme::Theme;

fn theme_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("themes/ is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    files
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("temp file written");
    path
}

#[test]
fn every_theme_file_loads_and_sets_every_role_it_does_not_inherit() {
    let files = theme_files();
    assert!(files.len() >= builtin_names().len(), "{files:?}");
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        let file: ThemeFile = toml::from_str(&text).unwrap_or_else(|err| panic!("{path:?}: {err}"));
        if file.extends.is_none() {
            assert_eq!(file.missing_roles(), Vec::<&str>::new(), "{path:?}");
        }
        load_theme(path.to_str().unwrap(), None).unwrap_or_else(|err| panic!("{err}"));
    }
}

#[test]
fn every_builtin_is_the_file_of_that_name_in_themes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    for name in builtin_names() {
        let path = dir.join(format!("{name}.toml"));
        let by_name = load_theme(name, None).unwrap();
        let by_path = load_theme(path.to_str().unwrap(), None).unwrap();
        assert_eq!(by_name, by_path, "{name}");
    }
}

#[test]
fn builtin_themes_each_look_different() {
    let themes: Vec<Theme> = builtin_names()
        .iter()
        .map(|name| load_theme(name, None).unwrap())
        .collect();
    for (i, a) in themes.iter().enumerate() {
        for b in &themes[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn dark_theme_is_exactly_the_default_look() {
    assert_eq!(load_theme("dark", None).unwrap(), Theme::default());
}

#[test]
fn a_theme_background_paints_behind_the_text() {
    let paper = load_theme("paper", None).unwrap();
    assert!(matches!(paper.text.bg, Some(Color::Rgb(..))));
    assert!(matches!(paper.text.fg, Some(Color::Rgb(..))));
}

#[test]
fn unknown_role_is_reported_with_file_line_and_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mine.toml",
        "extends = \"dark\"\ntitel = { fg = \"red\" }\n",
    );
    let err = load_theme(path.to_str().unwrap(), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("{}:2:1:", path.display())),
        "{err}"
    );
    assert!(err.contains("unknown role `titel`"), "{err}");
    assert!(err.ends_with("the theme is not used"), "{err}");
}

#[test]
fn unknown_attribute_of_a_role_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mine.toml",
        "text = {}\ntitle = { fg = \"red\", blink = true }\n",
    );
    let err = load_theme(path.to_str().unwrap(), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("{}:2:23:", path.display())),
        "{err}"
    );
    assert!(err.contains("unknown attribute `blink` in title"), "{err}");
}

#[test]
fn bad_colour_is_reported_with_file_line_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mine.toml",
        "\ntitle = { fg = \"yelow\", bold = true }\n",
    );
    let err = load_theme(path.to_str().unwrap(), None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("\"yelow\""), "{err}");
    assert!(err.contains("not a colour"), "{err}");
}

#[test]
fn role_of_the_wrong_type_is_reported_with_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mine.toml", "title = \"yellow\"\n");
    let err = load_theme(path.to_str().unwrap(), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("{}:1:9:", path.display())),
        "{err}"
    );
    assert!(err.contains("\"yellow\""), "{err}");
}

#[test]
fn partial_theme_takes_the_rest_from_the_theme_it_extends() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mine.toml",
        "extends = \"light\"\nhit = { fg = \"red\", underline = true }\n",
    );
    let mine = load_theme(path.to_str().unwrap(), None).unwrap();
    let light = load_theme("light", None).unwrap();
    assert_eq!(mine.hit.fg, Some(Color::Red));
    assert!(mine.hit.add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(mine.hit.bg, None, "a written role is complete, not merged");
    assert_eq!(
        Theme {
            hit: light.hit,
            ..mine
        },
        light
    );
}

#[test]
fn partial_theme_without_extends_builds_on_dark() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mine.toml", "title = { fg = \"green\" }\n");
    let mine = load_theme(path.to_str().unwrap(), None).unwrap();
    let dark = Theme::default();
    assert_eq!(mine.title.fg, Some(Color::Green));
    assert_eq!(
        Theme {
            title: dark.title,
            ..mine
        },
        dark
    );
}

#[test]
fn user_themes_are_found_by_name_and_listed_after_the_builtins() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "zen.toml", "extends = \"paper\"\n");
    write(dir.path(), "amber.toml", "title = { fg = \"#ffbf00\" }\n");
    write(dir.path(), "notes.txt", "");
    let names = theme_names(Some(dir.path()));
    assert_eq!(
        names,
        ["dark", "light", "high-contrast", "paper", "amber", "zen"]
    );
    assert_eq!(
        load_theme("zen", Some(dir.path())).unwrap(),
        load_theme("paper", None).unwrap()
    );
    assert!(
        load_theme("zen", None).is_err(),
        "user themes are only looked for in the user folder"
    );
}

#[test]
fn user_theme_may_replace_a_builtin_and_still_extend_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dark.toml",
        "extends = \"dark\"\ntext = { fg = \"white\" }\n",
    );
    let mine = load_theme("dark", Some(dir.path())).unwrap();
    assert_eq!(mine.text.fg, Some(Color::White));
    assert_eq!(theme_names(Some(dir.path())), builtin_names());
}

#[test]
fn themes_extending_each_other_in_a_loop_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", "extends = \"b\"\n");
    write(dir.path(), "b.toml", "\nextends = \"a\"\n");
    let err = load_theme("a", Some(dir.path())).unwrap_err();
    assert_eq!(err.line(), Some(2), "{err}");
    assert!(err.to_string().contains("loop"), "{err}");
}

#[test]
fn unknown_theme_name_is_reported_with_the_choices() {
    let err = load_theme("solarised", None).unwrap_err().to_string();
    assert!(
        err.contains("`solarised`") && err.contains("high-contrast"),
        "{err}"
    );
}

#[test]
fn roles_list_matches_the_theme_file_fields() {
    let file = ThemeFile::default();
    let names: Vec<&str> = file.roles().iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ROLES);
    assert_eq!(file.missing_roles(), ROLES);
}
