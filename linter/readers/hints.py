"""What a reader may be told about the text it reads: the section titles that can start a heading.

Plain-text dumps of web pages sometimes run a whole report into one line; the text reader splits
such a line where a section title starts. The titles come from the rule sets (data) and the way
to compare labels from recognition, both handed over by the caller (linter.run.check), so the
reader itself knows no regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Hints:
    headings: tuple[str, ...] = ()  # section titles and their variants, without the number (「总体情况」)
    fold: Callable[[str], str] = _same  # a title or text as compared (widths, brackets, characters)
