"""Arithmetic relations over table cells (RL-T3-002..004, RL-T4-001), broadcast per row or column."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, NamedTuple, Optional

from linter.ruleset import expr
from linter.checks import Draft, register
from linter.model import Location
from linter.recognise.report import FoundRow, LogicalTable, Report
from linter.ruleset.loader import CheckSpec, RuleSet
from linter.recognise.values import Value, format_number, parse_value

if TYPE_CHECKING:
    from linter.checks.localize import Localization


class Term(NamedTuple):
    """A cell bound to a name, with what the relations need of its value."""

    row: FoundRow
    col: str
    value: Value
    previous: bool  # a cell of last year's report
    number: Decimal  # the value in arithmetic (blank counts as 0)
    countable: bool  # blank or a plain count: invalid values are the value rule's business
    known: bool  # a count of its own (blank, unreadable and missing cells are unknowns to localization)


@lru_cache(maxsize=8192)
def _arithmetic(text: Optional[str]) -> tuple[Value, Decimal, bool]:
    """A cell text's value, its number in arithmetic and whether it is countable (see Term)."""
    value = parse_value(text)
    return value, value.as_number(), value.kind == "blank" or value.is_count


class Instance:
    """One application of a relation: every name bound to a cell, plus message parameters, with
    the names' values in arithmetic (blank counts as 0) and whether all are blank or plain counts
    (invalid values are the value rule's business); made while binding, in the same loop."""

    __slots__ = ("terms", "params", "numbers", "countable", "known")

    def __init__(self, terms: Mapping[str, Term], params: Mapping[str, str], numbers: dict[str, Decimal],
                 countable: bool, known: bool) -> None:
        self.terms = terms
        self.params = params
        self.numbers = numbers
        self.countable = countable
        self.known = known  # every cell is a count of its own


Sides = tuple[expr.Evaluator, expr.Evaluator]


def sides(report: Report, check: CheckSpec, table: LogicalTable) -> Sides:
    """The relation's two sides compiled for the table's groups, once per report: the relation
    rules and the error localization share them."""
    relation, groups = check.relation, table.spec.groups
    assert relation is not None
    return report.once(f"sides:{id(check)}",
                       lambda: (expr.compile_node(relation.left, groups), expr.compile_node(relation.right, groups)))


class Failure(NamedTuple):
    table: LogicalTable
    inst: Instance
    left: Decimal
    right: Decimal


def failures(report: Report, check: CheckSpec) -> list[Failure]:
    """The applications of the relation that do not hold, with their sides' values, once per report.
    An application with an invalid value is not judged (the value rule reports that value)."""
    return report.once(f"failures:{id(check)}", lambda: _failures(report, check))


def _failures(report: Report, check: CheckSpec) -> list[Failure]:
    assert check.relation is not None
    found: list[Failure] = []
    table = report.tables.get(check.params["table"])  # every application is of this table
    if table is not None:
        holds = expr.comparison(check.relation.op)
        left_side, right_side = sides(report, check, table)
        for t, inst in instances(report, check):
            if inst.countable:
                left, right = left_side(inst.numbers), right_side(inst.numbers)
                if not holds(left, right):
                    found.append(Failure(t, inst, left, right))
    return found


def instances(report: Report, check: CheckSpec) -> list[tuple[LogicalTable, Instance]]:
    """Bind the relation's names for each row / column; skip applications with missing cells.
    Memoised per report: the relation rules and the blank-cell rule share them."""
    return report.once(f"instances:{id(check)}", lambda: list(_instances(report, check)))


def _instances(report: Report, check: CheckSpec) -> Iterator[tuple[LogicalTable, Instance]]:
    table = report.tables.get(check.params["table"])
    if table is None or check.relation is None:
        return
    spec = table.spec
    names, keys, year_to_year = _names(check, spec.groups)
    previous = report.previous.tables.get(spec.key) if report.previous is not None else None
    if year_to_year and previous is None:
        return  # a year-to-year relation without last year's report: skipped
    grid = _term_grid(report, table, False)
    prev_grid = _term_grid(report, previous, True) if previous is not None else {}
    each = check.params["each"]
    only = set(check.params.get("rows", []))
    extra = dict(check.params.get("params", {}))

    def bind(found: list[Optional[Term]], params: Mapping[str, str]) -> Optional[Instance]:
        terms = [t for t in found if t is not None]
        if len(terms) != len(found):
            return None  # a cell missing: no application here
        return Instance(dict(zip(keys, terms)), params, {k: t.number for k, t in zip(keys, terms)},
                        all(t.countable for t in terms), all(t.known for t in terms))

    if each == "column":
        rows = [(prev_grid if last_year else grid).get(bare, _NO_ROW) for _n, bare, last_year in names]
        for col in spec.columns:
            key = col.key
            inst = bind([row.get(key) for row in rows], {**extra, "col": col.label})
            if inst is not None:
                yield table, inst
    elif each == "row":
        bares = [bare for _n, bare, _last_year in names]
        this_year = not any(last_year for _n, _bare, last_year in names)
        for row_key, cells in grid.items():
            if only and row_key not in only:
                continue
            if this_year:
                terms = list(map(cells.get, bares))
            else:
                before = prev_grid.get(row_key, _NO_ROW)
                terms = [(before if last_year else cells).get(bare) for _n, bare, last_year in names]
            inst = bind(terms, {**extra, "row": spec.row(row_key).label})
            if inst is not None:
                yield table, inst
    else:
        row_keys = {r.key for r in spec.rows}
        default = next(iter(grid), "")  # (no row has the key "")

        def single(bare: str, last_year: bool) -> Optional[Term]:
            source = prev_grid if last_year else grid
            return source.get(bare, _NO_ROW).get("") if bare in row_keys else source.get(default, _NO_ROW).get(bare)

        inst = bind([single(bare, last_year) for _n, bare, last_year in names], extra)
        if inst is not None:
            yield table, inst


