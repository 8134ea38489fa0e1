"""Automatic list numbering of a Word binary document: the list definitions (PlfLst: LSTF and
their LVLs) and list overrides (PlfLfo), rendered by the .docx reader's numbering code."""

from __future__ import annotations

from linter.readers.doc.binary import i32, part, u16, u32, u8
from linter.readers.doc.fib import PLF_LFO, PLF_LST, WordFile
from linter.readers.docx.numbering import Numbering, Level

MAX_LISTS = 4096
# MSONFC ([MS-DOC] 2.9.x, the nfc of an LVLF) -> the OOXML numFmt the numbering code renders.
NFC = {
    0x00: "decimal",
    0x01: "upperRoman",
    0x02: "lowerRoman",
    0x03: "upperLetter",
    0x04: "lowerLetter",
    0x05: "ordinal",
    0x06: "cardinalText",
    0x07: "ordinalText",
    0x0E: "decimalFullWidth",
    0x0F: "decimal",
    0x12: "decimalEnclosedCircle",
    0x13: "decimalFullWidth2",
    0x16: "decimalZero",
    0x17: "bullet",
    0x1B: "decimalEnclosedParen",
    0x1C: "decimalEnclosedCircleChinese",
    0x1E: "ideographTraditional",
    0x1F: "ideographZodiac",
    0x21: "taiwaneseCounting",
    0x22: "ideographLegalTraditional",
    0x23: "taiwaneseCountingThousand",
    0x25: "chineseCounting",
    0x26: "chineseLegalSimplified",
    0x27: "chineseCountingThousand",
    0x2F: "none",
}


def _lvl(table: bytes, pos: int) -> tuple[Level, int]:
    """One LVL at ``pos``: the level and the position after it."""
    start = i32(table, pos)
    nfc = u8(table, pos + 4)
    flags = u8(table, pos + 5)
    nums = part(table, pos + 6, 9, "list_level")
    cb_chpx, cb_papx = u8(table, pos + 24), u8(table, pos + 25)
    at = pos + 28 + cb_papx + cb_chpx
    cch = u16(table, at)
    chars = list(part(table, at + 2, 2 * cch, "list_level_text").decode("utf-16-le", errors="replace"))
    for place in nums:
        if place == 0:
            break
        if place <= len(chars) and ord(chars[place - 1]) < 9:
            chars[place - 1] = f"%{ord(chars[place - 1]) + 1}"
    text = "".join(ch if not (len(ch) == 1 and ord(ch) < 0x20) else "" for ch in chars)
    level = Level(
        start=start,
        fmt=NFC.get(nfc, f"nfc{nfc}"),
        text=text,
        restart=0 if flags & 0x08 else None,
        is_lgl=bool(flags & 0x04),
    )
    return level, at + 2 + 2 * cch


def read_lists(doc: WordFile) -> Numbering:
    """Numbering definitions keyed as .docx keys them: a numId per LFO (1-based ilfo), an
    abstractNum per list (lsid). A damaged list table gives the lists read before it."""
    nb = Numbering()
    lst = doc.table_part(PLF_LST, "lists")
    if lst is None or len(doc.fc_lcb) <= PLF_LFO:
        return nb
    try:
        count = min(max(0, int.from_bytes(lst[0:2], "little", signed=True)), MAX_LISTS)
        fc, lcb = doc.fc_lcb[PLF_LST]
        pos = fc + lcb  # the LVLs follow the PlfLst in the table stream
        for i in range(count):
            at = 2 + 28 * i
            lsid = str(i32(lst, at))
            simple = u8(lst, at + 26) & 0x01
            levels = {}
            for ilvl in range(1 if simple else 9):
                levels[ilvl], pos = _lvl(doc.table, pos)
            nb.abstract[lsid] = levels
        lfo = doc.table_part(PLF_LFO, "list_overrides")
        if lfo is None:
            return nb
        lfo_count = min(max(0, i32(lfo, 0)), MAX_LISTS)
        data = 4 + 16 * lfo_count
        for i in range(lfo_count):
            num_id = str(i + 1)
            nb.num_to_abstract[num_id] = str(i32(lfo, 4 + 16 * i))
            n_levels = u8(lfo, 4 + 16 * i + 12)
            data += 4  # the LFOData's cp
            for _ in range(min(n_levels, 9)):
                start = i32(lfo, data)
                flags = u32(lfo, data + 4)
                data += 8
                if flags & 0x10:  # fStartAt
                    nb.overrides.setdefault(num_id, {})[flags & 0x0F] = start
                if flags & 0x20:  # fFormatting: a whole LVL follows
                    _level, end = _lvl(lfo, data)
                    data = end
    except Exception:
        return nb
    return nb
