"""The area roll-up: tables 2–4 of a parent body's children summed cell by cell (the starting point
of the area's own report), and the parent's own cells of the summed tables (rules/format.yaml
``summed_tables``: 表3, 表4) compared with that sum. A child
without a report is named: the sum is then incomplete."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from linter.findings import FileResult
from linter.office.identity import body_key
from linter.office.roster import Body, Roster
from linter.recognise.report import ChildrenSum
from linter.reporters.export.data import Cell, number
from linter.ruleset.facts import format_facts

# The copy of a report used when a body sent it twice: the most reliably read form first.
_FORM = {"docx": 0, "html": 1, "text": 2, "pdf": 3}


@dataclass
class Rollup:
    parent: Optional[str]  # the body whose children were summed (None: every report given)
    year: Optional[int]
    edition: Optional[int]
    sums: dict[Cell, float] = field(default_factory=dict)
    summed: list[str] = field(default_factory=list)  # the files added up
    missing: list[str] = field(default_factory=list)  # children without a report of the year
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) left out
    own: Optional[str] = None  # the parent's own report
    differences: list[tuple[Cell, object, float]] = field(default_factory=list)  # (cell, parent's, sum)


def _numbers(result: FileResult) -> dict[Cell, object]:
    return {(n, r, c): number(text) for n, r, c, text in result.figures}


def rollup(
    results: Sequence[FileResult],
    roster: Optional[Roster] = None,
    parent: Optional[str] = None,
    year: Optional[int] = None,
) -> Rollup:
    """Sum the children of ``parent`` (a roster name; default the roster's top body), or with no
    roster every report given; the reports of ``year`` (default the most common) and of the most
    common edition."""
    results = [r for r in results if not r.skipped]  # files in the folders that are not reports
    readable = [r for r in results if r.error is None]
    years = Counter(r.report_year for r in readable if r.report_year is not None)
    year = year if year is not None else (max(years, key=lambda y: (years[y], y)) if years else None)
    editions = Counter(r.edition for r in readable if r.edition is not None)
    edition = max(editions, key=lambda e: (editions[e], e)) if editions else None
    top: Optional[Body] = None
    children: list[Body] = []
    if roster is not None:
        top = roster.find(parent) if parent else next((b for b in roster.bodies if not b.parent), None)
        children = roster.children(top) if top is not None else []
    out = Rollup(top.name if top is not None else None, year, edition)
    chosen: dict[str, FileResult] = {}
    own: Optional[FileResult] = None
    for r in sorted(results, key=lambda r: _FORM.get(r.format or "", 9)):
        if r.error is not None:
            out.skipped.append((r.path, r.error.code))
            continue
        if r.report_year != year or r.edition != edition:
            out.skipped.append((r.path, f"{r.report_year}/{r.edition}"))
            continue
        body = r.pair_key[0] if r.pair_key is not None else None
        if roster is None:
            chosen[r.path] = r
            continue
        entry = roster.find(body) if body else None
        if entry is not None and top is not None and entry == top:
            own = own or r
        elif entry is not None and entry in children and entry.key not in chosen:
            chosen[entry.key] = r
        else:
            out.skipped.append((r.path, body or ""))
    out.missing = [c.name for c in children if c.key not in chosen]
    ordered = sorted(chosen.values(), key=lambda r: r.path)
    out.summed = [r.path for r in ordered]
    for r in ordered:
        for cell, value in _numbers(r).items():
            if isinstance(value, (int, float)):
                out.sums[cell] = out.sums.get(cell, 0) + value
            else:
                out.sums.setdefault(cell, 0)
    if own is not None:
        out.own = own.path
        for cell, value in sorted(_numbers(own).items()):
            # A blank counts as 0, as the blank-cell rule says: a parent's blank against a sum of 0 agrees.
            if cell[0] in format_facts().summed_tables and cell in out.sums and (value or 0) != out.sums[cell]:
                out.differences.append((cell, value, out.sums[cell]))
    out.skipped.sort()
    return out


def children_sums(results: Sequence[FileResult], roster: Roster) -> dict[int, ChildrenSum]:
    """Result index -> the sum of the summed tables (表3, 表4) of its body's children, for each report that is a
    roster parent's own (as ``rollup`` chooses it: the year and edition most common, one report
    per child), with the children summed and those without a report."""
    index = {r.path: i for i, r in enumerate(results)}
    out: dict[int, ChildrenSum] = {}
    for body in roster.bodies:
        if not roster.children(body):
            continue
        data = rollup(results, roster, body.name)
        if data.own is None or data.own not in index:
            continue
        sums = tuple(
            sorted((cell, float(v)) for cell, v in data.sums.items() if cell[0] in format_facts().summed_tables)
        )
        out[index[data.own]] = ChildrenSum(sums, tuple(data.summed), tuple(data.missing))
    return out


def keyed(roster: Optional[Roster], name: Optional[str]) -> Optional[str]:
    return body_key(name, dict(roster.aliases()) if roster else {})
