"""What PDFium (pypdfium2) gives of a PDF: per page, the characters with their boxes and the
ruling lines, as plain Python values in top-down coordinates.

This is the only module that touches PDFium. It uses pypdfium2's raw API (ctypes bindings of
PDFium's public C API), which is about a third faster than the helper classes for this:

- one ``FPDFText_GetText`` per page (UTF-16LE, index-aligned with the characters unless one lies
  outside the BMP; then ``FPDFText_GetUnicode`` per character);
- ``FPDFText_GetLooseCharBox`` per character (the box of the font's full height, so a line's
  characters line up); for vertical-mode fonts that box is many times too tall, and where a box is
  taller than 2.5x the page's median the tight ``FPDFText_GetCharBox`` is taken instead;
- characters PDFium generates (spaces and line ends that are not in the content) are skipped:
  words and lines are built from positions;
- a character whose font has no text mapping (PDFium then gives the glyph's code) is counted;
- rulings: stroked straight segments, and filled rectangles thin enough to be lines, from the
  page's path objects and those inside form objects, each transformed by its object's matrix;
- pictures: how much of the page its image objects cover (a scanned page is one picture).

PDFium is native code and not thread-safe; a hostile file may crash the process, so the caller
runs it where a crash costs one file (see linter.run.batch).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from linter.errors import InputError
from linter.i18n import Msg

THIN = 2.0  # points: a filled rectangle at most this thick in one direction is a ruling line
_GENERATED = {" ", "\r", "\n", "\ufffe", "\x02", "\x00"}
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*


@dataclass(slots=True)
class Glyph:
    """One character: its text and box (points, top-down: ``top`` < ``bottom``)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    turn: int = 0  # text turned a quarter: 1 reads downwards, -1 upwards (rotated cell text)


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    unmapped: int = 0  # characters without a text mapping in their font
    pictures: float = 0.0  # share of the page covered by images (their boxes, at most 1)


def _raw() -> Any:
    import pypdfium2  # noqa: F401 - initialises the library
    import pypdfium2.raw as raw

    return raw


class PdfFile:
    """An open PDF document; use as a context manager. Raises InputError for a PDF that cannot be
    opened: RL-IO-024 (password), RL-IO-023 (damaged)."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium

        self._raw = _raw()
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (self._raw.FPDF_ERR_PASSWORD, self._raw.FPDF_ERR_SECURITY):
                raise InputError("RL-IO-024", "password") from None
            if code == self._raw.FPDF_ERR_FILE:
                raise InputError("RL-IO-010", str(exc)[:200]) from None
            raise InputError("RL-IO-023", str(exc)[:200]) from None
        self.pages = len(self._pdf)
        # PDFium rebuilds a broken cross-reference table silently; this says it had to.
        self.repaired = not self._raw.FPDF_DocumentHasValidCrossReferenceTable(self._pdf.raw)

    @property
    def title(self) -> str:
        """The document's Title (its information dictionary): a PDF printed from a web page keeps the
        page's <title> there, the title line itself often lost."""
        return str(self._pdf.get_metadata_value("Title") or "").strip()

    def __enter__(self) -> "PdfFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self._pdf.close()

    def read_pages(self) -> Iterator[PageContent]:
        for i in range(self.pages):
            yield self.read_page(i)

    def read_page(self, index: int) -> PageContent:
        raw = self._raw
        page = raw.FPDF_LoadPage(self._pdf.raw, index)
        if not page:
            raise InputError("RL-IO-023", Msg.of("detail.pdf.page_unloadable", page=index + 1))
        try:
            width = raw.FPDF_GetPageWidthF(page)
            height = raw.FPDF_GetPageHeightF(page)
            content = PageContent(index + 1, width, height)
            text_page = raw.FPDFText_LoadPage(page)
            if text_page:
                try:
                    _read_text(raw, text_page, content)
                finally:
                    raw.FPDFText_ClosePage(text_page)
            pictures: list[Any] = []
            _read_rulings(raw, page, content, pictures)
            content.pictures = _picture_share(raw, pictures, width * height)
        finally:
            raw.FPDF_ClosePage(page)
        return content


