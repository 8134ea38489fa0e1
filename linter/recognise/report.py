"""Recognise the format in a Document: which heading is which section, which physical tables make
up logical tables 2–4, and which row and column each cell belongs to, matched by label."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cached_property
from typing import Iterable, Mapping, Optional, Sequence

from linter.recognise.edition import EditionEvidence, table_evidence
from linter.recognise.metadata import Identity, Title, identify
from linter.model import Cell, Document, Location, Notice, Paragraph, Table
from linter.recognise.normalize import (
    collapse_spaces,
    fold_traditional,
    has_traditional,
    joined_key,
    label_key,
    nfkc_numbers,
    strip_spaces,
    without_note,
)
from linter.recognise.runtogether import (
    SplitRow,
    Unfit,
    Unplaced,
    header_words,
    row_columns,
    split_cell_lines,
    split_table,
)
from linter.recognise.values import parse_value
from linter.ruleset.specs import Applies, ColumnSpec, RuleSet, SectionSpec, TableSpec

_HEADING_PREFIX = re.compile(r"^([一二三四五六七八九十]+)[、.，．]?")
_TRAILING = "：:。.；;"
# A part's number run straight into its title, no 「、」 or space between (「一总体情况」).
_BARE_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]+(?=[^\s、.，,．：:\d一二三四五六七八九十])")
# A label followed by figures in the same cell: 「规章 0」, 「行政规范性文件 69 3 665」.
_GLUED_FIGURES = re.compile(r"^(?P<label>.*?\D)\s*(?:[-+]?\d[\d,.]*\s*)+$")
_ENUM_PREFIX = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、．]?)")


@dataclass(frozen=True)
class SectionHit:
    spec: SectionSpec
    block: int
    text: str
    numeral: str
    exact: bool
    fuzzy: bool = False  # matched only approximately (a typo in the heading)
    worded: bool = (
        False  # the part's numbered heading in its place, worded otherwise (「五、存在的主要问题及整改措施」)
    )
    implied: bool = False  # no heading line: ``block`` is the part's first paragraph (its first subheading)
    bare: bool = False  # the number printed without its 「、」 (「一总体情况」), the title exact


@dataclass(frozen=True)
class FoundRow:
    """A data row of a logical table; ``key`` is None for a row the format does not define."""

    key: Optional[str]
    text: str
    block: int
    phys_row: int
    cells: Mapping[str, Optional[Cell]]  # column key -> value cell (None: covered by a merge)
    fuzzy: bool = False  # the label only resembles the format's (a typo such as 「行政止公开」)
    glued: bool = False  # the label cell also holds the row's figures (「规章 0」): not readable reliably
    # Columns whose value is printed once for this row and the rows above it (a cell merged down a
    # group's sub-rows): not blank here.
    merged_down: frozenset[str] = frozenset()
    # Figures a text dump ran together that cannot be placed in the row's cells (then ``cells`` is
    # empty): the relations skip the row, the cell checks name what the figures still show.
    unplaced: Optional[Unplaced] = None


@dataclass(frozen=True)
class LogicalTable:
    spec: TableSpec
    blocks: tuple[int, ...]
    rows: tuple[FoundRow, ...]
    columns: frozenset[str]
    headers: Mapping[str, str] = field(default_factory=dict)  # column key -> its header's label key

    def row(self, key: str) -> Optional[FoundRow]:
        return next((r for r in self.rows if r.key == key), None)


def collapsed_groups(table: LogicalTable) -> list[tuple[FoundRow, list[str]]]:
    """Rows that print a group the format splits into member rows (「（六）其他处理」 alone), none of
    whose members the table has: each with the members' keys."""
    present = {r.key for r in table.rows if r.key is not None}
    groups: dict[str, list[str]] = {}
    for r in table.spec.rows:
        if r.group:
            groups.setdefault(label_key(r.group), []).append(r.key)
    out = []
    for row in table.rows:
        members = groups.get(label_key(row.text)) if row.key is None else None
        if members and not present.intersection(members):
            out.append((row, members))
            present.update(members)
    return out


