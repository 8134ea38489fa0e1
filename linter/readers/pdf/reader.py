"""Read a PDF report with PDFium: text and tables with page numbers.

- characters and ruling lines come from PDFium (linter.readers.pdf.pdfium); lines and table grids are
  built from their positions (linter.readers.pdf.layout);
- a table continued on the next page (the same frame, nothing but page furniture between) is
  joined into one table as the author drew it (linter.readers.pdf.join): a repeated header row is
  dropped, and a row or a row-spanning group label broken over the page boundary is one again;
- page numbers and running headers or footers (「- 4 -」, 「第4页 共5页」) are removed from the
  text; lines are joined into paragraphs by their indentation and line ends;
- a page whose text layer is garbled (a PDF made without a CJK font maps every Chinese glyph to
  one character, 「平平平…根根根…」) is reported once, and nothing in the file is judged;
- a page that is a picture (a scan pasted among text pages: no text, or only a page number,
  over an image covering much of it) is named, so what it holds is not reported missing
  (a PDF that is all pictures has no text layer: RL-IO-022);
- every block and cell carries its page number.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from linter.i18n import Msg
from linter.errors import InputError, limit_exceeded, os_detail
from linter.config.limits import Limits
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.grid import add_block
from linter.readers.pdf.pdfium import Glyph, PageContent, PdfFile
from linter.readers.pdf.join import build_table, continues
from linter.readers.pdf.layout import TOL, PTable, box_text, find_tables
from linter.readers.pdf.lines import Line, page_lines

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/,，、]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$",
    re.IGNORECASE,
)
_ENUM_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]\D)")
_DIGITS = re.compile(r"\d+")
MARGIN_TOP, MARGIN_BOTTOM = 0.08, 0.88  # of the page height: where page furniture sits
GARBLE_MIN_CJK = 30  # characters: fewer say too little
GARBLE_SHARE = 0.5  # the most common CJK character's share: 0.90-1.00 garbled, at most 0.07 real text
SCAN_MAX_GLYPHS = 12  # a scanned page may carry a page number or a stamp's text, no more
SCAN_MIN_PICTURE = 0.3  # of the page's area covered by images

Item = Union[Line, PTable]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def garbled(glyphs: list[Glyph]) -> str:
    """A sample of the page's text if its text layer is garbled (one character standing for every
    Chinese glyph), else ''."""
    counts = Counter([g.text for g in glyphs])
    cjk = [n for ch, n in counts.items() if _is_cjk(ch)]
    total = sum(cjk)
    if total < GARBLE_MIN_CJK:
        return ""
    if max(cjk) / total < GARBLE_SHARE:
        return ""
    return "".join(g.text for g in glyphs if not g.text.isspace())[:12]


def scanned(content: PageContent) -> bool:
    """Whether a page is a picture: images over much of it and (next to) no text."""
    if content.pictures < SCAN_MIN_PICTURE:
        return False
    return sum(1 for g in content.glyphs if not g.text.isspace()) <= SCAN_MAX_GLYPHS


def _furniture(pages: list[tuple[PageContent, list[Line]]]) -> set[int]:
    """ids of lines that are page furniture: page numbers in the margins, and margin lines that
    repeat on other pages (running headers and footers, their page numbers aside)."""
    out: set[int] = set()
    repeated: dict[str, set[int]] = {}
    for content, lines in pages:
        for ln in lines:
            if ln.top > content.height * MARGIN_BOTTOM or ln.bottom < content.height * MARGIN_TOP:
                if _PAGE_NUMBER.match(ln.text):
                    out.add(id(ln))
                else:
                    repeated.setdefault(_DIGITS.sub("#", ln.text), set()).add(content.number)
    running = {text for text, numbers in repeated.items() if len(numbers) >= 2}
    if running:
        for content, lines in pages:
            for ln in lines:
                if (ln.top > content.height * MARGIN_BOTTOM or ln.bottom < content.height * MARGIN_TOP) and _DIGITS.sub(
                    "#", ln.text
                ) in running:
                    out.add(id(ln))
    return out


def _inside(ln: Line, box: PTable) -> bool:
    cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
    return box.xs[0] <= cx <= box.xs[-1] and box.top <= cy <= box.bottom


def _cut_off_rows(paged: list[list[Item]], boxes: list[tuple[PageContent, list[PTable]]], body_bottom: float) -> None:
    """Boxes (frames of one column) that are rows a page break cut off a table, put in the place
    of their text lines: a box that is the last thing on its page, continued by a table at the
    top of the next (a caption row spanning the table's width, 「第二十条第（一）项」, alone at the
    foot of a page), or the first thing on its page, continuing the table the page before ends
    with. The joining itself is the tables' (linter.readers.pdf.join)."""
    for i, (content, page_boxes) in enumerate(boxes):
        for box in page_boxes:
            items = paged[i]
            own = [it for it in items if isinstance(it, Line) and _inside(it, box)]
            if not own:
                continue
            others = [it for it in items if not (isinstance(it, Line) and _inside(it, box))]
            joined = False
            if all(it.bottom <= box.top + TOL for it in others) and i + 1 < len(paged):
                after = paged[i + 1]
                joined = bool(after) and isinstance(after[0], PTable) and continues(box, after[0], body_bottom)
            if not joined and all(it.top >= box.bottom - TOL for it in others) and i > 0:
                before = paged[i - 1]
                joined = bool(before) and isinstance(before[-1], PTable) and continues(before[-1], box, body_bottom)
            if not joined:
                continue
            box_text(box, content.glyphs)
            kept = [(it.top, it) for it in others]
            kept.append((box.top, box))
            kept.sort(key=lambda it: it[0])
            paged[i] = [it for _, it in kept]


