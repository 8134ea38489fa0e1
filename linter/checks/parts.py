"""The preamble's list of parts (RL-STR-003): the count it announces (「等六部分」) agrees with the
parts it lists and with the sections present; a list that names its parts without a number
(「由总体情况、……等部分组成」) is its own count."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Iterator, Optional

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg
from linter.model import Paragraph
from linter.checks.kind import Kind, regex
from linter.recognise.normalize import joined_key, label_key
from linter.recognise.report import Report
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet, SectionSpec

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}

# What separates the items of a list (「、」, a comma) and the words that join two of them (「和」,
# 「以及」): a joining word also joins the words inside one title (「收到和处理」, 「问题及改进」).
_SPLIT = re.compile(r"(以及|[、，,；;和与及])")
_COMMAS = frozenset("、，,；;")
# Where a list starts when the sentence before it ran into it (「编制而成，由……」, 「共分六个部分：……」).
_OPENER = re.compile(r".*(?:包括|包含|涵盖|分为|由|[：:])")
# The words around a list that are no part of it (「等」, 「共」, 「在内的」).
_EDGES = re.compile(r"^(?:等|共|合计)+|(?:在内的|等|共|合计)+$")
# A list without a number is taken for the report's parts when it names this many of them.
_NAMED_AT_LEAST = 3
# A numbered heading inside a text: 「五、」 and the words after it (up to the next stop or figure).
_NUMBERED_TITLE = re.compile(r"[一二三四五六七八九十][、.．]([^，。；：:,;\d]{2,40})")


def count_of(token: str) -> Optional[int]:
    """「六」, 「十」, 「6」 → 6, 10, 6 (a report has fewer than twenty parts)."""
    if token.isdigit():
        return int(token)
    if token in _NUMERALS:
        return _NUMERALS[token]
    if len(token) == 2 and token[0] == "十" and token[1] in _NUMERALS:
        return 10 + _NUMERALS[token[1]]
    return None


@dataclass
class _Item:
    text: str
    spec: Optional[SectionSpec]


def _titles(spec: SectionSpec) -> tuple[str, ...]:
    return tuple(joined_key(label_key(t)) for t in (spec.title, *spec.aliases))


def _part_of(text: str, ruleset: RuleSet) -> Optional[SectionSpec]:
    """The part an item names: by a title written in it, else by the first part whose key word it holds."""
    key = joined_key(label_key(text))
    for spec in ruleset.sections:
        if any(t in key for t in _titles(spec)):
            return spec
    return next((s for s in ruleset.sections if any(k in text for k in s.keywords)), None)


def _spans_a_title(left: str, sep: str, right: str, ruleset: RuleSet) -> bool:
    """「行政机关收到」 and 「处理政府信息公开申请情况」 joined by 「和」 write one title that neither holds."""
    joined = joined_key(label_key(left + sep + right))
    alone = (joined_key(label_key(left)), joined_key(label_key(right)))
    return any(t in joined and not any(t in a for a in alone) for s in ruleset.sections for t in _titles(s))


def list_items(text: str, ruleset: RuleSet) -> list[_Item]:
    """The items a preamble's list names, each with the part it stands for (None: a part the format
    does not know, 「公开的内容」, 「信息处理费收取情况」). A comma or 「、」 starts an item unless both
    sides belong to one part (「行政复议、提起行政诉讼情况」); a joining word starts one only between two
    different parts (「改进情况和其他需要报告的事项」, not 「其他事项与附表」)."""
    first = min((i for s in ruleset.sections for k in s.keywords if (i := text.find(k)) >= 0), default=0)
    opened = _OPENER.match(text[:first])
    if opened:
        text = text[opened.end() :]
    pieces = _SPLIT.split(text)
    items: list[_Item] = []
    sep = "、"
    for i, piece in enumerate(pieces):
        if i % 2:
            sep = piece
            continue
        piece = _EDGES.sub("", piece)
        if not piece:
            continue
        spec = _part_of(piece, ruleset)
        if not items:
            items.append(_Item(piece, spec))
            continue
        prev = items[-1]
        if prev.spec is not None and spec is prev.spec:
            join = True
        elif _spans_a_title(prev.text, sep, piece, ruleset):
            join = True
        elif sep in _COMMAS:
            join = False
        else:  # a joining word: two parts only when the right side is a part other than the left's
            join = spec is None
        if join:
            prev.text += sep + piece
            prev.spec = prev.spec or spec
        else:
            items.append(_Item(piece, spec))
    return items


@dataclass(frozen=True)
class PartsParams:
    pattern: str  # groups ``list`` (the parts listed) and ``count`` (the number announced, may not take part)
    after: str = ""  # the same groups, for a list that follows its number (「共分六个部分：……」)
    within: int = 12  # non-empty paragraphs from the start searched


@dataclass(frozen=True)
class CompiledParts:
    patterns: tuple[re.Pattern[str], ...]
    within: int


def _compiled(pattern: str, at: str) -> re.Pattern[str]:
    compiled = regex(pattern, at)
    missing = [g for g in ("list", "count") if g not in compiled.groupindex]
    if missing:
        raise ParamError(at, Msg.of("param.groups", groups=Listing(tuple(missing))))
    return compiled


class Parts(Kind[PartsParams, CompiledParts]):
    """The preamble's count of parts against the parts it lists and the sections present (RL-STR-003)."""

    Params = PartsParams

    def compile(self, params: PartsParams, ruleset: RuleSet) -> CompiledParts:
        patterns = [_compiled(params.pattern, "pattern")]
        if params.after:
            patterns.append(_compiled(params.after, "after"))
        return CompiledParts(tuple(patterns), params.within)

    def run(self, report: Report, compiled: CompiledParts) -> Iterator[Draft]:
        return _parts(report, report.ruleset, compiled)


