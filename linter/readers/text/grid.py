"""Column spans of a table read from text, where merged cells have lost their spans.

A table copied as text keeps one entry per physical cell (a vertically merged cell leaves an
empty entry in the rows it covers, as Word's vMerge cells do) but not how many grid columns a
cell spans. The spans are rebuilt from the widest row, bottom-up:

- a row as wide as the table needs nothing;
- a data row (ending in numbers) has its spans on the label side: the last label cell takes the
  missing columns (「一、本年新收…」 over the three label columns);
- a header row is matched against the row below it: one entry per cell below, or one per
  *segment* below (an empty cell below continues the cell above it; a run of filled cells is
  covered by one or more cells above, split where the cells below change from leaf to group
  headers or where their labels repeat).

When none of these gives one answer the row is reported as ambiguous and its table is not used
for arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from linter.readers.hints import NO_FIGURES, Figures


@lru_cache(maxsize=8)
def _value(figures: Figures) -> re.Pattern[str]:
    """A figure as a cell holds it: a word of a change (「增」) or a sign, digits with separators, then
    a percent sign or a unit (the format's words, handed over by the caller: the reader knows no
    regulation)."""
    tail = "|".join(map(re.escape, ("%", "％", *sorted(figures.units, key=len, reverse=True))))
    head = "|".join(map(re.escape, sorted(figures.changes, key=len, reverse=True)))
    change = f"(?:{head})?" if head else ""
    return re.compile(rf"^\s*{change}[+\-−－]?[0-9０-９][0-9０-９,，.．]*\s*(?:{tail})?\s*$")


@dataclass(frozen=True)
class Placed:
    start: int
    span: int
    text: str
    source: int = -1  # index of the cell in its row as read (merged empty fields are dropped)

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def is_value(text: str, figures: Figures = NO_FIGURES) -> bool:
    return bool(_value(figures).match(figures.chars(text)))


def _tail_start(texts: Sequence[str], figures: Figures) -> Optional[int]:
    """Index where the trailing run of value cells (numbers or blanks) starts; None if no number."""
    i = len(texts)
    while i > 0 and (is_value(texts[i - 1], figures) or not texts[i - 1].strip()):
        i -= 1
    if not any(is_value(t, figures) for t in texts[i:]):
        return None
    # Leading blanks of the run belong to the label side (the empty entries of merged labels).
    while i < len(texts) and not texts[i].strip():
        i += 1
    return i


def _label_absorbs(texts: Sequence[str], width: int, figures: Figures) -> Optional[list[Placed]]:
    """Data row: the last label cell before the values spans the missing columns."""
    tail = _tail_start(texts, figures)
    if tail is None or tail == 0:
        return None
    extra = width - len(texts)
    out: list[Placed] = []
    col = 0
    for i, text in enumerate(texts):
        span = 1 + extra if i == tail - 1 else 1
        out.append(Placed(col, span, text))
        col += span
    return out


def _one_to_one(texts: Sequence[str], below: Sequence[Placed]) -> Optional[list[Placed]]:
    if len(texts) != len(below):
        return None
    return [Placed(b.start, b.span, t) for t, b in zip(texts, below)]


def _split_run(run: list[Placed], parts: int, below2: Optional[Sequence[Placed]]) -> Optional[list[list[Placed]]]:
    """Split a run of cells into ``parts`` contiguous groups, if one split is clearly meant."""
    if parts == 1:
        return [run]
    if parts == len(run):
        return [[u] for u in run]
    if below2 is not None:
        kinds = [_is_tall(u, below2) for u in run]
        groups: list[list[Placed]] = []
        for u, k in zip(run, kinds):
            if groups and _is_tall(groups[-1][-1], below2) == k:
                groups[-1].append(u)
            else:
                groups.append([u])
        if len(groups) == parts:
            return groups
    if len(run) % parts == 0:
        size = len(run) // parts
        labels = [u.text.strip() for u in run]
        if all(labels[i] == labels[i % size] for i in range(len(run))):
            return [run[i : i + size] for i in range(0, len(run), size)]
    return None


def _is_tall(unit: Placed, below2: Sequence[Placed]) -> bool:
    """Whether the slots under ``unit`` in the next row down are empty (the unit continues down)."""
    under = [b for b in below2 if b.start < unit.start + unit.span and unit.start < b.start + b.span]
    return bool(under) and all(b.empty for b in under)


def _by_segments(
    texts: Sequence[str], below: Sequence[Placed], below2: Optional[Sequence[Placed]]
) -> Optional[list[Placed]]:
    segments: list[tuple[bool, list[Placed]]] = []  # (is an empty continuation, cells below)
    for b in below:
        if b.empty:
            segments.append((True, [b]))
        elif segments and not segments[-1][0]:
            segments[-1][1].append(b)
        else:
            segments.append((False, [b]))
    extra = len(texts) - len(segments)
    runs = [i for i, (empty, _) in enumerate(segments) if not empty]
    if extra < 0 or (extra > 0 and len(runs) != 1):
        return None
    groups: list[list[Placed]] = []
    for empty, cells in segments:
        if not empty and extra:
            split = _split_run(cells, 1 + extra, below2)
            if split is None:
                return None
            groups.extend(split)
        else:
            groups.append(cells)
    if len(groups) != len(texts):
        return None
    return [Placed(g[0].start, g[-1].start + g[-1].span - g[0].start, t) for t, g in zip(texts, groups)]


def _merge_right(cells: list[Placed], below: Sequence[Placed]) -> list[Placed]:
    """A header row as a spreadsheet copies it, one field per grid column: an empty field right of
    a label is part of that label's merged cell when the row below has a label there."""
    filled = {c for b in below if not b.empty for c in range(b.start, b.start + b.span)}
    out: list[Placed] = []
    for cell in cells:
        if cell.empty and out and not out[-1].empty and cell.start in filled:
            last = out[-1]
            out[-1] = Placed(last.start, last.span + cell.span, last.text)
        else:
            out.append(cell)
    return out


def place_rows(rows: Sequence[Sequence[str]], figures: Figures = NO_FIGURES) -> tuple[list[list[Placed]], list[int]]:
    """Grid positions of every cell, and the 0-based rows whose spans could not be decided
    (``figures``: what a figure may carry)."""
    width = max((len(r) for r in rows), default=0)
    placed: list[list[Placed]] = [[] for _ in rows]
    ambiguous: list[int] = []
    for r in range(len(rows) - 1, -1, -1):
        texts = rows[r]
        below = placed[r + 1] if r + 1 < len(rows) else None
        below2 = placed[r + 2] if r + 2 < len(rows) else None
        result: Optional[list[Placed]] = None
        if len(texts) == width:
            result = [Placed(c, 1, t, c) for c, t in enumerate(texts)]
            if below is not None and _tail_start(texts, figures) is None:
                result = _merge_right(result, below)
        elif len(texts) == 1:
            result = [Placed(0, width, texts[0])]
        else:
            result = _label_absorbs(texts, width, figures)
            if result is None and below is not None:
                result = _one_to_one(texts, below) or _by_segments(texts, below, below2)
        if result is None:
            ambiguous.append(r)
            # A guess, so that the table still has a shape; it is never used for arithmetic.
            result = [Placed(c, 1 + (width - len(texts) if c == len(texts) - 1 else 0), t) for c, t in enumerate(texts)]
        if all(p.source < 0 for p in result):
            result = [replace(p, source=i) for i, p in enumerate(result)]
        placed[r] = result
    return placed, sorted(ambiguous)
