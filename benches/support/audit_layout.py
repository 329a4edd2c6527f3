#!/usr/bin/env python3
"""Counts what breaks a layout rule in the rows `examples/layout_dump.rs` writes.

Widths are judged with Python's Unicode tables (`unicodedata.east_asian_width`), not wenji's, so
the check does not share wenji's idea of a character's width.

- paragraph edges (issue 11, item 3): a laid-out paragraph that starts with a closing mark or ends
  with an opening mark, per 1,000 laid-out lines;
- full-width numbers (item 5): a line break inside a run of full-width digits (`２ | ００８`,
  `１４ | ．９％`);
- wide ambiguous (item 7): in `--ambiguous-wide` mode, a line wider than its width when every East
  Asian Ambiguous character counts as 2 columns.
"""
import sys
import unicodedata

CLOSING = set("。，、；：！？．”’」』）)〕］]｝}】〗》〉")
OPENING = set("“‘「『（(〔［[｛{【〖《〈")
FW_DIGITS = set("０１２３４５６７８９")


def columns(text, wide):
    total = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        eaw = unicodedata.east_asian_width(c)
        total += 2 if eaw in ("W", "F") or (wide and eaw == "A") else 1
    return total


def main():
    lines = {"n": 0, "w": 0}
    edges = {"n": 0, "w": 0}
    edge_examples = set()
    digit_breaks = {"n": 0, "w": 0}
    too_wide = {"n": 0, "w": 0}
    previous = None
    paragraph_text = []

    def end_paragraph(key, mode):
        text = "".join(paragraph_text)
        if text and (text[0] in CLOSING or text[-1] in OPENING):
            edges[mode] += 1
            edge_examples.add((key[2], key[3], text[:12] + "…" + text[-12:]))

    for row in sys.stdin:
        width, mode, article, paragraph, index, rows, indent, text = row.rstrip("\n").split("\t", 7)
        width, index, rows, indent = int(width), int(index), int(rows), int(indent)
        key = (width, mode, article, paragraph)
        lines[mode] += 1
        if indent + columns(text, mode == "w") > width:
            too_wide[mode] += 1
        if previous and previous[0] == key:
            before, after = previous[1], text
            if before and after and (before[-1] in FW_DIGITS or before[-1] == "．") and (
                after[0] in FW_DIGITS or after[0] in "．％"
            ):
                if before[-1] in FW_DIGITS or (len(before) > 1 and before[-2] in FW_DIGITS):
                    digit_breaks[mode] += 1
        else:
            if previous:
                end_paragraph(previous[0], previous[0][1])
            paragraph_text.clear()
        paragraph_text.append(text)
        previous = (key, text)
    if previous:
        end_paragraph(previous[0], previous[0][1])

    for mode, name in (("n", "ambiguous narrow"), ("w", "--ambiguous-wide")):
        per_mille = 1000 * edges[mode] / max(lines[mode], 1)
        print(
            f"{name}: {lines[mode]} lines; paragraph edges {edges[mode]} ({per_mille:.2f} per 1,000 lines); "
            f"breaks inside full-width numbers {digit_breaks[mode]}; lines too wide {too_wide[mode]}"
        )
    print(f"distinct paragraphs with a bad edge: {len(edge_examples)}")
    for example in sorted(edge_examples)[:15]:
        print("  ", *example)


if __name__ == "__main__":
    main()
