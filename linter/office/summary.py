"""The office's lines in the text summary: the pairing decisions (and the coverage table)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from linter.office.pairing import describe
from linter.office.words import say

if TYPE_CHECKING:
    from linter.findings import FileResult
    from linter.reporters import RunInfo


def office_lines(results: Sequence["FileResult"], lang: str, info: Optional["RunInfo"] = None) -> list[str]:
    lines: list[str] = []
    decided = [describe(r, lang) for r in results if r.pairing is not None]
    if decided:
        lines.append(say("pairing.title", lang))
        lines.extend("  " + line for line in decided)
    return lines