@dataclass(frozen=True)
class ChildrenSum:
    """Tables 3 and 4 summed over a body's children's reports (the roster's, in one batch), for
    the rule comparing a parent's own figures with them: each cell by (table number, row key,
    column key); the children's files summed and the children without a report."""

    sums: tuple[tuple[tuple[int, str, str], float], ...]
    summed: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Report:
    """A recognised report. Compared and hashed by identity: what the checks derive from it is
    kept per report object (linter.checks.relations)."""

    document: Document
    ruleset: RuleSet
    sections: tuple[SectionHit, ...]
    tables: Mapping[str, LogicalTable]
    report_year: Optional[int] = None
    section_starts: tuple[tuple[int, str], ...] = field(default_factory=tuple)
    title: Optional[Title] = None
    evidence: EditionEvidence = field(default_factory=EditionEvidence)
    # The same body's report of the year before (tables only), for the year-to-year rules.
    previous: Optional["Report"] = None
    # The sum of its children's tables, when a batch with a roster holds them (the roll-up rule).
    children: Optional[ChildrenSum] = None
    # Section texts kept by a light copy (``tables_only``), whose body is gone.
    kept_texts: Mapping[str, str] = field(default_factory=dict, repr=False)

    def section_at(self, block: int) -> Optional[str]:
        """Canonical heading of the section containing ``block``."""
        starts = [start for start, _ in self.section_starts]
        i = bisect_right(starts, block)
        return self.section_starts[i - 1][1] if i else None

    def section_paragraphs(self, key: str) -> list[Paragraph]:
        """The paragraphs of a section (after its heading, up to the next section's heading)."""
        hit = next((h for h in sorted(self.sections, key=lambda h: h.block) if h.spec.key == key), None)
        if hit is None:
            return []
        later = [h.block for h in self.sections if h.block > hit.block]
        end = min(later) if later else len(self.document.blocks)
        start = hit.block if hit.implied else hit.block + 1
        return [b for b in self.document.blocks[start:end] if isinstance(b, Paragraph)]

    def section_text(self, key: str) -> str:
        """A section's text without whitespace (numbering labels included), traditional forms
        folded (what the content checks search for words in); a light copy
        (``tables_only``) keeps it for next year's report."""
        kept = self.kept_texts.get(key)
        if kept is not None:
            return kept
        return self.fold(strip_spaces("".join([p.full_text for p in self.section_paragraphs(key)])))

    def compact_text(self, para: Paragraph) -> str:
        """A paragraph's text with half-width figures and no whitespace, as the narrative, citation,
        period and parts checks read it (made once per paragraph, on first use)."""
        made = self._compact_texts
        found = made.get(para.index)
        if found is None:
            found = made[para.index] = strip_spaces(nfkc_numbers(para.full_text))
        return found

    def folded_text(self, para: Paragraph) -> str:
        """``compact_text`` with traditional forms as simplified characters, character for
        character: what a check searches for the format's words in; what it quotes it takes from
        ``compact_text`` at the same offsets, as the report wrote it."""
        if not self.traditional:
            return self.compact_text(para)
        made = self._folded_texts
        found = made.get(para.index)
        if found is None:
            found = made[para.index] = fold_traditional(self.compact_text(para))
        return found

    @cached_property
    def traditional(self) -> bool:
        """Whether the body holds any traditional form (most reports none: its text is searched as
        it is, with no folding per paragraph and check)."""
        return has_traditional("\n".join([b.label + b.text for b in self.document.blocks if isinstance(b, Paragraph)]))

    def fold(self, text: str) -> str:
        """``text`` with traditional forms folded, when the report has any (``traditional``)."""
        return fold_traditional(text) if self.traditional else text

    @cached_property
    def _compact_texts(self) -> dict[int, str]:
        return {}

    @cached_property
    def _folded_texts(self) -> dict[int, str]:
        return {}

    def location(self, block: int, **extra: object) -> Location:
        return Location(file=self.document.path, section=self.section_at(block), block=block, **extra)  # type: ignore[arg-type]

    def cell_location(self, table: LogicalTable, row: FoundRow, col_key: Optional[str]) -> Location:
        spec = table.spec
        cell = row.cells.get(col_key) if col_key else None
        return self.location(
            row.block,
            table=spec.number,
            row_label=(spec.row(row.key).label if row.key else collapse_spaces(row.text)) or None,
            column_label=spec.column(col_key).label if col_key else None,
            row=cell.phys_row if cell else row.phys_row,
            col=cell.phys_col if cell else None,
            text=cell.text if cell else None,
            xpath=cell.xpath if cell else None,
            # where the cell's own text is, when the reader or recognition knows it (a table written
            # one cell a line, read by the format's rows: each cell on its own line)
            line=cell.line if cell else None,
            column=cell.column if cell else None,
        )


# ---- sections ----------------------------------------------------------------------------------


def _section_keys(spec: SectionSpec) -> list[str]:
    return [label_key(t) for t in (spec.title, *spec.aliases)]


@dataclass(frozen=True)
class SectionIndex:
    """A rule set's section headings as label keys, once per rule set (not once per paragraph)."""

    specs: list[tuple[SectionSpec, list[str]]]
    exact: dict[str, tuple[SectionSpec, bool]]  # heading key -> the first section it names, is it the title
    keys: frozenset[str]
    joined: dict[str, SectionSpec] = field(default_factory=dict)  # ``joined_key`` of each heading key


def section_index(sections: tuple[SectionSpec, ...]) -> SectionIndex:
    """Heading keys of a rule set's sections (its Recogniser keeps them)."""
    specs = [(s, _section_keys(s)) for s in sections]
    exact: dict[str, tuple[SectionSpec, bool]] = {}
    joined: dict[str, SectionSpec] = {}
    for spec, keys in specs:
        for i, k in enumerate(keys):
            exact.setdefault(k, (spec, i == 0))
            joined.setdefault(joined_key(k), spec)
    return SectionIndex(specs, exact, frozenset(exact), joined)


def find_sections(doc: Document, rec: Recogniser) -> list[SectionHit]:
    index = rec.sections
    hits: list[SectionHit] = []
    for para in doc.paragraphs():
        if para.style.startswith(("toc", "TOC", "目录")):
            continue
        hit = _match_heading(para, index)
        if hit is not None:
            hits.append(hit)
    sections = rec.ruleset.sections
    if len({h.spec.key for h in hits}) < len(sections):
        hits = place_parts(doc, sections, hits)
    return hits


# A numbered heading: a numeral and its separator (「五、」, 「五.」, 「五 」), then a short title.
_NUMBERED = re.compile(r"^([一二三四五六七八九十]+)(?:[、.，．]|\s)")
# The first subheading of a part: 「（一）」, 「1.」, 「一是」.
_SUBHEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]是)")
_HEADING_CHARS = 40  # a heading's title is at most this long (a sentence is not a heading)
# A heading numbered with a digit (「1、总体情况」, 「3.收到和处理政府信息公开申请情况」).
_DIGIT_NUMBERED = re.compile(r"^(10|[1-9])[、.．](?!\d)")
_NUMERALS = "一二三四五六七八九十"
_RUN_IN_END = re.compile(r"[：:。；;]")


def _has_keyword(spec: SectionSpec, text: str) -> bool:
    return any(k in text for k in spec.keywords)


