//! Pinyin lookup for a reader without a Chinese input method: `guojia anquan` (toneless, syllables
//! run together or apart) or the initials `gjaq` stand for the hanzi sequences read that way, so
//! a search can offer 国家安全 for them.
//!
//! The steps:
//! 1. [`read`] turns the letters into a [`Reading`]: one [`Sound`] for each character, a whole
//!    syllable (`guo`) or the start of one (`g`, `zh`). Letters run together are split into the
//!    fewest syllables, preferring the longer first syllable when several splits are as short
//!    (`guojiaanquan` is guo jia an quan, `fangan` fang an; write `fan'gan` for the other).
//!    Letters that split into no syllables are initials (`gjaq`), as is a letter on its own.
//! 2. Each sound stands for the characters read that way: a table from syllable to characters,
//!    made once from the `pinyin` crate's data for every CJK unified ideograph of the BMP
//!    (Extension A included) under each of its readings, so 行 is found under xing and hang. The
//!    characters are folded by [`script`], as the search's text is: 國 is held as 国.
//! 3. [`candidates`] scans folded text for the runs of characters that fit the sounds one by one
//!    and counts them; [`Reading::regex_source`] writes the same runs as a pattern.
//!
//! Nothing here knows the corpus or the search: it reads letters and folded text.

use std::fmt;
use std::sync::LazyLock;

use ::pinyin::ToPinyinMulti;

use super::script;

#[cfg(test)]
mod tests;

/// The characters whose readings the table holds: 〇 and the CJK unified ideographs of the BMP.
const COVERED: [std::ops::RangeInclusive<char>; 3] = [
    '\u{3007}'..='\u{3007}',
    '\u{3400}'..='\u{4DBF}',
    '\u{4E00}'..='\u{9FFF}',
];

/// The starts of syllables a reader may type for a character: the initials, and the vowels that
/// begin a syllable of their own (安 is `a`). `zh`, `ch` and `sh` are tried before `z`, `c`, `s`.
const INITIALS: [&str; 26] = [
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "a", "e", "o",
];

/// The longest toneless syllable (`zhuang`), in letters.
const LONGEST: usize = 6;

/// The most characters a reading may have: one bit each in a character's mask.
pub const MAX_LEN: usize = 32;

/// What a reader typed for one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sound {
    /// A whole toneless syllable as the table spells it: `guo`, `lv` for lü, `ju`.
    Syllable(&'static str),
    /// The start of a syllable, standing for every syllable that starts so: `g`, `zh`, and `z`
    /// for `zh` as well (the first letter of 中 is z), `a` for an, ai, ang, ao.
    Initial(&'static str),
}

impl fmt::Display for Sound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syllable(spelled) | Self::Initial(spelled) => f.write_str(spelled),
        }
    }
}

/// A parsed pinyin query: a sound for each character, and the folded characters each may be.
#[derive(Clone)]
pub struct Reading {
    sounds: Vec<Sound>,
    /// The first character of the table's range: `masks[0]` is its mask.
    low: u32,
    /// For each character of the table's range, bit `i` set if it can be the `i`th character.
    masks: Box<[u32]>,
}

/// Reads `input` as pinyin: letters in either case (`ü` written `v`, `u:` or `ü`), syllables
/// apart or run together, `'` and spaces between them; a run of letters that splits into no
/// syllables is read as initials, one a letter (`zh`, `ch`, `sh` one each).
///
/// ```
/// use wenji_core::text::pinyin::read;
/// assert_eq!(read("guojia anquan").map(|r| r.to_string()), Ok("guo jia an quan".into()));
/// assert_eq!(read("gjaq").map(|r| r.to_string()), Ok("g j a q".into()));
/// assert_eq!(read("xi'an").map(|r| r.len()), Ok(2));
/// assert!(read("guo2").is_err());
/// ```
pub fn read(input: &str) -> Result<Reading, String> {
    let table: &'static Table = &TABLE;
    let mut sounds = Vec::new();
    for run in runs(input)? {
        sounds.extend(read_run(table, &run)?);
    }
    if sounds.is_empty() {
        return Err("no pinyin to read: type syllables (`guojia`) or initials (`gj`)".into());
    }
    if sounds.len() > MAX_LEN {
        return Err(format!(
            "`{}` reads as {} characters; at most {MAX_LEN} can be looked up",
            input.trim(),
            sounds.len()
        ));
    }
    Reading::new(table, sounds)
}

