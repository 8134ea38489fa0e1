"""Tables as web pages' text views write them: each cell followed by a bar (「规章 | 0 | 0 | 0 |」),
as the text of real portal pages holds them (湛江市人民政府地方志办公室 2023, 徐闻县 and others): a
table is read, never reported missing. One whose merged cells cannot be rebuilt from the text (table
4's header; table 3's header as three rows of 2, 3 and 5 cells, as the text views of 广州海珠区 and
深圳龙岗区 pages write it) is read by the format's columns after each row's labels; a row that does
not fit them is RL-PARSE-001."""

from __future__ import annotations

from pathlib import Path

from linter.run.check import check_file

REPORT = """湛江市人民政府地方志办公室2023年政府信息公开工作年度报告
本报告所列数据统计期限自2023年1月1日起到2023年12月31日止。
一、总体情况
2023年，我办做好主动公开、政府信息管理、平台建设和监督保障工作，全年未接到信息公开申请。
二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 3件 | 0 | 101 |
第二十条第(五)项 |
信息内容 | 本年处理决定数量 |
行政许可 | 0 |
第二十条第(六)项 |
信息内容 | 本年处理决定数量 |
行政处罚 | 0 |
行政强制 | 0 |
第二十条第(八)项 |
信息内容 | 本年收费金额(单位:万元) |
行政事业性收费 | 0 |
三、收到和处理政府信息公开申请情况
{t3}
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
一是信息发布的及时性有待提高。下一步，我办将加强信息审核发布，提升公开质量。
六、其他需要报告的事项
本年度未收取信息处理费。
"""

_GROUPED = [
    ("三、本年度办理结果", "（一）予以公开", ""),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("", "（三）不予公开", "1.属于国家秘密"),
    ("", "", "2.其他法律行政法规禁止公开"),
    ("", "", "3.危及“三安全一稳定”"),
    ("", "", "4.保护第三方合法权益"),
    ("", "", "5.属于三类内部事务信息"),
    ("", "", "6.属于四类过程性信息"),
    ("", "", "7.属于行政执法案卷"),
    ("", "", "8.属于行政查询事项"),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "", "2.没有现成信息需要另行制作"),
    ("", "", "3.补正后申请内容仍不明确"),
    ("", "（五）不予处理", "1.信访举报投诉类申请"),
    ("", "", "2.重复申请"),
    ("", "", "3.要求提供公开出版物"),
    ("", "", "4.无正当理由大量反复申请"),
    ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("", "", "3.其他"),
    ("", "（七）总计", ""),
]


def _table3(public: list[str]) -> str:
    """Table 3 in bar rows under a one-row header, the group labels merged down: a continued row
    starts with a bar."""
    zeros = ["0"] * 7
    lines = [
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | | | 自然人 | 商业企业 | 科研机构 | 社会公益组织"
        " | 法律服务机构 | 其他 | 总计 |",
        "一、本年新收政府信息公开申请数量 | | | " + " | ".join(["1"] + ["0"] * 5 + ["1"]) + " |",
        "二、上年结转政府信息公开申请数量 | | | " + " | ".join(zeros) + " |",
    ]
    for group, item, sub in _GROUPED:
        values = public if item == "（一）予以公开" or item == "（七）总计" else zeros
        lines.append(f"{group} | {item} | {sub} | " + " | ".join(values) + " |")
    lines.append("四、结转下年度继续办理 | | | " + " | ".join(zeros) + " |")
    return "\n".join(lines)


def _findings(tmp_path: Path, t3: str) -> list[tuple[object, ...]]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT.replace("{t3}", t3), encoding="utf-8")
    result = check_file(path)
    assert result.error is None
    return [
        (f.rule, f.severity, f.location.table, f.location.row_label, f.location.column_label) for f in result.findings
    ]


