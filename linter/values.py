"""Parse cell values by the format's conventions (spec §7): blanks, full-width digits, units, signs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from linter.normalize import fold_minus, nfkc_numbers, strip_spaces

_NUMBER = re.compile(r"^([+-]?)(\d+(?:,\d{3})*|\d+)(\.\d+)?$")


@dataclass(frozen=True)
class Value:
    """A parsed cell. ``kind`` is ``blank``, ``number`` or ``text`` (not a number at all)."""

    raw: str
    kind: str
    number: Optional[Decimal] = None
    thousands: bool = False

    @property
    def is_count(self) -> bool:
        """A non-negative integer, as tables 3 and 4 require."""
        return self.kind == "number" and self.number is not None and self.number >= 0 and self.number == self.number.to_integral_value()

    def as_number(self) -> Decimal:
        """The value in arithmetic: blank counts as 0."""
        return self.number if self.number is not None else Decimal(0)


def parse_value(text: Optional[str]) -> Value:
    raw = text or ""
    compact = strip_spaces(fold_minus(nfkc_numbers(raw)))
    if not compact:
        return Value(raw, "blank")
    m = _NUMBER.match(compact)
    if not m:
        return Value(raw, "text")
    try:
        number = Decimal(compact.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return Value(raw, "text")
    return Value(raw, "number", number, thousands="," in compact)


def format_number(value: Decimal) -> str:
    """Render without exponent or trailing zeros: 3050, 12.5."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
