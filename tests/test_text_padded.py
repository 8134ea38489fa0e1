"""Tables as some portals' text views write them: each row starts with a bar, its cells follow
each ended by a bar, and empty cells pad every row to the table's grid width, row and column spans
dropped (「| 自然人 | 法人或其他组织 | 总计 | |||||||」), on one line or one cell a line. The text of
the 2025 report of 长春临空经济示范区 (zwgk.changchun.gov.cn, published 2026-01-15) writes its
tables so; its table 2 below is that page's text as published (one cell a line), the other tables
are built in the same form. Such a table is read by the format's columns, in their order, after
each row's labels: never 「缺少行/列」; a row that does not fit is RL-PARSE-001 for its table."""

from __future__ import annotations

from pathlib import Path

from linter.run.check import check_file

TABLE2_AS_PUBLISHED = """|
第二十条第(一)项 |
|||
|
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
|
规章 |
0 |
0 |
0 |
|
行政规范性文件 |
0 |
0 |
0 |
|
第二十条第(五)项 |
|||
|
信息内容 |
本年处理决定数量 |
||
|
行政许可 |
239 |
||
|
第二十条第(六)项 |
|||
|
信息内容 |
本年处理决定数量 |
||
|
行政处罚 |
3 |
||
|
行政强制 |
0 |
||
|
第二十条第(八)项 |
|||
|
信息内容 |
本年收费金额(单位:万元) |
||
|
行政事业性收费 |
0 |
||"""

REPORT = """长春临空经济示范区2025年政府信息公开工作年度报告
本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告所列数据统计期限为2025年1月1日至2025年12月31日。
一、总体情况
2025年，示范区主动公开信息242项，依申请公开4项。政府信息管理、平台建设、监督保障工作有序开展，工作考核、社会评议和责任追究按规定进行，未发生责任追究情况。
二、主动公开政府信息情况
{t2}
三、收到和处理政府信息公开申请情况
{t3}
四、政府信息公开行政复议、行政诉讼情况
{t4}
五、存在的主要问题及改进情况
公开内容还不够丰富。下一步将加强培训，提升公开质量。
六、其他需要报告的事项
本年度未收取信息处理费。
"""

