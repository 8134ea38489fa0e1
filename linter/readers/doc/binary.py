"""Bounds-checked reads of the little-endian structures of [MS-DOC], and its property lists (sprms)."""

from __future__ import annotations

import struct
from typing import Iterator

from linter.i18n import Msg
from linter.errors import InputError

_U8, _U16, _I16, _U32, _I32 = (struct.Struct(f) for f in ("<B", "<H", "<h", "<I", "<i"))


def damaged(detail: Msg) -> InputError:
    """RL-IO-028: the document's binary structure is broken (truncated, or bytes changed)."""
    return InputError("RL-IO-028", detail)


def u8(data: bytes, pos: int) -> int:
    return _read(_U8, data, pos)


def u16(data: bytes, pos: int) -> int:
    return _read(_U16, data, pos)


def i16(data: bytes, pos: int) -> int:
    return _read(_I16, data, pos)


def u32(data: bytes, pos: int) -> int:
    return _read(_U32, data, pos)


def i32(data: bytes, pos: int) -> int:
    return _read(_I32, data, pos)


def _read(fmt: struct.Struct, data: bytes, pos: int) -> int:
    if pos < 0 or pos + fmt.size > len(data):
        raise damaged(
            Msg.of("detail.doc.structure_byte_lies_outside", pos=pos, n_data=len(data)),
        )
    value: int = fmt.unpack_from(data, pos)[0]
    return value


def u32_array(data: bytes, pos: int, count: int) -> tuple[int, ...]:
    if count < 0 or pos < 0 or pos + 4 * count > len(data):
        raise damaged(
            Msg.of("detail.doc.array_entries_byte_lies", count=count, pos=pos),
        )
    return struct.unpack_from(f"<{count}I", data, pos)


def part(data: bytes, pos: int, size: int, what: str) -> bytes:
    """``size`` bytes at ``pos``, all of them inside ``data``; ``what`` names the structure (a key of
    the catalogue's detail.doc.part.)."""
    if pos < 0 or size < 0 or pos + size > len(data):
        named = Msg.of("detail.doc.part." + what)
        raise damaged(
            Msg.of("detail.doc.bytes_lies_outside_stream", what=named, size=size, pos=pos, n_data=len(data)),
        )
    return data[pos : pos + size]


# Sprms whose variable operand does not start with a one-byte size ([MS-DOC] 2.2.5.1).
SPRM_TDEFTABLE = 0xD608
SPRM_PCHGTABS = 0xC615
_FIXED_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


def sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) of each property in a grpprl; a property cut off by the end is dropped
    (Word ignores it too), so a damaged list costs its last property, not the document."""
    pos, end = 0, len(grpprl)
    while pos + 2 <= end:
        sprm = grpprl[pos] | grpprl[pos + 1] << 8
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _FIXED_SIZE[spra]
            start = pos
        elif sprm == SPRM_TDEFTABLE:
            if pos + 2 > end:
                return
            size = (grpprl[pos] | grpprl[pos + 1] << 8) - 1
            start = pos + 2
        elif sprm == SPRM_PCHGTABS and pos < end and grpprl[pos] == 255:
            start = pos + 1
            size = _chgtabs_size(grpprl, start)
        else:
            if pos >= end:
                return
            size = grpprl[pos]
            start = pos + 1
        if size < 0 or start + size > end:
            return
        yield sprm, grpprl[start : start + size]
        pos = start + size


def _chgtabs_size(grpprl: bytes, pos: int) -> int:
    """sprmPChgTabs with cb 255: PChgTabsDelClose (cTabs, 2 + 2 bytes a tab) then PChgTabsAdd
    (cTabs, 2 + 1 bytes a tab)."""
    if pos >= len(grpprl):
        return -1
    deleted = grpprl[pos]
    add_at = pos + 1 + 4 * deleted
    if add_at >= len(grpprl):
        return -1
    return 1 + 4 * deleted + 1 + 3 * grpprl[add_at]
