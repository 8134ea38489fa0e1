"""Published forms other than .docx: detection by content, the text reader, reading
problems as RL-PARSE findings, and source positions (line/column, page) in locations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.run.check import check_file, reader_hints
from linter.cli import main
from linter.model import Paragraph, Table
from linter.readers import read_document
from linter.readers.text.runon import find_headings, split_line
from linter.recognise.normalize import label_key
from linter.readers.text.decode import decode
from linter.readers.text.grid import place_rows
from linter.ruleset.facts import format_facts

from tests.conftest import ROOT

BAD = ROOT / "fixtures" / "bad"
CORPUS = ROOT / "fixtures" / "corpus"

# ---- detection by content ------------------------------------------------------------------------

BAD_FILES = {
    "empty.docx": "RL-IO-008",
    "word95.doc": "RL-IO-007",
    "encrypted_word97.doc": "RL-IO-004",
    "encrypted.docx": "RL-IO-004",
    "rtf_renamed.docx": "RL-IO-020",
    "scan_renamed.docx": "RL-IO-021",
    "opendocument.odt": "RL-IO-026",
}


@pytest.mark.parametrize(("name", "code"), sorted(BAD_FILES.items()))
def test_unreadable_forms_get_a_specific_error(name: str, code: str) -> None:
    result = check_file(BAD / name)
    assert result.error is not None and result.error.code == code
    assert result.findings == ()


def test_error_messages_say_how_to_convert() -> None:
    assert "libreoffice --headless --convert-to docx" in check_file(BAD / "word95.doc").error.message  # type: ignore[union-attr]
    assert "取消密码" in check_file(BAD / "encrypted.docx").error.message  # type: ignore[union-attr]
    assert "RTF" in check_file(BAD / "rtf_renamed.docx").error.message  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("head", "code"),
    [
        (b"{\\rtf1\\ansi hello}", "RL-IO-020"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "RL-IO-025"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "RL-IO-021"),
        (b"\xff\xd8\xff\xe0JFIF", "RL-IO-021"),
        (b" \r\n\t ", "RL-IO-008"),
        (b"\x00\x01\x02binary\x00", "RL-IO-001"),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument>', "RL-IO-011"),
    ],
)
def test_detection_by_content(tmp_path: Path, head: bytes, code: str) -> None:
    path = tmp_path / "report.docx"  # the extension never matters
    path.write_bytes(head)
    result = check_file(path)
    assert result.error is not None and result.error.code == code


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>一、总体情况</p></body></html>".encode(), "html"),
        ("\ufeff<html><body><p>一、总体情况</p></body></html>".encode("utf-16"), "html"),
        ("一、总体情况\n本年度……\n".encode("gbk"), "text"),
        ("一、总体情况\n".encode("utf-16"), "text"),
    ],
)
def test_text_like_forms_are_read(tmp_path: Path, data: bytes, fmt: str) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.format == fmt
    assert next(p.text for p in doc.paragraphs()) == "一、总体情况"


def test_a_batch_goes_on_after_an_unreadable_file() -> None:
    good = CORPUS / "2020_dongtou_zhujianju.txt"
    result = CliRunner().invoke(main, ["check", "--lang", "en", str(BAD / "word95.doc"), str(good)])
    assert result.exit_code == 2
    assert "RL-IO-007" in result.output and "RL-T2-002" in result.output
    assert "1 unreadable" in result.output


# ---- decoding --------------------------------------------------------------------------------------


def test_decoding_gbk_utf16_and_broken_utf8() -> None:
    text = "三、收到和处理政府信息公开申请情况"
    assert decode(text.encode("gbk")).text == text
    assert decode(text.encode("gb18030")).encoding == "gb18030"
    assert decode(text.encode("utf-16")).text == text
    assert decode(text.encode()).encoding == "utf-8"
    broken = decode(text.encode() * 20 + b"\xff" + text.encode())
    assert (broken.encoding, broken.replaced) == ("utf-8", 1)
    assert decode("資訊公開 申請人情況 總計".encode("big5")).encoding.startswith("big5")
    assert decode(text.encode("gb2312"), declared="gb2312").text == text


# ---- text layout ------------------------------------------------------------------------------------

T3_HEADER = [
    ["（本列数据的勾稽关系为：…）", "申请人情况"],
    ["", "自然人", "法人或其他组织", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ["一、本年新收政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2"],
    ["三、本年度办理结果", "（一）予以公开", "0", "0", "0", "0", "0", "0", "0"],
    ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
]


def test_text_table_spans_are_rebuilt() -> None:
    placed, ambiguous = place_rows(T3_HEADER)
    assert ambiguous == []
    spans = [[(p.start, p.span) for p in row] for row in placed]
    assert spans[0] == [(0, 3), (3, 7)]
    assert spans[1] == [(0, 3), (3, 1), (4, 5), (9, 1)]
    assert spans[2] == [(0, 3), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1)]
    assert spans[3][0] == (0, 3) and spans[4][:2] == [(0, 1), (1, 2)]


def test_table4_header_is_split_by_leaf_and_group_cells() -> None:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议", "行政诉讼"], heads + ["未经复议直接起诉", "复议后起诉"], [""] * 5 + heads * 2, ["0"] * 15]
    placed, ambiguous = place_rows(rows)
    assert ambiguous == []
    assert [(p.start, p.span) for p in placed[0]] == [(0, 5), (5, 10)]
    assert [(p.start, p.span) for p in placed[1]][5:] == [(5, 5), (10, 5)]


def test_undecidable_spans_are_reported() -> None:
    _placed, ambiguous = place_rows([["甲", "乙"], ["丙", "丁", "戊"], ["1", "2", "3", "4"]])
    assert ambiguous == [0, 1]


def test_run_on_line_is_split_at_headings_even_misprinted() -> None:
    titles = ["总体情况", "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况"]
    line = (
        "某区2021年政府信息公开工作年度报告 根据条例编制。一、总体情况2021年，我区……。"
        "四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼结果维持总计10203120001200000"
        "五、存在的主要问题及改进情况（一）问题。（二）措施。"
    )
    pieces = split_line(line, titles, label_key, names=format_facts().report_names)
    assert [(p.kind, p.text) for p in pieces] == [
        ("paragraph", "某区2021年政府信息公开工作年度报告"),
        ("paragraph", "根据条例编制。"),
        ("heading", "一、总体情况"),
        ("paragraph", "2021年，我区……。"),
        ("heading", "四、政府信息公开行政法复议、行政诉讼情况"),
        ("table", "行政复议行政诉讼结果维持总计10203120001200000"),
        ("heading", "五、存在的主要问题及改进情况"),
        ("paragraph", "（一）问题。"),
        ("paragraph", "（二）措施。"),
    ]
    assert all(line[p.offset :].startswith(p.text) for p in pieces)
    assert find_headings("三、本年度办理结果（一）予以公开", titles, label_key) == []
    # told nothing of what a report calls itself, the reader finds no title in the line
    assert split_line(line, titles, label_key)[0].text == "某区2021年政府信息公开工作年度报告 根据条例编制。"


# ---- the corpus text reports -----------------------------------------------------------------------


def test_dongtou_text_report_is_read_completely() -> None:
    path = CORPUS / "2020_dongtou_zhujianju.txt"
    doc = read_document(path, hints=reader_hints())
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [18, 26, 4]
    assert doc.notices == ()
    result = check_file(path)
    assert (result.format, result.edition, result.report_year) == ("text", 2019, 2020)
    [finding] = result.findings
    loc = finding.location
    assert (finding.rule, loc.table, loc.row_label, loc.column_label) == ("RL-T2-002", 2, "政府集中采购", "采购总金额")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[loc.line - 1][loc.column - 1 :] == "609725.09元"  # line and column point at the cell


def test_a_header_with_a_note_in_brackets_is_its_column(tmp_path: Path) -> None:
    # 「采购总金额（万元）」, the format's label and a unit in brackets, as reports print it: the column
    # is read (its cell written 「609725.09元」 is still the one finding), and the note is no misprint.
    text = (CORPUS / "2020_dongtou_zhujianju.txt").read_text(encoding="utf-8")
    assert text.count("\t采购总金额\n") == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace("\t采购总金额\n", "\t采购总金额（万元）\n"), encoding="utf-8")
    found = [
        (f.rule, f.location.table, f.location.row_label, f.location.column_label) for f in check_file(path).findings
    ]
    assert found == [("RL-T2-002", 2, "政府集中采购", "采购总金额")], found


@pytest.mark.parametrize(
    "year, unreadable, table_findings",
    [
        (2019, [2], []),
        # PROVENANCE's defect: the result rows add up to 27 (自然人 26), （七）总计 is 21 (自然人 20).
        (2020, [2], ["RL-T3-007", "RL-T3-007", "RL-T3-008", "RL-T3-008"]),
        (2021, [2], []),
        (2022, [2], []),
    ],
)
def test_pingtan_dumps_are_read_and_their_tables_reported_unreadable(
    year: int, unreadable: list[int], table_findings: list[str]
) -> None:
    # Table 4 is 15 single digits (2021: 17, read by its group totals) after its header words;
    # table 3's multi-digit rows are read where the table's sums leave one split for each.
    result = check_file(CORPUS / f"{year}_pingtan_zhqsyq.txt")
    assert result.report_year == year and result.edition == (2019 if year < 2021 else 2021)
    parse = [f for f in result.findings if f.rule == "RL-PARSE-001"]
    assert sorted(f.location.table for f in parse) == unreadable
    assert all(f.severity == "warning" and f.location.line == 10 for f in parse)
    # No structural or arithmetic finding is made from the unreadable table 2.
    found = sorted(f.rule for f in result.findings if f.rule.startswith(("RL-T3", "RL-T4", "RL-T2")))
    assert found == table_findings
    doc = read_document(CORPUS / f"{year}_pingtan_zhqsyq.txt", hints=reader_hints())
    headings = [p.text for p in doc.paragraphs() if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert len(headings) == 6
    assert dict(doc.metadata)["栏目"] == "政府信息公开年报"


def test_parse_findings_explain_themselves_in_both_languages() -> None:
    from linter.run.check import Options

    path = CORPUS / "2021_pingtan_zhqsyq.txt"
    zh = [f.message for f in check_file(path).findings if f.rule == "RL-PARSE-001"]
    en = [f.message for f in check_file(path, Options(lang="en")).findings if f.rule == "RL-PARSE-001"]
    # Table 2 is read but for the one row whose figures fit several splits: the message names it.
    assert "表2的行「行政规范性文件」" in zh[0] and "「693665」" in zh[0] and "可有多种拆分" in zh[0]
    assert "row 「行政规范性文件」 of table 2" in en[0] and "split more than one way" in en[0]


def test_text_reader_keeps_positions() -> None:
    doc = read_document(CORPUS / "2020_dongtou_zhujianju.txt", hints=reader_hints())
    heading = next(p for p in doc.paragraphs() if p.text.startswith("四、"))
    assert isinstance(heading, Paragraph) and (heading.line, heading.column) == (349, 4)


def test_cells_one_per_line_without_row_breaks_are_read_by_the_formats_rows() -> None:
    # fixtures/docx/fail_t4_sum.docx saved as text by LibreOffice: one cell a line, nothing between
    # rows, header words split over lines (「商业」「企业」): the .docx's findings, each cell at its line
    path = ROOT / "fixtures" / "text" / "libreoffice_export.txt"
    result = check_file(path)
    docx = check_file(ROOT / "fixtures" / "docx" / "fail_t4_sum.docx")
    place = [(f.rule, f.location.table, f.location.column_label, f.expected, f.actual) for f in result.findings]
    assert place == [(f.rule, f.location.table, f.location.column_label, f.expected, f.actual) for f in docx.findings]
    lines = path.read_text(encoding="utf-8").split("\n")
    wrong = [f for f in result.findings if f.rule == "RL-T4-002"]
    assert [lines[f.location.line - 1].strip() for f in wrong] == ["25", "0"]


def test_tab_separated_rows_are_read_as_a_table(tmp_path: Path) -> None:
    heads = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    text = "\n".join(
        [
            "某区2021年度政府信息公开工作年度报告",
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议\t\t\t\t\t行政诉讼" + "\t" * 9,  # one field per grid column, as a spreadsheet copies it
            f"{heads}\t未经复议直接起诉\t\t\t\t\t复议后起诉" + "\t" * 4,
            f"\t\t\t\t\t{heads}\t{heads}",
            "\t".join(["1", "0", "2", "0", "4"] + ["0"] * 10),
            "五、存在的主要问题及改进情况",
        ]
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(path)
    # 1 + 0 + 2 + 0 against 4: the total or any one part may be wrong (RL-T4-002 names them all)
    [finding] = [f for f in result.findings if f.rule == "RL-T4-002"]
    loc = finding.location
    assert (loc.column_label, finding.expected) == ("行政复议 总计", None)
    assert [(r.column_label, r.text) for r in finding.related] == [
        ("行政复议 总计", "4"),
        ("行政复议 结果维持", "1"),
        ("行政复议 结果纠正", "0"),
        ("行政复议 其他结果", "2"),
        ("行政复议 尚未审结", "0"),
    ]
    assert (loc.line, loc.column, loc.row, loc.col) == (6, 9, 4, 5)