# The same table 2 one row a line (cells as the page prints them, padding dropped here).
_T2 = """第二十条第(一)项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
行政规范性文件 | 0 | 0 | 0
第二十条第(五)项
信息内容 | 本年处理决定数量
行政许可 | 239
第二十条第(六)项
信息内容 | 本年处理决定数量
行政处罚 | 3
行政强制 | 0
第二十条第(八)项
信息内容 | 本年收费金额(单位:万元)
行政事业性收费 | 0"""
_ZERO = ["0"] * 7
_T3_HEADER = [
    ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
    ["自 然 人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
_T3_ROWS = [
    (["一、本年新收政府信息公开申请数量"], ["4", "0", "0", "0", "0", "0", "4"]),
    (["二、上年结转政府信息公开申请数量"], _ZERO),
    (["三、本年度办理结果", "(一)予以公开"], _ZERO),
    (["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"], ["2", "0", "0", "0", "0", "0", "2"]),
    (["(三)不予公开", "1.属于国家秘密"], _ZERO),
    (["2.其他法律行政法规禁止公开"], _ZERO),
    (["3.危及“三安全一稳定”"], _ZERO),
    (["4.保护第三方合法权益"], ["1", "0", "0", "0", "0", "0", "1"]),
    (["5.属于三类内部事务信息"], _ZERO),
    (["6.属于四类过程性信息"], _ZERO),
    (["7.属于行政执法案卷"], _ZERO),
    (["8.属于行政查询事项"], _ZERO),
    (["(四)无法提供", "1.本机关不掌握相关政府信息"], ["1", "0", "0", "0", "0", "0", "1"]),
    (["2.没有现成信息需要另行制作"], _ZERO),
    (["3.补正后申请内容仍不明确"], _ZERO),
    (["(五)不予处理", "1.信访举报投诉类申请"], _ZERO),
    (["2.重复申请"], _ZERO),
    (["3.要求提供公开出版物"], _ZERO),
    (["4.无正当理由大量反复申请"], _ZERO),
    (["5.要求行政机关确认或重新出具已获取信息"], _ZERO),
    (["(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], _ZERO),
    (["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"], _ZERO),
    (["3.其他"], _ZERO),
    (["(七)总计"], ["4", "0", "0", "0", "0", "0", "4"]),
    (["四、结转下年度继续办理"], _ZERO),
]
_T4 = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
    ["0"] * 15,
]


def _one_line(rows: list[list[str]], width: int) -> str:
    """Each row on its line: 「| a | b | c | |||」, padded with empty cells to ``width``."""
    return "\n".join(
        "| " + " | ".join(r) + " |" + (" " + "|" * (width - len(r)) if len(r) < width else "") for r in rows
    )


def _cell_a_line(rows: list[list[str]], width: int) -> str:
    """As the 临空 page writes it: the row's starting bar on a line, each cell on its line ended by
    a bar, then the padding's bars on a line."""
    return "\n".join(
        "\n".join(["|", *(f"{c} |" for c in r), *(["|" * (width - len(r))] if len(r) < width else [])]) for r in rows
    )


def _table3(change: dict[str, list[str]] | None = None) -> list[list[str]]:
    change = change or {}
    return _T3_HEADER + [labels + change.get(labels[-1], values) for labels, values in _T3_ROWS]


def _findings(tmp_path: Path, t3: str, t2: str = TABLE2_AS_PUBLISHED, t4: str = "") -> list[tuple[object, ...]]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT.format(t2=t2, t3=t3, t4=t4 or _one_line(_T4, 15)), encoding="utf-8")
    result = check_file(path)
    assert result.error is None
    return [
        (f.rule, f.severity, f.location.table, f.location.row_label, f.location.column_label) for f in result.findings
    ]


def test_padded_rows_are_read_by_the_formats_columns_in_either_form(tmp_path: Path) -> None:
    # Every table adds up and every row and column is there: no finding at all, on one line a row
    # or one cell a line.
    assert _findings(tmp_path, _one_line(_table3(), 10)) == []
    assert _findings(tmp_path, _cell_a_line(_table3(), 10), t4=_cell_a_line(_T4, 15)) == []
    # A row really left out (table 2 without 「行政强制」) is still missing, and only it.
    t2 = [line.strip("| ").split(" | ") for line in _T2.splitlines() if "行政强制" not in line]
    assert _findings(tmp_path, _one_line(_table3(), 10), t2=_one_line(t2, 4)) == [
        ("RL-T2-001", "error", 2, "行政强制", None)
    ]


def test_a_wrong_cell_of_a_padded_table_is_named(tmp_path: Path) -> None:
    # （七）总计 written 5 in 自然人 and 总计 (its rows add up to 4): the two cells are named.
    found = _findings(tmp_path, _one_line(_table3({"(七)总计": ["5", "0", "0", "0", "0", "0", "5"]}), 10))
    assert [f for f in found if f[0].startswith("RL-T3")] == [
        ("RL-T3-008", "error", 3, "（七）总计", "自然人"),
        ("RL-T3-008", "error", 3, "（七）总计", "总计"),
    ], found


def test_a_row_whose_figures_end_before_its_last_column_is_not_placed(tmp_path: Path) -> None:
    # 总计 of the first row left blank: the empty entry before the row's padding may be its 总计,
    # or the view may have left an empty cell out and padded the row the more (some portals do:
    # 「| 一、本年新收… | 3 | 3 | ||||||」 for 自然人 3, 总计 3). Which of its cells is blank cannot be
    # told: one remark for the table names the row, and no cell of it is judged.
    found = _findings(
        tmp_path, _one_line(_table3({"一、本年新收政府信息公开申请数量": ["4", "0", "0", "0", "0", "0", ""]}), 10)
    )
    assert found == [("RL-T3-005", "warning", 3, "一、本年新收政府信息公开申请数量", None)], found
    dropped = [["一、本年新收政府信息公开申请数量", "4", "4"] if r[0].startswith("一、") else r for r in _table3()]
    assert _findings(tmp_path, _one_line(dropped, 10)) == [
        ("RL-T3-005", "warning", 3, "一、本年新收政府信息公开申请数量", None)
    ]
    # Every row so (a view that leaves every empty cell out): the one remark, and no column of
    # the table reported missing for want of a placed cell.
    header = len(_T3_HEADER)
    every = _table3()[:header] + [r[: len(r) - 7] + [r[-7], r[-1]] for r in _table3()[header:]]
    found = _findings(tmp_path, _one_line(every, 10))
    assert [f[:3] for f in found] == [("RL-T3-005", "warning", 3)], found


def test_a_row_that_does_not_fit_is_a_reading_doubt_not_a_missing_cell(tmp_path: Path) -> None:
    # 「2.重复申请」 with eight figures for seven columns: which is extra cannot be told; the table
    # is not read (RL-PARSE-001 names it) and nothing of it is reported missing.
    found = _findings(tmp_path, _one_line(_table3({"2.重复申请": ["0"] * 8}), 10))
    assert found == [("RL-PARSE-001", "warning", 3, None, None)], found
