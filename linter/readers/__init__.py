"""Readers turn one file format into the format-neutral model (linter.model).

The format is detected by content (linter.readers.detect), never by extension: .docx (OOXML), .doc
and .wps (Word 97-2003 binary), OFD, HTML, PDF and plain text are read; everything else gets a specific RL-IO error.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path
from typing import Optional

from linter.errors import InputError, os_detail, special_file
from linter.config.limits import DEFAULT_LIMITS, Limits
from linter.model import Document
from linter.readers.hints import Hints


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS, hints: Optional[Hints] = None) -> Document:
    """Detect ``path``'s format by content and read it; raise InputError if unreadable."""
    from linter.readers.detect import SNIFF_BYTES, sniff

    if path.name.startswith("~$"):
        raise InputError("RL-IO-027")
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the open, a device never end
            raise special_file(st.st_mode)
        size = st.st_size
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError("RL-IO-010", os_detail(exc)) from None
    except ValueError:  # a NUL in the name
        raise InputError("RL-IO-010", "invalid file name") from None
    if size > limits.max_file_bytes:
        raise InputError("RL-IO-005", f"{size} bytes > max_file_bytes {limits.max_file_bytes}")
    kind = sniff(path, head)
    if kind == "zip":
        return _read_package(path, limits)
    if kind == "doc":
        from linter.readers.doc.body import read_doc

        return read_doc(path, limits)
    if kind == "html":
        from linter.readers.html import read_html

        return read_html(path, limits)
    if kind == "pdf":
        from linter.readers.pdf.reader import read_pdf

        return read_pdf(path, limits)
    from linter.readers.text.reader import read_text

    return read_text(path, limits, hints)


def _read_package(path: Path, limits: Limits) -> Document:
    """A .docx or an OFD: the zip is opened (and its limits checked) once, for telling them apart
    and for reading."""
    from linter.readers.detect import zip_kind
    from linter.readers.docx.package import Package

    pkg = Package(path, limits)
    try:
        if zip_kind(pkg.names()) == "ofd":
            from linter.readers.ofd.reader import read_ofd

            return read_ofd(path, limits, pkg)
        from linter.readers.docx.body import read_docx

        return read_docx(path, limits, pkg)
    finally:
        pkg.close()
