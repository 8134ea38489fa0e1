"""Arithmetic relations over table cells (RL-T3-002..004, RL-T4-001), broadcast per row or column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterator, Literal, Mapping

from linter.checks.arithmetic import arithmetic_params
from linter.checks.bindings import Instance, RelationCheck, cell_key, printed, term_location
from linter.checks.draft import Draft
from linter.i18n import English, Msg
from linter.checks.kind import Kind, Traits, known_table
from linter.checks.localize import Localization
from linter.checks.relations import arithmetic
from linter.recognise.report import Report
from linter.recognise.values import format_number
from linter.ruleset import expr
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet


def expected_anchor(check: RelationCheck, inst: Instance, left: expr.Evaluator, right: expr.Evaluator) -> Decimal:
    """The anchor value that would make the relation hold (the relation is linear in it), with
    the relation's sides as compiled for the table."""
    anchor = check.anchor
    values = inst.numbers

    def diff(anchor_value: Decimal) -> Decimal:
        vals = {**values, anchor: anchor_value}
        return left(vals) - right(vals)

    base = diff(values[anchor])
    slope = diff(values[anchor] + 1) - base
    if slope == 0:
        return values[anchor]
    return values[anchor] - base / slope


def _holds_corrected(
    loc: Localization,
    inst: Instance,
    left: expr.Evaluator,
    right: expr.Evaluator,
    holds: Callable[[Decimal, Decimal], bool],
) -> bool:
    """Whether the instance holds once the localization's corrections are made (blanks included)."""
    numbers = dict(inst.numbers)
    changed = False
    for name, term in inst.terms.items():
        value = None if term.previous else loc.value(cell_key(term))
        if value is not None:
            numbers[name] = Decimal(value)
            changed = True
    return changed and holds(left(numbers), right(numbers))


@dataclass(frozen=True)
class EquationParams:
    table: str
    each: Literal["row", "column", "none"]
    expr: str  # the relation, in the expression language of linter/ruleset/expr.py
    anchor: str  # the cell a finding points at
    rows: tuple[str, ...] = ()  # ``each: row``: only these rows
    params: Mapping[str, str] = field(default_factory=dict)  # message parameters


class Equation(Kind[EquationParams, RelationCheck]):
    """An arithmetic relation over a table's cells, per row, per column or once (RL-T3-002..004, RL-T4-001)."""

    Params = EquationParams
    traits = Traits(judges_table=True)

    def compile(self, params: EquationParams, ruleset: RuleSet) -> RelationCheck:
        table = ruleset.tables[known_table(ruleset, params.table)]
        try:
            relation = expr.parse_relation(params.expr)
            if params.each == "column":
                known = {r.key for r in table.rows}
            elif params.each == "row":
                known = {col.key for col in table.columns}
            else:
                known = {col.key for col in table.columns} | {r.key for r in table.rows}
            expr.check_names(relation, known, table.groups)
            if params.anchor.removeprefix(expr.PREV) not in known:
                raise expr.ExprError(f"unknown anchor '{params.anchor}'")
        except expr.ExprError as exc:
            raise ParamError("expr", English(str(exc), Msg.of("param.expr"))) from None
        return RelationCheck(
            params.table, params.each, relation, params.anchor, frozenset(params.rows), dict(params.params)
        )

    def run(self, report: Report, compiled: RelationCheck) -> Iterator[Draft]:
        return _equation(report, compiled)


def _equation(report: Report, check: RelationCheck) -> Iterator[Draft]:
    anchor = check.anchor
    arith = arithmetic(report, check.table)
    failed = arith.failures(check) if arith is not None else []
    if arith is None or not failed:
        return
    holds = expr.comparison(check.relation.op)
    left_side, right_side = arith.sides(check)
    loc = arith.localization
    explained = loc.explains(check)  # this relation is one of the localization's relations
    corrects = bool(loc.culprits or loc.unknown)  # the localization corrects cells of the table
    for table, inst, left, right in failed:
        if corrects and check.relation.op != "==" and _holds_corrected(loc, inst, left_side, right_side, holds):
            continue  # fails only because of a located wrong cell, which is reported at that cell
        anchor_term = inst.terms[anchor]
        related = tuple(term_location(report, table, t) for n, t in inst.terms.items() if n != anchor and printed(t))
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
        params: dict[str, object] = {**inst.params, "left": format_number(left), "right": format_number(right)}
        where = term_location(report, table, anchor_term)
        params.update(arithmetic_params(check, inst.terms, left_side, right_side, where))
        yield Draft(
            "violated",
            where,
            params,
            expected=expected,
            actual=actual,
            related=related,
            relation=check.relation.source,
        )