def _body_bottom(items: list[Item]) -> float:
    """How low the body of a page reaches: the median, over the pages before the last, of the
    lowest text or table on each (one line in a page's margin does not move it)."""
    lowest: dict[int, float] = {}
    for it in items:
        if it.bottom > lowest.get(it.page, 0.0):
            lowest[it.page] = it.bottom
    pages = sorted(lowest)
    full = [lowest[p] for p in pages[:-1]] or [lowest[p] for p in pages]
    return statistics.median(full) if full else 0.0


@dataclass
class _Reader:
    limits: Limits
    blocks: list[Block] = field(default_factory=list)

    def _add(self, block: Block) -> None:
        add_block(self.blocks, block, self.limits)

    def table(self, parts: list[PTable]) -> None:
        self._add(build_table(len(self.blocks), parts, self.limits))

    def paragraphs(self, lines: list[Line], left: float, right: float, char: float) -> None:
        current: list[Line] = []

        def flush() -> None:
            if current:
                text = _join([ln.text for ln in current])
                self._add(Paragraph(index=len(self.blocks), text=text, page=current[0].page))
                current.clear()

        middle = (left + right) / 2

        def centred(ln: Line) -> bool:
            return ln.x0 > left + 0.5 * char and abs((ln.x0 + ln.x1) / 2 - middle) < 0.6 * char

        for ln in lines:
            if current:
                prev = current[-1]
                ended = prev.x1 < right - 1.5 * char
                starts = ln.x0 > left + 0.8 * char or bool(_ENUM_START.match(ln.text))
                wrapped_title = (
                    abs((prev.x0 + prev.x1) / 2 - middle) < 0.6 * char
                    and centred(ln)
                    and prev.page == ln.page
                    and prev.x1 - prev.x0 > 0.5 * (right - left)
                )
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


def read_pdf(path: Path, limits: Limits) -> Document:
    from linter.readers.pdf.streams import check_streams

    try:
        check_streams(path.read_bytes(), limits)  # a decompression bomb is an input limit, not a crash
    except OSError as exc:
        raise InputError("RL-IO-010", os_detail(exc)) from None
    with PdfFile(path) as pdf:
        if pdf.pages > limits.max_pdf_pages:
            raise limit_exceeded("max_pdf_pages", limits.max_pdf_pages, Msg.of("detail.pdf.pdf_pages", pages=pdf.pages))
        if pdf.pages == 0:
            raise InputError("RL-IO-023", "no pages")
        pages = list(pdf.read_pages())
        repaired = pdf.repaired
        title = pdf.title
    if not any(not g.text.isspace() for p in pages for g in p.glyphs):
        raise InputError("RL-IO-023" if repaired else "RL-IO-022")
    return document_from_pages(path, "pdf", pages, limits, repaired=repaired, title=title)


