"""One table from its parts on consecutive pages, as the author drew it.

Word, WPS and LibreOffice let a table row break over a page boundary by default, so the parts
are joined back:

- a part continues the previous one when it is the first thing on the next page, the previous
  one was the last thing on its page (page furniture aside; the caller checks that) and reaches
  the bottom of the page's body, and both have the same frame (left and right edges; inner
  columns may differ, e.g. table 2's blocks of four and two columns);
- header rows repeated at the top of the new part (Word's 「在各页顶端以标题行形式重复出现」) are
  dropped;
- a row broken over the boundary is one row again: the last row of one part and the first of
  the next have the same cells, no column has a value in both halves (a number is one line, so
  it lies in one half; only a label can be split), and no label of the lower half starts an item
  of its own (「5.…」: the upper row is whole, its values left blank);
- a row-spanning group label (「三、本年度办理结果」, 「（四）无法提供」) broken while the rows inside it
  are whole is one cell again: the cells at the same place above and below the boundary, one of
  them spanning several rows (or the rows on either side laid out differently, as inside a
  header's merged cells), neither holding a number, the lower one not starting a new item
  (「（五）…」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from linter.config.limits import Limits
from linter.model import Table
from linter.readers.grid import RawCell, build_positioned
from linter.readers.pdf.layout import TOL, PTable, cluster, snap

_NUMBER = re.compile(r"^[-+]?[\d,，.．]+%?$")
_ENUM_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])"
)
MAX_HEADER_ROWS = 4


@dataclass
class _Cell:
    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    page: int


def _squash(text: str) -> str:
    return "".join(text.split())


def _numeric(text: str) -> bool:
    return bool(_NUMBER.match(_squash(text)))


def continues(prev: PTable, cur: PTable, body_bottom: float) -> bool:
    """Whether ``cur`` (first on its page) continues ``prev`` (last on the page before).

    ``body_bottom`` is the lowest the document's text and tables reach on any page: the previous
    part must reach down so far that the next row would not have fitted below it (a table that
    ends half-way down its page, followed by a page break, is not continued by the next page's
    first table)."""
    if cur.page != prev.page + 1 or abs(prev.xs[0] - cur.xs[0]) > 2 * TOL or abs(prev.xs[-1] - cur.xs[-1]) > 2 * TOL:
        return False
    first_row = max(cur.ys[1] - cur.ys[0], prev.ys[-1] - prev.ys[-2])
    return body_bottom - prev.bottom < first_row + 2 * TOL


def _header_rows(first: PTable, part: PTable) -> int:
    """How many rows at the top of ``part`` repeat the first part's header rows."""

    def signature(t: PTable, k: int) -> list[tuple[int, int, int, int, str]]:
        return sorted((c.r0, min(c.r1, k), round(c.x0), round(c.x1), _squash(c.text)) for c in t.cells if c.r0 < k)

    best = 0
    for k in range(1, min(MAX_HEADER_ROWS, first.n_rows - 1, part.n_rows - 1) + 1):
        mine = signature(part, k)
        if any(c.r0 < k < c.r1 for c in part.cells):
            continue  # a cell crosses the cut: not a whole block of header rows
        theirs = signature(first, k)
        if (
            len(mine) == len(theirs)
            and all(
                a[:2] == b[:2] and abs(a[2] - b[2]) <= TOL and abs(a[3] - b[3]) <= TOL and a[4] == b[4]
                for a, b in zip(mine, theirs)
            )
            and any(s[4] and not _numeric(s[4]) for s in mine)
        ):
            best = k
    return best


def _row_broken(above: list[_Cell], below: list[_Cell]) -> bool:
    """Whether the last row above and the first row below are halves of one row."""
    if not above or not below:
        return False
    key_a = {(c.c0, c.c1): c for c in above}
    key_b = {(c.c0, c.c1): c for c in below}
    if key_a.keys() != key_b.keys():
        return False
    for k, a in key_a.items():
        b = key_b[k]
        upper, lower = _squash(a.text), _squash(b.text)
        if upper and lower and (_numeric(upper) or _numeric(lower) or _ENUM_START.match(lower)):
            return False  # a value in both halves, or the lower label starts an item of its own
    return True


def _join(cells: list[_Cell], rows: int, part: PTable, skip: int, xs: list[float]) -> int:
    """Append ``part`` (its first ``skip`` rows dropped) below ``cells``; the new row count."""
    mine = [
        _Cell(c.r0 - skip, c.r1 - skip, snap(xs, c.x0), snap(xs, c.x1), c.text, part.page)
        for c in part.cells
        if c.r0 >= skip
    ]
    above = [c for c in cells if c.r1 == rows]
    below = [c for c in mine if c.r0 == 0]
    shared = _row_broken(above, below)
    offset = rows - 1 if shared else rows
    by_place = {(c.c0, c.c1): c for c in above}
    for c in mine:
        c.r0 += offset
        c.r1 += offset
    # The rows on either side are laid out differently: the boundary falls inside a block of
    # rows (a header's merged cells), so a cell with the same place on both sides continues.
    inside = {(c.c0, c.c1) for c in below} != set(by_place)
    merged: set[int] = set()
    for c in below:
        a = by_place.get((c.c0, c.c1))
        if a is None:
            continue
        if not shared:
            spans = a.r1 - a.r0 > 1 or c.r1 - c.r0 > 1 or inside
            label = not _numeric(a.text) and not _numeric(c.text)
            if not (spans and label and _squash(a.text) and not _ENUM_START.match(_squash(c.text))):
                continue
        a.r1 = c.r1
        if _squash(c.text) and _squash(a.text):
            a.text = f"{a.text}\n{c.text}"
        elif _squash(c.text):
            a.text, a.page = c.text, c.page
        merged.add(id(c))
    cells.extend(c for c in mine if id(c) not in merged)
    return offset + part.n_rows - skip


def build_table(index: int, parts: list[PTable], limits: Limits) -> Table:
    """The model's table from its parts, in page order."""
    xs = cluster([x for p in parts for x in p.xs])
    first = parts[0]
    cells = [_Cell(c.r0, c.r1, snap(xs, c.x0), snap(xs, c.x1), c.text, first.page) for c in first.cells]
    rows = first.n_rows
    for part in parts[1:]:
        rows = _join(cells, rows, part, _header_rows(first, part), xs)
    placed = [
        (c.r0, c.c0, RawCell(c.text, rowspan=max(1, c.r1 - c.r0), colspan=max(1, c.c1 - c.c0), page=c.page))
        for c in cells
    ]
    return build_positioned(index, placed, max(1, rows), max(1, len(xs) - 1), limits, page=first.page)