def place_parts(doc: Document, sections: tuple[SectionSpec, ...], hits: list[SectionHit]) -> list[SectionHit]:
    """The parts the template's wording did not find, found as a reviewer finds them: a heading
    with the part's number standing in the part's place (between the parts before and after it)
    is that part, whatever its wording (its key words choose between several), and one numbered
    with a digit is when titled as the part; a part without a heading line starts at the first
    subheading in its place that holds its key words."""
    found: dict[str, int] = {}  # part -> its (first) heading's block
    for h in hits:
        found[h.spec.key] = min(found.get(h.spec.key, h.block), h.block)
    blocks = doc.blocks
    numbered: list[tuple[int, str, str, str]] = []  # block, numeral, title key, shown text
    for para in doc.paragraphs():
        if para.style.startswith(("toc", "TOC", "目录")):
            continue
        key = label_key(para.full_text).lstrip("#")
        m = _NUMBERED.match(key)
        if m is None:
            continue
        title = key[m.end() :].lstrip("、.，．")
        end = _RUN_IN_END.search(title)
        run_in = end is not None and end.end() < len(title.rstrip(_TRAILING))
        if end is not None and run_in:
            title = title[: end.start()]
        if 2 <= len(title) <= _HEADING_CHARS:
            numbered.append(
                (para.index, m.group(1), title, para.full_text.strip()[:40] if run_in else para.full_text.strip())
            )
    # Parts numbered with digits: only a heading whose title is the part's own (its template title
    # or an alias), since subheadings are numbered so too.
    titled = {k: spec for spec in sections for k in _section_keys(spec)}
    digits: list[tuple[int, str, str]] = []  # block, the part it names, shown text
    for para in doc.paragraphs():
        key = label_key(para.full_text)
        d = _DIGIT_NUMBERED.match(key)
        named = titled.get(key[d.end() :].rstrip(_TRAILING)) if d else None
        if d is not None and named is not None and named.number == _NUMERALS[int(d.group(1)) - 1]:
            digits.append((para.index, named.key, para.full_text.strip()))
    placed = list(hits)
    for i, spec in enumerate(sections):
        if spec.key in found:
            continue
        lo = max((found[s.key] for s in sections[:i] if s.key in found), default=-1)
        hi = min((found[s.key] for s in sections[i + 1 :] if s.key in found), default=len(blocks))
        in_place = [n for n in numbered if n[1] == spec.number and lo < n[0] < hi]
        keyed = [n for n in in_place if _has_keyword(spec, n[2])]
        # By place alone only a heading that names no other part, between two parts that are there
        # (or first, before the next part).
        plain = [n for n in in_place if not any(_has_keyword(o, n[2]) for o in sections if o is not spec)]
        pick = (
            keyed[0]
            if keyed
            else (plain[0] if len(in_place) == 1 and plain and (lo >= 0 or hi < len(blocks)) else None)
        )
        if pick is None:
            # Numbered otherwise but worded as this part, in its place (「七、其他需说明事项」 for 六
            # where part 五 was split in two); never another part's number that is there.
            taken = {s.number for s in sections if s.key in found}
            renumbered = [n for n in numbered if lo < n[0] < hi and n[1] not in taken and _has_keyword(spec, n[2])]
            pick = renumbered[0] if renumbered else None
        if pick is None:
            # Numbered with a digit, titled as this part (「1、总体情况」), in its place.
            digit = next((d for d in digits if d[1] == spec.key and lo < d[0] < hi), None)
            pick = (digit[0], spec.number, "", digit[2]) if digit is not None else None
        if pick is not None:
            placed.append(SectionHit(spec, pick[0], pick[3], pick[1], False, worded=True))
            found[spec.key] = pick[0]
            continue
        start = _implied_start(doc, spec, lo, hi)
        if start is not None:
            first = blocks[start]
            assert isinstance(first, Paragraph)
            placed.append(SectionHit(spec, start, first.full_text.strip()[:40], "", False, implied=True))
            found[spec.key] = start
    return placed


def _implied_start(doc: Document, spec: SectionSpec, lo: int, hi: int) -> Optional[int]:
    """The first subheading holding the part's key words after the part before it (and after the
    tables that part holds), before the part after it: only between two parts that are there."""
    if lo < 0 or hi >= len(doc.blocks):
        return None
    after = lo
    for block in doc.blocks[lo + 1 : hi]:
        if isinstance(block, Table):
            after = block.index
    for block in doc.blocks[after + 1 : hi]:
        if not isinstance(block, Paragraph):
            continue
        key = label_key(block.full_text)
        if _SUBHEADING.match(key) and len(key) <= _HEADING_CHARS + 4 and _has_keyword(spec, key):
            return block.index
    return None


def _match_heading(para: Paragraph, index: SectionIndex) -> Optional[SectionHit]:
    key = label_key(para.full_text).rstrip(_TRAILING)
    if not key:
        return None
    specs = index.specs
    m = _HEADING_PREFIX.match(key)
    numeral = m.group(1) if m else ""
    body = key[m.end() :] if m else key
    if len(key) > 80:
        return _run_in_heading(para, specs, numeral, body)
    named = index.exact.get(body)
    if named is not None:
        bare = bool(numeral) and _BARE_NUMBER.match(para.full_text) is not None
        return SectionHit(named[0], para.index, para.full_text.strip(), numeral, named[1], bare=bare)
    joined = index.joined.get(joined_key(body)) if numeral else None
    if joined is not None and joined.number == numeral:
        # The template's title joined otherwise (「行政复议与行政诉讼」): a variant, not a typo.
        return SectionHit(joined, para.index, para.full_text.strip(), numeral, False)
    if body.rstrip("0123456789.…·-— ") in index.keys:
        return None  # a contents line: the heading followed by its page number
    run_in = _run_in_heading(para, specs, numeral, body)
    if run_in is not None:
        return run_in
    # A typo (「行政法复议」) still marks the section when the numeral is right and the wording close.
    for spec, keys in specs:
        if numeral == spec.number and len(body) <= 40:
            if any(SequenceMatcher(None, body, k).ratio() >= 0.85 for k in keys):
                # Words left out (「其他需报告的事项」) are a wording; anything else a typo.
                shorter = any(_leaves_out(body, k) for k in keys)
                return SectionHit(
                    spec, para.index, para.full_text.strip(), numeral, False, fuzzy=not shorter, worded=shorter
                )
    return None


def _leaves_out(short: str, long: str) -> bool:
    """``short`` is ``long`` with some characters left out."""
    chars = iter(long)
    return len(short) < len(long) and all(ch in chars for ch in short)


_RUN_IN_PUNCT = "：:。；;，,"


