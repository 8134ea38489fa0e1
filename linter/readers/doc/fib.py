"""The compound file's streams and the File Information Block ([MS-DOC] 2.5): where every other
structure of a Word 97-2003 document lies."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional

import olefile

from linter.i18n import Msg
from linter.errors import InputError
from linter.readers.doc.binary import damaged, part, u16, u32

WORD_IDENT = 0xA5EC
NFIB_WORD97 = 0x00C1
# FibRgFcLcb97 pairs used here ([MS-DOC] 2.5.6): their index in the array of (fc, lcb) pairs.
STSHF, PLCF_SED, PLCF_BTE_CHPX, PLCF_BTE_PAPX, CLX, PLF_LST, PLF_LFO = 1, 6, 12, 13, 33, 73, 74
# FibRgLw97 counts of characters.
CCP_TEXT = 3


@dataclass(frozen=True)
class WordFile:
    """The streams of a Word binary document and the FIB's counts and table positions."""

    word: bytes  # the WordDocument stream: text, the FIB, the FKPs
    table: bytes  # 0Table or 1Table: piece table, bin tables, styles, lists
    data: bytes  # the Data stream (huge paragraph properties); may be empty
    ccp_text: int  # characters of the main document
    fc_lcb: tuple[tuple[int, int], ...]

    def table_part(self, index: int, what: str) -> Optional[bytes]:
        """The table-stream structure ``index`` of the FIB (None if absent or empty)."""
        if index >= len(self.fc_lcb):
            return None
        fc, lcb = self.fc_lcb[index]
        if lcb == 0:
            return None
        return part(self.table, fc, lcb, what)


def _stream(ole: olefile.OleFileIO, name: str) -> Optional[bytes]:
    if not ole.exists(name) or ole.get_type(name) != olefile.STGTY_STREAM:
        return None
    data: bytes = ole.openstream(name).read()
    return data


def open_word(raw: bytes) -> WordFile:
    """Read the compound file and its FIB; RL-IO-004 for an encrypted document, RL-IO-007 for
    a Word 6/95 file, RL-IO-028 for broken structures."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(raw))
    except Exception as exc:  # olefile raises OSError, struct.error, IndexError... on broken files
        raise damaged(Msg.of("detail.doc.compound_file_broken", kind=type(exc).__name__)) from None
    try:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise InputError(
                "RL-IO-004",
                Msg.of("detail.doc.office_file_encrypted_password"),
            )
        word = _stream(ole, "WordDocument")
        if word is None:
            raise InputError(
                "RL-IO-007",
                Msg.of("detail.doc.office_binary_ole_file"),
            )
        if u16(word, 0) != WORD_IDENT:
            raise damaged(Msg.of("detail.doc.worddocument_stream_does_not"))
        if u16(word, 2) < NFIB_WORD97:
            raise InputError("RL-IO-007", Msg.of("detail.doc.word_6_0_95"))
        flags = u16(word, 0x0A)
        if flags & 0x0100 or flags & 0x8000:  # fEncrypted, fObfuscated
            raise InputError("RL-IO-004", Msg.of("detail.doc.word_document_encrypted_password"))
        table = _stream(ole, "1Table" if flags & 0x0200 else "0Table")
        if table is None:
            raise damaged(Msg.of("detail.doc.document_has_no_table"))
        data = _stream(ole, "Data") or b""
    except InputError:
        raise
    except Exception as exc:  # a broken sector chain inside olefile
        raise damaged(Msg.of("detail.doc.stream_compound_file_broken", kind=type(exc).__name__)) from None
    finally:
        ole.close()
    pos = 32
    csw = u16(word, pos)
    pos += 2 + 2 * csw
    cslw = u16(word, pos)
    lw = pos + 2
    ccp_text = u32(word, lw + 4 * CCP_TEXT) if cslw > CCP_TEXT else 0
    pos = lw + 4 * cslw
    pairs = u16(word, pos)
    pos += 2
    raw_pairs = part(word, pos, 8 * pairs, "fib_table")
    fc_lcb = tuple(
        (int.from_bytes(raw_pairs[i : i + 4], "little"), int.from_bytes(raw_pairs[i + 4 : i + 8], "little"))
        for i in range(0, 8 * pairs, 8)
    )
    if ccp_text > len(word):  # every character takes at least a byte of the stream
        raise damaged(
            Msg.of("detail.doc.fib_counts_characters_stream", ccp_text=ccp_text, n_word=len(word)),
        )
    return WordFile(word=word, table=table, data=data, ccp_text=ccp_text, fc_lcb=fc_lcb)