def document_from_pages(
    path: Path,
    fmt: str,
    pages: list[PageContent],
    limits: Limits,
    repaired: bool = False,
    no_text: object = "",
    title: str = "",
) -> Document:
    """The document a fixed-layout file's pages make (PDF, OFD); RL-IO-022 when they hold no text.
    ``title``: the file's own Title, kept as the document's ``title`` (read when the body has no title line)."""
    if not any(not g.text.isspace() for p in pages for g in p.glyphs):
        raise InputError("RL-IO-022", no_text)
    laid_out: list[tuple[PageContent, list[Line], list[PTable], list[PTable]]] = []
    notices: list[Notice] = []
    garbled_pages: list[tuple[int, str]] = []
    widths: list[float] = []
    for content in pages:
        sample = garbled(content.glyphs)
        if sample:
            garbled_pages.append((content.number, sample))
        widths.extend(g.x1 - g.x0 for g in content.glyphs[:400] if not g.text.isspace())
        tables, outside, boxes = find_tables(content, limits)
        laid_out.append((content, page_lines(outside, content.number), tables, boxes))
    furniture = _furniture([(content, lines) for content, lines, _, _ in laid_out])
    paged: list[list[Item]] = []
    for _content, lines, tables, _boxes in laid_out:
        page_items: list[tuple[float, Item]] = [(ln.top, ln) for ln in lines if id(ln) not in furniture]
        page_items += [(t.top, t) for t in tables]
        page_items.sort(key=lambda it: it[0])
        paged.append([item for _, item in page_items])
    body_bottom = _body_bottom([it for page_items in paged for it in page_items])
    _cut_off_rows(paged, [(content, boxes) for content, _, _, boxes in laid_out], body_bottom)
    items = [it for page_items in paged for it in page_items]
    body = [it for it in items if isinstance(it, Line)]
    char = statistics.median(widths) if widths else 10.0
    left = statistics.median([ln.x0 for ln in body]) if body else 0.0
    right = max((ln.x1 for ln in body), default=0.0)
    reader = _Reader(limits)
    run: list[Line] = []
    parts: list[PTable] = []
    for item in items:
        if isinstance(item, Line):
            if parts:
                reader.table(parts)
                parts = []
            run.append(item)
            continue
        if parts and continues(parts[-1], item, body_bottom):
            parts.append(item)
            continue
        reader.paragraphs(run, left, right, char)
        run = []
        if parts:
            reader.table(parts)
        parts = [item]
    if parts:
        reader.table(parts)
    reader.paragraphs(run, left, right, char)
    if garbled_pages:
        numbers = ",".join(str(n) for n, _ in garbled_pages)
        notices.append(
            Notice(
                "garbled-text",
                f"pages {numbers}",
                unreadable=True,
                params=(("pages", numbers), ("sample", garbled_pages[0][1])),
            )
        )
    for content in pages:
        if content.unmapped:
            notices.append(
                Notice(
                    "unmapped-glyphs",
                    f"page {content.number}",
                    params=(("page", str(content.number)), ("count", str(content.unmapped))),
                )
            )
    for content in pages:
        if scanned(content):
            notices.append(Notice("scanned-page", f"page {content.number}", params=(("page", str(content.number)),)))
    if repaired:
        notices.append(
            Notice(
                "damaged-content",
                "cross-reference table rebuilt",
                params=(("count", "1"), ("example", "xref table rebuilt")),
            )
        )
    return Document(
        path=str(path),
        format=fmt,
        blocks=tuple(reader.blocks),
        notices=tuple(notices),
        metadata=(("pages", str(len(pages))),) + ((("title", title),) if title else ()),
    )
