"""What a reader may be told about the text it reads: the section titles that can start a heading,
the labels that mark a table, how a title ends, and the units and words a figure may carry.

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
class Figures:
    """What a figure in a table cell may carry besides its digits and sign."""

    units: tuple[str, ...] = ()  # after it (「万元」「件」): a cell 「152.2万元」 is a value
    changes: tuple[str, ...] = ()  # before it, for a change (「增」「减少」): a cell 「增3」 is a value
    # A cell's text as compared with them: traditional forms as simplified characters (「減3」)
    chars: Callable[[str], str] = _same


NO_FIGURES = Figures()  # a figure with digits and a sign only


@dataclass(frozen=True)
class Hints:
    headings: tuple[str, ...] = ()  # section titles and their variants, without the number (「总体情况」)
    fold: Callable[[str], str] = _same  # a title or text as compared (widths, brackets, characters)
    # Labels only the format's tables hold (「本年制发件数」, 「结果维持」): text that holds two of
    # them and runs figures into labels is a table run together.
    table_words: tuple[str, ...] = ()
    # Each part's number and key words (「五」: 问题, 改进, …): a numbered heading worded otherwise
    # (「五、存在的主要问题及明年工作计划」) still starts its part in a run-on line.
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    figures: Figures = NO_FIGURES
    # What a report calls itself at the end of its title (「年度报告」): a run-on line's title ends there.
    report_names: tuple[str, ...] = ()
    # A text with traditional forms as simplified characters, one for one (offsets kept): what the
    # titles and key words are looked for in (「一、總體情況」).
    chars: Callable[[str], str] = _same
