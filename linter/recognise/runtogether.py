"""Tables whose cells a text dump ran together, read where only one reading fits.

Portals' text views and crawlers print a table row as its label followed by its figures with no
separator (「规章000行政规范性文件008」, 「…尚未审结总计 000000000000000」). The text reader keeps
such a table as one cell and notes it unreadable. Here, knowing the format's rows and columns,
each row is split where exactly one split fits: as many digits as the row has cells (one digit
each), or one cell taking the whole figure (「行政事业性收费5949.09」). A row that fits several
splits (「640020470」 for seven cells) or has fewer figures than cells (「000000」 for seven: a cell
left blank) is kept with its figures unplaced: its label is read, its cells are not (the checks
name what its figures still show: a unit, a blank). A row that fits no split, a table most of whose
rows are unplaced, or text in which most of the format's rows are not found leaves the whole table
unread, and RL-PARSE-001 says so.

A table written one cell a line (a paragraph each, no bars or tabs) is read the same way, its lines
the cells: each row's cells are the lines after its label, as many as the row has columns; a row
with more or fewer leaves the table unread (``split_cell_lines``).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product
from typing import NamedTuple, Sequence

from linter.model import Cell, Table
from linter.recognise.normalize import joined_key, label_key
from linter.recognise.values import parse_value
from linter.ruleset.facts import format_facts
from linter.ruleset.specs import ColumnSpec, RowSpec, TableSpec

# A row's figures: digits (a decimal amount for a one-cell row); spaces inside are the dump's and
# mean nothing. A digit just before 「.」「、」 and a label is the next row's number (「0 0 002.其他」).
_FIGURES = re.compile(r"\d+(?:\.\d+)?")
_NEXT_ENUM = re.compile(r"\d[.、．](?=\D)")
_PART_NUMBER = re.compile(r"[一二三四五六七八九十]+、")


@lru_cache(maxsize=1)
def _money_unit() -> re.Pattern[str]:
    """The units of an amount (「万元」「元」, rules/format.yaml), longest first."""
    return re.compile("|".join(map(re.escape, sorted(format_facts().money_units, key=len, reverse=True))))


def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` as label keys character by character (no whitespace), and each character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        key = label_key(ch)
        if key:
            chars.append(key)
            offsets.append(i)
    return "".join(chars), offsets


_ENUM_MARK = re.compile(r"(\d)[、．]")


def _row_labels(spec: TableSpec) -> list[tuple[str, str]]:
    """(label key, row key) of every row label and alias, longest first: the label a row's
    figures follow is the longest the text before them ends with."""
    labels = [(_label_form(t), row.key) for row in spec.rows for t in (row.label, *row.aliases) if t]
    return sorted(labels, key=lambda item: len(item[0]), reverse=True)


def _label_form(text: str) -> str:
    """A label as compared here: its key, sub-item numbers as 「1.」, no joining words (「其他法律和
    行政法规禁止公开」 is the format's 「其他法律行政法规禁止公开」)."""
    return joined_key(_ENUM_MARK.sub(r"\1.", label_key(text)))


_RESEMBLES = 0.85  # a label this close to the format's is that row, worded otherwise


def _row_of(text: str, labels: list[tuple[str, str]]) -> tuple[str | None, int]:
    """The row whose label the text before a row's figures ends with, and, when it only
    resembles it (「行政机关不再受理其政府信息公开申请」 for 「…不再处理其…」), the length of the
    label in the text (0 when exact)."""
    key = next((k for label, k in labels if text.endswith(label)), None)
    if key is not None:
        return key, 0
    scored = [
        (SequenceMatcher(None, text[-len(label) :], label).ratio(), len(label), k)
        for label, k in labels
        if len(label) >= 6
    ]
    ratio, length, best = max(scored, default=(0.0, 0, None))
    return (best, length) if ratio >= _RESEMBLES else (None, 0)


def row_columns(spec: TableSpec, row: RowSpec) -> list[ColumnSpec]:
    """The columns a row has cells in: those of its block (a column path starting with the row's
    group, as in table 2), else every column."""
    own = [c for c in spec.columns if row.group and c.path and label_key(c.path[0]) == label_key(row.group)]
    return own or list(spec.columns)


def _runs(compact: str) -> list[tuple[int, int]]:
    """(start, end) of each row's figures in ``compact``, the next row's number left out."""
    runs: list[tuple[int, int]] = []
    for m in _FIGURES.finditer(compact):
        start, end = m.span()
        if _NEXT_ENUM.match(compact, end - 1) and "." not in m.group(0):
            end -= 1  # 「…0 0 002.其他法律…」: the 2 numbers the next row
        unit = _money_unit().match(compact, end)
        if unit is not None:
            end = unit.end()  # 「152.2万元」: the unit stays with its cell (a finding of its own)
        if end > start:
            runs.append((start, end))
    return runs


def _split(
    text: str,
    compact: str,
    offsets: list[int],
    spans: list[tuple[int, int]],
    count: int,
    totals: Sequence[tuple[int, Sequence[int]]] = (),
) -> list[tuple[str, int]] | None:
    """A row's figures (``spans`` of ``compact``) as ``count`` values with their offsets in
    ``text``, where one split fits (see ``_splits``)."""
    found = _splits(text, compact, offsets, spans, count, totals)
    return found[0] if len(found) == 1 else None


def _splits(
    text: str,
    compact: str,
    offsets: list[int],
    spans: list[tuple[int, int]],
    count: int,
    totals: Sequence[tuple[int, Sequence[int]]] = (),
) -> list[list[tuple[str, int]]]:
    """The splits of a row's figures that fit: the figures as the text spaced them, or one digit
    per cell, or (one cell) the whole figure; else every split writing each count without a
    leading zero whose totals add up. Two splits of the first kinds that disagree fit none."""
    unit = _money_unit().search(compact, spans[-1][0], spans[-1][1])
    if unit is not None and unit.end() == spans[-1][1] and count > 1:
        # 「00元」: the unit goes with the last cell, the figures before it are split.
        found = _splits(text, compact, offsets, spans[:-1] + [(spans[-1][0], unit.start())], count, totals)
        return [pieces[:-1] + [(pieces[-1][0] + unit.group(0), pieces[-1][1])] for pieces in found]
    digits = [(compact[i], offsets[i]) for s, e in spans for i in range(s, e)]
    tokens: list[tuple[str, int]] = []  # the figures as the text spaced them
    for s, e in spans:
        base = offsets[s]
        tokens += [
            (label_key(m.group(0)), base + m.start()) for m in re.finditer(r"\S+", text[base : offsets[e - 1] + 1])
        ]
    by_space = tokens if len(tokens) == count else None
    by_digit = digits if len(digits) == count and all(d.isdigit() for d, _at in digits) else None
    if count == 1 and by_space is None and by_digit is None and len(spans) == 1:
        s, e = spans[0]
        figure = compact[s:e]
        return [[(figure, offsets[s])]] if len(tokens) == 1 else []
    if by_space is not None and by_digit is not None and [t for t, _ in by_space] != [d for d, _ in by_digit]:
        return []
    points = sum(d == "." for d, _at in digits)
    if by_space is None and by_digit is None and points <= 1 and all(d.isdigit() or d == "." for d, _at in digits):
        return _candidates(digits, count, totals)  # a decimal point: in the last cell (an amount)
    pieces = by_space or by_digit
    return [pieces] if pieces is not None else []


_MAX_DIGITS = 24  # longer runs are not a row's counts
_MAX_SPLITS = 20000  # splits tried before a row is left unread


def _only_split(
    digits: list[tuple[str, int]], count: int, totals: Sequence[tuple[int, Sequence[int]]] = ()
) -> list[tuple[str, int]] | None:
    """The digits as ``count`` counts when only one split writes each count as it is written (no
    leading zero: 「0011」 for three cells is 0 0 11; 「2211」 fits three splits and none is taken).
    When several do, ``totals`` (a 总计 cell's index and the cells it sums) keeps those whose
    totals add up, and one that alone does is taken (「21710000218」: 217 1 0 0 0 0 218)."""
    found = _candidates(digits, count, totals)
    return found[0] if len(found) == 1 else None


def _candidates(
    digits: list[tuple[str, int]], count: int, totals: Sequence[tuple[int, Sequence[int]]] = ()
) -> list[list[tuple[str, int]]]:
    """Every split of the digits into ``count`` counts written without a leading zero whose
    ``totals`` add up (none past ``_MAX_SPLITS`` tried). A decimal point belongs to the last cell,
    an amount (「3922533.2」 for a count and an amount: 3 922533.2, 39 22533.2, …)."""
    if not count < len(digits) <= _MAX_DIGITS:
        return []
    point = next((i for i, (d, _at) in enumerate(digits) if d == "."), None)
    found: list[list[int]] = []
    tried = 0

    def cut(start: int, left: int, cuts: list[int]) -> None:
        nonlocal tried
        if tried > _MAX_SPLITS:
            return
        if left == 1:
            whole = digits[start][0] != "0" or len(digits) - start == 1 or digits[start + 1][0] == "."
            if whole and (point is None or start < point):
                tried += 1
                found.append([*cuts, start])
            return
        for end in range(start + 1, len(digits) - left + 2):
            if end - start > 1 and digits[start][0] == "0":
                break
            if point is not None and end > point:
                break  # the point stays in the last cell
            cut(end, left - 1, [*cuts, start])

    cut(0, count, [])
    if tried > _MAX_SPLITS:
        return []

    def values(starts: list[int]) -> list[tuple[str, int]]:
        ends = [*starts[1:], len(digits)]
        return [("".join(d for d, _at in digits[a:b]), digits[a][1]) for a, b in zip(starts, ends)]

    splits = [values(starts) for starts in found]
    if len(splits) > 1 and totals:
        splits = [v for v in splits if all(int(v[t][0]) == sum(int(v[i][0]) for i in parts) for t, parts in totals)]
    return splits


def _totals(columns: Sequence[ColumnSpec]) -> list[tuple[int, list[int]]]:
    """Each 总计 column's index and the columns it sums: those sharing its path before 「总计」."""
    out = []
    for t, col in enumerate(columns):
        path = col.path or (col.label,)
        if label_key(path[-1]) != label_key(format_facts().total_label):
            continue
        prefix = tuple(path[:-1])
        parts = [i for i, c in enumerate(columns) if i != t and tuple((c.path or (c.label,))[:-1]) == prefix]
        if parts:
            out.append((t, parts))
    return out


_SUB_NUMBER = re.compile(r"^\d+\.")


def _unnumbered(text: str, spec: TableSpec, after: str | None) -> str | None:
    """The format's row right after ``after`` when the text ends with its label printed without its
    sub-item number (「其他」 where 「3.其他」 follows row 2 of （六）其他处理)."""
    order = [r.key for r in spec.rows]
    nxt = order.index(after) + 1 if after in order else 0
    if nxt >= len(order):
        return None
    full = _label_form(spec.rows[nxt].label)
    label = _SUB_NUMBER.sub("", full, count=1)
    return spec.rows[nxt].key if label and label != full and text.endswith(label) else None


def _group_of(text: str, spec: TableSpec) -> str | None:
    """The group whose label the text before a row's figures ends with (「（六）其他处理」)."""
    groups = {r.group for r in spec.rows if r.group}
    return next((g for g in sorted(groups, key=len, reverse=True) if text.endswith(_label_form(g))), None)


class SplitRow(NamedTuple):
    key: str | None  # None: a group's label with figures of its own (the 2019 layout of （六）其他处理)
    cells: list[tuple[str, Cell]]  # (column key, cell)
    fuzzy: bool = False  # its label only resembles the format's
    text: str = ""  # its label as printed (compact)
    unplaced: Unplaced | None = None  # figures that cannot be placed in its cells (then ``cells`` is empty)


def _blank_rows_before(
    spec: TableSpec,
    key: str,
    form: str,
    seen: set[str],
    rows: list[SplitRow],
    line: int | None,
    column: int | None,
) -> None:
    """Rows whose labels the label text of row ``key`` holds before its own, printed with no
    figures at all (「…缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计3000003」): added
    to ``rows`` with blank cells at (``line``, ``column``), which is a reading of their own."""
    for empty in spec.rows:
        label = _label_form(empty.label)
        if (
            empty.key not in seen
            and empty.key != key
            and label
            and label in form[:-1]
            and form.index(label) + len(label) < len(form)
        ):
            blank = [
                (
                    col.key,
                    Cell("", len(rows), c + 1, phys_row=len(rows) + 1, phys_col=c + 1, line=line, column=column),
                )
                for c, col in enumerate(row_columns(spec, empty))
            ]
            seen.add(empty.key)
            rows.append(SplitRow(empty.key, blank, False, empty.label))


class Unplaced(NamedTuple):
    """A row's figures as printed when they cannot be placed in its cells: they fit several splits
    (``short`` False) or are fewer than the cells (``short``: a cell is blank, which one is not known)."""

    figures: str  # as printed, spaces kept (「0 00000」, 「1018703元」)
    columns: tuple[str, ...]  # the keys of the row's cells
    short: bool
    line: int | None = None
    column: int | None = None  # of the first figure in its line


def split_table(table: Table, spec: TableSpec) -> list[SplitRow] | None:
    """The rows of a one-cell run-together table, or None when a row fits no split or several, or
    a row of the format is not found."""
    origin = next(table.origin_cells(0), None)
    if origin is None or len(table.rows) != 1:
        return None
    text = origin.text
    compact, offsets = _compact(text)
    labelled = any(r.label for r in spec.rows)
    runs = _runs(compact)
    if not runs:
        return None

    def options_of(spans: list[tuple[int, int]], columns: list[ColumnSpec], row: int) -> list[list[tuple[str, Cell]]]:
        return [
            [
                (
                    col.key,
                    Cell(
                        value,
                        row,
                        c + 1,
                        phys_row=row + 1,
                        phys_col=c + 1,
                        line=origin.line,
                        column=(origin.column or 1) + at,
                    ),
                )
                for c, (col, (value, at)) in enumerate(zip(columns, pieces))
            ]
            for pieces in _splits(text, compact, offsets, spans, len(columns), _totals(columns))
        ]

    def cells_of(spans: list[tuple[int, int]], columns: list[ColumnSpec], row: int) -> list[tuple[str, Cell]] | None:
        options = options_of(spans, columns, row)
        return options[0] if len(options) == 1 else None

    if not labelled:
        # One data row after the header words (table 4): every figure of the text is a cell, up
        # to a numbered heading the dump ran on into (「…000000000000000五、信息处理费收取情况…000」).
        heading = _PART_NUMBER.search(compact, runs[0][1])
        if heading is not None:
            runs = [(s, e) for s, e in runs if e <= heading.start()]
        cells = cells_of(runs, list(spec.columns), 0)
        return [SplitRow(spec.rows[0].key, cells, False, compact[: runs[0][0]])] if cells is not None else None

    labels = _row_labels(spec)
    rows: list[SplitRow] = []
    open_rows: dict[int, list[list[tuple[str, Cell]]]] = {}  # rows more than one split fits
    pending: dict[int, Unplaced] = {}  # their figures, should no sum settle them
    seen: set[str] = set()
    previous = 0
    for start, end in runs:
        label_text = compact[previous:start]
        previous = end
        key, resembles = _row_of(_label_form(label_text), labels)
        if key is None:
            key = _unnumbered(_label_form(label_text), spec, rows[-1].key if rows else None)
        if key is None:
            group = _group_of(_label_form(label_text), spec)
            if group is None or group in seen:
                return None
            # A group the format splits, printed as one row: the row stands for the group (the
            # checks sum it as the group's first member), its members are not missing.
            members = [r for r in spec.rows if r.group == group]
            cells = cells_of([(start, end)], row_columns(spec, members[0]), len(rows))
            if cells is None:
                return None
            seen.update([group, *(m.key for m in members)])
            rows.append(SplitRow(None, cells, False, group))
            continue
        if key in seen:
            return None
        row_spec = spec.row(key)
        _blank_rows_before(
            spec, key, _label_form(label_text), seen, rows, origin.line, (origin.column or 1) + offsets[start]
        )
        columns = row_columns(spec, row_spec)
        options = options_of([(start, end)], columns, len(rows))
        unplaced = None
        if not options:
            digits = sum(ch.isdigit() for ch in compact[start:end])
            if not (digits < len(columns) and _WHOLE_COUNTS.fullmatch(compact[start:end])):
                return None  # more figures than cells, or not counts: no reading of this row
            unplaced = _unplaced(text, offsets, start, end, columns, origin, short=True)
            cells = []
        else:
            cells = options[0]
            if len(options) > 1:
                open_rows[len(rows)] = options  # settled below by the table's sums, or left unplaced
                unplaced = _unplaced(text, offsets, start, end, columns, origin, short=False)
        seen.add(key)
        shown = label_text
        if resembles:  # the printed label: the shortest tail of the text as long as the format's
            shown = next(
                (
                    label_text[i:]
                    for i in range(len(label_text) - 1, -1, -1)
                    if len(_label_form(label_text[i:])) >= resembles
                ),
                label_text,
            )
        rows.append(SplitRow(key, cells, resembles > 0, shown, unplaced if not cells else None))
        if cells and unplaced is not None:
            pending[len(rows) - 1] = unplaced
    if len(seen) * 3 < len(spec.rows) * 2:
        return None  # most of the format's rows not found: not this table's text, or not read right
    if open_rows:
        settled = _settle(rows, open_rows, spec)
        if settled is not None:
            rows = settled
        else:  # no sum settles them: their figures stay unplaced
            rows = [r._replace(cells=[], unplaced=pending[i]) if i in pending else r for i, r in enumerate(rows)]
    if sum(r.unplaced is not None for r in rows) * 2 > len(rows):
        return None  # most rows unplaced: the table is not read
    return rows  # a row of the format not printed at all is the structure rule's finding


# A row's figures that are whole counts (a short row's: its cells hold counts, spaces the dump's).
_WHOLE_COUNTS = re.compile(r"\d+")


def _unplaced(
    text: str, offsets: list[int], start: int, end: int, columns: list[ColumnSpec], origin: Cell, short: bool
) -> Unplaced:
    first, last = offsets[start], offsets[end - 1]
    return Unplaced(
        text[first : last + 1], tuple(c.key for c in columns), short, origin.line, (origin.column or 1) + first
    )


_MAX_COMBINATIONS = 4096  # rows' splits tried together before the table is left unread


def _settle(
    rows: list[SplitRow], open_rows: dict[int, list[list[tuple[str, Cell]]]], spec: TableSpec
) -> list[SplitRow] | None:
    """The rows with each open row's split chosen, where only one choice makes the table's 总计 row
    the sum of its group's rows (the format's ``groups``) in every column: 「330000033」 is 33 … 33,
    not 3 30 … 33, when the 商业企业 column would not add up. None when no choice or several do."""
    total = next(
        (
            i
            for i, r in enumerate(rows)
            if r.key and label_key(format_facts().total_label) in label_key(spec.row(r.key).label)
        ),
        None,
    )
    if total is None or rows[total].key is None:
        return None
    total_key: str = rows[total].key or ""
    members = next(
        (
            set(keys)
            for keys in spec.groups.values()
            if total_key not in keys and keys and all(k in {r.key for r in spec.rows} for k in keys)
        ),
        None,
    )
    if not members:
        return None
    if any(r.unplaced is not None and r.unplaced.figures.strip("0 ") for r in rows if not r.cells):
        return None  # a row whose cells are not known (a short row with figures other than 0)
    summed = [i for i, r in enumerate(rows) if r.key in members or (r.key is None and i != total)]
    # The relation the table prints (「第一项加第二项之和，等于第三项加第四项之和」): the rows above the
    # group add up to the 总计 row and the rows below it.
    order = [r.key for r in spec.rows]
    first_member = min(order.index(k) for k in members)
    outside = [i for i, r in enumerate(rows) if r.key is not None and r.key not in members and i != total]
    above = [i for i in outside if order.index(rows[i].key or "") < first_member]
    below = [i for i in outside if order.index(rows[i].key or "") > order.index(total_key)]
    indexes = sorted(open_rows)
    combinations = 1
    for i in indexes:
        combinations *= len(open_rows[i])
    if combinations > _MAX_COMBINATIONS:
        return None

    def count(cells: list[tuple[str, Cell]]) -> dict[str, int]:
        return {k: int(c.text) if c.text.isdigit() else 0 for k, c in cells}

    fits = []
    for choice in product(*(open_rows[i] for i in indexes)):
        chosen = dict(zip(indexes, choice))
        values = [count(chosen.get(i, r.cells)) for i, r in enumerate(rows)]
        if all(values[total][k] == sum(values[i].get(k, 0) for i in summed) for k in values[total]) and (
            not above
            or not below
            or all(
                sum(values[i].get(k, 0) for i in above) == values[total][k] + sum(values[i].get(k, 0) for i in below)
                for k in values[total]
            )
        ):
            fits.append(chosen)
            if len(fits) > 1:
                return None
    if len(fits) != 1:
        return None
    return [r._replace(cells=fits[0][i]) if i in fits[0] else r for i, r in enumerate(rows)]


def header_words(rows: list[SplitRow], spec: TableSpec) -> dict[str, str]:
    """Each column's header as the dump printed it, from the words before the first row that has
    the column (「第二十条第（一）项信息内容本年制发件数本年废止件数先行有效件数规章」): the format's
    label where it is there, else the one stretch as long as it that resembles it (a misprint the
    structure check names), else nothing (no header words printed)."""
    headers: dict[str, str] = {}
    others = {_header_form((c.path or (c.label,))[-1]) for c in spec.columns}
    for row in rows:
        words = _header_form(row.text)
        keys = [k for k, _cell in row.cells] or list(row.unplaced.columns if row.unplaced else ())
        for key in keys:
            if key in headers:
                continue
            col = spec.column(key)
            label = _header_form((col.path or (col.label,))[-1])
            if label in words:
                headers[key] = label
                continue
            # the label with one character left out, right before another column's label (「本年废止件」
            # then 「现行有效件数」): read as a one-character change it would take the next label's first
            # character (「本年废止件现」)
            dropped = {
                cut
                for i in range(len(label))
                for cut in [label[:i] + label[i + 1 :]]
                if len(label) >= 4
                and any(words[j + len(cut) :].startswith(nxt) for j in _finds(words, cut) for nxt in others)
            }
            if len(dropped) == 1:
                headers[key] = dropped.pop()
                continue
            # a stretch as long as the label with one character misprinted: a window of run-on text
            # may resemble a label by sharing most of it shifted (「行有效件数规」), which is no misprint
            close = {
                words[i : i + len(label)]
                for i in range(len(words) - len(label) + 1)
                if len(label) >= 4 and sum(a != b for a, b in zip(words[i : i + len(label)], label)) == 1
            }
            if len(close) == 1:
                headers[key] = close.pop()
    return headers


def _finds(text: str, part: str) -> list[int]:
    """Every place ``part`` starts in ``text``."""
    return [m.start() for m in re.finditer(re.escape(part), text)]


def _header_form(text: str) -> str:
    return label_key(text).replace("（", "").replace("）", "")


# ---- a table written one cell a line -----------------------------------------------------------

_MARKS = re.compile(r"[^\w]+|无")  # a cell written as a mark (「/」「-」「—」) or 「无」: blank, kept as printed


class _Line(NamedTuple):
    text: str
    line: int | None
    column: int | None
    cell: bool  # a figure or a blank's mark, not a word


def _cell_lines(origin: Cell) -> list[_Line]:
    """The cell's lines that hold text (not a bar alone), each with where it starts; a line is a
    cell when it holds a figure (「12」, 「20.5万元」, 「增3」) or a blank's mark."""
    out: list[_Line] = []
    base = origin.line
    for k, raw in enumerate(origin.text.split("\n")):
        text = raw.strip()
        if not text.strip("| \t"):
            continue  # a bar alone parts two cells (「规章」「|」「0」「|」…), as some views write them
        line = base + k if base is not None else None
        column = (origin.column or 1 if k == 0 else 1) + len(raw) - len(raw.lstrip())
        cell = parse_value(text).kind == "number" or bool(_MARKS.fullmatch(text))
        out.append(_Line(text, line, column, cell))
    return out


class Unfit(NamedTuple):
    """A table written one cell a line that is not read because of one row: that row as printed,
    its label and cells (「规章／0／2／行政规范性文件…」, the word after them showing where it ends)."""

    sample: str


def split_cell_lines(table: Table, spec: TableSpec) -> list[SplitRow] | Unfit | None:
    """The rows of a table a text view wrote one cell a line, with nothing between its rows (the
    text reader's one-cell table of its lines): read by the format's row labels in their order, a
    row's cells the lines after its label, as many as the row has columns. ``Unfit``, so that the
    table stays unread, naming the row, when a row has more or fewer cells than that (a blank cell
    left out: which one cannot be told) or its label is not the format's; None when most of the
    format's rows are not found."""
    origin = next(table.origin_cells(0), None)
    if origin is None or len(table.rows) != 1:
        return None
    lines = _cell_lines(origin)

    def cells_of(run: Sequence[_Line], columns: Sequence[ColumnSpec], row: int) -> list[tuple[str, Cell]]:
        return [
            (col.key, Cell(x.text, row, c + 1, phys_row=row + 1, phys_col=c + 1, line=x.line, column=x.column))
            for c, (col, x) in enumerate(zip(columns, run))
        ]

    words: list[str] = []
    runs: list[tuple[str, list[_Line]]] = []  # (the words before a run of cells, compact; the cells)
    printed: list[list[str]] = []  # the words before each run, as printed
    for x in lines:
        if not x.cell:
            words.append(x.text)
        elif words or not runs:
            runs.append(("".join(label_key(w) for w in words), [x]))
            printed.append(words)
            words = []
        else:
            runs[-1][1].append(x)
    if not runs:
        return None

    def unfit(i: int) -> Unfit:
        after = printed[i + 1][:1] if i + 1 < len(runs) else words[:1]
        shown = [*printed[i][-1:], *(x.text for x in runs[i][1]), *after]
        return Unfit("／".join(shown) + ("…" if after else ""))

    if not any(r.label for r in spec.rows):
        # One data row after the header words (table 4); words after its cells are the text's.
        header, run = runs[0]
        if len(runs) > 1 or len(run) != len(spec.columns):
            return unfit(0)
        return [SplitRow(spec.rows[0].key, cells_of(run, spec.columns, 0), False, header)]
    labels = _row_labels(spec)
    rows: list[SplitRow] = []
    seen: set[str] = set()
    for i, (label_text, run) in enumerate(runs):
        form = _label_form(label_text)
        key, resembles = _row_of(form, labels)
        if key is None:
            key = _unnumbered(form, spec, rows[-1].key if rows else None)
        if key is None:
            group = _group_of(form, spec)
            if group is None or group in seen:
                return unfit(i)
            members = [r for r in spec.rows if r.group == group]
            columns = row_columns(spec, members[0])
            if len(run) != len(columns):
                return unfit(i)
            seen.update([group, *(m.key for m in members)])
            rows.append(SplitRow(None, cells_of(run, columns, len(rows)), False, group))
            continue
        if key in seen:
            return unfit(i)
        _blank_rows_before(spec, key, form, seen, rows, run[0].line, run[0].column)
        columns = row_columns(spec, spec.row(key))
        if len(run) != len(columns):
            return unfit(i)  # a cell more or fewer than the row has: which is which cannot be told
        seen.add(key)
        shown = label_text
        if resembles:
            shown = next(
                (
                    label_text[i:]
                    for i in range(len(label_text) - 1, -1, -1)
                    if len(_label_form(label_text[i:])) >= resembles
                ),
                label_text,
            )
        rows.append(SplitRow(key, cells_of(run, columns, len(rows)), resembles > 0, shown))
    if len(seen) * 3 < len(spec.rows) * 2:
        return None  # most of the format's rows not found: not this table's text
    return rows
