"""The arithmetic of one logical table in one report, shared by the relation, blank-cell and
wrong-cell checks: its cells as terms, each relation's sides, applications and failures, and the
error localization over its exact relations, each made on first use and once per report."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import NamedTuple, Optional
from weakref import WeakKeyDictionary, ref

from linter.checks.bindings import Grid, Instance, RelationCheck, Sides, bind, compiled_sides, term_grid
from linter.checks.localize import Figure, Localization, localize
from linter.checks.narrative import quoted_figures
from linter.recognise.report import LogicalTable, Report
from linter.ruleset import expr
from linter.ruleset.specs import RuleSet, RuleSpec


class Failure(NamedTuple):
    table: LogicalTable
    inst: Instance
    left: Decimal
    right: Decimal


class Arithmetic:
    """The relations of a report's ``table``, with last year's report and the rule set (checks are
    told apart by identity: the rule set that holds them outlives the report). It holds no
    reference to the report itself, which is kept alive only by its user."""

    def __init__(
        self, table: LogicalTable, previous: Optional[Report], ruleset: RuleSet, report: Optional["ref[Report]"] = None
    ) -> None:
        self.table = table
        self.report = report  # a weak reference: the narrative's figures, read only if needed
        self.before = previous
        self.ruleset = ruleset
        self._instances: dict[int, list[Instance]] = {}
        self._failures: dict[int, list[Failure]] = {}

    @cached_property
    def grid(self) -> Grid:
        return term_grid(self.table, False)

    @cached_property
    def previous_grid(self) -> Optional[Grid]:
        """Last year's table as terms; None without last year's report or that table in it."""
        before = self.before
        table = before.tables.get(self.table.spec.key) if before is not None else None
        return term_grid(table, True) if table is not None else None

    def sides(self, check: RelationCheck) -> Sides:
        return compiled_sides(check, self.table)

    def instances(self, check: RelationCheck) -> list[Instance]:
        """The applications of the relation (per row, per column or once) whose cells all exist."""
        found = self._instances.get(id(check))
        if found is None:
            found = self._instances[id(check)] = bind(check, self.table, self.grid, self.previous_grid)
        return found

    def failures(self, check: RelationCheck) -> list[Failure]:
        """The applications that do not hold, with their sides' values. An application with an
        invalid value is not judged (the value rule reports that value)."""
        found = self._failures.get(id(check))
        if found is None:
            found = self._failures[id(check)] = []
            holds = expr.comparison(check.relation.op)
            left_side, right_side = self.sides(check)
            for inst in self.instances(check):
                if inst.countable:
                    left, right = left_side(inst.numbers), right_side(inst.numbers)
                    if not holds(left, right):
                        found.append(Failure(self.table, inst, left, right))
        return found

    @cached_property
    def localization(self) -> Localization:
        """Which cells the table's exact relations say are wrong, and the values they force."""
        checks = exact_relations(self.ruleset, self.table.spec.key)
        applied = [self.instances(check) for _rule, check in checks]
        if all(inst.known for insts in applied for inst in insts) and not any(self.failures(c) for _r, c in checks):
            return Localization(self.table)  # the common case: every relation holds, no cell blank or unreadable
        return localize(
            self.table,
            [(rule, check, self.sides(check), insts) for (rule, check), insts in zip(checks, applied)],
            self._figures,
        )

    def _figures(self) -> list[Figure]:
        """The counts the report's narrative quotes of this table's cells (they settle which of
        several sets of cells is wrong)."""
        report = self.report() if self.report is not None else None
        return quoted_figures(report, self.ruleset, self.table.spec.key) if report is not None else []


def exact_relations(ruleset: RuleSet, table_key: str) -> list[tuple[RuleSpec, RelationCheck]]:
    """The relations error localization uses for a table: ``==`` equations of error rules on this
    year's cells only."""
    return [
        (rule, check.compiled)
        for rule in ruleset.rules
        if rule.severity == "error"
        for check in rule.checks
        if isinstance(check.compiled, RelationCheck) and check.compiled.table == table_key and check.compiled.exact
    ]


_ARITHMETIC: WeakKeyDictionary[Report, dict[str, Arithmetic]] = WeakKeyDictionary()


def arithmetic(report: Report, table_key: str) -> Optional[Arithmetic]:
    """The arithmetic of the report's table ``table_key`` (None if the report lacks the table),
    made on the first check that asks and kept while the report lives."""
    table = report.tables.get(table_key)
    if table is None:
        return None
    tables = _ARITHMETIC.get(report)
    if tables is None:
        tables = _ARITHMETIC[report] = {}
    found = tables.get(table_key)
    if found is None:
        found = tables[table_key] = Arithmetic(table, report.previous, report.ruleset, ref(report))
    return found
