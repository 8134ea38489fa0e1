"""The export's tables as plain rows: one row per report with every cell of tables 2–4 as a
number (national labels as headers), the year-on-year changes, pass rates per rule, bodies by
findings, and the files that were not read. Deterministic: nothing depends on time or order of
completion, only on the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Optional, Sequence

from linter.findings import FileResult
from linter.i18n import t
from linter.office.identity import body_key
from linter.office.roster import Roster
from linter.recognise.values import parse_value
from linter.ruleset.loader import RuleSet, builtin_editions, builtin_ruleset

Cell = tuple[int, str, str]  # table number, row key, column key
Value = Any  # int, float, str (a cell that is not a number) or None (blank)


@dataclass
class Export:
    columns: list[tuple[Cell, str]] = field(default_factory=list)  # every cell read, with its header
    reports: list[list[Value]] = field(default_factory=list)
    report_headers: list[str] = field(default_factory=list)
    changes: list[list[Value]] = field(default_factory=list)
    change_headers: list[str] = field(default_factory=list)
    rules: list[list[Value]] = field(default_factory=list)
    rule_headers: list[str] = field(default_factory=list)
    bodies: list[list[Value]] = field(default_factory=list)
    body_headers: list[str] = field(default_factory=list)
    unread: list[list[Value]] = field(default_factory=list)
    unread_headers: list[str] = field(default_factory=list)


def number(text: str) -> Value:
    """A cell as a number: an integer, a decimal as float; blank as None; anything else as its text."""
    value = parse_value(text)
    if value.kind == "blank":
        return None
    if value.kind != "number" or value.number is None:
        return text
    n: Decimal = value.number
    return int(n) if n == n.to_integral_value() else float(n)


def header(ruleset: RuleSet, cell: Cell) -> Optional[str]:
    """The national labels of a cell: 「表3 三、本年度办理结果 （一）予以公开 自然人」."""
    number_, row_key, col_key = cell
    spec = next((s for s in ruleset.tables.values() if s.number == number_), None)
    if spec is None:
        return None
    try:
        row, col = spec.row(row_key), spec.column(col_key)
    except KeyError:
        return None
    parts = [f"表{number_}", row.group if number_ == 3 else "", row.label, " ".join(col.path)]
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return " ".join(seen)


def _order(rulesets: Sequence[RuleSet]) -> dict[Cell, int]:
    """Each cell's place in the national layout: tables, then rows, then columns, newest edition first."""
    order: dict[Cell, int] = {}
    for rs in rulesets:
        for spec in sorted(rs.tables.values(), key=lambda s: s.number):
            for row in spec.rows:
                for col in spec.columns:
                    order.setdefault((spec.number, row.key, col.key), len(order))
    return order


def build(
    results: Sequence[FileResult],
    verdict: Callable[[FileResult], str],
    lang: str = "zh",
    roster: Optional[Roster] = None,
) -> Export:
    results = [r for r in results if not r.skipped]  # files in the folders that are not reports
    rulesets = [builtin_ruleset(e) for e in builtin_editions()]
    by_edition = {rs.edition: rs for rs in rulesets}
    order = _order(rulesets)
    seen = {(n, r, c) for res in results for n, r, c, _ in res.figures}
    cells = sorted(seen, key=lambda c: (order.get(c, len(order)), c))
    labels: list[tuple[Cell, str]] = []
    for cell in cells:
        label = next((h for rs in rulesets if (h := header(rs, cell))), None) or "表{} {} {}".format(*cell)
        labels.append((cell, label))
    out = Export(columns=labels)
    w = lambda key: t("office.export." + key, lang)  # noqa: E731
    out.report_headers = [
        w(k) for k in ("file", "body", "kind", "parent", "year", "edition", "verdict", "errors", "warnings", "infos")
    ] + [label for _, label in labels]
    values: dict[str, dict[Cell, Value]] = {}
    names: dict[str, str] = {}
    for r in results:
        body = r.pair_key[0] if r.pair_key is not None else None
        entry = roster.find(body) if roster is not None and body else None
        name = entry.name if entry is not None else (body or "")
        names[r.path] = name
        figures = {(n, row, col): number(text) for n, row, col, text in r.figures}
        values[r.path] = figures
        counts = [sum(1 for f in r.findings if f.severity == s) for s in ("error", "warning", "info")]
        out.reports.append(
            [
                r.path,
                name,
                entry.kind if entry else None,
                entry.parent if entry else None,
                r.report_year,
                r.edition,
                t("verdict." + verdict(r), lang),
                *counts,
                *(figures.get(cell) for cell in cells),
            ]
        )
        if r.error is not None:
            out.unread.append([r.path, r.error.code, r.error.message])
    out.unread_headers = [w("file"), w("code"), w("reason")]
    # Year on year: a report and the previous year's it was paired with (the batch's pairing).
    out.change_headers = [w("body"), w("year"), w("file"), w("previous_file")] + [label for _, label in labels]
    for r in results:
        if r.previous is None or r.previous not in values:
            continue
        now, before = values[r.path], values[r.previous]
        out.changes.append(
            [names[r.path], r.report_year, r.path, r.previous, *(_change(now.get(c), before.get(c)) for c in cells)]
        )
    # Pass rates per rule: of the files read, the share without a finding of the rule.
    read = [r for r in results if r.error is None]
    failing: dict[str, int] = {}
    for r in read:
        for rule_id in {f.rule for f in r.findings}:
            failing[rule_id] = failing.get(rule_id, 0) + 1
    out.rule_headers = [w("rule"), w("title"), w("severity"), w("checked"), w("with_findings"), w("pass_rate")]
    editions = {r.edition for r in read if r.edition is not None}
    rules: dict[str, list[Value]] = {}
    for edition in sorted(editions, reverse=True):
        for rule in by_edition[edition].rules if edition in by_edition else ():
            if rule.id in rules or not (rule.enabled or rule.id in failing):
                continue
            n = failing.get(rule.id, 0)
            rules[rule.id] = [
                rule.id,
                rule.summary.get(lang, rule.summary.get("en", "")),
                t("severity." + rule.severity, lang),
                len(read),
                n,
                round(1 - n / len(read), 4) if read else None,
            ]
    for rule_id in sorted(set(failing) - set(rules)):  # an extra rule file's rules
        n = failing[rule_id]
        rules[rule_id] = [rule_id, "", "", len(read), n, round(1 - n / len(read), 4)]
    out.rules = [rules[k] for k in sorted(rules)]
    # Bodies by findings, a row per body and year: errors, then warnings, most first (an
    # evaluator sorts it as wished). A body's two files of one year count together.
    per_body: dict[tuple[str, Optional[int]], list[Any]] = {}
    for r in results:
        key = (body_key(names[r.path]) or r.path, r.report_year)
        row = per_body.setdefault(key, [names[r.path] or r.path, r.report_year, [], 0, 0, 0])
        row[2].append(r.path)
        for i, s in enumerate(("error", "warning", "info")):
            row[3 + i] += sum(1 for f in r.findings if f.severity == s)
    out.body_headers = [w("body"), w("year"), w("files"), w("errors"), w("warnings"), w("infos")]
    ranked = sorted(per_body.values(), key=lambda x: (-x[3], -x[4], -x[5], x[0], x[1] or 0))
    out.bodies = [[name, year, "\n".join(files), e, wn, i] for name, year, files, e, wn, i in ranked]
    return out


def _change(now: Value, before: Value) -> Value:
    if isinstance(now, (int, float)) and isinstance(before, (int, float)):
        diff = now - before
        return round(diff, 6) if isinstance(diff, float) else diff
    return None
