"""Read a plain-text report: one paragraph per line, tables from tab-separated cells, run-on lines
(a web page dumped as one line) split at section headings.

Table layouts understood:

- one cell per line, each starting with a tab, rows separated by blank lines (a table copied out
  of a Word document or web page); a line without the tab continues the cell above;
- one row per line, cells separated by tabs;
- Markdown pipe tables (「| 规章 | 0 | 0 | 0 |」), as PDF-to-text converters write them, and rows
  of cells each followed by a bar (「规章 | 0 | 0 | 0 |」), as web pages' text views write them; their
  「## 一、总体情况」 headings are read as the heading's text;
- the same rows as some portals' text views write them: each row starts with a bar, its cells
  follow each ended by a bar (on one line, or one cell a line after a line holding the row's
  starting bar), and empty cells pad every row to the table's grid width, row and column spans
  dropped (「| 自然人 | 法人或其他组织 | 总计 | |||||||」). Such a table is kept one cell a
  column, as printed, with the notice ``rows-padded``: where its cells belong is the recogniser's
  to say, by the format's columns (``read_padded`` in linter/recognise/report.py);
- the same cells one a line with nothing marking where a row starts (「规章 |」, 「|」 an empty
  cell, 「|||」 a row's padding): cut into rows of the width the first row's padding gives, and
  read as padded rows;
- bar rows without padding whose merged cells cannot be rebuilt from the text (table 3's header
  as three rows of 2, 3 and 5 cells, its rows of 8 or 9 cells), every row starting with its label:
  kept as printed and read as padded rows are.

Column spans, which text does not keep, are rebuilt by linter.readers.text.grid. Text whose table
cells are run together (「一、本年新收政府信息公开申请数量640020470」), or written one a line with
nothing marking a row (no bar, no tab, no blank line between rows), is kept as a one-cell table
marked unreadable; recognition reads it by the format's rows where only one reading fits
(linter/recognise/runtogether.py), else RL-PARSE-001 says so, and no rule does arithmetic on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from linter.i18n import Msg
from linter.config.limits import Limits
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.grid import RawCell, add_block, build_table, read_capped
from linter.readers.hints import Figures, Hints
from linter.readers.text.runon import find_headings, is_table_line, split_line
from linter.readers.text.decode import decode, split_lines
from linter.readers.text.grid import Placed, is_value, place_rows

RUN_ON_CHARS = 200  # a line at least this long is checked for headings inside it
_SEPARATOR = re.compile(r"^\s*=+\s*正文\s*=+\s*$")
_DIGITS = re.compile(r"[0-9][0-9 ]{4,}[0-9]")
_ENUM = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_HEADER_FIELD = re.compile(r"^\s*([^:：]{1,12})[:：]\s*(.*)$")
_BLANK_MARK = re.compile(r"[-－—/／]+")  # a cell left blank, written as a mark


@dataclass
class _TextCell:
    text: str
    line: int
    column: int


@dataclass
class _Builder:
    limits: Limits
    hints: Hints
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def _add(self, block: Block) -> None:
        add_block(self.blocks, block, self.limits)

    def paragraph(self, text: str, line: int, column: int) -> None:
        self._add(Paragraph(index=len(self.blocks), text=text, line=line, column=column))

    def text_line(self, line: str, lineno: int) -> None:
        hints = self.hints
        if len(line) < RUN_ON_CHARS and not (
            is_table_line(line, hints.table_words, hints.fold)
            and not find_headings(line.strip(), hints.headings, hints.fold, chars=hints.chars)
        ):
            self.paragraph(line.strip(), lineno, len(line) - len(line.lstrip()) + 1)
            return
        for piece in split_line(
            line, hints.headings, hints.fold, hints.table_words, hints.parts, hints.report_names, hints.chars
        ):
            if piece.kind == "table":
                index = len(self.blocks)
                cell = RawCell(piece.text, line=lineno, column=piece.offset + 1)
                self._add(build_table(index, [[cell]], self.limits, line=lineno, column=piece.offset + 1))
                self.notices.append(
                    Notice(
                        "cells-run-together",
                        piece.text[:40],
                        block=index,
                        unreadable=True,
                        params=(("sample", _sample(piece.text)),),
                    )
                )
            else:
                self.paragraph(piece.text, lineno, piece.offset + 1)

    def unseparated(self, lines: Sequence[str], start: int, end: int) -> None:
        """A table whose cells are one per line with no row separators: kept as one cell holding
        its lines as written (each cell's place stays known), marked unreadable; recognition reads
        it by the format's rows where it can (linter/recognise/runtogether.py, split_cell_lines)."""
        index = len(self.blocks)
        texts = [ln.strip() for ln in lines[start:end] if ln.strip()]
        first = next(k for k in range(start, end) if lines[k].strip())
        column = len(lines[first]) - len(lines[first].lstrip()) + 1
        held = [lines[first][column - 1 :], *lines[first + 1 : end]]
        cell = RawCell("\n".join(held), line=first + 1, column=column)
        self._add(build_table(index, [[cell]], self.limits, line=first + 1, column=column))
        k = next((n for n, t in enumerate(texts) if _is_value_line(t, self.hints.figures)), 0)
        sample = "／".join(texts[max(0, k - 1) : k + 3]) + "…"
        self.notices.append(
            Notice("cells-one-per-line", sample, block=index, unreadable=True, params=(("sample", sample),))
        )

    def table(self, rows: list[list[_TextCell]], barred: bool = False) -> None:
        """``barred``: rows written with bars, the form some text views pad (``_padded``)."""
        index = len(self.blocks)
        texts = [[c.text for c in row] for row in rows]
        padded = barred and _padded(texts, self.hints.figures)
        placed, ambiguous = ([], []) if padded else place_rows(texts, self.hints.figures)
        if padded or (barred and ambiguous and all(row and row[0].strip() for row in texts)):
            # Spans dropped and not rebuilt from the text, every row starting with its label: the
            # cells as printed, each row read by the format's columns after its labels
            # (linter/recognise/report.py, read_padded; a row that does not fit is RL-PARSE-001).
            self.notices.append(Notice("rows-padded", "rows as printed, spans dropped", block=index))
            placed = [[Placed(c, 1, t, c) for c, t in enumerate(row)] for row in texts]
            ambiguous = []
        raw = [
            [RawCell(p.text, colspan=p.span, line=row[p.source].line, column=row[p.source].column) for p in prow]
            for row, prow in zip(rows, placed)
        ]
        first = rows[0][0]
        self._add(build_table(index, raw, self.limits, line=first.line, column=first.column))
        if ambiguous:
            self.notices.append(
                Notice(
                    "ambiguous-layout",
                    f"rows {[r + 1 for r in ambiguous]}",
                    block=index,
                    unreadable=True,
                    params=(("row", str(ambiguous[-1] + 1)),),
                )
            )


def _padded(rows: Sequence[Sequence[str]], figures: Figures) -> bool:
    """Whether a table's rows are padded to one width with empty cells, row and column spans
    dropped: every row as wide, none starting with an empty cell and no row of words with an empty
    cell before a filled one (a span leaves no hole), and rows ending at different places, some
    before the last column."""
    width = len(rows[0]) if rows else 0
    if width < 3 or len(rows) < 2 or any(len(r) != width or not r[0].strip() for r in rows):
        return False
    ends = set()
    for r in rows:
        filled = [c for c, t in enumerate(r) if t.strip()]
        words = not any(is_value(t, figures) for t in r)
        if words and filled[-1] + 1 != len(filled):
            return False
        ends.add(filled[-1])
    return len(ends) > 1 and min(ends) < width - 1


def _is_value_line(line: str, figures: Figures) -> bool:
    return is_value(line, figures) and any(ch.isdigit() for ch in line)


def _cell_per_line_region(lines: Sequence[str], i: int, hints: Hints) -> int:
    """End of a run of short lines, many of them bare numbers, starting at ``i`` (a table exported
    as one cell per line with nothing between its rows, or only a bar alone between any two
    cells); ``i`` if there is none. A blank's mark
    (「/」, 「-」) counts as a figure: a table of few figures (table 2's one-cell rows, each under a
    caption and header words of its own) is still a quarter figures."""
    if not _is_short_cell(lines[i], hints):
        return i
    j, filled, numbers, last = i, 0, 0, i
    while j < len(lines) and j - i < 20000 and (not lines[j].strip() or _is_short_cell(lines[j], hints)):
        if lines[j].strip() and not _only_bars(lines[j]):  # a bar alone between two cells parts them
            filled += 1
            numbers += _is_value_line(lines[j], hints.figures) or bool(_BLANK_MARK.fullmatch(lines[j].strip()))
            last = j + 1
        j += 1
    return last if filled >= 8 and numbers >= 4 and numbers * 4 >= filled else i


def _is_short_cell(line: str, hints: Hints) -> bool:
    text = line.strip()
    if not text or len(text) > 40 or "\t" in line:
        return False
    heading = find_headings(text, hints.headings, hints.fold, chars=hints.chars)
    return not (heading and heading[0][0] == 0 and heading[0][1] >= len(text) - 1)


def _sample(text: str) -> str:
    """A short piece of run-together table text to quote: the first label with its digits."""
    for m in _DIGITS.finditer(text):
        if sum(ch.isdigit() for ch in m.group(0)) < 6:
            continue
        label = re.split(r"[\d\s]", text[max(0, m.start() - 40) : m.start()].rstrip())[-1]
        enum = list(_ENUM.finditer(label))
        if enum:
            label = label[enum[-1].start() :]
        elif len(label) > 16:
            label = "…" + label[-16:]
        return f"{label}{m.group(0)}"
    return text[:30].strip()


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _is_row_line(line: str) -> bool:
    fields = [f for f in line.split("\t") if f.strip()]
    return "\t" in line.strip(" ") and len(fields) >= 2


def _cell_table(lines: Sequence[str], i: int) -> tuple[list[list[_TextCell]], int]:
    """One-cell-per-line table starting at line ``i``; returns its rows and the next line."""
    rows: list[list[_TextCell]] = []
    row: list[_TextCell] = []
    blank = False
    j = i
    while j < len(lines):
        line = lines[j]
        if _is_cell_line(line):
            if blank and row:
                rows.append(row)
                row = []
            blank = False
            row.append(_TextCell(line[1:].strip(), j + 1, 2))
        elif not line.strip():
            blank = True
        elif not blank and row:
            row[-1].text += "\n" + line.strip()  # a line break inside the cell
        else:
            break
        j += 1
    if row:
        rows.append(row)
    return rows, j


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _is_pipe_line(line: str) -> bool:
    """A Markdown table row (「| 规章 | 0 | 0 | 0 |」), as PDF-to-text converters write tables."""
    text = line.strip()
    return len(text) > 2 and text.startswith("|") and text.endswith("|")


def _is_bar_line(line: str) -> bool:
    """A table row as web pages' text views write it: cells each followed by 「 |」
    (「信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |」), no bar before the first."""
    text = line.strip()
    return len(text) > 2 and text.endswith("|") and not text.startswith("|")


def _bar_table(lines: Sequence[str], i: int) -> tuple[list[list[_TextCell]], int]:
    """Consecutive bar rows (``_is_bar_line``) as one table. A row that starts with a bar
    (「| （二）部分公开 | | 0 |」) starts with an empty cell (a label merged down from the row
    above); a line of bars alone (「||||」) is left out."""
    rows: list[list[_TextCell]] = []
    j = i
    while j < len(lines) and (_is_bar_line(lines[j]) or _is_pipe_line(lines[j]) or _only_bars(lines[j])):
        line = lines[j]
        if line.strip("| \t"):
            rows.append(_barred_cells(line, j, 0))
        j += 1
    return rows, j


def _barred_cells(line: str, j: int, start: int) -> list[_TextCell]:
    """The cells of line ``j`` from character ``start`` on, each ended by a bar (the last bar
    closes the row), with where each starts."""
    cells: list[_TextCell] = []
    offset = start
    for part in line[start:].rstrip().removesuffix("|").split("|"):
        cells.append(_TextCell(part.strip(), j + 1, offset + 1 + len(part) - len(part.lstrip())))
        offset += len(part) + 1
    return cells


def _starts_cell_rows(lines: Sequence[str], i: int) -> bool:
    """Whether line ``i`` starts a table written one cell a line: a line of bars (a row's starting
    bar, after the padding of the row before) and then a cell ended by its bar (「信息内容 |」)."""
    return (
        _only_bars(lines[i])
        and i + 2 < len(lines)
        and _is_bar_line(lines[i + 1])
        and lines[i + 1].count("|") == 1
        and (_is_bar_line(lines[i + 2]) or _only_bars(lines[i + 2]))
    )


def _cell_rows(lines: Sequence[str], i: int) -> tuple[list[list[_TextCell]], int]:
    """A table written one cell a line (``_starts_cell_rows``): a line of bars ends the row before
    with an empty cell for each bar but the last, which starts the next row (when a cell follows);
    each cell line adds its cells."""
    rows: list[list[_TextCell]] = []
    row: list[_TextCell] | None = None
    j = i
    while j < len(lines):
        line = lines[j]
        if _only_bars(line):
            starts = j + 1 < len(lines) and _is_bar_line(lines[j + 1])
            bars = line.count("|") - starts
            if row is not None:
                row += _empty_cells(line, j, bars)
            if starts:
                row = []
                rows.append(row)
        elif _is_bar_line(line) and row is not None:
            row += _barred_cells(line, j, 0)
        else:
            break
        j += 1
    return [r for r in rows if r], j


def _cell_stream(lines: Sequence[str], i: int) -> Optional[tuple[list[list[_TextCell]], int]]:
    """A table written one cell a line with nothing marking where a row starts, as some portals'
    text views write it: each line a cell ended by its bar (「规章 |」; a bar alone, 「|」, an
    empty cell) or a line of two or more bars, the empty cells padding a row to the table's width
    (「|||」). Every row is as wide, so the cells are cut into rows of that width (the last row's
    padding may be left out: nothing follows it). The first line of bars ends a row: the first
    row, whose cells then give the width, or, when the rows before it fill every column and so
    have no padding (a table whose first rows are four cells each), a later row, the width then
    the least that cuts every padded row's end and leaves the padding shorter than a row. None
    when the lines do not fit that reading (a line of bars ending a row elsewhere than at a
    multiple of the width, a row starting with an empty cell, fewer than two rows)."""
    cells: list[_TextCell] = []
    ends: list[int] = []  # the cell count after each line of bars
    first_bars = 0
    j = i
    while j < len(lines):
        line = lines[j]
        text = line.strip()
        if _only_bars(line) and text.count("|") > 1:
            cells += _empty_cells(line, j, text.count("|"))
            first_bars = first_bars or text.count("|")
            ends.append(len(cells))
        elif text == "|":
            cells += _empty_cells(line, j, 1)
        elif _is_bar_line(line) and text.count("|") == 1:
            cells += _barred_cells(line, j, 0)
        else:
            break
        j += 1
    if not ends:
        return None
    widths = [ends[0]] + [w for w in range(first_bars + 1, ends[0] // 2 + 1) if ends[0] % w == 0]
    for width in widths:
        rows = _cut_stream(cells, ends, width)
        if rows is not None:
            return rows, j
    return None


def _cut_stream(cells: list[_TextCell], ends: Sequence[int], width: int) -> Optional[list[list[_TextCell]]]:
    """``cells`` cut into rows of ``width``, or None when a line of bars would end a row elsewhere
    than at a row's end, or a row would start with an empty cell, or there would be fewer than
    two rows."""
    if width < 3 or len(cells) < 2 * width or any(end % width for end in ends):
        return None
    rows = [cells[k : k + width] for k in range(0, len(cells), width)]
    if any(not row[0].text for row in rows):
        return None  # spans are dropped, not left empty: every row starts with its label
    last = rows[-1]
    last += [_TextCell("", last[-1].line, last[-1].column) for _ in range(width - len(last))]
    return rows


def _empty_cells(line: str, j: int, count: int) -> list[_TextCell]:
    """``count`` empty cells written as bars on line ``j``, placed where its text starts."""
    at = len(line) - len(line.lstrip()) + 1
    return [_TextCell("", j + 1, at) for _ in range(count)]


def _only_bars(line: str) -> bool:
    return bool(line.strip()) and not line.strip("| \t")


def _pipe_table(lines: Sequence[str], i: int) -> tuple[list[list[_TextCell]], int]:
    """A Markdown pipe table: one row per line, cells between 「|」, the header rule (「|---|」) left out."""
    rows: list[list[_TextCell]] = []
    j = i
    while j < len(lines) and (_is_pipe_line(lines[j]) or (_PIPE_RULE.match(lines[j]) and lines[j].strip())):
        line = lines[j]
        if not _PIPE_RULE.match(line):
            rows.append(_barred_cells(line, j, line.index("|") + 1))
        j += 1
    return rows, j


def _row_table(lines: Sequence[str], i: int) -> tuple[list[list[_TextCell]], int]:
    """One-row-per-line table with tab-separated cells."""
    rows: list[list[_TextCell]] = []
    j = i
    while j < len(lines) and _is_row_line(lines[j]):
        cells: list[_TextCell] = []
        offset = 0
        for part in lines[j].split("\t"):
            cells.append(_TextCell(part.strip(), j + 1, offset + 1))
            offset += len(part) + 1
        rows.append(cells)
        j += 1
    return rows, j


def _crawler_header(lines: Sequence[str]) -> tuple[list[tuple[str, str]], int]:
    """``key: value`` lines before a 「==== 正文 ====」 separator (a crawler's page dump)."""
    for k, line in enumerate(lines[:40]):
        if _SEPARATOR.match(line):
            fields = [m.groups() for m in (_HEADER_FIELD.match(x) for x in lines[:k]) if m]
            return [(key.strip(), value.strip()) for key, value in fields], k + 1
    return [], 0


def read_text(path: Path, limits: Limits, hints: Optional[Hints] = None) -> Document:
    data = read_capped(path, limits.max_text_bytes, "max_text_bytes", Msg.of("detail.limit.larger_text_file"))
    decoded = decode(data)
    lines = split_lines(decoded.text)
    builder = _Builder(limits, hints or Hints())
    metadata, i = _crawler_header(lines)
    while i < len(lines):
        line = lines[i]
        if _starts_cell_rows(lines, i):
            rows, i = _cell_rows(lines, i)
            builder.table(rows, barred=True)
            continue
        stream = _cell_stream(lines, i) if _is_bar_line(line) and line.count("|") == 1 else None
        if stream is not None:
            rows, i = stream
            builder.table(rows, barred=True)
            continue
        if _is_pipe_line(line):
            rows, i = _pipe_table(lines, i)
            if rows:
                builder.table(rows, barred=True)
            continue
        if _is_bar_line(line) and i + 1 < len(lines) and (_is_bar_line(lines[i + 1]) or _is_pipe_line(lines[i + 1])):
            rows, i = _bar_table(lines, i)
            builder.table(rows, barred=True)
            continue
        if _is_cell_line(line) or _is_row_line(line):
            rows, i = (_cell_table if _is_cell_line(line) else _row_table)(lines, i)
            if rows:
                builder.table(rows)
            continue
        heading = _MD_HEADING.match(line)
        if heading is not None:  # 「## 一、总体情况」: the heading's text, where it stands
            builder.paragraph(line[heading.end() :].strip(), i + 1, heading.end() + 1)
            i += 1
            continue
        end = _cell_per_line_region(lines, i, builder.hints)
        if end > i:
            builder.unseparated(lines, i, end)
            i = end
            continue
        if line.strip():
            builder.text_line(line, i + 1)
        i += 1
    if decoded.replaced:
        builder.notices.append(
            Notice(
                "undecodable-bytes",
                decoded.encoding,
                params=(("count", str(decoded.replaced)), ("encoding", decoded.encoding)),
            )
        )
    metadata.append(("encoding", decoded.encoding))
    return Document(
        path=str(path),
        format="text",
        blocks=tuple(builder.blocks),
        notices=tuple(builder.notices),
        metadata=tuple(metadata),
    )
