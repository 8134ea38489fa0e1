"""Format-neutral document model: what every reader produces and every rule sees."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Iterator, Mapping, NamedTuple, Optional, Union


@dataclass(frozen=True)
class Location:
    """Where a finding is, for people (labels) and for tools (physical positions).

    ``block`` is the 0-based index of the block in body order; ``row``/``col`` are the
    1-based physical row and cell of a table in the source file; ``line``/``column``
    are used by text-like inputs and ``page`` by PDF.
    """

    file: str = ""
    section: Optional[str] = None
    table: Optional[int] = None
    row_label: Optional[str] = None
    column_label: Optional[str] = None
    block: Optional[int] = None
    row: Optional[int] = None
    col: Optional[int] = None
    line: Optional[int] = None
    column: Optional[int] = None
    page: Optional[int] = None
    text: Optional[str] = None
    xpath: Optional[str] = None
    selector: Optional[str] = (
        None  # HTML: a CSS-like path to the element (``body > table:nth-of-type(2) > tr:nth-of-type(5) > td:nth-of-type(3)``)
    )

    def with_(self, **changes: object) -> "Location":
        return replace(self, **changes)  # type: ignore[arg-type]

    def sort_key(self) -> tuple[int, int, int]:
        return (
            self.block if self.block is not None else (self.line or 0),
            self.row or 0,
            self.col or 0,
        )


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph as a reader sees it: automatic numbering ``label`` plus ``text``.

    A dataclass, not a NamedTuple like Cell: its ``index`` (shared with Table, as a Block's
    number) would hide tuple.index."""

    index: int
    text: str
    label: str = ""
    style: str = ""
    outline_level: Optional[int] = None
    line: Optional[int] = None
    page: Optional[int] = None
    xpath: Optional[str] = None
    column: Optional[int] = None  # 1-based character in ``line`` where the paragraph starts (text, HTML)
    selector: Optional[str] = None

    @property
    def full_text(self) -> str:
        return self.label + self.text


class Cell(NamedTuple):
    """One logical cell: the origin of a (possibly merged) span in the table grid."""

    text: str
    grid_row: int  # 0-based row in the logical grid of its physical table
    grid_col: int  # 0-based grid column
    rowspan: int = 1
    colspan: int = 1
    phys_row: int = 1  # 1-based physical row (w:tr / <tr>) in the source table
    phys_col: int = 1  # 1-based physical cell (w:tc / <td>) in that row
    line: Optional[int] = None
    column: Optional[int] = None
    page: Optional[int] = None
    xpath: Optional[str] = None
    selector: Optional[str] = None


@dataclass(frozen=True)
class Table:
    """A physical table: a grid where ``rows[r][c]`` is the Cell covering that slot, or None."""

    index: int
    rows: tuple[tuple[Optional[Cell], ...], ...]
    n_cols: int
    line: Optional[int] = None
    page: Optional[int] = None
    xpath: Optional[str] = None
    column: Optional[int] = None
    selector: Optional[str] = None

    def origin_cells(self, r: int) -> Iterator[Cell]:
        """Cells whose span starts in row ``r``, left to right, each once."""
        return iter(self._origins[r])

    @cached_property
    def _origins(self) -> tuple[tuple[Cell, ...], ...]:
        # Computed once per table: recognition, edition detection and several rules walk the cells.
        out = []
        for r, line in enumerate(self.rows):
            seen: set[int] = set()
            row = []
            for cell in line:
                if cell is not None and cell.grid_row == r and id(cell) not in seen:
                    seen.add(id(cell))
                    row.append(cell)
            out.append(tuple(row))
        return tuple(out)

    @cached_property
    def texts(self) -> Mapping[str, Cell]:
        """Each distinct text of the table's cells -> the first cell (in row order) that holds it:
        what looks for labels in a table's cells reads each text once ("0" fills most cells)."""
        out: dict[str, Cell] = {}
        for row in self._origins:
            for cell in row:
                out.setdefault(cell.text, cell)
        return out

    def covering(self, r: int) -> Iterator[Cell]:
        """Cells that cover row ``r`` (including vertical merges from above), each once."""
        seen: set[int] = set()
        for cell in self.rows[r]:
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                yield cell


Block = Union[Paragraph, Table]


@dataclass(frozen=True)
class Notice:
    """Something the reader noticed that the user should know (e.g. unaccepted revisions).

    A reading problem (``cells-run-together``, ``ambiguous-layout``, ``undecodable-bytes``...) names
    the block and, when it is one row or cell, its 1-based physical ``row``/``col``. ``unreadable``
    marks that region as not trustworthy: findings of other rules there are dropped, so an
    extraction problem is never reported as an arithmetic error of the report (RL-PARSE-xxx say it).
    """

    code: str
    message: str
    block: Optional[int] = None
    row: Optional[int] = None
    col: Optional[int] = None
    unreadable: bool = False
    params: tuple[tuple[str, str], ...] = ()

    def covers(self, block: Optional[int], row: Optional[int], col: Optional[int]) -> bool:
        """Whether a location (block, row, col) lies inside this notice's unreadable region; an
        unreadable notice without a block covers the whole document (a garbled PDF text layer)."""
        if self.unreadable and self.block is None:
            return True
        if not self.unreadable or self.block is None or block != self.block:
            return False
        if self.row is not None and row is not None and row != self.row:
            return False
        return not (self.col is not None and col is not None and col != self.col)


@dataclass(frozen=True)
class Document:
    """A parsed report: body blocks in reading order plus metadata."""

    path: str
    format: str
    blocks: tuple[Block, ...]
    notices: tuple[Notice, ...] = field(default_factory=tuple)
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    @cached_property
    def cells(self) -> dict[tuple[int, int, int], Cell]:
        """(block, phys_row, phys_col) -> the first Cell at that physical position."""
        index: dict[tuple[int, int, int], Cell] = {}
        for table in self.tables():
            for line in table.rows:
                for cell in line:
                    if cell is not None:
                        index.setdefault((table.index, cell.phys_row, cell.phys_col), cell)
        return index
