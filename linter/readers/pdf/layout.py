"""Table grids of one PDF page from its ruling lines, and their cells' text.

- a table is a connected set of ruling lines with at least two columns. Its column and row
  boundaries are where its vertical and horizontal rulings lie, and its frame is closed where the
  rulings end, so a last row whose bottom line was not drawn (WPS, before a page break) is still
  a row. Two neighbouring slots belong to one merged cell when no ruling separates them;
- a frame of one column is a box: text framed by lines, unless it is the part of a table that a
  page break cut off (a caption row spanning the table's width, alone at the foot of a page). The
  page's reader decides (linter.readers.pdf.reader); a box's characters stay the page's text;
- a cell's text is its characters (by their centre) read as lines (linter.readers.pdf.lines).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from linter.i18n import Msg
from linter.errors import limit_exceeded
from linter.config.limits import DEFAULT_LIMITS, Limits
from linter.readers.pdf.pdfium import Glyph, PageContent
from linter.readers.pdf.lines import cell_text

TOL = 3.0  # points: rulings closer than this are one line


@dataclass
class PCell:
    """A cell of a table part: slots [r0, r1) x [c0, c1) of the part's grid, and its box."""

    r0: int
    r1: int
    c0: int
    c1: int
    x0: float
    x1: float
    text: str = ""
    glyphs: list[Glyph] = field(default_factory=list)


@dataclass
class PTable:
    """A table as drawn on one page."""

    page: int
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    cells: list[PCell]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1


def cluster(values: list[float]) -> list[float]:
    """Values closer than TOL to the previous one merged (the first of a run kept)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def snap(bounds: list[float], v: float) -> int:
    """Index of the boundary nearest ``v``."""
    i = bisect_right(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds) or v - bounds[i - 1] <= bounds[i] - v:
        return i - 1
    return i


# ---- tables ------------------------------------------------------------------------------------


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear segments (same position within TOL) that touch or overlap joined into one."""
    if not segments:
        return []
    positions = cluster([s[0] for s in segments])
    snapped = sorted((positions[snap(positions, p)], a, b) for p, a, b in segments)
    out: list[tuple[float, float, float]] = []
    for p, a, b in snapped:
        if out and out[-1][0] == p and a <= out[-1][2] + TOL:
            if b > out[-1][2]:
                out[-1] = (p, out[-1][1], b)
            continue
        out.append((p, a, b))
    return out


def _components(
    h: list[tuple[float, float, float]], v: list[tuple[float, float, float]]
) -> list[tuple[list[int], list[int]]]:
    """Groups of crossing or touching rulings: (indexes into h, indexes into v)."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(h):
        for j, (x, top, bottom) in enumerate(v):
            if x0 - TOL <= x <= x1 + TOL and top - TOL <= y <= bottom + TOL:
                a, b = find(i), find(len(h) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(h)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(v)):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(j)
    return list(groups.values())


def _covered(spans: list[tuple[float, float]], v: float) -> bool:
    return any(a - TOL <= v <= b + TOL for a, b in spans)


def _touches(p: float, q: float, others: list[tuple[float, float, float]]) -> bool:
    """Whether the point at position ``p`` along, ``q`` across lies on one of ``others`` (rulings
    of the other direction: (position, start, end))."""
    return any(abs(o - q) <= TOL and a - TOL <= p <= b + TOL for o, a, b in others)


def _framing(
    h: list[tuple[float, float, float]], v: list[tuple[float, float, float]]
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The rulings that frame cells: both ends on a ruling of the other direction or on the
    frame's edge. A strike-through or underline inside a cell, or a change bar, is not one."""
    top, bottom = min(t for _, t, _ in v), max(b for _, _, b in v)
    v = [
        (x, t, b) for x, t, b in v if (t - top <= TOL or _touches(x, t, h)) and (bottom - b <= TOL or _touches(x, b, h))
    ]
    if not v:
        return h, v
    left, right = min(x for x, _, _ in v), max(x for x, _, _ in v)
    h = [
        (y, a, b) for y, a, b in h if (a - left <= TOL or _touches(y, a, v)) and (right - b <= TOL or _touches(y, b, v))
    ]
    return h, v


