//! Counts as a reader reads them: `1 hit`, `2 hits`, `1 hit in 1 article`. Every number the
//! screen or a command prints next to a noun goes through here, so none reads `1 hits`.

/// `n` and `noun`, the noun in the plural unless `n` is 1 (wenji's nouns all take an `s`).
///
/// ```
/// use wenji_core::count::count;
/// assert_eq!(count(1, "hit"), "1 hit");
/// assert_eq!(count(0, "article"), "0 articles");
/// assert_eq!(count(120, "warning"), "120 warnings");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `n` with its digits in groups of three, as the status bar prints large counts: `49 118`.
///
/// ```
/// use wenji_core::count::grouped;
/// assert_eq!(grouped(7), "7");
/// assert_eq!(grouped(12_034), "12 034");
/// assert_eq!(grouped(1_000_000), "1 000 000");
/// ```
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(digit);
    }
    out
}

/// What a search found: `N hits in M articles`, each noun singular for 1.
///
/// ```
/// use wenji_core::count::hits_in_articles;
/// assert_eq!(hits_in_articles(1, 1), "1 hit in 1 article");
/// assert_eq!(hits_in_articles(15, 2), "15 hits in 2 articles");
/// ```
pub fn hits_in_articles(hits: usize, articles: usize) -> String {
    format!("{} in {}", count(hits, "hit"), count(articles, "article"))
}
