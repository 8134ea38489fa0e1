"""Read a Word 97-2003 binary document (.doc, .wps) into the model: paragraphs as a reader sees
them (accepted revisions, no hidden text, fields' displayed results, list numbers) and tables as
grids, located as the .docx reader locates them (block; table, row, cell)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from linter.config.limits import Limits
from linter.errors import InputError, os_detail
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.doc.binary import SPRM_TDEFTABLE, part, sprms, u16, u32
from linter.readers.doc.fib import PLCF_SED, WordFile, open_word
from linter.readers.doc.lists import read_lists
from linter.readers.doc.pieces import Piece, Runs, character_runs, fc_at, main_text, paragraph_runs, read_pieces
from linter.readers.doc.styles import Styles, read_styles
from linter.readers.doc.tables import SPRM_T_VERTMERGE, RowDef, build, row_def
from linter.readers.docx.body import symbol
from linter.readers.docx.numbering import Numbering
from linter.readers.grid import add_block

SPRM_P_INTABLE, SPRM_P_TTP, SPRM_P_ITAP, SPRM_P_DTAP = 0x2416, 0x2417, 0x6649, 0x664A
SPRM_P_INNER_CELL, SPRM_P_INNER_TTP, SPRM_P_HUGEPAPX = 0x244B, 0x244C, 0x6646
SPRM_P_ILVL, SPRM_P_ILFO, SPRM_P_OUTLVL = 0x260A, 0x460B, 0x2640
SPRM_C_RMARKDEL, SPRM_C_VANISH, SPRM_C_ISTD = 0x0800, 0x083C, 0x4A30
SPRM_C_FLDVANISH = 0x0802
SPRM_C_SYMBOL = 0x6A09  # a symbol font's character, in place of the text's 0x28 (as w:sym)
CELL_MARK, PARA_MARK, SECTION_MARK = "\x07", "\r", "\x0c"
FIELD_BEGIN, FIELD_SEPARATE, FIELD_END = "\x13", "\x14", "\x15"
MAX_ITAP = 64
_ROW_SPRMS = (SPRM_TDEFTABLE, SPRM_T_VERTMERGE)
# What the special characters of the text show: a line break and a page break (inside a
# paragraph) start a new line, a non-breaking hyphen is a hyphen; field marks, pictures, drawn
# objects, note references, optional hyphens and other controls show nothing.
_SHOWN: dict[int, Optional[str]] = {i: None for i in range(0x20) if i != 0x09}
_SHOWN.update({0x0B: "\n", 0x0C: "\n", 0x1E: "-"})
_MARKS = re.compile("[\r\x07\x0c]")
_FIELD_MARKS = re.compile("[\x13\x14\x15]")


@dataclass
class _Para:
    """What a paragraph's properties say about its place in tables, lists and styles."""

    istd: int = 0
    itap: int = 0
    ttp: bool = False
    inner_cell: bool = False
    inner_ttp: bool = False
    ilfo: Optional[int] = None
    ilvl: Optional[int] = None
    outline: Optional[int] = None
    grpprl: bytes = b""
    table_ops: tuple[tuple[int, bytes], ...] = ()  # a row end's row definition (sprmTDefTable, sprmTVertMerge)


def _para(props: bytes, data: bytes) -> _Para:
    out = _Para(istd=u16(props, 0) if len(props) >= 2 else 0, grpprl=props[2:])
    in_table = False
    if b"\x46\x66" in props:  # sprmPHugePapx may be there
        for sprm, op in sprms(props[2:]):
            if sprm == SPRM_P_HUGEPAPX and len(op) == 4:  # the properties are in the Data stream
                at = u32(op, 0)
                out.grpprl += part(data, at + 2, u16(data, at), "data_papx")
    table_ops: list[tuple[int, bytes]] = []
    for sprm, op in sprms(out.grpprl):
        if sprm in _ROW_SPRMS:
            table_ops.append((sprm, op))
        elif sprm == SPRM_P_INTABLE and op:
            in_table = bool(op[0])
        elif sprm == SPRM_P_ITAP and len(op) == 4:
            out.itap = max(0, min(int.from_bytes(op, "little", signed=True), MAX_ITAP))
        elif sprm == SPRM_P_DTAP and len(op) == 4:
            out.itap = max(0, min(out.itap + int.from_bytes(op, "little", signed=True), MAX_ITAP))
        elif sprm == SPRM_P_TTP and op:
            out.ttp = bool(op[0])
        elif sprm == SPRM_P_INNER_CELL and op:
            out.inner_cell = bool(op[0])
        elif sprm == SPRM_P_INNER_TTP and op:
            out.inner_ttp = bool(op[0])
        elif sprm == SPRM_P_ILFO and len(op) == 2:
            out.ilfo = int.from_bytes(op, "little", signed=True)
        elif sprm == SPRM_P_ILVL and op:
            out.ilvl = op[0]
        elif sprm == SPRM_P_OUTLVL and op:
            out.outline = op[0]
    # Files before Word 2000 mark cells with sprmPFInTable alone; a paragraph not in a table has no depth.
    out.itap = max(1, out.itap) if in_table else 0
    out.table_ops = tuple(table_ops)
    return out


