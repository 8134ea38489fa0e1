"""The roll-up: a parent body's own table-3 and table-4 cells compared with the sum of its
children's (Report.children, set by the batch step that reads every file first:
linter.office.rollup.children_sums). A child without a report is named on each finding, since
the sum is then incomplete."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from linter.checks.draft import Draft
from linter.checks.kind import Kind, known_table
from linter.i18n import Msg
from linter.recognise.report import Report, collapsed_groups
from linter.recognise.values import parse_value
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet


def _shown(value: Decimal | float) -> str:
    number = Decimal(str(value))
    return str(number.quantize(Decimal(1))) if number == number.to_integral_value() else str(number.normalize())


@dataclass(frozen=True)
class RollupParams:
    tables: tuple[str, ...]  # the tables whose cells are compared (t3, t4)


class Rollup(Kind[RollupParams, RollupParams]):
    """A parent's own cells against its children's sum (RL-X-002). It runs on the report the batch
    step checks again with ``Report.children``; on every other report it finds nothing."""

    Params = RollupParams

    def compile(self, params: RollupParams, ruleset: RuleSet) -> RollupParams:
        if not params.tables:
            raise ParamError("tables", Msg.of("param.no_table"))
        for i, table in enumerate(params.tables):
            known_table(ruleset, table, f"tables[{i}]")
        return params

    def run(self, report: Report, compiled: RollupParams) -> Iterator[Draft]:
        return _rollup(report, compiled)


def _rollup(report: Report, check: RollupParams) -> Iterator[Draft]:
    children = report.children
    if children is None or not children.summed:
        return  # not a parent in a batch with a roster, or none of its children's reports is there
    sums = dict(children.sums)
    missing = "、".join(children.missing)
    for table_key in check.tables:
        table = report.tables.get(table_key)
        if table is None:
            continue
        spec = table.spec
        standing = {id(row): members[0] for row, members in collapsed_groups(table)}
        order = {c.key: i for i, c in enumerate(spec.columns)}
        for row in table.rows:
            key = row.key if row.key is not None else standing.get(id(row))
            if key is None:
                continue
            for col in sorted(row.cells, key=lambda c: order.get(c, len(order))):
                cell = row.cells[col]
                total = sums.get((spec.number, key, col))
                if cell is None or total is None:
                    continue
                value = parse_value(cell.text)
                if not (value.kind == "blank" or value.is_count):
                    continue  # not a count: the value rules say so
                own = value.as_number()
                if own == Decimal(str(total)):
                    continue
                yield Draft(
                    "incomplete" if missing else "differs",
                    report.cell_location(table, row, col),
                    {
                        "row": spec.row(key).label if row.key is not None else row.text,
                        "col": spec.column(col).label,
                        "own": _shown(own),
                        "sum": _shown(total),
                        "n": len(children.summed),
                        "missing": missing,
                    },
                    expected=_shown(total),
                    actual=cell.text.strip() or "",
                )
