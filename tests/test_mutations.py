"""Change any single number of table 3 or 4 of a correct report: at least one error at that cell's
table and its row or column. Remove a section heading: RL-STR-001 naming that section."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from linter.run.check import check_file
from linter.model import Cell
from linter.readers import read_document
from linter.recognise.report import recognise
from linter.ruleset.loader import builtin_ruleset
from linter.recognise.values import parse_value
from tests.mutate import remove_element, rewrite_document, set_cell_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "docx"
CLEAN = [
    "filled_2021.docx",
    "filled_2021_large.docx",
    "autonum_headings.docx",
    "content_controls.docx",
    "tracked_changes.docx",
    "split_table.docx",
    "fullwidth.docx",
    "nested_and_fields.docx",
]


def value_cells(path: Path) -> list[tuple[int, str | None, str, Cell]]:
    report = recognise(read_document(path), builtin_ruleset(2021))
    out = []
    for key in ("t3", "t4"):
        table = report.tables[key]
        for row in table.rows:
            for col in table.spec.columns:
                cell = row.cells.get(col.key)
                if cell is not None:
                    out.append((table.spec.number, table.spec.row(row.key).label or None, col.label, cell))
    return out


def cases() -> list[tuple[str, int]]:
    """Every cell of the large report; a fixed sample of 12 cells of each other correct fixture."""
    out = []
    for name in CLEAN:
        n = len(value_cells(FIXTURES / name))
        assert n == 190, (name, n)  # 175 cells of table 3 + 15 of table 4
        picks = range(n) if name == "filled_2021_large.docx" else random.Random(name).sample(range(n), 12)
        out.extend((name, i) for i in picks)
    return out


@pytest.mark.parametrize(("name", "index"), cases())
def test_single_number_change_is_found_at_that_cell(tmp_path: Path, name: str, index: int) -> None:
    src = FIXTURES / name
    table, row_label, col_label, cell = value_cells(src)[index]
    new_value = str(int(parse_value(cell.text).as_number()) + 1)
    mutated = rewrite_document(src, tmp_path / name, lambda root: set_cell_text(root, cell.xpath, new_value))
    result = check_file(mutated)
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors, f"no error after setting {row_label}/{col_label} to {new_value}"
    assert all(f.location.table == table for f in errors)
    assert any(f.location.row_label == row_label or f.location.column_label == col_label for f in errors)


SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@pytest.mark.parametrize("name", ["filled_2021.docx", "autonum_headings.docx", "content_controls.docx"])
@pytest.mark.parametrize("heading", SECTIONS)
def test_removed_heading_is_named(tmp_path: Path, name: str, heading: str) -> None:
    src = FIXTURES / name
    report = recognise(read_document(src), builtin_ruleset(2021))
    hit = next(h for h in report.sections if h.spec.heading == heading)
    xpath = report.document.blocks[hit.block].xpath
    result = check_file(rewrite_document(src, tmp_path / name, lambda root: remove_element(root, xpath)))
    str_findings = [f for f in result.findings if f.rule == "RL-STR-001"]
    assert len(str_findings) == 1 and heading in str_findings[0].message
