"""Parts recognised as a reviewer recognises them: by a heading's number, its place in the order and
its title's key words, not by a list of spellings (fixtures/wording/ holds the whole reports)."""

from __future__ import annotations

from pathlib import Path

from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from tests.conftest import NOT_S1, ROOT
from tests.fixturegen.build_docx import HEADINGS

CLEAN = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
FIVE = "五、存在的主要问题及改进情况\n"


def findings(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, Options(selection=Selection(ignore=NOT_S1)))  # its own RL-S1-002 (conftest)
    assert result.error is None
    return [(f.rule, f.severity, f.message) for f in result.findings]


def test_a_numbered_heading_in_its_place_is_the_part_whatever_its_words(tmp_path: Path) -> None:
    text = CLEAN.replace(FIVE, "五、下一步工作打算\n")  # no key word: its number and place decide
    assert findings(tmp_path, text) == [
        ("RL-STR-002", "warning", "标题「五、下一步工作打算」未采用模板写法「五、存在的主要问题及改进情况」")
    ]


def test_a_numbered_line_out_of_its_place_is_not_the_part(tmp_path: Path) -> None:
    # Part 五 gone (heading and text); a list item 「五、」 in part 一 does not stand for it.
    start, end = CLEAN.index(FIVE), CLEAN.index("六、其他需要报告的事项")
    text = CLEAN[:start] + CLEAN[end:]
    text = text.replace("二、主动公开政府信息情况\n", "五、问题较多的单位已整改\n二、主动公开政府信息情况\n", 1)
    assert [f[:2] for f in findings(tmp_path, text)] == [("RL-STR-001", "error")]


def test_key_words_choose_between_two_numbered_lines_in_the_place(tmp_path: Path) -> None:
    text = CLEAN.replace(FIVE, "五、加强队伍建设\n五、存在的不足和整改措施\n")
    rules = findings(tmp_path, text)
    assert rules == [
        ("RL-STR-002", "warning", "标题「五、存在的不足和整改措施」未采用模板写法「五、存在的主要问题及改进情况」")
    ]


def test_a_missing_heading_line_is_one_finding_and_the_parts_still_count_six(tmp_path: Path) -> None:
    text = CLEAN.replace(FIVE, "", 1).replace("（一）存在的主要问题：", "（一）2020年工作中存在问题的改进情况\n", 1)
    text = text.replace(
        "止。\n",
        "止。\n本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六部分。\n",
        1,
    )
    assert findings(tmp_path, text) == [
        (
            "RL-STR-001",
            "error",
            "第五部分缺少标题行「五、存在的主要问题及改进情况」（该部分内容从「（一）2020年工作中存在问题的改进情况」开始）",
        )
    ]


def test_a_part_really_missing_is_still_missing(tmp_path: Path) -> None:
    start, end = CLEAN.index(FIVE), CLEAN.index("六、其他需要报告的事项")
    assert findings(tmp_path, CLEAN[:start] + CLEAN[end:]) == [
        ("RL-STR-001", "error", "缺少第五部分「五、存在的主要问题及改进情况」")
    ]


def test_the_preamble_lists_parts_joined_with_yu_he_ji(tmp_path: Path) -> None:
    sentence = (
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议与行政诉讼情况、"
        "存在的主要问题及整改措施及其他需要报告的事项等六部分。"
    )
    text = CLEAN.replace("止。\n", "止。\n" + sentence + "\n", 1)
    assert findings(tmp_path, text) == []
    five = text.replace(sentence, sentence.replace("六部分", "五部分"))
    assert [f[0] for f in findings(tmp_path, five)] == ["RL-STR-003", "RL-STR-003"]


def test_yu_in_heading_four_is_a_variant_not_a_typo(tmp_path: Path) -> None:
    text = CLEAN.replace("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议与行政诉讼情况\n")
    assert [f[:2] for f in findings(tmp_path, text)] == [("RL-STR-002", "info")]


def test_the_first_part_is_found_by_its_place_and_number(tmp_path: Path) -> None:
    text = CLEAN.replace("一、总体情况\n", "一、年度工作核心成效\n", 1)
    assert findings(tmp_path, text) == [
        ("RL-STR-002", "warning", "标题「一、年度工作核心成效」未采用模板写法「一、总体情况」")
    ]


def test_a_part_split_in_two_and_the_last_renumbered(tmp_path: Path) -> None:
    # 五 split into 五 and 六, so 其他需要报告的事项 comes as 七: every part is there, worded otherwise.
    text = CLEAN.replace("（二）改进措施：", "六、下一步改进举措\n", 1).replace(
        "六、其他需要报告的事项\n", "七、其他需说明事项\n", 1
    )
    assert findings(tmp_path, text) == [
        ("RL-STR-002", "warning", "标题「七、其他需说明事项」未采用模板写法「六、其他需要报告的事项」")
    ]


def test_a_number_printed_without_its_dunhao_is_a_numbering_remark(tmp_path: Path) -> None:
    text = CLEAN.replace("一、总体情况\n", "一总体情况\n", 1)
    assert findings(tmp_path, text) == [
        ("RL-STR-002", "warning", "标题「一总体情况」的序号后缺少顿号「、」，应为「一、总体情况」")
    ]
    # A space between number and title is a layout, not a missing mark.
    assert findings(tmp_path, CLEAN.replace("一、总体情况\n", "一 总体情况\n", 1)) == []


def test_parts_numbered_with_digits_are_the_parts(tmp_path: Path) -> None:
    # Every part numbered 「1、」…「6、」 (as a 街道办事处's page numbers them), its subheadings too
    # (「1、主动公开方面。」): each part is found, worded otherwise; nothing is missing.
    text = CLEAN
    for n, heading in enumerate(HEADINGS, start=1):
        text = text.replace(f"\n{heading}\n", f"\n{n}、 {heading[2:]}\n", 1)
    text = text.replace("（一）主动公开方面。", "1、主动公开方面。", 1).replace(
        "（二）依申请公开方面。", "2、依申请公开方面。", 1
    )
    assert findings(tmp_path, text) == [
        ("RL-STR-002", "warning", f"标题「{n}、 {h[2:]}」未采用模板写法「{h}」")
        for n, h in enumerate(HEADINGS, start=1)
    ]


def test_a_subheading_numbered_with_a_digit_is_not_a_part(tmp_path: Path) -> None:
    # Part 二's heading line gone; part 一's subheading 「2、依申请公开方面。」 has part 二's number
    # but not its title: it does not stand for part 二.
    text = CLEAN.replace("\n二、主动公开政府信息情况\n", "\n", 1).replace(
        "（二）依申请公开方面。", "2、依申请公开方面。", 1
    )
    assert findings(tmp_path, text) == [("RL-STR-001", "error", "缺少第二部分「二、主动公开政府信息情况」")]
