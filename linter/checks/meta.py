"""Checks about the report as a whole: format edition (RL-VER-001), report year (RL-META-001),
publication deadline (RL-META-002)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator, Mapping

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg
from linter.checks.kind import Kind, NoParams, Traits
from linter.recognise.metadata import (
    body_kind,
    filename_year,
    find_period_year,
    find_publication_date,
    title_outvoted,
)
from linter.model import Location
from linter.recognise.normalize import nfkc_numbers
from linter.recognise.report import Report
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_FULL_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_SENTENCE_END = re.compile(r"[。！？；\n]")


def _cell_location(report: Report, block: int, text: str, row: int, col: int) -> Location:
    table = next((t.spec.number for t in report.tables.values() if block in t.blocks), None)
    return report.location(block, table=table, row=row, col=col, text=text)


class Edition(Kind[NoParams, NoParams]):
    """The format edition the tables are written in is the report year's, and only one (RL-VER-001)."""

    traits = Traits(reads_words=True)

    def run(self, report: Report, compiled: NoParams) -> Iterator[Draft]:
        return _edition(report)


def _edition(report: Report) -> Iterator[Draft]:
    ev = report.evidence
    if len(ev.found) >= 2:
        (newer, found_newer), (older, found_older) = ev.found[0], ev.found[1]
        first = found_older[0]
        yield Draft(
            "mixed",
            _cell_location(report, first.block, first.text, first.cell.phys_row, first.cell.phys_col),
            {
                "newer": newer,
                "found_newer": Listing(tuple(s.text for s in found_newer)),
                "older": older,
                "found_older": Listing(tuple(s.text for s in found_older)),
            },
        )
        return
    expected = ev.expected(report.report_year)
    found = ev.by_tables
    if expected is None or found is None or expected == found:
        return
    sigs = ev.found[0][1]
    first = sigs[0]
    yield Draft(
        "mismatch",
        _cell_location(report, first.block, first.text, first.cell.phys_row, first.cell.phys_col),
        {
            "year": report.report_year,
            "expected": expected,
            "found": found,
            "signatures": Listing(tuple(s.text for s in sigs)),
        },
        expected=str(expected),
        actual=str(found),
    )


@dataclass(frozen=True)
class YearParams:
    fee_keyword: str  # the word of the paragraphs that state the year's fees (信息处理费)
    fee_section: str  # the section whose paragraphs state them (other: 六、其他需要报告的事项)


class ReportYear(Kind[YearParams, YearParams]):
    """The title's year against the statistics period, the file name and the fees' year (RL-META-001)."""

    Params = YearParams

    def run(self, report: Report, compiled: YearParams) -> Iterator[Draft]:
        return _report_year(report, compiled)


def _report_year(report: Report, params: YearParams) -> Iterator[Draft]:
    title = report.title
    period = find_period_year(report.document)
    outvoted = title_outvoted(report.document, title, report.evidence) if title is not None else None
    if title is not None and outvoted is not None and outvoted[0] == report.report_year:
        # The other places agree on the report's year: the title line is what is wrong.
        agreed, sources = outvoted
        others = Listing(tuple(Msg.of(f"words.year_source.{s}") for s in sources if s != "period"), last=True)
        yield Draft(
            "title" if "period" in sources else "title_page",
            report.location(title.block),
            {"title_year": title.year, "year": agreed, "sources": others},
            expected=str(agreed),
            actual=str(title.year),
        )
    elif title is not None and period is not None and title.year != period[0]:
        yield Draft(
            "period",
            report.location(period[1]),
            {"title_year": title.year, "period_year": period[0]},
            expected=str(title.year),
            actual=str(period[0]),
        )
    year = report.report_year if title is not None else (period[0] if period else None)
    if year is None:
        return
    named = filename_year(report.document.path)
    if named is not None and named != year and named != year + 1:
        # A file named after its publication year (year + 1) is common and not a defect.
        yield Draft(
            "filename",
            report.location(title.block if title else 0),
            {"year": year, "file_year": named},
            expected=str(year),
            actual=str(named),
        )
    keyword = params.fee_keyword
    for para in report.section_paragraphs(params.fee_section):
        text = nfkc_numbers(para.full_text)
        if keyword not in text:
            continue
        # The sentences that state the fee; a full date (the signature's 「2024年1月29日」) is not
        # the fee's year.
        fee_text = "。".join(s for s in _SENTENCE_END.split(text) if keyword in s)
        for m in _YEAR.finditer(fee_text):
            if _FULL_DATE.match(fee_text, m.start()):
                continue
            if int(m.group(1)) != year:
                yield Draft(
                    "fee_year",
                    report.location(para.index, text=para.full_text.strip()[:80]),
                    {"year": year, "found": m.group(1)},
                    expected=str(year),
                    actual=m.group(1),
                )
                break


@dataclass(frozen=True)
class Day:
    month: int
    day: int


@dataclass(frozen=True)
class PublicationParams:
    # The day of the year after the report year by which a report must be published, by kind of
    # body (``department``) and for everyone else (``default``).
    deadlines: Mapping[str, Day]


class Publication(Kind[PublicationParams, PublicationParams]):
    """Published by the deadline of the year after the report year (RL-META-002)."""

    Params = PublicationParams

    def compile(self, params: PublicationParams, ruleset: RuleSet) -> PublicationParams:
        if "default" not in params.deadlines:
            raise ParamError("deadlines.default", Msg.of("param.default_day"))
        for name, day in params.deadlines.items():
            try:
                date(2000, day.month, day.day)  # a leap year: 2月29日 is a day
            except ValueError:
                raise ParamError(f"deadlines.{name}", Msg.of("param.no_day", month=day.month, day=day.day)) from None
        return params

    def run(self, report: Report, compiled: PublicationParams) -> Iterator[Draft]:
        return _publication(report, compiled)


def _publication(report: Report, params: PublicationParams) -> Iterator[Draft]:
    if report.report_year is None:
        return
    found = find_publication_date(report.document)
    if found is None:
        return
    published, block = found
    kind = body_kind(report.title.body if report.title else "")
    # Departments publish by 1月31日; governments (and bodies we cannot classify) by 3月31日.
    day = (params.deadlines.get(kind) if kind else None) or params.deadlines["default"]
    deadline = date(report.report_year + 1, day.month, day.day)
    if published > deadline:
        loc = report.location(block) if block is not None else Location(file=report.document.path)
        yield Draft(
            "late",
            loc,
            {"published": published.isoformat(), "deadline": deadline.isoformat()},
            expected=f"<= {deadline.isoformat()}",
            actual=published.isoformat(),
        )
