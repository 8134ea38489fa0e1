"""Parse cell values by the format's conventions (年度报告格式, 国办公开办函〔2021〕30号): blanks, full-width digits, units, signs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional

from functools import cached_property
from linter.recognise.normalize import fold_minus, fold_traditional, nfkc_numbers, strip_spaces
from linter.ruleset.facts import format_facts

_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")


@lru_cache(maxsize=1)
def _unit() -> re.Pattern[str]:
    """A unit closing a cell's text (「609725.09元」): the format's units (rules/format.yaml)."""
    return re.compile(f"({format_facts().units_pattern})$")


@dataclass(frozen=True)
class Value:
    """A parsed cell. ``kind`` is ``blank``, ``number`` or ``text`` (not a number at all).

    ``unit`` is unit text found inside the cell (「609725.09元」), ``sign_word`` a change's word before it (「增」, 「减少」: rules/format.yaml ``changes``),
    ``thousands`` whether thousands separators were used.
    """

    raw: str
    kind: str
    number: Optional[Decimal] = None
    thousands: bool = False
    unit: str = ""
    sign_word: str = ""

    @cached_property  # values are shared (parse_value is cached), so these are computed once
    def is_integer(self) -> bool:
        return self.number is not None and self.number == self.number.to_integral_value()

    @cached_property
    def is_count(self) -> bool:
        """A plain non-negative integer, as tables 3 and 4 require (no unit, no sign word)."""
        return (
            self.kind == "number"
            and self.number is not None
            and self.number >= 0
            and self.is_integer
            and not self.unit
            and not self.sign_word
        )

    def as_number(self) -> Decimal:
        """The value in arithmetic: blank counts as 0."""
        return self.number if self.number is not None else Decimal(0)


@lru_cache(maxsize=8192)
def parse_value(text: Optional[str]) -> Value:
    raw = text or ""
    printed = strip_spaces(fold_minus(nfkc_numbers(raw))).replace("，", ",").replace("＋", "+")
    if not printed:
        return Value(raw, "blank")
    compact = fold_traditional(printed)  # 「減3」, 「152萬元」: the unit and the word as printed
    unit = ""
    m = _unit().search(compact)
    if m and m.start() > 0:
        unit, compact = printed[m.start(1) : m.end(1)], compact[: m.start()]
    sign_word = ""
    facts = format_facts()
    for word in facts.change_words:
        if compact.startswith(word) and len(compact) > len(word):
            sign = "-" if word in facts.decrease_words else ""
            sign_word, compact = printed[: len(word)], sign + compact[len(word) :]
            break
    m = _NUMBER.match(compact)
    if not m:
        return Value(raw, "text")
    try:
        number = Decimal(compact.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return Value(raw, "text")
    return Value(raw, "number", number, thousands="," in compact, unit=unit, sign_word=sign_word)


def format_number(value: Decimal) -> str:
    """Render without exponent or trailing zeros: 3050, 12.5."""
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")  # quantize() fails beyond 28 digits
    return format(value.normalize(), "f")
