//! Lays out every article of the given files at a range of widths, as `wenji show` does, and
//! writes each body line as one tab-separated row, for an outside check of the layout rules:
//!
//! ```text
//! width  mode  article  paragraph  row  rows  indent  text
//! ```
//! `mode` is `n` (ambiguous characters one column) or `w` (`--ambiguous-wide`); `row` and `rows`
//! place the line within its paragraph. `benches/support/audit_layout.py` reads these rows and
//! counts what breaks a rule, judging widths with Python's own Unicode tables rather than
//! wenji's:
//!
//! ```text
//! cargo run --release --example layout_dump -- ../shared/corpora/wikisource-political \
//!     | python3 benches/support/audit_layout.py
//! ```

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;
use wenji::layout::{Document, LineKind, TextRef, Texts};
use wenji::state::Settings;
use wenji::text::width::AmbiguousWidth;

/// Dump laid-out lines for an audit of the layout rules.
#[derive(Debug, Parser)]
struct Args {
    /// Files and folders to load, as given to `wenji`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The narrowest width to lay out at.
    #[arg(long, default_value_t = 20)]
    from: usize,
    /// The widest width to lay out at.
    #[arg(long, default_value_t = 120)]
    to: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let corpus = wenji::corpus::load(&args.paths, wenji::corpus::LoadOptions::default())?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (mode, ambiguous) in [("n", AmbiguousWidth::Narrow), ("w", AmbiguousWidth::Wide)] {
        let settings = Settings {
            ambiguous,
            max_width: args.to,
            ..Settings::default()
        };
        for width in args.from..=args.to {
            for (number, article) in corpus.articles.iter().enumerate() {
                let texts = Texts {
                    article,
                    source: &corpus.sources[article.source],
                };
                let mut document = Document::new(texts, settings.layout(width));
                document.ensure_all(texts);
                write_rows(&mut out, &document, texts, (width, mode, number + 1))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The body lines of one document, each with its place in its paragraph.
fn write_rows(
    out: &mut impl Write,
    document: &Document,
    texts: Texts<'_>,
    (width, mode, article): (usize, &str, usize),
) -> io::Result<()> {
    let lines = &document.lines;
    let mut start = 0;
    while start < lines.len() {
        let TextRef::Paragraph(paragraph) = lines[start].text else {
            start += 1;
            continue;
        };
        let end = lines[start..]
            .iter()
            .position(|l| l.text != lines[start].text)
            .map_or(lines.len(), |n| start + n);
        let rows = end - start;
        for (row, line) in lines[start..end].iter().enumerate() {
            if matches!(line.kind, LineKind::Blank) {
                continue;
            }
            let text = document.text(texts, line);
            let indent = line.indent;
            writeln!(
                out,
                "{width}\t{mode}\t{article}\t{}\t{row}\t{rows}\t{indent}\t{text}",
                paragraph + 1
            )?;
        }
        start = end;
    }
    Ok(())
}
