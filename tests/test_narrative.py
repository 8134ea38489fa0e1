"""The narrative check kinds: quotes versus cells with units and readings from YAML, shares and
year-on-year changes, the statistics period, the preamble's parts and the documents cited."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from linter.run.check import Options, check_file
from linter.checks.narrative import agrees
from linter.checks.parts import count_of, list_items
from linter.engine.lint import Selection
from linter.errors import RuleSetError
from linter.ruleset.loader import builtin_ruleset, load_ruleset
from linter.ruleset.resources import data_dir

from tests.conftest import ROOT

TEXT = ROOT / "fixtures" / "text" / "filled_2021.txt"

PROVINCE_RULE = """\
id: province
title: 某省补充规则
rules:
  - id: RL-PROV-001
    name: province.requests-in-copies
    severity: warning
    summary: {zh: 正文以「份」计的申请数与表3一致, en: Requests counted in 份 match table 3}
    basis: 某省政府信息公开规定
    messages:
      mismatch: {zh: "正文「{sentence}」中的{what}为{quoted}，但表{table}中为{value}", en: "{what}: {quoted} vs {value}"}
    check:
      kind: narrative
      units: [%s]
      quotes:
        - {what: 本年新收申请数, table: t3, readings: [[new]], columns: [total], pattern: "收到申请(\\\\d+)份"}
    examples: {pass: 收到申请70份, fail: 收到申请71份}
