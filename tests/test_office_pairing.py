"""One body across its names and years: identity, consecutive years paired in a batch or from
``--previous`` (a file or a folder), each decision reported, and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from linter.office.identity import body_key
from linter.ruleset.resources import load_schema
from tests.conftest import ROOT, cli, copy

OFFICE = ROOT / "fixtures" / "inbox" / "office"
LAST = OFFICE / "2023" / "洪泽区人民政府.docx"
RENAMED = OFFICE / "2024" / "淮安市洪泽区人民政府.docx"
CORPUS = ROOT / "fixtures" / "corpus_docx"
YEAR_TO_YEAR = {"RL-X-001", "RL-T2-003", "RL-NAR-003", "RL-S5-001"}
CARRY_OVER = [
    ("RL-X-001", "二、上年结转政府信息公开申请数量", "自然人", "1", "0", 28, 5, 2),
    ("RL-X-001", "二、上年结转政府信息公开申请数量", "总计", "1", "0", 28, 5, 8),
]


@pytest.mark.parametrize(
    "name, key",
    [
        ("淮安市洪泽区人民政府", "洪泽区人民政府"),
        ("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"),
        ("洪泽区 人民政府（本级）", "洪泽区人民政府"),
        ("洪泽区人民政府(本级)", "洪泽区人民政府"),
        ("ＸＸ区人民政府", "XX区人民政府"),
        ("淮安市人民政府", "淮安市人民政府"),  # the city itself: no place of its own after the prefix
        ("淮安市交通运输局", "淮安市交通运输局"),  # the city's department
        ("淮安市城市管理局", "淮安市城市管理局"),
        ("温州市洞头区住房和城乡建设局", "洞头区住房和城乡建设局"),
        ("", None),
    ],
)
def test_identity_folds_prefix_spacing_width_and_self_words(name: str, key: object) -> None:
    assert body_key(name) == key


def test_a_roster_other_name_is_the_same_body() -> None:
    aliases = {"洪泽区人社局": "洪泽区人力资源和社会保障局"}
    assert body_key("淮安市洪泽区人社局", aliases) == "洪泽区人力资源和社会保障局"


def _json(*args: str) -> dict:
    data = json.loads(cli("check", "--format", "json", *args).stdout)
    jsonschema.validate(data, load_schema("findings.schema.json"))
    return data


def _year_to_year(f: dict) -> list[tuple]:
    return [
        (
            x["rule"],
            x["location"]["row_label"],
            x["location"]["column_label"],
            x["expected"],
            x["actual"],
            x["location"]["block"],
            x["location"]["row"],
            x["location"]["col"],
        )
        for x in f["findings"]
        if x["rule"] == "RL-X-001"
    ]


def test_a_renamed_body_is_paired_in_a_batch_and_its_carry_over_defect_found() -> None:
    data = _json(str(RENAMED), str(LAST))
    renamed, last = data["files"]
    assert renamed["pairing"] == {
        "status": "paired",
        "previous": str(LAST),
        "previous_body": "洪泽区人民政府",
        "previous_year": 2023,
        "others": [],
        "explicit": False,
    }
    assert _year_to_year(renamed) == CARRY_OVER
    assert "pairing" not in last  # no 2022 report in view: nothing to say


def test_previous_takes_a_folder_and_pairs_by_identity(tmp_path: Path) -> None:
    last_year = tmp_path / "2023"
    copy(LAST, last_year / "a.docx")
    copy(CORPUS / "2021_pingtan_zhqsyq.docx", last_year / "b.docx")  # another body, another year
    (last_year / "notes.txt").write_text("会议纪要", encoding="utf-8")  # read, not a report: not last year's
    justice = OFFICE / "2024" / "部门" / "洪泽区司法局.docx"
    data = _json("--previous", str(last_year), str(RENAMED), str(justice))
    renamed, other = data["files"]
    assert renamed["pairing"]["status"] == "paired" and renamed["pairing"]["previous"] == str(last_year / "a.docx")
    assert renamed["pairing"]["explicit"] is True
    assert _year_to_year(renamed) == CARRY_OVER
    assert other["pairing"] == {
        "status": "missing",
        "previous": None,
        "previous_body": "洪泽区司法局",
        "previous_year": 2023,
        "others": [],
        "explicit": True,
    }
    assert not {x["rule"] for x in other["findings"]} & YEAR_TO_YEAR
    text = cli("check", "--previous", str(last_year), str(justice)).output
    assert f"未配对（没有同一单位上一年度的报告）1 个：{justice}" in text


def test_previous_of_another_body_is_refused_naming_both() -> None:
    justice = OFFICE / "2024" / "部门" / "洪泽区司法局.docx"
    result = cli("check", "--previous", str(LAST), str(justice))
    refusal = (
        f"{justice} 是洪泽区司法局的报告，但 --previous 指定的 {LAST} 是洪泽区人民政府的报告，"
        "不是同一单位，已拒绝，未做跨年度检查"
    )
    assert refusal in result.output
    data = _json("--previous", str(LAST), str(justice))
    assert data["files"][0]["pairing"]["status"] == "other_body"
    assert not {x["rule"] for x in data["files"][0]["findings"]} & YEAR_TO_YEAR
    english = cli("check", "--lang", "en", "--previous", str(LAST), str(justice)).output
    assert f"--previous {LAST} is the report of 洪泽区人民政府, another body: refused" in english


def test_previous_of_the_wrong_year_is_refused_and_no_year_to_year_finding_follows() -> None:
    data = _json("--previous", str(CORPUS / "2020_pingtan_zhqsyq.docx"), str(CORPUS / "2022_pingtan_zhqsyq.docx"))
    (f,) = data["files"]
    assert f["pairing"]["status"] == "wrong_year" and f["pairing"]["previous_year"] == 2020
    assert not {x["rule"] for x in f["findings"]} & YEAR_TO_YEAR
    # the same body's year before is used
    right = _json("--previous", str(CORPUS / "2021_pingtan_zhqsyq.docx"), str(CORPUS / "2022_pingtan_zhqsyq.docx"))
    assert right["files"][0]["pairing"]["status"] == "paired"


def test_one_report_in_two_forms_is_one_previous_year() -> None:
    docx, html = ROOT / "fixtures" / "docx" / "filled_2021.docx", ROOT / "fixtures" / "html" / "filled_2021.html"
    nxt = ROOT / "fixtures" / "rules" / "x001_2022.docx"
    data = _json(str(html), str(nxt), str(docx))
    pairing = data["files"][1]["pairing"]
    assert pairing["status"] == "paired" and pairing["previous"] == str(docx) and pairing["others"] == [str(html)]
    assert [x[0] for x in _year_to_year(data["files"][1])] == ["RL-X-001", "RL-X-001"]
    text = cli("check", str(html), str(nxt), str(docx)).output
    assert f"（{html} 是同一报告的另一份文件）" in text


def test_two_different_reports_of_last_year_are_ambiguous_and_said_so() -> None:
    files = [
        CORPUS / "2022_pingtan_zhqsyq.docx",
        CORPUS / "2021_pingtan_zhqsyq.docx",
        ROOT / "fixtures" / "docx" / "filled_2021.docx",
    ]
    data = _json(*map(str, files))
    pairing = data["files"][0]["pairing"]
    assert pairing["status"] == "ambiguous" and sorted(pairing["others"]) == sorted(map(str, files[1:]))
    text = cli("check", *map(str, files)).output
    assert (
        f"{files[0]}：未配对，平潭综合实验区2021年度有 2 份数据不同的报告（{files[1]}、{files[2]}），无法确定用哪一份"
    ) in text


def test_an_empty_previous_folder_is_refused_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = cli("check", "--previous", str(tmp_path / "empty"), str(RENAMED))
    assert result.exit_code == 2 and f"{tmp_path / 'empty'}：文件夹中没有上一年度的报告" in result.output
