"""What an OFD page draws, as the PDF reader's page content: glyph boxes from TextObject
(Boundary, CTM, TextCode X/Y and DeltaX/DeltaY with the ``g N d`` notation), ruling lines from
PathObject (AbbreviatedData), the share of the page images cover. OFD units are millimetres with
the origin at the top left, y down; the PDF code works in points, top-down too."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from math import isfinite
from typing import Iterator, NamedTuple, Optional

from lxml import etree

from linter.readers.pdf.pdfium import Glyph, PageContent, stroked_segments, thin_fill

MM = 72 / 25.4  # points per millimetre
ASCENT, DESCENT = 0.85, 0.15  # of the font size: a glyph's box above and below its baseline
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
WIDE = "\u2e80"  # characters from here on (CJK) advance a whole em by default, those before half
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
    return _matrix(el.get("CTM"))


def _matrix(text: Optional[str]) -> Matrix:
    m = numbers(text, 6)
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
    return value if isfinite(value) else None


def _number_or(text: str, default: float) -> float:
    """A number attribute, ``default`` when it is not a finite number."""
    value = _number(text)
    return default if value is None else value


def _origin(text: Optional[str]) -> Optional[tuple[float, float]]:
    """A Boundary's origin (x, y); None when it has fewer than four numbers."""
    box = numbers(text, 4)
    return (box[0], box[1]) if box else None


class Style(NamedTuple):
    """What a text object's Size and CTM make of its glyphs, worked out once per distinct pair."""

    size: float  # the font size, in the object's units
    em: float  # the font size on the page, in points
    m: Matrix  # the CTM
    upright: bool  # the CTM neither turns, slants nor mirrors (it may scale): the common case
    sx: float  # page points per unit of x (when upright)
    sy: float  # page points per unit of y (when upright)


def style(size_text: Optional[str], ctm_text: Optional[str]) -> Style:
    size = _number(size_text) or 3.5
    if ctm_text is None:  # most text objects: upright, unscaled
        return Style(size, size * MM, IDENTITY, True, MM, MM)
    m = _matrix(ctm_text)
    a, b, c, d, _, _ = m
    em = size * (math.sqrt(abs(a * d - b * c)) or 1.0) * MM
    return Style(size, em, m, b == c == 0.0 and a > 0.0 and d > 0.0, a * MM, d * MM)


def draw(root: etree._Element, out: PageContent, ns: str) -> Used:
    """What a page (or a template page) draws: its text objects' glyphs and its path objects'
    rulings into ``out``, each kind in drawing order; the templates it names and its images'
    areas returned. One native walk of the tree finds the elements of the four kinds (a walk
    costs as much as the Python work of the codes it finds, where converters write a text
    object per glyph).

    A character's baseline point comes from its TextCodes' X/Y and deltas, through the object's
    CTM and Boundary; its box from the font size. A character's advance is its DeltaX, or the
    font size (half for a character below U+2E80) where the deltas run out. Its box is as wide
    as its advance; the last character's, and one whose advance is not positive or over four
    ems, an em (half for a narrow character).

    A text object's Boundary, Size and CTM are read when its first code comes (what a Size and
    CTM make, once per page); an upright code's boxes are computed once for the code, as lists,
    one character's without any list."""
    text_object, text_code, path_object = ns + "TextObject", ns + "TextCode", ns + "PathObject"
    image_object = ns + "ImageObject"
    used = Used()
    glyphs = out.glyphs
    styles: dict[tuple[Optional[str], Optional[str]], Style] = {}
    obj: Optional[etree._Element] = None
    drawn = False  # whether obj is a text object with a Boundary
    size = em = sx = sy = ox = oy = x = y = 0.0
    m, upright = IDENTITY, True
    single: Optional[etree._Element] = None  # the code before, of one character: the pen not moved past it
    for code in root.iter(text_code, path_object, image_object, "{*}Template"):
        tag = code.tag
        if tag != text_code:
            if tag == path_object:
                path_rulings(code, out)
            elif tag == image_object:
                used.images.append(image_area(code))
            else:  # a Template, of whatever namespace
                used.templates.append(code.get("TemplateID", ""))
            continue
        parent = code.getparent()
        if parent is not obj:  # the first code of a text object: its placement
            obj, x, y, single = parent, 0.0, 0.0, None
            drawn = obj is not None and obj.tag == text_object
            if not drawn:
                continue
            get = obj.get
            boundary = get("Boundary")
            try:  # the usual form: four numbers (the size unused)
                bx, by, _, _ = map(float, boundary.split())
            except (AttributeError, ValueError):
                origin = _origin(boundary)
                drawn = origin is not None
                if origin is None:
                    continue
                bx, by = origin
            else:
                if not (isfinite(bx) and isfinite(by)):
                    bx, by = (bx if isfinite(bx) else 0.0), (by if isfinite(by) else 0.0)
            key = (get("Size"), get("CTM"))
            found = styles.get(key)
            if found is None:
                found = styles[key] = style(*key)
            size, em, m, upright, sx, sy = found
            ox, oy = (m[4] + bx) * MM, (m[5] + by) * MM
        elif not drawn:
            continue
        text = code.text
        if not text:
            continue
        attr = code.get
        start_x, start_y = attr("X"), attr("Y")
        if single is not None:
            if start_x is None or start_y is None:  # where the pen is after it is needed
                x, y = _past(single, x, y, size)
            single = None
        if start_x is not None:
            x = _number_or(start_x, x)
        if start_y is not None:
            y = _number_or(start_y, y)
        n = len(text)
        if upright and n == 1:  # one character (most codes of converters): its box is the default
            baseline = y * sy + oy
            left = x * sx + ox
            right = left + (em if text >= WIDE else em / 2)
            glyphs.append(Glyph(text, left, baseline - ASCENT * em, right, baseline + DESCENT * em))
            single = code  # its deltas are read only if a code after it needs the pen's place
            continue
        delta_x, delta_y = attr("DeltaX"), attr("DeltaY")
        dy = deltas(delta_y, n) if delta_y else None
        if upright and not dy:  # most text codes
            baseline = y * sy + oy
            top, bottom = baseline - ASCENT * em, baseline + DESCENT * em
            steps = _advances(text, deltas(delta_x, n) if delta_x else [], size)
            starts = list(accumulate(steps, initial=x))  # x before each character, and after the last
            lefts = [p * sx + ox for p in starts[:n]]
            widths = [step * sx for step in steps[: n - 1]]
            widths.append(0.0)
            limit, narrow = 4 * em, em / 2
            rights = [
                left + (w if 0.0 < w <= limit else em if ch >= WIDE else narrow)
                for left, w, ch in zip(lefts, widths, text)
            ]
            glyphs.extend(map(Glyph, text, lefts, repeat(top), rights, repeat(bottom)))
            x = starts[n]
            continue
        steps = _advances(text, deltas(delta_x, n) if delta_x else [], size)
        a, b, c, d, _, _ = m
        x, y = _placed(text, x, y, steps, dy or [], (a, b, c, d, ox, oy), em, glyphs)
    return used


