"""A rule's examples: each a report excerpt with the findings the rule gives on it (none for a
passing example). ``tests/test_rule_cases.py`` checks every one; the docs show what each is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional


@dataclass(frozen=True)
class ExpectedFinding:
    """A finding a rule gives on an example: its message variant and where, by the format's labels."""

    variant: str
    section: Optional[str] = None
    table: Optional[int] = None
    row: Optional[str] = None
    column: Optional[str] = None
    expected: Optional[str] = None
    actual: Optional[str] = None


@dataclass(frozen=True)
class RuleCase:
    """One example of a rule: ``outcome`` is ``pass`` or ``fail``; ``report`` the text of the
    report (tables as tab-separated lines, read by the text reader) in a file named ``file``;
    ``previous`` last year's report, when the rule compares two years. The extension of ``file``
    chooses the reader (``.html`` for a web page)."""

    outcome: str
    about: str
    report: Optional[str]
    file: str = "report.txt"
    previous: Optional[str] = None
    findings: tuple[ExpectedFinding, ...] = field(default_factory=tuple)
    fixture: Optional[str] = None  # instead of ``report``: a file under fixtures/ (its bytes matter)


def _case(outcome: str, raw: Mapping[str, Any]) -> RuleCase:
    return RuleCase(
        outcome,
        raw["about"],
        raw.get("report"),
        raw.get("file", "report.txt"),
        raw.get("previous"),
        tuple(
            ExpectedFinding(
                f["variant"],
                f.get("section"),
                f.get("table"),
                f.get("row"),
                f.get("column"),
                None if f.get("expected") is None else str(f["expected"]),
                None if f.get("actual") is None else str(f["actual"]),
            )
            for f in raw.get("findings", ())
        ),
        raw.get("fixture"),
    )


def compile_examples(raw: Mapping[str, Any]) -> tuple[dict[str, str], tuple[RuleCase, ...]]:
    """A rule's ``examples:``: what its passing and failing examples are about (for the docs), and
    the cases. An example written as prose only (an organisation's rule file may) is no case."""
    about: dict[str, str] = {}
    cases: list[RuleCase] = []
    for outcome in ("pass", "fail"):
        value = raw[outcome]
        if isinstance(value, str):
            about[outcome] = value
            continue
        found = [_case(outcome, c) for c in value]
        about[outcome] = "；".join(c.about.rstrip("。；") if len(found) > 1 else c.about for c in found)
        cases += found
    return about, tuple(cases)
