"""A failed relation written out with its numbers, as a clerk checks it with a calculator:
「21+0+0+50+3+1289 = 1363，总计为 1362」 (RL-T3-002..007, RL-T4-001 and the wrong-cell findings)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Optional, Sequence, Union

from linter.checks.bindings import RelationCheck, Term, cell_key
from linter.i18n import Msg
from linter.model import Location
from linter.recognise.values import format_number
from linter.ruleset import expr

Number = Union[int, Fraction, Decimal]


def coefficients(left: expr.Evaluator, right: expr.Evaluator, names: Sequence[str]) -> dict[str, Number]:
    """Each name's coefficient in ``left - right`` (the relations are linear in every cell)."""
    zeros = {n: Decimal(0) for n in names}
    const = left(zeros) - right(zeros)
    out: dict[str, Number] = {}
    for n in names:
        a = left({**zeros, n: Decimal(1)}) - right({**zeros, n: Decimal(1)}) - const
        if a:
            out[n] = a
    return out


def _decimal(a: Number) -> Decimal:
    return Decimal(a.numerator) / Decimal(a.denominator) if isinstance(a, Fraction) else Decimal(a)


def _side(items: list[tuple[Number, Term]]) -> tuple[str, Decimal]:
    parts = [
        (
            format_number(term.number)
            if abs(a) == 1
            else f"{format_number(abs(_decimal(a)))}×{format_number(term.number)}"
        )
        for a, term in items
    ]
    total = sum((abs(_decimal(a)) * term.number for a, term in items), Decimal(0))
    return "+".join(parts), total


def written_out(
    terms: Mapping[str, Term], coefs: Mapping[str, Number], anchor: Optional[str], anchor_label: str
) -> Optional[Msg]:
    """「21+0+0+50+3+1289 = 1363，总计为 1362」: the side without the anchor summed, then the
    anchor's side (its label and value when it is one cell). Without an anchor in the relation
    (an inequality), both sides summed."""
    seen: set[tuple[int, int, str]] = set()
    items: list[tuple[Number, Term]] = []
    for name, a in coefs.items():
        key = cell_key(terms[name])
        if key not in seen:
            seen.add(key)
            items.append((a, terms[name]))
    if not items:
        return None
    anchor_sign = (coefs.get(anchor, 0) > 0) if anchor is not None and anchor in coefs else True
    mine = [(a, term) for a, term in items if (a > 0) == anchor_sign]
    other = [(a, term) for a, term in items if (a > 0) != anchor_sign]
    if not other:
        return None
    other_text, other_sum = _side(other)
    mine_text, mine_sum = _side(mine)
    first: object = f"{other_text} = {format_number(other_sum)}" if len(other) > 1 else other_text
    second: object
    if anchor is not None and anchor in coefs and len(mine) == 1:
        if mine[0][1].value.kind == "blank":  # said to be blank, not 0
            second = Msg.of("sum.total_blank", label=anchor_label)
        else:
            second = Msg.of("sum.total", label=anchor_label, value=format_number(mine_sum))
    elif len(mine) == 1:
        second = mine_text
    else:
        second = f"{mine_text} = {format_number(mine_sum)}"
    if anchor is None or anchor not in coefs:
        first, second = (second, first)  # an inequality: its left side first
    return Msg.of("sum.pair", first=first, second=second)


def short_label(label: Optional[str]) -> str:
    """「总计」 of 「行政复议 总计」: a table 4 column's last part (the group is said already)."""
    return (label or "").split()[-1] if label else ""


def anchor_label(check: RelationCheck, where: Location) -> str:
    """How the relation's anchor is named beside its sum: its column in a row's relation, its row
    in a column's (「总计」, 「（七）总计」)."""
    return (where.row_label or "") if check.each == "column" else short_label(where.column_label)


def arithmetic_params(
    check: RelationCheck, terms: Mapping[str, Term], left: expr.Evaluator, right: expr.Evaluator, where: Location
) -> dict[str, object]:
    """The relation written out with its numbers (message parameter ``arithmetic``)."""
    coefs = coefficients(left, right, tuple(terms))
    anchor = check.anchor
    label = anchor_label(check, where)
    return {"arithmetic": written_out(terms, coefs, anchor, label) or ""}
