"""Read a PDF report with pdfplumber (MIT): text and tables with page numbers.

- tables are found from the ruling lines; cell backgrounds (filled rectangles, which some PDF
  editors draw behind every text line) only complete a table's edges, e.g. the last row before a
  page break that has no bottom line;
- a table that continues on the next page (same columns, nothing but a page footer between) is
  joined into one table, as the reader of the printed report sees it;
- cell text keeps its line breaks, so row labels broken over lines or written vertically
  (「三\\n、\\n本\\n年\\n度…」) match after whitespace is removed;
- page numbers and footers (「- 4 -」, 「第4页 共5页」) are removed from the text; lines are joined
  into paragraphs by their indentation and line ends;
- every block and cell carries its page number.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.errors import Detail, InputError, limit_exceeded
from linter.limits import Limits
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.grid import RawCell, add_block, build_positioned

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/,，、]?\s*共\s*\d{1,4}\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.IGNORECASE)
_CID = re.compile(r"\(cid:\d+\)")
_ENUM_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]\D)")
TOL = 3.0  # points: boundaries closer than this are the same line


@dataclass
class _PCell:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


@dataclass
class _PTable:
    page: int
    top: float
    bottom: float
    xs: list[float]  # column boundaries, left to right
    cells: list[_PCell]
    parts: list[tuple[int, list[_PCell]]] = field(default_factory=list)  # (page, cells) when joined

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [(self.page, self.cells)]


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def _stroked(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") not in ("rect", "curve") or bool(obj.get("stroke"))


def _tables(page: Any, pn: int) -> list[_PTable]:
    """Tables of one page: ruled regions from stroked lines, cells completed by filled rectangles."""
    ruled = [t.bbox for t in page.filter(_stroked).find_tables()]
    if not ruled:
        return []
    out: list[_PTable] = []
    # A table's outer frame spans its full width even where a border segment was not drawn.
    frame = sorted({round(b[1], 2) for b in ruled} | {round(b[3], 2) for b in ruled})
    for table in page.find_tables({"explicit_horizontal_lines": frame}):
        x0, top, x1, bottom = table.bbox
        overlapping = [b for b in ruled if b[1] < bottom - TOL and top < b[3] - TOL and b[0] < x1 and x0 < b[2]]
        if not overlapping:
            continue
        rtop = min(b[1] for b in overlapping)
        rbottom = max(b[3] for b in overlapping)
        texts = table.extract()
        cells: list[_PCell] = []
        for row, row_texts in zip(table.rows, texts):
            boxes = [(bbox, text) for bbox, text in zip(row.cells, row_texts) if bbox is not None]
            if not boxes:
                continue
            row_top = min(b[0][1] for b in boxes)
            row_bottom = min(b[0][3] for b in boxes)
            inside = rtop - TOL <= row_top < rbottom - TOL
            adjacent = abs(row_top - rbottom) <= TOL or abs(row_bottom - rtop) <= TOL
            filled = sum(1 for _, text in boxes if (text or "").strip())
            if inside or (adjacent and filled >= 2):
                cells.extend(_PCell(b[1], b[3], b[0], b[2], (text or "").strip()) for b, text in boxes)
        if len({round(c.x0) for c in cells}) < 2:
            continue  # one column: text framed by lines, not a table
        xs = _cluster([c.x0 for c in cells] + [c.x1 for c in cells])
        out.append(_PTable(pn, min(c.top for c in cells), max(c.bottom for c in cells), xs, cells))
    words = page.extract_words() if out else []
    for t in out:
        _recover_unruled_rows(t, [w for w in words if not _inside(w, out)])
    return out


def _recover_unruled_rows(t: _PTable, words: list[dict[str, Any]]) -> None:
    """A row right above or below a table whose border was not drawn (the first row of a table
    continued on a new page): its words line up with the table's columns."""
    heights = sorted(c.bottom - c.top for c in t.cells)
    row_h = heights[len(heights) // 2] if heights else 20.0
    for above in (True, False):
        edge = t.top if above else t.bottom
        low, high = (edge - 1.6 * row_h, edge + TOL) if above else (edge - TOL, edge + 1.6 * row_h)
        band = [w for w in words if low <= w["top"] and w["bottom"] <= high]
        if not band:
            continue
        columns: dict[int, list[dict[str, Any]]] = {}
        for w in band:
            col = max((i for i, x in enumerate(t.xs[:-1]) if w["x0"] >= x - TOL), default=0)
            columns.setdefault(col, []).append(w)
        if len(columns) < 3 or not any(c >= len(t.xs) - 2 for c in columns):
            continue  # not a row of this table (a caption or a heading)
        top = min(w["top"] for w in band) - 1
        bottom = max(w["bottom"] for w in band) + 1
        starts = sorted(columns)
        for i, col in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(t.xs) - 1
            ordered = sorted(columns[col], key=lambda w: (round(w["top"]), w["x0"]))
            t.cells.append(_PCell(top, bottom, t.xs[col], t.xs[end], _join([w["text"] for w in ordered])))
        t.top, t.bottom = min(t.top, top), max(t.bottom, bottom)


def _inside(obj: dict[str, Any], tables: list[_PTable]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(t.top - 1 <= cy <= t.bottom + 1 and t.xs[0] - 1 <= cx <= t.xs[-1] + 1 for t in tables)


def _lines(page: Any, pn: int, tables: list[_PTable]) -> list[_Line]:
    text_page = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, tables))
    out: list[_Line] = []
    for line in text_page.extract_text_lines(strip=True):
        text = line["text"].strip()
        if text:
            out.append(_Line(pn, line["top"], line["bottom"], line["x0"], line["x1"], text))
    return out


