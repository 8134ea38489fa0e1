"""The main document's text through the piece table, and the bin tables of paragraph and character
properties (FKPs), all mapped to character positions ([MS-DOC] 2.4.1, 2.8.x, 2.9.x)."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from linter.i18n import Msg
from linter.config.limits import Limits
from linter.errors import limit_exceeded
from linter.readers.doc.binary import damaged, i16, part, u16, u32, u32_array, u8
from linter.readers.doc.fib import CLX, PLCF_BTE_CHPX, PLCF_BTE_PAPX, WordFile

FKP_BYTES = 512
# 8-bit pieces hold Windows-1252 text; the bytes 1252 leaves undefined read as Latin-1 does.
_CP1252 = bytes(range(256)).decode("cp1252", errors="replace")
_BYTE_TEXT = "".join(ch if ch != "\ufffd" else chr(i) for i, ch in enumerate(_CP1252))


@dataclass(frozen=True)
class Piece:
    cp: int  # first character
    cp_end: int
    fc: int  # byte offset of the first character in the WordDocument stream
    compressed: bool  # 8-bit characters
    prm: int

    def fc_of(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)

    @property
    def fc_end(self) -> int:
        return self.fc_of(self.cp_end)


def read_pieces(doc: WordFile, limits: Limits) -> tuple[list[Piece], list[bytes]]:
    """The piece table (Pcdt) of the Clx and the Prc property lists before it."""
    clx = doc.table_part(CLX, "pieces")
    if clx is None:
        raise damaged(Msg.of("detail.doc.document_has_no_piece"))
    pos = 0
    prcs: list[bytes] = []
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: a grpprl that pieces may refer to
        size = i16(clx, pos + 1)
        prcs.append(part(clx, pos + 3, size, "piece_properties"))
        pos += 3 + max(size, 0)
        if len(prcs) > limits.max_doc_pieces:
            raise limit_exceeded(
                "max_doc_pieces", limits.max_doc_pieces, Msg.of("detail.doc.too_many_piece_properties")
            )
    if pos >= len(clx) or clx[pos] != 0x02:
        raise damaged(Msg.of("detail.doc.piece_table_missing_from"))
    lcb = u32(clx, pos + 1)
    plc = part(clx, pos + 5, lcb, "pieces")
    if lcb < 4 or (lcb - 4) % 12:
        raise damaged(Msg.of("detail.doc.piece_table_bytes", lcb=lcb))
    count = (lcb - 4) // 12
    if count > limits.max_doc_pieces:
        raise limit_exceeded("max_doc_pieces", limits.max_doc_pieces, Msg.of("detail.doc.text_pieces", count=count))
    cps = u32_array(plc, 0, count + 1)
    pieces: list[Piece] = []
    base = 4 * (count + 1)
    for i in range(count):
        at = base + 8 * i
        fc_raw = u32(plc, at + 2)
        compressed = bool(fc_raw & 0x40000000)
        fc = (fc_raw & 0x3FFFFFFF) // 2 if compressed else fc_raw & 0x3FFFFFFF
        cp, cp_end = cps[i], cps[i + 1]
        if cp_end < cp or (pieces and cp != pieces[-1].cp_end):
            raise damaged(Msg.of("detail.doc.piece_table_s_character"))
        pieces.append(Piece(cp, cp_end, fc, compressed, u16(plc, at + 6)))
    return pieces, prcs


def main_text(doc: WordFile, pieces: list[Piece]) -> str:
    """The characters 0 .. ccpText of the main document."""
    out: list[str] = []
    for piece in pieces:
        if piece.cp >= doc.ccp_text:
            break
        end = min(piece.cp_end, doc.ccp_text)
        n = end - piece.cp
        if piece.compressed:
            out.append(part(doc.word, piece.fc, n, "text_piece").decode("latin-1").translate(_BYTE_MAP))
        else:
            out.append(part(doc.word, piece.fc, 2 * n, "text_piece").decode("utf-16-le", errors="replace"))
    text = "".join(out)
    if len(text) < doc.ccp_text:
        raise damaged(
            Msg.of("detail.doc.pieces_hold_document_s", n_text=len(text), ccp_text=doc.ccp_text),
        )
    return text


_BYTE_MAP = {i: _BYTE_TEXT[i] for i in range(0x80, 0xA0)}


@dataclass(frozen=True)
class Runs:
    """Property runs of an FKP bin table: byte ranges of the WordDocument stream, sorted, each with
    its property bytes (a grpprl for characters; istd + grpprl for paragraphs)."""

    starts: list[int]
    ends: list[int]
    props: list[bytes]

    def at(self, fc: int) -> bytes:
        """The properties of the run holding byte ``fc`` (none if no run holds it)."""
        i = bisect.bisect_right(self.starts, fc) - 1
        if i >= 0 and fc < self.ends[i]:
            return self.props[i]
        return b""


def _bin_table(doc: WordFile, index: int, what: str, limits: Limits) -> list[int]:
    """The FKP page numbers of a PlcBte (paragraph or character bin table)."""
    plc = doc.table_part(index, what)
    if plc is None:
        return []
    if (len(plc) - 4) % 8:
        raise damaged(Msg.of("detail.doc.bytes", what=Msg.of("detail.doc.part." + what), n_plc=len(plc)))
    count = (len(plc) - 4) // 8
    if count > limits.max_doc_fkp_pages:
        raise limit_exceeded(
            "max_doc_fkp_pages", limits.max_doc_fkp_pages, Msg.of("detail.doc.property_pages", count=count)
        )
    return [pn & 0x3FFFFF for pn in u32_array(plc, 4 * (count + 1), count)]


def paragraph_runs(doc: WordFile, limits: Limits) -> Runs:
    """PAPX FKPs: for each paragraph (by the byte range that ends with its mark) istd + grpprl."""
    starts: list[int] = []
    ends: list[int] = []
    props: list[bytes] = []
    for pn in _bin_table(doc, PLCF_BTE_PAPX, "papx_bins", limits):
        page = part(doc.word, pn * FKP_BYTES, FKP_BYTES, "papx_page")
        crun = page[511]
        if 4 * (crun + 1) + 13 * crun > 511:
            raise damaged(Msg.of("detail.doc.paragraph_property_page_entries", crun=crun))
        fcs = u32_array(page, 0, crun + 1)
        base = 4 * (crun + 1)
        for i in range(crun):
            offset = 2 * page[base + 13 * i]  # at most 510: inside the page
            grpprl = b""
            if offset:
                cb = page[offset]
                if cb:
                    grpprl = part(page, offset + 1, 2 * cb - 1, "papx")
                else:
                    grpprl = part(page, offset + 2, 2 * u8(page, offset + 1), "papx")
            starts.append(fcs[i])
            ends.append(fcs[i + 1])
            props.append(grpprl)
    return _sorted(starts, ends, props)


def character_runs(doc: WordFile, limits: Limits) -> Runs:
    """CHPX FKPs: the grpprl of each run of characters."""
    starts: list[int] = []
    ends: list[int] = []
    props: list[bytes] = []
    for pn in _bin_table(doc, PLCF_BTE_CHPX, "chpx_bins", limits):
        page = part(doc.word, pn * FKP_BYTES, FKP_BYTES, "chpx_page")
        crun = page[511]
        if 5 * crun + 4 > 511:
            raise damaged(Msg.of("detail.doc.character_property_page_entries", crun=crun))
        fcs = u32_array(page, 0, crun + 1)
        base = 4 * (crun + 1)
        for i in range(crun):
            offset = 2 * page[base + i]  # at most 510: inside the page
            grpprl = part(page, offset + 1, page[offset], "chpx") if offset else b""
            starts.append(fcs[i])
            ends.append(fcs[i + 1])
            props.append(grpprl)
    return _sorted(starts, ends, props)


def _sorted(starts: list[int], ends: list[int], props: list[bytes]) -> Runs:
    if any(b < a for a, b in itertools.pairwise(starts)):
        order = sorted(range(len(starts)), key=starts.__getitem__)
        starts, ends, props = [starts[i] for i in order], [ends[i] for i in order], [props[i] for i in order]
    return Runs(starts, ends, props)


def fc_at(pieces: list[Piece], piece_starts: list[int], cp: int) -> int:
    """The byte offset of character ``cp`` (-1 outside every piece)."""
    i = bisect.bisect_right(piece_starts, cp) - 1
    if i < 0 or cp >= pieces[i].cp_end:
        return -1
    return pieces[i].fc_of(cp)
