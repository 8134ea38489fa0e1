"""Read a .docx (OOXML) package with lxml into the model: the text a reader sees, tables as grids."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from linter.errors import InputError, limit_exceeded
from linter.limits import Limits
from linter.model import Block, Cell, Document, Notice, Paragraph, Table
from linter.readers.elements import child as child_el, children, has_child
from linter.readers.numbering import Numbering, safe_int
from linter.readers.package import Package

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOC_REL = "/officeDocument"

# Containers whose children are read as if they were in the parent (accepted view).
_TRANSPARENT_INLINE = {W + "hyperlink", W + "smartTag", W + "customXml", W + "ins", W + "moveTo",
                       W + "fldSimple", W + "bdo", W + "dir", W + "sdtContent"}
_DROPPED_INLINE = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "sdtEndPr"}
_TOC_STYLE_PREFIXES = ("toc", "TOC", "目录")
_TCPR, _GRIDSPAN, _VMERGE, _HMERGE, _CELLDEL, _VAL = (W + "tcPr", W + "gridSpan", W + "vMerge", W + "hMerge",
                                                     W + "cellDel", W + "val")
_P, _T = W + "p", W + "t"
_PPR, _PSTYLE, _OUTLINE, _NUMPR, _RPR = W + "pPr", W + "pStyle", W + "outlineLvl", W + "numPr", W + "rPr"
# Elements that make a paragraph's text more than the concatenation of its w:t (fields, revisions,
# breaks and tabs, hidden text, symbols, drawings and text boxes).
_SPECIAL = tuple(W + t for t in ("fldChar", "instrText", "delText", "del", "moveFrom", "vanish", "sym", "tab", "ptab",
                                 "br", "cr", "noBreakHyphen", "softHyphen", "pict", "object", "drawing")) \
    + (MC + "AlternateContent",)


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
    numbering: Numbering
    styles_vanish: set[str]
    limits: Limits
    blocks: list[Block] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    revisions: int = 0
    fields: _FieldState = field(default_factory=_FieldState)
    paths: "_Paths" = field(default_factory=lambda: _Paths())
    complex: set[etree._Element] = field(default_factory=set)  # paragraphs needing the full walk

    def find_complex(self) -> None:
        """Mark the paragraphs holding anything but plain w:t runs, in one native pass."""
        tags = _SPECIAL + ((W + "rStyle",) if self.styles_vanish else ())
        for el in self.root.iter(*tags):
            for p in el.iterancestors(W + "p"):
                self.complex.add(p)

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
                raise limit_exceeded("max_blocks", self.limits.max_blocks, "too many paragraphs and tables",
                                     "段落和表格过多")

    def _paragraph(self, p: etree._Element, in_toc: bool) -> None:
        text = self.paragraph_text(p)
        style = ""
        outline: Optional[int] = None
        numpr: Optional[etree._Element] = None
        deleted = False
        ppr = _first(p, _PPR)
        if ppr is not None:
            seen: set[str] = set()
            for prop in ppr:  # one pass over the properties; the first of each kind counts
                tag = prop.tag
                if tag in seen and tag != _RPR:
                    continue
                seen.add(tag)
                if tag == _PSTYLE:
                    style = prop.get(_VAL, "")
                elif tag == _OUTLINE:
                    level = safe_int(prop.get(_VAL), -1)
                    outline = level if level >= 0 else None
                elif tag == _NUMPR:
                    numpr = prop
                elif tag == _RPR:  # the paragraph mark's revision: any w:rPr holding a w:del
                    deleted = deleted or child_el(prop, W + "del") is not None
            if deleted:
                self.revisions += 1
                if not text.strip():
                    return  # a deleted, now empty paragraph disappears in the accepted view
        label = self.numbering.label(numpr, style)
        if in_toc or style.startswith(_TOC_STYLE_PREFIXES):
            style = "TOC" if not style.startswith(_TOC_STYLE_PREFIXES) else style
        self.blocks.append(Paragraph.fast(len(self.blocks), text, label, style, outline, self.paths.get(p)))

    def paragraph_text(self, p: etree._Element) -> str:
        if p not in self.complex and not self.fields.stack:
            # Fast path: nothing but runs of w:t (no fields, revisions, breaks, hidden text...).
            return _plain_text(p)
        parts: list[str] = []
        self._inline(p, parts)
        return "".join(parts)

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
        rpr = child_el(r, W + "rPr")
        hidden = rpr is not None and _on(child_el(rpr, W + "vanish"))
        if rpr is not None and not hidden:
            rs = child_el(rpr, W + "rStyle")
            hidden = rs is not None and rs.get(W + "val", "") in self.styles_vanish
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
            if hidden or self.fields.hiding:
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag == W + "br":
                out.append("\n")
            elif tag == W + "cr":
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                ch = _symbol(child.get(W + "char"))
                if ch:
                    out.append(ch)

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
            raise limit_exceeded("max_table_rows", self.limits.max_table_rows, f"a table of {len(rows)} rows",
                                 f"表格有 {len(rows)} 行")
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
        if has_child(tbl, W + "sdt", W + "customXml"):
            return [(tr, None) for tr in self._rows(tbl)]
        trs = children(tbl, W + "tr")
        many = len(trs) > 1
        out: list[tuple[etree._Element, Optional[str]]] = []
        for k, tr in enumerate(trs, 1):
            if child_el(tr, W + "trPr", W + "del") is not None:
                self.revisions += 1
                continue
            out.append((tr, (f"/w:tr[{k}]" if many else "/w:tr") if tr.prefix == "w" else None))
        return out

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        for child in tbl:
            if child.tag == W + "tr":
                if child_el(child, W + "trPr", W + "del") is not None:
                    self.revisions += 1
                    continue
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    yield from self._rows(inner)

    def _row(self, tr: etree._Element, row_path: Optional[str], table_path: str
             ) -> list[tuple[etree._Element, Optional[str]]]:
        """A row's cells, each with its path when it is cheap to write (see ``_table_rows``)."""
        if row_path is None or has_child(tr, W + "sdt", W + "customXml"):
            return [(tc, None) for tc in _row_cells(tr)]
        tcs = children(tr, W + "tc")
        if len(tcs) == 1:
            return [(tcs[0], f"{table_path}{row_path}/w:tc" if tcs[0].prefix == "w" else None)]
        return [(tc, f"{table_path}{row_path}/w:tc[{j}]" if tc.prefix == "w" else None)
                for j, tc in enumerate(tcs, 1)]

    def _grid(self, rows: list[tuple[etree._Element, Optional[str]]], grid_cols: int, index: int,
              nested: list[etree._Element], table_path: str) -> Table:
        # Mutable working grid: slot -> [text, row, col, rowspan, colspan, phys_row, phys_col, xpath]
        slots: list[list[Optional[list]]] = []
        merges = _merge_properties(rows)
        max_cols = self.limits.max_table_cols
        for r, (tr, row_path) in enumerate(rows):
            trpr = child_el(tr, W + "trPr")
            col = max(0, safe_int(_val(child_el(trpr, W + "gridBefore")))) if trpr is not None else 0
            self._check_width(col)
            line: list[Optional[list]] = [None] * col
            phys = 0
            for tc, cell_path in self._row(tr, row_path, table_path):
                phys += 1
                props = merges.get(tc)
                if props is None:  # the common case: no merge, no deletion
                    span, vmerge, hmerge = 1, None, False
                else:
                    span, vmerge, hmerge, deleted = props
                    if deleted:
                        self.revisions += 1
                        continue
                if col + span > max_cols:
                    self._check_width(col + span)  # a hostile gridSpan must not allocate a huge row
                if hmerge and line and line[-1] is not None:
                    origin = line[-1]
                    origin[4] += span
                    line.extend([origin] * span)
                    col += span
                    continue
                if vmerge == "continue" and r > 0:
                    above = slots[r - 1][col] if col < len(slots[r - 1]) else None
                    if above is not None:
                        if above[1] + above[3] == r:  # extend only a span reaching the row above
                            above[3] += 1
                        line.extend([above] * span)
                        col += span
                        continue
                text = self._cell_text(tc, nested)
                cell = [text, r, col, 1, span, r + 1, phys, cell_path or self.paths.get(tc)]
                if span == 1:
                    line.append(cell)
                else:
                    line.extend([cell] * span)
                col += span
            slots.append(line)
        width = max([grid_cols] + [len(line) for line in slots]) if slots else grid_cols
        self._check_width(width)
        if len(slots) * width > self.limits.max_table_cells:
            raise limit_exceeded("max_table_cells", self.limits.max_table_cells,
                                 f"a table of {len(slots)} x {width} cells", f"表格有 {len(slots)} × {width} 个单元格")
        return Table(index=index, rows=_freeze(slots, width), n_cols=width, xpath=table_path)

    def _check_width(self, cols: int) -> None:
        if cols > self.limits.max_table_cols:
            raise limit_exceeded("max_table_cols", self.limits.max_table_cols, f"a table row {cols} columns wide",
                                 f"表格一行宽 {cols} 列")

    def _cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        # Fast path: a cell of plain paragraphs (most value cells) needs no walk.
        texts: list[str] = []
        for child in tc:
            tag = child.tag
            if tag == _P and child not in self.complex and not self.fields.stack:
                texts.append(_plain_text(child))
            elif tag != _TCPR:
                break
        else:
            return "\n".join(texts)
        lines: list[str] = []
        self._cell_blocks(tc, lines, nested)
        return "\n".join(lines)

    def _cell_blocks(self, container: etree._Element, lines: list[str], nested: list[etree._Element]) -> None:
        for child in container:
            if child.tag == W + "p":
                ppr = child_el(child, W + "pPr")
                text = self.paragraph_text(child)
                if ppr is not None and child_el(ppr, W + "rPr", W + "del") is not None and not text.strip():
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


