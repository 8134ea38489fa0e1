"""Cell checks: value types (RL-T3-006) and blank cells (RL-T3-005)."""

from __future__ import annotations

from typing import Iterator

from linter.checks import Draft, register
from linter.checks.equation import blank_totals, expected_anchor, term_location
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
    tables = set(check.params["tables"])
    impossible = {k: v for k, v in blank_totals(report, ruleset).items() if v[0].spec.key in tables}
    for key, (table, inst, eq) in impossible.items():
        anchor = eq.params["anchor"]
        expected = format_number(expected_anchor(eq, inst, table.spec.groups))
        related = tuple(term_location(report, table, t) for n, t in inst.terms.items() if n != anchor)
        yield Draft("blank_total", term_location(report, table, inst.terms[anchor]),
                    {**inst.params, "expected": expected}, expected=expected, actual="", related=related)
    for tkey in check.params["tables"]:
        table = report.tables.get(tkey)
        if table is None:
            continue
        for row in table.rows:
            if row.key is None:
                continue
            blanks = [c.key for c in table.spec.columns
                      if c.key in row.cells and parse_value(_text(row.cells[c.key])).kind == "blank"
                      and (row.block, row.phys_row, c.key) not in impossible]
            if blanks:
                locs = [report.cell_location(table, row, k) for k in blanks]
                label = table.spec.row(row.key).label
                yield Draft("blank" if label else "blank_table", locs[0],
                            {"table": table.spec.number, "row": label, "count": len(blanks)},
                            related=tuple(locs[1:]))


def _text(cell: object) -> str:
    return getattr(cell, "text", "") or ""
