"""RL-CITE-002: a report citing the format of the other edition, by notice number or by title
(fixtures/wording/cite_*.txt are 2021 reports; these are 2020 reports citing 2021's format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.run.check import check_file
from tests.conftest import ROOT

REPORT_2020 = (ROOT / "fixtures" / "corpus" / "2020_dongtou_zhujianju.txt").read_text(encoding="utf-8")
AT = "本年度报告根据"


def cite_findings(tmp_path: Path, sentence: str) -> list[tuple[str, str | None]]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT_2020.replace(AT, sentence + AT, 1), encoding="utf-8")
    result = check_file(path)
    assert result.error is None and result.report_year == 2020
    return [(f.rule, f.actual) for f in result.findings if f.rule.startswith("RL-CITE")]


@pytest.mark.parametrize(
    "sentence, actual",
    [
        ("本报告按照国办公开办函〔2021〕30号编制。", "国办公开办函〔2021〕30号"),
        (
            "本报告按照《中华人民共和国政府信息公开工作年度报告格式》编制。",
            "《中华人民共和国政府信息公开工作年度报告格式》",
        ),
        (
            "本报告按照《关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》编制。",
            "《关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》",
        ),
    ],
)
def test_a_2020_report_citing_the_2021_format(tmp_path: Path, sentence: str, actual: str) -> None:
    assert cite_findings(tmp_path, sentence) == [("RL-CITE-002", actual)]


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告按照《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。",
        "本报告按照国办公开办函〔2019〕60号编制。",
        "本报告按照《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》编制。",
    ],
)
def test_a_2020_report_citing_its_own_format(tmp_path: Path, sentence: str) -> None:
    assert cite_findings(tmp_path, sentence) == []


def test_a_2021_report_citing_the_2019_notice_by_its_own_title(tmp_path: Path) -> None:
    # 国办公开办函〔2019〕60号 is also cited by its title, without its number.
    title = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
    text = REPORT_2020.replace(AT, f"本报告按照{title}编制。" + AT, 1).replace("2020年", "2021年")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(path)
    assert result.report_year == 2021
    assert [(f.rule, f.actual) for f in result.findings if f.rule.startswith("RL-CITE")] == [("RL-CITE-002", title)]
