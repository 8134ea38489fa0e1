"""Text lines of a PDF page, and the text of a table cell, from the characters' positions.

- a line is the characters whose boxes overlap vertically, left to right; a space is kept where
  the content has one, and put between two Latin letters or digits set apart by a gap;
- a cell's text is its lines joined by line breaks, so labels broken over lines or written one
  character per line (「三\\n、\\n本\\n年…」) stay whole; text written in columns (vertical, or
  turned a quarter) is read in the order the content draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter
from typing import Optional

from linter.readers.pdf.pdfium import Glyph

TOL = 3.0  # points: the slack of "to the right of" for characters drawn in content order


@dataclass(slots=True)
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_X0 = attrgetter("x0")


def _middle(g: Glyph) -> float:
    return g.top + g.bottom


def line_text(glyphs: list[Glyph]) -> str:
    """The text of one line's characters, left to right."""
    if len(glyphs) == 1:
        return glyphs[0].text.strip()
    ordered = sorted(glyphs, key=_X0)
    height = 0.0
    for g in ordered:
        if g.bottom - g.top > height:
            height = g.bottom - g.top
    word_gap, wide_gap = 0.25 * height, 2 * height
    parts: list[str] = []
    prev: Optional[Glyph] = None
    for g in ordered:
        if prev is not None:
            gap = g.x0 - prev.x1
            if (
                gap > word_gap
                and (gap > wide_gap or (_is_word_char(prev.text[-1]) and _is_word_char(g.text[0])))
                and not g.text.isspace()
                and not prev.text.isspace()
            ):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    text = "".join(parts)
    return " ".join(text.split()) if " " in text or "\t" in text else text


def _stacked(glyphs: list[Glyph], lines: list[list[Glyph]]) -> bool:
    """Whether a cell's text is written in columns (vertical text: characters one below the
    other, columns side by side with gaps between them) or turned a quarter: its geometric lines
    then cut across the columns."""
    if 2 * sum(1 for g in glyphs if g.turn) > len(glyphs):
        return True
    multi = [sorted(line, key=_X0) for line in lines if len(line) > 1]
    if len(lines) < 3 or not multi:
        return False
    widths = sorted(g.x1 - g.x0 for g in glyphs)
    width = widths[len(widths) // 2]
    gappy = sum(1 for line in multi if all(b.x0 - a.x1 > 0.3 * width for a, b in pairwise(line)))
    return 2 * gappy > len(multi)


def _stream_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Lines in the order the content draws the characters (PDFium keeps it): a line goes on
    while the next character follows to the right on the same line."""
    lines: list[list[Glyph]] = []
    for g in glyphs:
        if g.text.isspace():
            continue
        prev = lines[-1][-1] if lines else None
        if (
            prev is not None
            and not g.turn
            and g.x0 >= prev.x1 - TOL
            and min(prev.bottom, g.bottom) - max(prev.top, g.top) >= 0.5 * min(prev.bottom - prev.top, g.bottom - g.top)
        ):
            lines[-1].append(g)
        else:
            lines.append([g])
    return lines


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's text: its lines joined by line breaks. Text in columns (vertical or turned) is
    read in the order the content draws it."""
    lines = group_lines(glyphs)
    if _stacked(glyphs, lines):
        lines = _stream_lines(glyphs)
    return "\n".join(text for text in (line_text(line) for line in lines) if text)


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Characters grouped into lines: those whose boxes overlap vertically by half the smaller."""
    spaces = [g for g in glyphs if g.text.isspace()]
    ordered = sorted([g for g in glyphs if not g.text.isspace()] if spaces else glyphs, key=_middle)
    lines: list[list[Glyph]] = []
    bands: list[tuple[float, float]] = []
    current: list[Glyph] = []
    top = bottom = 0.0
    for g in ordered:
        if current:
            low = top if top > g.top else g.top
            high = bottom if bottom < g.bottom else g.bottom
            mine, theirs = bottom - top, g.bottom - g.top
            if high - low >= 0.5 * (mine if mine < theirs else theirs):
                current.append(g)
                if g.top < top:
                    top = g.top
                if g.bottom > bottom:
                    bottom = g.bottom
                continue
            bands.append((top, bottom))
        current = [g]
        lines.append(current)
        top, bottom = g.top, g.bottom
    if current:
        bands.append((top, bottom))
    for s in spaces:  # a real space joins the line it sits in
        cy = (s.top + s.bottom) / 2
        for i, (top, bottom) in enumerate(bands):
            if top <= cy <= bottom:
                lines[i].append(s)
                break
    return lines


def page_lines(glyphs: list[Glyph], page: int) -> list[Line]:
    out: list[Line] = []
    for line in group_lines(glyphs):
        text = line_text(line)
        if text:
            out.append(
                Line(
                    page,
                    min(g.top for g in line),
                    max(g.bottom for g in line),
                    min(g.x0 for g in line),
                    max(g.x1 for g in line),
                    text,
                )
            )
    return out
