"""The title line's year against the other places that state the report's year (RL-META-001): when
they outvote it, the report is read as of their year and the title line is the finding."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from linter.config.limits import DEFAULT_LIMITS
from linter.engine.lint import Selection
from linter.readers import read_document
from linter.recognise.metadata import find_title, identify
from linter.run.check import Options, check_file, reader_hints
from tests.conftest import ROOT

FILLED = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
TITLE = "平潭综合实验区2021年度政府信息公开工作年度报告"
PERIOD = "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
META = ("RL-META-001", "RL-META-003", "RL-VER-001")


def _check(tmp_path: Path, name: str, text: str) -> tuple[object, list[tuple[str, str, str | None, str | None, int]]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_file(path, Options(selection=Selection(select=META)))
    assert result.error is None
    found = [(f.rule, f.severity, f.expected, f.actual, f.location.block) for f in result.findings]
    return result.report_year, found


def test_a_2021_report_titled_2020_is_read_as_2021_and_its_title_flagged(tmp_path: Path) -> None:
    # The statistics period says 2021 and the tables are in the 2021 format, which a 2020 report cannot use.
    text = FILLED.replace(TITLE, TITLE.replace("2021", "2020"), 1)
    year, found = _check(tmp_path, "平潭综合实验区2021年报告.txt", text)
    assert year == 2021
    assert found == [("RL-META-001", "error", "2021", "2020", 0)]


def test_file_name_and_tables_outvote_the_title_without_a_period_sentence(tmp_path: Path) -> None:
    text = FILLED.replace(TITLE, TITLE.replace("2021", "2020"), 1).replace(PERIOD, "", 1)
    year, found = _check(tmp_path, "平潭综合实验区2021年报告.txt", text)
    assert year == 2021
    assert found == [("RL-META-001", "warning", "2021", "2020", 0)]


@pytest.mark.parametrize("name", ["平潭综合实验区2022年报告.txt", "report.txt"])
def test_a_file_named_after_the_publication_year_does_not_outvote_the_title(tmp_path: Path, name: str) -> None:
    year, found = _check(tmp_path, name, FILLED.replace(PERIOD, "", 1))
    assert (year, found) == (2021, [])


def test_the_period_alone_against_the_title_is_the_period_finding(tmp_path: Path) -> None:
    # Title 2021, period 2020, tables in the 2021 format: nothing outvotes the title.
    text = FILLED.replace(PERIOD, PERIOD.replace("2021", "2020"), 1)
    year, found = _check(tmp_path, "report.txt", text)
    assert year == 2021
    assert found == [("RL-META-001", "error", "2021", "2020", 1)]


def test_a_pdf_printed_from_a_web_page_is_named_by_its_title_property() -> None:
    # LibreOffice prints the page without its title line; the page's <title> is the PDF's Title.
    path = ROOT / "fixtures" / "transcribed" / "2022_pingtan_zhz.printed.pdf"
    doc = read_document(path, DEFAULT_LIMITS, reader_hints())
    assert ("title", "平潭综合实验区综合执法与应急管理局2022年政府信息公开工作年度报告") in doc.metadata
    assert find_title(doc) is None
    identity = identify(doc)
    assert identity.year == 2022
    assert identity.title is not None and identity.title.body == "平潭综合实验区综合执法与应急管理局"


def test_a_pdf_title_property_does_not_outvote_the_title_line(tmp_path: Path) -> None:
    # A page's <title> and the file name outvote the title line; a PDF's Title (a Word file's
    # property, often last year's file's) does not.
    path = tmp_path / "平潭综合实验区2019年.txt"
    path.write_text(TITLE + "\n一、总体情况\n", encoding="utf-8")
    doc = read_document(path, DEFAULT_LIMITS, reader_hints())
    doc = replace(doc, metadata=(*doc.metadata, ("title", TITLE.replace("2021", "2019"))))
    assert identify(doc).year == 2019
    assert identify(replace(doc, format="pdf")).year == 2021


@pytest.mark.parametrize(
    "title, body",
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
        ("2021年度青山区政府信息公开工作年度报告", "青山区"),
        ("2022年 平潭综合实验区财政金融局 政府信息公开工作年度报告", "平潭综合实验区财政金融局"),
        ("2021年度政府信息公开工作年度报告", ""),  # no body named
        ("2021年本单位政府信息公开工作年度报告", ""),  # a pronoun, not a body's name
    ],
)
def test_a_title_with_the_year_first_names_the_body_after_it(tmp_path: Path, title: str, body: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(f"{title}\n一、总体情况\n", encoding="utf-8")
    found = find_title(read_document(path))
    assert found is not None and (found.body, found.year) == (body, int(title[:4]))