def _merge_properties(rows: list[tuple[etree._Element, Optional[str]]]
                      ) -> dict[etree._Element, tuple[int, Optional[str], bool, bool]]:
    """Cell -> (gridSpan, vMerge, hMerge continues, deleted) for the cells that have any of
    them, found by one native search per row instead of a look at every cell's properties.
    Only a cell's own w:tcPr counts (not the old properties inside w:tcPrChange)."""
    found: dict[etree._Element, tuple[int, Optional[str], bool, bool]] = {}
    for tr, _path in rows:
        for prop in tr.iter(_GRIDSPAN, _VMERGE, _HMERGE, _CELLDEL):
            tcpr = prop.getparent()
            tc = tcpr.getparent() if tcpr is not None and tcpr.tag == _TCPR else None
            if tc is None or tc.tag != W + "tc":
                continue
            span, vmerge, hmerge, deleted = found.get(tc, (1, None, False, False))
            tag = prop.tag
            if tag == _GRIDSPAN:
                span = max(1, safe_int(prop.get(_VAL), 1))
            elif tag == _VMERGE:
                vmerge = prop.get(_VAL) or "continue"
            elif tag == _HMERGE:
                hmerge = (prop.get(_VAL) or "continue") == "continue"
            else:
                deleted = True
            found[tc] = (span, vmerge, hmerge, deleted)
    return found


