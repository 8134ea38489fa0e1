"""Text checks: template residue (RL-TPL-001), required content of sections (RL-S1/S5/S6),
numbers quoted in the narrative versus the tables (RL-NAR-001)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from linter.checks import Draft, register
from linter.lazy import remembered
from linter.metadata import body_kind
from linter.model import Cell, Paragraph
from linter.normalize import nfkc_numbers, strip_spaces
from linter.regexfacts import required_texts
from linter.simd import contains_any
from linter.recognise import FoundRow, Report
from linter.ruleset import CheckSpec, RuleSet
from linter.values import format_number, parse_value

_DIGIT = re.compile(r"\d")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


def _snippet(text: str, start: int, end: int, width: int = 12) -> str:
    """The matched text with up to ``width`` characters either side, an ellipsis where it is cut."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _every(text: str, regexes: tuple[str, ...]) -> list[tuple[re.Match[str], int]]:
    """Every match of the patterns in ``text``, left to right, none overlapping an earlier one."""
    found = sorted(((m, i) for i, r in enumerate(regexes) for m in _regex(r).finditer(text) if m.group(0)),
                   key=lambda x: (x[0].start(), x[1]))
    out: list[tuple[re.Match[str], int]] = []
    for m, i in found:
        if not out or m.start() >= out[-1][0].end():
            out.append((m, i))
    return out


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@register("text_patterns")
def check_text_patterns(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    """Each paragraph and table cell is searched for each pattern; one finding per place."""
    whats = [p["what"] for p in check.params["patterns"]]
    whats_en = [p.get("what_en") or p["what"] for p in check.params["patterns"]]
    regexes = tuple(p["regex"] for p in check.params["patterns"])
    patterns = _compiled(regexes)
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
                # One finding per place, naming every occurrence in it.
                every = _every(text, regexes) or [found]
                m, which = every[0]
                last = every[-1][0]
                where = {"row": cell.phys_row, "col": cell.phys_col} if cell is not None else {}
                texts = [x.group(0) for x, _ in every]
                yield Draft("residue", report.location(block.index, text=_snippet(text, m.start(), last.end()), **where),
                            {"found": m.group(0), "what": whats[which], "what_en": whats_en[which],
                             "quoted": "、".join(f"「{x}」" for x in texts),
                             "quoted_en": ", ".join(f"「{x}」" for x in texts)},
                            actual="、".join(texts))


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


@register("narrative")
def check_narrative(report: Report, check: CheckSpec, ruleset: RuleSet) -> Iterator[Draft]:
    """Numbers the narrative quotes (「共收到政府信息公开申请70件」) must equal the table cells."""
    # (regex, quote, what, context words, words that rule it out), looked up once per report
    quotes = [(re.compile(q["pattern"]), q, q["what"], q.get("context") or (), q.get("unless") or ())
              for q in check.params["quotes"]]
    seen: set[tuple[int, str]] = set()
    totals: dict[tuple[int, tuple[str, ...]], Optional[_Total]] = {}  # a quote's table total, once

    def total(quote: dict, row_keys: tuple[str, ...]) -> Optional[_Total]:
        key = (id(quote), row_keys)
        if key not in totals:
            totals[key] = _table_value(report, quote, row_keys)
        return totals[key]

    for para in report.document.paragraphs():
        raw = para.full_text
        if ("件" not in raw and "起" not in raw) or not _DIGIT.search(raw):
            continue  # every quote is a number of 件 or 起 (full-width digits are \d too)
        text = strip_spaces(nfkc_numbers(raw))
        for sentence in _SENTENCE.findall(text):
            if "件" not in sentence and "起" not in sentence:
                continue  # every quote counts 件 or 起
            for regex, quote, what, context, unless in quotes:
                if (para.index, what) in seen:
                    continue  # quoted already in this paragraph
                if context and not any([w in sentence for w in context]):
                    continue
                if unless and any([w in sentence for w in unless]):
                    continue
                m = regex.search(sentence)
                if not m:
                    continue
                found = total(quote, (quote["row"],) if quote.get("row") else ())
                if found is None:
                    continue
                value, cells = found
                quoted = Decimal(m.group(1))
                seen.add((para.index, what))
                alternative = total(quote, tuple(quote["or_rows"])) if quote.get("or_rows") else None
                if quoted != value and (alternative is None or quoted != alternative[0]):
                    table = report.tables[quote["table"]]
                    yield Draft("mismatch", report.location(para.index, text=_snippet(sentence, m.start(), m.end())),
                                {"what": what, "quoted": m.group(1), "table": table.spec.number,
                                 "value": format_number(value)},
                                expected=format_number(value), actual=m.group(1),
                                related=tuple(report.cell_location(table, row, col) for row, col in cells))


_Total = tuple[Decimal, list[tuple[FoundRow, str]]]  # the value and the (row, column) cells summed


def _table_value(report: Report, quote: dict, row_keys: tuple[str, ...]) -> Optional[_Total]:
    """Sum of the quote's columns over ``row_keys`` (no keys: the table's single data row)."""
    table = report.tables.get(quote["table"])
    if table is None:
        return None
    if row_keys:
        rows = [next((r for r in table.rows if r.key == k), None) for k in row_keys]
    else:
        rows = [next((r for r in table.rows if r.key is not None), None)]
    value = Decimal(0)
    cells: list[tuple[FoundRow, str]] = []
    for row in rows:
        if row is None:
            return None
        for col in quote["columns"]:
            if col not in row.cells:
                return None
            cell = row.cells[col]
            parsed = parse_value(cell.text if cell is not None else None)
            if parsed.kind == "text":
                return None
            value += parsed.as_number()
            cells.append((row, col))
    return value, cells
