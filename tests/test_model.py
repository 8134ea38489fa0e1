"""The model: frozen values, each merged cell once in its table's origin rows and in the document's cell index."""

from __future__ import annotations

import pytest

from linter.model import Cell, Document, Paragraph, Table


def _table() -> Table:
    # Row 1: a label spanning two rows, then two cells; row 2: the merge's tail, then two cells.
    label = Cell("（四）无法提供", 0, 0, rowspan=2, phys_row=1, phys_col=1)
    a, b = Cell("1", 0, 1, phys_row=1, phys_col=2), Cell("2", 0, 2, phys_row=1, phys_col=3)
    c, d = Cell("3", 1, 1, phys_row=2, phys_col=1), Cell("4", 1, 2, phys_row=2, phys_col=2)
    return Table(index=1, rows=((label, a, b), (label, c, d)), n_cols=3)


def test_origin_cells_and_covering_cells_of_a_vertical_merge() -> None:
    table = _table()
    assert [c.text for c in table.origin_cells(0)] == ["（四）无法提供", "1", "2"]
    assert [c.text for c in table.origin_cells(1)] == ["3", "4"]
    assert [c.text for c in table.covering(1)] == ["（四）无法提供", "3", "4"]


def test_each_distinct_cell_text_once_with_its_first_cell() -> None:
    label = Cell("申请人", 0, 0, rowspan=2, phys_row=1, phys_col=1)
    zero_a, one = Cell("0", 0, 1, phys_row=1, phys_col=2), Cell("1", 0, 2, phys_row=1, phys_col=3)
    zero_b, zero_c = Cell("0", 1, 1, phys_row=2, phys_col=1), Cell("0", 1, 2, phys_row=2, phys_col=2)
    table = Table(index=0, rows=((label, zero_a, one), (label, zero_b, zero_c)), n_cols=3)
    texts = table.texts
    assert list(texts) == ["申请人", "0", "1"]  # in row order, the merged label once
    assert texts["0"] is zero_a and texts["申请人"] is label and texts["1"] is one


def test_the_document_indexes_cells_by_physical_position() -> None:
    doc = Document("r.docx", "docx", (Paragraph(0, "三、收到和处理政府信息公开申请情况"), _table()))
    assert {k: c.text for k, c in doc.cells.items()} == {
        (1, 1, 1): "（四）无法提供",
        (1, 1, 2): "1",
        (1, 1, 3): "2",
        (1, 2, 1): "3",
        (1, 2, 2): "4",
    }


def test_model_values_are_frozen() -> None:
    cell = Cell("12", 3, 1)
    with pytest.raises(AttributeError):
        cell.text = "13"  # type: ignore[misc]
    assert cell._replace(text="13") == Cell("13", 3, 1)
    para = Paragraph(0, "正文")
    with pytest.raises(AttributeError):
        para.text = "改"  # type: ignore[misc]
    assert hash(cell) == hash(Cell("12", 3, 1))  # value objects: usable as keys
