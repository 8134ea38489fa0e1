"""Format editions are data: a rule file gov-<edition>.yaml with its ``applies:`` adds one."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import linter.ruleset.loader as ruleset_module
from linter.run.check import check_file
from linter.ruleset.resources import data_dir

from tests.conftest import ROOT


def _report_of_2025(tmp_path: Path) -> Path:
    """The correct 2021 sample as a 2025 report whose table 2 uses the new edition's label."""
    src, dst = ROOT / "examples" / "pingtan_2021_correct.docx", tmp_path / "pingtan_2025.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8").replace("2022", "2026").replace("2021", "2025")
                data = text.replace(">制发件数<", ">新制发件数<").encode("utf-8")  # 「本年」「制发件数」: two runs
            zout.writestr(info, data)
    return dst


@pytest.fixture()
def rules_with_2025(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled rules plus gov-2025.yaml, written in YAML alone: table 2's first column renamed,
    report years 2025 on; the 2021 edition ends with 2024."""
    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    common = (rules / "common.yaml").read_text(encoding="utf-8")
    (rules / "common.yaml").write_text(common.replace("editions: [2021]", "editions: [2021, 2025]"), encoding="utf-8")
    text = (rules / "gov-2021.yaml").read_text(encoding="utf-8")
    (rules / "gov-2021.yaml").write_text(
        text.replace("report_year: {min: 2021}", "report_year: {min: 2021, max: 2024}").replace(
            "signatures: [本年制发件数, 现行有效件数, 本年收费金额, 申请人无正当理由逾期不补正]",
            "signatures: [本年制发件数]",
        ),
        encoding="utf-8",
    )
    new = (
        text.replace("id: gov-disclosure-2021", "id: gov-disclosure-2025")
        .replace("edition: 2021", "edition: 2025")
        .replace("report_year: {min: 2021}", "report_year: {min: 2025}")
        .replace(
            "signatures: [本年制发件数, 现行有效件数, 本年收费金额, 申请人无正当理由逾期不补正]",
            "signatures: [本年新制发件数]",
        )
        .replace("本年制发件数", "本年新制发件数")
    )
    (rules / "gov-2025.yaml").write_text(new, encoding="utf-8")
    real = ruleset_module.data_dir
    monkeypatch.setattr(ruleset_module, "data_dir", lambda name: rules if name == "rules" else real(name))
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", "off")
    ruleset_module.builtin_editions.cache_clear()
    ruleset_module._CACHE.clear()
    yield rules
    ruleset_module.builtin_editions.cache_clear()
    ruleset_module._CACHE.clear()


def test_a_new_edition_from_yaml_alone(rules_with_2025: Path, tmp_path: Path) -> None:
    assert ruleset_module.builtin_editions() == (2025, 2021, 2019)
    result = check_file(_report_of_2025(tmp_path))
    assert (result.edition, result.report_year, result.error) == (2025, 2025, None)
    assert [f.rule for f in result.findings] == []


def test_the_same_report_without_that_edition_is_told_its_tables_are_unknown(tmp_path: Path) -> None:
    # Bundled rules only: the 2025 report's year asks for the 2021 edition, and table 2's first
    # column (「本年新制发件数」) is not one the 2021 format knows.
    result = check_file(_report_of_2025(tmp_path))
    assert (result.edition, result.report_year) == (2021, 2025)
    missing = [f for f in result.findings if f.location.column_label is not None]
    assert [(f.rule, f.location.table, f.location.column_label) for f in missing] == [("RL-T2-001", 2, "本年制发件数")]


def test_a_rule_file_named_for_another_edition_is_refused(rules_with_2025: Path) -> None:
    (rules_with_2025 / "gov-2030.yaml").write_text(
        (rules_with_2025 / "gov-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    ruleset_module.builtin_editions.cache_clear()
    with pytest.raises(ruleset_module.RuleSetError) as info:
        ruleset_module.builtin_ruleset(2030)
    assert "named for edition 2030, but its edition is 2025" in info.value.render("en")
