"""Error localization in the Fellegi–Holt sense for a table's arithmetic relations.

The exact relations of a table (the rule set's ``==`` equations of error severity that use this
year's cells only) are a system of linear equations over its cells. Blank cells, and cells whose
text is not a count, are unknowns. The printed values fail some relations; the question is which
cells to change, as few as possible, so that every relation holds with non-negative integers.

The search tries no change (only the unknowns are solved for), then each single cell of a failed
relation, then each pair of them; it stops at the first size that has a solution. A pair must meet
every failed relation that holds no unknown (a relation none of whose cells changes stays failed),
which leaves few pairs to solve. Beyond two changed cells, past ``MAX_SOLVES`` systems, or at pairs
when more than ``MAX_UNKNOWN_FOR_PAIRS`` cells are blank, the search gives up: the group is
"beyond" and no cell is blamed. See docs/localization.md.

Each candidate set is solved exactly (fractions, sparse Gaussian elimination). A cell's value is
*determined* when every solution gives it the same value; only determined values are offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import Callable, Iterable, Mapping, Optional, Union

from linter.checks.bindings import Instance, RelationCheck, Sides, Term, cell_key
from linter.ruleset import expr
from linter.recognise.report import LogicalTable
from linter.ruleset.specs import RuleSpec

CellKey = tuple[int, int, str]  # (block, physical row, column key), as bindings.cell_key
MAX_CHANGED = 2  # the largest set of wrong cells searched for
MAX_SOLVES = 500  # systems solved per group of relations at most (pairs of a badly broken table)
MAX_UNKNOWN_FOR_PAIRS = 30  # more blank cells than this: single wrong cells only (each system is large)

# Numbers are exact: Python ints while they are whole (the counts and the relations' coefficients
# always are), Fractions only where a division leaves a remainder; ints are many times faster.
Exact = Union[int, Fraction]


@dataclass(frozen=True)
class Equation:
    """One application of a relation, as ``sum(coefs[k] * x[k]) + const == 0``."""

    rule: RuleSpec
    check: RelationCheck
    terms: Mapping[str, Term]  # the instance's names -> cells (for locations and messages)
    params: dict[str, str]
    coefs: dict[CellKey, Exact]
    const: Exact
    anchor: CellKey


@dataclass
class Part:
    """The localization of one group of relations that share cells (table 4's three groups are
    three parts; table 3 is one). ``status``: ``consistent`` (every relation holds once the
    unknowns are solved for), ``unique`` (one smallest set of wrong cells), ``several`` (more than
    one) or ``beyond`` (none within the search's limits)."""

    equations: list[Equation]
    failed: list[Equation]
    unknown: frozenset[CellKey]
    status: str = "consistent"
    sets: list[frozenset[CellKey]] = field(default_factory=list)  # the smallest sets of wrong cells
    values: dict[CellKey, Exact] = field(default_factory=dict)  # determined values (consistent/unique)
    options: dict[frozenset[CellKey], dict[CellKey, Exact]] = field(default_factory=dict)  # each set's values


@dataclass
class Localization:
    """What the relations of one table say about its cells, part by part."""

    table: LogicalTable
    terms: dict[CellKey, Term] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    @property
    def unknown(self) -> frozenset[CellKey]:
        return frozenset().union(*(p.unknown for p in self.parts))

    @property
    def failed(self) -> list[Equation]:
        return [eq for p in self.parts for eq in p.failed]

    @property
    def culprits(self) -> frozenset[CellKey]:
        return frozenset().union(*(p.sets[0] for p in self.parts if p.status == "unique"))

    @property
    def candidates(self) -> frozenset[CellKey]:
        return frozenset().union(*(s for p in self.parts if p.status == "several" for s in p.sets))

    def status(self) -> str:
        """The table's overall status: the least conclusive of its parts' (``none`` without relations)."""
        if not self.parts:
            return "none"
        order = ("consistent", "unique", "several", "beyond")
        return max((p.status for p in self.parts), key=order.index)

    def value(self, key: CellKey) -> Optional[int]:
        """The determined value of a wrong or unknown cell, as an integer, else None."""
        for p in self.parts:
            v = p.values.get(key)
            if v is not None:
                return int(v) if v.denominator == 1 and v >= 0 else None
        return None

    def failed_with(self, key: CellKey) -> list[Equation]:
        return [eq for eq in self.failed if key in eq.coefs]

    def explains(self, check: RelationCheck) -> bool:
        return any(eq.check is check for eq in self.equations)


# A count the narrative quotes: the cells (block, row, column key) it sums, and the figure.
Figure = tuple[tuple[CellKey, ...], Decimal]


def localize(
    table: LogicalTable,
    relations: list[tuple[RuleSpec, RelationCheck, Sides, list[Instance]]],
    figures: Optional[Callable[[], list[Figure]]] = None,
) -> Localization:
    """The localization of a table's exact relations, each with its sides compiled for the table
    and its applications (linter.checks.relations makes them once per report). ``figures``: the
    counts the narrative quotes of the table's cells, asked for only when several sets of cells
    could be wrong (they settle it, see _settle)."""
    out = Localization(table)
    for rule, check, (left, right), insts in relations:
        rel = _Relation(check, left, right)
        for inst in insts:
            out.equations.append(rel.equation(rule, inst))
            for t in inst.terms.values():
                out.terms.setdefault(cell_key(t), t)
    unknown = frozenset(k for k, t in out.terms.items() if not t.known)
    printed = {k: _exact(t.number) for k, t in out.terms.items() if k not in unknown}
    quoted: Optional[list[Figure]] = None
    for group in _connected(out.equations):
        cells = {k for eq in group for k in eq.coefs}
        part = _search(group, unknown & cells, printed)
        if part.status == "several" and figures is not None:
            if quoted is None:
                quoted = figures()
            _settle(part, [f for f in quoted if set(f[0]) <= cells], printed)
        out.parts.append(part)
    return out


def _settle(part: Part, figures: list[Figure], printed: dict[CellKey, Exact]) -> None:
    """Several sets of wrong cells are possible; the narrative's figures of the part's cells (「行政复议
    结果维持72件，纠正64件……」) settle it when exactly one set's correction agrees with all of them."""
    if not figures:
        return

    def agrees(changed: frozenset[CellKey], values: dict[CellKey, Exact]) -> bool:
        for keys, figure in figures:
            if any(k not in values and (k in changed or k in part.unknown) for k in keys):
                return False  # a cell the relations leave open: no evidence either way
            if sum((values[k] if k in values else printed[k] for k in keys), Fraction(0)) != figure:
                return False
        return True

    fitting = [s for s in part.sets if s in part.options and agrees(s, part.options[s])]
    if len(fitting) == 1:
        part.status, part.sets, part.values = "unique", fitting, part.options[fitting[0]]


def _connected(equations: list[Equation]) -> list[list[Equation]]:
    """The relations in groups that share cells (a union-find over cells)."""
    parent: dict[CellKey, CellKey] = {}

    def root(k: CellKey) -> CellKey:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for eq in equations:
        keys = list(eq.coefs)
        if keys:
            first = root(keys[0])
            for k in keys[1:]:
                parent[root(k)] = first
    groups: dict[Optional[CellKey], list[Equation]] = {}
    for eq in equations:
        groups.setdefault(root(next(iter(eq.coefs))) if eq.coefs else None, []).append(eq)
    return list(groups.values())


def _search(equations: list[Equation], unknown: frozenset[CellKey], printed: dict[CellKey, Exact]) -> Part:
    zero: dict[CellKey, Exact] = {**printed, **dict.fromkeys(unknown, 0)}  # a relation's cells: printed, or unknown
    residuals = [_residual(eq, zero) for eq in equations]
    part = Part(equations, [eq for eq, r in zip(equations, residuals) if r != 0], unknown)
    if not part.failed and not unknown:
        return part
    solver = _Solver(equations, printed, residuals)
    base = solver.solve(unknown)
    if base is not None:
        part.values = base
        anchors = unknown & {eq.anchor for eq in equations}
        if anchors - base.keys():
            # Left open by blank parts (a row's 总计 and two of its cells blank): blank parts count
            # as 0, as the blank-cell rule says, and a blank total takes what its relations force.
            forced = solver.solve(anchors)
            if forced is not None:
                part.values = {**forced, **base}
        return part
    pool = list(dict.fromkeys(k for eq in part.failed for k in eq.coefs if k not in unknown))
    strict = [frozenset(eq.coefs) for eq in part.failed if not unknown & eq.coefs.keys()]
    solutions: list[tuple[frozenset[CellKey], dict[CellKey, Exact]]] = []
    largest = MAX_CHANGED if len(unknown) <= MAX_UNKNOWN_FOR_PAIRS else 1
    for size in range(1, largest + 1):
        for combo in combinations(pool, size):
            if not all(any(k in keys for k in combo) for keys in strict):
                continue  # a failed relation none of whose cells changes stays failed
            if solver.solves > MAX_SOLVES:
                part.status = "beyond"
                return part
            solved = solver.solve(unknown | set(combo))
            if solved is not None:
                solutions.append((frozenset(combo), solved))
        if solutions:
            break
    if not solutions:
        part.status = "beyond"
    elif len(solutions) == 1:
        part.status, part.sets, part.values = "unique", [solutions[0][0]], solutions[0][1]
    else:
        part.status, part.sets = "several", [s for s, _ in solutions]
        part.options = dict(solutions)
    return part


class _Relation:
    """A relation compiled for a table's groups, and its coefficients (it is linear in every cell):
    ``sum(coefs[name] * name) + const == 0``, derived on first use."""

    def __init__(self, check: RelationCheck, left: expr.Evaluator, right: expr.Evaluator) -> None:
        self.check = check
        self.left, self.right = left, right
        self._coefs: Optional[tuple[dict[str, Exact], Exact]] = None

    def coefficients(self, names: tuple[str, ...]) -> tuple[dict[str, Exact], Exact]:
        if self._coefs is None:
            zeros = {n: Decimal(0) for n in names}
            const = self.left(zeros) - self.right(zeros)
            coefs = {}
            for n in names:
                one = {**zeros, n: Decimal(1)}
                a = self.left(one) - self.right(one) - const
                if a:
                    coefs[n] = _exact(a)
            self._coefs = coefs, _exact(const)
        return self._coefs

    def equation(self, rule: RuleSpec, inst: Instance) -> Equation:
        terms = inst.terms
        by_name, const = self.coefficients(tuple(terms))
        coefs: dict[CellKey, Exact] = {}
        for n, a in by_name.items():
            key = cell_key(terms[n])
            coefs[key] = coefs.get(key, 0) + a
        coefs = {k: a for k, a in coefs.items() if a}
        return Equation(rule, self.check, terms, dict(inst.params), coefs, const, cell_key(terms[self.check.anchor]))


def _exact(value: Decimal) -> Exact:
    whole = int(value)
    return whole if whole == value else Fraction(value)


def _divide(a: Exact, b: Exact) -> Exact:
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return Fraction(a, b)


def _residual(eq: Equation, values: dict[CellKey, Exact]) -> Exact:
    return sum((a * values[k] for k, a in eq.coefs.items()), eq.const)


class _Solver:
    """Solves the relations for a set of free cells, the others fixed at their printed values."""

    def __init__(self, equations: list[Equation], printed: dict[CellKey, Exact], residuals: list[Exact]) -> None:
        self.equations = equations
        self.printed = printed
        self.solves = 0
        # Each relation's residual with every cell at its printed value (a blank at 0): a relation
        # none of whose cells is free must already hold, and one that has free cells starts from it.
        self.residuals = residuals
        self.failed = frozenset(i for i, r in enumerate(self.residuals) if r != 0)
        self.by_cell: dict[CellKey, list[int]] = {}  # the relations each cell enters
        for i, eq in enumerate(equations):
            for k in eq.coefs:
                self.by_cell.setdefault(k, []).append(i)

    def solve(self, free: Iterable[CellKey]) -> Optional[dict[CellKey, Exact]]:
        """The determined values of the free cells if the relations can hold with non-negative
        integers, else None. An undetermined cell (one of a family of solutions) has no value and
        is not tested: the set is taken as possible. Erring that way only makes an answer less
        specific (more candidate sets), never a wrong value."""
        self.solves += 1
        free = set(free)
        pivots: dict[CellKey, tuple[dict[CellKey, Exact], Exact]] = {}  # var = rhs - sum(row * others)
        entered = sorted({i for k in free for i in self.by_cell.get(k, ())})
        if not self.failed.issubset(entered):
            return None  # a failed relation no free cell can mend
        for i in entered:  # the others hold with their printed values and enter no pivot
            eq = self.equations[i]
            touched = [k for k in eq.coefs if k in free]
            row: dict[CellKey, Exact] = {}
            rhs = -self.residuals[i]
            for k in touched:
                a = eq.coefs[k]
                row[k] = a
                rhs += a * self.printed.get(k, 0)
            # reduce by the pivots found so far (their rows hold non-pivot cells only)
            for k in [k for k in row if k in pivots]:
                a = row.pop(k)
                prow, prhs = pivots[k]
                rhs -= a * prhs
                for j, b in prow.items():
                    row[j] = row.get(j, 0) - a * b
            row = {k: a for k, a in row.items() if a}
            if not row:
                if rhs != 0:
                    return None
                continue
            var = next(iter(row))
            a = row.pop(var)
            new = ({k: _divide(b, a) for k, b in row.items()}, _divide(rhs, a))
            for k, (prow, prhs) in list(pivots.items()):  # keep the pivot rows fully reduced
                c = prow.get(var)
                if c:
                    merged = {j: b for j, b in prow.items() if j != var}
                    for j, b in new[0].items():
                        merged[j] = merged.get(j, 0) - c * b
                    pivots[k] = ({j: b for j, b in merged.items() if b}, prhs - c * new[1])
            pivots[var] = new
        values: dict[CellKey, Exact] = {}
        for var, (prow, prhs) in pivots.items():
            if prow:
                continue  # undetermined: accepted (see above)
            if prhs < 0 or prhs.denominator != 1:
                return None
            values[var] = prhs
        return values
