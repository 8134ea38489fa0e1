"""Reading problems as findings (RL-PARSE-xxx): what the reader could not read reliably.

The readers record problems as Document notices (a code, the block, row and cell, and whether the
region is unreadable); this check turns the notices a rule names into findings, so users never
mistake an extraction problem for an arithmetic error in their report. The engine drops other
rules' findings inside an unreadable region.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from linter.checks.draft import Draft
from linter.i18n import Msg
from linter.checks.kind import Kind, Traits
from linter.model import Location
from linter.recognise.normalize import collapse_spaces
from linter.recognise.report import Report
from linter.ruleset.specs import RuleSet


# Notices about one page of a PDF, located on it.
_PAGE_NOTICES = {"scanned-page"}
# Pictures in a web page: named only when a table the format asks for was not found as a table
# (else they are photos or logos).
_PICTURE_TABLES = {"image-table"}


def _row_label(report: Report, block: int, row: int) -> Optional[str]:
    """The label of the format's row a row-level notice is about (the row as printed when the
    format has no such row)."""
    for table in report.tables.values():
        if block not in table.blocks:
            continue
        found = next((r for r in table.rows if r.block == block and r.phys_row == row), None)
        if found is not None:
            return table.spec.row(found.key).label if found.key else collapse_spaces(found.text) or None
    return None


def _table_number(report: Report, block: Optional[int]) -> Optional[int]:
    for table in report.tables.values():
        if block in table.blocks:
            return table.spec.number
    return None


def _may_hold_a_table(report: Report, ruleset: RuleSet, block: Optional[int]) -> bool:
    """Whether a picture placed after ``block`` may be a table the format asks for that was not
    found: it lies in that table's section (or the section is missing too)."""
    blocks = len(report.document.blocks)
    for name, spec in ruleset.tables.items():
        if name in report.tables:
            continue
        hit = next((h for h in report.sections if h.spec.key == spec.section), None)
        if hit is None or block is None:
            return True
        end = min([h.block for h in report.sections if h.block > hit.block], default=blocks)
        if hit.block <= block < end:
            return True
    return False


def named_pictures(report: Report, ruleset: RuleSet) -> bool:
    """Whether the document has a picture RL-PARSE-003 names (a scanned page; a web page's image
    where a missing table would be): while it has, nothing is reported missing (engine)."""
    return any(
        n.code in _PAGE_NOTICES or (n.code in _PICTURE_TABLES and _may_hold_a_table(report, ruleset, n.block))
        for n in report.document.notices
    )


@dataclass(frozen=True)
class ParseParams:
    notices: tuple[str, ...]  # reader notice codes (Document.notices) the rule reports


class Parse(Kind[ParseParams, frozenset[str]]):
    """The reader's notices a rule names, as findings."""

    Params = ParseParams
    traits = Traits(reads_unreadable=True)

    def compile(self, params: ParseParams, ruleset: RuleSet) -> frozenset[str]:
        return frozenset(params.notices)

    def run(self, report: Report, compiled: frozenset[str]) -> Iterator[Draft]:
        return _parse(report, report.ruleset, compiled)


def _parse(report: Report, ruleset: RuleSet, wanted: frozenset[str]) -> Iterator[Draft]:
    for notice in report.document.notices:
        if notice.code not in wanted:
            continue
        if notice.code in _PICTURE_TABLES and not _may_hold_a_table(report, ruleset, notice.block):
            continue
        if notice.block is None:
            page = dict(notice.params).get("page", "") if notice.code in _PAGE_NOTICES else ""
            loc = Location(file=report.document.path, page=int(page) if page.isdigit() else None)
        else:
            number = _table_number(report, notice.block)
            label = _row_label(report, notice.block, notice.row) if notice.row is not None else None
            loc = report.location(notice.block, table=number, row=notice.row, col=notice.col, row_label=label)
        number = loc.table
        params: dict[str, object] = dict(notice.params)
        params["table"] = Msg.of("words.table", n=number) if number is not None else Msg.of("words.a_table")
        yield Draft(notice.code.replace("-", "_"), loc, params)
