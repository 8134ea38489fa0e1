"""Text checks: template residue (RL-TPL-001), required content of sections (RL-S1/S5/S6)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal, Optional

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg, Translated
from linter.checks.kind import Kind, regex
from linter.recognise.metadata import body_kind
from linter.model import Cell, Paragraph
from linter.recognise.report import Report
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet


def _snippet(text: str, start: int, end: int, width: int = 12) -> str:
    """The matched text with up to ``width`` characters either side, an ellipsis where it is cut."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _every(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[tuple[re.Match[str], int]]:
    """Every match of the patterns in ``text``, left to right, none overlapping an earlier one."""
    found = sorted(
        ((m, i) for i, r in enumerate(patterns) for m in r.finditer(text) if m.group(0)),
        key=lambda x: (x[0].start(), x[1]),
    )
    out: list[tuple[re.Match[str], int]] = []
    for m, i in found:
        if not out or m.start() >= out[-1][0].end():
            out.append((m, i))
    return out


@dataclass(frozen=True)
class Pattern:
    regex: str
    what: str
    what_en: Optional[str] = None  # the English name of what the pattern finds (default: what)


@dataclass(frozen=True)
class PatternsParams:
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class CompiledPatterns:
    patterns: tuple[re.Pattern[str], ...]
    whats: tuple[Translated, ...]  # what each pattern finds, in Chinese and English


class TextPatterns(Kind[PatternsParams, CompiledPatterns]):
    """Template residue in paragraphs and cells (RL-TPL-001): one finding per place."""

    Params = PatternsParams

    def compile(self, params: PatternsParams, ruleset: RuleSet) -> CompiledPatterns:
        if not params.patterns:
            raise ParamError("patterns", Msg.of("param.no_pattern"))
        return CompiledPatterns(
            tuple(regex(p.regex, f"patterns[{i}].regex") for i, p in enumerate(params.patterns)),
            tuple(Translated(p.what, p.what_en or p.what) for p in params.patterns),
        )

    def run(self, report: Report, compiled: CompiledPatterns) -> Iterator[Draft]:
        return _text_patterns(report, compiled)


def _text_patterns(report: Report, compiled: CompiledPatterns) -> Iterator[Draft]:
    """Each paragraph and table cell is searched for each pattern; one finding per place."""
    whats, patterns = compiled.whats, compiled.patterns
    answers: dict[str, Optional[tuple[re.Match[str], int]]] = {}  # cell texts repeat ("0", labels)
    for block in report.document.blocks:
        if isinstance(block, Paragraph):
            places: Iterable[tuple[str, Optional[Cell]]] = ((block.full_text, None),)
        else:
            places = ((cell.text, cell) for r in range(len(block.rows)) for cell in block.origin_cells(r))
        for text, cell in places:
            if text not in answers:
                answers[text] = _leftmost(patterns, text)
            found = answers[text]
            if found is not None and (cell is None or text.strip()):  # blank cells are the blank-cell rule's
                # One finding per place, naming every occurrence in it.
                every = _every(text, patterns) or [found]
                m, which = every[0]
                last = every[-1][0]
                where = {"row": cell.phys_row, "col": cell.phys_col} if cell is not None else {}
                texts = [x.group(0) for x, _ in every]
                yield Draft(
                    "residue",
                    report.location(block.index, text=_snippet(text, m.start(), last.end()), **where),
                    {
                        "found": m.group(0),
                        "what": whats[which],
                        "quoted": Listing(tuple(f"「{x}」" for x in texts)),
                    },
                    actual="、".join(texts),
                )


def _leftmost(patterns: tuple[re.Pattern[str], ...], text: str) -> Optional[tuple[re.Match[str], int]]:
    """The match one alternation of the patterns would find (the leftmost; at a tie, the first
    pattern) and which pattern it is. Each is searched alone: an alternation of groups loses the
    regex engine's scan for a pattern's first characters and was 3x slower on long paragraphs."""
    best: Optional[tuple[re.Match[str], int]] = None
    for i, pattern in enumerate(patterns):
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[0].start()):
            best = (m, i)
    return best


@dataclass(frozen=True)
class Requirement:
    name: str
    any: tuple[str, ...]  # the section must hold one of these words


@dataclass(frozen=True)
class ContentParams:
    section: str
    non_empty: bool = False
    differs_from_previous: bool = False
    only_for: Optional[Literal["government", "department"]] = None
    require: tuple[Requirement, ...] = ()


class SectionContent(Kind[ContentParams, ContentParams]):
    """What a section must say: not empty, the required items, not last year's text (RL-S1/S5/S6)."""

    Params = ContentParams

    def compile(self, params: ContentParams, ruleset: RuleSet) -> ContentParams:
        if params.section not in {s.key for s in ruleset.sections}:
            raise ParamError("section", Msg.of("ruleset.unknown_section", key=params.section))
        return params

    def run(self, report: Report, compiled: ContentParams) -> Iterator[Draft]:
        return _section_content(report, compiled)


def _section_content(report: Report, params: ContentParams) -> Iterator[Draft]:
    key = params.section
    hit = next((h for h in report.sections if h.spec.key == key), None)
    if hit is None:
        return  # a missing section is RL-STR-001's finding
    only = params.only_for
    if only and body_kind(report.title.body if report.title else "") != only:
        return
    text = report.section_text(key)
    loc = report.location(hit.block, text=hit.text)
    if params.non_empty and len(text) < 4:
        yield Draft("empty", loc, {"section": hit.spec.heading})
        return
    missing = [item.name for item in params.require if not any(word in text for word in item.any)]
    if missing:
        # The items' names are the format's Chinese words: quoted in English, as names are.
        named = tuple(Translated(name, f"「{name}」") for name in missing)
        yield Draft(
            "missing",
            loc,
            {
                "section": hit.spec.heading,
                "missing": Listing(named),
                "missing_and": Listing(named, last=True),
            },
            expected="、".join(missing),
        )
    if params.differs_from_previous and report.previous is not None:
        before = report.previous.section_text(key)
        if before and before == text:
            yield Draft("copied", loc, {"section": hit.spec.heading})