def _drop_page_furniture(lines: list[_Line], height: float) -> list[_Line]:
    """Page numbers and running footers/headers in the page margins."""
    return [ln for ln in lines
            if not ((ln.top > height * 0.88 or ln.bottom < height * 0.08) and _PAGE_NUMBER.match(ln.text))]


def _same_frame(a: _PTable, b: _PTable) -> bool:
    """The same table continued: the same left and right edges (inner columns may differ, e.g.
    table 2's blocks of 4 and 2 columns)."""
    return abs(a.xs[0] - b.xs[0]) <= TOL * 2 and abs(a.xs[-1] - b.xs[-1]) <= TOL * 2


@dataclass
class _Reader:
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def _add(self, block: Block) -> None:
        add_block(self.blocks, block, self.limits)

    def table(self, t: _PTable) -> None:
        index = len(self.blocks)
        placed: list[tuple[int, int, RawCell]] = []
        row_offset = 0
        for page, cells in t.parts:
            ys = _cluster([c.top for c in cells] + [c.bottom for c in cells])
            for c in cells:
                r0, r1 = _index(ys, c.top), _index(ys, c.bottom)
                c0, c1 = _index(t.xs, c.x0), _index(t.xs, c.x1)
                raw = RawCell(c.text, rowspan=max(1, r1 - r0), colspan=max(1, c1 - c0), page=page)
                placed.append((row_offset + r0, c0, raw))
            row_offset += max(1, len(ys) - 1)
        self._add(build_positioned(index, placed, row_offset, max(1, len(t.xs) - 1), self.limits, page=t.page))

    def paragraphs(self, lines: list[_Line], left: float, right: float, char: float) -> None:
        current: list[_Line] = []

        def flush() -> None:
            if current:
                text = _join([ln.text for ln in current])
                self._add(Paragraph(index=len(self.blocks), text=text, page=current[0].page))
                current.clear()

        middle = (left + right) / 2

        def centred(ln: _Line) -> bool:
            return ln.x0 > left + 0.5 * char and abs((ln.x0 + ln.x1) / 2 - middle) < 0.6 * char

        for ln in lines:
            if current:
                prev = current[-1]
                ended = prev.x1 < right - 1.5 * char
                starts = ln.x0 > left + 0.8 * char or bool(_ENUM_START.match(ln.text))
                wrapped_title = (abs((prev.x0 + prev.x1) / 2 - middle) < 0.6 * char and centred(ln)
                                 and prev.page == ln.page and prev.x1 - prev.x0 > 0.5 * (right - left))
                if (ended or starts) and not wrapped_title:
                    flush()
            current.append(ln)
        flush()


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parses the page tree
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError("RL-IO-024", type(exc).__name__) from None
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # pdfminer raises many types for damaged files; pdfplumber wraps them
        inner = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in inner):
            raise InputError("RL-IO-024", "PDFPasswordIncorrect") from None
        raise InputError("RL-IO-023", Detail(f"{type(exc).__name__}: {exc}"[:200])) from None
    return pdf


