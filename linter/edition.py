"""Tell the format editions apart (spec §3.5): table signatures and the report year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from linter.model import Cell, Document
from linter.normalize import label_key

SIGNATURES_2021 = ("本年制发件数", "现行有效件数", "本年收费金额", "申请人无正当理由逾期不补正")
SIGNATURES_2019 = ("本年新制作数量", "对外公开总数量", "上一年项目数量", "第二十条第（九）项")


@dataclass(frozen=True)
class Signature:
    text: str
    block: int
    cell: Cell


@dataclass(frozen=True)
class EditionEvidence:
    found_2021: tuple[Signature, ...] = ()
    found_2019: tuple[Signature, ...] = ()

    @property
    def by_tables(self) -> Optional[int]:
        if self.found_2021 and not self.found_2019:
            return 2021
        if self.found_2019 and not self.found_2021:
            return 2019
        return None


_WANTED = {label_key(s): s for s in SIGNATURES_2021 + SIGNATURES_2019}
# Any signature inside a cell's label key: one native search per cell; the few cells that hold
# one are then looked at signature by signature.
_ANY_WANTED = re.compile("|".join(re.escape(k) for k in _WANTED))


@lru_cache(maxsize=8192)
def _signatures_in(text: str) -> tuple[str, ...]:
    """The signatures inside a cell text's label key (cell texts repeat: "0", the labels)."""
    if not text.strip():
        return ()
    key = label_key(text)
    if not _ANY_WANTED.search(key):
        return ()
    return tuple(sig for wkey, sig in _WANTED.items() if wkey in key)


def table_evidence(doc: Document) -> EditionEvidence:
    found: dict[str, Signature] = {}
    for table in doc.tables():
        for r in range(len(table.rows)):
            for cell in table.origin_cells(r):
                for sig in _signatures_in(cell.text):
                    if sig not in found:
                        found[sig] = Signature(sig, table.index, cell)
    return EditionEvidence(tuple(found[s] for s in SIGNATURES_2021 if s in found),
                           tuple(found[s] for s in SIGNATURES_2019 if s in found))


def expected_edition(report_year: Optional[int]) -> Optional[int]:
    if report_year is None:
        return None
    if report_year >= 2021:
        return 2021
    if report_year >= 2019:
        return 2019
    return None


def choose_edition(report_year: Optional[int], evidence: EditionEvidence, override: Optional[int] = None) -> int:
    """The rule set to apply: an explicit override, else the edition the tables are written in
    (so a wrong-edition report gets one RL-VER-001, not a cascade of structure errors), else the
    report year's edition, else 2021."""
    return override or evidence.by_tables or expected_edition(report_year) or 2021
