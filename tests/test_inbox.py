"""The reviewing office's inbox: one verdict per file, the summary, Excel and CSV tables read back,
batch annotation through the run path of ``check``, configuration groups, and nothing silent."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from linter.cli import main
from linter.i18n import display_width
from tests.annotations import read_comments

from tests.conftest import ROOT, cli, copy

DOCX = ROOT / "fixtures" / "docx"
CORRECT = ROOT / "examples" / "pingtan_2021_correct.docx"
FAULTY = DOCX / "fail_t4_sum.docx"
MINUTES = ROOT / "fixtures" / "inbox" / "meeting_minutes.txt"
MISREAD = ROOT / "fixtures" / "text" / "ambiguous_table4.txt"
LEGACY = ROOT / "fixtures" / "bad" / "word95.doc"


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    """A folder as an office receives it: correct, faulty, not a report, unreadable, misread."""
    folder = tmp_path / "inbox"
    for src, name in (
        (CORRECT, "a_correct.docx"),
        (FAULTY, "b_faulty.docx"),
        (MINUTES, "c_minutes.txt"),
        (LEGACY, "d_legacy.doc"),
        (MISREAD, "e_misread.txt"),
    ):
        copy(src, folder / name)
    (folder / "~$b_faulty.docx").write_bytes(b"\x00lock")
    return folder


# ---- one verdict per file ------------------------------------------------------------------------


def test_a_mixed_folder_gives_one_clear_verdict_per_file(inbox: Path) -> None:
    data = json.loads(cli("check", "--format", "json", str(inbox)).stdout)
    verdicts = {Path(f["path"]).name: f["verdict"] for f in data["files"]}
    assert verdicts == {
        "a_correct.docx": "passed",
        "b_faulty.docx": "failed",
        "c_minutes.txt": "failed",
        "d_legacy.doc": "unreadable",
        "e_misread.txt": "doubtful",
        "~$b_faulty.docx": "skipped",
    }
    assert data["summary"]["verdicts"] == {"passed": 1, "failed": 2, "doubtful": 1, "unreadable": 1, "skipped": 1}
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert [(x["rule"], x["severity"], x["location"]["block"]) for x in files["c_minutes.txt"]["findings"]] == [
        ("RL-STR-000", "error", 0)
    ]
    assert (
        files["c_minutes.txt"]["findings"][0]["message"]
        == "不是政府信息公开工作年度报告：找不到报告标题、六个部分的标题和表2至表4（文件开头为「关于办公用品采购的会议纪要」）"
    )
    # RL-S1-002: the generated reports' part 一 states neither 社会评议 nor 责任追究 (tests/conftest.py)
    assert [x["rule"] for x in files["e_misread.txt"]["findings"]] == ["RL-S1-002", "RL-PARSE-001"]
    assert files["d_legacy.doc"]["error"]["code"] == "RL-IO-007"


def test_the_text_summary_separates_the_verdicts_and_lists_the_passed(inbox: Path) -> None:
    result = cli("check", "--list-passed", str(inbox))
    assert result.exit_code == 2  # an unreadable file
    lines = result.output.splitlines()
    summary = next(i for i, line in enumerate(lines) if line.startswith("共检查"))
    assert lines[summary].startswith(
        "共检查 5 个文件：通过 1 个，不通过 2 个，读取存疑 1 个，无法读取 1 个；"
        "共 3 个错误，4 个警告，0 条提示；另有 1 个文件未检查（已跳过，原因见各文件）；用时 "
    )
    assert lines[summary].endswith(" 秒")
    assert lines[summary + 1 : summary + 7] == [
        "按规则：",
        "  RL-NAR-001 正文引用的数字与表格一致：1 警告",
        "  RL-PARSE-001 表格单元格无法可靠读取（读取问题，不是报告本身的错误）：1 警告",
        "  RL-S1-002 各级人民政府的报告说明工作考核、社会评议和责任追究结果：2 警告",
        "  RL-STR-000 文件是政府信息公开工作年度报告：1 错误",
        "  RL-T4-002 疑似填错的单元格（由表4的勾稽关系定位）：2 错误",
    ]
    assert lines[summary + 7] == f"无法读取：{inbox / 'd_legacy.doc'} (RL-IO-007)"
    assert lines[summary + 8] == f"读取存疑（请人工核对）：{inbox / 'e_misread.txt'}"
    assert lines[summary + 9].startswith(f"已跳过：{inbox / '~$b_faulty.docx'} (Word 临时文件（以 ~$ 开头")
    assert lines[summary + 10] == f"通过：{inbox / 'a_correct.docx'}"
    assert (
        f"{inbox / '~$b_faulty.docx'}：已跳过 RL-IO-027 Word 临时文件（以 ~$ 开头，Word 打开文档时生成），不是报告；"
        "请检查同名的 .docx 文件" in lines
    )
    assert f"{inbox / 'd_legacy.doc'}：无法读取 RL-IO-007 " in result.output


def test_the_html_report_tells_the_verdicts_apart(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert cli("check", "--format", "html", "-o", str(out), str(inbox)).exit_code == 2
    page = out.read_text(encoding="utf-8")
    for key, n in (("passed", 1), ("failed", 2), ("doubtful", 1), ("unreadable", 1)):
        assert f'<dd data-count="{key}">{n}</dd>' in page
    assert page.count('data-status="doubtful"') == 2  # its index row and its section
    assert '<td class="status-doubtful" data-value="读取存疑">读取存疑</td>' in page
    assert '<td class="status-unreadable" data-value="无法读取 RL-IO-007">无法读取 RL-IO-007</td>' in page


# ---- CSV and Excel -------------------------------------------------------------------------------

FINDING_HEADER = [
    "文件",
    "文件结论",
    "规则",
    "规则名称",
    "状态",
    "问题",
    "部分",
    "表",
    "行",
    "列",
    "应为",
    "实为",
    "原文",
    "位置",
]


def test_csv_is_utf8_with_bom_one_row_per_finding(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "findings.csv"
    result = cli("check", "--format", "csv", "-o", str(out), str(inbox))
    assert result.exit_code == 2 and result.stdout.startswith("共检查 5 个文件")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == FINDING_HEADER
    by_file: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        by_file.setdefault(Path(row[0]).name, []).append(row)
    assert [r[1:6] for r in by_file["a_correct.docx"]] == [["通过", "", "", "", "未发现问题"]]
    assert [r[1:3] for r in by_file["d_legacy.doc"]] == [["无法读取", "RL-IO-007"]]
    total = [r for r in by_file["b_faulty.docx"] if r[2] == "RL-T4-002" and r[9] == "行政复议 总计"]
    assert total == [
        [
            str(inbox / "b_faulty.docx"),
            "不通过",
            "RL-T4-002",
            "疑似填错的单元格（由表4的勾稽关系定位）",
            "错误",
            "疑似填错的单元格：填写为 25，按表4的1项勾稽关系应为 27。行政复议：18+4+3+2 = 27，总计为 25；"
            "正文「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」也写作 27，与更正后的值一致",
            "四、政府信息公开行政复议、行政诉讼情况",
            "4",
            "",
            "行政复议 总计",
            "27",
            "25",
            "25",
            "",
        ]
    ]
    assert sum(len(v) for v in by_file.values()) == len(rows) - 1 == 1 + 4 + 1 + 1 + 2 + 1  # the lock file: skipped
    assert by_file["~$b_faulty.docx"][0][1:3] == ["已跳过", "RL-IO-027"]


def test_csv_in_english_has_the_same_columns(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    cli("check", "--format", "csv", "--lang", "en", "-o", str(out), str(FAULTY))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "file",
        "file verdict",
        "rule",
        "rule name",
        "severity",
        "message",
        "section",
        "table",
        "row",
        "column",
        "expected",
        "found",
        "quoted text",
        "position",
    ]
    assert {r[1] for r in rows[1:]} == {"failed"} and {r[4] for r in rows[1:]} == {"error", "warning"}


def test_xlsx_has_a_files_sheet_and_a_findings_sheet(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    assert cli("check", "--format", "xlsx", "-o", str(out), str(inbox)).exit_code == 2
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "文件", "问题", "报送情况"]
    files, problems = book["文件"], book["问题"]
    rows = [[c.value for c in row] for row in files.iter_rows()]
    assert rows[0] == [
        "文件",
        "报告单位",
        "报告年度",
        "格式版本",
        "状态",
        "错误",
        "警告",
        "提示",
        "无法读取的原因",
        "文件夹",
    ]
    table = {Path(r[0]).name: r[1:] for r in rows[1:]}
    assert table["a_correct.docx"] == ["平潭综合实验区", 2021, 2021, "通过", 0, 0, 0, None, None]  # the folder given
    assert table["b_faulty.docx"][3:7] == ["不通过", 2, 2, 0]
    assert table["c_minutes.txt"][3:7] == ["不通过", 1, 0, 0]
    assert table["d_legacy.doc"][3] == "无法读取" and table["d_legacy.doc"][7].startswith(
        "RL-IO-007 旧版二进制 Word 文档"
    )
    assert table["e_misread.txt"][3:7] == ["读取存疑", 0, 2, 0]
    assert table["~$b_faulty.docx"][3] == "已跳过" and table["~$b_faulty.docx"][7].startswith("RL-IO-027 Word 临时文件")
    header = [c.value for c in next(problems.iter_rows())]
    assert header == FINDING_HEADER and problems.max_row == 1 + 10  # two of them RL-S1-002 (tests/conftest.py)
    for sheet in (files, problems):
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
        widest = max(display_width(str(c.value)) for (c,) in sheet.iter_rows(max_col=1))
        assert sheet.column_dimensions["A"].width == min(widest + 3, 50)  # fits its file names
    assert problems.column_dimensions["F"].width == 80


def test_xlsx_is_never_written_to_a_terminal_but_to_a_pipe(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xlsx", str(CORRECT)])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"PK\x03\x04")


# ---- batch annotation ----------------------------------------------------------------------------


def test_annotate_a_folder_into_an_output_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    copy(FAULTY, src / "town" / "报告.docx")
    copy(DOCX / "fail_t3_total_cell.docx", src / "city" / "报告.docx")
    copy(CORRECT, src / "ok.docx")
    out = tmp_path / "out"
    result = cli("annotate", str(src), "-o", str(out) + "/")
    assert result.exit_code == 1
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["city/报告.reviewed.docx", "ok.reviewed.docx", "town/报告.reviewed.docx"]  # the folders kept
    city = read_comments(out / "city" / "报告.reviewed.docx")
    town = read_comments(out / "town" / "报告.reviewed.docx")
    assert sorted(c.text.split("（")[0] for c in town) == ["RL-NAR-001", "RL-S1-002", "RL-T4-002", "RL-T4-002"]
    assert sorted(c.text.split("（")[0] for c in city) == [
        "RL-S1-002",
        "RL-T3-008",
    ]  # the wrong cell; the sentence agrees with its correction
    assert read_comments(out / "ok.reviewed.docx") == []
    assert f"已写入 {out / 'town' / '报告.reviewed.docx'}：4 条批注" in result.output
    assert (src / "town" / "报告.docx").read_bytes() == FAULTY.read_bytes()


def test_annotate_without_output_writes_next_to_the_input_and_skips_reviewed_copies(tmp_path: Path) -> None:
    a = copy(FAULTY, tmp_path / "a.docx")
    assert cli("annotate", str(a)).exit_code == 1
    assert (tmp_path / "a.reviewed.docx").is_file()
    result = cli("annotate", str(tmp_path))  # the folder now holds a reviewed copy: it is not annotated again
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.reviewed.docx'}：已加批注的副本，已跳过" in result.output
    assert not (tmp_path / "a.reviewed.reviewed.docx").exists()


def test_annotate_takes_the_configuration_like_check(tmp_path: Path) -> None:
    report = copy(DOCX / "fail_t3_total_cell.docx", tmp_path / "dept" / "r.docx")
    (tmp_path / "dept" / "reportlint.yaml").write_text("ignore: [RL-T3-008]\nlang: en\n", encoding="utf-8")
    checked = json.loads(cli("check", "--format", "json", str(report)).stdout)
    assert sorted(f["rule"] for f in checked["files"][0]["findings"]) == [
        "RL-NAR-001",
        "RL-S1-002",
        "RL-T3-002",
        "RL-T3-003",
        "RL-T3-004",
    ]
    result = cli("annotate", str(report), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1 and "wrote " in result.output
    comments = read_comments(tmp_path / "out.docx")
    assert sorted(c.text.split(" ")[0] for c in comments) == [
        "RL-NAR-001",
        "RL-S1-002",
        "RL-T3-002",
        "RL-T3-003",
        "RL-T3-004",
    ]
    assert not any("RL-T3-008" in c.text for c in comments)


def test_annotate_a_pdf_in_a_batch_gets_a_review_sheet_and_goes_on(tmp_path: Path) -> None:
    copy(FAULTY, tmp_path / "in" / "a.docx")
    copy(ROOT / "fixtures" / "pdf" / "filled_2021.pdf", tmp_path / "in" / "b.pdf")
    result = cli("annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1  # a.docx fails; b.pdf cannot carry comments: its findings go on a sheet
    assert f"已写入审核意见单 {tmp_path / 'out' / 'b.审核意见.docx'}：1 条意见" in result.output  # RL-S1-002
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.reviewed.docx", "b.审核意见.docx"]
    copy(LEGACY, tmp_path / "in" / "c.doc")
    result = cli("annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert (
        result.exit_code == 2 and f"已写入审核意见单 {tmp_path / 'out' / 'c.审核意见.docx'}：1 条意见" in result.output
    )


# ---- configuration groups ------------------------------------------------------------------------


def test_fail_level_and_language_are_taken_per_configuration(tmp_path: Path) -> None:
    strict = copy(FAULTY, tmp_path / "strict" / "r.docx")
    (tmp_path / "strict" / "reportlint.yaml").write_text(
        "select: [RL-NAR-001]\nfail_on: warning\nlang: en\n", encoding="utf-8"
    )
    lax = copy(FAULTY, tmp_path / "lax" / "r.docx")
    (tmp_path / "lax" / "reportlint.yaml").write_text("select: [RL-NAR-001]\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(lax), str(strict)).stdout)
    assert [f["verdict"] for f in data["files"]] == ["passed", "failed"]  # the same two warnings
    assert [f["message"] for f in data["files"][0]["findings"]] == [
        "正文「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」中的行政复议案件数为27，但表4中为25",
        "正文「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」中的行政诉讼案件数为21，但表4中为15",
    ]
    assert [f["message"] for f in data["files"][1]["findings"]] == [
        "the narrative gives administrative reviews as 27 (「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」), but table 4 has 25",
        "the narrative gives lawsuits as 21 (「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」), but table 4 has 15",
    ]
    assert cli("check", str(lax)).exit_code == 0
    assert cli("check", str(strict)).exit_code == 1
    assert cli("check", str(lax), str(strict)).exit_code == 1
    assert cli("annotate", str(lax), str(strict), "-o", str(tmp_path / "out")).exit_code == 1
    assert cli("annotate", str(lax), "-o", str(tmp_path / "out2")).exit_code == 0


def test_per_file_ignores_are_relative_to_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "reports"
    copy(DOCX / "fail_invalid_values.docx", root / "townships" / "t.docx")
    copy(DOCX / "fail_invalid_values.docx", root / "city" / "c.docx")
    (root / "reportlint.yaml").write_text('per_file_ignores: {"townships/*.docx": [RL-T3-006]}\n', encoding="utf-8")
    link = tmp_path / "link"
    os.symlink(root, link)

    def rules(*paths: str) -> dict[str, bool]:
        data = json.loads(cli("check", "--format", "json", "--jobs", "1", *paths).stdout)
        return {Path(f["path"]).name: any(x["rule"] == "RL-T3-006" for x in f["findings"]) for f in data["files"]}

    monkeypatch.chdir(root)
    assert rules("townships") == {"t.docx": False}
    assert rules(".") == {"c.docx": True, "t.docx": False}
    assert rules("townships/t.docx", "city/c.docx") == {"t.docx": False, "c.docx": True}
    assert rules(str(root / "townships" / "t.docx")) == {"t.docx": False}
    assert rules(str(link / "townships")) == {"t.docx": False}
    monkeypatch.chdir(root / "townships")
    assert rules("t.docx") == {"t.docx": False}


# ---- nothing silent --------------------------------------------------------------------------------


def test_no_files_is_said(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("check", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert result.output == f"没有找到要检查的文件：{tmp_path / 'empty'}（文件夹为空，或通配符没有匹配到文件）\n"
    result = cli("check", "--lang", "en", str(tmp_path / "*.docx"))
    assert result.exit_code == 2 and result.output.startswith("no files to check in ")


def test_previous_of_the_wrong_year_is_a_warning(tmp_path: Path) -> None:
    corpus = ROOT / "fixtures" / "corpus_docx"
    result = cli(
        "check", "--previous", str(corpus / "2020_pingtan_zhqsyq.docx"), str(corpus / "2022_pingtan_zhqsyq.docx")
    )
    assert (
        f"{corpus / '2022_pingtan_zhqsyq.docx'} 是 2022 年度报告，但 --previous 指定的 "
        f"{corpus / '2020_pingtan_zhqsyq.docx'} 是 2020 年度报告（应为 2022 的上一年度），未做跨年度检查"
    ) in result.output
    right = cli(
        "check", "--previous", str(corpus / "2021_pingtan_zhqsyq.docx"), str(corpus / "2022_pingtan_zhqsyq.docx")
    )
    assert "未做跨年度检查" not in right.output


def test_the_baseline_says_how_many_findings_it_hid(tmp_path: Path) -> None:
    report = copy(FAULTY, tmp_path / "r.docx")
    baseline = tmp_path / "baseline.json"
    assert cli("check", "--baseline", str(baseline), "--write-baseline", str(report)).exit_code == 0
    result = cli("check", "--baseline", str(baseline), str(report))
    assert result.exit_code == 0 and f"基线 {baseline} 隐藏了 4 条已记录的问题" in result.output


def test_a_word_lock_file_named_directly_is_a_clear_error(tmp_path: Path) -> None:
    lock = tmp_path / "~$report.docx"
    lock.write_bytes(b"\x08user\x00" * 20)
    result = cli("check", str(lock))
    assert result.exit_code == 2
    assert (
        "RL-IO-027 Word 临时文件（以 ~$ 开头，Word 打开文档时生成），不是报告；请检查同名的 .docx 文件" in result.output
    )


# ---- paragraph findings a clerk can find ---------------------------------------------------------


def _split_run_around(root, needle: str, within: str = "") -> None:  # type: ignore[no-untyped-def]
    """Split the run holding ``needle`` (inside ``within``, when given) into three runs (before, the
    needle, after), as Word does when a figure was typed over."""
    import copy as deep

    from lxml import etree

    from tests.mutate import W

    run = next(r for r in root.iter(W + "r") if (within or needle) in "".join(t.text or "" for t in r.iter(W + "t")))
    t = run.find(W + "t")
    at = t.text.index(within) + within.index(needle) if within else t.text.index(needle)
    before, after = t.text[:at], t.text[at + len(needle) :]
    t.text = before
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for text in (needle, after):
        new = deep.deepcopy(run)
        new.find(W + "t").text = text
        run.addnext(new)
        run = new
    etree.cleanup_namespaces(root)


def test_a_narrative_comment_is_anchored_at_the_quoted_figure(tmp_path: Path) -> None:
    import re
    import zipfile

    from tests.mutate import rewrite_document

    src = rewrite_document(FAULTY, tmp_path / "r.docx", lambda root: _split_run_around(root, "21", "行政诉讼21件"))
    assert cli("annotate", str(src), "-o", str(tmp_path / "out.docx")).exit_code == 1
    xml = zipfile.ZipFile(tmp_path / "out.docx").read("word/document.xml").decode()
    comments = {c.id: c for c in read_comments(tmp_path / "out.docx")}
    spans = {}
    for cid in comments:
        start = xml.index(f'<w:commentRangeStart w:id="{cid}"/>')
        end = xml.index(f'<w:commentRangeEnd w:id="{cid}"/>')
        spans[cid] = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml[start:end]))
    by_text = {comments[cid].text.split("\n")[0]: spans[cid] for cid in comments}
    assert (
        by_text[
            "RL-NAR-001（警告） 正文「全年因政府信息公开工作被申请行政复议27件，被提起行政诉讼21件。」中的行政诉讼案件数为21，但表4中为15"
            "（表中该数字疑似填错，按勾稽关系更正后为 23）"
        ]
        == "21"
    )
    # The sentence's 行政复议27件 agrees with the corrected 总计: evidence on the cell's comment, no comment of its own.
    assert not any("行政复议案件数为27" in c.text for c in comments.values())
    narrative = next(c for c in comments.values() if "行政诉讼案件数为21" in c.text)
    assert "原文" not in narrative.text  # the message quotes the sentence already


def test_every_placeholder_of_a_paragraph_in_one_finding(tmp_path: Path) -> None:
    from tests.docxbuild import p, write_docx

    doc = write_docx(
        tmp_path / "t.docx",
        p("某区2021年政府信息公开工作年度报告")
        + p("一、总体情况")
        + p("本机关依据XX条规定，于XX年度由（单位名称）开展工作。"),
    )
    data = json.loads(cli("check", "--format", "json", "--select", "RL-TPL-001", str(doc)).stdout)
    (finding,) = data["files"][0]["findings"]
    assert finding["message"] == "残留占位符「XX」、「XX」、「（单位名称）」"
    assert finding["actual"] == "XX、XX、（单位名称）"
    assert finding["location"]["text"] == "本机关依据XX条规定，于XX年度由（单位名称）开展工作。"
    text = cli("check", "--select", "RL-TPL-001", "--lang", "en", str(doc)).stdout
    assert (
        "leftover placeholder 「XX」, 「XX」, 「（单位名称）」 text 「本机关依据XX条规定，于XX年度由（单位名称）开展工作。」"
        in text
        and "block" not in text
    )
    shown = cli("check", "--select", "RL-TPL-001", "--lang", "en", "--show-positions", str(doc)).stdout
    assert "开展工作。」 [block 2]" in shown


def test_reporters_neither_import_the_run_nor_read_files() -> None:
    """What a reporter draws comes with the results: no reporter imports the checking, the pool,
    the readers or the baseline, and none opens a file."""
    import ast

    forbidden = ("linter.run", "linter.readers", "linter.recognise.report")
    modules = sorted((ROOT / "linter" / "reporters").rglob("*.py"))
    assert ROOT / "linter" / "reporters" / "html" / "report.py" in modules
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        assert not {m for m in imported if m.startswith(forbidden)}, module.name
        calls = {
            node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert "open" not in calls, module.name


def test_a_broken_baseline_is_told_in_the_users_language(tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text("{not json", encoding="utf-8")
    result = cli("check", "--baseline", str(baseline), str(CORRECT))
    assert result.exit_code == 2 and result.output == f"{baseline}：不是基线文件（第 1 行 JSON 格式错误）\n"
    result = cli("check", "--lang", "en", "--baseline", str(baseline), str(CORRECT))
    assert result.output == f"{baseline}: not a baseline file (JSON error at line 1)\n"
    missing = cli("check", "--baseline", str(tmp_path / "none.json"), str(CORRECT))
    assert missing.exit_code == 2 and "基线文件不存在（可先用 --write-baseline 生成）" in missing.output


# ---- configuration that forgives, rules and explain ----------------------------------------------


def test_every_configuration_mistake_at_once_with_suggestions(tmp_path: Path) -> None:
    report = copy(CORRECT, tmp_path / "r.docx")
    config = tmp_path / "reportlint.yaml"
    config.write_text("selct: [RL-T3]\nfail_on: eror\nlimits: {max_file_bytes: -1, max_blocs: 9}\n", encoding="utf-8")
    result = cli("check", str(report))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{config}：$.selct：没有「selct」这一设置项（是否想写 select？）（第 1 行）",
        f"{config}：$.fail_on：「eror」不是可用的值（可用：error、warning、info）（是否想写 error？）（第 2 行）",
        f"{config}：$.limits.max_blocs：没有「max_blocs」这一设置项（是否想写 max_blocks？）（第 3 行）",
        f"{config}：$.limits.max_file_bytes：-1 不能小于 1（第 3 行）",
    ]
    result = cli("check", "--lang", "en", str(report))
    assert f"{config}: $.selct: unknown setting 'selct' (did you mean select?) (line 1)" in result.output.splitlines()
    config.write_text("ignore: [RL-T3-09, requests.balanse]\nseverity: {RL-T3-002: warning}\n", encoding="utf-8")
    result = cli("check", str(report))
    assert result.exit_code == 2 and result.output.splitlines() == [
        f"{config}: ignore：没有这条规则：RL-T3-09（是否想写 RL-T3-008？）",
        f"{config}: ignore：没有这条规则：requests.balanse（是否想写 requests.balance？）",
    ]


def test_rules_are_sorted_aligned_and_mark_the_default_off() -> None:
    lines = cli("rules").output.splitlines()
    assert lines[0].split() == ["规则", "级别", "默认", "名称", "检查内容"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids == sorted(ids, key=lambda i: [int(p) if p.isdigit() else p for p in i.replace("-", " - ").split()])
    assert ids[:3] == ["RL-CITE-001", "RL-CITE-002", "RL-META-001"] and "RL-STR-000" in ids
    from linter.i18n import display_width

    name_column = {display_width(line[: line.index(line.split()[3])]) for line in lines[1:]}
    assert len(name_column) == 1  # the names start in one column, whatever the width of the Chinese before
    s6 = next(line for line in lines if line.startswith("RL-S6-002"))
    assert s6.split()[1:4] == ["提示", "关闭", "content.other-matters-items"]
    meta = next(line for line in lines if line.startswith("RL-META-001"))
    assert meta.split()[1:3] == ["错误/警告", "启用"]


def test_explain_takes_names_prefixes_and_reading_error_codes() -> None:
    by_name = cli("explain", "requests.balance")
    assert by_name.exit_code == 0 and by_name.output.startswith(
        "规则: RL-T3-002  第一项加第二项之和等于第三项加第四项之和\n"
    )
    assert "级别: 错误\n" in by_name.output
    prefix = cli("explain", "RL-T3")
    assert prefix.exit_code == 0 and prefix.output.splitlines()[0] == "「RL-T3」对应 8 条规则："
    assert [line.split()[0] for line in prefix.output.splitlines()[1:]] == [f"RL-T3-00{i}" for i in range(1, 9)]
    io = cli("explain", "RL-IO-007")
    assert io.exit_code == 0 and io.output.splitlines()[:2] == [
        "规则: RL-IO-007",
        "类别: 读取错误：文件无法读取，不是报告内容的问题",
    ]
    off = cli("explain", "RL-S6-002").output
    assert "默认关闭：用 --select RL-S6-002 启用" in off
    wrong = cli("explain", "RL-T3-09")
    assert wrong.exit_code == 2 and wrong.output == "没有这条规则：RL-T3-09（是否想写 RL-T3-008？）\n"
    english = cli("explain", "--lang", "en", "RL-META-001").output
    assert "Severity:\n  error: the statistics period's year" in english
