"""Every rule id a person reads has its title beside it, in the run's language: the xlsx and CSV
规则名称 column, the HTML report's rule filter and 按规则统计 table (the serve page draws the same)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from linter.reporters import get_reporter
from linter.ruleset.titles import rule_title
from linter.run.check import check_file

from tests.conftest import ROOT

FILES = [ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf", ROOT / "fixtures/bad/empty.docx"]


def test_titles_come_from_the_rule_catalogue() -> None:
    assert rule_title("RL-S1-002", "zh") == "各级人民政府的报告说明工作考核、社会评议和责任追究结果"
    assert rule_title("RL-S1-002", "en").startswith("Government reports state")
    assert rule_title("RL-IO-008", "zh") == "文件为空"
    assert rule_title("ORG-X-001", "zh", "org.own-rule") == "org.own-rule"


def test_xlsx_and_csv_name_the_rule_in_the_run_language() -> None:
    results = [check_file(p) for p in FILES]
    for lang in ("zh", "en"):
        text = get_reporter("csv")(lang=lang).render(results)
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        head = rows[0]
        rule, name = (
            head.index("规则" if lang == "zh" else "rule"),
            head.index("规则名称" if lang == "zh" else "rule name"),
        )
        named = {r[rule]: r[name] for r in rows[1:]}
        assert named["RL-S1-002"] == rule_title("RL-S1-002", lang) and named["RL-IO-008"] == rule_title(
            "RL-IO-008", lang
        )
        assert not any("." in v and v.isascii() and "-" in v for v in named.values())  # no dotted names
        book = load_workbook(io.BytesIO(get_reporter("xlsx")(lang=lang).render(results)))  # type: ignore[arg-type]
        sheet = book["问题" if lang == "zh" else "findings"]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert next(row[name] for row in values if row[rule] == "RL-T4-002") == rule_title("RL-T4-002", lang)


def test_the_html_filter_and_by_rule_table_show_titles() -> None:
    page = get_reporter("html")(lang="zh").render([check_file(p) for p in FILES])
    assert '<option value="RL-S1-002">RL-S1-002 各级人民政府的报告说明工作考核、社会评议和责任追究结果</option>' in page
    by_rule = page[page.index('id="by-rule"') : page.index("</table>", page.index('id="by-rule"'))]
    assert '<span class="rule-title">疑似填错的单元格（由表4的勾稽关系定位）</span>' in by_rule
    english = get_reporter("html")(lang="en").render([check_file(p) for p in FILES])
    assert "RL-S1-002 Government reports state" in english
