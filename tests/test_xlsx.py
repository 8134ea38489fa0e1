"""The Excel workbook as an Excel user expects it (read back with openpyxl): a bold, shaded and
frozen header with filters, wrapped long texts, numbers stored as numbers, 报告单位 filled from a
title printed on two lines or from the preamble, each finding's own 状态 beside the file's verdict,
and columns as wide as their contents."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from linter.i18n import display_width
from linter.reporters import get_reporter
from linter.run.check import check_file

from tests.conftest import ROOT


def _book(paths: list[Path]):  # type: ignore[no-untyped-def]
    data = get_reporter("xlsx")(lang="zh").render([check_file(p) for p in paths])
    return load_workbook(io.BytesIO(data))  # type: ignore[arg-type]


def _rows(sheet: Worksheet) -> list[dict[str, object]]:
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_header_wrapping_numbers_and_widths() -> None:
    book = _book([ROOT / "fixtures/docx/fail_t3_two_cells.docx", ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf"])
    assert book.sheetnames == ["汇总", "文件", "问题", "报送情况"]
    for sheet in (book["文件"], book["问题"]):  # the lists (汇总 is a stack of small tables, each under its header)
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
        for cell in sheet[1]:
            assert cell.font.b and cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9E1F2")
            # every column at least as wide as its header (and the filter button)
            assert sheet.column_dimensions[cell.column_letter].width >= display_width(str(cell.value)) + 2
    problems = book["问题"]
    head = [c.value for c in problems[1]]
    message = head.index("问题") + 1
    assert all(problems.cell(r, message).alignment.wrap_text for r in range(2, problems.max_row + 1))
    width = problems.column_dimensions[problems.cell(1, message).column_letter].width
    assert 40 <= width <= 80  # as wide as the messages, up to a readable limit; longer ones wrap
    rows = _rows(problems)
    culprit = next(r for r in rows if r["规则"] == "RL-T3-008" and r["实为"] == 28)
    assert culprit["应为"] == 27 and isinstance(culprit["应为"], int)  # numbers, not text
    assert book["文件"].cell(2, 3).value == 2021 and isinstance(book["文件"].cell(2, 6).value, int)


def test_status_per_finding_beside_the_file_verdict() -> None:
    rows = _rows(_book([ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf"])["问题"])
    assert {(r["文件结论"], r["状态"]) for r in rows} == {("不通过", "警告"), ("不通过", "错误")}
    s1 = next(r for r in rows if r["规则"] == "RL-S1-002")
    assert s1["状态"] == "警告" and s1["规则名称"] == "各级人民政府的报告说明工作考核、社会评议和责任追究结果"
    assert s1["应为"] is None and s1["原文"] is None  # a list of missing items and a heading are no values


def test_issuing_body_from_a_two_line_title_and_from_the_preamble(tmp_path: Path) -> None:
    text = (ROOT / "fixtures/text/filled_2021.txt").read_text(encoding="utf-8")
    untitled = tmp_path / "untitled.txt"
    untitled.write_text(
        text.replace(
            "平潭综合实验区2021年度政府信息公开工作年度报告",
            "2021年度政府信息公开工作年度报告\n本报告由平潭县人民政府办公室编制。",
            1,
        ),
        encoding="utf-8",
    )
    # split_table.pdf prints its title on two lines: 「海滨市示范区2021年度政府信息公开工作年度报」 / 「告」
    rows = _rows(_book([ROOT / "fixtures/pdf/split_table.pdf", untitled])["文件"])
    assert [r["报告单位"] for r in rows] == ["海滨市示范区", "平潭县人民政府"]