def _read_text(r: Any, text_page: Any, out: PageContent) -> None:
    n = r.FPDFText_CountChars(text_page)
    if n <= 0:
        return
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = r.FPDFText_GetText(text_page, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # a character outside the BMP: the text is not index-aligned
        text = "".join(chr(r.FPDFText_GetUnicode(text_page, i)) for i in range(n))
    height = out.height
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    rect = r.FS_RECTF()
    loose = r.FPDFText_GetLooseCharBox
    generated = r.FPDFText_IsGenerated
    map_error = r.FPDFText_HasUnicodeMapError
    angle = r.FPDFText_GetCharAngle
    glyphs: list[Glyph] = []
    indexes: list[int] = []
    prev: Glyph | None = None
    # Whether a character's text mapping failed costs a call per character: it is asked of the
    # unusual ones, and of every eighth usual one (a font without a mapping has many characters);
    # only a page where one of those failed is counted in full.
    sampled_error = False
    for i, ch in enumerate(text):
        if ch in _GENERATED:
            if ch != " " or generated(text_page, i) == 1:
                continue  # (a line end or marker is never content)
        if not loose(text_page, i, rect):
            continue
        if not (
            " " <= ch <= "~" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027"
        ):
            if map_error(text_page, i) == 1:
                out.unmapped += 1
        elif not i & 7 and not sampled_error and map_error(text_page, i) == 1:
            sampled_error = True  # a font without a text mapping: its characters are counted below
        x0, y0 = rect.left, height - rect.top
        glyph = Glyph(ch, x0, y0, rect.right, height - rect.bottom)
        if prev is not None and x0 >= prev.x1 - 1 and -1 < y0 - prev.top < 1:
            glyph.turn = prev.turn  # the line goes on to the right: upright, as its start
        else:  # (asked only where a line starts: a call each)
            turned = angle(text_page, i)  # radians, clockwise on the page; -1 if unknown
            if 0.5 < turned < 2.6:
                glyph.turn = 1  # reads downwards
            elif 3.7 < turned < 5.8:
                glyph.turn = -1  # reads upwards
        glyphs.append(glyph)
        indexes.append(i)
        prev = glyph
    if not glyphs:
        return
    if sampled_error:
        out.unmapped = sum(1 for i in indexes if map_error(text_page, i) == 1)
    heights = sorted([g.bottom - g.top for g in glyphs])
    median = heights[len(heights) // 2] if heights else 0.0
    if median > 0:
        tight = r.FPDFText_GetCharBox
        for g, i in zip(glyphs, indexes):
            if g.bottom - g.top > 2.5 * median and tight(text_page, i, left, right, bottom, top):
                g.x0, g.x1, g.top, g.bottom = left.value, right.value, height - top.value, height - bottom.value
    out.glyphs = glyphs


def _objects(r: Any, page: Any, pictures: list[Any]) -> Iterator[tuple[Any, tuple[float, ...]]]:
    """Path objects of a page, with the matrix that takes their points to page space; the page's
    objects that are images or forms holding one are added to ``pictures``."""
    matrix = r.FS_MATRIX()
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[Any, bool, int, tuple[float, ...], Any]] = [(page, False, 0, identity, None)]
    held: set[int] = set()
    while stack:
        owner, is_form, depth, outer, top = stack.pop()
        if depth > 16:  # forms nested this deep are not a report's tables
            continue
        count = r.FPDFFormObj_CountObjects(owner) if is_form else r.FPDFPage_CountObjects(owner)
        for i in range(max(0, count)):
            obj = r.FPDFFormObj_GetObject(owner, i) if is_form else r.FPDFPage_GetObject(owner, i)
            if not obj:
                continue
            kind = r.FPDFPageObj_GetType(obj)
            if kind == r.FPDF_PAGEOBJ_IMAGE:
                picture = top if top is not None else obj
                key = ctypes.cast(picture, ctypes.c_void_p).value or 0
                if key not in held:
                    held.add(key)
                    pictures.append(picture)
                continue
            if kind not in (r.FPDF_PAGEOBJ_PATH, r.FPDF_PAGEOBJ_FORM):
                continue
            if not r.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == r.FPDF_PAGEOBJ_FORM:
                stack.append((obj, True, depth + 1, m, top if top is not None else obj))
            else:
                yield obj, m


def _picture_share(r: Any, pictures: list[Any], area: float) -> float:
    """The share of the page that images cover: the boxes of the page objects that are or hold
    images (a form by its own box), summed, at most 1."""
    if area <= 0 or not pictures:
        return 0.0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    covered = 0.0
    for obj in pictures:
        if r.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            covered += max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)
    return min(1.0, covered / area)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _read_rulings(r: Any, page: Any, out: PageContent, pictures: list[Any]) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    height = out.height
    for obj, (a, b, c, d, e, f) in _objects(r, page, pictures):
        if not r.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        stroked = bool(stroke.value)
        filled = fill.value != 0
        if not stroked and not filled:
            continue
        n = r.FPDFPath_CountSegments(obj)
        if n <= 0 or n > 10_000:
            continue
        points: list[tuple[float, float, int, bool]] = []
        for i in range(n):
            seg = r.FPDFPath_GetPathSegment(obj, i)
            if not seg or not r.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px, py = x.value, y.value
            points.append(
                (
                    a * px + c * py + e,
                    height - (b * px + d * py + f),
                    r.FPDFPathSegment_GetType(seg),
                    bool(r.FPDFPathSegment_GetClose(seg)),
                )
            )
        if stroked:
            stroked_segments(points, out)
        if filled and not stroked:
            thin_fill(points, out)


def stroked_segments(points: list[tuple[float, float, int, bool]], out: PageContent) -> None:
    """Straight horizontal and vertical pieces of a stroked path (curves are not rulings)."""
    start: tuple[float, float] | None = None
    prev: tuple[float, float] | None = None
    for px, py, kind, close in points:
        if kind == _MOVETO:
            start = (px, py)
        elif kind == _LINETO and prev is not None:
            _add_segment(prev, (px, py), out)
        prev = (px, py)
        if close and start is not None:
            _add_segment(prev, start, out)
            prev = start


def _add_segment(p: tuple[float, float], q: tuple[float, float], out: PageContent) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= 0.5 and abs(x1 - x0) > 0.5:
        out.hrules.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) > 0.5:
        out.vrules.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def thin_fill(points: list[tuple[float, float, int, bool]], out: PageContent) -> None:
    """A filled axis-aligned rectangle thin enough to be a line (borders drawn as fills)."""
    if not 4 <= len(points) <= 5 or any(kind == _BEZIERTO for _, _, kind, _ in points):
        return
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, bottom - top
    if h <= THIN and w > 2 * h:
        out.hrules.append(((top + bottom) / 2, x0, x1))
    elif w <= THIN and h > 2 * w:
        out.vrules.append(((x0 + x1) / 2, top, bottom))