"""


def _report_in_copies(tmp_path: Path, figure: int) -> Path:
    text = TEXT.read_text(encoding="utf-8").replace("本年度共收到政府信息公开申请70件", f"本年度共收到申请{figure}份")
    assert f"收到申请{figure}份" in text
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _province(tmp_path: Path, units: str) -> str:
    path = tmp_path / "province.yaml"
    path.write_text(PROVINCE_RULE % units, encoding="utf-8")
    return str(path)


def test_a_province_quote_in_copies_fires_from_yaml_alone(tmp_path: Path) -> None:
    options = Options(extra_rules=(_province(tmp_path, "份"),), selection=Selection(select=("RL-PROV-001", "RL-NAR")))
    wrong = check_file(_report_in_copies(tmp_path, 71), options)
    assert [(f.rule, f.location.block, f.expected, f.actual) for f in wrong.findings] == [
        ("RL-PROV-001", 5, "70", "71")
    ]
    assert "收到申请71份" in wrong.findings[0].message
    assert [(r.table, r.row_label, r.column_label) for r in wrong.findings[0].related] == [
        (3, "一、本年新收政府信息公开申请数量", "总计")
    ]
    assert check_file(_report_in_copies(tmp_path, 70), options).findings == ()


def test_a_pattern_outside_its_units_is_a_rule_file_error(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError) as info:
        load_ruleset(data_dir("rules") / "gov-2021.yaml", extra=(_province(tmp_path, "件"),))
    assert "names none of its units" in info.value.render("en")


def test_quote_rows_are_checked_when_the_rules_load(tmp_path: Path) -> None:
    text = (PROVINCE_RULE % "份").replace("readings: [[new]]", "row: newly")  # the shorthand of [[newly]]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as info:
        load_ruleset(data_dir("rules") / "gov-2021.yaml", extra=(str(path),))
    assert "unknown row 'newly'" in info.value.render("en")


@pytest.mark.parametrize(
    ("printed", "exact", "ok"),
    [
        ("43.48", Decimal(30) * 100 / 69, True),  # rounded
        ("43.47", Decimal(30) * 100 / 69, True),  # truncated
        ("43.5", Decimal(30) * 100 / 69, True),
        ("43", Decimal(30) * 100 / 69, True),
        ("44", Decimal(30) * 100 / 69, False),
        ("43.4", Decimal(30) * 100 / 69, True),  # truncated
        ("43.3", Decimal(30) * 100 / 69, False),
        ("7.1", Decimal(5) * 100 / 70, True),
        ("100", Decimal(100), True),
    ],
)
def test_percentages_agree_to_the_printed_precision(printed: str, exact: Decimal, ok: bool) -> None:
    assert agrees(printed, exact) is ok


@pytest.mark.parametrize(("token", "count"), [("六", 6), ("6", 6), ("十", 10), ("十二", 12), ("廿", None)])
def test_part_counts(token: str, count: int | None) -> None:
    assert count_of(token) == count


def _rule_ids(edition: int) -> set[str]:
    return {r.id for r in builtin_ruleset(edition).rules}


def test_every_narrative_rule_is_in_both_editions() -> None:
    new = {"RL-NAR-001", "RL-NAR-002", "RL-NAR-003", "RL-META-003", "RL-STR-003", "RL-CITE-001", "RL-CITE-002"}
    assert new <= _rule_ids(2019) and new <= _rule_ids(2021)


def _text_report(tmp_path: Path, old: str, new: str) -> Path:
    text = TEXT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


NARRATIVE = ("RL-NAR", "RL-META-003", "RL-STR-003", "RL-CITE")


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        # 2019-edition other handling row is absent from a 2021 table: the 2021 reading (three sub-rows) applies
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。其他处理2件。", [("RL-NAR-001", "1", "2")]),
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。其他处理1件。", []),
        # 不予公开 is the group total of its eight rows (1 + 6 + 1)
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。不予公开8件。", []),
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。不予公开6件。", [("RL-NAR-001", "8", "6")]),
        # one list, 、 between the categories (the 、 before 部分公开 is not 「予以公开、部分公开」)
        (
            "1件结转下年度继续办理。",
            "1件结转下年度继续办理。其中予以公开30件、部分公开5件、不予公开8件、无法提供25件、不予处理0件、其他处理1件。",
            [],
        ),
        (
            "1件结转下年度继续办理。",
            "1件结转下年度继续办理。其中予以公开30件、部分公开6件、不予公开8件、无法提供25件、不予处理0件、其他处理1件。",
            [("RL-NAR-001", "5", "6")],
        ),
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。予以公开、部分公开35件。", []),
        # 平潭 2022's wording for table 2 (2021 edition: 制发 69, 现行有效 665 in this report)
        (
            "1件结转下年度继续办理。",
            "1件结转下年度继续办理。集中公开现行有效行政规范性文件665件，动态更新本年度制发的规范性文件69件。",
            [],
        ),
        (
            "1件结转下年度继续办理。",
            "1件结转下年度继续办理。集中公开现行有效行政规范性文件665件，动态更新本年度制发的规范性文件88件。",
            [("RL-NAR-001", "69", "88")],
        ),
        # a share with one decimal, rounded: 25/69 = 36.23%
        ("1件结转下年度继续办理。", "1件结转下年度继续办理。无法提供25件，占36.2%。", []),
        (
            "1件结转下年度继续办理。",
            "1件结转下年度继续办理。无法提供25件，占38.2%。",
            [("RL-NAR-002", "36.2%", "38.2%")],
        ),
        # the statistics period: an end-date year dropped but written 「至12月31日」 is fine
        ("自2021年1月1日起至2021年12月31日止", "自2021年1月1日起至12月31日止", []),
        (
            "自2021年1月1日起至2021年12月31日止",
            "自2021年2月30日起至2021年12月31日止",
            [("RL-META-003", None, "2021年2月30日")],
        ),
        # a whole year other than the title's, written so that RL-META-001 does not read it (01月01日)
        (
            "自2021年1月1日起至2021年12月31日止",
            "自2020年01月01日起至2020年12月31日止",
            [("RL-META-003", "2021年1月1日至2021年12月31日", "2020年01月01日至2020年12月31日")],
        ),
        (
            "自2021年1月1日起至2021年12月31日止",
            "自2021年1月1日起至2022年12月31日止",
            [("RL-META-003", "2021年1月1日至2021年12月31日", "2021年1月1日至2022年12月31日")],
        ),
    ],
)
def test_narrative_shapes(tmp_path: Path, old: str, new: str, found: list[tuple[str, str | None, str]]) -> None:
    result = check_file(_text_report(tmp_path, old, new), Options(selection=Selection(select=NARRATIVE)))
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == found


# A district's real wording (2022 report of a Guangdong district, figures of this report's table 3:
# （七）总计 69, （一） 30, （二） 5, （三） 8, （四） 25, （五） 0, （六） 1).
DISTRICT = (
    "2021年，全区各职能部门、镇街共完成政府信息依申请公开答复69件，包括上年结转信息公开申请0件。"
    "其中，予以公开答复30件，占43.48%；部分公开5件，占7.25%；不予公开8件，占11.59%；"
    "无法提供的25件，占36.23%；不予处理的0件，占0.00%；其他处理1件，占1.45%。"
)


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("", "", []),
        ("予以公开答复30件", "予以公开答复31件", [("RL-NAR-001", "30", "31")]),
        ("不予处理的0件，占0.00%", "不予处理的0件，占1.00%", [("RL-NAR-002", "0.00%", "1.00%")]),
        ("无法提供的25件，占36.23%", "无法提供的25件，占35.23%", [("RL-NAR-002", "36.23%", "35.23%")]),
        ("答复69件", "答复70件", [("RL-NAR-001", "69", "70")]),
    ],
)
def test_results_in_a_districts_wording(tmp_path: Path, old: str, new: str, found: list[tuple[str, str, str]]) -> None:
    sentence = DISTRICT.replace(old, new) if old else DISTRICT
    path = _text_report(tmp_path, "1件结转下年度继续办理。", "1件结转下年度继续办理。" + sentence)
    result = check_file(path, Options(selection=Selection(select=NARRATIVE)))
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == found
    for f in result.findings:
        assert f.location.block == 5 and f.location.text and new in f.location.text  # the sentence, at its paragraph


def test_abbreviation_defined_with_xiacheng(tmp_path: Path) -> None:
    """「（下称《条例》）」 (a Shenzhen district's 2024 report) defines the abbreviation too."""
    path = _text_report(
        tmp_path,
        "认真贯彻落实《中华人民共和国政府信息公开条例》",
        "认真贯彻落实《中华人民共和国政府信息公开条例》（下称《条例》）和《条例》",
    )
    assert check_file(path, Options(selection=Selection(select=("RL-CITE",)))).findings == ()
    path = _text_report(tmp_path, "认真贯彻落实《中华人民共和国政府信息公开条例》", "认真贯彻落实《政府信息公开条例》")
    assert [
        (f.rule, f.expected, f.actual)
        for f in check_file(path, Options(selection=Selection(select=("RL-CITE",)))).findings
    ] == [("RL-CITE-001", "中华人民共和国政府信息公开条例", "政府信息公开条例")]


def test_combined_appeals_and_litigation(tmp_path: Path) -> None:
    """「行政复议和行政诉讼案件N件」 is the sum of both, not a litigation count."""
    sentence = "本年度发生政府信息公开行政复议和行政诉讼案件15件。"
    path = _text_report(tmp_path, "1件结转下年度继续办理。", "1件结转下年度继续办理。" + sentence)
    assert check_file(path, Options(selection=Selection(select=NARRATIVE))).findings == ()
    path = _text_report(tmp_path, "1件结转下年度继续办理。", "1件结转下年度继续办理。" + sentence.replace("15", "12"))
    assert [
        (f.rule, f.expected, f.actual)
        for f in check_file(path, Options(selection=Selection(select=NARRATIVE))).findings
    ] == [("RL-NAR-001", "15", "12")]


def test_the_documented_province_file_works(tmp_path: Path) -> None:
    """docs/narrative.md's example rule file loads and both of its rules fire."""
    doc = (ROOT / "docs" / "narrative.md").read_text(encoding="utf-8")
    block = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    rules = tmp_path / "province.yaml"
    rules.write_text(block, encoding="utf-8")
    text = TEXT.read_text(encoding="utf-8").replace("本年度共收到政府信息公开申请70件", "本年度共收到申请71份")
    text = text.replace("认真贯彻落实《中华人民共和国政府信息公开条例》", "认真贯彻落实《福建省信息公开办法》")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, Options(extra_rules=(str(rules),), selection=Selection(select=("PROV",))))
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == [
        ("PROV-CITE-001", "福建省政府信息公开办法", "福建省信息公开办法"),
        ("PROV-NAR-001", "70", "71"),
    ]


