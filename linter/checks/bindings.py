"""A table's relations bound to its cells: each cell as a Term, each application of a relation
(per row, per column or once) as an Instance with its names' numbers, and the relation's sides
compiled for the table's groups."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Mapping, NamedTuple, Optional
from weakref import WeakKeyDictionary

from linter.model import Location
from linter.recognise.report import FoundRow, LogicalTable, Report, collapsed_groups
from linter.recognise.values import Value, parse_value
from linter.ruleset import expr


@dataclass(frozen=True, eq=False)
class RelationCheck:
    """An equation check compiled with its rule set: the relation, the table it holds in, how it
    is applied (per row, per column or once), the cell a finding points at, and the message
    parameters of every application. Compared by identity: the per-report arithmetic keeps what
    it derives from a relation under it."""

    table: str
    each: Literal["row", "column", "none"]
    relation: expr.Relation
    anchor: str
    rows: frozenset[str]  # ``each: row``: only these rows (empty: every row)
    params: Mapping[str, str]

    @property
    def exact(self) -> bool:
        """An ``==`` relation of this year's cells only (error localization solves these)."""
        rel = self.relation
        names = [*expr.names(rel.left), *expr.names(rel.right), self.anchor]
        return rel.op == "==" and not any(n.startswith(expr.PREV) for n in names)


class Term(NamedTuple):
    """A cell bound to a name, with what the relations need of its value."""

    row: FoundRow
    col: str
    value: Value
    previous: bool  # a cell of last year's report
    number: Decimal  # the value in arithmetic (blank counts as 0)
    countable: bool  # blank or a plain count: invalid values are the value rule's business
    known: bool  # a count of its own (blank, unreadable and missing cells are unknowns to localization)


class Instance:
    """One application of a relation: every name bound to a cell, plus message parameters, with
    the names' values in arithmetic (blank counts as 0) and whether all are blank or plain counts
    (invalid values are the value rule's business); made while binding, in the same loop."""

    __slots__ = ("terms", "params", "numbers", "countable", "known")

    def __init__(
        self,
        terms: Mapping[str, Term],
        params: Mapping[str, str],
        numbers: dict[str, Decimal],
        countable: bool,
        known: bool,
    ) -> None:
        self.terms = terms
        self.params = params
        self.numbers = numbers
        self.countable = countable
        self.known = known  # every cell is a count of its own


Sides = tuple[expr.Evaluator, expr.Evaluator]
Grid = dict[str, dict[str, Term]]  # row key -> column key -> the cell


def compiled_sides(check: RelationCheck, table: LogicalTable) -> Sides:
    """The relation's two sides compiled for the table's groups."""
    return _compiled(check, table.spec.groups).sides


class _Compiled(NamedTuple):
    sides: Sides
    names: "_Names"


def _compiled(check: RelationCheck, groups: Mapping[str, tuple[str, ...]]) -> _Compiled:
    """What a relation derives from its table's groups, once per check and process, on first use:
    kept beside the check, not in it (the sides are closures, which a rule set sent to a checking
    child could not carry)."""
    found = _COMPILED.get(check)
    if found is None:
        relation = check.relation
        sides = expr.compile_node(relation.left, groups), expr.compile_node(relation.right, groups)
        found = _COMPILED[check] = _Compiled(sides, _names(check, groups))
    return found


_COMPILED: WeakKeyDictionary[RelationCheck, _Compiled] = WeakKeyDictionary()


def term_grid(table: LogicalTable, previous: bool) -> Grid:
    """Row key -> column key -> the cell as a Term, for the first row of each key (duplicates
    are the structure rule's business) and every column of the table (a column a row's part
    does not map is a blank cell)."""
    grid: Grid = {}
    columns = sorted(table.columns)
    signed = {c.key for c in table.spec.columns if c.value == "signed"}  # 「本年增/减」: 「增6」, 「-3」
    for row in table.rows:
        if row.key is None or row.key in grid or row.unplaced is not None:
            continue  # a row whose figures are unplaced: its relations are not applied
        get = row.cells.get
        terms = grid[row.key] = {}
        for col in columns:
            cell = get(col)
            value = parse_value(cell.text if cell is not None else None)
            number, countable = value.as_number(), value.kind == "blank" or value.is_count
            if col in signed and value.kind == "number" and value.is_integer and not value.unit:
                countable = True
            known = cell is not None and countable and value.kind != "blank"
            terms[col] = Term(row, col, value, previous, number, countable, known)
    zero = parse_value("0")
    for row, members in collapsed_groups(table):
        # The 2019 layout of a group the format splits (（六）其他处理 as one row): the row stands
        # for the group, its figures for the first member and zeros for the others, so the
        # column sums still hold or fail as printed.
        first, *others = members
        grid[first] = {}
        for col in columns:
            cell = row.cells.get(col)
            value = parse_value(cell.text if cell is not None else None)
            countable = value.kind == "blank" or value.is_count
            grid[first][col] = Term(
                row,
                col,
                value,
                previous,
                value.as_number(),
                countable,
                cell is not None and countable and value.kind != "blank",
            )
        for n, member in enumerate(others, start=1):
            # A cell of its own to localization (never printed, so never the one to correct).
            stand_in = FoundRow(member, row.text, row.block, -n, {})
            grid[member] = {col: Term(stand_in, col, zero, previous, zero.as_number(), True, True) for col in columns}
    return grid