def _run_in_heading(
    para: Paragraph, specs: list[tuple[SectionSpec, list[str]]], numeral: str, body: str
) -> Optional[SectionHit]:
    """A heading run into its section's first sentence (「一、总体情况。2021年，……」), as pasted
    web text often is: the numeral must be the section's and the title followed by punctuation
    or by white space and a sentence (a contents line ends in a page number, not a sentence)."""
    if not numeral:
        return None
    raw = para.full_text.strip()
    for spec, keys in specs:
        if numeral != spec.number:
            continue
        for i, k in enumerate(keys):
            if not body.startswith(k) or len(body) == len(k):
                continue
            spaced = r"\s*".join(re.escape(ch) for ch in k)
            after_space = re.match(rf"^\s*{numeral}\s*[、.，．]?\s*{spaced}\s+\S.{{10,}}", raw, re.S)
            if body[len(k)] in _RUN_IN_PUNCT or after_space:
                return SectionHit(spec, para.index, raw[:40], numeral, i == 0)
    return None


# ---- tables ------------------------------------------------------------------------------------


def _table_keys(table: Table) -> set[str]:
    return {label_key(text) for text in table.texts if text.strip()}


def _score(keys: str, index: SpecIndex) -> int:
    """How many of the spec's signature labels occur inside the table's label keys (``keys``:
    joined by NUL, which no label key holds, so a signature matches inside one key only)."""
    return sum([s in keys for s in index.signature])


def classify(table: Table, indexes: Iterable[SpecIndex]) -> Optional[SpecIndex]:
    keys = "\0".join(k for k in _table_keys(table) if "\0" not in k)
    best: Optional[SpecIndex] = None
    best_score = 1
    for index in indexes:
        score = _score(keys, index)
        if score > best_score:
            best, best_score = index, score
    return best


_DIGIT_ENUM = re.compile(r"^(?:[（(](\d+)[）)]|(\d+)[.、．)）]?)(?=\D)")


def _enum_form(key: str) -> str:
    """One spelling for sub-item numbers: 「3、其他」, 「3．其他」, 「（3）其他」 are 「3.其他」."""
    return _DIGIT_ENUM.sub(lambda m: (m.group(1) or m.group(2)) + ".", key, count=1)


def _strip_enum(key: str) -> str:
    return _ENUM_PREFIX.sub("", key, count=1)


@dataclass
class _RowMatcher:
    spec: TableSpec
    exact: dict[str, str] = field(default_factory=dict)
    loose: dict[str, list[str]] = field(default_factory=dict)

    # label -> its place in ``exact``: of several labels a candidate ends with, the first wins
    order: dict[str, int] = field(default_factory=dict)
    ordered: list[str] = field(default_factory=list)  # the row keys of ``exact``, in that order
    named: dict[tuple[tuple[str, ...], str, str], tuple[Optional[str], bool, bool]] = field(
        default_factory=dict, repr=False, compare=False
    )  # what ``name`` found, by its arguments

    def __post_init__(self) -> None:
        for row in self.spec.rows:
            for text in (row.label, *row.aliases):
                k = _enum_form(label_key(text))
                if k:
                    self.exact[k] = row.key
                    self.loose.setdefault(_strip_enum(k), []).append(row.key)
        self.order = {k: i for i, k in enumerate(self.exact) if len(k) >= 4}
        self.ordered = list(self.exact.values())

    def match(self, candidates: list[str], strict: bool = False) -> Optional[str]:
        """The row key the first matching candidate (label key) names; ``strict``: exact labels
        and labels a candidate ends with only."""
        candidates = [_enum_form(c) for c in candidates]
        for cand in candidates:
            if cand in self.exact:
                return self.exact[cand]
        for cand in candidates:
            # The first label (in ``exact`` order) of 4+ characters that ``cand`` ends with:
            # look each suffix up instead of testing every label.
            ends = [self.order[cand[i:]] for i in range(len(cand) - 3) if cand[i:] in self.order]
            if ends:
                return self.ordered[min(ends)]
        if strict:
            return None
        for cand in candidates:
            stripped = _strip_enum(cand)
            keys = self.loose.get(stripped, [])
            if len(stripped) >= 4 and len(set(keys)) == 1:
                return keys[0]
        return None

    def name(self, candidates: tuple[str, ...], leaf: str, last: str) -> tuple[Optional[str], bool, bool]:
        """The row a data row's labels name (label keys ``candidates``; ``leaf``: its last label's
        key, ``last``: that label as printed), whether the label holds its figures too (glued) and
        whether it only resembles the format's (fuzzy); once per distinct row label in the process."""
        found = self.named.get((candidates, leaf, last))
        if found is None:
            key = self.match(list(candidates))
            glued = fuzzy = False
            if key is None:
                key = _glued(self, last)
                glued = key is not None
            if key is None:
                key = self.resemble([leaf])
                fuzzy = key is not None
            if len(self.named) >= _SEEN_LIMIT:
                self.named.clear()
            found = self.named[(candidates, leaf, last)] = (key, glued, fuzzy)
        return found

    def resemble(self, candidates: list[str]) -> Optional[str]:
        """The one row whose label is close to a candidate (ratio >= 0.8, clearly the best)."""
        for cand in (_strip_enum(_enum_form(c)) for c in candidates):
            if len(cand) < 4:
                continue
            scored = sorted(
                (
                    (SequenceMatcher(None, cand, k).ratio(), keys[0])
                    for k, keys in self.loose.items()
                    if len(set(keys)) == 1 and len(k) >= 4
                ),
                reverse=True,
            )
            if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 0.1):
                return scored[0][1]
        return None


@dataclass(frozen=True)
class SpecIndex:
    """What recognition derives from a table spec, once per rule set (its Recogniser keeps it)."""

    spec: TableSpec
    rows: _RowMatcher
    column_words: frozenset[str]
    column_variants: tuple[tuple[ColumnSpec, tuple[tuple[str, ...], ...]], ...]
    signature: tuple[str, ...]  # label keys of the signature labels
    # What recognition found for the header paths and the row label keys it has read before: most
    # reports print the format's headers and labels, so a process reads few distinct ones.
    mapped: dict[tuple[tuple[str, ...], ...], dict[str, int]] = field(default_factory=dict, compare=False, repr=False)
    data_labels: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)


