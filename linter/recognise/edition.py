"""Tell the format editions apart (国办公开办函〔2019〕60号 and 〔2021〕30号): the rule sets' table signatures and report years."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from linter.model import Cell, Document, Table
from linter.recognise.normalize import label_key
from linter.ruleset.specs import Applies


@dataclass(frozen=True)
class Signature:
    text: str
    block: int
    cell: Cell


@dataclass(frozen=True)
class EditionEvidence:
    """The signatures each edition's tables have that a report's tables show."""

    editions: tuple[Applies, ...] = ()  # newest first
    found: tuple[tuple[int, tuple[Signature, ...]], ...] = ()  # (edition, signatures), editions with any, newest first

    @property
    def by_tables(self) -> Optional[int]:
        """The one edition whose signatures the tables show, if only one."""
        return self.found[0][0] if len(self.found) == 1 else None

    def expected(self, report_year: Optional[int]) -> Optional[int]:
        """The edition a report of ``report_year`` must use."""
        if report_year is None:
            return None
        return next((a.edition for a in self.editions if a.covers(report_year)), None)


def table_evidence(doc: Document, editions: Sequence[Applies]) -> EditionEvidence:
    signatures = _signatures(tuple(editions))
    found: dict[tuple[int, str], Signature] = {}
    if signatures.wanted:
        for table in doc.tables():
            keyed = _label_keys(table)
            joined = "\0".join([key for key, _cell in keyed])  # a signature inside one key is inside this
            for wkey, sigs in signatures.wanted:
                if wkey not in joined:
                    continue
                cell = next((cell for key, cell in keyed if wkey in key), None)
                if cell is not None:
                    for edition_sig in sigs:
                        found.setdefault(edition_sig, Signature(edition_sig[1], table.index, cell))
    ordered = tuple(sorted(editions, key=lambda a: -a.edition))
    return EditionEvidence(
        ordered,
        tuple(
            (a.edition, tuple(found[(a.edition, s)] for s in a.signatures if (a.edition, s) in found))
            for a in ordered
            if any((a.edition, s) in found for s in a.signatures)
        ),
    )


def _label_keys(table: Table) -> list[tuple[str, Cell]]:
    """Each distinct cell text's label key, once, with the first cell (in row order) holding it."""
    keyed = ((label_key(text), cell) for text, cell in table.texts.items() if text.strip())
    return [(key, cell) for key, cell in keyed if key]


class _Signatures:
    """The editions' table signatures as label keys; made once per set of editions."""

    def __init__(self, editions: tuple[Applies, ...]) -> None:
        keyed: dict[str, list[tuple[int, str]]] = {}
        for applies in editions:
            for sig in applies.signatures:
                keyed.setdefault(label_key(sig), []).append((applies.edition, sig))
        self.wanted = tuple((k, tuple(v)) for k, v in keyed.items())


@lru_cache(maxsize=16)
def _signatures(editions: tuple[Applies, ...]) -> _Signatures:
    return _Signatures(editions)


def choose_edition(report_year: Optional[int], evidence: EditionEvidence, override: Optional[int] = None) -> int:
    """The rule set to apply: an explicit override, else the edition the tables are written in
    (so a wrong-edition report gets one RL-VER-001, not a cascade of structure errors), else the
    report year's edition, else the newest."""
    newest = evidence.editions[0].edition if evidence.editions else 0
    return override or evidence.by_tables or evidence.expected(report_year) or newest
