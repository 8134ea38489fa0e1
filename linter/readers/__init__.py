"""Readers turn one file format into the format-neutral model (linter.model)."""

from __future__ import annotations

from pathlib import Path

from linter.detect import sniff
from linter.errors import InputError
from linter.limits import DEFAULT_LIMITS, Limits
from linter.model import Document


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Detect ``path``'s format by content and read it; raise InputError if unreadable."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise InputError("RL-IO-010", exc.strerror or str(exc)) from None
    if size > limits.max_file_bytes:
        raise InputError("RL-IO-005", f"{size} bytes > max_file_bytes {limits.max_file_bytes}")
    kind = sniff(path, head)
    if kind == "docx":
        from linter.readers.docx import read_docx

        return read_docx(path, limits)
    raise InputError("RL-IO-001")  # pragma: no cover - sniff only returns known kinds