_SEEN_LIMIT = 4096  # distinct header paths / label keys kept per table spec (a server reads many reports)


def spec_index(spec: TableSpec) -> SpecIndex:
    return SpecIndex(
        spec,
        _RowMatcher(spec),
        frozenset(_loose(p) for col in spec.columns for p in (*col.path, *col.aliases)),
        tuple(
            (col, (tuple(_loose(p) for p in col.path), *((_loose(a),) for a in col.aliases))) for col in spec.columns
        ),
        tuple(label_key(sig) for sig in spec.signature),
    )


def _column_paths(table: Table, header_rows: range) -> list[list[str]]:
    paths: list[list[str]] = []
    for c in range(table.n_cols):
        path: list[str] = []
        last: Optional[int] = None
        for r in header_rows:
            cell = table.rows[r][c] if c < len(table.rows[r]) else None
            if cell is None or id(cell) == last:
                continue
            last = id(cell)
            k = label_key(cell.text)
            if k:
                path.append(k)
        paths.append(path)
    return paths


def _is_subsequence(needle: Sequence[str], hay: Sequence[str]) -> bool:
    it = iter(hay)
    return all(any(n == h for h in it) for n in needle)


def _loose(text: str) -> str:
    """Header matching ignores brackets: 「第二十条第一项」 is 「第二十条第（一）项」."""
    return label_key(text).replace("（", "").replace("）", "")


def map_columns(index: SpecIndex, paths: list[list[str]]) -> dict[str, int]:
    """Column key -> grid column, by header label paths (spec path a subsequence of the header path);
    worked out once per distinct header in the process."""
    key = tuple(map(tuple, paths))
    found = index.mapped.get(key)
    if found is None:
        if len(index.mapped) >= _SEEN_LIMIT:
            index.mapped.clear()
        found = index.mapped[key] = _map_columns(index, paths)
    return dict(found)


