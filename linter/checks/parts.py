"""The preamble's list of parts (RL-STR-003): the count it announces (「等六部分」) agrees with the
parts it lists and with the sections present."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Iterator, Optional

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg
from linter.checks.kind import Kind, regex
from linter.recognise.normalize import joined_key, label_key
from linter.recognise.report import Report
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet, SectionSpec

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def count_of(token: str) -> Optional[int]:
    """「六」, 「十」, 「6」 → 6, 10, 6 (a report has fewer than twenty parts)."""
    if token.isdigit():
        return int(token)
    if token in _NUMERALS:
        return _NUMERALS[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _NUMERALS:
        return 10 + _NUMERALS[token[1]]
    return None


def listed_parts(text: str, ruleset: RuleSet) -> list[SectionSpec]:
    """The parts a preamble's list names, by title however its items are joined (「行政复议与行政
    诉讼情况」, 「问题和改进情况」) or by the part's key words (「存在的主要问题及整改措施」)."""
    listed_text = joined_key(label_key(text))
    return [
        s
        for s in ruleset.sections
        if any(joined_key(label_key(t)) in listed_text for t in (s.title, *s.aliases))
        or any(k in listed_text for k in s.keywords)
    ]


@dataclass(frozen=True)
class PartsParams:
    pattern: str  # groups ``list`` (the parts listed) and ``count`` (the number announced)
    within: int = 12  # non-empty paragraphs from the start searched


@dataclass(frozen=True)
class CompiledParts:
    pattern: re.Pattern[str]
    within: int


class Parts(Kind[PartsParams, CompiledParts]):
    """The preamble's count of parts against the parts it lists and the sections present (RL-STR-003)."""

    Params = PartsParams

    def compile(self, params: PartsParams, ruleset: RuleSet) -> CompiledParts:
        pattern = regex(params.pattern, "pattern")
        missing = [g for g in ("list", "count") if g not in pattern.groupindex]
        if missing:
            raise ParamError("pattern", Msg.of("param.groups", groups=Listing(tuple(missing))))
        return CompiledParts(pattern, params.within)

    def run(self, report: Report, compiled: CompiledParts) -> Iterator[Draft]:
        return _parts(report, report.ruleset, compiled)


def _parts(report: Report, ruleset: RuleSet, compiled: CompiledParts) -> Iterator[Draft]:
    pattern = compiled.pattern
    first_heading = min((h.block for h in report.sections), default=None)
    paragraphs = (p for p in report.document.paragraphs() if p.full_text.strip())
    for para in islice(paragraphs, compiled.within):
        if first_heading is not None and para.index > first_heading:
            return  # the preamble ends at the first section
        m = pattern.search(report.folded_text(para))
        announced = count_of(m.group("count")) if m else None
        if m is None or announced is None:
            continue
        listed = listed_parts(m.group("list"), ruleset)
        printed = report.compact_text(para)[m.start() : m.end()]
        loc = report.location(para.index, text=printed)
        params = {"announced": m.group("count"), "count": announced, "sentence": printed}
        if listed and len(listed) != announced:
            yield Draft(
                "listed",
                loc,
                {**params, "listed": len(listed), "names": Listing(tuple(s.title for s in listed))},
                expected=str(len(listed)),
                actual=str(announced),
            )
        present = len({h.spec.key for h in report.sections})
        if present and present != announced:
            yield Draft("sections", loc, {**params, "present": present}, expected=str(present), actual=str(announced))
        return
