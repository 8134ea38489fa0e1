"""What a report's tables 2–4 (``shown_tables`` of the rule files) look like, as the checking child saw them: plain values sent back
with the result, so that a report (the HTML page) can draw them without reading the file again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.model import Table
from linter.ruleset.facts import format_facts

if TYPE_CHECKING:
    from linter.recognise.report import Report


@dataclass(frozen=True)
class GridCell:
    """A cell where its (possibly merged) span starts: grid column, spans, source position, text."""

    col: int
    rowspan: int
    colspan: int
    phys_row: int
    phys_col: int
    text: str


@dataclass(frozen=True)
class Grid:
    """One physical table: per grid row, the cells that start in it, left to right."""

    block: int
    n_cols: int
    rows: tuple[tuple[GridCell, ...], ...]


@dataclass(frozen=True)
class TableView:
    """A logical table (2, 3 or 4) and the physical tables it was read from."""

    number: int
    title: str
    grids: tuple[Grid, ...]


def grid_of(table: Table) -> Grid:
    rows = tuple(
        tuple(GridCell(c.grid_col, c.rowspan, c.colspan, c.phys_row, c.phys_col, c.text) for c in table.origin_cells(r))
        for r in range(len(table.rows))
    )
    return Grid(table.index, table.n_cols, rows)


def table_views(report: "Report") -> tuple[TableView, ...]:
    out = []
    shown = format_facts().shown_tables
    for logical in sorted(report.tables.values(), key=lambda t: t.spec.number):
        if logical.spec.number not in shown:
            continue
        grids = tuple(grid_of(b) for b in (report.document.blocks[i] for i in logical.blocks) if isinstance(b, Table))
        out.append(TableView(logical.spec.number, logical.spec.title, grids))
    return tuple(out)
