"""Cell value conventions of real reports (spec §7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linter.values import parse_value


@pytest.mark.parametrize(
    ("text", "kind", "number", "unit", "sign", "count"),
    [
        ("", "blank", None, "", "", False),
        ("\u3000\u3000", "blank", None, "", "", False),
        ("0", "number", "0", "", "", True),
        (" ６４ ", "number", "64", "", "", True),
        ("3,050", "number", "3050", "", "", True),
        ("减3", "number", "-3", "", "减", False),
        ("增151", "number", "151", "", "增", False),
        ("609725.09元", "number", "609725.09", "元", "", False),
        ("24252.31", "number", "24252.31", "", "", False),
        ("1.5", "number", "1.5", "", "", False),
        ("－2", "number", "-2", "", "", False),
        ("无", "text", None, "", "", False),
        ("—", "text", None, "", "", False),
        ("/", "text", None, "", "", False),
        ("12件", "number", "12", "件", "", False),
    ],
)
def test_parse(text: str, kind: str, number: str | None, unit: str, sign: str, count: bool) -> None:
    v = parse_value(text)
    assert v.kind == kind
    assert v.number == (Decimal(number) if number is not None else None)
    assert (v.unit, v.sign_word, v.is_count) == (unit, sign, count)
