"""Blank cells are one remark per table naming them (RL-T3-005), with every cell in ``related``;
table-2 rows left blank are reported like table 3's (RL-T2-004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from tests.celledit import cells, edit_cells
from tests.conftest import NOT_S1, ROOT

BASE = ROOT / "fixtures" / "docx" / "filled_2021.docx"
OTHER = Options(selection=Selection(ignore=NOT_S1))  # the base report's own RL-S1-002 (tests/conftest.py)
ORGS = ("business", "research", "welfare", "legal", "other_org")


@pytest.fixture(scope="module")
def known():  # type: ignore[no-untyped-def]
    return cells(BASE)


def test_every_organisation_cell_left_blank_is_one_remark(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # A department whose applicants were all 自然人: every 法人或其他组织 cell left blank.
    refs = [ref for ref in known if ref[0] == "t3" and ref[2] in ORGS]
    assert len(refs) == 25 * 5
    changes = dict.fromkeys(refs, "")
    changes.update({("t3", row, "natural"): known[("t3", row, "total")].text for _t, row, _c in refs})
    result = check_file(edit_cells(BASE, tmp_path / "blank.docx", changes, known), OTHER)
    assert [(f.rule, f.severity) for f in result.findings] == [("RL-T3-005", "warning")]
    (f,) = result.findings
    assert f.message == (
        "表3有125个空白单元格（按0计算），建议填写0：「商业企业」「科研机构」「社会公益组织」「法律服务机构」「其他」列"
    )
    assert len(f.related) == 124
    named = {(f.location.row_label, f.location.column_label)} | {(r.row_label, r.column_label) for r in f.related}
    assert len(named) == 125 and ("（七）总计", "其他") in named


def test_scattered_blank_cells_are_named_by_row(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    refs = [("t3", "reject_repeat", "natural"), ("t3", "carried", "business"), ("t3", "carried", "research")]
    assert all(known[ref].text.strip() == "0" for ref in refs)
    result = check_file(edit_cells(BASE, tmp_path / "blank.docx", dict.fromkeys(refs, ""), known), OTHER)
    (f,) = result.findings
    assert f.message == (
        "表3有3个空白单元格（按0计算），建议填写0：行「二、上年结转政府信息公开申请数量」的「商业企业」「科研机构」；"
        "行「2.重复申请」的「自然人」"
    )


def test_a_table2_row_left_blank_is_reported_like_table3s(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
    row = "\t规章\n\t0\n\t0\n\t0\n"
    assert row in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(row, "\t规章\n\t\n\t\n\t\n", 1), encoding="utf-8")
    result = check_file(path, OTHER)
    assert [(f.rule, f.severity, f.location.row_label, f.message) for f in result.findings] == [
        (
            "RL-T2-002",
            "warning",
            "规章",
            "表2有3个空白单元格（按0计算），建议填写0：行「规章」的「本年制发件数」「本年废止件数」「现行有效件数」",
        )
    ]
    assert len(result.findings[0].related) == 2


def test_a_value_merged_down_a_groups_sub_rows_is_not_blank() -> None:
    """（六）'s sub-rows printed with one 「其他」 cell merged over the three of them (rowspan 3): the
    rows below the merge are not blank; an empty cell of its own still is."""
    from linter.config.limits import DEFAULT_LIMITS
    from linter.engine.lint import lint
    from linter.model import Table
    from linter.readers import read_document
    from linter.readers.grid import RawCell, build_table
    from linter.recognise.report import recognise
    from linter.ruleset.loader import builtin_ruleset

    doc = read_document(ROOT / "fixtures" / "text" / "filled_2021.txt")
    ruleset = builtin_ruleset(2021)
    report = recognise(doc, ruleset)
    block = report.tables["t3"].blocks[0]
    table = doc.blocks[block]
    assert isinstance(table, Table)
    rows = [list(table.origin_cells(r)) for r in range(len(table.rows))]
    other = next(c.grid_col for row in rows[:3] for c in row if c.text == "其他")
    first = next(r for r, row in enumerate(rows) if any(c.text.startswith("1.申请人无正当理由") for c in row))
    raw: list[list[RawCell]] = []
    for r, row in enumerate(rows):
        cells = []
        for c in row:
            if c.grid_col == other and r in (first + 1, first + 2):
                continue  # covered by the merge from the first sub-row
            text = "0" if c.grid_col == other and r == first else c.text
            span = 3 if c.grid_col == other and r == first else c.rowspan
            cells.append(RawCell(text, span, c.colspan, line=c.line, column=c.column))
        raw.append(cells)
    merged = build_table(block, raw, DEFAULT_LIMITS)
    changed = type(doc)(doc.path, doc.format, doc.blocks[:block] + (merged,) + doc.blocks[block + 1 :], doc.notices)
    findings = [f for f in lint(recognise(changed, ruleset), ruleset) if f.rule == "RL-T3-005"]
    assert findings == []