def _grid(h: list[tuple[float, float, float]], v: list[tuple[float, float, float]], page: int) -> Optional[PTable]:
    h, v = _framing(h, v)
    if len(v) < 2 or not h:
        return None
    xs = cluster([x for x, _, _ in v] + [min(x0 for _, x0, _ in h), max(x1 for _, _, x1 in h)])
    ys = cluster([y for y, _, _ in h] + [min(t for _, t, _ in v), max(b for _, _, b in v)])
    if len(xs) < 2 or len(ys) < 2:
        return None
    vsep: dict[int, list[tuple[float, float]]] = {}
    for x, top, bottom in v:
        vsep.setdefault(snap(xs, x), []).append((top, bottom))
    hsep: dict[int, list[tuple[float, float]]] = {}
    for y, x0, x1 in h:
        hsep.setdefault(snap(ys, y), []).append((x0, x1))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(vsep.get(c + 1, []), mid_y):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not _covered(hsep.get(r + 1, []), (xs[c] + xs[c + 1]) / 2):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    boxes: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            box = boxes.get(root)
            if box is None:
                boxes[root] = [r, r + 1, c, c + 1]
            else:
                box[0], box[1] = min(box[0], r), max(box[1], r + 1)
                box[2], box[3] = min(box[2], c), max(box[3], c + 1)
    cells = [PCell(r0, r1, c0, c1, xs[c0], xs[c1]) for r0, r1, c0, c1 in boxes.values()]
    cells.sort(key=lambda cell: (cell.r0, cell.c0))
    return PTable(page, xs, ys, cells)


def box_text(box: PTable, glyphs: list[Glyph]) -> None:
    """Fill a box's cells (one column) with the text of the characters inside them."""
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if box.xs[0] <= cx <= box.xs[-1] and box.ys[0] <= cy <= box.ys[-1]:
            r = min(max(bisect_right(box.ys, cy) - 1, 0), box.n_rows - 1)
            for cell in box.cells:
                if cell.r0 <= r < cell.r1:
                    cell.glyphs.append(g)
                    break
    for cell in box.cells:
        cell.text = cell_text(cell.glyphs)


def find_tables(
    content: PageContent, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[PTable], list[Glyph], list[PTable]]:
    """The page's tables (cells filled with their text), the characters outside them, and the
    page's boxes (frames of one column, their cells empty: their characters are among those
    outside the tables, see ``box_text``)."""
    h = _merge(content.hrules)
    v = _merge(content.vrules)
    if len(h) * len(v) > limits.max_table_cells:  # every pair is looked at, and may make a grid slot
        raise limit_exceeded(
            "max_table_cells",
            limits.max_table_cells,
            Msg.of("detail.pdf.page_x_ruling_lines", number=content.number, n_h=len(h), n_v=len(v)),
        )
    tables: list[PTable] = []
    boxes: list[PTable] = []
    for hi, vi in _components(h, v):
        if len(vi) < 2 or not hi:
            continue
        table = _grid([h[i] for i in hi], [v[j] for j in vi], content.number)
        if table is not None:
            (tables if len(table.xs) > 2 else boxes).append(table)
    if not tables:
        return [], content.glyphs, boxes
    tables.sort(key=lambda t: t.top)
    slots = []
    for t in tables:
        grid: list[list[Optional[PCell]]] = [[None] * (len(t.xs) - 1) for _ in range(t.n_rows)]
        for cell in t.cells:
            for r in range(cell.r0, cell.r1):
                for c in range(cell.c0, cell.c1):
                    grid[r][c] = cell
        slots.append(grid)
    outside: list[Glyph] = []
    for g in content.glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        for t, grid in zip(tables, slots):
            if t.xs[0] <= cx <= t.xs[-1] and t.ys[0] <= cy <= t.ys[-1]:
                r = min(max(bisect_right(t.ys, cy) - 1, 0), t.n_rows - 1)
                c = min(max(bisect_right(t.xs, cx) - 1, 0), len(t.xs) - 2)
                slot = grid[r][c]
                if slot is not None:
                    slot.glyphs.append(g)
                break
        else:
            outside.append(g)
    for t in tables:
        for cell in t.cells:
            cell.text = cell_text(cell.glyphs)
    return tables, outside, boxes
