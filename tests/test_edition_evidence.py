"""The edition's evidence: which of each edition's signature labels a report's tables show, and
where each is first shown (its first table, its first cell in row order)."""

from __future__ import annotations

from linter.model import Cell, Document, Paragraph, Table
from linter.recognise.edition import table_evidence
from linter.ruleset.specs import Applies

_NEW = Applies(2021, first_year=2021, signatures=("本年制发件数", "现行有效件数"))
_OLD = Applies(2019, last_year=2020, signatures=("本年新制作数量",))


def _table(index: int, *texts: str) -> Table:
    row = tuple(Cell(text, 0, c, phys_row=1, phys_col=c + 1) for c, text in enumerate(texts))
    return Table(index=index, rows=(row,), n_cols=len(row))


def test_each_signature_at_its_first_table_and_cell() -> None:
    first = _table(1, "信息内容", "本年制发件数", "0", "本 年 制 发 件 数")
    second = _table(2, "现行有效件数", "本年制发件数")
    doc = Document("r.docx", "docx", (Paragraph(0, "二、主动公开政府信息情况"), first, second))
    evidence = table_evidence(doc, (_OLD, _NEW))
    assert [(edition, [(s.text, s.block, s.cell.phys_col) for s in sigs]) for edition, sigs in evidence.found] == [
        (2021, [("本年制发件数", 1, 2), ("现行有效件数", 2, 1)])
    ]
    assert evidence.by_tables == 2021


def test_a_signature_inside_a_longer_label_and_none_across_two_cells() -> None:
    # 「本年新制作数量」 inside a cell's label counts; split over two cells it does not.
    doc = Document("r.docx", "docx", (_table(0, "本年新", "制作数量", "（本年新制作数量）"),))
    evidence = table_evidence(doc, (_NEW, _OLD))
    assert [(edition, [s.cell.phys_col for s in sigs]) for edition, sigs in evidence.found] == [(2019, [3])]
    assert evidence.by_tables == 2019


def test_blank_cells_show_nothing() -> None:
    evidence = table_evidence(Document("r.docx", "docx", (_table(0, "", " ", "0"),)), (_NEW, _OLD))
    assert evidence.found == () and evidence.by_tables is None
