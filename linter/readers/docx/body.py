"""Read a .docx (OOXML) package with lxml into the model: the text a reader sees, tables as grids."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from linter.i18n import Msg
from linter.errors import InputError, limit_exceeded
from linter.config.limits import Limits
from linter.model import Block, Cell, Document, Notice, Paragraph, Table
from linter.readers.docx.elements import child as child_el, children, has_child
from linter.readers.docx.numbering import Numbering, safe_int
from linter.readers.docx.package import Package, parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOC_REL = "/officeDocument"

# Containers whose children are read as if they were in the parent (accepted view).
_TRANSPARENT_INLINE = {
    W + "hyperlink",
    W + "smartTag",
    W + "customXml",
    W + "ins",
    W + "moveTo",
    W + "fldSimple",
    W + "bdo",
    W + "dir",
    W + "sdtContent",
}
_DROPPED_INLINE = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr"}
_TOC_STYLE_PREFIXES = ("toc", "TOC", "目录")
_TCPR, _GRIDSPAN, _VMERGE, _HMERGE, _CELLDEL, _VAL = (
    W + "tcPr",
    W + "gridSpan",
    W + "vMerge",
    W + "hMerge",
    W + "cellDel",
    W + "val",
)
_P, _T, _TR, _TC, _TRPR = W + "p", W + "t", W + "tr", W + "tc", W + "trPr"
_SDT, _CUSTOM, _GRIDBEFORE, _DEL = W + "sdt", W + "customXml", W + "gridBefore", W + "del"
_VANISH, _RSTYLE = W + "vanish", W + "rStyle"
_ROW_WRAPPERS = (_SDT, _CUSTOM)
_PPR, _PSTYLE, _OUTLINE, _NUMPR, _RPR = W + "pPr", W + "pStyle", W + "outlineLvl", W + "numPr", W + "rPr"
# Elements that make a paragraph's text more than the concatenation of its w:t: fields,
# revisions, hidden text, drawings and text boxes (read run by run) ...
_SPECIAL = tuple(
    W + t for t in ("fldChar", "instrText", "delText", "del", "moveFrom", "vanish", "pict", "object", "drawing")
) + (MC + "AlternateContent", M + "oMath", M + "oMathPara")
# ... and a run's breaks, tabs and symbols, which only add characters between the w:t (read in one
# native pass over these elements; a w:tab outside a run, in w:tabs, is a tab stop, not a tab).
_R = W + "r"
_LAYOUT_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_SYM = W + "sym"
_LAYOUT = (*_LAYOUT_TEXT, _SYM)
_RUN_CONTENT = (_T, *_LAYOUT)
# Table structure found in the same native pass: spans and merges of cells, cells and rows deleted
# as revisions, cells before a row's first (w:gridBefore).
_STRUCTURE = (_GRIDSPAN, _VMERGE, _HMERGE, _CELLDEL, _GRIDBEFORE)
_PARAGRAPH_PROPS = (_NUMPR, _OUTLINE)
_FOUND_IN_ONE_PASS = _SPECIAL + _LAYOUT + _STRUCTURE + _PARAGRAPH_PROPS + (W + "rStyle",)


@dataclass
class _FieldState:
    """Complex-field state; it can span runs and paragraphs, and fields can nest."""

    stack: list[bool] = field(default_factory=list)  # per open field: True once 'separate' seen

    @property
    def hiding(self) -> bool:
        # Text is hidden while any open field is still in its instruction part.
        return any(not sep for sep in self.stack)


@dataclass
class _Reader:
    root: etree._Element
    limits: Limits
    numbering: Numbering = field(default_factory=Numbering)
    styles_vanish: set[str] = field(default_factory=set)  # character styles that hide text
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    revisions: int = 0
    fields: _FieldState = field(default_factory=_FieldState)
    paths: "_Paths" = field(default_factory=lambda: _Paths())
    complex: set[etree._Element] = field(default_factory=set)  # paragraphs needing the full walk
    laid_out: set[etree._Element] = field(default_factory=set)  # paragraphs with breaks, tabs or symbols
    # Table structure, from the same pass: cell -> (gridSpan, vMerge, hMerge continues, deleted),
    # row -> (gridBefore, deleted), for the cells and rows that have any of them.
    cell_props: dict[etree._Element, tuple[int, Optional[str], bool, bool]] = field(default_factory=dict)
    row_props: dict[etree._Element, tuple[Optional[int], bool]] = field(default_factory=dict)
    hidden_runs: set[etree._Element] = field(default_factory=set)  # runs hidden by w:vanish or a hidden w:rStyle
    # Paragraph properties, from the same pass: the first w:numPr and w:outlineLvl of a paragraph's
    # w:pPr, and the paragraphs whose mark is a deletion (a w:del in the w:pPr's w:rPr).
    numprs: dict[etree._Element, etree._Element] = field(default_factory=dict)
    outlines: dict[etree._Element, etree._Element] = field(default_factory=dict)
    mark_deleted: set[etree._Element] = field(default_factory=set)
    run_styles: list[etree._Element] = field(default_factory=list)  # every w:rStyle, for hide_styled_runs

    def find_structure(self) -> None:
        """One native pass over the document for what is not plain: paragraphs holding anything
        but runs of w:t (fields, revisions, breaks, hidden text...) and the merges, spans and
        deletions of table cells and rows. Only a cell's or row's own properties count (not the
        old ones inside w:tcPrChange/w:trPrChange)."""
        for el in self.root.iter(*_FOUND_IN_ONE_PASS):
            tag = el.tag
            if tag in _STRUCTURE:
                self._structure(el, tag)
                continue
            if tag == _RSTYLE:
                self.run_styles.append(el)  # whether its style hides text is known after styles.xml
                continue
            if tag in _LAYOUT:
                if _parent_tag(el) != _R:
                    continue  # not in a run (a w:tab in w:tabs is a tab stop): no text
                for p in el.iterancestors(_P):
                    self.laid_out.add(p)
                continue
            if tag == _NUMPR or tag == _OUTLINE:
                p = _paragraph_of(el.getparent())
                if p is not None:
                    (self.numprs if tag == _NUMPR else self.outlines).setdefault(p, el)
                continue
            if tag == _VANISH:
                self._hidden_run(el, tag)
            elif tag == _DEL:
                parent = el.getparent()
                owner = parent.getparent() if parent is not None else None
                if owner is not None and owner.tag == _TR and parent.tag == _TRPR:
                    before, _deleted = self.row_props.get(owner, (None, False))
                    self.row_props[owner] = (before, True)
                    continue
                if parent is not None and parent.tag == _RPR:
                    p = _paragraph_of(owner)
                    if p is not None:
                        self.mark_deleted.add(p)
            for p in el.iterancestors(W + "p"):
                self.complex.add(p)

    def hide_styled_runs(self, styles_vanish: set[str]) -> None:
        """Runs whose character style hides text (w:rStyle of a style with w:vanish): hidden,
        and their paragraphs read run by run."""
        self.styles_vanish = styles_vanish
        for el in self.run_styles:
            if el.get(_VAL, "") in styles_vanish:
                self._hidden_run(el, _RSTYLE)
                for p in el.iterancestors(_P):
                    self.complex.add(p)

    def _hidden_run(self, prop: etree._Element, tag: str) -> None:
        """A run is hidden by the first w:vanish (if on) or w:rStyle (if a hidden style) of its first w:rPr."""
        rpr = prop.getparent()
        run = rpr.getparent() if rpr is not None and rpr.tag == _RPR else None
        hidden = _on(prop) if tag == _VANISH else prop.get(_VAL, "") in self.styles_vanish
        if (
            hidden
            and run is not None
            and run.tag == W + "r"
            and _first(run, _RPR) is rpr
            and child_el(rpr, tag) is prop
        ):
            self.hidden_runs.add(run)

    def _structure(self, prop: etree._Element, tag: str) -> None:
        owner = prop.getparent()
        if owner is None:
            return
        if tag == _GRIDBEFORE:
            row = owner.getparent() if owner.tag == _TRPR else None
            if row is not None and row.tag == _TR and _first(row, _TRPR) is owner:
                before, deleted = self.row_props.get(row, (None, False))
                if before is None:  # the first w:gridBefore of the row's first w:trPr counts
                    self.row_props[row] = (max(0, safe_int(prop.get(_VAL))), deleted)
            return
        tc = owner.getparent() if owner.tag == _TCPR else None
        if tc is None or tc.tag != _TC:
            return
        span, vmerge, hmerge, deleted = self.cell_props.get(tc, (1, None, False, False))
        if tag == _GRIDSPAN:
            span = max(1, safe_int(prop.get(_VAL), 1))
        elif tag == _VMERGE:
            vmerge = prop.get(_VAL) or "continue"
        elif tag == _HMERGE:
            hmerge = (prop.get(_VAL) or "continue") == "continue"
        else:
            deleted = True
        self.cell_props[tc] = (span, vmerge, hmerge, deleted)

    # ---- body walk -------------------------------------------------------------------------
    def walk(self, container: etree._Element, in_toc: bool = False) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, in_toc)
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                gallery = child_el(child, W + "sdtPr", W + "docPartObj", W + "docPartGallery")
                toc = in_toc or (gallery is not None and "Table of Contents" in (gallery.get(W + "val") or ""))
                content = child_el(child, W + "sdtContent")
                if content is not None:
                    self.walk(content, toc)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self.walk(child, in_toc)
            elif tag in (W + "del", W + "moveFrom"):
                self.revisions += 1
            if len(self.blocks) > self.limits.max_blocks:
                raise limit_exceeded(
                    "max_blocks", self.limits.max_blocks, Msg.of("detail.limit.too_many_paragraphs_and")
                )

    def _paragraph(self, p: etree._Element, in_toc: bool) -> None:
        text = self.paragraph_text(p)
        style = ""
        ppr = _first(p, _PPR)
        if ppr is not None and len(ppr):
            first = ppr[0]  # the schema puts w:pStyle first; the first one counts
            found = first if first.tag == _PSTYLE else child_el(ppr, _PSTYLE)
            style = found.get(_VAL, "") if found is not None else ""
        if p in self.mark_deleted:
            self.revisions += 1
            if not text.strip():
                return  # a deleted, now empty paragraph disappears in the accepted view
        outline: Optional[int] = None
        if p in self.outlines:
            level = safe_int(self.outlines[p].get(_VAL), -1)
            outline = level if level >= 0 else None
        label = self.numbering.label(self.numprs.get(p), style)
        if in_toc or style.startswith(_TOC_STYLE_PREFIXES):
            style = "TOC" if not style.startswith(_TOC_STYLE_PREFIXES) else style
        self.blocks.append(Paragraph(len(self.blocks), text, label, style, outline, xpath=self.paths.get(p)))

    def paragraph_text(self, p: etree._Element) -> str:
        if p not in self.complex and not self.fields.stack:
            # Fast paths: nothing but runs of w:t (no fields, revisions, hidden text...), perhaps
            # with breaks, tabs and symbols between them.
            return self._plain(p)
        parts: list[str] = []
        self._inline(p, parts)
        return "".join(parts)

    def _plain(self, p: etree._Element) -> str:
        """The text of a paragraph that is not complex (see ``paragraph_text``)."""
        if p in self.laid_out:
            return _laid_out_text(p)
        return _plain_text(p)

    def _inline(self, el: etree._Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self._run(child, out)
            elif tag in _TRANSPARENT_INLINE or tag == W + "sdt":
                self._inline(child, out)
            elif tag in _DROPPED_INLINE:
                if tag in (W + "del", W + "moveFrom"):
                    self.revisions += 1
            elif tag == MC + "AlternateContent":
                continue  # drawings / text boxes: not part of the paragraph's own text

    def _run(self, r: etree._Element, out: list[str]) -> None:
        hidden = r in self.hidden_runs
        stack = self.fields.stack
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.stack.append(False)
                elif kind == "separate" and self.fields.stack:
                    self.fields.stack[-1] = True
                elif kind == "end" and self.fields.stack:
                    self.fields.stack.pop()
                continue
            if hidden or (stack and self.fields.hiding):
                continue
            if tag == _T:
                out.append(child.text or "")
            elif tag in _LAYOUT_TEXT:
                out.append(_LAYOUT_TEXT[tag])
            elif tag == _SYM:
                out.append(symbol(child.get(W + "char")))

    # ---- tables ----------------------------------------------------------------------------
    def _table(self, tbl: etree._Element) -> None:
        rows = self._table_rows(tbl)
        # A 1x1 layout table around real content: read its content as blocks.
        if len(rows) == 1:
            cells = list(_row_cells(rows[0][0]))
            if len(cells) == 1 and has_child(cells[0], W + "tbl"):
                self.walk(cells[0])
                return
        if len(rows) > self.limits.max_table_rows:
            raise limit_exceeded(
                "max_table_rows", self.limits.max_table_rows, Msg.of("detail.limit.table_rows", n_rows=len(rows))
            )
        index = len(self.blocks)
        self.blocks.append(None)  # type: ignore[arg-type]  # reserve the slot; nested tables follow
        nested: list[etree._Element] = []
        grid = child_el(tbl, W + "tblGrid")
        grid_cols = len(children(grid, W + "gridCol")) if grid is not None else 0
        path = self.paths.get(tbl)
        table = self._grid(rows, grid_cols, index, nested, path)
        self.blocks[index] = table
        for inner in nested:
            self._table(inner)

    def _table_rows(self, tbl: etree._Element) -> list[tuple[etree._Element, Optional[str]]]:
        """The rows of the accepted view, each with its path when it is cheap to write: a row
        that is a direct child of the table (no content control or custom XML around it)."""
        trs: list[etree._Element] = []
        for child in tbl:  # one look at each child: a tag-filtered lxml iterator costs more to set up
            tag = child.tag
            if tag == _TR:
                trs.append(child)
            elif tag in _ROW_WRAPPERS:
                return [(tr, None) for tr in self._rows(tbl)]
        many = len(trs) > 1
        out: list[tuple[etree._Element, Optional[str]]] = []
        row_props = self.row_props
        for k, tr in enumerate(trs, 1):
            if tr in row_props and row_props[tr][1]:
                self.revisions += 1
                continue
            out.append((tr, (f"/w:tr[{k}]" if many else "/w:tr") if tr.prefix == "w" else None))
        return out

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        for child in tbl:
            if child.tag == W + "tr":
                if child in self.row_props and self.row_props[child][1]:
                    self.revisions += 1
                    continue
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    yield from self._rows(inner)

    def _row(
        self, tr: etree._Element, row_path: Optional[str], table_path: str
    ) -> tuple[list[etree._Element], Optional[str]]:
        """A row's cells and the start of their paths (``.../w:tc[``) when they are cheap to
        write (see ``_table_rows``); None: each cell's path is computed."""
        if row_path is None:
            return list(_row_cells(tr)), None
        tcs: list[etree._Element] = []
        for child in tr:
            tag = child.tag
            if tag == _TC:
                tcs.append(child)
            elif tag in _ROW_WRAPPERS:
                return list(_row_cells(tr)), None
        return tcs, table_path + row_path + ("/w:tc[" if len(tcs) > 1 else "/w:tc")

    def _grid(
        self,
        rows: list[tuple[etree._Element, Optional[str]]],
        grid_cols: int,
        index: int,
        nested: list[etree._Element],
        table_path: str,
    ) -> Table:
        # A merge grows its origin's span while the grid is built: the growth is kept aside
        # (``grown``) and the few merged origins are made again with their spans at the end.
        slots: list[list[Optional[Cell]]] = []
        grown: dict[int, list] = {}  # id(origin) -> [origin, rowspan, colspan]
        merges = self.cell_props
        row_props = self.row_props
        max_cols = self.limits.max_table_cols
        cell_text = self._cell_text
        for r, (tr, row_path) in enumerate(rows):
            col = (row_props[tr][0] or 0) if tr in row_props else 0
            if col:
                self._check_width(col)
            line: list[Optional[Cell]] = [None] * col
            tcs, base = self._row(tr, row_path, table_path)
            single = len(tcs) == 1
            for phys, tc in enumerate(tcs, 1):
                if base is not None and tc.prefix == "w":
                    cell_path = base if single else f"{base}{phys}]"
                else:
                    cell_path = self.paths.get(tc)
                props = merges.get(tc)
                if props is None:  # the common case: no merge, no deletion
                    if col >= max_cols:
                        self._check_width(col + 1)
                    line.append(Cell(cell_text(tc, nested), r, col, 1, 1, r + 1, phys, xpath=cell_path))
                    col += 1
                    continue
                span, vmerge, hmerge, deleted = props
                if deleted:
                    self.revisions += 1
                    continue
                if col + span > max_cols:
                    self._check_width(col + span)  # a hostile gridSpan must not allocate a huge row
                if hmerge and line and line[-1] is not None:
                    origin = line[-1]
                    grown.setdefault(id(origin), [origin, origin.rowspan, origin.colspan])[2] += span
                    line.extend([origin] * span)
                    col += span
                    continue
                if vmerge == "continue" and r > 0:
                    above = slots[r - 1][col] if col < len(slots[r - 1]) else None
                    if above is not None:
                        spans = grown.setdefault(id(above), [above, above.rowspan, above.colspan])
                        if above.grid_row + spans[1] == r:  # extend only a span reaching the row above
                            spans[1] += 1
                        line.extend([above] * span)
                        col += span
                        continue
                line.extend([Cell(cell_text(tc, nested), r, col, 1, span, r + 1, phys, xpath=cell_path)] * span)
                col += span
            slots.append(line)
        width = max([grid_cols] + [len(line) for line in slots]) if slots else grid_cols
        self._check_width(width)
        if len(slots) * width > self.limits.max_table_cells:
            raise limit_exceeded(
                "max_table_cells",
                self.limits.max_table_cells,
                Msg.of("detail.limit.table_x_cells_3", n_slots=len(slots), width=width),
            )
        final = {
            key: o._replace(rowspan=rs, colspan=cs)
            for key, (o, rs, cs) in grown.items()
            if (rs, cs) != (o.rowspan, o.colspan)
        }
        if final:
            slots = [[final.get(id(c), c) if c is not None else None for c in line] for line in slots]
        grid = tuple(
            tuple(line) if len(line) == width else tuple(line) + (None,) * (width - len(line)) for line in slots
        )
        return Table(index=index, rows=grid, n_cols=width, xpath=table_path)

    def _check_width(self, cols: int) -> None:
        if cols > self.limits.max_table_cols:
            raise limit_exceeded(
                "max_table_cols",
                self.limits.max_table_cols,
                Msg.of("detail.limit.table_row_columns_wide_3", cols=cols),
            )

    def _cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        # Fast path: a cell of plain paragraphs (most value cells) needs no walk.
        if not self.fields.stack:
            texts: list[str] = []
            complex_ = self.complex
            for child in tc:
                tag = child.tag
                if tag == _P and child not in complex_:
                    texts.append(self._plain(child))
                elif tag != _TCPR:
                    break
            else:
                return texts[0] if len(texts) == 1 else "\n".join(texts)
        lines: list[str] = []
        self._cell_blocks(tc, lines, nested)
        return "\n".join(lines)

    def _cell_blocks(self, container: etree._Element, lines: list[str], nested: list[etree._Element]) -> None:
        for child in container:
            if child.tag == W + "p":
                text = self.paragraph_text(child)
                if child in self.mark_deleted and not text.strip():
                    continue
                lines.append(text)
            elif child.tag == W + "tbl":
                nested.append(child)
                for tr in self._rows(child):
                    for tc in _row_cells(tr):
                        self._cell_blocks(tc, lines, [])
            elif child.tag in (W + "sdt", W + "customXml", W + "ins", W + "moveTo"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    self._cell_blocks(inner, lines, nested)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag == W + "sdt":
            content = child_el(child, W + "sdtContent")
            if content is not None:
                yield from _row_cells(content)
        elif child.tag == W + "customXml":
            yield from _row_cells(child)


def _plain_text(p: etree._Element) -> str:
    """The text of a paragraph of plain runs: its w:t, in order. (``itertext(w:t)`` gives the
    same, at 2.5x the cost: a report has hundreds of such paragraphs, most in table cells.)"""
    return "".join([t.text or "" for t in p.iter(_T)])


def _laid_out_text(p: etree._Element) -> str:
    """The text of a paragraph of runs holding breaks, tabs or symbols besides w:t: one native
    pass over just those elements, in document order."""
    parts: list[str] = []
    for el in p.iter(*_RUN_CONTENT):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif _parent_tag(el) != _R:
            continue  # as in a run-by-run reading: only a run's breaks, tabs and symbols count
        elif tag in _LAYOUT_TEXT:
            parts.append(_LAYOUT_TEXT[tag])
        else:
            parts.append(symbol(el.get(W + "char")))
    return "".join(parts)


def _parent_tag(el: etree._Element) -> Optional[str]:
    parent = el.getparent()
    return None if parent is None else parent.tag


def _paragraph_of(ppr: Optional[etree._Element]) -> Optional[etree._Element]:
    """The paragraph whose (first) w:pPr ``ppr`` is; None for any other element (a style's or a
    numbering level's pPr, the old properties inside w:pPrChange...)."""
    if ppr is None or ppr.tag != _PPR:
        return None
    p = ppr.getparent()
    return p if p is not None and p.tag == _P and _first(p, _PPR) is ppr else None


def _first(el: etree._Element, tag: str) -> Optional[etree._Element]:
    """The child ``tag`` that the schema puts first (w:pPr in w:p, w:trPr in w:tr...): a look at
    the first child, then a search for files that put it elsewhere."""
    if len(el) and el[0].tag == tag:
        return el[0]
    return child_el(el, tag)


def symbol(code: Optional[str]) -> str:
    """The character of ``w:sym`` (and of a .doc's sprmCSymbol); nothing for malformed codes, controls and lone surrogates."""
    try:
        value = int(code or "", 16) if 0 < len(code or "") <= 8 else -1
    except ValueError:
        return ""
    if value < 0x20 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF or 0x7F <= value < 0xA0:
        return ""
    return chr(value)


def _on(el: Optional[etree._Element]) -> bool:
    return el is not None and (el.get(W + "val") or "true") not in ("0", "false", "off")


def _path(el: etree._Element) -> str:
    return el.getroottree().getpath(el)


class _Paths:
    """``getpath()`` in linear time: lxml's is linear in the siblings per call, so a table of
    10,000 rows took quadratic time. Same output (libxml2's xmlGetNodePath rules): an index
    only when a sibling has the same name; default-namespace elements are ``*`` and count
    every element sibling."""

    def __init__(self) -> None:
        self._cache: dict[etree._Element, str] = {}

    def get(self, el: etree._Element) -> str:
        found = self._cache.get(el)
        if found is not None:
            return found
        parent = el.getparent()
        if parent is None:
            return "/" + _step_name(el)
        base = self.get(parent) if parent.getparent() is not None else "/" + _step_name(parent)
        self._steps(parent, base)
        return self._cache.get(el) or _path(el)

    def _steps(self, parent: etree._Element, base: str) -> None:
        kids = [k for k in parent if isinstance(k.tag, str)]
        names = [_step_name(k) for k in kids]
        total: dict[str, int] = {}
        for name in names:
            total[name] = total.get(name, 0) + 1
        generic_total = len(kids)
        seen: dict[str, int] = {}
        generic_seen = 0
        for kid, name in zip(kids, names):
            generic_seen += 1
            seen[name] = seen.get(name, 0) + 1
            if name == "*":
                step = f"*[{generic_seen}]" if generic_total > 1 else "*"
            else:
                step = f"{name}[{seen[name]}]" if total[name] > 1 else name
            self._cache[kid] = f"{base}/{step}"


_STEP_NAMES: dict[tuple[str, Optional[str]], str] = {}


def _step_name(el: etree._Element) -> str:
    key = (el.tag, el.prefix)
    name = _STEP_NAMES.get(key)
    if name is None:
        qname = etree.QName(el)
        if qname.namespace is None:
            name = qname.localname
        else:
            name = f"{el.prefix}:{qname.localname}" if el.prefix else "*"
        if len(_STEP_NAMES) < 4096:
            _STEP_NAMES[key] = name
    return name


def _vanish_styles(styles: Optional[etree._Element]) -> set[str]:
    out: set[str] = set()
    if styles is None:
        return out
    for st in styles.iter(W + "style"):
        if _on(st.find(f"{W}rPr/{W}vanish")):
            out.add(st.get(W + "styleId") or "")
    return out


def _main_part(pkg: Package) -> str:
    rels = pkg.xml("_rels/.rels")
    if rels is not None:
        for rel in rels.iter(REL_NS + "Relationship"):
            if (rel.get("Type") or "").endswith(OFFICE_DOC_REL) and rel.get("TargetMode") != "External":
                if "purl.oclc.org" in (rel.get("Type") or ""):
                    raise InputError("RL-IO-009", "Strict OOXML")
                return (rel.get("Target") or "word/document.xml").lstrip("/")
    return "word/document.xml"


def _check_content_type(pkg: Package, part: str) -> None:
    ct = pkg.xml("[Content_Types].xml")
    if ct is None:
        return
    for ov in ct.iter(CT_NS + "Override"):
        if (ov.get("PartName") or "").lstrip("/") == part:
            kind = ov.get("ContentType") or ""
            if "macroEnabled" in kind:
                raise InputError("RL-IO-009", ".docm")
            if "wordprocessingml" not in kind:
                raise InputError("RL-IO-001", kind)


def read_docx(path: Path, limits: Limits, pkg: Optional[Package] = None) -> Document:
    """Read a .docx; ``pkg``: its package, already open (the caller closes it)."""
    opened = pkg is None
    pkg = Package(path, limits) if pkg is None else pkg
    try:
        main = _main_part(pkg)
        if not pkg.has(main):
            raise InputError("RL-IO-003", main)
        _check_content_type(pkg, main)
        data = pkg.xml_bytes(main)
        assert data is not None
        root = parse_xml(data, main, limits)
        if root.tag.startswith("{" + STRICT_W_NS):
            raise InputError("RL-IO-009", "Strict OOXML")
        if root.tag != W + "document":
            raise InputError("RL-IO-001", f"{main} is not a WordprocessingML document")
        body = root.find(W + "body")
        reader = _Reader(root=root, limits=limits)
        if body is not None:
            reader.find_structure()
        base = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
        numbering_part = pkg.xml(base + "numbering.xml")
        # Styles matter only for numbering through paragraph styles (a style's numPr) and for
        # hidden character styles (a style's vanish, used by w:rStyle); many reports (WPS's
        # template among them) need neither, so skip the parse then.
        needles = ((b"numPr",) if numbering_part is not None else ()) + ((b"vanish",) if reader.run_styles else ())
        styles = pkg.xml_if(base + "styles.xml", needles) if needles else None
        if not needles:
            pkg.refuse_doctype(base + "styles.xml")
        reader.numbering = numbering = Numbering.load(numbering_part, styles)
        reader.hide_styled_runs(_vanish_styles(styles))
    finally:
        if opened:
            pkg.close()
    if body is not None:
        reader.walk(body)
    notices = list(reader.notices)
    if reader.revisions:
        notices.append(Notice("revisions", f"{reader.revisions}"))
    for fmt in sorted(numbering.unknown_formats):
        notices.append(Notice("numbering-format", fmt))
    return Document(path=str(path), format="docx", blocks=tuple(reader.blocks), notices=tuple(notices))