class _Problems(logging.Handler):
    """pdfminer's warnings about damaged content, kept for a notice instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage()[:120])


def read_pdf(path: Path, limits: Limits) -> Document:
    logger = logging.getLogger("pdfminer")
    problems = _Problems()
    saved = (logger.propagate, logger.level)
    logger.addHandler(problems)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        pdf = _open(path)
        try:
            doc = _read(pdf, path, limits)
        except (InputError, MemoryError, RecursionError):
            raise
        except Exception as exc:  # a damaged page
            raise InputError("RL-IO-023", Detail(f"{type(exc).__name__}: {exc}"[:200])) from None
        finally:
            pdf.close()
    finally:
        logger.removeHandler(problems)
        logger.propagate, _ = saved
        logger.setLevel(saved[1])
    if problems.messages:
        notice = Notice("damaged-content", problems.messages[0],
                        params=(("count", str(len(problems.messages))), ("example", problems.messages[0])))
        doc = Document(doc.path, doc.format, doc.blocks, doc.notices + (notice,), doc.metadata)
    return doc


def _read(pdf: Any, path: Path, limits: Limits) -> Document:
    pages = pdf.pages
    if len(pages) > limits.max_pdf_pages:
        raise limit_exceeded("max_pdf_pages", limits.max_pdf_pages, f"a PDF of {len(pages)} pages",
                             f"PDF 有 {len(pages)} 页")
    items: list[tuple[int, float, object]] = []  # (page, top, _Line | _PTable)
    chars = 0
    widths: list[float] = []
    cid: dict[int, int] = {}
    for pn, page in enumerate(pages, start=1):
        chars += len(page.chars)
        widths.extend(c["x1"] - c["x0"] for c in page.chars[:400] if c.get("text", "").strip())
        tables = _tables(page, pn)
        lines = _drop_page_furniture(_lines(page, pn, tables), float(page.height))
        unmapped = sum(len(_CID.findall(ln.text)) for ln in lines) + sum(
            len(_CID.findall(c.text)) for t in tables for c in t.cells)
        if unmapped:
            cid[pn] = unmapped
        items.extend((pn, ln.top, ln) for ln in lines)
        items.extend((pn, t.top, t) for t in tables)
        page.flush_cache()
    if not chars:
        raise InputError("RL-IO-022")
    items.sort(key=lambda it: (it[0], it[1]))
    items = _join_tables(items)
    body = [it[2] for it in items if isinstance(it[2], _Line)]
    char = statistics.median(widths) if widths else 10.0
    left = statistics.median([ln.x0 for ln in body]) if body else 0.0
    right = max((ln.x1 for ln in body), default=0.0)
    reader = _Reader(limits)
    run: list[_Line] = []
    for _, _, item in items:
        if isinstance(item, _Line):
            run.append(item)
            continue
        reader.paragraphs(run, left, right, char)
        run = []
        reader.table(item)  # type: ignore[arg-type]
    reader.paragraphs(run, left, right, char)
    for pn, count in sorted(cid.items()):
        reader.notices.append(Notice("unmapped-glyphs", f"page {pn}", params=(("page", str(pn)), ("count", str(count)))))
    return Document(path=str(path), format="pdf", blocks=tuple(reader.blocks), notices=tuple(reader.notices),
                    metadata=(("pages", str(len(pages))),))


def _join_tables(items: list[tuple[int, float, object]]) -> list[tuple[int, float, object]]:
    """Join a table continued on the next page: it ends its page and the next page starts with a
    table of the same columns (page numbers and footers are already gone)."""
    out: list[tuple[int, float, object]] = []
    for item in items:
        prev = out[-1][2] if out else None
        cur = item[2]
        if (isinstance(prev, _PTable) and isinstance(cur, _PTable) and item[0] == prev.parts[-1][0] + 1
                and _same_frame(prev, cur)):
            prev.parts.append((cur.page, cur.cells))
            prev.xs = _cluster(prev.xs + cur.xs)
            continue
        out.append(item)
    return out
