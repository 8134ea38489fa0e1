"""Arithmetic relations over table cells (RL-T3-002..004, RL-T4-001), broadcast per row or column."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterator

from linter.checks.arithmetic import arithmetic_params
from linter.checks.bindings import Instance, cell_key, printed, term_location
from linter.checks.draft import Draft
from linter.checks.localize import Localization
from linter.checks.relations import arithmetic
from linter.recognise.report import Report
from linter.recognise.values import format_number
from linter.ruleset import expr
from linter.ruleset.loader import CheckSpec, RuleSet


def expected_anchor(check: CheckSpec, inst: Instance, left: expr.Evaluator, right: expr.Evaluator) -> Decimal:
    """The anchor value that would make the relation hold (the relation is linear in it), with
    the relation's sides as compiled for the table."""
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


def check_equation(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    assert check.relation is not None
    anchor = check.params["anchor"]
    arith = arithmetic(report, check.params["table"])
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
        params = {**inst.params, "left": format_number(left), "right": format_number(right)}
        where = term_location(report, table, anchor_term)
        params.update(arithmetic_params(check, inst.terms, left_side, right_side, where))
        yield Draft("violated", where, params, expected=expected, actual=actual, related=related)