def _freeze(slots: list[list[Optional[list]]], width: int) -> tuple[tuple[Optional[Cell], ...], ...]:
    """The working grid as frozen Cells; a merged cell is one Cell in all the slots it covers."""
    frozen: dict[int, Cell] = {}
    grid: list[tuple[Optional[Cell], ...]] = []
    make = Cell.fast
    for line in slots:
        if len(line) < width:
            line = line + [None] * (width - len(line))
        out: list[Optional[Cell]] = []
        for slot in line[:width]:
            if slot is None:
                out.append(None)
                continue
            key = id(slot)
            cell = frozen.get(key)
            if cell is None:
                cell = frozen[key] = make(slot[0], slot[1], slot[2], slot[3], slot[4], slot[5], slot[6], slot[7])
            out.append(cell)
        grid.append(tuple(out))
    return tuple(grid)


def _plain_text(p: etree._Element) -> str:
    """The text of a paragraph of plain runs: its w:t, in order. (``itertext(w:t)`` gives the
    same, at 2.5x the cost: a report has hundreds of such paragraphs, most in table cells.)"""
    return "".join([t.text or "" for t in p.iter(_T)])


def _first(el: etree._Element, tag: str) -> Optional[etree._Element]:
    """The child ``tag`` that the schema puts first (w:pPr in w:p, w:trPr in w:tr...): a look at
    the first child, then a search for files that put it elsewhere."""
    if len(el) and el[0].tag == tag:
        return el[0]
    return child_el(el, tag)


def _symbol(code: Optional[str]) -> str:
    """The character of ``w:sym``; nothing for malformed codes, controls and lone surrogates."""
    try:
        value = int(code or "", 16) if 0 < len(code or "") <= 8 else -1
    except ValueError:
        return ""
    if value < 0x20 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF or 0x7F <= value < 0xA0:
        return ""
    return chr(value)


def _val(el: Optional[etree._Element]) -> Optional[str]:
    return None if el is None else el.get(W + "val")


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


def read_docx(path: Path, limits: Limits) -> Document:
    pkg = Package(path, limits)
    try:
        main = _main_part(pkg)
        if not pkg.has(main):
            raise InputError("RL-IO-003", main)
        _check_content_type(pkg, main)
        root = pkg.xml(main)
        assert root is not None
        if root.tag.startswith("{" + STRICT_W_NS):
            raise InputError("RL-IO-009", "Strict OOXML")
        if root.tag != W + "document":
            raise InputError("RL-IO-001", f"{main} is not a WordprocessingML document")
        base = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
        numbering_part = pkg.xml(base + "numbering.xml")
        # Styles matter only for numbering through paragraph styles (a style's numPr) and for
        # hidden character styles (a style's vanish, used by w:rStyle); many reports (WPS's
        # template among them) need neither, so skip the parse then.
        needles = ((b"numPr",) if numbering_part is not None else ()) + \
            ((b"vanish",) if next(root.iter(W + "rStyle"), None) is not None else ())
        styles = pkg.xml_if(base + "styles.xml", needles) if needles else None
        if not needles:
            pkg.refuse_doctype(base + "styles.xml")
        numbering = Numbering.load(numbering_part, styles)
    finally:
        pkg.close()
    body = root.find(W + "body")
    reader = _Reader(root=root, numbering=numbering, styles_vanish=_vanish_styles(styles), limits=limits)
    if body is not None:
        reader.find_complex()
        reader.walk(body)
    notices = list(reader.notices)
    if reader.revisions:
        notices.append(Notice("revisions", f"{reader.revisions}"))
    for fmt in sorted(numbering.unknown_formats):
        notices.append(Notice("numbering-format", fmt))
    return Document(path=str(path), format="docx", blocks=tuple(reader.blocks), notices=tuple(notices))
