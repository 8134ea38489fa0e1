"""The xlsx of ``check`` for an office: the 汇总 sheet (files by verdict, findings by rule with its
Chinese title, files by folder) and the folder column of 「文件」."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import ROOT, cli, copy

INBOX = ROOT / "fixtures" / "inbox" / "office" / "2024"


def test_the_summary_sheet_counts_by_verdict_rule_and_folder(tmp_path: Path) -> None:
    inbox = tmp_path / "收件箱"  # the reports without their sidecars (a folder's other files are 已跳过)
    for f in INBOX.rglob("*"):
        if f.suffix in (".docx", ".html", ".pdf"):
            copy(f, inbox / f.relative_to(INBOX))
    out = tmp_path / "结果.xlsx"
    assert cli("check", "--format", "xlsx", "-o", str(out), str(inbox)).exit_code == 1
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "文件", "问题", "报送情况"]
    rows = [list(r) for r in book["汇总"].iter_rows(values_only=True)]
    blank = [i for i, r in enumerate(rows) if all(v is None for v in r)]
    verdicts, by_rule, by_folder = rows[: blank[0]], rows[blank[0] + 1 : blank[1]], rows[blank[1] + 1 :]
    assert [r[:2] for r in verdicts] == [
        ["状态", "文件数"],
        ["通过", 11],
        ["不通过", 8],
        ["读取存疑", 0],
        ["无法读取", 0],
        ["已跳过", 0],
        ["合计", 19],
    ]
    assert by_rule[0][:5] == ["规则", "规则名称", "级别", "问题数", "文件数"]
    rules = {r[0]: r[1:5] for r in by_rule[1:]}
    assert sorted(rules) == ["RL-NAR-001", "RL-S1-002", "RL-STR-001", "RL-T3-005", "RL-T3-008", "RL-T4-002"]
    assert rules["RL-T3-008"][1:] == ["错误", 5, 4]
    assert rules["RL-NAR-001"][1:] == ["警告", 2, 2]  # one a file: the narrative settles the other (table 4)
    assert all(rules[r][0] for r in rules)  # each rule with its Chinese title
    assert by_folder[0] == [
        "文件夹",
        "文件数",
        "通过",
        "不通过",
        "读取存疑",
        "无法读取",
        "已跳过",
        "错误",
        "警告",
        "提示",
    ]
    folders = {r[0]: r[1:9] for r in by_folder[1:]}
    assert set(folders) == {".", "乡镇", "部门"}
    assert folders["."][:2] == [1, 1] and folders["乡镇"][:3] == [6, 4, 2] and folders["部门"][:3] == [12, 6, 6]
    files = [list(r) for r in book["文件"].iter_rows(values_only=True)]
    assert files[0][-1] == "文件夹"
    assert {r[0].split("/")[-1]: r[-1] for r in files[1:]}["洪泽区民政局.pdf"] == "部门"
