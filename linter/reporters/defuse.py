"""Hostile text made harmless before it reaches a person's screen or spreadsheet.

A report or a file name can carry control characters (an ESC that re-titles the terminal or
clears it, bytes XML 1.0 and Excel refuse) and bidirectional controls (U+202E shows a name
reversed). The formats people read get results with those removed (``Defused``); a name also
has its line breaks and tabs written as ``\\n`` and ``\\t`` so it stays on one line. JSON and
SARIF escape every character themselves and keep the data as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, Optional, Sequence, overload

from linter.findings import FileError, FileResult, Finding
from linter.model import Location

# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional marks, embeddings,
# overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A terminal escape sequence as a whole (its parameters too, not only the ESC): OSC (window title,
# hyperlinks) up to BEL or ST, CSI (cursor, colours, clear screen), and the two-character ones.
_ESCAPES = re.compile(
    "\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x1b\\[[0-?]*[ -/]*[@-~]?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]?"
)
_NAME_BREAKS = {"\n": "\\n", "\t": "\\t"}
# What a spreadsheet takes for the start of a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """``text`` without control and bidirectional characters (tabs and line feeds kept)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean_name(name: str) -> str:
    """A file name for display: ``clean``, and its line breaks and tabs shown as ``\\n``, ``\\t``."""
    name = clean(name)
    if "\n" in name or "\t" in name:
        name = "".join(_NAME_BREAKS.get(ch, ch) for ch in name)
    return name


def _opt(text: Optional[str]) -> Optional[str]:
    return None if text is None else clean(text)


def _location(loc: Location) -> Location:
    return replace(
        loc,
        file=clean_name(loc.file),
        section=_opt(loc.section),
        row_label=_opt(loc.row_label),
        column_label=_opt(loc.column_label),
        text=_opt(loc.text),
    )


def _finding(f: Finding) -> Finding:
    return replace(
        f,
        message=clean(f.message),
        expected=_opt(f.expected),
        actual=_opt(f.actual),
        location=_location(f.location),
        related=tuple(_location(r) for r in f.related),
    )


def _needs(result: FileResult) -> bool:
    if _CONTROLS.search(result.path) or "\n" in result.path or "\t" in result.path:
        return True
    if result.error is not None and _CONTROLS.search(result.error.message):
        return True
    for f in result.findings:
        for loc in (f.location, *f.related):
            if any(
                s is not None and _CONTROLS.search(s)
                for s in (
                    f.message,
                    f.expected,
                    f.actual,
                    loc.text,
                    loc.file,
                    loc.section,
                    loc.row_label,
                    loc.column_label,
                )
            ):
                return True
    return False


def defuse(result: FileResult) -> FileResult:
    """``result`` with its name and texts cleaned (the same object when there is nothing to clean)."""
    if not _needs(result):
        return result
    error = (
        None if result.error is None else FileError(result.error.code, clean(result.error.message), result.error.debug)
    )
    return replace(
        result, path=clean_name(result.path), error=error, findings=tuple(_finding(f) for f in result.findings)
    )


class Defused(Sequence[FileResult]):
    """A view of a run's results (possibly on disk) that defuses each as it is read."""

    def __init__(self, results: Sequence[FileResult]) -> None:
        self.results = results

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, i: int) -> FileResult: ...

    @overload
    def __getitem__(self, i: slice) -> list[FileResult]: ...

    def __getitem__(self, i: int | slice) -> FileResult | list[FileResult]:
        if isinstance(i, slice):
            return [defuse(r) for r in self.results[i]]
        return defuse(self.results[i])

    def __iter__(self) -> Iterator[FileResult]:
        for r in self.results:
            yield defuse(r)


def as_text(value: object) -> object:
    """A spreadsheet cell's value for CSV: a string a spreadsheet would read as a formula gets a
    leading ``'`` (it is then shown as text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
