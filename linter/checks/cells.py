"""Cell checks: value types (RL-T3-006) and blank cells (RL-T3-005)."""

from __future__ import annotations

from typing import Iterator

from linter.checks import Draft, register
from linter.checks.equation import expected_anchor, instances, term_location
from linter.recognise import Report
from linter.ruleset import CheckSpec, RuleSet
from linter.values import format_number, parse_value


@register("values")
def check_values(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    for tkey in check.params["tables"]:
        table = report.tables.get(tkey)
        if table is None:
            continue
        for row in table.rows:
            if row.key is None:
                continue
            for col in table.spec.columns:
                cell = row.cells.get(col.key)
                if cell is None:
                    continue
                value = parse_value(cell.text)
                if value.kind == "blank" or value.is_count:
                    continue
                yield Draft("invalid", report.cell_location(table, row, col.key),
                            {"table": table.spec.number, "text": cell.text.strip()}, actual=cell.text.strip())


@register("blanks")
def check_blanks(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    for tkey in check.params["tables"]:
        table = report.tables.get(tkey)
        if table is None:
            continue
        for row in table.rows:
            if row.key is None:
                continue
            blanks = [c.key for c in table.spec.columns
                      if c.key in table.columns and parse_value(_text(row.cells.get(c.key))).kind == "blank"]
            if blanks:
                locs = [report.cell_location(table, row, k) for k in blanks]
                label = table.spec.row(row.key).label
                yield Draft("blank" if label else "blank_table", locs[0],
                            {"table": table.spec.number, "row": label, "count": len(blanks)},
                            related=tuple(locs[1:]))
    for rule_id in check.params.get("totals_from", []):
        for eq in ruleset.rule(rule_id).checks:
            if eq.kind != "equation":
                continue
            anchor = eq.params["anchor"]
            for table, inst in instances(report, eq):
                anchor_term = inst.terms[anchor]
                if anchor_term.value.kind != "blank":
                    continue
                if any(t.value.kind != "number" and t.value.kind != "blank" for t in inst.terms.values()):
                    continue
                expected = expected_anchor(eq, inst, table.spec.groups)
                if expected != 0:
                    related = tuple(term_location(report, table, t) for n, t in inst.terms.items() if n != anchor)
                    yield Draft("blank_total", term_location(report, table, anchor_term),
                                {**inst.params, "expected": format_number(expected)},
                                expected=format_number(expected), actual="", related=related)


def _text(cell: object) -> str:
    return getattr(cell, "text", "") or ""