def _search(patterns: tuple[re.Pattern[str], ...], text: str) -> Optional[re.Match[str]]:
    """The first sentence of the paragraph that any of the forms matches."""
    found = [m for p in patterns if (m := p.search(text))]
    return min(found, key=lambda m: m.start(), default=None)


def _parts(report: Report, ruleset: RuleSet, compiled: CompiledParts) -> Iterator[Draft]:
    first_heading = min((h.block for h in report.sections), default=None)
    paragraphs = (p for p in report.document.paragraphs() if p.full_text.strip())
    for para in islice(paragraphs, compiled.within):
        if first_heading is not None and para.index > first_heading:
            return  # the preamble ends at the first section
        m = _search(compiled.patterns, report.folded_text(para))
        if m is None:
            continue
        printed = report.compact_text(para)[m.start() : m.end()]
        items = list_items(m.group("list"), ruleset)
        known = [item.spec for item in items if item.spec is not None]
        names = Listing(tuple(item.spec.title if item.spec else item.text for item in items))
        sections = {h.spec.key for h in report.sections}
        present = len(sections)
        loc = report.location(para.index, text=printed)
        written = m.group("count")
        announced = count_of(written) if written else None
        if announced is None:
            if written or len(known) < _NAMED_AT_LEAST:
                continue  # no number and too few parts named to be the report's list
            if present and present != len(items):
                params = {"listed": len(items), "names": names, "present": present, "sentence": printed}
                yield Draft("named", loc, params, expected=str(present), actual=str(len(items)))
            return
        params = {"announced": written, "count": announced, "sentence": printed}
        if known and len(items) != announced:
            yield Draft(
                "listed",
                loc,
                {**params, "listed": len(items), "names": names},
                expected=str(len(items)),
                actual=str(announced),
            )
        if (
            present
            and present != announced
            and not (len(items) == announced and _all_in_report(report, sections, items, para, m.end()))
        ):
            yield Draft("sections", loc, {**params, "present": present}, expected=str(present), actual=str(announced))
        return


def _all_in_report(report: Report, sections: set[str], items: list[_Item], preamble: Paragraph, end: int) -> bool:
    """Whether the report has every part the preamble lists: a part of the format as one of its
    sections, a part the format does not know (「信息处理费收取情况」) as a numbered heading
    (「五、信息处理费收取情况」) after the list: in the list's paragraph or a later one, or inside a
    table's cell where text run together put it. Such a report has the parts its preamble
    announces, whatever the format's sections count (``sections``: the keys of those present)."""
    if any(item.spec is not None and item.spec.key not in sections for item in items):
        return False
    unknown = [joined_key(label_key(item.text)) for item in items if item.spec is None]
    if not unknown:
        return True
    texts = [report.folded_text(preamble)[end:]]
    for block in report.document.blocks[preamble.index + 1 :]:
        texts.extend([report.folded_text(block)] if isinstance(block, Paragraph) else block.texts)
    headings = [joined_key(label_key(h.group(1))) for text in texts for h in _NUMBERED_TITLE.finditer(text)]
    return all(any(heading.startswith(u) for heading in headings) for u in unknown)