def bind(check: RelationCheck, table: LogicalTable, grid: Grid, prev_grid: Optional[Grid]) -> list[Instance]:
    """Bind the relation's names for each row / column of ``table`` (``grid``; ``prev_grid``: last
    year's, None without last year's report); skip applications with missing cells."""
    spec = table.spec
    names, keys, year_to_year = _compiled(check, spec.groups).names
    if year_to_year and prev_grid is None:
        return []  # a year-to-year relation without last year's report: skipped
    before_grid = prev_grid or {}
    each = check.each
    only = check.rows
    extra = dict(check.params)
    out: list[Instance] = []

    def add(found: list[Optional[Term]], params: Mapping[str, str]) -> None:
        terms = [t for t in found if t is not None]
        if len(terms) != len(found):
            return  # a cell missing: no application here
        out.append(
            Instance(
                dict(zip(keys, terms)),
                params,
                {k: t.number for k, t in zip(keys, terms)},
                all(t.countable for t in terms),
                all(t.known for t in terms),
            )
        )

    if each == "column":
        rows = [(before_grid if last_year else grid).get(bare, _NO_ROW) for _n, bare, last_year in names]
        for col in spec.columns:
            add([row.get(col.key) for row in rows], {**extra, "col": col.label})
    elif each == "row":
        bares = [bare for _n, bare, _last_year in names]
        this_year = not any(last_year for _n, _bare, last_year in names)
        for row_key, cells in grid.items():
            if only and row_key not in only:
                continue
            if this_year:
                terms = list(map(cells.get, bares))
            else:
                before = before_grid.get(row_key, _NO_ROW)
                terms = [(before if last_year else cells).get(bare) for _n, bare, last_year in names]
            first = next(iter(cells.values()), None)
            printed = first.row.text if first is not None and first.row.key != row_key else spec.row(row_key).label
            add(terms, {**extra, "row": printed})
    else:
        row_keys = {r.key for r in spec.rows}
        default = next(iter(grid), "")  # (no row has the key "")

        def single(bare: str, last_year: bool) -> Optional[Term]:
            source = before_grid if last_year else grid
            return source.get(bare, _NO_ROW).get("") if bare in row_keys else source.get(default, _NO_ROW).get(bare)

        add([single(bare, last_year) for _n, bare, last_year in names], extra)
    return out


_NO_ROW: Mapping[str, Term] = {}
_Names = tuple[list[tuple[str, str, bool]], list[str], bool]


def _names(check: RelationCheck, groups: Mapping[str, tuple[str, ...]]) -> _Names:
    """The relation's cell names with groups expanded, plus the anchor (the cell a finding points
    at, e.g. for an inequality), each as (name, name without prev:, of last year); the names; and
    whether any is of last year."""
    needed = expr.terms(check.relation, groups)
    if check.anchor not in needed:
        needed.append(check.anchor)
    names = [(n, n.removeprefix(expr.PREV), n.startswith(expr.PREV)) for n in needed]
    return names, needed, any(last for _n, _bare, last in names)


def printed(t: Term) -> bool:
    """Whether a term is a cell of the report: a stand-in for a member of a group printed as one row
    (a negative physical row) is not."""
    return t.row.phys_row > 0


def term_location(report: Report, table: LogicalTable, t: Term) -> Location:
    if t.previous and report.previous is not None:
        return report.previous.cell_location(report.previous.tables[table.spec.key], t.row, t.col)
    return report.cell_location(table, t.row, t.col)


def cell_key(t: Term) -> tuple[int, int, str]:
    return (t.row.block, t.row.phys_row, t.col)
