"""Rows a text dump ran together, split where only one split fits (linter/recognise/runtogether.py):
counts are written without leading zeros, and a row's 总计 is the sum of the cells it totals."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.recognise.runtogether import _only_split, _totals
from linter.ruleset.loader import builtin_ruleset
from linter.run.check import check_file
from tests.conftest import ROOT

T3 = ((6, [0, 1, 2, 3, 4, 5]),)  # table 3: 总计 is the sum of the six applicant columns


def split(digits: str, count: int, totals: tuple[tuple[int, list[int]], ...] = ()) -> list[str] | None:
    found = _only_split([(d, i) for i, d in enumerate(digits)], count, totals)
    return None if found is None else [value for value, _at in found]


@pytest.mark.parametrize(
    "digits, count, expected",
    [
        ("0011", 3, ["0", "0", "11"]),  # 0|01|1 and 00|1|1 write a leading zero
        ("1000", 3, ["10", "0", "0"]),
        ("2211", 3, None),  # 2|2|11, 2|21|1, 22|1|1
        ("0124", 3, None),  # 0|1|24, 0|12|4
        ("00000", 3, None),  # no split without a leading zero
        ("000", 3, None),  # one digit a cell is not this function's case
    ],
)
def test_a_split_without_leading_zeros(digits: str, count: int, expected: list[str] | None) -> None:
    assert split(digits, count) == expected


@pytest.mark.parametrize(
    "digits, expected",
    [
        ("21710000218", ["217", "1", "0", "0", "0", "0", "218"]),  # 2|171|…: the totals do not add up
        ("801000081", ["80", "1", "0", "0", "0", "0", "81"]),
        ("220000022", None),  # 22 … 22 and 2 20 … 22 both add up
        ("110000011", None),  # 11 … 11 and 1 10 … 11
    ],
)
def test_a_table3_row_split_by_its_total(digits: str, expected: list[str] | None) -> None:
    assert split(digits, 7, T3) == expected


def test_the_totals_come_from_the_format_s_column_labels() -> None:
    tables = builtin_ruleset(2021).tables
    assert _totals(list(tables["t3"].columns)) == list(T3)
    assert _totals(list(tables["t4"].columns)) == [
        (4, [0, 1, 2, 3]),
        (9, [5, 6, 7, 8]),
        (14, [10, 11, 12, 13]),
    ]
    assert _totals(list(tables["t2"].columns)) == []


def test_table4_of_seventeen_digits_is_read_by_its_group_totals(tmp_path: Path) -> None:
    # 行政复议 2 1 3 1 7, 未经复议直接起诉 zeros, 复议后起诉 13 2 4 0 19: the only split whose totals hold.
    report = (ROOT / "fixtures" / "real" / "2024_pingtan_zhqsyq.txt").read_text(encoding="utf-8")
    result = check_file(ROOT / "fixtures" / "real" / "2024_pingtan_zhqsyq.txt")
    assert "21317000001324019" in report
    assert [(f.rule, f.location.table) for f in result.findings] == [("RL-S1-002", None), ("RL-PARSE-001", 2)]
    wrong = report.replace("21317000001324019", "21317000001324018")
    path = tmp_path / "report.txt"
    path.write_text(wrong, encoding="utf-8")
    assert [(f.rule, f.location.table) for f in check_file(path).findings] == [
        ("RL-S1-002", None),
        ("RL-PARSE-001", 2),
        ("RL-PARSE-001", 4),
    ]


def test_a_2021_table3_keeping_the_2019_other_handling_row_is_read() -> None:
    # 「（六）其他处理0000000」 in a 2023 report: the row stands for its group, and is told as such.
    result = check_file(ROOT / "fixtures" / "real" / "2023_pingtan_htp.txt")
    assert ("RL-T3-001", "error", "（六）其他处理") in [
        (f.rule, f.severity, f.location.row_label) for f in result.findings
    ]
    assert not [f for f in result.findings if f.rule == "RL-PARSE-001"]


def test_a_numbered_part_after_table4_is_not_read_into_it() -> None:
    # 「…000000000000000五、信息处理费收取情况…000」: table 4 stops at the heading.
    result = check_file(ROOT / "fixtures" / "real" / "2025_pingtan_jjp.txt")
    assert not [f for f in result.findings if f.rule == "RL-PARSE-001" and f.location.table == 4]


def test_rows_two_splits_fit_are_settled_by_the_table_s_sums(tmp_path: Path) -> None:
    # 「330000033」 is 33 … 33 or 3 30 … 33: only the first makes （七）总计 (147 + 1 = 148) the sum
    # of the result rows in every column.
    path = ROOT / "fixtures" / "real" / "2025_pingtan_zhqsyq.txt"
    assert [(f.rule, f.location.table) for f in check_file(path).findings] == [("RL-S1-002", None), ("RL-PARSE-001", 2)]
    # With （七）总计 printed 147 2 … 149 no choice of the open rows adds up (the results' 商业企业
    # column is 1): the open row （一） is left unplaced, not guessed (RL-PARSE-001 on it), and the
    # rest of table 3 is read: 新收 + 上年结转 = （七）总计 + 结转下年度 then fails in 商业企业 and
    # 总计, at the cells that were changed.
    text = path.read_text(encoding="utf-8").replace("（七）总计14710000148", "（七）总计14720000149")
    changed = tmp_path / "report.txt"
    changed.write_text(text, encoding="utf-8")
    found = check_file(changed).findings
    assert [(f.rule, f.location.table, f.location.row_label, f.location.column_label, f.expected) for f in found] == [
        ("RL-S1-002", None, None, None, "工作考核、社会评议、责任追究"),
        ("RL-PARSE-001", 2, "行政规范性文件", None, None),
        ("RL-PARSE-001", 3, "（一）予以公开", None, None),
        ("RL-T3-008", 3, "（七）总计", "商业企业", "1"),
        ("RL-T3-008", 3, "（七）总计", "总计", "148"),
    ]
    assert "「（一）予以公开」" in found[2].message and "「330000033」" in found[2].message


def test_the_printed_balance_settles_the_new_applications_row() -> None:
    # 「110000011」 for 新收: 11 … 11 or 1 10 … 11; 新收 + 上年结转 = （七）总计 + 结转下年度 keeps 11.
    result = check_file(ROOT / "fixtures" / "real" / "2025_pingtan_jjp.txt")
    assert not [f for f in result.findings if f.location.table == 3]


def test_a_row_printed_without_its_number_is_the_formats_next_row(tmp_path: Path) -> None:
    # 「…不再处理其政府信息公开申请0 0 0 0 0 00其他0 0 0 0 0 00（七）总计…」 (平潭's 社会事业局, 2021):
    # 「其他」 stands where 「3.其他」 follows row 2 of （六）, so table 3 is read, not left unread.
    path = ROOT / "fixtures" / "real" / "2021_pingtan_shs.txt"
    text = path.read_text(encoding="utf-8")
    assert "申请0 0 0 0 0 00其他0 0 0 0 0 00（七）总计" in text
    assert not [f for f in check_file(path).findings if f.location.table == 3]
    # The row written 1 for 自然人 and 总计: its two cells are the ones the column sums name.
    wrong = tmp_path / "report.txt"
    wrong.write_text(text.replace("00其他0 0 0 0 0 00（七）", "00其他1 0 0 0 0 01（七）"), encoding="utf-8")
    found = [f for f in check_file(wrong).findings if f.location.table == 3]
    assert [(f.rule, f.location.row_label, f.location.column_label, f.expected) for f in found] == [
        ("RL-T3-008", "3.其他", "自然人", "0"),
        ("RL-T3-008", "3.其他", "总计", "0"),
    ]


def test_a_header_with_a_character_left_out_is_quoted_as_printed() -> None:
    # 「…本年制发件数本年废止件现行有效件数…」 (平潭's 农业农村局, 2024): the page heads the column
    # 「本年废止件」; the misprint is quoted as printed, not as 「本年废止件现」 (which would take the
    # first character of the next header).
    path = ROOT / "fixtures" / "real" / "2024_pingtan_nyn.txt"
    assert "本年制发件数本年废止件现行有效件数" in path.read_text(encoding="utf-8")
    typo = [f for f in check_file(path).findings if f.rule == "RL-T2-001" and f.severity == "warning"]
    assert [(f.location.column_label, f.expected, f.actual) for f in typo] == [
        ("本年废止件数", "本年废止件数", "本年废止件")
    ]