/// The runs of letters of `input` between separators, in lower case with `ü` as `v`; an error
/// naming every character that is neither a letter nor a separator.
fn runs(input: &str) -> Result<Vec<String>, String> {
    let mut runs = vec![String::new()];
    let mut unread: Vec<char> = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let letter = match c {
            'u' | 'U' if chars.next_if_eq(&':').is_some() => 'v',
            'a'..='z' | 'A'..='Z' => c.to_ascii_lowercase(),
            'ü' | 'Ü' => 'v',
            '\'' | '’' => ' ',
            c if c.is_whitespace() => ' ',
            _ => {
                if !unread.contains(&c) {
                    unread.push(c);
                }
                continue;
            }
        };
        match (letter, runs.last_mut()) {
            (' ', Some(last)) if last.is_empty() => {}
            (' ', _) => runs.push(String::new()),
            (_, Some(last)) => last.push(letter),
            (_, None) => runs.push(letter.into()),
        }
    }
    if !unread.is_empty() {
        return Err(format!(
            "{} cannot be read as pinyin: write letters, `v` for `ü`, and no tones",
            quoted(&unread)
        ));
    }
    runs.retain(|run| !run.is_empty());
    Ok(runs)
}

/// The sounds of one run of letters: syllables if it splits into them, else initials. A lone
/// letter is an initial even where it is a syllable too (`a`, `e`, `o`), so `g j a q` reads as
/// `gjaq` does; the initial `a` stands for the syllable `a` and for every other it starts.
fn read_run(table: &'static Table, run: &str) -> Result<Vec<Sound>, String> {
    if run.len() > 1
        && let Ok(syllables) = table.split(run)
    {
        return Ok(syllables.into_iter().map(Sound::Syllable).collect());
    }
    initials(run).map_err(|not| {
        let rest = table.split(run).err().unwrap_or(run);
        format!(
            "`{run}` is neither syllables (none starts `{rest}`) nor initials ({} {})",
            quoted(&not),
            if not.len() == 1 {
                "is no initial"
            } else {
                "are no initials"
            }
        )
    })
}

