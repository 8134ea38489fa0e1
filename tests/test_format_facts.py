"""The format's facts outside the rules (rules/format.yaml) are the ones the code
uses: every cue word, unit, body suffix and traditional form works, and none is written in Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.model import Document, Paragraph
from linter.office.coverage import _name_from_file
from linter.readers.text.runon import split_line
from linter.recognise.metadata import body_kind, find_period_year, identify, preamble_body
from linter.recognise.runtogether import _totals as column_totals
from linter.recognise.normalize import label_key
from linter.recognise.values import parse_value
from linter.readers.text.grid import is_value
from linter.ruleset.facts import format_facts
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from linter.run.check import reader_hints
from tests.conftest import ROOT
from tests.traditional import module_strings

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
    assert is_value(f"12{unit}", reader_hints().figures)
    assert not is_value(f"12{unit}")  # the reader knows no unit it is not given


@pytest.mark.parametrize(
    "kind,suffixes", [("government", FACTS.government_suffixes), ("department", FACTS.department_suffixes)]
)
def test_every_body_suffix_gives_its_kind(kind: str, suffixes: tuple[str, ...]) -> None:
    assert [s for s in suffixes if body_kind("某某" + s) != kind] == []


@pytest.mark.parametrize("office", FACTS.government_offices)
def test_every_government_office_stands_for_its_government(office: str) -> None:
    doc = _doc("2021年政府信息公开工作年度报告", f"本报告由青山区人民政府{office}编制。")
    assert preamble_body(doc) == "青山区人民政府"
    assert "人民政府" + office in FACTS.government_suffixes  # and it is a government's name


@pytest.mark.parametrize("name", FACTS.report_names)
def test_every_report_name_ends_a_title(name: str) -> None:
    """A run-on line's title ends at what a report calls itself; a file name loses it."""
    title = f"青山区人民政府2021年政府信息公开工作{name}"
    line = f"{title} 根据条例编制。一、总体情况2021年，我区……。"
    hints = reader_hints()
    pieces = split_line(line, hints.headings, hints.fold, names=hints.report_names)
    assert [(p.kind, p.text) for p in pieces[:2]] == [("paragraph", title), ("paragraph", "根据条例编制。")]
    assert _name_from_file(f"收件箱/{title}.docx") == "青山区人民政府"


@pytest.mark.parametrize("word", FACTS.title_words)
@pytest.mark.parametrize("name", FACTS.report_short_names)
def test_a_file_name_loses_every_title_word_and_short_name(word: str, name: str) -> None:
    assert _name_from_file(f"洪泽区水利局2024年{word}{name}.doc") == "洪泽区水利局"


@pytest.mark.parametrize("word", FACTS.change_words)
def test_every_change_word_is_read_in_a_cell(word: str) -> None:
    value = parse_value(f"{word}3")
    assert (value.kind, value.sign_word, int(value.number or 0)) == (
        "number",
        word,
        -3 if word in FACTS.decrease_words else 3,
    )
    assert is_value(f"{word}3", reader_hints().figures)
    assert not is_value(f"{word}3")  # the reader knows no word it is not given


def test_the_summed_tables_are_the_roll_up_rule_s() -> None:
    """The roll-up sums (linter/office/rollup.py) and RL-X-002 compares the same tables."""
    for edition in builtin_editions():
        ruleset = builtin_ruleset(edition)
        (check,) = ruleset.rule("RL-X-002").checks
        assert tuple(ruleset.tables[t].number for t in check.params.tables) == FACTS.summed_tables


def test_the_total_label_is_the_tables_total() -> None:
    """A total's label (rules/format.yaml ``total_label``) is the label of table 3's total row and
    of its columns' total, and recognition finds the total columns by it."""
    for edition in builtin_editions():
        table = builtin_ruleset(edition).tables["t3"]
        assert [r.key for r in table.rows if FACTS.total_label in r.label] == ["total"]
        totals = [table.columns[i].label for i, _parts in column_totals(table.columns)]
        assert totals == [FACTS.total_label]


def test_the_body_kinds_are_named_alike() -> None:
    """The kinds of body rules/format.yaml names are those a section_content check may be limited to
    and those the publication deadlines are given for (besides ``default``)."""
    import typing

    import yaml

    from linter.checks.content import ContentParams
    from linter.ruleset.facts import format_file

    kinds = set(yaml.safe_load(format_file().read_text(encoding="utf-8"))["body_kinds"])
    only_for = typing.get_args(typing.get_args(typing.get_type_hints(ContentParams)["only_for"])[0])
    assert set(only_for) == kinds
    for edition in builtin_editions():
        (check,) = builtin_ruleset(edition).rule("RL-META-002").checks
        assert set(check.params.deadlines) - {"default"} <= kinds


def test_a_title_naming_a_place_alone_is_its_governments_report() -> None:
    assert [s for s in FACTS.place_suffixes if body_kind("某某" + s) != "government"] == []
    assert body_kind("平潭综合实验区") == "government"
    assert body_kind("平潭综合实验区海坛片区管理局") == "department"  # a body of the place: its own kind
    assert body_kind("某某区政务公开") is None


def test_every_traditional_form_is_read_as_simplified() -> None:
    assert label_key("".join(FACTS.traditional)) == "".join(FACTS.traditional.values())


def test_no_python_module_writes_the_facts_again() -> None:
    """A cue word, a second unit, a body suffix list or a traditional form in a Python string would
    be a second copy of the rule files' facts, free to disagree with them."""
    units = FACTS.units
    found = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        for s in module_strings(path):
            hits = [c for c in FACTS.period_cues if c in s]
            hits += [f"{a}|{b}" for a in units for b in units if f"{a}|{b}" in s]
            hits += [c for c in FACTS.traditional if c in s]
            hits += [g for g in FACTS.government_suffixes if g == "管委会" and g in s]
            hits += [o for o in FACTS.government_offices if o in s]
            # an alternation of a regular expression: the change words, what a report calls itself
            words = (*FACTS.change_words, *FACTS.report_names, *FACTS.report_short_names)
            hits += [w for w in words if f"{w}|" in s or f"|{w}" in s]
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
