"""Table 2 of the 2019 edition in the layouts Word and WPS users print it in, as .docx and as the
PDF LibreOffice makes of it. Run by hand; the outputs are committed, so tests never need
LibreOffice.

    python tests/fixturegen/build_t2_layouts.py

Table 2 of each source report (2019-edition fixtures) is written again, cell for cell the same
labels and values, in these layouts, each saved as ``fixtures/pdf_export/t2_layouts/<report>_<layout>.docx``
and its PDF:

- ``two_level``: a two-level header: 「信息内容」 merged down over the block caption's row and the
  column-name row, the caption (「第二十条第（一）项」) spanning the value columns only;
- ``uneven``: the blocks of two value columns (（八）, （九）) with cells of their own widths, not
  on the four-column grid (the PDF's column boundaries are then the union of both);
- ``wrapped``: a wide label column and narrow value columns: every column name wraps over two
  or three lines;
- ``line_breaks``: the column names and captions broken by hand (「本年新↵制作数量」,
  「第二十条↵第（一）项」), centred;
- ``distributed``: narrow value columns with the names distributed over the cell's width (分散对齐),
  so a line's characters stand apart;
- ``shaded``: captions and column names on a grey ground, the frame drawn thick and the inner
  lines thin;
- ``page_break_*``: the plain layout starting low on a page (empty paragraphs before it), so that
  the page breaks inside table 2: ``caption``, the first block's caption row alone at the foot of
  a page; ``names``, after the first block's column names; ``block``, after a later block's
  caption row. Each padding is tried and the first that puts the break there is kept (also for a
  2021-edition report, whose table 2 starts with a caption row too).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Callable, Optional

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_pdfs import soffice

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "fixtures" / "pdf_export" / "t2_layouts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SOURCES = [
    ROOT / "fixtures" / "corpus_docx" / "2019_pingtan_zhqsyq.docx",
    ROOT / "fixtures" / "corpus_docx" / "2020_dongtou_zhujianju.docx",
    ROOT / "fixtures" / "rules" / "t2_oldformat_values.docx",
    ROOT / "fixtures" / "rules" / "t2_oldformat_missing_row.docx",
]
CAPTION = re.compile(r"^第二十条第（[一二三四五六七八九十]+）项$")
WIDTH = 9000  # twips: the table's width


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Block:
    caption: str
    names: list[str]  # the column names after 信息内容
    rows: list[tuple[str, list[str]]]  # (label, values)


def _text(el: etree._Element) -> str:
    out = []
    for node in el.iter(q("t"), q("br")):
        out.append("\n" if node.tag == q("br") else node.text or "")
    return "".join(out)


def read_blocks(tbl: etree._Element) -> list[Block]:
    """Table 2's blocks as its rows give them (caption row, 信息内容 row, data rows)."""
    blocks: list[Block] = []
    for tr in tbl.findall(q("tr")):
        texts = ["".join(_text(tc).split()) for tc in tr.findall(q("tc"))]
        if len(texts) == 1 and CAPTION.match(texts[0]):
            blocks.append(Block(texts[0], [], []))
        elif texts and texts[0] == "信息内容":
            blocks[-1].names = texts[1:]
        elif blocks and texts:
            blocks[-1].rows.append((texts[0], texts[1:]))
    return blocks


# ---- writing a table ---------------------------------------------------------------------------


@dataclass
class Style:
    widths: list[int]  # the four columns of the grid
    jc_names: str = "center"
    jc_values: str = "center"
    breaks: Optional[Callable[[str], str]] = None  # where a name or caption is broken by hand
    shade: bool = False
    frame: int = 4  # eighths of a point
    inner: int = 4


def _run(text: str, size: int = 20) -> list[etree._Element]:
    out = []
    for i, part in enumerate(text.split("\n")):
        r = etree.Element(q("r"))
        rpr = etree.SubElement(r, q("rPr"))
        fonts = etree.SubElement(rpr, q("rFonts"))
        for attr in ("ascii", "hAnsi", "eastAsia"):
            fonts.set(q(attr), "宋体")
        etree.SubElement(rpr, q("sz")).set(q("val"), str(size))
        if i:
            etree.SubElement(r, q("br"))
        etree.SubElement(r, q("t")).text = part
        out.append(r)
    return out


