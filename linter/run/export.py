"""``reportlint export``: check the files as ``check`` does (configuration, roster, pairing), keep
tables 2–4's cells, and write the evaluators' workbook whole (never over an input)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from linter.i18n import t
from linter.reporters import Reporter
from linter.reporters.export.data import Export, build
from linter.reporters.export.write import WRITERS
from linter.run.outputs import write_whole
from linter.run.gate import Plan, Request, UsageError, check_plan, exit_code, make_plan

if TYPE_CHECKING:
    from linter.office.rollup import Rollup


@dataclass
class Exported:
    data: Export
    plan: Plan
    exit_code: int
    line: str


def export_run(req: Request, output: Path) -> Exported:
    writer = WRITERS.get(output.suffix.lower())
    lang = req.lang or "zh"
    if writer is None:
        raise UsageError(t("office.export.bad_suffix", lang, path=output))
    plan = make_plan(req, outputs=lambda files: [(output, "output")])  # never over an input
    for group in plan.groups:
        group.options = replace(group.options, keep_figures=True)
    results = check_plan(plan)
    judge = Reporter(plan.lang)
    judge.fail_levels = plan.fail_levels()
    data = build(results, judge.verdict, plan.lang, plan.roster)
    write_whole(output, [writer(data, plan.lang)])
    line = t("office.export.written", plan.lang, path=output, reports=len(data.reports), unread=len(data.unread))
    return Exported(data, plan, exit_code(plan, results), line)


@dataclass
class RolledUp:
    data: "Rollup"
    plan: Plan
    exit_code: int
    line: str


def rollup_run(req: Request, output: Path, parent: Optional[str] = None) -> RolledUp:
    """Check the files, sum the children's tables 2–4 and write the roll-up workbook whole."""
    from linter.office.rollup import rollup
    from linter.reporters.export.rollup_book import to_xlsx

    lang = req.lang or "zh"
    if output.suffix.lower() != ".xlsx":
        raise UsageError(
            t("office.export.bad_suffix", lang, path=output).replace(".csv 或 .json", "").replace(".csv or .json", "")
        )
    plan = make_plan(req, outputs=lambda files: [(output, "output")])
    if parent and (plan.roster is None or plan.roster.find(parent) is None):
        raise UsageError(t("office.rollup.no_parent", plan.lang, name=parent))
    for group in plan.groups:
        group.options = replace(group.options, keep_figures=True)
    results = check_plan(plan)
    data = rollup(results, plan.roster, parent, req.year)
    write_whole(output, [to_xlsx(data, plan.lang)])
    line = t(
        "office.rollup.written",
        plan.lang,
        path=output,
        n=len(data.summed),
        missing=len(data.missing),
        diff=len(data.differences),
    )
    return RolledUp(data, plan, exit_code(plan, results), line)
