"""The one Finding type every output format is rendered from, and a checked file's result."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from linter.model import Location
from linter.recognise.tableview import TableView

if TYPE_CHECKING:
    from linter.office.pairing import Pairing

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
        # Findings of one rule at one place keep the order the check gave (一, 二, 三 ...): the sort is stable.
        return (*self.location.sort_key(), self.rule)

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


_LOCATION_KEYS = (
    "section",
    "table",
    "row_label",
    "column_label",
    "block",
    "row",
    "col",
    "line",
    "column",
    "page",
    "text",
    "xpath",
    "selector",
)


def location_dict(loc: Location) -> dict[str, Any]:
    # Every field is a str, an int or None: no copying needed (dataclasses.asdict deep-copies,
    # a tenth of a batch parent's time when it writes JSON).
    return {k: getattr(loc, k) for k in _LOCATION_KEYS}


def fingerprint(finding: Finding) -> str:
    """What identifies a finding across edits elsewhere in the document (baselines, CI formats):
    the rule and the canonical location labels, never physical positions."""
    loc = finding.location
    parts = [finding.rule, loc.section or "", str(loc.table or ""), loc.row_label or "", loc.column_label or ""]
    if not (loc.row_label or loc.column_label):
        parts.append(finding.expected or "")  # e.g. which section is missing
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class FileError:
    code: str
    message: str
    debug: Optional[str] = None


@dataclass(frozen=True)
class FileResult:
    path: str
    format: Optional[str] = None
    edition: Optional[int] = None
    report_year: Optional[int] = None
    error: Optional[FileError] = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    previous: Optional[str] = None  # path of the previous year's report used, if any
    # Tables 2–4 as read (Options.keep_tables), for a report that draws them. Not output.
    tables: tuple[TableView, ...] = field(default=(), compare=False, repr=False)
    # (issuing body, report year): pairs one body's consecutive years in a batch. Not output.
    pair_key: Optional[tuple[str, int]] = field(default=None, compare=False, repr=False)
    # How the previous year was chosen (a batch holding another year, or --previous).
    pairing: Optional["Pairing"] = field(default=None, compare=False, repr=False)
    # A digest of tables 2–4's figures: two files with equal digests hold the same report. Not output.
    digest: Optional[str] = field(default=None, compare=False, repr=False)
    # Tables 2–4's cells as read, (table, row key, column key, text) (Options.keep_figures). Not output.
    figures: tuple[tuple[int, str, str, str], ...] = field(default=(), compare=False, repr=False)
    # Not checked, and why in ``error`` (not a report, a lock file, a special file): verdict
    # "skipped", which leaves the exit code alone.
    skipped: bool = False