/// `run` as initials, one for each letter but `zh`, `ch`, `sh`; else the letters that are none.
fn initials(run: &str) -> Result<Vec<Sound>, Vec<char>> {
    let mut sounds = Vec::new();
    let mut not = Vec::new();
    let mut rest = run;
    while let Some(c) = rest.chars().next() {
        if let Some(initial) = INITIALS.iter().find(|initial| rest.starts_with(*initial)) {
            sounds.push(Sound::Initial(initial));
            rest = &rest[initial.len()..];
        } else {
            if !not.contains(&c) {
                not.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    if not.is_empty() { Ok(sounds) } else { Err(not) }
}

/// `chars` in backticks, joined with commas: `` `1`, `2` ``.
fn quoted(chars: &[char]) -> String {
    let quoted: Vec<String> = chars.iter().map(|c| format!("`{c}`")).collect();
    quoted.join(", ")
}

impl Reading {
    /// The reading of `sounds`, with each character's mask; an error for a sound no character has.
    fn new(table: &'static Table, sounds: Vec<Sound>) -> Result<Self, String> {
        let mut masks = vec![0_u32; table.span].into_boxed_slice();
        for (at, sound) in sounds.iter().enumerate() {
            let mut any = false;
            for c in table.chars(*sound) {
                masks[(u32::from(c) - table.low) as usize] |= 1 << at;
                any = true;
            }
            if !any {
                return Err(format!("no character reads `{sound}`"));
            }
        }
        Ok(Self {
            sounds,
            low: table.low,
            masks,
        })
    }

    /// The sounds, one for each character.
    pub fn sounds(&self) -> &[Sound] {
        &self.sounds
    }

    /// How many characters the reading stands for.
    pub fn len(&self) -> usize {
        self.sounds.len()
    }

    /// Never true for a reading [`read`] made: it errs on input with no letters.
    pub fn is_empty(&self) -> bool {
        self.sounds.is_empty()
    }

    /// Which characters of the reading folded character `c` can be: bit `i` for the `i`th.
    #[inline]
    fn mask(&self, c: char) -> u32 {
        self.mask_of(u32::from(c))
    }

    /// [`mask`](Self::mask) by code point.
    #[inline]
    fn mask_of(&self, code: u32) -> u32 {
        let at = code.wrapping_sub(self.low) as usize;
        self.masks.get(at).copied().unwrap_or(0)
    }

    /// Whether `chars`, folded, are exactly [`len`](Self::len) characters with this reading.
    ///
    /// ```
    /// use wenji_core::text::pinyin::read;
    /// let reading = read("zhongguo").expect("pinyin");
    /// assert!(reading.matches(&['中', '国']));
    /// assert!(!reading.matches(&['中']));
    /// ```
    pub fn matches(&self, chars: &[char]) -> bool {
        chars.len() == self.len()
            && chars
                .iter()
                .enumerate()
                .all(|(at, &c)| self.mask(c) >> at & 1 == 1)
    }

    /// Calls `found` with every run of characters in folded `text` that has this reading, by
    /// shift-and: after each character, bit `i` of `state` says the last `i + 1` characters fit
    /// the first `i + 1` sounds, so one load and two operations a character find every run.
    fn each_run<'t>(&self, text: &'t str, mut found: impl FnMut(&'t str)) {
        let last = 1_u32 << (self.len() - 1);
        // Every character the table holds is in the BMP above U+0800, three bytes in UTF-8, so
        // the characters are decoded from their bytes here and any other only breaks a run.
        let width = 3 * self.len();
        let bytes = text.as_bytes();
        let mut state = 0_u32;
        let mut at = 0;
        while let Some(&lead) = bytes.get(at) {
            if lead & 0xF0 != 0xE0 {
                state = 0;
                at += match lead {
                    0..0x80 => 1,
                    0xF0.. => 4,
                    _ => 2,
                };
                continue;
            }
            let (Some(&second), Some(&third)) = (bytes.get(at + 1), bytes.get(at + 2)) else {
                break;
            };
            let code = u32::from(lead & 0x0F) << 12
                | u32::from(second & 0x3F) << 6
                | u32::from(third & 0x3F);
            state = (state << 1 | 1) & self.mask_of(code);
            at += 3;
            if state & last != 0 {
                found(&text[at - width..at]);
            }
        }
    }

    /// The folded characters the `at`th character may be, in code order.
    fn chars_at(&self, at: usize) -> impl Iterator<Item = char> + '_ {
        let low = self.low;
        self.masks
            .iter()
            .zip(low..)
            .filter(move |&(mask, _)| mask >> at & 1 == 1)
            .filter_map(|(_, code)| char::from_u32(code))
    }

    /// A pattern over folded text matching exactly the runs with this reading: a class for each
    /// character, its characters listed in code order, three or more in a row as a range.
    ///
    /// ```
    /// use wenji_core::text::pinyin::read;
    /// let source = read("guo").expect("pinyin").regex_source();
    /// assert!(source.starts_with('[') && source.ends_with(']') && source.contains('国'));
    /// ```
    pub fn regex_source(&self) -> String {
        let mut source = String::new();
        for at in 0..self.len() {
            source.push('[');
            let mut chars = self.chars_at(at).peekable();
            while let Some(first) = chars.next() {
                let mut last = first;
                while let Some(next) = chars.next_if(|&c| u32::from(c) == u32::from(last) + 1) {
                    last = next;
                }
                source.push(first);
                match u32::from(last) - u32::from(first) {
                    0 => {}
                    1 => source.push(last),
                    _ => {
                        source.push('-');
                        source.push(last);
                    }
                }
            }
            source.push(']');
        }
        source
    }
}

/// The sounds apart: `guo jia an quan`, `g j a q`.
impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (at, sound) in self.sounds.iter().enumerate() {
            if at > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{sound}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Reading").field(&self.sounds).finish()
    }
}

/// Two readings are equal when their sounds are: the characters follow from them.
impl PartialEq for Reading {
    fn eq(&self, other: &Self) -> bool {
        self.sounds == other.sounds
    }
}

impl Eq for Reading {}

/// The runs of `reading.len()` characters in folded `texts` that have the reading, each with how
/// often it occurs: the `limit` most frequent, most frequent first, runs as frequent in code order.
///
/// ```
/// use wenji_core::text::pinyin::{candidates, read};
/// let reading = read("gj").expect("pinyin");
/// let found = candidates(&reading, ["国家安全和国家利益", "过家"].into_iter(), 5);
/// assert_eq!(found, [("国家".to_owned(), 2), ("过家".to_owned(), 1)]);
/// ```
pub fn candidates<'a>(
    reading: &Reading,
    texts: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<(String, usize)> {
    let mut counts: foldhash::HashMap<&'a str, usize> = foldhash::HashMap::default();
    for text in texts {
        reading.each_run(text, |run| *counts.entry(run).or_default() += 1);
    }
    let mut counted: Vec<(&str, usize)> = counts.into_iter().collect();
    let order = |a: &(&str, usize), b: &(&str, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if counted.len() > limit {
        counted.select_nth_unstable_by(limit, order);
        counted.truncate(limit);
    }
    counted.sort_unstable_by(order);
    counted
        .into_iter()
        .map(|(run, count)| (run.to_owned(), count))
        .collect()
}

/// Every toneless syllable with the folded characters read that way.
struct Table {
    /// The syllables in code order, each with its characters, sorted and each once.
    syllables: Vec<(String, Vec<char>)>,
    /// The first and how many characters the syllables' characters span, from it.
    low: u32,
    span: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::build);

impl Table {
    /// The table from the `pinyin` crate's data: each covered character, folded, under every
    /// syllable it reads.
    fn build() -> Self {
        let fold = script::table();
        let mut syllables: Vec<(String, Vec<char>)> = Vec::new();
        for c in COVERED.into_iter().flatten() {
            let Some(readings) = c.to_pinyin_multi() else {
                continue;
            };
            for reading in readings {
                let Some(spelled) = spelled(reading.plain()) else {
                    continue;
                };
                match syllables.binary_search_by(|(s, _)| s.as_str().cmp(&spelled)) {
                    Ok(at) => syllables[at].1.push(fold.fold(c)),
                    Err(at) => syllables.insert(at, (spelled, vec![fold.fold(c)])),
                }
            }
        }
        for (_, chars) in &mut syllables {
            chars.sort_unstable();
            chars.dedup();
        }
        let all = || {
            syllables
                .iter()
                .flat_map(|(_, chars)| chars.iter().copied())
        };
        let low = all().min().map_or(0, u32::from);
        let high = all().max().map_or(0, u32::from);
        Self {
            syllables,
            low,
            span: (high - low) as usize + 1,
        }
    }

    /// The table's spelling of `piece`, if it is a syllable: `jv` is `ju`, `lue` is `lve`.
    fn syllable(&'static self, piece: &str) -> Option<&'static str> {
        let find = |piece: &str| {
            self.syllables
                .binary_search_by(|(s, _)| s.as_str().cmp(piece))
                .ok()
                .map(|at| self.syllables[at].0.as_str())
        };
        find(piece).or_else(|| {
            let written = match piece.as_bytes().first()? {
                b'j' | b'q' | b'x' | b'y' => piece.replace('v', "u"),
                b'l' | b'n' if &piece[1..] == "ue" => format!("{}ve", &piece[..1]),
                _ => return None,
            };
            find(&written)
        })
    }

    /// `run` split into the fewest syllables, the longer first where splits are as short; else
    /// the letters from where no split reaches further, which start no syllable.
    fn split<'r>(&'static self, run: &'r str) -> Result<Vec<&'static str>, &'r str> {
        let end = run.len();
        let syllable = |start: usize, len: usize| {
            run.get(start..start + len)
                .and_then(|piece| self.syllable(piece))
        };
        // For each start, the fewest syllables the rest splits into, the first one and its
        // length; filled from the end and longest first, so of as few the longer comes first.
        let mut fewest: Vec<Option<(usize, &'static str, usize)>> = vec![None; end + 1];
        fewest[end] = Some((0, "", 0));
        for start in (0..end).rev() {
            for len in (1..=LONGEST.min(end - start)).rev() {
                if let (Some(first), Some((count, _, _))) =
                    (syllable(start, len), fewest[start + len])
                    && fewest[start].is_none_or(|(least, _, _)| count + 1 < least)
                {
                    fewest[start] = Some((count + 1, first, len));
                }
            }
        }
        if fewest[0].is_none() {
            let mut reached = vec![false; end + 1];
            reached[0] = true;
            for start in 0..end {
                for len in 1..=LONGEST.min(end - start) {
                    if reached[start] && syllable(start, len).is_some() {
                        reached[start + len] = true;
                    }
                }
            }
            let stuck = reached.iter().rposition(|&r| r).unwrap_or(0);
            return Err(&run[stuck..]);
        }
        let mut syllables = Vec::new();
        let mut start = 0;
        while let Some((1.., first, len)) = fewest[start] {
            syllables.push(first);
            start += len;
        }
        Ok(syllables)
    }

    /// The characters read `sound`: a syllable's, or those of every syllable an initial starts.
    fn chars(&self, sound: Sound) -> impl Iterator<Item = char> + '_ {
        let (start, stop) = match sound {
            Sound::Syllable(spelled) => {
                let at = self
                    .syllables
                    .partition_point(|(s, _)| s.as_str() < spelled);
                let found = self.syllables.get(at).is_some_and(|(s, _)| s == spelled);
                (at, at + usize::from(found))
            }
            Sound::Initial(start) => {
                let first = self.syllables.partition_point(|(s, _)| s.as_str() < start);
                let after = self.syllables[first..]
                    .iter()
                    .take_while(|(s, _)| s.starts_with(start))
                    .count();
                (first, first + after)
            }
        };
        self.syllables[start..stop]
            .iter()
            .flat_map(|(_, chars)| chars.iter().copied())
    }
}

/// The data's toneless spelling as a reader types it, `ü` as `v` and `ê` as `e`; `None` for the
/// interjections spelled without a vowel (`m`, `n`, `ng`, `hm`, `hng`), which would otherwise
/// make initials such as `mn` read as syllables.
fn spelled(plain: &str) -> Option<String> {
    plain
        .contains(['a', 'e', 'i', 'o', 'u', 'ü', 'ê'])
        .then(|| plain.replace('ü', "v").replace('ê', "e"))
}
