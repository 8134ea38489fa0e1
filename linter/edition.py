"""Tell the format editions apart (spec §3.5): table signatures and the report year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from linter.model import Document
from linter.normalize import label_key

SIGNATURES_2021 = ("本年制发件数", "现行有效件数", "本年收费金额", "申请人无正当理由逾期不补正")
SIGNATURES_2019 = ("本年新制作数量", "对外公开总数量", "上一年项目数量", "第二十条第（九）项")


@dataclass(frozen=True)
class EditionEvidence:
    found_2021: tuple[str, ...]
    found_2019: tuple[str, ...]

    @property
    def by_tables(self) -> Optional[int]:
        if self.found_2021 and not self.found_2019:
            return 2021
        if self.found_2019 and not self.found_2021:
            return 2019
        return None


def table_evidence(doc: Document) -> EditionEvidence:
    keys: set[str] = set()
    for table in doc.tables():
        for r in range(len(table.rows)):
            for cell in table.origin_cells(r):
                if cell.text.strip():
                    keys.add(label_key(cell.text))
    def found(sigs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s for s in sigs if any(label_key(s) in k for k in keys))
    return EditionEvidence(found(SIGNATURES_2021), found(SIGNATURES_2019))


def expected_edition(report_year: Optional[int]) -> Optional[int]:
    if report_year is None:
        return None
    if report_year >= 2021:
        return 2021
    if report_year >= 2019:
        return 2019
    return None


def choose_edition(report_year: Optional[int], evidence: EditionEvidence, override: Optional[int] = None) -> int:
    """The rule set to apply: an explicit override, else the year's edition, else the tables', else 2021."""
    return override or expected_edition(report_year) or evidence.by_tables or 2021
