"""Identify a file by its content (magic bytes), never by its extension.

``sniff`` returns the reader to use ("zip" for a .docx or an OFD, "doc", "html", "pdf" or "text") or raises an InputError
that says what the file is and how to convert it: encrypted Office files, other Office binaries,
OpenDocument, RTF, web archives (MHT), images, empty files.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable

from linter.i18n import Msg
from linter.errors import InputError
from linter.readers.text.decode import bom_encoding

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SNIFF_BYTES = 8192
OLE_SCAN_BYTES = 4 * 1024 * 1024

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)
_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|table|tr|td|p|div|br)\b[^>]*>", re.IGNORECASE)
_WORD_2003_XML = re.compile(rb"<w:wordDocument\b|<\?mso-application\s+progid=\"Word\.Document\"", re.IGNORECASE)
_MHT = re.compile(rb"^(?:MIME-Version:|From:|Content-Type:\s*multipart/related)", re.IGNORECASE)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _sniff_ole(path: Path) -> str:
    """An OLE compound file: encrypted OOXML, legacy Word/WPS, or another Office binary."""
    with path.open("rb") as fh:
        data = fh.read(OLE_SCAN_BYTES)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise InputError(
            "RL-IO-004",
            Msg.of("detail.doc.office_file_encrypted_password"),
        )
    if _utf16("WordDocument") in data:
        return "doc"  # Word 97-2003, and WPS's .wps: the same WordDocument stream
    if _utf16("Workbook") in data or _utf16("Book") in data:
        raise InputError("RL-IO-001", Msg.of("detail.detect.excel_workbook_xls_not"))
    if _utf16("PowerPoint Document") in data:
        raise InputError("RL-IO-001", Msg.of("detail.detect.powerpoint_presentation_ppt"))
    return "doc"  # no stream name found (a damaged directory?): the Word reader opens it and says


def _sniff_zip(head: bytes) -> str:
    # OpenDocument stores an uncompressed "mimetype" member first (ODF 1.2 §3.3).
    m = (
        re.match(rb"application/vnd\.oasis\.opendocument\.?([a-z-]{0,20})", head[38:140])
        if head[30:38] == b"mimetype"
        else None
    )
    if m is not None:
        kind = m.group(1).decode("ascii") or "document"
        raise InputError("RL-IO-026", f"OpenDocument {kind}")
    return "zip"  # a .docx or an OFD: told apart by ``zip_kind`` once the package is open


def zip_kind(names: Iterable[str]) -> str:
    """``ofd`` for an OFD package: its entry file OFD.xml (GB/T 33190 §7.4) and no OOXML content
    types; otherwise ``docx`` (whose reader names what is missing)."""
    found = set(names)
    return "ofd" if "OFD.xml" in found and "[Content_Types].xml" not in found else "docx"


def _text_head(head: bytes) -> bytes:
    """The head as ASCII-compatible bytes for markup checks (UTF-16/32 pages decoded first)."""
    bom = bom_encoding(head)
    if bom is None:
        return head
    enc, skip = bom
    return head[skip:] if enc == "utf-8" else head[skip:].decode(enc, errors="ignore").encode("utf-8")


def is_pdf(path: Path) -> bool:
    """Whether ``sniff`` would send ``path`` to the PDF reader (PDFium: native code, so its
    callers check such a file in a child process). False for a file that cannot be read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # never open a FIFO or a device here
            return False
        with path.open("rb") as fh:
            head = fh.read(1024)
    except (OSError, ValueError):
        return False
    return not head.startswith((b"PK\x03\x04", b"PK\x05\x06", OLE_MAGIC)) and b"%PDF-" in head


def read_in_child(path: Path) -> bool:
    """Whether even a single ``path`` is checked in a child process with the time limit and
    memory cap: a PDF (PDFium is native code) or an OLE file (a binary Word document's tables
    are offsets a hostile file chooses). False for a file that cannot be read."""
    if is_pdf(path):
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # never open a FIFO or a device here
            return False
        with path.open("rb") as fh:
            return fh.read(len(OLE_MAGIC)) == OLE_MAGIC
    except (OSError, ValueError):
        return False


def sniff(path: Path, head: bytes) -> str:
    """Return the reader name for ``path``, or raise a specific InputError."""
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise InputError("RL-IO-008")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(head)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise InputError("RL-IO-021", name)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise InputError("RL-IO-021", "WebP")
    text = _text_head(head)
    stripped = text.lstrip(b" \t\r\n")
    if stripped.lower().startswith(b"{\\rtf"):
        raise InputError("RL-IO-020")
    if _MHT.match(stripped):
        raise InputError("RL-IO-025")
    if _WORD_2003_XML.search(text):
        raise InputError("RL-IO-011", Msg.of("detail.detect.word_2003_xml_document"))
    if _HTML_START.match(stripped) or len(_HTML_ANYWHERE.findall(text)) >= 3:
        return "html"
    if b"\x00" in text:
        raise InputError("RL-IO-001", Msg.of("detail.detect.binary_data"))
    return "text"
