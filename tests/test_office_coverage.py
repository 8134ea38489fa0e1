"""报送情况: the roster (YAML, CSV, xlsx; --roster or the configuration's ``roster:``) and the
coverage of the office inbox in text, JSON, xlsx and HTML; without a roster, duplicates and wrong
years still."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from openpyxl import Workbook, load_workbook

from linter.office.roster import RosterError, load_roster
from linter.ruleset.resources import load_schema
from tests.conftest import ROOT, cli, copy

OFFICE = ROOT / "fixtures" / "inbox" / "office"
INBOX = OFFICE / "2024"
ROSTER = OFFICE / "roster.yaml"
DEPT, TOWN = INBOX / "部门", INBOX / "乡镇"

# (body, status, files) as the roster lists them, for the 2024 inbox.
EXPECTED = [
    ("淮安市洪泽区人民政府", "submitted", [INBOX / "淮安市洪泽区人民政府.docx"]),
    ("洪泽区发展和改革委员会", "submitted", [DEPT / "洪泽区发展和改革委员会.docx"]),
    ("洪泽区教育局", "duplicate", [DEPT / "洪泽区教育局-网页版.html", DEPT / "洪泽区教育局.docx"]),
    ("洪泽区公安局", "submitted", [DEPT / "洪泽区公安局.docx"]),
    ("洪泽区民政局", "submitted", [DEPT / "洪泽区民政局.pdf"]),
    ("洪泽区司法局", "submitted", [DEPT / "洪泽区司法局.docx"]),
    ("洪泽区财政局", "wrong_year", [DEPT / "洪泽区财政局.docx"]),
    ("洪泽区人力资源和社会保障局", "submitted", [DEPT / "洪泽区人力资源和社会保障局.docx"]),
    ("洪泽区住房和城乡建设局", "missing", []),
    ("洪泽区交通运输局", "submitted", [DEPT / "洪泽区交通运输局.docx"]),
    ("洪泽区水利局", "submitted", [DEPT / "洪泽区水利局.docx"]),
    ("洪泽区农业农村局", "submitted", [DEPT / "洪泽区农业农村局.docx"]),
    ("洪泽区商务局", "missing", []),
    ("高良涧街道办事处", "submitted", [TOWN / "洪泽区高良涧街道办事处.docx"]),  # found by an other name
    ("洪泽区朱坝街道办事处", "submitted", [TOWN / "洪泽区朱坝街道办事处.html"]),
    ("洪泽区黄集街道办事处", "submitted", [TOWN / "洪泽区黄集街道办事处.docx"]),
    ("洪泽区岔河镇人民政府", "submitted", [TOWN / "洪泽区岔河镇人民政府.docx"]),
    ("洪泽区西顺河镇人民政府", "submitted", [TOWN / "洪泽区西顺河镇人民政府.docx"]),
    ("洪泽区老子山镇人民政府", "submitted", [TOWN / "洪泽区老子山镇人民政府.docx"]),
    ("洪泽区三河镇人民政府", "missing", []),
]
COUNTS = {"bodies": 20, "submitted": 17, "missing": 3, "duplicate": 1, "wrong_year": 1, "unknown": 1}
UNKNOWN = {"path": str(DEPT / "洪泽区住建局.docx"), "body": "洪泽区住建局", "closest": "洪泽区住房和城乡建设局"}


def _json(*args: str) -> dict:
    result = cli("check", "--format", "json", *args)
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("findings.schema.json"))
    return data


def test_the_roster_gives_each_body_its_files_the_missing_and_the_unknown_in_json() -> None:
    data = _json("--roster", str(ROSTER), str(INBOX))
    cov = data["coverage"]
    assert cov["year"] == 2024 and cov["year_from"] == "most_common" and cov["roster"] == str(ROSTER)
    assert cov["counts"] == COUNTS
    assert [(b["name"], b["status"], [f["path"] for f in b["files"]]) for b in cov["bodies"]] == [
        (n, s, [str(p) for p in fs]) for n, s, fs in EXPECTED
    ]
    assert cov["unknown"] == [UNKNOWN]
    by_name = {b["name"]: b for b in cov["bodies"]}
    assert by_name["洪泽区财政局"]["files"] == [
        {"path": str(DEPT / "洪泽区财政局.docx"), "report_year": 2023, "verdict": "passed"}
    ]
    assert [f["verdict"] for f in by_name["洪泽区教育局"]["files"]] == ["failed", "failed"]
    assert by_name["洪泽区民政局"]["kind"] == "部门" and by_name["洪泽区民政局"]["parent"] == "淮安市洪泽区人民政府"


def test_the_text_summary_has_the_coverage_table() -> None:
    lines = cli("check", "--roster", str(ROSTER), str(INBOX)).output.splitlines()
    head = lines.index(
        f"报送情况（2024 年度，名册 {ROSTER}）：应报 20 个单位，已报送 17 个，未报送 3 个，"
        "重复报送 1 个，年度不符 1 个，名册外 1 个"
    )
    table = lines[head + 1 : head + 22]
    assert table[0] == f"  淮安市洪泽区人民政府  已报送  {INBOX / '淮安市洪泽区人民政府.docx'}（2024年度，通过）"
    assert table[2] == (
        f"  洪泽区教育局  重复报送  {DEPT / '洪泽区教育局-网页版.html'}（2024年度，不通过）、"
        f"{DEPT / '洪泽区教育局.docx'}（2024年度，不通过）"
    )
    assert table[6] == f"  洪泽区财政局  年度不符  {DEPT / '洪泽区财政局.docx'}（2023年度，通过）"
    assert table[8] == "  洪泽区住房和城乡建设局  未报送"
    assert table[20] == f"  名册外  {DEPT / '洪泽区住建局.docx'}（洪泽区住建局，最接近：洪泽区住房和城乡建设局）"


def test_the_xlsx_has_a_coverage_sheet() -> None:
    out = ROOT / "build" / "coverage-test.xlsx"
    out.parent.mkdir(exist_ok=True)
    try:
        cli("check", "--roster", str(ROSTER), "--format", "xlsx", "-o", str(out), str(INBOX))
        sheet = load_workbook(out)["报送情况"]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
    finally:
        out.unlink(missing_ok=True)
    assert rows[0] == ["单位", "类型", "上级单位", "报送情况", "文件", "报告年度", "审核结果", "名册中最接近的名称"]
    assert [(r[0], r[3]) for r in rows[1:21]] == [
        (n, {"submitted": "已报送", "missing": "未报送", "duplicate": "重复报送", "wrong_year": "年度不符"}[s])
        for n, s, _ in EXPECTED
    ]
    assert rows[3][4:7] == [
        f"{DEPT / '洪泽区教育局-网页版.html'}\n{DEPT / '洪泽区教育局.docx'}",
        "2024、2024",
        "不通过、不通过",
    ]
    assert rows[21] == [
        "洪泽区住建局",
        None,
        None,
        "名册外",
        str(DEPT / "洪泽区住建局.docx"),
        None,
        None,
        "洪泽区住房和城乡建设局",
    ]
    assert sheet.freeze_panes == "A2" and len(rows) == 22


def test_the_html_report_has_a_coverage_section(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    cli("check", "--roster", str(ROSTER), "--format", "html", "-o", str(out), str(INBOX))
    page = out.read_text(encoding="utf-8")
    section = page[
        page.index('<section id="coverage"') : page.index("</section>", page.index('<section id="coverage"'))
    ]
    assert section.count('<tr class="cov-') == 21
    assert section.count('data-status="missing"') == 3 and section.count('data-status="unknown"') == 1
    assert (
        '<td>洪泽区商务局</td><td>部门</td><td>淮安市洪泽区人民政府</td><td class="cov-status">未报送</td><td></td>'
        in section
    )
    assert "最接近：洪泽区住房和城乡建设局" in section
    # a file links to its own section of the report
    data_file = page.index(f'data-path="{DEPT / "洪泽区民政局.pdf"}"')
    n = page[:data_file].rsplit('id="file-', 1)[1].split('"')[0]
    assert f'<a href="#file-{n}">{DEPT / "洪泽区民政局.pdf"}</a>' in section


def test_without_a_roster_duplicates_and_wrong_years_are_still_told() -> None:
    data = _json(str(INBOX))
    cov = data["coverage"]
    assert cov["roster"] is None and cov["year"] == 2024
    problems = [(b["name"], b["status"]) for b in cov["bodies"] if b["status"] != "submitted"]
    assert problems == [("洪泽区教育局", "duplicate"), ("洪泽区财政局", "wrong_year")]
    assert cov["counts"]["bodies"] == 18 and cov["counts"]["missing"] == 0
    text = cli("check", str(INBOX)).output.splitlines()
    head = text.index("报送情况（2024 年度）：18 个单位，重复报送 1 个，年度不符 1 个")
    assert text[head + 2] == f"  洪泽区财政局  年度不符  {DEPT / '洪泽区财政局.docx'}（2023年度，通过）"
    # --year: the year the office expects, whatever the files say
    given = _json("--year", "2023", str(INBOX))["coverage"]
    assert given["year"] == 2023 and given["year_from"] == "option"
    assert [b["name"] for b in given["bodies"] if b["status"] == "submitted"] == ["洪泽区财政局"]


def test_a_single_file_has_no_coverage_unless_a_roster_is_given() -> None:
    one = INBOX / "淮安市洪泽区人民政府.docx"
    assert "coverage" not in _json(str(one))
    cov = _json("--roster", str(ROSTER), str(one))["coverage"]
    assert cov["counts"]["submitted"] == 1 and cov["counts"]["missing"] == 19


def test_the_roster_is_read_from_the_configuration(tmp_path: Path) -> None:
    inbox = tmp_path / "收件箱"
    shutil.copytree(INBOX, inbox)
    copy(ROSTER, tmp_path / "名册.yaml")
    (inbox / "reportlint.yaml").write_text("roster: ../名册.yaml\n", encoding="utf-8")
    cov = _json(str(inbox))["coverage"]
    assert cov["roster"] == str((tmp_path / "名册.yaml").resolve()) and cov["counts"] == COUNTS


def _rows() -> list[list[str]]:
    bodies = load_roster(ROSTER).bodies
    return [["名称", "其他名称", "上级", "类型"]] + [
        [b.name, "、".join(b.other_names), b.parent or "", b.kind or ""] for b in bodies
    ]


def test_a_roster_in_csv_or_xlsx_is_the_same_roster(tmp_path: Path) -> None:
    yaml_roster = load_roster(ROSTER)
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on a Chinese Windows saves CSV in GB18030
        path = tmp_path / f"roster-{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as fh:
            csv.writer(fh).writerows(_rows())
        assert load_roster(path).bodies == yaml_roster.bodies
    book = Workbook()
    for row in _rows():
        book.active.append(row)
    book.save(tmp_path / "roster.xlsx")
    assert load_roster(tmp_path / "roster.xlsx").bodies == yaml_roster.bodies
    data = _json("--roster", str(tmp_path / "roster.xlsx"), str(INBOX))
    assert data["coverage"]["counts"] == COUNTS


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("r.yaml", "bodies: 3\n", "名册应为单位列表（bodies: 下每项一个单位）"),
        ("r.yaml", "bodies:\n  - {kind: 部门}\n", "第 1 个单位没有名称"),
        ("r.csv", "单位类型,上级\n部门,x\n", "名册第一行应为表头，至少包括「名称」列"),
        ("r.txt", "x", "名册应为 YAML、CSV 或 xlsx 文件"),
        ("r.xlsx", "not a zip", "无法读取名册（"),
    ],
)
def test_a_broken_roster_stops_the_run_with_a_chinese_message(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = cli("check", "--roster", str(tmp_path / name), str(INBOX / "淮安市洪泽区人民政府.docx"))
    assert result.exit_code == 2 and f"{tmp_path / name}：{message}" in result.output
    with pytest.raises(RosterError):
        load_roster(tmp_path / name)


def test_the_roster_names_pair_a_body_across_its_names(tmp_path: Path) -> None:
    """A county become a district: only the roster's other names say that the two are one body."""
    from linter.office.pairing import Candidate, choose

    roster = tmp_path / "r.yaml"
    roster.write_text("bodies:\n  - {name: 淮安市洪泽区人民政府, other_names: [洪泽县人民政府]}\n", encoding="utf-8")
    aliases = dict(load_roster(roster).aliases())
    pool = [Candidate("2023.docx", "洪泽县人民政府", 2023)]
    assert choose("淮安市洪泽区人民政府", 2024, pool)[1].status == "missing"
    chosen, pairing = choose("淮安市洪泽区人民政府", 2024, pool, aliases)
    assert chosen == pool[0] and pairing.status == "paired"