_NO_ROW: Mapping[str, Term] = {}
_Names = tuple[list[tuple[str, str, bool]], list[str], bool]


def _names(check: CheckSpec, groups: Mapping[str, tuple[str, ...]]) -> _Names:
    """The relation's cell names with groups expanded, plus the anchor (the cell a finding points
    at, e.g. for an inequality), each as (name, name without prev:, of last year); the names; and
    whether any is of last year."""
    assert check.relation is not None
    needed = expr.terms(check.relation, groups)
    if check.params["anchor"] not in needed:
        needed.append(check.params["anchor"])
    names = [(n, n.removeprefix(expr.PREV), n.startswith(expr.PREV)) for n in needed]
    return names, needed, any(last for _n, _bare, last in names)


def _term_grid(report: Report, table: LogicalTable, previous: bool) -> dict[str, dict[str, Term]]:
    """Row key -> column key -> the cell as a Term, for the first row of each key (duplicates
    are the structure rule's business) and every column of the table (a column a row's part
    does not map is a blank cell); made once per report and table and shared by all relations:
    a table's cells appear in several."""
    return report.once(f"equation-terms:{table.spec.key}:{previous}", lambda: _terms(table, previous))


def _terms(table: LogicalTable, previous: bool) -> dict[str, dict[str, Term]]:
    grid: dict[str, dict[str, Term]] = {}
    columns = sorted(table.columns)
    for row in table.rows:
        if row.key is None or row.key in grid:
            continue
        get = row.cells.get
        terms = grid[row.key] = {}
        for col in columns:
            cell = get(col)
            value, number, countable = _arithmetic(cell.text if cell is not None else None)
            known = cell is not None and countable and value.kind != "blank"
            terms[col] = Term(row, col, value, previous, number, countable, known)
    return grid


def expected_anchor(check: CheckSpec, inst: Instance, left: expr.Evaluator, right: expr.Evaluator) -> Decimal:
    """The anchor value that would make the relation hold (the relation is linear in it), with
    the relation's sides as ``sides`` compiled them for the report."""
    anchor = check.params["anchor"]
    values = inst.numbers

    def diff(anchor_value: Decimal) -> Decimal:
        vals = {**values, anchor: anchor_value}
        return left(vals) - right(vals)

    base = diff(values[anchor])
    slope = diff(values[anchor] + 1) - base
    if slope == 0:
        return values[anchor]
    return values[anchor] - base / slope


def term_location(report: Report, table: LogicalTable, t: Term) -> Location:
    if t.previous and report.previous is not None:
        return report.previous.cell_location(report.previous.tables[table.spec.key], t.row, t.col)
    return report.cell_location(table, t.row, t.col)


def cell_key(t: Term) -> tuple[int, int, str]:
    return (t.row.block, t.row.phys_row, t.col)


def _holds_corrected(loc: "Localization", inst: Instance, left: expr.Evaluator, right: expr.Evaluator,
                     holds: Callable[[Decimal, Decimal], bool]) -> bool:
    """Whether the instance holds once the localization's corrections are made (blanks included)."""
    numbers = dict(inst.numbers)
    changed = False
    for name, term in inst.terms.items():
        value = None if term.previous else loc.value(cell_key(term))
        if value is not None:
            numbers[name] = Decimal(value)
            changed = True
    return changed and holds(left(numbers), right(numbers))


@register("equation")
def check_equation(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    from linter.checks.localize import localize

    assert check.relation is not None
    anchor = check.params["anchor"]
    failed = failures(report, check)
    if not failed:
        return
    holds = expr.comparison(check.relation.op)
    left_side, right_side = sides(report, check, failed[0].table)
    loc = localize(report, ruleset, check.params["table"])
    explained = loc.explains(check)  # this relation is one of the localization's relations
    corrects = bool(loc.culprits or loc.unknown)  # the localization corrects cells of the table
    for table, inst, left, right in failed:
        if corrects and check.relation.op != "==" and _holds_corrected(loc, inst, left_side, right_side, holds):
            continue  # fails only because of a located wrong cell, which is reported at that cell
        anchor_term = inst.terms[anchor]
        related = tuple(term_location(report, table, t) for n, t in inst.terms.items() if n != anchor)
        if check.relation.op == "==":
            if explained:  # a value only for a cell the localization corrects, never for a right one
                value = loc.value(cell_key(anchor_term))
                expected = None if value is None else str(value)
            else:
                expected = format_number(expected_anchor(check, inst, left_side, right_side))
            actual = format_number(anchor_term.number)
        else:  # an inequality: show both sides
            expected = f"{check.relation.op} {format_number(right)}"
            actual = format_number(left)
        params = {**inst.params, "left": format_number(left), "right": format_number(right)}
        yield Draft("violated", term_location(report, table, anchor_term), params,
                    expected=expected, actual=actual, related=related)