def _cell(
    text: str,
    width: int,
    style: Style,
    span: int = 1,
    jc: str = "center",
    vmerge: Optional[str] = None,
    shaded: bool = False,
) -> etree._Element:
    tc = etree.Element(q("tc"))
    pr = etree.SubElement(tc, q("tcPr"))
    w = etree.SubElement(pr, q("tcW"))
    w.set(q("w"), str(width))
    w.set(q("type"), "dxa")
    if span > 1:
        etree.SubElement(pr, q("gridSpan")).set(q("val"), str(span))
    if vmerge is not None:
        merge = etree.SubElement(pr, q("vMerge"))
        if vmerge:
            merge.set(q("val"), vmerge)
    if shaded:
        shd = etree.SubElement(pr, q("shd"))
        shd.set(q("val"), "clear")
        shd.set(q("color"), "auto")
        shd.set(q("fill"), "D9D9D9")
    etree.SubElement(pr, q("vAlign")).set(q("val"), "center")
    p = etree.SubElement(tc, q("p"))
    ppr = etree.SubElement(p, q("pPr"))
    spacing = etree.SubElement(ppr, q("spacing"))
    spacing.set(q("before"), "0")
    spacing.set(q("after"), "0")
    etree.SubElement(ppr, q("jc")).set(q("val"), jc)
    for r in _run(text):
        p.append(r)
    return tc