def test_the_page_shows_the_coverage_with_the_configured_roster(tmp_path: Path) -> None:
    from tests.serveproc import ServerProcess

    config = tmp_path / "reportlint.yaml"
    config.write_text(f"roster: {ROSTER}\n", encoding="utf-8")
    files = [DEPT / "洪泽区民政局.pdf", DEPT / "洪泽区住建局.docx", INBOX / "淮安市洪泽区人民政府.docx"]
    with ServerProcess(tmp_path / "srv", "--config", str(config), cwd=tmp_path) as srv:
        with srv.client() as client:
            view = client.post("/api/view", files=[("files", (p.name, p.read_bytes())) for p in files]).json()
            data = client.post("/api/check", files=[("files", (p.name, p.read_bytes())) for p in files]).json()
    main = view["main"]
    assert (
        "报送情况（2024 年度，名册 " + str(ROSTER) + "）：应报 20 个单位，已报送 2 个，未报送 18 个，"
        "重复报送 0 个，年度不符 0 个，名册外 1 个"
    ) in main
    assert '<a href="#file-1">洪泽区民政局.pdf</a>' in main
    assert data["coverage"]["unknown"] == [
        {"path": "洪泽区住建局.docx", "body": "洪泽区住建局", "closest": "洪泽区住房和城乡建设局"}
    ]
