"""The format's facts outside the rules (rules/format.yaml) are the ones the code
uses: every cue word, unit, body suffix and traditional form works, and none is written in Python."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from linter.model import Document, Paragraph
from linter.recognise.metadata import body_kind, find_period_year, identify
from linter.recognise.normalize import label_key
from linter.recognise.values import parse_value
from linter.readers.text.grid import is_value
from linter.ruleset.facts import format_facts
from linter.run.check import reader_hints
from tests.conftest import ROOT

FACTS = format_facts()


def _doc(*texts: str) -> Document:
    return Document("r.txt", "text", tuple(Paragraph(i, t) for i, t in enumerate(texts)))


def test_the_facts_are_read_from_the_rule_files() -> None:
    assert FACTS.period_cues[:4] == ("统计期限", "统计期间", "统计时限", "统计时段")
    assert FACTS.money_units == ("万元", "元") and "件" in FACTS.count_units
    assert FACTS.shown_tables == (2, 3, 4)
    assert FACTS.traditional["開"] == "开" and "人民政府" in FACTS.government_suffixes


@pytest.mark.parametrize("word", FACTS.title_words)
def test_every_title_word_makes_a_title(word: str) -> None:
    identity = identify(_doc(f"青山区人民政府2021年{word}工作年度报告", "一、总体情况"))
    assert identity.title is not None and (identity.title.body, identity.year) == ("青山区人民政府", 2021)


@pytest.mark.parametrize("cue", FACTS.period_cues)
def test_every_period_cue_gives_the_report_year(cue: str) -> None:
    doc = _doc("某区政务公开工作情况", f"本报告{cue}为2021年1月1日至12月31日。")
    assert find_period_year(doc) == (2021, 1)
    assert identify(doc).year == 2021


@pytest.mark.parametrize("unit", FACTS.units)
def test_every_unit_is_read_in_a_cell(unit: str) -> None:
    value = parse_value(f"12{unit}")
    assert (value.kind, value.unit) == ("number", unit)
    assert is_value(f"12{unit}", reader_hints().units)
    assert not is_value(f"12{unit}")  # the reader knows no unit it is not given


@pytest.mark.parametrize(
    "kind,suffixes", [("government", FACTS.government_suffixes), ("department", FACTS.department_suffixes)]
)
def test_every_body_suffix_gives_its_kind(kind: str, suffixes: tuple[str, ...]) -> None:
    assert [s for s in suffixes if body_kind("某某" + s) != kind] == []


def test_every_traditional_form_is_read_as_simplified() -> None:
    assert label_key("".join(FACTS.traditional)) == "".join(FACTS.traditional.values())


def _strings(path: Path) -> list[str]:
    """The string constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_no_python_module_writes_the_facts_again() -> None:
    """A cue word, a second unit, a body suffix list or a traditional form in a Python string would
    be a second copy of the rule files' facts, free to disagree with them."""
    units = FACTS.units
    found = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        for s in _strings(path):
            hits = [c for c in FACTS.period_cues if c in s]
            hits += [f"{a}|{b}" for a in units for b in units if f"{a}|{b}" in s]
            hits += [c for c in FACTS.traditional if c in s]
            hits += [g for g in FACTS.government_suffixes if g == "管委会" and g in s]
            if hits:
                found.append((path.relative_to(ROOT).as_posix(), s[:40], hits))
    assert found == []


def test_the_format_file_is_checked_when_a_rule_set_is_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema
    import yaml

    from linter.errors import RuleSetError
    from linter.ruleset import loader
    from linter.ruleset.facts import format_file
    from linter.ruleset.resources import data_dir, load_schema

    jsonschema.validate(yaml.safe_load(format_file().read_text(encoding="utf-8")), load_schema("format.schema.json"))
    bad = tmp_path / "format.yaml"
    bad.write_text(format_file().read_text(encoding="utf-8").replace("period_cues: [", "period_cues: [1, "), "utf-8")
    monkeypatch.setattr(loader, "format_file", lambda: bad)
    with pytest.raises(RuleSetError) as caught:
        loader.load_ruleset(data_dir("rules") / "gov-2021.yaml")
    assert (caught.value.file, caught.value.path) == (str(bad), "$.period_cues[0]")
