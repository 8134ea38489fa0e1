"""What an OFD page draws, as the PDF reader's page content: glyph boxes from TextObject
(Boundary, CTM, TextCode X/Y and DeltaX/DeltaY with the ``g N d`` notation), ruling lines from
PathObject (AbbreviatedData), the share of the page images cover. OFD units are millimetres with
the origin at the top left, y down; the PDF code works in points, top-down too."""

from __future__ import annotations

import math
import re
from typing import Iterator, Optional

from lxml import etree

from linter.readers.pdf.pdfium import Glyph, PageContent, stroked_segments, thin_fill

MM = 72 / 25.4  # points per millimetre
ASCENT, DESCENT = 0.85, 0.15  # of the font size: a glyph's box above and below its baseline
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
MAX_SEGMENTS = 10_000  # of one path: more is a drawing, not a table's rulings
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def numbers(text: Optional[str], count: int = 0) -> list[float]:
    """The numbers of an attribute (``"10 20 30 40"``); [] when it has fewer than ``count``."""
    if not text:
        return []
    try:
        found = [float(t) for t in text.split()[:64]]
    except ValueError:  # numbers run together or odd separators: take what reads as numbers
        found = [float(t) for t in _NUMBER.findall(text)[:64]]
    if not all(map(math.isfinite, found)):
        found = [v if math.isfinite(v) else 0.0 for v in found]
    return found if len(found) >= count else []


def deltas(text: Optional[str], limit: int) -> list[float]:
    """DeltaX/DeltaY: numbers, where ``g N d`` stands for N times d; at most ``limit`` values."""
    out: list[float] = []
    if not text:
        return out
    if "g" not in text:
        try:
            values = [float(t) for t in text.split()[:limit]]
            if all(map(math.isfinite, values)):
                return values
        except ValueError:
            pass
    tokens = text.split()
    i = 0
    while i < len(tokens) and len(out) < limit:
        token = tokens[i]
        if token == "g" and i + 2 < len(tokens):
            try:
                n, d = int(float(tokens[i + 1])), float(tokens[i + 2])
            except ValueError:
                return out
            out.extend([d if math.isfinite(d) else 0.0] * max(0, min(n, limit - len(out))))
            i += 3
            continue
        try:
            value = float(token)
        except ValueError:
            return out
        out.append(value if math.isfinite(value) else 0.0)
        i += 1
    return out


def matrix(el: etree._Element) -> Matrix:
    m = numbers(el.get("CTM"), 6)
    return (m[0], m[1], m[2], m[3], m[4], m[5]) if m else IDENTITY


def _placement(el: etree._Element) -> Optional[tuple[float, float, Matrix]]:
    box = numbers(el.get("Boundary"), 4)
    if not box:
        return None
    return box[0], box[1], matrix(el)


def _apply(m: Matrix, x: float, y: float, bx: float, by: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e + bx) * MM, (b * x + d * y + f + by) * MM


