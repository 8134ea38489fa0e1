"""Rows of a Word binary table to the model's grid: cell edges from sprmTDefTable, vertical merges
from its cell flags and sprmTVertMerge, horizontal merges from the old merge flags."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from linter.i18n import Msg
from linter.config.limits import Limits
from linter.errors import limit_exceeded
from linter.model import Cell, Table
from linter.readers.doc.binary import SPRM_TDEFTABLE

SPRM_T_VERTMERGE = 0xD62B
EDGE_TOLERANCE = 3  # twips: edges this close are one grid line (Word rounds widths)
VERT_CONTINUE, VERT_RESTART = 1, 3


@dataclass
class RowDef:
    """One row's cell edges (twips) and merge flags, from its row-end paragraph's properties."""

    edges: list[int] = field(default_factory=list)
    vert: dict[int, int] = field(default_factory=dict)  # cell -> vertMerge (1 continue, 3 restart)
    horz: dict[int, int] = field(default_factory=dict)  # cell -> horzMerge (1 first, 2/3 merged)


def row_def(ops: list[tuple[int, bytes]]) -> RowDef:
    """A row's definition from its row-end paragraph's table properties (sprm, operand), in order."""
    out = RowDef()
    for sprm, op in ops:
        if sprm == SPRM_TDEFTABLE and op:
            n = op[0]
            if len(op) < 1 + 2 * (n + 1):
                continue
            out.edges = [int.from_bytes(op[1 + 2 * i : 3 + 2 * i], "little", signed=True) for i in range(n + 1)]
            base = 1 + 2 * (n + 1)
            out.vert, out.horz = {}, {}
            for i in range(n):
                at = base + 20 * i
                if at + 2 > len(op):
                    break
                flags = op[at] | op[at + 1] << 8
                if flags & 0x03:
                    out.horz[i] = flags & 0x03
                if (flags >> 5) & 0x03:
                    out.vert[i] = (flags >> 5) & 0x03
        elif sprm == SPRM_T_VERTMERGE and len(op) >= 2:
            if op[1]:
                out.vert[op[0]] = op[1]
            else:
                out.vert.pop(op[0], None)
    return out


def _grid_lines(rows: list[tuple[list[str], RowDef]]) -> list[int]:
    edges = sorted({e for _cells, d in rows for e in _row_edges(len(_cells), d)})
    lines: list[int] = []
    for e in edges:
        if not lines or e - lines[-1] > EDGE_TOLERANCE:
            lines.append(e)
    return lines


def _row_edges(n_cells: int, d: RowDef) -> list[int]:
    """``n_cells + 1`` edges: the row's own, extended by unit steps when its text has more cells."""
    edges = list(d.edges[: n_cells + 1]) or [0]
    while len(edges) < n_cells + 1:
        edges.append(edges[-1] + 1)
    return edges


def build(index: int, rows: list[tuple[list[str], RowDef]], limits: Limits) -> Table:
    """The grid of a table whose rows are (cell texts, row definition)."""
    if len(rows) > limits.max_table_rows:
        raise limit_exceeded(
            "max_table_rows", limits.max_table_rows, Msg.of("detail.limit.table_rows", n_rows=len(rows))
        )
    lines = _grid_lines(rows)
    width = max(1, len(lines) - 1)
    if width > limits.max_table_cols:
        raise limit_exceeded(
            "max_table_cols", limits.max_table_cols, Msg.of("detail.limit.table_row_columns_wide", width=width)
        )
    if len(rows) * width > limits.max_table_cells:
        raise limit_exceeded(
            "max_table_cells",
            limits.max_table_cells,
            Msg.of("detail.limit.table_x_cells", n_rows=len(rows), width=width),
        )

    def col_of(x: int) -> int:
        i = bisect.bisect_left(lines, x - EDGE_TOLERANCE)
        return min(i, width)

    slots: list[list[Optional[Cell]]] = []
    grown: dict[int, list] = {}  # id(origin) -> [origin, rowspan, colspan]
    for r, (cells, d) in enumerate(rows):
        line: list[Optional[Cell]] = [None] * width
        edges = _row_edges(len(cells), d)
        previous: Optional[Cell] = None
        for phys, text in enumerate(cells, 1):
            left, right = col_of(edges[phys - 1]), col_of(edges[phys])
            right = max(right, left + 1)
            if left >= width:
                continue
            right = min(right, width)
            span = right - left
            horz, vert = d.horz.get(phys - 1, 0), d.vert.get(phys - 1, 0)
            if horz >= 2 and previous is not None:
                spans = grown.setdefault(id(previous), [previous, previous.rowspan, previous.colspan])
                spans[2] += span
                for c in range(left, right):
                    line[c] = previous
                continue
            if vert == VERT_CONTINUE and r > 0:
                above = slots[r - 1][left]
                if above is not None:
                    spans = grown.setdefault(id(above), [above, above.rowspan, above.colspan])
                    if above.grid_row + spans[1] == r:
                        spans[1] += 1
                    for c in range(left, right):
                        line[c] = above
                    previous = None
                    continue
            cell = Cell(text, r, left, 1, span, r + 1, phys)
            for c in range(left, right):
                line[c] = cell
            previous = cell
        slots.append(line)
    final = {
        key: o._replace(rowspan=rs, colspan=cs)
        for key, (o, rs, cs) in grown.items()
        if (rs, cs) != (o.rowspan, o.colspan)
    }
    if final:
        slots = [[final.get(id(c), c) if c is not None else None for c in line] for line in slots]
    return Table(index=index, rows=tuple(tuple(line) for line in slots), n_cols=width)
