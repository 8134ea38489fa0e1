"""Figures the narrative quotes versus the table cells they repeat (RL-NAR-001/002/003).

One check kind, ``narrative``, driven wholly by YAML: each quote names a pattern, the units it
counts in, the table, its accepted readings (sets of rows whose cells it may mean) and the
columns. ``measure`` chooses what is compared: the count itself, a share 「占X%」 that follows
it, or a year-on-year change 「同比增长X%」 against last year's report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any, Iterator, Literal, NamedTuple, Optional
from weakref import WeakKeyDictionary

from linter.checks.draft import Draft
from linter.i18n import Listing, Msg, Translated
from linter.checks.kind import Kind, regex
from linter.checks.localize import Figure
from linter.model import Location, Paragraph
from linter.recognise.report import FoundRow, LogicalTable, Report
from linter.ruleset.params import ParamError
from linter.ruleset.specs import RuleSet
from linter.recognise.values import format_number, parse_value

_DIGIT = re.compile(r"\d")
UNIT = "{unit}"  # in a quote's pattern: any of the quote's units


@dataclass(frozen=True)
class QuoteParams:
    what: str
    pattern: str  # group 1 (or the group named n) is the figure; ``{unit}`` stands for the units
    table: str
    columns: tuple[str, ...]
    context: tuple[str, ...] = ()  # words one of which the sentence must hold
    unless: tuple[str, ...] = ()  # words none of which the sentence may hold
    editions: tuple[int, ...] = ()
    readings: tuple[tuple[str, ...], ...] = ()  # row-key sets the quote may mean; the first is named
    of: tuple[tuple[str, ...], ...] = ()  # shares: the row sets a percentage may be taken of
    units: tuple[str, ...] = ()  # this quote's units, instead of the check's
    what_en: Optional[str] = None
    row: Optional[str] = None  # shorthand for readings: [[row]]
    or_rows: tuple[str, ...] = ()  # shorthand for a second reading


@dataclass(frozen=True)
class NarrativeParams:
    quotes: tuple[QuoteParams, ...]
    units: tuple[str, ...]  # the units quotes count in (件, 起, 份)
    measure: Literal["count", "share", "change"] = "count"
    tail: str = ""  # appended to each pattern for shares and changes (named groups pct, dir)
    up: tuple[str, ...] = ()  # changes: words of an increase (the first one is written in a message)
    down: tuple[str, ...] = ()  # changes: words of a decrease


@dataclass(frozen=True)
class Quote:
    """A narrative quote of a figure, compiled with its rule set."""

    what: str
    what_en: str
    regex: re.Pattern[str]  # the pattern, units filled in, and the check's tail
    table: str
    columns: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]  # row-key sets the quote may mean; () is a table's only row
    of: tuple[tuple[str, ...], ...]  # shares: the row sets a percentage may be taken of
    units: tuple[str, ...]
    context: tuple[str, ...]
    unless: tuple[str, ...]


@dataclass(frozen=True)
class CompiledNarrative:
    quotes: tuple[Quote, ...]  # this edition's
    measure: str
    up: tuple[str, ...]
    down: tuple[str, ...]


class Narrative(Kind[NarrativeParams, CompiledNarrative]):
    """Each sentence quoting a figure is compared with the table: the first place each quote
    matches in each sentence, one finding per figure."""

    Params = NarrativeParams

    def compile(self, params: NarrativeParams, ruleset: RuleSet) -> CompiledNarrative:
        if not params.quotes:
            raise ParamError("quotes", Msg.of("param.no_quote"))
        for key in ("up", "down"):
            if params.measure == "change" and not getattr(params, key):
                raise ParamError(key, Msg.of("param.change_words"))
        edition = ruleset.edition
        quotes = tuple(
            _compile_quote(params, quote, ruleset, f"quotes[{i}]")
            for i, quote in enumerate(params.quotes)
            if edition is None or not quote.editions or edition in quote.editions  # not the other edition's
        )
        return CompiledNarrative(quotes, params.measure, params.up, params.down)

    def run(self, report: Report, compiled: CompiledNarrative) -> Iterator[Draft]:
        return _narrative(report, compiled)


def _compile_quote(params: NarrativeParams, quote: QuoteParams, ruleset: RuleSet, at: str) -> Quote:
    """A quote compiled: it names known rows and columns, and its pattern counts in its units."""
    units = quote.units or params.units
    if UNIT not in quote.pattern and not any(u in quote.pattern for u in units):
        raise ParamError(at + ".pattern", Msg.of("param.units", units=Listing(units), unit=UNIT))
    pattern = quote.pattern.replace(UNIT, "(?:" + "|".join(re.escape(u) for u in units) + ")")
    compiled = regex(pattern + params.tail, at + ".pattern")
    if quote.table not in ruleset.tables:
        raise ParamError(at + ".table", Msg.of("param.unknown_table", key=quote.table))
    rows, columns = ruleset.known_keys.get(quote.table, (frozenset(), frozenset()))
    for col in quote.columns:
        if col not in columns:
            raise ParamError(at + ".columns", Msg.of("param.unknown_column", key=col, table=quote.table))
    readings = list(quote.readings)
    if quote.row:
        readings.insert(0, (quote.row,))
    if quote.or_rows:
        readings.append(quote.or_rows)
    for field_, sets in (("readings", readings), ("of", quote.of)):
        for keys in sets:
            for key in keys:
                if key not in rows:
                    raise ParamError(f"{at}.{field_}", Msg.of("param.unknown_row", key=key, table=quote.table))
    needed = {"share": ("pct",), "change": ("pct", "dir")}.get(params.measure, ())
    missing = [g for g in needed if g not in compiled.groupindex]
    if missing:
        groups = Listing(tuple(missing))
        raise ParamError(at + ".pattern", Msg.of("param.measure_groups", measure=params.measure, groups=groups))
    return Quote(
        quote.what,
        quote.what_en or quote.what,
        compiled,
        quote.table,
        quote.columns,
        tuple(readings),
        quote.of,
        units,
        quote.context,
        quote.unless,
    )


SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


@dataclass(frozen=True)
class _Value:
    value: Decimal
    cells: tuple[tuple[FoundRow, str], ...]  # the (row, column) cells summed
    blank: bool = False  # one of them is blank (counted as 0)


def table_value(table: Optional[LogicalTable], rows: tuple[str, ...], columns: tuple[str, ...]) -> Optional[_Value]:
    """Sum of ``columns`` over the rows ``rows`` (none: the table's single data row); None when a
    row or cell is missing or holds text (the structure and value rules report those)."""
    if table is None:
        return None
    found = [table.row(k) for k in rows] if rows else [next((r for r in table.rows if r.key is not None), None)]
    total = Decimal(0)
    blank = False
    cells: list[tuple[FoundRow, str]] = []
    for row in found:
        if row is None:
            return None
        for col in columns:
            if col not in row.cells:
                return None
            cell = row.cells[col]
            parsed = parse_value(cell.text if cell is not None else None)
            if parsed.kind == "text":
                return None
            blank = blank or parsed.kind == "blank"
            total += parsed.as_number()
            cells.append((row, col))
    return _Value(total, tuple(cells), blank)


def _readings(report: Report, quote: Quote, rows_list: tuple[tuple[str, ...], ...]) -> list[_Value]:
    """The values the quote's readings (``rows_list``) give."""
    table = report.tables.get(quote.table)
    values = (table_value(table, rows, quote.columns) for rows in rows_list or ((),))
    return [v for v in values if v is not None]


def _related(report: Report, quote: Quote, *values: _Value) -> tuple[Location, ...]:
    table = report.tables[quote.table]
    out: list[Location] = []
    for v in values:
        out.extend(report.cell_location(table, row, col) for row, col in v.cells)
    return tuple(dict.fromkeys(out))


def _decimals(token: str) -> int:
    return len(token.split(".", 1)[1]) if "." in token else 0


def printed(value: Decimal, decimals: int) -> Decimal:
    """``value`` rounded half-up to ``decimals`` places, as a report prints a percentage."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def agrees(quoted: str, exact: Decimal) -> bool:
    """A printed percentage agrees with the exact one if it is that value rounded or truncated to
    the printed precision (both are common in reports)."""
    d = _decimals(quoted)
    step = Decimal(1).scaleb(-d)
    q = Decimal(quoted)
    return q in (printed(exact, d), exact.quantize(step, rounding=ROUND_DOWN))


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return part * 100 / whole


def _narrative(report: Report, check: CompiledNarrative) -> Iterator[Draft]:
    measure = check.measure
    if measure == "change" and report.previous is None:
        return  # year-on-year changes need last year's report
    quotes = [q for q in check.quotes if measure != "share" or q.of]  # shares: the quotes that define them
    if not quotes:
        return
    for quote, m, sentence, block in _quoted(report, quotes):
        draft = _compare(report, check, measure, quote, m, sentence, block)
        if draft is not None:
            yield draft


def _quoted(report: Report, quotes: list[Quote]) -> Iterator[tuple[Quote, re.Match[str], str, int]]:
    """Each figure the quotes find: the first place each quote matches in each sentence."""
    units = tuple(dict.fromkeys(u for q in quotes for u in q.units))
    for para, raw, sentences in _figures(report):
        if not any(u in raw for u in units):
            continue  # every quote counts in one of its units
        for sentence, printed in sentences:
            present = {u for u in units if u in sentence}
            if not present:
                continue
            seen: set[tuple[str, int]] = set()  # (what, where): two patterns of one quote, one figure
            for quote in quotes:
                if present.isdisjoint(quote.units):
                    continue
                if quote.context and not any(w in sentence for w in quote.context):
                    continue
                if quote.unless and any(w in sentence for w in quote.unless):
                    continue
                m = quote.regex.search(sentence)
                if not m:
                    continue
                figure = (quote.what, m.start("n" if "n" in quote.regex.groupindex else 1))
                if figure in seen:
                    continue
                seen.add(figure)
                yield quote, m, printed, para.index


def quoted_figures(report: Report, ruleset: RuleSet, table_key: str) -> list[Figure]:
    """The counts the narrative quotes of a table's cells, each with the one reading it can have
    (「行政复议结果维持72件」 is that cell): evidence for which cell of a failed relation is wrong."""
    quotes = [
        q
        for rule in ruleset.rules
        for c in rule.checks
        if isinstance(c.compiled, CompiledNarrative) and c.compiled.measure == "count"
        for q in c.compiled.quotes
        if q.table == table_key and len(q.readings) <= 1
    ]
    out: list[Figure] = []
    for quote, m, _sentence, _block in _quoted(report, quotes):
        readings = _readings(report, quote, quote.readings)
        if len(readings) == 1:
            keys = tuple((row.block, row.phys_row, col) for row, col in readings[0].cells)
            out.append((keys, Decimal(_figure(m))))
    return list(dict.fromkeys(out))


_Sentences = tuple[tuple[str, str], ...]  # (as searched, traditional forms folded; as printed)
_FIGURES: WeakKeyDictionary[Report, list[tuple[Paragraph, str, _Sentences]]] = WeakKeyDictionary()


def _figures(report: Report) -> list[tuple[Paragraph, str, _Sentences]]:
    """The paragraphs holding a figure, each with its text (traditional forms folded) and its
    sentences that do (compact text, searched with traditional forms folded, quoted as printed);
    found once per report, for every narrative check and the localization's evidence."""
    found = _FIGURES.get(report)
    if found is None:
        found = _FIGURES[report] = _find_figures(report)
    return found


def _find_figures(report: Report) -> list[tuple[Paragraph, str, _Sentences]]:
    found = []
    for para in report.document.paragraphs():
        if _DIGIT.search(para.full_text):  # full-width digits are \d too
            folded, printed = report.folded_text(para), report.compact_text(para)
            if folded is printed:  # no traditional form: the common case, each sentence searched as printed
                sentences = tuple((s, s) for s in SENTENCE.findall(printed) if _DIGIT.search(s))
            else:
                sentences = tuple(
                    (m.group(0), printed[m.start() : m.end()])
                    for m in SENTENCE.finditer(folded)
                    if _DIGIT.search(m.group(0))
                )
            if sentences:
                found.append((para, report.fold(para.full_text), sentences))
    return found


def _figure(m: re.Match[str]) -> str:
    """The quoted figure: the group named ``n``, else group 1."""
    return m.group("n") if "n" in m.re.groupindex else m.group(1)


def _compare(
    report: Report, params: CompiledNarrative, measure: str, quote: Quote, m: re.Match[str], sentence: str, block: int
) -> Optional[Draft]:
    readings = _readings(report, quote, quote.readings)
    if not readings:
        return None
    at = _At(report, quote, sentence, block)
    if measure == "count":
        return _count(report, quote, readings, _figure(m), at)
    if measure == "share":
        return _share(report, quote, readings, _figure(m), m.group("pct"), at)
    return _change(report, params, quote, m.group("dir"), m.group("pct"), at)


class _At(NamedTuple):
    """Where a quote was found; its location and message parameters are made for a finding only."""

    report: Report
    quote: Quote
    sentence: str
    block: int

    def location(self) -> Location:
        return self.report.location(self.block, text=self.sentence)

    def params(self, **more: str) -> dict[str, Any]:
        quote = self.quote
        return {
            "what": Translated(quote.what, quote.what_en),
            "table": self.report.tables[quote.table].spec.number,
            "sentence": self.sentence,
            **more,
        }


def _count(report: Report, quote: Quote, readings: list[_Value], quoted: str, at: _At) -> Optional[Draft]:
    """The figure equals one of the quote's readings; a finding names the first."""
    if any(Decimal(quoted) == r.value for r in readings):
        return None
    value = format_number(readings[0].value)
    return Draft(
        "mismatch",
        at.location(),
        at.params(quoted=quoted, value=value),
        expected=value,
        actual=quoted,
        related=_related(report, quote, readings[0]),
    )


def _share(report: Report, quote: Quote, readings: list[_Value], quoted: str, pct: str, at: _At) -> Optional[Draft]:
    """The percentage is a reading (or the quoted figure) over one of the quote's totals. Not
    judged over a blank cell: the blank-cell rule names it, with the value its relations force."""
    readings = [r for r in readings if not r.blank]
    pairs = [(r, w) for r in readings for w in _readings(report, quote, quote.of) if w.value and not w.blank]
    if not pairs:
        return None
    parts = [r.value for r in readings] + [Decimal(quoted)]
    if any(agrees(pct, _percent(p, w.value)) for p in parts for _r, w in pairs):
        return None
    part, whole = pairs[0]
    value = format(printed(_percent(part.value, whole.value), _decimals(pct)), "f") + "%"
    return Draft(
        "share",
        at.location(),
        at.params(quoted=pct + "%", value=value, part=format_number(part.value), whole=format_number(whole.value)),
        expected=value,
        actual=pct + "%",
        related=_related(report, quote, part, whole),
    )


def _change(
    report: Report, params: CompiledNarrative, quote: Quote, direction: str, pct: str, at: _At
) -> Optional[Draft]:
    """The change is (this year − last year) / last year of one reading, in the direction written."""
    assert report.previous is not None
    down = direction in params.down
    table, before_table = report.tables.get(quote.table), report.previous.tables.get(quote.table)
    pairs = []
    for rows in quote.readings or ((),):
        now = table_value(table, rows, quote.columns)
        before = table_value(before_table, rows, quote.columns)
        if now is not None and before is not None and before.value:
            pairs.append((now, _percent(now.value - before.value, before.value), before))
    if not pairs:
        return None
    if any(agrees(pct, abs(change)) and (change == 0 or (change < 0) == down) for _n, change, _b in pairs):
        return None
    now, change, before = pairs[0]
    words = params.down if change < 0 else params.up
    value = words[0] + format(printed(abs(change), _decimals(pct)), "f") + "%"
    return Draft(
        "change",
        at.location(),
        at.params(
            quoted=direction + pct + "%", value=value, now=format_number(now.value), before=format_number(before.value)
        ),
        expected=value,
        actual=direction + pct + "%",
        related=_related(report, quote, now),
    )
