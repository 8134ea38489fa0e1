"""Text checks: template residue (RL-TPL-001), required content of sections (RL-S1/S5/S6)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from linter.checks import Draft, register
from linter.lazy import remembered
from linter.metadata import body_kind
from linter.model import Cell, Paragraph
from linter.regexfacts import required_texts
from linter.simd import contains_any
from linter.recognise import Report
from linter.ruleset import CheckSpec, RuleSet


def _snippet(text: str, start: int, end: int, width: int = 12) -> str:
    return text[max(0, start - width): end + width].strip()


@register("text_patterns")
def check_text_patterns(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    """Each paragraph and table cell is searched for each pattern; one finding per place."""
    whats = [p["what"] for p in check.params["patterns"]]
    patterns = _compiled(tuple(p["regex"] for p in check.params["patterns"]))
    leftmost = patterns.leftmost
    blocks = report.document.blocks
    # Long paragraphs are searched only for the patterns that can match in one of them at all.
    in_paragraphs = patterns.possible_in([b.full_text for b in blocks if isinstance(b, Paragraph)
                                          and len(b.full_text) > patterns.SHORT])
    for block in blocks:
        if isinstance(block, Paragraph):
            places: Iterable[tuple[str, Optional[Cell]]] = ((block.full_text, None),)
            narrowed: Optional[_Searched] = in_paragraphs
        else:
            places = ((cell.text, cell) for r in range(len(block.rows)) for cell in block.origin_cells(r))
            narrowed = None
        for text, cell in places:
            found = leftmost(text, narrowed)
            if found is not None and (cell is None or text.strip()):  # blank cells are the blank-cell rule's
                m, which = found
                where = {"row": cell.phys_row, "col": cell.phys_col} if cell is not None else {}
                yield Draft("residue", report.location(block.index, text=_snippet(text, m.start(), m.end()), **where),
                            {"found": m.group(0), "what": whats[which]}, actual=m.group(0))


# (index in the rule's list, compiled pattern, UTF-8 texts one of which its every match holds or None)
_Searched = tuple[tuple[int, re.Pattern[str], Optional[tuple[bytes, ...]]], ...]


class _Patterns:
    """A rule's patterns, and what they found in the short texts seen so far: reports repeat their
    cell texts ("0", "", the template's labels) within a table and from one report to the next."""

    SHORT = 64  # longer texts (narrative paragraphs) are searched every time
    KEPT = 8192

    def __init__(self, regexes: tuple[str, ...]) -> None:
        self.patterns: _Searched = tuple(
            (i, re.compile(r), None if required is None else tuple(t.encode("utf-8") for t in required))
            for i, (r, required) in enumerate((r, required_texts(r)) for r in regexes))
        self.found: dict[str, Optional[tuple[re.Match[str], int]]] = {}

    def possible_in(self, texts: list[str]) -> _Searched:
        """The patterns that can match in one of ``texts``: those holding none of the texts a
        pattern's matches need cannot. One SIMD search per needle over all the texts at once, not
        one regex search per pattern and text (most reports hold no residue at all)."""
        if not texts:
            return ()
        data = "\n".join(texts).encode("utf-8", "surrogatepass")
        return tuple(p for p in self.patterns if p[2] is None or contains_any(data, p[2]))

    def leftmost(self, text: str, narrowed: Optional[_Searched] = None) -> Optional[tuple[re.Match[str], int]]:
        """``_leftmost`` of the patterns in ``text``; a long text is searched only for ``narrowed``
        (patterns that ``possible_in`` kept for the texts it is one of) when that is given."""
        found = self.found
        if text in found:  # the common case first, without a call (cell texts repeat)
            return found[text]
        if len(text) > self.SHORT:
            return _leftmost(self.patterns if narrowed is None else narrowed, text)
        return remembered(found, text, lambda: _leftmost(self.patterns, text), self.KEPT)


@lru_cache(maxsize=32)
def _compiled(regexes: tuple[str, ...]) -> _Patterns:
    return _Patterns(regexes)


def _leftmost(patterns: _Searched, text: str) -> Optional[tuple[re.Match[str], int]]:
    """The match one alternation of the patterns would find (the leftmost; at a tie, the first
    pattern) and which pattern it is. Each is searched alone: an alternation of groups loses the
    regex engine's scan for a pattern's first characters and was 3x slower on long paragraphs."""
    best: Optional[tuple[re.Match[str], int]] = None
    for i, pattern, _required in patterns:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[0].start()):
            best = (m, i)
    return best


@register("section_content")
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
    missing = [item["name"] for item in check.params.get("require", [])
               if not any(word in text for word in item["any"])]
    if missing:
        yield Draft("missing", loc, {"section": hit.spec.heading, "missing": "、".join(missing)},
                    expected="、".join(missing))
    if check.params.get("differs_from_previous") and report.previous is not None:
        before = report.previous.section_text(key)
        if before and before == text:
            yield Draft("copied", loc, {"section": hit.spec.heading})
