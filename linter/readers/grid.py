"""Build the model's table grid from cells with row and column spans (HTML, PDF and text readers).

The .docx reader has its own grid code (vMerge/gridSpan); the other readers describe a table as
rows of ``RawCell`` with ``rowspan``/``colspan`` and get the same logical grid: a merged cell is
one ``Cell`` object repeated in every slot it covers, read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from linter.i18n import Msg
from linter.errors import InputError, limit_exceeded, os_detail
from linter.config.limits import Limits
from linter.model import Block, Cell, Table

MAX_COLSPAN = 1000  # HTML's own limits (the HTML standard clamps colspan to 1000, rowspan to 65534)
MAX_ROWSPAN = 65534


@dataclass
class RawCell:
    """One physical cell as a reader found it; positions are where its text starts in the source."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    line: Optional[int] = None
    column: Optional[int] = None
    page: Optional[int] = None
    xpath: Optional[str] = None
    selector: Optional[str] = None


def build_table(
    index: int,
    rows: Sequence[Sequence[RawCell]],
    limits: Limits,
    *,
    line: Optional[int] = None,
    column: Optional[int] = None,
    page: Optional[int] = None,
    xpath: Optional[str] = None,
    selector: Optional[str] = None,
) -> Table:
    """Place cells as HTML does: each cell takes the next slot not covered by a rowspan from above."""
    if len(rows) > limits.max_table_rows:
        raise limit_exceeded(
            "max_table_rows", limits.max_table_rows, Msg.of("detail.limit.table_rows_2", n_rows=len(rows))
        )
    occupied: dict[tuple[int, int], Cell] = {}
    width = 0
    n_rows, max_cols = len(rows), limits.max_table_cols
    for r, raw_row in enumerate(rows):
        c = 0
        for p, raw in enumerate(raw_row, start=1):
            while (r, c) in occupied:
                c += 1
            colspan = max(1, min(raw.colspan, MAX_COLSPAN))
            rowspan = max(1, min(raw.rowspan, MAX_ROWSPAN, n_rows - r))
            if c + colspan > max_cols:
                raise limit_exceeded(
                    "max_table_cols",
                    limits.max_table_cols,
                    Msg.of("detail.limit.table_row_columns_wide_2", c_colspan=c + colspan),
                )
            cell = Cell(
                raw.text,
                r,
                c,
                rowspan,
                colspan,
                r + 1,
                p,
                line=raw.line,
                column=raw.column,
                page=raw.page,
                xpath=raw.xpath,
                selector=raw.selector,
            )
            if rowspan == colspan == 1:
                occupied.setdefault((r, c), cell)
            else:
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.setdefault((r + dr, c + dc), cell)
            c += colspan
            if c > width:
                width = c
        if len(occupied) > limits.max_table_cells:
            raise limit_exceeded(
                "max_table_cells",
                limits.max_table_cells,
                Msg.of("detail.limit.table_cells", n_occupied=len(occupied)),
            )
    grid = tuple(tuple([occupied.get((r, c)) for c in range(width)]) for r in range(len(rows)))
    return Table(
        index=index, rows=grid, n_cols=width, line=line, page=page, xpath=xpath, column=column, selector=selector
    )


def build_positioned(
    index: int,
    cells: Sequence[tuple[int, int, RawCell]],
    n_rows: int,
    n_cols: int,
    limits: Limits,
    *,
    page: Optional[int] = None,
) -> Table:
    """A grid from cells whose origin slot (row, col) is known (PDF: from the ruling lines); slots
    no cell covers stay None. ``phys_col`` counts the cells starting in a row, left to right."""
    if n_rows > limits.max_table_rows:
        raise limit_exceeded(
            "max_table_rows", limits.max_table_rows, Msg.of("detail.limit.table_rows_2", n_rows=n_rows)
        )
    if n_cols > limits.max_table_cols or n_rows * n_cols > limits.max_table_cells:
        raise limit_exceeded(
            "max_table_cells",
            limits.max_table_cells,
            Msg.of("detail.limit.table_x_cells_2", n_rows=n_rows, n_cols=n_cols),
        )
    occupied: dict[tuple[int, int], Cell] = {}
    counts: dict[int, int] = {}
    for r, c, raw in sorted(cells, key=lambda x: (x[0], x[1])):
        if (r, c) in occupied:
            continue
        counts[r] = counts.get(r, 0) + 1
        rowspan = max(1, min(raw.rowspan, n_rows - r))
        colspan = max(1, min(raw.colspan, n_cols - c))
        cell = Cell(
            text=raw.text,
            grid_row=r,
            grid_col=c,
            rowspan=rowspan,
            colspan=colspan,
            phys_row=r + 1,
            phys_col=counts[r],
            line=raw.line,
            column=raw.column,
            page=raw.page,
            xpath=raw.xpath,
            selector=raw.selector,
        )
        for dr in range(rowspan):
            for dc in range(colspan):
                occupied.setdefault((r + dr, c + dc), cell)
    grid = tuple(tuple(occupied.get((r, c)) for c in range(n_cols)) for r in range(n_rows))
    return Table(index=index, rows=grid, n_cols=n_cols, page=page)


def add_block(blocks: list[Block], block: Block, limits: Limits) -> None:
    """Append a block, refusing documents over ``max_blocks`` (every reader's body)."""
    blocks.append(block)
    if len(blocks) > limits.max_blocks:
        raise limit_exceeded("max_blocks", limits.max_blocks, Msg.of("detail.limit.too_many_paragraphs_and"))


def read_capped(path: Path, cap: int, limit: str, found: Msg) -> bytes:
    """A file's bytes, refusing more than ``cap`` (named ``limit`` in the error)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise InputError("RL-IO-010", os_detail(exc)) from None
    if len(data) > cap:
        raise limit_exceeded(limit, cap, found)
    return data
