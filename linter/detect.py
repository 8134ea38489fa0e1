"""Identify a file by its content (magic bytes), never by its extension."""

from __future__ import annotations

import zipfile
from pathlib import Path

from linter.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(path: Path, head: bytes) -> str:
    """Return the reader name for ``path`` ("docx"), or raise a specific InputError."""
    if not head:
        raise InputError("RL-IO-008")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(OLE_MAGIC):
        data = path.read_bytes()[: 4 * 1024 * 1024]
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            raise InputError("RL-IO-004")
        raise InputError("RL-IO-007")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"{\\rtf"):
        raise InputError("RL-IO-011", "RTF")
    if lowered.startswith(b"%pdf"):
        raise InputError("RL-IO-011", "PDF")
    if lowered.startswith((b"<!doctype html", b"<html", b"mime-version:")):
        raise InputError("RL-IO-011", "HTML/MHT")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise InputError("RL-IO-011", "image")
    raise InputError("RL-IO-001")


def is_zip(path: Path) -> bool:
    return zipfile.is_zipfile(path)