def test_a_short_name_the_text_defines_is_not_a_wrong_title(tmp_path: Path) -> None:
    path = _text_report(
        tmp_path,
        "认真贯彻落实《中华人民共和国政府信息公开条例》",
        "认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》），执行《政府信息公开条例》",
    )
    assert check_file(path, Options(selection=Selection(select=("RL-CITE",)))).findings == ()


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("同比下降5.4%", []),  # 70 against 74: −5.41%
        ("同比下降6.7%", []),  # 70 against 74 + 1: −6.67% (the other reading)
        ("较上年减少5%", []),  # printed without decimals, truncated
        ("同比增长5.4%", [("RL-NAR-003", "下降5.4%", "增长5.4%")]),  # the wrong direction
        ("同比下降9%", [("RL-NAR-003", "下降5%", "下降9%")]),
    ],
)
def test_year_on_year_decrease(tmp_path: Path, change: str, found: list[tuple[str, str, str]]) -> None:
    """平潭 2021 (收到70件) read against 平潭 2022 as if it were the year before (一 74, 二 1)."""
    from linter.run.previous import load_previous
    from tests.rulecases.build import Case, build, replace_in_paragraphs

    case = Case(
        "down.docx",
        "corpus_docx/2021_pingtan_zhqsyq.docx",
        (replace_in_paragraphs("共收到70件申请，", f"共收到70件申请，{change}，"),),
    )
    path = build(case, tmp_path)
    previous, failed = load_previous(ROOT / "fixtures" / "corpus_docx" / "2022_pingtan_zhqsyq.docx", Options())
    assert failed is None
    result = check_file(path, Options(selection=Selection(select=("RL-NAR-003",))), previous)
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == found
    assert all(f.location.block == 5 and change in (f.location.text or "") for f in result.findings)
    assert all([r.row_label for r in f.related] == ["一、本年新收政府信息公开申请数量"] for f in result.findings)