def test_bar_rows_are_read_and_a_merged_header_by_the_formats_columns(tmp_path: Path) -> None:
    # Table 3 adds up; table 2 has a unit in a cell; table 4's header keeps its merged cells once,
    # and its 15 figures are read by the format's columns.
    assert _findings(tmp_path, _table3(["1"] + ["0"] * 5 + ["1"])) == [
        ("RL-T2-002", "warning", 2, "行政规范性文件", "本年制发件数"),
    ]
    # Table 4's 行政复议 总计 written 2 where its four results are 0: that cell is named.
    wrong = REPORT.replace("\n0 | 0 | 0 | 0 | 0 | 0 |", "\n0 | 0 | 0 | 0 | 2 | 0 |", 1)
    path = tmp_path / "t4.txt"
    path.write_text(wrong.replace("{t3}", _table3(["1"] + ["0"] * 5 + ["1"])), encoding="utf-8")
    result = check_file(path)
    assert [(f.rule, f.location.table, f.location.column_label) for f in result.findings if f.location.table == 4] == [
        ("RL-T4-002", 4, "行政复议 总计")
    ], result.findings


def _stacked_header_table3(rows: dict[str, list[str]]) -> str:
    """Table 3 as the text views of some portals write it: its header as three bar rows of 2, 3
    and 5 cells, each row its labels then its seven figures, a label merged down left out."""
    lines = [
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |",
        "自然人 | 法人或其他组织 | 总计 |",
        "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |",
    ]
    printed = [["一、本年新收政府信息公开申请数量"], ["二、上年结转政府信息公开申请数量"]]
    printed += [[c for c in row if c] for row in _GROUPED] + [["四、结转下年度继续办理"]]
    for labels in printed:
        lines.append(" | ".join(labels + rows.get(labels[-1], ["0"] * 7)) + " |")
    return "\n".join(lines)


def test_a_stacked_table3_header_is_read_by_the_formats_columns(tmp_path: Path) -> None:
    # 3 applications, 2 answered in full and 1 not held: every row adds up, no finding in table 3.
    rows = {
        "一、本年新收政府信息公开申请数量": ["2", "1", "0", "0", "0", "0", "3"],
        "（一）予以公开": ["2", "0", "0", "0", "0", "0", "2"],
        "1.本机关不掌握相关政府信息": ["0", "1", "0", "0", "0", "0", "1"],
        "（七）总计": ["2", "1", "0", "0", "0", "0", "3"],
    }
    assert [f for f in _findings(tmp_path, _stacked_header_table3(rows)) if f[2] == 3] == []
    # （七）总计 written 4 in 总计: that cell is named, so the rows were read by the format's columns.
    found = _findings(tmp_path, _stacked_header_table3({**rows, "（七）总计": ["2", "1", "0", "0", "0", "0", "4"]}))
    assert [f for f in found if f[2] == 3] == [("RL-T3-008", "error", 3, "（七）总计", "总计")], found
    # A row printed with six figures does not fit the format's seven columns: a reading doubt on
    # table 3, no cell or row of it reported missing.
    # The notice names the row by its place in the table: 「2.重复申请」 is its 20th row (3 header rows).
    path = tmp_path / "short.txt"
    path.write_text(REPORT.replace("{t3}", _stacked_header_table3({**rows, "2.重复申请": ["0"] * 6})), encoding="utf-8")
    found3 = [f for f in check_file(path).findings if f.location.table == 3]
    assert [(f.rule, f.severity, f.location.line) for f in found3] == [("RL-PARSE-001", "warning", 21)], found3
    assert "（第20行）" in found3[0].message


def test_a_row_starting_with_a_bar_starts_with_an_empty_cell(tmp_path: Path) -> None:
    # The same table 3 with the （一） and （七） rows' 总计 written as 2: both wrong cells are named,
    # so the rows merged down from 「三、本年度办理结果」 were read as its rows.
    found = _findings(tmp_path, _table3(["1"] + ["0"] * 5 + ["2"]))
    assert [f for f in found if f[2] == 3] == [
        ("RL-T3-008", "error", 3, "（一）予以公开", "总计"),
        ("RL-T3-008", "error", 3, "（七）总计", "总计"),
    ], found
