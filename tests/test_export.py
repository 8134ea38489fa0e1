"""``reportlint export``: the evaluators' workbook. Numeric cells under the national labels, the
same cells ``check`` read (over all fixtures), the year on year, pass rates, bodies by findings,
unread files listed; xlsx, CSV and JSON; the same bytes twice."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from linter.recognise.normalize import label_key
from linter.recognise.values import parse_value
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from tests.conftest import ROOT, cli

OFFICE = ROOT / "fixtures" / "inbox" / "office"
DEPT = OFFICE / "2024" / "部门"
TOTAL = "表3 （七）总计 总计"


def _export(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = cli("export", *args, "-o", str(out))
    assert result.exit_code in (0, 1, 2) and out.is_file(), result.output  # 2: a file could not be read
    return out


def _sheet(book: Any, name: str) -> list[list[Any]]:
    return [list(r) for r in book[name].iter_rows(values_only=True)]


def test_the_workbook_has_a_row_per_report_with_numeric_cells(tmp_path: Path) -> None:
    out = _export(tmp_path, "数据.xlsx", "--roster", str(OFFICE / "roster.yaml"), str(OFFICE))
    book = load_workbook(out)
    assert book.sheetnames == ["报告数据", "同比变化", "规则通过率", "单位问题排行", "未读取的文件"]
    rows = _sheet(book, "报告数据")
    head = rows[0]
    assert head[:10] == [
        "文件",
        "报告单位",
        "类型",
        "上级单位",
        "报告年度",
        "格式版本",
        "审核结果",
        "错误",
        "警告",
        "提示",
    ]
    assert head[10] == "表2 规章 第二十条第（一）项 本年制发件数" and head[-1] == "表4 复议后起诉 总计"
    assert len(head) == 10 + 10 + 25 * 7 + 15  # table 2's ten cells, table 3's 25 rows by 7, table 4's 15
    by_file = {r[0]: dict(zip(head, r)) for r in rows[1:]}
    assert len(by_file) == 20
    education = by_file[str(DEPT / "洪泽区教育局.docx")]
    assert education["报告单位"] == "洪泽区教育局" and education["类型"] == "部门"
    assert education["上级单位"] == "淮安市洪泽区人民政府" and education["报告年度"] == 2024
    assert education["审核结果"] == "不通过" and education["错误"] == 1
    assert education[TOTAL] == 3051  # the wrong total the check found (RL-T3-008 expects 3050)
    assert education["表3 一、本年新收政府信息公开申请数量 总计"] == 3029
    assert all(isinstance(v, int) for k, v in education.items() if k.startswith("表3"))
    pdf = by_file[str(DEPT / "洪泽区民政局.pdf")]
    assert pdf["格式版本"] == 2021 and isinstance(pdf[TOTAL], int)
    # the renamed body's years side by side: the carry-over that does not follow
    changes = _sheet(book, "同比变化")
    assert [r[:4] for r in changes[1:]] == [
        [
            "淮安市洪泽区人民政府",
            2024,
            str(OFFICE / "2024" / "淮安市洪泽区人民政府.docx"),
            str(OFFICE / "2023" / "洪泽区人民政府.docx"),
        ]
    ]
    column = changes[0].index("表3 二、上年结转政府信息公开申请数量 总计")
    assert changes[1][column] == 0
    rules = {r[0]: r for r in _sheet(book, "规则通过率")[1:]}
    assert rules["RL-T3-008"][2:] == ["错误", 20, 4, 0.8]  # 教育局 twice, 民政局, 黄集街道 and rules["RL-T3-008"][1]
    assert rules["RL-X-001"][3:] == [20, 1, 0.95]
    ranking = _sheet(book, "单位问题排行")
    assert ranking[0] == ["报告单位", "报告年度", "文件", "错误", "警告", "提示"]
    assert ranking[1] == [
        "洪泽区老子山镇人民政府",
        2024,
        str(OFFICE / "2024" / "乡镇" / "洪泽区老子山镇人民政府.docx"),
        2,
        2,
        0,
    ]  # the narrative's 行政复议27件: evidence, not a warning
    education = next(r for r in ranking if r[0] == "洪泽区教育局")  # its two files of one year together
    assert education[2].split("\n") == [str(DEPT / "洪泽区教育局-网页版.html"), str(DEPT / "洪泽区教育局.docx")]
    assert education[3:] == [2, 0, 0]
    assert [r[:2] for r in ranking if r[0] == "淮安市洪泽区人民政府"] == [
        ["淮安市洪泽区人民政府", 2024],
        ["淮安市洪泽区人民政府", 2023],
    ]
    assert _sheet(book, "未读取的文件") == [["文件", "代码", "原因"]]


def test_the_export_is_the_same_bytes_twice(tmp_path: Path) -> None:
    a = _export(tmp_path, "a.xlsx", str(OFFICE / "2024" / "部门"))
    b = _export(tmp_path, "b.xlsx", str(OFFICE / "2024" / "部门"))
    assert a.read_bytes() == b.read_bytes()


def test_csv_and_json_hold_the_same_rows(tmp_path: Path) -> None:
    folder = str(OFFICE / "2024" / "乡镇")
    rows = list(csv.reader(io.StringIO(_export(tmp_path, "d.csv", folder).read_bytes().decode("utf-8-sig"))))
    data = json.loads(_export(tmp_path, "d.json", folder).read_text(encoding="utf-8"))
    assert rows[0] == data["reports"]["headers"]
    assert [[("" if v is None else str(v)) for v in r] for r in data["reports"]["rows"]] == rows[1:]
    assert len(rows) == 7 and data["unread"]["rows"] == []
    assert {c["label"] for c in data["columns"]} <= set(rows[0])


def test_unread_files_are_listed_not_dropped(tmp_path: Path) -> None:
    bad = ROOT / "fixtures" / "bad"
    data = json.loads(
        _export(tmp_path, "d.json", str(bad / "word95.doc"), str(OFFICE / "2023")).read_text(encoding="utf-8")
    )
    assert [r[:2] for r in data["unread"]["rows"]] == [[str(bad / "word95.doc"), "RL-IO-007"]]
    assert [r[0] for r in data["reports"]["rows"]] == [
        str(bad / "word95.doc"),
        str(OFFICE / "2023" / "洪泽区人民政府.docx"),
    ]
    assert data["reports"]["rows"][0][6] == "无法读取"


def test_a_wrong_output_name_is_refused_in_chinese(tmp_path: Path) -> None:
    result = cli("export", str(OFFICE / "2023"), "-o", str(tmp_path / "数据.txt"))
    assert result.exit_code == 2 and f"{tmp_path / '数据.txt'}：导出文件应以 .xlsx、.csv 或 .json 结尾" in result.output
    assert not (tmp_path / "数据.txt").exists()


def _label_keys(edition: int) -> dict[tuple[int, str, str], set[tuple[str, str]]]:
    """(table, row label, column label) as a finding's location gives them -> (row key, column key);
    a group's label (a group printed as one row) -> its first member's keys, as ``check`` reads it."""
    out: dict[tuple[int, str, str], set[tuple[str, str]]] = {}
    if edition in builtin_editions():
        for spec in builtin_ruleset(edition).tables.values():
            first: dict[str, str] = {}
            for row in spec.rows:
                if row.group:
                    first.setdefault(row.group, row.key)
            for row in spec.rows:
                for col in spec.columns:
                    out.setdefault((spec.number, label_key(row.label or ""), col.label), set()).add((row.key, col.key))
            for group, key in first.items():
                for col in spec.columns:
                    out.setdefault((spec.number, label_key(group), col.label), set()).add((key, col.key))
    return out


def _number(text: str) -> Any:
    v = parse_value(text)
    if v.kind == "blank":
        return None
    if v.kind != "number":
        return text
    return int(v.number) if v.number == v.number.to_integral_value() else float(v.number)


def test_every_exported_cell_is_what_check_read_over_all_fixtures(tmp_path: Path) -> None:
    """Each cell a finding of ``check --format json`` names (the cell and the other cells of its
    relation) holds in the export what the finding quotes, for every fixture; every file checked
    is a row, and the unreadable ones are listed."""
    fixtures = str(ROOT / "fixtures")
    exported = json.loads(_export(tmp_path, "all.json", "--jobs", "2", fixtures).read_text(encoding="utf-8"))
    checked = json.loads(cli("check", "--format", "json", "--jobs", "2", fixtures).stdout)
    reports = [f for f in checked["files"] if f.get("verdict") != "skipped"]  # the sidecars are no reports
    assert [r[0] for r in exported["reports"]["rows"]] == [f["path"] for f in reports]
    assert [r[0] for r in exported["unread"]["rows"]] == [f["path"] for f in reports if f["error"]]
    column_of = {(c["table"], c["row"], c["column"]): i + 10 for i, c in enumerate(exported["columns"])}
    keys = {e: _label_keys(e) for e in builtin_editions()}
    groups = {
        label_key(r.group) for e in builtin_editions() for spec in builtin_ruleset(e).tables.values() for r in spec.rows
    } - {""}
    compared = grouped = 0
    for f, row in zip(reports, exported["reports"]["rows"]):
        assert row[4] == f["report_year"] and row[5] == f["edition"]
        for finding in f["findings"]:
            # A year-to-year finding relates cells of last year's report too (another row of the export).
            own = finding["name"].startswith("cross-year.")
            for loc in (finding["location"],) if own else (finding["location"], *finding["related"]):
                if (
                    loc["table"] not in (2, 3, 4)
                    or loc["text"] is None
                    or loc["row"] is None
                    or not loc["column_label"]
                ):
                    continue
                candidates = [
                    column_of[(loc["table"], r, c)]
                    for r, c in keys.get(f["edition"], {}).get(
                        (loc["table"], label_key(loc["row_label"] or ""), loc["column_label"]), ()
                    )
                    if (loc["table"], r, c) in column_of
                ]
                assert candidates, (f["path"], loc)
                assert any(row[i] == _number(loc["text"]) for i in candidates), (f["path"], loc)
                compared += 1
                grouped += label_key(loc["row_label"] or "") in groups
    assert compared > 2000  # every cell a finding names, in docx, web page, PDF and text fixtures
    assert grouped >= 7  # the cells of a group printed as one row (「（六）其他处理」: fixtures/wording, the corpus)
    # and the cells are numbers where the report wrote numbers
    numeric = [v for r in exported["reports"]["rows"] for v in r[10:] if v is not None]
    assert sum(isinstance(v, int) for v in numeric) > 0.99 * len(numeric)


def test_the_export_never_replaces_an_input(tmp_path: Path) -> None:
    report = tmp_path / "a.json"
    report.write_bytes((OFFICE / "2023" / "洪泽区人民政府.docx").read_bytes())  # a report named .json
    before = report.read_bytes()
    result = cli("export", str(report), "-o", str(report))
    assert result.exit_code == 2 and "会覆盖本次检查的输入文件" in result.output
    assert report.read_bytes() == before