PARTS = (
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
    "存在的主要问题及改进情况和其他需要报告的事项等{count}个部分。"
)


@pytest.mark.parametrize(
    ("count", "found"),
    [
        ("六", []),
        ("6", []),
        ("七", [("RL-STR-003", "6", "7"), ("RL-STR-003", "6", "7")]),  # six listed; six sections present
    ],
)
def test_preamble_part_count(tmp_path: Path, count: str, found: list[tuple[str, str, str]]) -> None:
    path = _text_report(tmp_path, "本报告所列数据的统计期限", PARTS.format(count=count) + "本报告所列数据的统计期限")
    result = check_file(path, Options(selection=Selection(select=("RL-STR-003",))))
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == found
    if found:
        assert {f.message.split("，")[1][:4] for f in result.findings} == {"但列出的", "但报告中"}


@pytest.mark.parametrize(
    ("listing", "parts"),
    [
        # joining words inside one title and between two
        (
            "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议与行政诉讼情况、"
            "存在的主要问题及改进情况以及其他需要报告的事项等",
            ["overview", "proactive", "requests", "appeals", "problems", "other"],
        ),
        # 「、」 inside a title, 「或」, 「行政机关」 before 「收到和处理」
        (
            "总体情况、行政机关收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            ["overview", "requests", "appeals"],
        ),
        # parts the format does not know count as parts; 「与附表」 stays with its part
        (
            "概述，公开的内容、信息处理费收取情况和存在的问题及改进措施，需要说明的其他事项与附表",
            ["overview", None, None, "problems", "other"],
        ),
        # the sentence before the list ran into it
        (
            "依据《中华人民共和国政府信息公开条例》编制而成，由总体情况、主动公开政府信息情况、其他需要报告的事项",
            ["overview", "proactive", "other"],
        ),
    ],
)
def test_a_preamble_list_counts_its_items(listing: str, parts: list[str | None]) -> None:
    items = list_items(listing, builtin_ruleset(2021))
    assert [item.spec.key if item.spec else None for item in items] == parts


def test_a_2020_report_citing_the_2021_format_notice(tmp_path: Path) -> None:
    source = ROOT / "fixtures" / "corpus" / "2020_dongtou_zhujianju.txt"
    text = source.read_text(encoding="utf-8")
    old = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定"
    assert old in text
    path = tmp_path / "2020_dongtou.txt"
    path.write_text(
        text.replace(old, old + "和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"),
        encoding="utf-8",
    )
    result = check_file(path, Options(selection=Selection(select=("RL-CITE-002", "RL-VER-001"))))
    assert [(f.rule, f.expected, f.actual) for f in result.findings] == [
        ("RL-CITE-002", "国办公开办函〔2019〕60号", "国办公开办函〔2021〕30号")
    ]
