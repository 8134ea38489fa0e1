"""Change table cells of a real .docx by row and column key (the way a clerk mistypes a number)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Optional

from linter.model import Cell
from linter.readers import read_document
from linter.recognise.report import recognise
from linter.ruleset.loader import builtin_ruleset
from tests.mutate import rewrite_document, set_cell_text

CellRef = tuple[str, str, str]  # (table key, row key, column key); table 4's row key is "cases"


def cells(path: Path, edition: int = 2021) -> dict[CellRef, Cell]:
    report = recognise(read_document(path), builtin_ruleset(edition))
    out: dict[CellRef, Cell] = {}
    for key in ("t3", "t4"):
        table = report.tables.get(key)
        if table is None:
            continue
        for row in table.rows:
            for col in table.spec.columns:
                cell = row.cells.get(col.key)
                if cell is not None and row.key is not None and (key, row.key, col.key) not in out:
                    out[(key, row.key, col.key)] = cell
    return out


def edit_cells(
    src: Path, dst: Path, changes: Mapping[CellRef, str], known: Optional[dict[CellRef, Cell]] = None
) -> Path:
    """A copy of ``src`` with each cell of ``changes`` holding the given text ("" empties it)."""
    found = known if known is not None else cells(src)

    def apply(root):  # type: ignore[no-untyped-def]
        for ref, text in changes.items():
            set_cell_text(root, found[ref].xpath, text)

    return rewrite_document(src, dst, apply)
