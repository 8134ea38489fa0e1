"""Source positions of findings: fill page, line/column and element paths from the reader's blocks,
and tell which findings fall inside a region the reader could not read reliably.

Rules and recognition name places by block, table row and cell only; this module, run by the
engine on every finding, adds what the file format knows (PDF page, text/HTML line and column,
HTML selector), so no rule needs to know which format a report came in.
"""

from __future__ import annotations

from typing import Optional

from linter.model import Cell, Document, Location, Paragraph, Table


def _row_cell(doc: Document, table: Table, row: int) -> Optional[Cell]:
    index = doc.cells
    for col in range(1, table.n_cols + 2):
        cell = index.get((table.index, row, col))
        if cell is not None:
            return cell
    return None


def locate(doc: Document, loc: Location) -> Location:
    """``loc`` with the source positions of its block / cell filled in where still empty."""
    if loc.block is None or not 0 <= loc.block < len(doc.blocks) or (loc.file and loc.file != doc.path):
        return loc  # no block, or a place in another file (the previous year's report)
    block = doc.blocks[loc.block]
    found: dict[str, object] = {}
    if isinstance(block, Paragraph):
        found = {
            "line": block.line,
            "column": block.column,
            "page": block.page,
            "selector": block.selector,
            "xpath": block.xpath,
        }
    elif isinstance(block, Table):
        cell: Optional[Cell] = None
        if loc.row is not None and loc.col is not None:
            cell = doc.cells.get((block.index, loc.row, loc.col))
        if cell is not None:
            found = {
                "line": cell.line,
                "column": cell.column,
                "page": cell.page,
                "selector": cell.selector,
                "xpath": cell.xpath,
            }
        elif loc.row is not None and (first := _row_cell(doc, block, loc.row)) is not None:
            found = {"line": first.line, "page": first.page}
        else:
            found = {"line": block.line, "column": block.column, "page": block.page, "selector": block.selector}
    changes = {k: v for k, v in found.items() if v is not None and getattr(loc, k) is None}
    return loc.with_(**changes) if changes else loc


def unreadable(doc: Document, locs: tuple[Location, ...]) -> bool:
    """Whether any of ``locs`` lies in a region the reader marked unreadable (Notice.unreadable)."""
    regions = [n for n in doc.notices if n.unreadable]
    if not regions:
        return False
    return any(
        n.covers(loc.block, loc.row, loc.col) for loc in locs if not loc.file or loc.file == doc.path for n in regions
    )
