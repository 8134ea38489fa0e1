"""报送情况: who has sent a report this year and who has not. Each body of the roster with its
files and verdicts, the missing ones, two reports of one body and year, a report of another year,
and senders the roster does not know (with the closest name). Without a roster, the bodies are
those the files name, and only duplicates and wrong years are told."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from linter.office.identity import body_key
from linter.office.roster import Roster
from linter.ruleset.facts import format_facts

if TYPE_CHECKING:
    from linter.findings import FileResult

SUBMITTED, MISSING, DUPLICATE, WRONG_YEAR = "submitted", "missing", "duplicate", "wrong_year"


@dataclass(frozen=True)
class Sent:
    path: str
    year: Optional[int]
    verdict: str


@dataclass(frozen=True)
class Row:
    name: str
    kind: Optional[str]
    parent: Optional[str]
    status: str
    files: tuple[Sent, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "status": self.status,
            "files": [{"path": f.path, "report_year": f.year, "verdict": f.verdict} for f in self.files],
        }


@dataclass(frozen=True)
class Unknown:
    path: str
    body: Optional[str]  # as the report names itself (None: no title found)
    closest: Optional[str]  # the roster's most similar name

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "body": self.body, "closest": self.closest}


@dataclass(frozen=True)
class Coverage:
    year: Optional[int]
    year_given: bool  # --year; else the most common report year
    roster: Optional[str]
    rows: tuple[Row, ...]
    unknown: tuple[Unknown, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "year_from": "option" if self.year_given else "most_common",
            "roster": self.roster,
            "counts": self.counts,
            "bodies": [r.to_dict() for r in self.rows],
            "unknown": [u.to_dict() for u in self.unknown],
        }

    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.status != SUBMITTED]


@lru_cache(maxsize=1)
def _not_the_name() -> re.Pattern[str]:
    """What a file name holds besides the body's name: a year, the title's subject words and what a
    report calls itself (rules/format.yaml), 「工作」 between them, separators."""
    facts = format_facts()
    words = sorted((*facts.title_words, *facts.report_names, *facts.report_short_names), key=len, reverse=True)
    return re.compile(r"(?:19|20)\d{2}\s*年?度?|" + "|".join(map(re.escape, words)) + r"|工作|[-_（）()\s]")


def _name_from_file(path: str) -> str:
    """A body's name as a file name may hold it (「洪泽区水利局2024年政务公开年报.doc」)."""
    return _not_the_name().sub("", Path(path).stem)


def coverage(
    results: Sequence["FileResult"],
    verdict: Callable[["FileResult"], str],
    roster: Optional[Roster] = None,
    year: Optional[int] = None,
) -> Coverage:
    years = Counter(r.report_year for r in results if r.report_year is not None)
    given = year is not None
    if year is None and years:
        top = max(years.values())
        year = max(y for y, n in years.items() if n == top)  # a tie: the latest
    sent: dict[str, list[Sent]] = {}
    names: dict[str, str] = {}
    unknown: list[Unknown] = []
    for r in results:
        if r.skipped:  # not a report (a picture, a lock file): not a body's submission
            continue
        body = r.pair_key[0] if r.pair_key is not None else None
        key: Optional[str]
        if roster is not None:
            entry = roster.find(body) if body else roster.find(_name_from_file(r.path))  # unread: the file's name
            if entry is None:
                unknown.append(Unknown(r.path, body, roster.closest(body or _name_from_file(r.path))))
                continue
            key, body = entry.key, entry.name
        else:
            key = body_key(body)
            if key is None:
                unknown.append(Unknown(r.path, None, None))
                continue
        sent.setdefault(key, []).append(Sent(r.path, r.report_year, verdict(r)))
        names.setdefault(key, body or key)
    rows: list[Row] = []
    if roster is not None:
        for b in roster.bodies:
            rows.append(_row(b.name, b.kind, b.parent, sent.get(b.key, []), year))
    else:
        for key, files in sent.items():
            rows.append(_row(names[key], None, None, files, year))
    counts = Counter(r.status for r in rows)
    summary = {
        "bodies": len(rows),
        "submitted": sum(1 for r in rows if r.files),
        MISSING: counts[MISSING],
        DUPLICATE: counts[DUPLICATE],
        WRONG_YEAR: counts[WRONG_YEAR],
        "unknown": len(unknown),
    }
    return Coverage(year, given, roster.path if roster is not None else None, tuple(rows), tuple(unknown), summary)


def _row(name: str, kind: Optional[str], parent: Optional[str], files: list[Sent], year: Optional[int]) -> Row:
    if not files:
        return Row(name, kind, parent, MISSING)
    this_year = [f for f in files if year is None or f.year == year]
    if not this_year:
        status = WRONG_YEAR
    elif len(this_year) > 1:
        status = DUPLICATE
    elif len(files) > len(this_year):
        status = WRONG_YEAR  # this year's report, and another year's sent as well
    else:
        status = SUBMITTED
    return Row(name, kind, parent, status, tuple(files))