def _table(widths: list[int], style: Style) -> etree._Element:
    tbl = etree.Element(q("tbl"))
    pr = etree.SubElement(tbl, q("tblPr"))
    w = etree.SubElement(pr, q("tblW"))
    w.set(q("w"), str(sum(widths)))
    w.set(q("type"), "dxa")
    etree.SubElement(pr, q("jc")).set(q("val"), "center")
    borders = etree.SubElement(pr, q("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = etree.SubElement(borders, q(side))
        b.set(q("val"), "single")
        b.set(q("sz"), str(style.inner if side.startswith("inside") else style.frame))
        b.set(q("space"), "0")
        b.set(q("color"), "000000")
    etree.SubElement(pr, q("tblLayout")).set(q("type"), "fixed")
    grid = etree.SubElement(tbl, q("tblGrid"))
    for width in widths:
        etree.SubElement(grid, q("gridCol")).set(q("w"), str(width))
    return tbl


def _row(tbl: etree._Element, cells: list[etree._Element]) -> None:
    tr = etree.SubElement(tbl, q("tr"))
    for c in cells:
        tr.append(c)


def _name(text: str, style: Style) -> str:
    return style.breaks(text) if style.breaks else text


SPANS = {3: [1, 1, 1], 2: [1, 2], 1: [3]}  # grid columns of each value column, by the block's number of them
UNEVEN_SPANS = {3: [1, 2, 1], 2: [2, 2], 1: [4]}


def standard(blocks: list[Block], style: Style, two_level: bool = False, uneven: bool = False) -> etree._Element:
    """Table 2 in four grid columns (five with ``uneven``: the two-column blocks' own middle line)."""
    w0, w1, w2, w3 = style.widths
    if uneven:
        rest = w1 + w2 + w3
        half = rest // 2
        # grid: label | w1 | half - w1 | w1 + w2 - half | w3   (half lies inside the middle column)
        grid = [w0, w1, half - w1, w1 + w2 - half, w3]
    else:
        grid = [w0, w1, w2, w3]
    tbl = _table(grid, style)
    n = len(grid)
    for block in blocks:
        caption = _name(block.caption, style)
        if two_level:
            _row(
                tbl,
                [
                    _cell("信息内容", grid[0], style, vmerge="restart", shaded=style.shade),
                    _cell(caption, sum(grid[1:]), style, span=n - 1, shaded=style.shade),
                ],
            )
        else:
            _row(tbl, [_cell(caption, sum(grid), style, span=n, jc="left", shaded=style.shade)])

        spans = (UNEVEN_SPANS if uneven else SPANS)[len(block.names)]
        widths, i = [], 1
        for span in spans:
            widths.append(sum(grid[i : i + span]))
            i += span

        first = (
            _cell("", grid[0], style, vmerge="", shaded=style.shade)
            if two_level
            else _cell("信息内容", grid[0], style, shaded=style.shade)
        )
        _row(
            tbl,
            [first]
            + [
                _cell(_name(name, style), width, style, span=span, jc=style.jc_names, shaded=style.shade)
                for name, width, span in zip(block.names, widths, spans)
            ],
        )
        for label, values in block.rows:
            _row(
                tbl,
                [_cell(label, grid[0], style, jc="left")]
                + [
                    _cell(value, width, style, span=span, jc=style.jc_values)
                    for value, width, span in zip(values, widths, spans)
                ],
            )
    return tbl


def _break_name(text: str) -> str:
    """Where a clerk breaks a name by hand: a caption before 第（…）项, a name after its first
    three characters (「本年新↵制作数量」, 「对外公↵开总数量」)."""
    if CAPTION.match(text):
        return text.replace("条第", "条\n第", 1)
    return text if len(text) <= 4 else text[:3] + "\n" + text[3:]


LAYOUTS: dict[str, Callable[[list[Block]], etree._Element]] = {
    "plain": lambda b: standard(b, Style([3000, 2000, 2000, 2000])),
    "two_level": lambda b: standard(b, Style([2250, 2250, 2250, 2250]), two_level=True),
    "uneven": lambda b: standard(b, Style([3000, 2000, 2000, 2000]), uneven=True),
    "wrapped": lambda b: standard(b, Style([4800, 1400, 1400, 1400])),
    "line_breaks": lambda b: standard(b, Style([2700, 2100, 2100, 2100], breaks=_break_name)),
    "distributed": lambda b: standard(b, Style([4200, 1600, 1600, 1600], jc_names="distribute")),
    "shaded": lambda b: standard(b, Style([3000, 2000, 2000, 2000], shade=True, frame=18, inner=4)),
}
PAGE_BREAK_SOURCES = [*SOURCES, ROOT / "fixtures" / "corpus_docx" / "2021_pingtan_zhqsyq.docx"]
PAGE_BREAK_TRIES = range(4, 44)  # empty paragraphs put before table 2


def _first_table(body: etree._Element) -> etree._Element:
    tbl = body.find(q("tbl"))
    assert tbl is not None
    return tbl


def variant(src: Path, dst: Path, layout: str, padding: int = 0) -> Path:
    """``src`` with table 2 written in ``layout`` (``padding`` empty paragraphs before it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                body = root.find(q("body"))
                assert body is not None
                old = _first_table(body)
                new = LAYOUTS[layout](read_blocks(old))
                for _ in range(padding):
                    old.addprevious(etree.Element(q("p")))
                old.addprevious(new)
                old.getparent().remove(old)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return dst


def page_break(pdf: Path) -> Optional[str]:
    """Where the page break falls in table 2 of ``pdf``: ``caption`` (the first block's caption
    row alone at the foot of the page), ``names`` (after the first block's column names),
    ``block`` (after a later block's caption row), or None."""
    sys.path.insert(0, str(ROOT))
    from linter.readers.pdf.layout import find_tables
    from linter.readers.pdf.pdfium import PdfFile

    with PdfFile(pdf) as doc:
        pages = [find_tables(page) for page in doc.read_pages()]
    for (tables, _, boxes), (after, _, _) in pairwise(pages):
        texts = ["".join(c.text.split()) for t in after[:1] for c in t.cells]
        if not texts or CAPTION.match(texts[0]):
            continue  # table 2 does not go on at the top of this page
        if boxes and not tables and texts[0] == "信息内容":
            return "caption"
        if tables:
            last = ["".join(c.text.split()) for c in tables[-1].cells]
            if last[0] == "第二十条第（一）项" and last[-1] != last[0] and not any(CAPTION.match(t) for t in last[1:]):
                if texts[0] in {"规章", "规范性文件", "行政规范性文件"}:
                    return "names"
            elif CAPTION.match(last[-1]) and texts[0] == "信息内容":
                return "block"
    return None


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        made = []
        for src in SOURCES:
            for layout in [name for name in LAYOUTS if name != "plain"]:
                made.append(variant(src, OUT / f"{src.stem}_{layout}.docx", layout))
        soffice(made, OUT, tmp / "profile")
        # Page breaks: every padding tried, the first that puts the break in each place kept.
        tries = tmp / "tries"
        tries.mkdir()
        sources = {}
        for src in PAGE_BREAK_SOURCES:
            for n in PAGE_BREAK_TRIES:
                sources[variant(src, tries / f"{src.stem}_{n}.docx", "plain", n)] = src
        soffice(list(sources), tries, tmp / "profile")
        kept: set[tuple[str, str]] = set()
        for docx, src in sources.items():
            where = page_break(docx.with_suffix(".pdf"))
            if where is not None and (src.stem, where) not in kept:
                kept.add((src.stem, where))
                shutil.copy(docx, OUT / f"{src.stem}_page_break_{where}.docx")
                shutil.copy(docx.with_suffix(".pdf"), OUT / f"{src.stem}_page_break_{where}.pdf")
        print(sorted(kept))


if __name__ == "__main__":
    main()