def _number(text: Optional[str]) -> Optional[float]:
    """One number attribute (TextCode X, Y), None when absent or not a finite number."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        found = numbers(text, 1)
        return found[0] if found else None
    return value if math.isfinite(value) else None


def text_glyphs(obj: etree._Element, out: PageContent, text_code: str = "{*}TextCode") -> None:
    """The glyphs of a TextObject: each character's baseline point from its TextCode's X/Y and
    deltas, through the object's CTM and Boundary; its box from the font size."""
    placed = _placement(obj)
    if placed is None:
        return
    bx, by, (a, b, c, d, e, f) = placed
    size = _number(obj.get("Size")) or 3.5
    em = size * (math.sqrt(abs(a * d - b * c)) or 1.0) * MM
    turn = 0 if abs(b) <= abs(a) else (1 if b > 0 else -1)
    ox, oy = (e + bx) * MM, (f + by) * MM
    glyphs = out.glyphs
    x = y = 0.0
    for code in obj.iter(text_code):
        text = code.text
        if not text:
            continue
        start_x, start_y = _number(code.get("X")), _number(code.get("Y"))
        x = start_x if start_x is not None else x
        y = start_y if start_y is not None else y
        n = len(text)
        dx = deltas(code.get("DeltaX"), n)
        dy = deltas(code.get("DeltaY"), n) if code.get("DeltaY") else []
        if not dy and a == d == 1.0 and b == c == 0.0:  # upright, unscaled: most text objects
            top, bottom = (y + f + by) * MM - ASCENT * em, (y + f + by) * MM + DESCENT * em
            for i, ch in enumerate(text):
                wide = ord(ch) >= 0x2E80
                step = dx[i] if i < len(dx) else (size if wide else size / 2)
                gx = x * MM + ox
                width = step * MM if i + 1 < n else 0.0
                if not 0.0 < width <= 4 * em:
                    width = em if wide else em / 2
                glyphs.append(Glyph(ch, gx, top, gx + width, bottom))
                x += step
            continue
        # Baseline points in page space (points), one more than the characters: the last is
        # where a next character would go.
        xs: list[float] = []
        ys: list[float] = []
        for i in range(n + 1):
            xs.append((a * x + c * y) * MM + ox)
            ys.append((b * x + d * y) * MM + oy)
            if i < n:
                x += dx[i] if i < len(dx) else (size if ord(text[i]) >= 0x2E80 else size / 2)
                if dy:
                    y += dy[i] if i < len(dy) else 0.0
        for i, ch in enumerate(text):
            gx, gy = xs[i], ys[i]
            width = math.hypot(xs[i + 1] - gx, ys[i + 1] - gy) if i + 1 < n else 0.0
            if not 0.0 < width <= 4 * em:
                width = em if ord(ch) >= 0x2E80 else em / 2
            if turn == 0:
                glyphs.append(Glyph(ch, gx, gy - ASCENT * em, gx + width, gy + DESCENT * em))
            elif turn == 1:
                glyphs.append(Glyph(ch, gx - em / 2, gy, gx + em / 2, gy + width, turn=1))
            else:
                glyphs.append(Glyph(ch, gx - em / 2, gy - width, gx + em / 2, gy, turn=-1))


def path_rulings(obj: etree._Element, out: PageContent) -> None:
    """The ruling lines of a PathObject, as the PDF reader takes them from a path: stroked
    straight segments, filled rectangles thin enough to be lines."""
    placed = _placement(obj)
    if placed is None:
        return
    bx, by, m = placed
    stroked = (obj.get("Stroke") or "true").lower() != "false"
    filled = (obj.get("Fill") or "false").lower() == "true"
    if not stroked and not filled:
        return
    data = obj.find("{*}AbbreviatedData")
    points = list(_segments(data.text if data is not None else "", m, bx, by))
    if not points:
        return
    if stroked:
        stroked_segments(points, out)
    if filled and not stroked:
        thin_fill(points, out)


_ARITY = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def _segments(data: str, m: Matrix, bx: float, by: float) -> Iterator[tuple[float, float, int, bool]]:
    """AbbreviatedData as (x, y, kind, closes) points in page space (kinds as PDFium's)."""
    tokens = _TOKEN.findall(data)
    i, count = 0, 0
    pending: Optional[tuple[float, float, int]] = None
    while i < len(tokens) and count < MAX_SEGMENTS:
        op = tokens[i].upper()
        arity = _ARITY.get(op)
        if arity is None:
            i += 1
            continue
        args = []
        for t in tokens[i + 1 : i + 1 + arity]:
            try:
                args.append(float(t))
            except ValueError:
                break
        i += 1 + len(args)
        if len(args) < arity or not all(math.isfinite(a) for a in args):
            continue
        count += 1
        if op == "C":
            if pending is not None:
                yield pending[0], pending[1], pending[2], True
                pending = None
            continue
        if pending is not None:
            yield pending[0], pending[1], pending[2], False
        x, y = _apply(m, args[-2], args[-1], bx, by)
        kind = _MOVETO if op in ("S", "M") else _LINETO if op == "L" else _BEZIERTO
        pending = (x, y, kind)
    if pending is not None:
        yield pending[0], pending[1], pending[2], False


def image_area(obj: etree._Element) -> float:
    """The area (square points) of an ImageObject's boundary."""
    box = numbers(obj.get("Boundary"), 4)
    return max(0.0, box[2]) * max(0.0, box[3]) * MM * MM if box else 0.0
