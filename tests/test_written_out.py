"""A failed relation written out as a clerk checks it with a calculator: the parts summed, then the
total as printed, and a blank total said to be blank, not 0."""

from __future__ import annotations

from decimal import Decimal

from linter.checks.arithmetic import written_out
from linter.checks.bindings import Term
from linter.i18n import rendered
from linter.recognise.report import FoundRow
from linter.recognise.values import parse_value

_ROW = FoundRow("new", "一、本年新收政府信息公开申请数量", 5, 4, {})


def _term(col: str, text: str) -> Term:
    value = parse_value(text)
    return Term(_ROW, col, value, False, value.as_number(), True, value.kind != "blank")


# 总计 = 自然人 + 商业企业, as left - right: 总计 +1, the parts -1.
_COEFS = {"total": Decimal(1), "natural": Decimal(-1), "business": Decimal(-1)}


def test_a_total_is_written_with_its_value() -> None:
    terms = {"total": _term("total", "4"), "natural": _term("natural", "3"), "business": _term("business", "2")}
    msg = written_out(terms, _COEFS, "total", "总计")
    assert str(rendered(msg, "zh")) == "3+2 = 5，总计为 4"
    assert str(rendered(msg, "en")) == "3+2 = 5, 总计 is 4"


def test_a_blank_total_is_said_to_be_blank_not_zero() -> None:
    terms = {"total": _term("total", ""), "natural": _term("natural", "3"), "business": _term("business", "2")}
    msg = written_out(terms, _COEFS, "total", "总计")
    assert str(rendered(msg, "zh")) == "3+2 = 5，总计为空（按0计）"
    assert str(rendered(msg, "en")) == "3+2 = 5, 总计 is blank (counted as 0)"
