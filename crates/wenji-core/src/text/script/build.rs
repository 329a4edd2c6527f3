//! Making the script-folding table from OpenCC's character tables: each line
//! `character<TAB>form form …` says which forms the character may be written as in simplified
//! (`TSCharacters`, with `TSCharactersExt` giving the first form for rare characters), or as
//! a variant (`TWVariants`, `HKVariants`), and `CJK_Compatibility_Ideographs` which character a
//! compatibility ideograph is.
//!
//! Every character is joined with every form a line gives it (a union–find): `鍊` may be `炼`
//! or `链`, so all three are one class, and no text written with any of them is lost. The pairs
//! of [`KEPT_APART`] are not joined: OpenCC lists the character itself first for them and its
//! phrase tables almost never convert it. Each class folds to one member: a character of the
//! Basic Multilingual Plane before one beyond it (so a hanzi keeps its three bytes), not a
//! compatibility ideograph, not one that OpenCC simplifies to another, then the one that most
//! characters simplify to, then the lowest.

use std::collections::HashMap;

/// OpenCC's tables, as text.
pub struct Opencc<'a> {
    pub ts: &'a str,
    pub ts_ext: &'a str,
    pub tw: &'a str,
    pub hk: &'a str,
    pub compatibility: &'a str,
}

/// The tables of OpenCC 1.4.2 kept in `data/opencc-1.4.2`.
pub const OPENCC: Opencc<'static> = Opencc {
    ts: include_str!("../../../data/opencc-1.4.2/TSCharacters.txt"),
    ts_ext: include_str!("../../../data/opencc-1.4.2/TSCharactersExt.txt"),
    tw: include_str!("../../../data/opencc-1.4.2/TWVariants.txt"),
    hk: include_str!("../../../data/opencc-1.4.2/HKVariants.txt"),
    compatibility: include_str!("../../../data/opencc-1.4.2/CJK_Compatibility_Ideographs.txt"),
};

/// Pairs a table links that stay apart.
pub const KEPT_APART: [(char, char); 22] = [
    ('像', '象'),
    ('俱', '具'),
    ('哩', '里'),
    ('祇', '只'),
    ('仝', '同'),
    ('叚', '假'),
    ('喆', '哲'),
    ('堃', '坤'),
    ('椀', '碗'),
    ('淼', '渺'),
    ('澂', '澄'),
    ('犇', '奔'),
    ('甯', '宁'),
    ('礆', '硷'),
    ('筦', '管'),
    ('絜', '洁'),
    ('耑', '专'),
    ('菉', '绿'),
    ('迺', '乃'),
    ('邨', '村'),
    ('阪', '坂'),
    ('龢', '和'),
];

/// One table's lines: each character and its forms, in order.
fn lines(table: &str) -> Result<Vec<(char, Vec<char>)>, String> {
    let one = |text: &str| {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(format!("not one character: {text:?}")),
        }
    };
    table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (key, forms) = line
                .split_once('\t')
                .ok_or_else(|| format!("no tab in {line:?}"))?;
            let forms = forms.split(' ').map(one).collect::<Result<_, _>>()?;
            Ok((one(key)?, forms))
        })
        .collect()
}

/// Union–find over characters.
#[derive(Default)]
struct Classes {
    parent: HashMap<char, char>,
}

impl Classes {
    fn root(&mut self, c: char) -> char {
        let mut at = c;
        loop {
            let up = *self.parent.entry(at).or_insert(at);
            if up == at {
                break;
            }
            at = up;
        }
        // Point everything on the way at the root.
        let mut on = c;
        while on != at {
            let up = self.parent[&on];
            self.parent.insert(on, at);
            on = up;
        }
        at
    }

    fn join(&mut self, a: char, b: char) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent.insert(a, b);
        }
    }
}

/// The folding table OpenCC's tables make, sorted: each character that folds to another, and
/// that other. The error names a line that is not `character<TAB>forms`.
pub fn from_opencc(tables: &Opencc<'_>) -> Result<Vec<(char, char)>, String> {
    let (ts, ext) = (lines(tables.ts)?, lines(tables.ts_ext)?);
    let compatibility = lines(tables.compatibility)?;
    // The form OpenCC simplifies each character to: `Ext` first where it speaks.
    let mut simplified: HashMap<char, char> = ts.iter().map(|(c, forms)| (*c, forms[0])).collect();
    simplified.extend(ext.iter().map(|(c, forms)| (*c, forms[0])));
    let mut targets: HashMap<char, usize> = HashMap::new();
    for (&c, &to) in &simplified {
        if c != to {
            *targets.entry(to).or_default() += 1;
        }
    }
    let mut classes = Classes::default();
    for (c, forms) in &compatibility {
        classes.join(*c, forms[0]);
    }
    for (&c, &to) in &simplified {
        classes.join(c, to);
    }
    for (c, forms) in &ts {
        for &form in forms {
            if !KEPT_APART.contains(&(*c, form)) {
                classes.join(*c, form);
            }
        }
    }
    for (c, forms) in lines(tables.tw)?.iter().chain(&lines(tables.hk)?) {
        for &form in forms {
            classes.join(*c, form);
        }
    }
    let compatible: std::collections::HashSet<char> =
        compatibility.iter().map(|(c, _)| *c).collect();
    let mut members: HashMap<char, Vec<char>> = HashMap::new();
    let all: Vec<char> = classes.parent.keys().copied().collect();
    for c in all {
        let root = classes.root(c);
        members.entry(root).or_default().push(c);
    }
    let mut fold = Vec::new();
    for class in members.values().filter(|class| class.len() > 1) {
        let rank = |&c: &char| {
            let goes_elsewhere = simplified.get(&c).is_some_and(|&to| to != c);
            (
                c > '\u{FFFF}',
                compatible.contains(&c),
                goes_elsewhere,
                std::cmp::Reverse(targets.get(&c).copied().unwrap_or(0)),
                c,
            )
        };
        let Some(&stands) = class.iter().min_by_key(|c| rank(c)) else {
            continue;
        };
        fold.extend(class.iter().filter(|&&c| c != stands).map(|&c| (c, stands)));
    }
    fold.sort_unstable();
    for (a, b) in KEPT_APART {
        let of = |c: char| {
            fold.binary_search_by_key(&c, |&(from, _)| from)
                .map_or(c, |at| fold[at].1)
        };
        if of(a) == of(b) {
            return Err(format!("{a} and {b} fell into one class"));
        }
    }
    Ok(fold)
}