@dataclass
class _Build:
    """A table being read: finished rows, the row and cell in progress (a cell's items are its
    paragraphs' texts and the tables nested in it)."""

    rows: list[tuple[list[list[Union[str, "_Build"]]], RowDef]] = field(default_factory=list)
    cells: list[list[Union[str, "_Build"]]] = field(default_factory=list)
    items: list[Union[str, "_Build"]] = field(default_factory=list)


def _lines(items: list[Union[str, _Build]]) -> list[str]:
    """A cell's text lines: its paragraphs, and the lines of every cell of its nested tables."""
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        else:
            for cells, _d in item.rows:
                for cell in cells:
                    out.extend(_lines(cell))
    return out


@dataclass
class _Reader:
    doc: WordFile
    limits: Limits
    text: str
    pieces: list[Piece]
    papx: Runs
    styles: Styles
    numbering: Numbering
    removed: list[tuple[int, int]]  # sorted character ranges not shown
    toc: list[tuple[int, int]]  # the results of TOC fields
    sections: set[int]  # positions of section marks
    blocks: list[Block] = field(default_factory=list)
    stack: list[_Build] = field(default_factory=list)  # open tables, outermost first
    revisions: int = 0
    deleted_marks: set[int] = field(default_factory=set)
    row_defs: dict[tuple[tuple[int, bytes], ...], RowDef] = field(
        default_factory=dict
    )  # rows of one table share their definition

    def shown(self, start: int, end: int) -> str:
        """The text a reader sees between two character positions."""
        removed = self.removed
        i = bisect.bisect_right(removed, (start, 1 << 62)) - 1
        i = max(i, 0)
        parts: list[str] = []
        pos = start
        while i < len(removed) and removed[i][0] < end:
            a, b = removed[i]
            if b > pos:
                if a > pos:
                    parts.append(self.text[pos:a])
                pos = max(pos, b)
            i += 1
        if pos < end:
            parts.append(self.text[pos:end])
        return "".join(parts).translate(_SHOWN)

    def read(self) -> None:
        starts = [p.cp for p in self.pieces]
        start = 0
        known: dict[bytes, _Para] = {}  # most paragraphs share their properties with others
        for m in _MARKS.finditer(self.text):
            end = m.start()
            mark = m.group()
            if mark == SECTION_MARK and end not in self.sections:
                continue  # a page break inside a paragraph
            raw = self.papx.at(fc_at(self.pieces, starts, end))
            props = known.get(raw)
            if props is None:
                props = known[raw] = _para(raw, self.doc.data)
            self._paragraph(start, end, mark, props)
            start = end + 1
        while self.stack:
            self._close_table()

    def _paragraph(self, start: int, end: int, mark: str, p: _Para) -> None:
        depth = p.itap
        while len(self.stack) > depth:
            self._close_table()
        text = self.shown(start, end)
        if end in self.deleted_marks and not text.strip():
            self.revisions += 1
            return  # a deleted, now empty paragraph disappears in the accepted view
        if depth == 0:
            self._body_paragraph(start, text, p)
            return
        while len(self.stack) < depth:
            table = _Build()
            if self.stack:
                self.stack[-1].items.append(table)
            self.stack.append(table)
        table = self.stack[-1]
        row_end = p.ttp if depth == 1 else p.inner_ttp
        cell_end = mark == CELL_MARK if depth == 1 else p.inner_cell
        if row_end:
            cells = table.cells
            if table.items:  # text after the last cell mark: keep it in a cell of its own
                cells.append(table.items)
            table.rows.append((cells, self._row_def(p.table_ops)))
            table.cells, table.items = [], []
            return
        table.items.append(text)
        if cell_end:
            table.cells.append(table.items)
            table.items = []

    def _row_def(self, ops: tuple[tuple[int, bytes], ...]) -> RowDef:
        found = self.row_defs.get(ops)
        if found is None:
            found = self.row_defs[ops] = row_def(list(ops))
        return found

    def _body_paragraph(self, start: int, text: str, p: _Para) -> None:
        style = self.styles.get(p.istd)
        ilfo = p.ilfo if p.ilfo is not None else self.styles.resolved(p.istd, "ilfo")
        ilvl = p.ilvl if p.ilvl is not None else self.styles.resolved(p.istd, "ilvl")
        label = ""
        if isinstance(ilfo, int) and ilfo > 0:
            label = self.numbering.label_for(str(ilfo), ilvl if isinstance(ilvl, int) and ilvl < 9 else 0)
        name = style.name
        if _inside(self.toc, start):
            name = "TOC" if not name.lower().startswith("toc") else name
        outline = p.outline if p.outline is not None and p.outline < 9 else None
        add_block(self.blocks, Paragraph(len(self.blocks), text, label, name, outline), self.limits)

    def _close_table(self) -> None:
        table = self.stack.pop()
        if table.items:
            table.cells.append(table.items)
            table.items = []
        if table.cells:  # a row without its row-end mark (a damaged file): keep its cells
            table.rows.append((table.cells, RowDef()))
            table.cells = []
        if self.stack:
            return  # nested: its text is read as lines of the cell that holds it
        rows = table.rows
        if len(rows) == 1 and len(rows[0][0]) == 1 and any(isinstance(i, _Build) for i in rows[0][0][0]):
            self._unwrap(rows[0][0][0])  # a 1x1 layout table around real content
            return
        texts = [(["\n".join(_lines(cell)) for cell in cells], d) for cells, d in rows]
        index = len(self.blocks)
        add_block(self.blocks, build(index, texts, self.limits), self.limits)

    def _unwrap(self, items: list[Union[str, _Build]]) -> None:
        for item in items:
            if isinstance(item, str):
                add_block(self.blocks, Paragraph(len(self.blocks), item), self.limits)
            else:
                texts = [(["\n".join(_lines(cell)) for cell in cells], d) for cells, d in item.rows]
                add_block(self.blocks, build(len(self.blocks), texts, self.limits), self.limits)


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _char_ranges(
    doc: WordFile, pieces: list[Piece], prcs: list[bytes], styles: Styles, limits: Limits
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Character ranges deleted as revisions, ranges of hidden text (direct or by character
    style), from the character runs and the pieces' own properties, and ranges of symbol
    characters with the character each shows."""
    chpx = character_runs(doc, limits)
    flagged: list[tuple[int, int, bool, bool]] = []  # fc range, deleted, hidden
    symbols: list[tuple[int, int, str]] = []  # fc range, character
    known: dict[bytes, tuple[bool, bool]] = {}
    for a, b, grpprl in zip(chpx.starts, chpx.ends, chpx.props):
        flags = known.get(grpprl)
        if flags is None:
            flags = known[grpprl] = _char_flags(grpprl, styles)
        deleted, hidden = flags
        if deleted or hidden:
            flagged.append((a, b, deleted, hidden))
        if b"\x09\x6a" in grpprl:
            for sprm, op in sprms(grpprl):
                if sprm == SPRM_C_SYMBOL and len(op) == 4:
                    symbols.append((a, b, symbol(f"{u16(op, 2):04X}")))
    deleted_cp: list[tuple[int, int]] = []
    hidden_cp: list[tuple[int, int]] = []
    symbol_cp: list[tuple[int, int, str]] = []
    for piece in pieces:
        if piece.cp >= doc.ccp_text:
            break
        if piece.prm & 1 and (piece.prm >> 1) < len(prcs):
            deleted, hidden = _char_flags(prcs[piece.prm >> 1], styles)
            if deleted:
                deleted_cp.append((piece.cp, piece.cp_end))
            if hidden:
                hidden_cp.append((piece.cp, piece.cp_end))
        width = 1 if piece.compressed else 2
        lo, hi = piece.fc, piece.fc_end
        for a, b, deleted, hidden in flagged:
            if b <= lo or a >= hi:
                continue
            cp_a = piece.cp + (max(a, lo) - lo + width - 1) // width
            cp_b = piece.cp + (min(b, hi) - lo + width - 1) // width
            if cp_b > cp_a:
                (deleted_cp if deleted else hidden_cp).append((cp_a, cp_b))
                if deleted and hidden:
                    hidden_cp.append((cp_a, cp_b))
        for a, b, char in symbols:
            if b <= lo or a >= hi:
                continue
            cp_a = piece.cp + (max(a, lo) - lo + width - 1) // width
            cp_b = piece.cp + (min(b, hi) - lo + width - 1) // width
            if cp_b > cp_a:
                symbol_cp.append((cp_a, cp_b, char))
    return _merged(deleted_cp), _merged(hidden_cp), symbol_cp


def _with_symbols(text: str, symbols: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The text with each symbol character in place of the character that stands for it (Word
    stores 0x28 there), and the ranges whose symbol shows nothing (a control, a malformed code)."""
    if not symbols:
        return text, []
    chars = list(text)
    blank: list[tuple[int, int]] = []
    for a, b, char in symbols:
        b = min(b, len(chars))
        if char:
            chars[a:b] = [char] * (b - a)
        elif b > a:
            blank.append((a, b))
    return "".join(chars), blank


def _char_flags(grpprl: bytes, styles: Styles) -> tuple[bool, bool]:
    if b"\x00\x08" not in grpprl and b"\x3c\x08" not in grpprl and b"\x30\x4a" not in grpprl:
        return False, False  # none of the three properties can be there
    deleted = hidden = False
    for sprm, op in sprms(grpprl):
        if not op:
            continue
        if sprm == SPRM_C_RMARKDEL:
            deleted = op[0] in (1, 0x81)
        elif sprm == SPRM_C_VANISH:
            hidden = op[0] in (1, 0x81)
        elif sprm == SPRM_C_ISTD and len(op) == 2 and not hidden:
            hidden = styles.resolved(int.from_bytes(op, "little"), "vanish") is True
    return deleted, hidden


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _fields(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of the fields' instructions (hidden: a field shows its result) and the
    results of TOC fields. Text is hidden while any open field is still in its instructions."""
    hidden: list[tuple[int, int]] = []
    toc: list[tuple[int, int]] = []
    stack: list[list[int]] = []  # per open field: [begin, separator or -1]
    hide_from = -1
    for m in _FIELD_MARKS.finditer(text):
        pos, ch = m.start(), m.group()
        if ch == FIELD_BEGIN:
            if len(stack) >= MAX_ITAP * 16:
                continue
            stack.append([pos, -1])
            if hide_from < 0:
                hide_from = pos
        elif not stack:
            continue
        elif ch == FIELD_SEPARATE:
            if stack[-1][1] < 0:
                stack[-1][1] = pos
                if text[stack[-1][0] + 1 : pos].strip().upper().startswith("TOC"):
                    toc.append((pos, -1))
        else:
            _begin, sep = stack.pop()
            if toc and toc[-1] == (sep, -1):
                toc[-1] = (sep, pos)
        if hide_from >= 0 and all(sep >= 0 for _b, sep in stack):
            hidden.append((hide_from, pos + 1))
            hide_from = -1
    if hide_from >= 0:
        hidden.append((hide_from, len(text)))
    return hidden, [r for r in toc if r[1] >= 0]


def _section_marks(doc: WordFile) -> set[int]:
    """The positions of section marks (the last character of each section but the last)."""
    plc = doc.table_part(PLCF_SED, "sections")
    if plc is None or (len(plc) - 4) % 16:
        return set()
    count = (len(plc) - 4) // 16
    return {u32(plc, 4 * (i + 1)) - 1 for i in range(min(count, 100_000))}


def read_doc(path: Path, limits: Limits) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("RL-IO-010", os_detail(exc)) from None
    doc = open_word(raw)
    pieces, prcs = read_pieces(doc, limits)
    text = main_text(doc, pieces)
    styles = read_styles(doc)
    deleted, hidden, symbols = _char_ranges(doc, pieces, prcs, styles, limits)
    field_code, toc = _fields(text)
    text, blank = _with_symbols(text, symbols)
    reader = _Reader(
        doc=doc,
        limits=limits,
        text=text,
        pieces=pieces,
        papx=paragraph_runs(doc, limits),
        styles=styles,
        numbering=read_lists(doc),
        removed=_merged(deleted + hidden + field_code + blank),
        toc=toc,
        sections=_section_marks(doc),
    )
    reader.deleted_marks = {m.start() for a, b in deleted for m in _MARKS.finditer(text, a, b)}
    reader.read()
    notices: list[Notice] = []
    revisions = reader.revisions + len(deleted)
    if revisions:
        notices.append(Notice("revisions", f"{revisions}"))
    for fmt in sorted(reader.numbering.unknown_formats):
        notices.append(Notice("numbering-format", fmt))
    return Document(path=str(path), format="doc", blocks=tuple(reader.blocks), notices=tuple(notices))