def _past(code: etree._Element, x: float, y: float, size: float) -> tuple[float, float]:
    """The pen after a code of one character drawn at (x, y): moved by its DeltaX (the font's
    advance without one) and its DeltaY."""
    delta_x, delta_y = code.get("DeltaX"), code.get("DeltaY")
    given = deltas(delta_x, 1) if delta_x else None
    x += given[0] if given else size if (code.text or "") >= WIDE else size / 2
    given = deltas(delta_y, 1) if delta_y else None
    return x, y + given[0] if given else y


def _advances(text: str, steps: list[float], size: float) -> list[float]:
    """The DeltaX advances, and the font's where they run out."""
    if len(steps) < len(text):
        half = size / 2
        steps += [size if ch >= WIDE else half for ch in text[len(steps) :]]
    return steps


def _placed(
    text: str, x: float, y: float, steps: list[float], dy: list[float], m: Matrix, em: float, glyphs: list[Glyph]
) -> tuple[float, float]:
    """Glyphs of a TextCode drawn through a CTM that turns or scales it, or with DeltaY: each
    character's box from its baseline point and the next one's. Returns the pen's place after it."""
    a, b, c, d, ox, oy = m
    turn = 0 if abs(b) <= abs(a) else (1 if b > 0 else -1)
    n = len(text)
    xs: list[float] = []
    ys: list[float] = []
    for i in range(n + 1):  # baseline points in page space, one more than the characters
        xs.append((a * x + c * y) * MM + ox)
        ys.append((b * x + d * y) * MM + oy)
        if i < n:
            x += steps[i]
            if dy:
                y += dy[i] if i < len(dy) else 0.0
    for i, ch in enumerate(text):
        gx, gy = xs[i], ys[i]
        width = math.hypot(xs[i + 1] - gx, ys[i + 1] - gy) if i + 1 < n else 0.0
        if not 0.0 < width <= 4 * em:
            width = em if ch >= WIDE else em / 2
        if turn == 0:
            glyphs.append(Glyph(ch, gx, gy - ASCENT * em, gx + width, gy + DESCENT * em))
        elif turn == 1:
            glyphs.append(Glyph(ch, gx - em / 2, gy, gx + em / 2, gy + width, turn=1))
        else:
            glyphs.append(Glyph(ch, gx - em / 2, gy - width, gx + em / 2, gy, turn=-1))
    return x, y


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
    points = list(_segments((data.text or "") if data is not None else "", m, bx, by))
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


@dataclass
class Used:
    """What a page's one pass found besides its glyphs and rulings."""

    templates: list[str] = field(default_factory=list)  # TemplateIDs, in the order named
    images: list[float] = field(default_factory=list)  # each ImageObject's area, in drawing order


@dataclass
class Drawn:
    """What a template page draws (its glyphs and rulings shared by the pages that use it)."""

    glyphs: list[Glyph]
    hrules: list[tuple[float, float, float]]
    vrules: list[tuple[float, float, float]]
    images: list[float]


def image_area(obj: etree._Element) -> float:
    """The area (square points) of an ImageObject's boundary."""
    box = numbers(obj.get("Boundary"), 4)
    return max(0.0, box[2]) * max(0.0, box[3]) * MM * MM if box else 0.0
