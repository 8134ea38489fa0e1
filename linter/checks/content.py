"""Text checks: template residue (RL-TPL-001), required content of sections (RL-S1/S5/S6)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from linter.checks.draft import Draft
from linter.recognise.metadata import body_kind
from linter.model import Cell, Paragraph
from linter.recognise.report import Report
from linter.ruleset.loader import CheckSpec, RuleSet


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


def check_text_patterns(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    """Each paragraph and table cell is searched for each pattern; one finding per place."""
    whats = [p["what"] for p in check.params["patterns"]]
    whats_en = [p.get("what_en") or p["what"] for p in check.params["patterns"]]
    patterns = _compiled(tuple(p["regex"] for p in check.params["patterns"]))
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
                        "what_en": whats_en[which],
                        "quoted": "、".join(f"「{x}」" for x in texts),
                        "quoted_en": ", ".join(f"「{x}」" for x in texts),
                    },
                    actual="、".join(texts),
                )


@lru_cache(maxsize=32)
def _compiled(regexes: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r) for r in regexes)


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


def and_list(items: list[str], lang: str) -> str:
    """「工作考核、社会评议和责任追究」 / "A, B and C": how a sentence names several things."""
    if len(items) < 2:
        return "".join(items)
    sep, last = ("、", "和") if lang == "zh" else (", ", " and ")
    return sep.join(items[:-1]) + last + items[-1]


def check_section_content(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    key = check.params["section"]
    hit = next((h for h in report.sections if h.spec.key == key), None)
    if hit is None:
        return  # a missing section is RL-STR-001's finding
    only = check.params.get("only_for")
    if only and body_kind(report.title.body if report.title else "") != only:
        return
    text = report.section_text(key)
    loc = report.location(hit.block, text=hit.text)
    if check.params.get("non_empty") and len(text) < 4:
        yield Draft("empty", loc, {"section": hit.spec.heading})
        return
    missing = [
        item["name"] for item in check.params.get("require", []) if not any(word in text for word in item["any"])
    ]
    if missing:
        yield Draft(
            "missing",
            loc,
            {
                "section": hit.spec.heading,
                "missing": "、".join(missing),
                "missing_and": and_list(missing, "zh"),
                "missing_and_en": and_list(missing, "en"),
            },
            expected="、".join(missing),
        )
    if check.params.get("differs_from_previous") and report.previous is not None:
        before = report.previous.section_text(key)
        if before and before == text:
            yield Draft("copied", loc, {"section": hit.spec.heading})
