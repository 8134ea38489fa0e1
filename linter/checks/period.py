"""The statistics period of the preamble (RL-META-003): real, well-formed dates covering 1月1日 to
12月31日 of the report year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Iterator, Optional

from linter.checks.draft import Draft
from linter.checks.kind import Kind
from linter.recognise.metadata import find_period_year
from linter.recognise.report import Report
from linter.ruleset.facts import format_facts
from linter.ruleset.specs import RuleSet

# A date as written: the year is optional (「至12月31日」 takes the start's year); a month run into
# the year (「20251月1日」, 年 dropped) is read as one long month and reported as malformed.
_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d+)月(?P<d>\d+)日?")
_SENTENCE_END = re.compile(r"[。；;]")


@dataclass(frozen=True)
class _Written:
    text: str
    year: Optional[int]
    month: int
    day: int


def _dates(segment: str) -> list[_Written]:
    return [
        _Written(m.group(0), int(m.group("y")) if m.group("y") else None, int(m.group("m")), int(m.group("d")))
        for m in _DATE.finditer(segment)
    ]


def _glued(d: _Written) -> Optional[str]:
    """The intended writing of a date whose 年 was dropped (「20251月1日」 → 「2025年1月1日」)."""
    digits = str(d.month)
    if d.year is None and len(digits) in (5, 6) and digits[:2] in ("19", "20"):
        return f"{digits[:4]}年{int(digits[4:])}月{d.day}日"
    return None


def _real(year: int, d: _Written) -> Optional[date]:
    try:
        return date(d.year or year, d.month, d.day)
    except ValueError:
        return None


@dataclass(frozen=True)
class PeriodParams:
    within: int = 40  # non-empty paragraphs from the start searched


@dataclass(frozen=True)
class CompiledPeriod:
    cues: tuple[str, ...]  # the words that introduce the statistics period (rules/format.yaml)
    within: int


class Period(Kind[PeriodParams, CompiledPeriod]):
    """The statistics period: real dates, 1月1日 to 12月31日 of the report year (RL-META-003)."""

    Params = PeriodParams

    def compile(self, params: PeriodParams, ruleset: RuleSet) -> CompiledPeriod:
        return CompiledPeriod(format_facts().period_cues, params.within)

    def run(self, report: Report, compiled: CompiledPeriod) -> Iterator[Draft]:
        return _period(report, compiled)


def _period(report: Report, params: CompiledPeriod) -> Iterator[Draft]:
    cues = params.cues
    paragraphs = (p for p in report.document.paragraphs() if p.full_text.strip())
    for para in islice(paragraphs, params.within):
        raw = report.fold(para.full_text)
        if not any(c[0] in raw for c in cues):
            continue  # no cue can start here (a cue may be spaced out: 「统 计 期 限」)
        text = report.folded_text(para)
        at = min((i for i in (text.find(c) for c in cues) if i >= 0), default=-1)
        if at < 0:
            continue
        end = _SENTENCE_END.search(text, at)
        sentence = report.compact_text(para)[at : end.end() if end else len(text)]  # as printed
        dates = _dates(sentence)
        if len(dates) < 2:
            continue
        yield from _judge(report, para.index, sentence, dates[0], dates[1])
        return


def _judge(report: Report, block: int, sentence: str, first: _Written, second: _Written) -> Iterator[Draft]:
    loc = report.location(block, text=sentence)
    for d in (first, second):
        fixed = _glued(d)
        if fixed is not None:
            yield Draft(
                "malformed", loc, {"found": d.text, "fixed": fixed, "sentence": sentence}, expected=fixed, actual=d.text
            )
            return
    if first.year is None:
        return  # no year to read the period by (RL-META-001 finds no period either)
    start, stop = _real(first.year, first), _real(first.year, second)
    for d, real in ((first, start), (second, stop)):
        if real is None:
            yield Draft("invalid", loc, {"found": d.text, "sentence": sentence}, actual=d.text)
            return
    assert start is not None and stop is not None
    span = {"start": first.text, "end": second.text, "sentence": sentence}
    if stop < start:
        yield Draft("reversed", loc, span, expected=f">= {first.text}", actual=second.text)
        return
    whole = start.year == stop.year and (start.month, start.day, stop.month, stop.day) == (1, 1, 12, 31)
    year = report.title.year if report.title is not None else start.year
    wanted = f"{year}年1月1日至{year}年12月31日"
    if not whole:
        yield Draft(
            "partial",
            loc,
            {**span, "year": year, "wanted": wanted},
            expected=wanted,
            actual=f"{first.text}至{second.text}",
        )
        return
    seen_by_year_rule = find_period_year(report.document) is not None
    if start.year != year and not seen_by_year_rule:
        yield Draft(
            "year",
            loc,
            {**span, "year": year, "wanted": wanted},
            expected=wanted,
            actual=f"{first.text}至{second.text}",
        )
