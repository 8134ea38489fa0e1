"""The one Finding type every output format is rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from linter.model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
    message: str
    location: Location
    expected: Optional[str] = None
    actual: Optional[str] = None
    related: tuple[Location, ...] = field(default_factory=tuple)
    fix: Optional[str] = None  # the value to write into the cell at ``location`` (a located wrong cell)

    def sort_key(self) -> tuple[Any, ...]:
        return (*self.location.sort_key(), self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "location": location_dict(self.location),
            "related": [location_dict(loc) for loc in self.related],
        }
        if self.fix is not None:
            out["fix"] = {"value": self.fix}
        return out


_LOCATION_KEYS = ("section", "table", "row_label", "column_label", "block", "row", "col",
                  "line", "column", "page", "text", "xpath", "selector")


def location_dict(loc: Location) -> dict[str, Any]:
    # Every field is a str, an int or None: no copying needed (dataclasses.asdict deep-copies,
    # a tenth of a batch parent's time when it writes JSON).
    return {k: getattr(loc, k) for k in _LOCATION_KEYS}
