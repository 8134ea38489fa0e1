"""Tables a portal's text view wrote one cell a line (or a paragraph), with no bars, tabs or blank
lines marking a row: read by the format's row labels in order, each row's cells the lines after its
label, as many as the row has columns; a row with more or fewer stays unread (RL-PARSE-001)."""

from __future__ import annotations

from pathlib import Path

from linter.readers import read_document
from linter.recognise.report import recognise
from linter.ruleset.loader import builtin_ruleset
from linter.run.check import check_file, reader_hints
from tests.conftest import ROOT

TEXT = ROOT / "fixtures" / "text"
REPORT_2021 = TEXT / "2021_shiqiao_lines.txt"  # one cell a paragraph, as the pages show it
REPORT_2020 = TEXT / "2020_qingxi_lines.txt"  # one cell a line, the 2019 format


def _cells(path: Path, edition: int) -> dict[str, dict[str, dict[str, str]]]:
    """Table key -> row label -> column key -> the cell's text, as recognition reads the file."""
    report = recognise(read_document(path, hints=reader_hints()), builtin_ruleset(edition))
    return {
        key: {
            (table.spec.row(row.key).label if row.key else row.text): {
                c: cell.text for c, cell in row.cells.items() if cell is not None
            }
            for row in table.rows
        }
        for key, table in report.tables.items()
    }


def _findings(path: Path) -> list[tuple[object, ...]]:
    result = check_file(path)
    assert result.error is None
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (
            f.rule,
            f.location.table,
            f.location.row_label,
            f.location.column_label,
            lines[f.location.line - 1][(f.location.column or 1) - 1 :] if f.location.line else None,
        )
        for f in result.findings
    ]


def test_a_2021_report_with_its_tables_one_cell_a_paragraph_is_checked() -> None:
    # the two figures wrong on purpose, each located at its own line
    assert _findings(REPORT_2021) == [
        ("RL-T3-008", 3, "（一）予以公开", "总计", "26"),
        ("RL-T4-002", 4, None, "行政复议 总计", "3"),
    ]
    tables = _cells(REPORT_2021, 2021)
    assert tables["t2"]["行政规范性文件"] == {"reg.issued": "4", "reg.repealed": "1", "reg.valid": "23"}
    assert tables["t2"]["行政事业性收费"] == {"fee.amount": "0"}
    t3 = tables["t3"]  # seven value columns under 自然人 and the 法人或其他组织 group, then 总计
    assert t3["一、本年新收政府信息公开申请数量"] == dict(
        natural="40", business="6", research="1", welfare="0", legal="2", other_org="1", total="50"
    )
    assert t3["3.其他"]["total"] == "1" and t3["四、结转下年度继续办理"]["total"] == "4"
    [t4] = tables["t4"].values()
    assert len(t4) == 15 and t4["review.total"] == "3" and t4["after.total"] == "0"


def test_a_2019_format_report_one_cell_a_line_with_header_words_split() -> None:
    assert _findings(REPORT_2020) == [("RL-T2-002", 2, "政府集中采购", "采购总金额", "36.5万元")]
    tables = _cells(REPORT_2020, 2019)
    t2 = tables["t2"]
    assert t2["规范性文件"] == {"reg.made": "3", "reg.published": "3", "reg.total": "17"}
    assert t2["行政许可"] == {"permit.previous": "21", "permit.change": "增2", "permit.decisions": "340"}
    assert t2["行政处罚"] == {"enforce.previous": "9", "enforce.change": "减1", "enforce.decisions": "27"}
    assert t2["行政事业性收费"] == {"fee.previous": "1", "fee.change": "0"}
    assert tables["t3"]["（六）其他处理"]["total"] == "2"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = REPORT_2021.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / REPORT_2021.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_row_with_a_cell_left_out_leaves_its_table_unread(tmp_path: Path) -> None:
    # 规章 with two figures for three columns: which is blank cannot be told, so nothing is guessed
    path = _edited(tmp_path, "规章\n\n0\n\n0\n\n2", "规章\n\n0\n\n2")
    found = _findings(path)
    assert found == [
        ("RL-PARSE-001", 2, None, None, "第二十条第（一）项"),
        ("RL-T3-008", 3, "（一）予以公开", "总计", "26"),
        ("RL-T4-002", 4, None, "行政复议 总计", "3"),
    ]
    [parse] = [f for f in check_file(path).findings if f.rule == "RL-PARSE-001"]
    assert "每行一个" in parse.message and "「规章／0／2／行政规范性文件…」" in parse.message


def test_a_row_with_a_cell_too_many_leaves_its_table_unread(tmp_path: Path) -> None:
    path = _edited(tmp_path, "行政许可\n\n136", "行政许可\n\n136\n\n5")
    assert [f[:2] for f in _findings(path)] == [("RL-PARSE-001", 2), ("RL-T3-008", 3), ("RL-T4-002", 4)]
    # the message quotes the row that does not fit, up to the word after it
    [parse] = [f for f in check_file(path).findings if f.rule == "RL-PARSE-001"]
    assert "「行政许可／136／5／第二十条第（六）项…」" in parse.message


def test_a_blank_written_as_a_mark_is_a_cell(tmp_path: Path) -> None:
    path = _edited(tmp_path, "3.补正后申请内容仍不明确\n\n0", "3.补正后申请内容仍不明确\n\n/")
    assert ("RL-T3-006", 3, "3.补正后申请内容仍不明确", "自然人", "/") in _findings(path)


def test_a_table_of_few_figures_its_header_words_split_is_still_a_table(tmp_path: Path) -> None:
    # table 2 of the 2021 format, every header word over two lines: fewer than a third of its lines
    # are figures, yet a quarter are
    t2 = (
        "第二十条第（一）项 信息内容 本年制发 件数 本年废止 件数 现行有效 件数 规章 0 0 1 行政规范性文件 3 0 9 "
        "第二十条第（五）项 信息内容 本年处理 决定数量 行政许可 40 "
        "第二十条第（六）项 信息内容 本年处理 决定数量 行政处罚 7 行政强制 / "
        "第二十条第（八）项 信息内容 本年收费金额 （单位：万元） 行政事业性收费 0"
    ).split()
    text = REPORT_2021.read_text(encoding="utf-8")
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    path = tmp_path / REPORT_2021.name
    path.write_text(text[:start] + "\n".join(t2) + "\n\n" + text[end:], encoding="utf-8")
    assert [f for f in _findings(path) if f[1] == 2] == [("RL-T2-002", 2, "行政强制", "本年处理决定数量", "/")]
    assert _cells(path, 2021)["t2"]["行政处罚"] == {"enforce.decisions": "7"}


def test_cells_parted_by_a_bar_alone_on_its_line(tmp_path: Path) -> None:
    # 「规章」「|」「0」「|」「0」…: the same cells, a line holding a bar between any two
    text = REPORT_2021.read_text(encoding="utf-8")
    for start, end in (("第二十条第（一）项", "三、"), ("（本列数据", "四、"), ("行政复议\n", "五、")):
        a, b = text.index(start), text.index("\n\n" + end)
        text = text[:a] + text[a:b].replace("\n\n", "\n|\n") + "\n|" + text[b:]
    path = tmp_path / REPORT_2021.name
    path.write_text(text, encoding="utf-8")
    assert _findings(path) == [
        ("RL-T3-008", 3, "（一）予以公开", "总计", "26"),
        ("RL-T4-002", 4, None, "行政复议 总计", "3"),
    ]
