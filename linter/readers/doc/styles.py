"""The style sheet (STSH, [MS-DOC] 2.9.271): each style's name, base style and the properties the
reader needs from it (list numbering, outline level, hidden text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from linter.readers.doc.binary import part, sprms, u16
from linter.readers.doc.fib import STSHF, WordFile

SPRM_P_ILVL, SPRM_P_ILFO, SPRM_P_OUTLVL = 0x260A, 0x460B, 0x2640
SPRM_C_VANISH = 0x083C
STK_PARAGRAPH, STK_CHARACTER = 1, 2
MAX_BASE_DEPTH = 16


@dataclass(frozen=True)
class Style:
    name: str = ""
    kind: int = 0  # stk: 1 paragraph, 2 character
    base: Optional[int] = None
    ilfo: Optional[int] = None
    ilvl: Optional[int] = None
    outline: Optional[int] = None
    vanish: Optional[bool] = None


@dataclass(frozen=True)
class Styles:
    styles: tuple[Style, ...] = ()

    def get(self, istd: int) -> Style:
        return self.styles[istd] if 0 <= istd < len(self.styles) else Style()

    def resolved(self, istd: int, attr: str) -> object:
        """A property of style ``istd``, inherited along its base styles."""
        seen = 0
        while 0 <= istd < len(self.styles) and seen < MAX_BASE_DEPTH:
            style = self.styles[istd]
            value = getattr(style, attr)
            if value is not None:
                return value
            if style.base is None:
                break
            istd, seen = style.base, seen + 1
        return None


def read_styles(doc: WordFile) -> Styles:
    """The styles of the document; a damaged style sheet leaves the styles it could not read
    empty (they only add numbering, hidden text and TOC names to what the paragraphs say)."""
    stsh = doc.table_part(STSHF, "styles")
    if stsh is None:
        return Styles()
    try:
        cb_stshi = u16(stsh, 0)
        cstd = u16(stsh, 2)
        base_size = u16(stsh, 4)
    except Exception:
        return Styles()
    pos = 2 + cb_stshi
    out: list[Style] = []
    for _ in range(min(cstd, 4096)):
        if pos + 2 > len(stsh):
            break
        cb = u16(stsh, pos)
        std = stsh[pos + 2 : pos + 2 + cb]
        pos += 2 + cb
        out.append(_style(std, base_size) if cb else Style())
    return Styles(tuple(out))


def _style(std: bytes, base_size: int) -> Style:
    try:
        kind = u16(std, 2) & 0x000F
        base = u16(std, 2) >> 4
        cupx = u16(std, 4) & 0x000F
        pos = base_size
        cch = u16(std, pos)
        name = part(std, pos + 2, 2 * cch, "style_name").decode("utf-16-le", errors="replace")
        pos += 2 + 2 * cch + 2
        upxs: list[bytes] = []
        for _ in range(cupx):
            size = u16(std, pos)
            upxs.append(part(std, pos + 2, size, "style_properties"))
            pos += 2 + size + (size & 1)
    except Exception:
        return Style()
    papx = upxs[0][2:] if kind == STK_PARAGRAPH and upxs else b""
    chpx = upxs[1] if kind == STK_PARAGRAPH and len(upxs) > 1 else (upxs[0] if kind == STK_CHARACTER and upxs else b"")
    ilfo = ilvl = outline = None
    for sprm, op in sprms(papx):
        if sprm == SPRM_P_ILFO and len(op) == 2:
            ilfo = int.from_bytes(op, "little", signed=True)
        elif sprm == SPRM_P_ILVL and op:
            ilvl = op[0]
        elif sprm == SPRM_P_OUTLVL and op:
            outline = op[0]
    vanish = None
    for sprm, op in sprms(chpx):
        if sprm == SPRM_C_VANISH and op:
            vanish = op[0] in (1, 0x81)
    return Style(
        name=name,
        kind=kind,
        base=None if base == 0x0FFF else base,
        ilfo=ilfo,
        ilvl=ilvl,
        outline=outline,
        vanish=vanish,
    )
