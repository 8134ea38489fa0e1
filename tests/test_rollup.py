"""``reportlint rollup``: a parent's children summed into tables 2–4 in the national layout, the
missing children named, and the parent's own tables 3 and 4 compared with the sum."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.celledit import cells, edit_cells
from tests.conftest import ROOT, cli

OFFICE = ROOT / "fixtures" / "inbox" / "office"
INBOX = OFFICE / "2024"
PARENT = INBOX / "淮安市洪泽区人民政府.docx"
TOWN = INBOX / "乡镇"


def _rows(book, name: str) -> list[list]:
    return [list(r) for r in book[name].iter_rows(values_only=True)]


def test_the_children_summed_in_the_national_layout(tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    result = cli("rollup", "--roster", str(OFFICE / "roster.yaml"), str(INBOX), "-o", str(out))
    assert result.exit_code == 1 and f"已写入 {out}：汇总了 15 份报告；缺少 4 个下级单位的报告" in result.output
    book = load_workbook(out)
    assert book.sheetnames == ["表2", "表3", "表4", "说明与核对"]
    # each summed cell is the sum of what the export reads from the same reports
    data = json.loads(
        (lambda p: (cli("export", str(INBOX), "-o", str(p)), p.read_text(encoding="utf-8"))[1])(tmp_path / "d.json")
    )
    notes = {r[0]: r[1] for r in _rows(book, "说明与核对") if r and r[0]}
    summed = notes["已汇总的报告（15 份）"].split("\n")
    assert (
        str(INBOX / "部门" / "洪泽区教育局.docx") in summed
        and str(INBOX / "部门" / "洪泽区教育局-网页版.html") not in summed
    )
    assert (
        notes["缺少报告的下级单位（4 个，合计不完整）"]
        == "洪泽区财政局、洪泽区住房和城乡建设局、洪泽区商务局、洪泽区三河镇人民政府"
    )
    heads = data["reports"]["headers"]
    rows = {r[0]: dict(zip(heads, r)) for r in data["reports"]["rows"]}

    def total(label: str) -> int:
        return sum(rows[p][label] or 0 for p in summed)

    t3 = _rows(book, "表3")
    assert t3[0] == ["收到和处理政府信息公开申请情况"] + [None] * 7
    assert t3[1] == ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    by_label = {r[0]: r[1:] for r in t3[2:]}
    assert by_label["一、本年新收政府信息公开申请数量"][6] == total("表3 一、本年新收政府信息公开申请数量 总计")
    assert by_label["（七）总计"][0] == total("表3 （七）总计 自然人")
    assert by_label["三、本年度办理结果 （一）予以公开"][6] == total("表3 三、本年度办理结果 （一）予以公开 总计")
    t4 = _rows(book, "表4")
    assert t4[1][:3] == ["项目", "行政复议 结果维持", "行政复议 结果纠正"]
    assert t4[2][5] == total("表4 行政复议 总计")


def test_a_planted_difference_between_the_parent_and_its_child_is_found(tmp_path: Path) -> None:
    """A district with one subdistrict: its own tables must equal the child's; the child's report
    (fixtures/docx/fail_t3_row_one) has 72 new requests in total where the district has 70."""
    roster = _roster_of_two(tmp_path)
    out = tmp_path / "汇总.xlsx"
    result = cli(
        "rollup", "--roster", str(roster), str(PARENT), str(TOWN / "洪泽区黄集街道办事处.docx"), "-o", str(out)
    )
    assert "汇总了 1 份报告；缺少 1 个下级单位的报告；本级报告与下级之和不一致的单元格 1 个" in result.output
    notes = _rows(load_workbook(out), "说明与核对")
    assert ["缺少报告的下级单位（1 个，合计不完整）", "洪泽区岔河镇人民政府", None, None] in notes
    head = notes.index(["单元格", "本级报告数值", "下级之和", "差额"])
    assert notes[head + 1 :] == [["表3 一、本年新收政府信息公开申请数量 总计", 70, 72, -2]]
    # the same child without its defect: nothing differs
    same = cli("rollup", "--roster", str(roster), str(PARENT), str(TOWN / "洪泽区岔河镇人民政府.docx"), "-o", str(out))
    assert "本级报告与下级之和不一致的单元格 0 个" in same.output


def test_a_blank_in_the_parent_where_the_children_sum_to_0_is_no_difference(tmp_path: Path) -> None:
    # A blank cell counts as 0 (the blank-cell rule says so): a parent that left a 0 blank agrees
    # with children that wrote 0.
    known = cells(PARENT)
    zero = next(ref for ref, cell in known.items() if ref[0] == "t3" and cell.text.strip() == "0")
    parent = edit_cells(PARENT, tmp_path / "淮安市洪泽区人民政府.docx", {zero: ""}, known)
    out = tmp_path / "汇总.xlsx"
    town = TOWN / "洪泽区岔河镇人民政府.docx"
    result = cli("rollup", "--roster", str(_roster_of_two(tmp_path)), str(parent), str(town), "-o", str(out))
    assert "本级报告与下级之和不一致的单元格 0 个" in result.output, result.output


def test_rollup_writes_only_xlsx_and_knows_the_parent(tmp_path: Path) -> None:
    bad = cli("rollup", str(INBOX), "-o", str(tmp_path / "汇总.csv"))
    assert bad.exit_code == 2 and not (tmp_path / "汇总.csv").exists()
    unknown = cli(
        "rollup",
        "--roster",
        str(OFFICE / "roster.yaml"),
        "--parent",
        "洪泽县",
        str(INBOX),
        "-o",
        str(tmp_path / "x.xlsx"),
    )
    assert unknown.exit_code == 2 and "洪泽县：名册中没有这个单位" in unknown.output


def _roster_of_two(tmp_path: Path) -> Path:
    roster = tmp_path / "r.yaml"
    roster.write_text(
        "bodies:\n  - {name: 淮安市洪泽区人民政府}\n"
        "  - {name: 洪泽区黄集街道办事处, parent: 淮安市洪泽区人民政府}\n"
        "  - {name: 洪泽区岔河镇人民政府, parent: 淮安市洪泽区人民政府}\n",
        encoding="utf-8",
    )
    return roster


def _rollup_findings(data: dict) -> list[tuple]:
    return [
        (
            f["path"],
            x["rule"],
            x["severity"],
            x["location"]["table"],
            x["location"]["row_label"],
            x["location"]["column_label"],
            x["location"]["row"],
            x["location"]["col"],
            x["actual"],
            x["expected"],
            x["message"],
        )
        for f in data["files"]
        for x in f["findings"]
        if x["rule"] == "RL-X-002"
    ]


def test_the_rollup_rule_finds_the_planted_difference_and_names_the_missing_child(tmp_path: Path) -> None:
    """RL-X-002 (opt-in): the district's own table 3 against its one child's report in the batch
    (fixtures/docx/fail_t3_row_one: 72 new requests where the district has 70), in child processes
    and in this process; the child without a report is named. Off by default: nothing."""
    from linter.engine.lint import Selection
    from linter.office.roster import load_roster
    from linter.run.check import Options, check_files

    roster = _roster_of_two(tmp_path)
    child = TOWN / "洪泽区黄集街道办事处.docx"
    args = ["check", "--format", "json", "--roster", str(roster), str(PARENT), str(child)]
    found = _rollup_findings(json.loads(cli(*args, "--select", "RL-X-002", "--jobs", "2").stdout))
    assert found == [
        (
            str(PARENT),
            "RL-X-002",
            "warning",
            3,
            "一、本年新收政府信息公开申请数量",
            "总计",
            4,
            8,
            "70",
            "72",
            "本级报告「一、本年新收政府信息公开申请数量」列「总计」为 70，1 份下级单位报告之和为 72；"
            "缺少下级单位的报告（合计不完整）：洪泽区岔河镇人民政府",
        )
    ]
    english = json.loads(cli(*args, "--select", "RL-X-002", "--lang", "en").stdout)
    assert _rollup_findings(english)[0][-1] == (
        "the parent's report has 70 in 「一、本年新收政府信息公开申请数量」, column 「总计」; its children's reports (1)"
        " add up to 72; children without a report (the sum is incomplete): 洪泽区岔河镇人民政府"
    )
    # in this process (check_files), with the same roster
    options = Options(
        selection=Selection(select=("RL-X-002",)),
        roster=load_roster(roster),
        keep_figures=True,
    )
    results = check_files([PARENT, child], options)
    assert [
        (f.rule, f.location.row_label, f.location.column_label, f.actual, f.expected) for f in results[0].findings
    ] == [("RL-X-002", "一、本年新收政府信息公开申请数量", "总计", "70", "72")]
    assert results[1].findings == ()
    # off by default: the same batch gives no roll-up finding
    assert _rollup_findings(json.loads(cli(*args).stdout)) == []
    # a child whose figures add up to the district's: nothing
    same = json.loads(cli(*args[:-1], str(TOWN / "洪泽区岔河镇人民政府.docx"), "--select", "RL-X-002").stdout)
    assert _rollup_findings(same) == []


def test_the_page_runs_the_rollup_rule_with_the_configured_roster(tmp_path: Path) -> None:
    """The page checks a batch as ``check`` does: with the configuration's roster and RL-X-002
    selected, the parent's report is checked again with its children's sum."""
    from tests.serveproc import ServerProcess

    config = tmp_path / "reportlint.yaml"
    config.write_text(f"roster: {_roster_of_two(tmp_path)}\nselect: [RL-X-002]\n", encoding="utf-8")
    files = [PARENT, TOWN / "洪泽区黄集街道办事处.docx"]
    with ServerProcess(tmp_path / "srv", "--config", str(config), cwd=tmp_path) as srv:
        with srv.client() as client:
            data = client.post("/api/check", files=[("files", (p.name, p.read_bytes())) for p in files]).json()
    found = [
        (f["path"], x["rule"], x["location"]["row_label"], x["location"]["column_label"], x["actual"], x["expected"])
        for f in data["files"]
        for x in f["findings"]
    ]
    assert found == [(PARENT.name, "RL-X-002", "一、本年新收政府信息公开申请数量", "总计", "70", "72")]
    assert "缺少下级单位的报告（合计不完整）：洪泽区岔河镇人民政府" in data["files"][0]["findings"][0]["message"]