def _map_columns(index: SpecIndex, paths: list[list[str]]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    used: set[int] = set()
    loose = [[_loose(p) for p in raw] for raw in paths]
    for col, variants in index.column_variants:
        for c, path in enumerate(loose):
            if c in used or not path:
                continue
            if any(path[-1] == v[-1] and _is_subsequence(v, path) for v in variants):
                mapping[col.key] = c
                used.add(c)
                # Skip the other grid columns of a horizontally merged header cell.
                break
    # A header misprinted (「先行有效件数」 for 现行有效件数) is its column when it alone resembles
    # it; the structure check names the misprint (the header is kept as printed).
    for col, variants in index.column_variants:
        if col.key in mapping:
            continue
        close = [
            c
            for c, path in enumerate(loose)
            if c not in used
            and path
            and any(_resembles(path[-1], v[-1]) and _is_subsequence(v[:-1], path[:-1]) for v in variants)
        ]
        if len(close) == 1:
            mapping[col.key] = close[0]
            used.add(close[0])
    # A header printed as the format's label and a note in brackets (「采购总金额（万元）」) is its
    # column when it alone is, for a label without brackets of its own (a unit the format writes in
    # its label, 「（单位：万元）」, is matched as printed).
    for col, variants in index.column_variants:
        if col.key in mapping or "（" in label_key(col.label):
            continue
        noted = [
            c
            for c, raw in enumerate(paths)
            if c not in used
            and raw
            and without_note(raw[-1]) != raw[-1]
            and any(_loose(without_note(raw[-1])) == v[-1] and _is_subsequence(v[:-1], loose[c][:-1]) for v in variants)
        ]
        if len(noted) == 1:
            mapping[col.key] = noted[0]
            used.add(noted[0])
    return mapping


_HEADER_RESEMBLES = 0.75


def _resembles(printed: str, label: str) -> bool:
    """A header as long as the format's label (give or take a character) and mostly the same."""
    return (
        len(label) >= 4
        and abs(len(printed) - len(label)) <= 1
        and SequenceMatcher(None, printed, label).ratio() >= _HEADER_RESEMBLES
    )


def _classify_rows(table: Table, index: SpecIndex) -> list[str]:
    """Per row: ``data``, ``header`` (part of a header group preceding data) or ``other``."""
    labelled = any(r.label for r in index.spec.rows)
    col_words = index.column_words
    kinds: list[str] = []
    for r in range(len(table.rows)):
        texts = [label_key(c.text) for c in table.origin_cells(r) if c.text.strip()]
        # A row's label comes first: a data row is known at its first cell, its figures unread.
        is_data = labelled and any(_names_row(index, t) for t in texts)
        has_col_word = not is_data and any(_loose(t) in col_words for t in texts)
        if not labelled:
            is_data = not has_col_word and "header" in kinds
        kinds.append("data" if is_data else ("header" if has_col_word else "other"))
    # A run of non-data rows right before data is one header group if it holds a column label.
    r = 0
    while r < len(kinds):
        if kinds[r] == "data":
            r += 1
            continue
        start = r
        while r < len(kinds) and kinds[r] != "data":
            r += 1
        run = kinds[start:r]
        is_header = "header" in run and (r < len(kinds) or start == 0 or not labelled)
        for k in range(start, r):
            kinds[k] = "header" if is_header else "other"
    return kinds


def _names_row(index: SpecIndex, key: str) -> bool:
    """Whether a cell's label key names one of the spec's rows (strictly, or with its figures
    typed into the label); once per distinct key in the process."""
    found = index.data_labels.get(key)
    if found is None:
        if len(index.data_labels) >= _SEEN_LIMIT:
            index.data_labels.clear()
        matcher = index.rows
        found = index.data_labels[key] = bool(matcher.match([key], strict=True) or _glued(matcher, key))
    return found


def _inherit(table: Table, inherited: dict[str, int]) -> dict[str, int]:
    """Column mapping for a continuation part without headers: align on the right edge."""
    width_prev = max(inherited.values()) + 1 if inherited else 0
    shift = table.n_cols - width_prev if table.n_cols != width_prev else 0
    return {k: v + shift for k, v in inherited.items() if 0 <= v + shift < table.n_cols}


def read_part(
    table: Table, index: SpecIndex, inherited: Optional[dict[str, int]]
) -> tuple[list[FoundRow], dict[str, int], dict[str, str]]:
    """Rows of one physical table (or part). Each header group re-maps the columns below it,
    which handles table 2's blocks and a continuation part that repeats the header."""
    spec, matcher = index.spec, index.rows
    kinds = _classify_rows(table, index)
    labelled = any(x.label for x in spec.rows)
    mapping: dict[str, int] = _inherit(table, inherited) if inherited else {}
    union: dict[str, int] = dict(mapping)
    headers: dict[str, str] = {}
    rows: list[FoundRow] = []
    spare: dict[str, tuple[int, ...]] = {}
    r = 0
    while r < len(table.rows):
        if kinds[r] == "header":
            start = r
            while r < len(table.rows) and kinds[r] == "header":
                r += 1
            paths = _column_paths(table, range(start, r))
            mapping = map_columns(index, paths)
            spare = _spare_columns(table, r - 1, mapping)
            union.update(mapping)
            headers.update({k: paths[c][-1] for k, c in mapping.items() if paths[c]})
            continue
        row = _read_row(table, r, spec, matcher, mapping, labelled, first=not rows, spare=spare)
        if row is not None:
            rows.append(row)
        r += 1
    return rows, union, headers


def _spare_columns(table: Table, header_row: int, mapping: dict[str, int]) -> dict[str, tuple[int, ...]]:
    """Per column key, the other grid columns its header cell spans that no other column takes
    (「本年增/减」 merged over two grid columns): where a row's cells are merged otherwise than the
    header's, the column's figure sits in one of them."""
    line = table.rows[header_row]
    taken = set(mapping.values())
    out: dict[str, tuple[int, ...]] = {}
    for key, c in mapping.items():
        cell = line[c] if c < len(line) else None
        if cell is not None and cell.colspan > 1:
            cols = tuple(x for x in range(cell.grid_col, cell.grid_col + cell.colspan) if x > c and x not in taken)
            if cols:
                out[key] = cols
    return out


def _read_row(
    table: Table,
    r: int,
    spec: TableSpec,
    matcher: _RowMatcher,
    mapping: dict[str, int],
    labelled: bool,
    first: bool,
    spare: Mapping[str, tuple[int, ...]] = {},
) -> Optional[FoundRow]:
    line = table.rows[r]
    label_limit = min(mapping.values()) if mapping else table.n_cols
    label_cells = [c for c in _unique(line[:label_limit]) if c is not None]
    own = [c for c in label_cells if c.grid_row == r and c.text.strip()]
    leaf = label_key(own[-1].text) if own else ""
    joined = "".join([label_key(c.text) for c in label_cells])
    own_joined = "".join([label_key(c.text) for c in own]) if len(own) != len(label_cells) else joined
    key: Optional[str] = None
    fuzzy = glued = False
    if own:
        key, glued, fuzzy = matcher.name(tuple([k for k in (leaf, own_joined, joined) if k]), leaf, own[-1].text)
    if key is None and not labelled and first:
        key = spec.rows[0].key
    cells: dict[str, Optional[Cell]] = {}
    width = len(line)
    has_values = any_cell = False
    merged_down: set[str] = set()
    for ckey, c in mapping.items():
        cell = line[c] if c < width else None
        if cell is not None and cell.grid_row == r and cell.grid_col < c and ckey in spare:
            # The cell before reaches over this column's first grid column (the row is merged
            # otherwise than the header): its figure is the row's own cell under the rest of its header.
            c = next((x for x in spare[ckey] if x < width and _origin(line[x], r, x)), c)
            cell = line[c]
        if cell is not None and cell.grid_row == r and cell.grid_col == c:
            cells[ckey] = cell
            any_cell = True
            has_values = has_values or bool(cell.text.strip())
        else:
            cells[ckey] = None
            if cell is not None and cell.grid_row < r and cell.grid_col == c and cell.text.strip():
                merged_down.add(ckey)
    unlabelled_first = not labelled and first and any_cell
    if not own and not has_values and not unlabelled_first:
        return None  # spacer row, or the tail of a vertical merge
    phys = next((c.phys_row for c in line if c is not None and c.grid_row == r), r + 1)
    text = collapse_spaces(own[0].text) if len(own) == 1 else collapse_spaces(" ".join([c.text for c in own]))
    return FoundRow(
        key=key,
        text=text,
        block=table.index,
        phys_row=phys,
        cells=cells,
        fuzzy=fuzzy,
        glued=glued,
        merged_down=frozenset(merged_down),
    )


def _origin(cell: Optional[Cell], r: int, c: int) -> bool:
    return cell is not None and cell.grid_row == r and cell.grid_col == c


def _glued(matcher: _RowMatcher, text: str) -> Optional[str]:
    """The row a label cell names when the row's figures were typed into it too (「规章 0」)."""
    m = _GLUED_FIGURES.match(text.strip())
    if m is None:
        return None
    return matcher.exact.get(_enum_form(label_key(m.group("label"))))  # the whole label, nothing around it


RUN_TOGETHER = "cells-run-together"  # the text reader's notice on a table kept as one cell
ONE_PER_LINE = "cells-one-per-line"  # the same on a table whose cells are its lines


def read_run_together(doc: Document, tables: Mapping[str, LogicalTable]) -> tuple[Document, dict[str, LogicalTable]]:
    """Tables a text dump ran together or wrote one cell a line, read where each row fits one split
    only (see linter/recognise/runtogether.py); their notices go, the others' stay."""
    found = dict(tables)
    read: set[int] = set()
    unsplit: list[Notice] = []
    unfit: dict[int, str] = {}  # block -> the row of a one-cell-a-line table that keeps it unread
    notices = {n.block: n.code for n in doc.notices if n.code in (RUN_TOGETHER, ONE_PER_LINE)}
    for key, table in tables.items():
        if len(table.blocks) != 1 or table.blocks[0] not in notices:
            continue
        block = doc.blocks[table.blocks[0]]
        split = split_table if notices[block.index] == RUN_TOGETHER else split_cell_lines
        rows = split(block, table.spec) if isinstance(block, Table) else None
        if isinstance(rows, Unfit):
            unfit[block.index] = rows.sample
            continue
        if rows is None:
            continue
        found_rows = tuple(
            FoundRow(
                row.key,
                row.text if row.fuzzy or row.key is None else table.spec.row(row.key).label,
                block.index,
                i + 1,
                dict(row.cells),
                fuzzy=row.fuzzy,
                unplaced=row.unplaced,
            )
            for i, row in enumerate(rows)
        )
        columns = frozenset(k for row in rows for k, _c in row.cells) | frozenset(
            k for row in rows if row.unplaced is not None for k in row.unplaced.columns
        )
        found[key] = LogicalTable(table.spec, table.blocks, found_rows, columns, header_words(rows, table.spec))
        read.add(block.index)
        unsplit += [_unsplit_notice(row) for row in found_rows if row.unplaced is not None and not row.unplaced.short]
    if read or unfit:
        kept = tuple(
            replace(n, message=unfit[n.block], params=(("sample", unfit[n.block]),))
            if n.code == ONE_PER_LINE and n.block in unfit
            else n
            for n in doc.notices
            if not (n.code in (RUN_TOGETHER, ONE_PER_LINE) and n.block in read)
        )
        doc = replace(doc, notices=kept + tuple(unsplit))
    return doc, found


PADDED = "rows-padded"  # the text reader's notice on a table whose rows are padded, spans dropped
AMBIGUOUS = "ambiguous-layout"


def read_padded(
    doc: Document, tables: Mapping[str, LogicalTable], rec: Recogniser
) -> tuple[Document, dict[str, LogicalTable]]:
    """Tables whose rows a text view padded to one width, row and column spans dropped (the text
    reader's ``rows-padded``): each row is read by the format's columns, in their order, after its
    labels. A table a row of which does not fit (fewer cells after its labels than the row has
    columns, or figures past them) is not read: RL-PARSE-001 names the row, no cell or row of it is
    reported missing."""
    padded = {n.block for n in doc.notices if n.code == PADDED}
    found = dict(tables)
    unread: list[Notice] = []
    for key, table in tables.items():
        blocks = [doc.blocks[b] for b in table.blocks]
        if not all(b.index in padded and isinstance(b, Table) for b in blocks):
            continue
        rows: list[FoundRow] = []
        marks: list[SplitRow] = []
        for block in blocks:
            assert isinstance(block, Table)
            part = _padded_rows(block, rec.tables[key], first=not rows)
            if isinstance(part, int):
                unread.append(
                    Notice(AMBIGUOUS, f"padded row {part}", block.index, None, None, True, (("row", str(part)),))
                )
                found[key] = LogicalTable(table.spec, table.blocks, (), frozenset())
                break
            rows += part[0]
            marks += part[1]
        else:
            columns = frozenset(
                [k for row in rows for k, cell in row.cells.items() if cell is not None]
                + [k for row in rows if row.unplaced is not None for k in row.unplaced.columns]
            )
            found[key] = LogicalTable(table.spec, table.blocks, tuple(rows), columns, header_words(marks, table.spec))
    return (replace(doc, notices=doc.notices + tuple(unread)) if unread else doc), found


def _padded_rows(table: Table, index: SpecIndex, first: bool) -> tuple[list[FoundRow], list[SplitRow]] | int:
    """The rows of one padded table, and for the header words each data row with the header text
    printed since the row before; or the 1-based row that does not fit. A row's labels are its
    leading text cells up to the last that names a row of the format (a text written in a value
    cell, 「/」, is a value)."""
    spec, matcher = index.spec, index.rows
    labelled = any(r.label for r in spec.rows)
    groups = {_enum_form(label_key(r.group)): r.group for r in spec.rows if r.group}
    rows: list[FoundRow] = []
    marks: list[SplitRow] = []
    header = ""
    for r in range(len(table.rows)):
        cells = list(table.origin_cells(r))
        keys = [label_key(c.text) for c in cells]
        lead = next((j for j, c in enumerate(cells) if parse_value(c.text).kind != "text"), len(cells))
        k = next((j + 1 for j in range(lead - 1, -1, -1) if matcher.match([keys[j]], strict=True)), lead)
        figures = any(parse_value(c.text).kind == "number" for c in cells[k:])
        key = matcher.match([keys[k - 1], "".join(keys[:k])]) or matcher.resemble([keys[k - 1]]) if k else None
        # a group's label with figures of its own: the group printed as one row (the 2019 layout of （六）)
        group = groups.get(_enum_form(keys[k - 1])) if k and key is None and figures else None
        if key is not None:
            columns = row_columns(spec, spec.row(key))
        elif group is not None:
            columns = row_columns(spec, next(x for x in spec.rows if x.group == group))
        elif not labelled and k == 0 and figures and first and not rows:
            columns = list(spec.columns)
        elif figures:  # a row the format does not have: named by the structure check
            text = collapse_spaces(" ".join(c.text for c in cells[:k]))
            rows.append(FoundRow(None, text, table.index, cells[0].phys_row, {}))
            continue
        else:
            header += "".join(keys)
            continue
        rest = cells[k:]
        if len(rest) < len(columns) or any(c.text.strip() for c in rest[len(columns) :]):
            return r + 1
        mapping = {col.key: k + i for i, col in enumerate(columns)}
        row = _read_row(table, r, spec, matcher, mapping, labelled, first=first and not rows)
        if row is None:
            continue
        shown = rest[: len(columns)]
        filled = [c for c in shown if c.text.strip()]
        if filled and not shown[-1].text.strip():
            # Its figures end before its last column: a view that leaves empty cells out pads a
            # row the same way, so which of its cells are blank cannot be told.
            printed = " ".join(c.text.strip() for c in filled)
            where = (filled[0].line, filled[0].column)
            row = replace(row, cells={}, unplaced=Unplaced(printed, tuple(c.key for c in columns), True, *where))
        if key is None and group is not None:
            row = replace(row, key=None, text=group)
        rows.append(row)
        marks.append(SplitRow(row.key, [(c, cell) for c, cell in row.cells.items() if cell is not None], text=header))
        header = ""
    return rows, marks


ROW_RUN_TOGETHER = "row-cells-run-together"  # a row of a read table whose figures fit several splits


def _unsplit_notice(row: FoundRow) -> Notice:
    """A reading problem for a row whose figures fit several splits: its cells are not checked."""
    figures = row.unplaced.figures if row.unplaced is not None else ""
    return Notice(
        ROW_RUN_TOGETHER,
        f"figures run together: {row.text} {figures}",
        row.block,
        row.phys_row,
        None,
        False,
        (("sample", figures), ("row_label", row.text)),
    )


def glued_notices(tables: Mapping[str, LogicalTable]) -> tuple[Notice, ...]:
    """A reading problem per row whose label cell holds its figures: the row's values cannot be
    told apart from its label, so no rule checks that row (RL-PARSE-001 says so instead)."""
    return tuple(
        Notice(
            "label-value-glued",
            f"label and figures in one cell: {row.text}",
            row.block,
            row.phys_row,
            None,
            True,
            (("sample", row.text), ("row_label", row.text)),
        )
        for table in tables.values()
        for row in table.rows
        if row.glued
    )


def _unique(cells: Iterable[Optional[Cell]]) -> list[Optional[Cell]]:
    out: list[Optional[Cell]] = []
    seen: set[int] = set()
    for c in cells:
        if c is None or id(c) in seen:
            continue
        seen.add(id(c))
        out.append(c)
    return out


def find_tables(doc: Document, rec: Recogniser) -> dict[str, LogicalTable]:
    indexes = list(rec.tables.values())
    found: dict[str, LogicalTable] = {}
    open_key: Optional[str] = None
    mapping: Optional[dict[str, int]] = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.strip() and open_key and _HEADING_PREFIX.match(label_key(block.full_text)):
                open_key = None  # a numbered heading closes a table that could continue
            continue
        index = classify(block, indexes)
        if index is None and open_key is not None:
            # Too few labels to classify alone: a continuation if its rows belong to the open table.
            rows, part_mapping, headers = read_part(block, rec.tables[open_key], mapping)
            if any(r.key is not None for r in rows):
                index = rec.tables[open_key]
        if index is None:
            continue
        spec = index.spec
        existing = found.get(spec.key)
        if existing is not None and open_key != spec.key:
            continue  # a second, separate copy: the first one counts
        rows, part_mapping, headers = read_part(block, index, mapping if existing is not None else None)
        if existing is not None:
            found[spec.key] = LogicalTable(
                spec,
                existing.blocks + (block.index,),
                existing.rows + tuple(rows),
                existing.columns | frozenset(part_mapping),
                {**headers, **existing.headers},
            )
        else:
            found[spec.key] = LogicalTable(spec, (block.index,), tuple(rows), frozenset(part_mapping), headers)
        mapping = part_mapping or mapping
        open_key = spec.key
    return found


@dataclass(frozen=True)
class Recogniser:
    """What recognition looks a rule set's labels up in, built once per rule set: its section
    headings as label keys, and per table spec the row matcher, column words and signature keys."""

    ruleset: RuleSet
    sections: SectionIndex
    tables: Mapping[str, SpecIndex]  # by table key, in the rule set's order

    @classmethod
    def of(cls, ruleset: RuleSet) -> "Recogniser":
        return cls(
            ruleset, section_index(ruleset.sections), {key: spec_index(spec) for key, spec in ruleset.tables.items()}
        )


_RECOGNISERS: dict[int, Recogniser] = {}  # by id() of the rule set, which its recogniser keeps alive


def recogniser(ruleset: RuleSet) -> Recogniser:
    """The rule set's recogniser, built on its first report (rule sets are loaded once per process)."""
    rec = _RECOGNISERS.get(id(ruleset))
    if rec is None:
        if len(_RECOGNISERS) >= 64:  # rule files loaded again and again (a long-running server)
            _RECOGNISERS.clear()
        rec = _RECOGNISERS[id(ruleset)] = Recogniser.of(ruleset)
    return rec


def _own_edition(ruleset: RuleSet) -> tuple[Applies, ...]:
    return (ruleset.applies,) if ruleset.applies is not None else ()


def recognise(
    doc: Document,
    ruleset: RuleSet,
    evidence: Optional[EditionEvidence] = None,
    previous: Optional[Report] = None,
    identity: Optional[Identity] = None,
) -> Report:
    """``evidence`` and ``identity`` (title, year), when the caller has them, are not looked for again."""
    rec = recogniser(ruleset)
    sections = find_sections(doc, rec)
    tables = find_tables(doc, rec)
    if any(n.code in (RUN_TOGETHER, ONE_PER_LINE) for n in doc.notices):
        doc, tables = read_run_together(doc, tables)
    if any(n.code == PADDED for n in doc.notices):
        doc, tables = read_padded(doc, tables, rec)
    glued = glued_notices(tables)
    if glued:
        doc = replace(doc, notices=doc.notices + glued)
    starts = tuple((h.block, h.spec.heading) for h in sorted(sections, key=lambda h: h.block))
    evidence = evidence if evidence is not None else table_evidence(doc, _own_edition(ruleset))
    identity = identity or identify(doc, evidence)
    return Report(
        doc,
        ruleset,
        tuple(sections),
        tables,
        identity.year,
        starts,
        title=identity.title,
        evidence=evidence,
        previous=previous,
    )


def tables_only(report: Report) -> Report:
    """A light copy for use as another report's ``previous``: tables and year, no body text."""
    doc = Document(report.document.path, report.document.format, ())
    texts = {h.spec.key: report.section_text(h.spec.key) for h in report.sections}
    return Report(doc, report.ruleset, (), report.tables, report.report_year, (), title=report.title, kept_texts=texts)
