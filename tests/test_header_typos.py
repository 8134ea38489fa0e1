"""A column header misprinted by one character (「先行有效件数」 for 现行有效件数) is read as its
column and named once (RL-T2-001 column_typo, a warning), in a table with cells and in a table a
text dump ran together; it was 「缺少列」, an error, and its values unread."""

from __future__ import annotations

from pathlib import Path

from linter.run.check import check_file
from tests.conftest import ROOT


def t2_findings(path: Path) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [
        (f.rule, f.severity, f.location.column_label, f.expected, f.actual)
        for f in check_file(path).findings
        if f.rule == "RL-T2-001"
    ]


def test_a_misprinted_header_in_a_table_with_cells(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
    assert text.count("现行有效件数") == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace("现行有效件数", "先行有效件数"), encoding="utf-8")
    assert t2_findings(path) == [("RL-T2-001", "warning", "现行有效件数", "现行有效件数", "先行有效件数")]
    # Its values are read: the findings are those of the report as filled, but for the header.
    assert [f.rule for f in check_file(path).findings if f.rule != "RL-T2-001"] == [
        f.rule for f in check_file(ROOT / "fixtures" / "text" / "filled_2021.txt").findings
    ]


def test_a_misprinted_header_in_a_run_together_table() -> None:
    assert ("RL-T2-001", "warning", "现行有效件数", "现行有效件数", "先行有效件数") in t2_findings(
        ROOT / "fixtures" / "real" / "2023_pingtan_htp.txt"
    )


def test_a_header_two_characters_off_is_not_taken(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(text.replace("现行有效件数", "先行有效文数"), encoding="utf-8")
    assert ("RL-T2-001", "error", "现行有效件数", "现行有效件数", None) in t2_findings(path)


def test_a_misprint_copied_to_each_table4_group_is_one_finding(tmp_path: Path) -> None:
    # Table 4 repeats 「结果维持」 in its three groups: a misprint typed into the template once is in
    # each; one warning names it, at the first group's column, the others as related cells.
    header = "\t".join(["结果维待", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    path = tmp_path / "report.txt"
    path.write_text(
        "青山区人民政府2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        + "\t".join(["行政复议"] * 5 + ["行政诉讼"] * 10)
        + "\n"
        + "\t".join(["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5)
        + f"\n{header}\n"
        + "\t".join("1 0 2 0 3 0 0 0 0 0 0 0 0 0 0".split())
        + "\n",
        encoding="utf-8",
    )
    found = [f for f in check_file(path).findings if f.rule == "RL-T4-001"]
    assert [(f.severity, f.location.column_label, f.expected, f.actual) for f in found] == [
        ("warning", "行政复议 结果维持", "结果维持", "结果维待")
    ]
    assert [r.column_label for r in found[0].related] == [
        "未经复议直接起诉 结果维持",
        "复议后起诉 结果维持",
    ]
