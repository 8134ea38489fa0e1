"""Check kinds as declared extension points: a kind is its class (typed parameters, compiled once
with the rule set, run per report, traits the engine reads) and its YAML; nothing else names it."""

from __future__ import annotations

import json
import re
import typing
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any, Iterator

import pytest

from linter.i18n import rendered
from linter.checks import KINDS, Draft, Kind, Traits
from linter.checks.kind import regex
from linter.engine.lint import lint
from linter.errors import RuleSetError
from linter.model import Paragraph
from linter.readers import read_document
from linter.recognise.report import Report, recognise
from linter.ruleset.loader import builtin_ruleset, load_ruleset
from linter.ruleset.resources import data_dir, load_schema
from linter.ruleset.specs import RuleSet
from tests.conftest import DOCX

# ---- a kind written for this test: its class and a rule file, no other edit ---------------------


def en(message: object) -> str:
    """A rule-file error's message in English."""
    return str(rendered(message, "en"))


@dataclass(frozen=True)
class WordParams:
    word: str  # a regular expression
    within: int = 1000


@dataclass(frozen=True)
class CompiledWord:
    pattern: re.Pattern[str]
    within: int


COMPILED: list[WordParams] = []  # every compile, to count them


class Word(Kind[WordParams, CompiledWord]):
    """A paragraph that holds the word."""

    Params = WordParams

    def compile(self, params: WordParams, ruleset: RuleSet) -> CompiledWord:
        COMPILED.append(params)
        return CompiledWord(regex(params.word, "word"), params.within)

    def run(self, report: Report, compiled: CompiledWord) -> Iterator[Draft]:
        for block in report.document.blocks[: compiled.within]:
            if isinstance(block, Paragraph):
                m = compiled.pattern.search(block.full_text)
                if m:
                    yield Draft("found", report.location(block.index, text=m.group(0)), {"word": m.group(0)})


class Verdict(Word):
    """The same search, declared to decide the verdict: its finding replaces every other."""

    traits = Traits(verdict=True)


RULES = """id: org
title: 本单位补充规则
rules:
  - id: RL-ORG-001
    name: org.word
    severity: warning
    summary: {zh: 不应出现的词, en: a word that should not appear}
    basis: 本单位规定
    messages: {found: {zh: "出现「{word}」", en: "「{word}」 appears"}}
    check: {kind: KIND, word: "WORD"}
    examples: {pass: 无, fail: 有}
"""


def _rules(tmp_path: Path, kind: str = "word", word: str = "政府信息公开") -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(RULES.replace("KIND", kind).replace("WORD", word), encoding="utf-8")
    return path


@pytest.fixture
def kinds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(KINDS, "word", Word)
    monkeypatch.setitem(KINDS, "verdict_word", Verdict)
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    COMPILED.clear()


def test_a_new_kind_needs_only_its_class_and_yaml(kinds: None, tmp_path: Path) -> None:
    ruleset = builtin_ruleset(2021, (str(_rules(tmp_path, word="工作年度报告")),))
    report = recognise(read_document(DOCX / "filled_2021.docx"), ruleset)
    found = [f for f in lint(report, ruleset) if f.rule == "RL-ORG-001"]
    assert [(f.severity, f.message, f.location.block, f.location.text) for f in found] == [
        ("warning", "出现「工作年度报告」", 1, "工作年度报告")
    ]
    assert [f.message for f in lint(report, ruleset, "en") if f.rule == "RL-ORG-001"] == ["「工作年度报告」 appears"]


def test_a_kind_compiles_once_per_rule_set_not_per_report(kinds: None, tmp_path: Path) -> None:
    ruleset = load_ruleset(data_dir("rules") / "gov-2021.yaml", (str(_rules(tmp_path)),))
    assert COMPILED == [WordParams("政府信息公开")]
    for name in ("filled_2021.docx", "fail_t3_component.docx"):
        lint(recognise(read_document(DOCX / name), ruleset), ruleset)
    assert len(COMPILED) == 1


def test_the_engine_reads_a_kinds_traits_not_its_name(kinds: None, tmp_path: Path) -> None:
    ruleset = load_ruleset(
        data_dir("rules") / "gov-2021.yaml", (str(_rules(tmp_path, "verdict_word", "工作年度报告")),)
    )
    report = recognise(read_document(DOCX / "fail_t3_component.docx"), ruleset)
    assert [(f.rule, f.location.block) for f in lint(report, ruleset)] == [("RL-ORG-001", 1)]


@pytest.mark.parametrize(
    ("check", "path", "message"),
    [
        ('{kind: word, word: "x", whole: true}', ".whole", "unknown parameter 'whole' (known: word, within)"),
        ("{kind: word}", ".word", "'word' is required"),
        ('{kind: word, word: "x", within: many}', ".within", "must be int, not str"),
        ('{kind: word, word: "(x"}', ".word", "invalid regular expression: missing ), unterminated subpattern"),
        ('{kind: wrod, word: "x"}', ".kind", "unknown check kind 'wrod' of rule RL-ORG-001 (known: blanks, citation,"),
    ],
)
def test_parameter_errors_name_the_file_rule_and_key(
    kinds: None, tmp_path: Path, check: str, path: str, message: str
) -> None:
    rules = tmp_path / "org.yaml"
    rules.write_text(RULES.replace('{kind: KIND, word: "WORD"}', check), encoding="utf-8")
    with pytest.raises(RuleSetError) as info:
        load_ruleset(rules)
    assert info.value.file == str(rules) and info.value.path == "$.rules[0].checks[0]" + path, str(info.value)
    assert en(info.value.message).startswith(message) and info.value.line == 10, str(info.value)
    if path != ".kind":
        assert en(info.value.message).endswith("(rule RL-ORG-001, word check)")


# ---- the built-in kinds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "path", "message"),
    [
        ('{kind: parts, pattern: "等(?P<count>六)部分"}', ".pattern", "the pattern needs the named group(s) list"),
        ("{kind: section_content, section: nowhere}", ".section", "unknown section 'nowhere'"),
        ('{kind: text_patterns, patterns: [{regex: "[", what: x}]}', ".patterns[0].regex", "invalid regular"),
    ],
)
def test_builtin_kinds_check_their_parameters_when_the_rule_set_loads(
    tmp_path: Path, check: str, path: str, message: str
) -> None:
    rules = tmp_path / "org.yaml"
    rules.write_text(RULES.replace('{kind: KIND, word: "WORD"}', check), encoding="utf-8")
    with pytest.raises(RuleSetError) as info:
        load_ruleset(rules)
    assert (info.value.path, info.value.line) == ("$.rules[0].checks[0]" + path, 10), str(info.value)
    assert en(info.value.message).startswith(message), str(info.value)


def _branches() -> dict[str, dict[str, Any]]:
    schema = load_schema("ruleset.schema.json")
    return {b["if"]["properties"]["kind"]["const"]: b["then"] for b in schema["$defs"]["check"]["allOf"]}


def test_the_schema_gives_each_kind_its_params_fields() -> None:
    """The JSON Schema checks a rule file first; the Params classes are what the code reads: the
    two name the same parameters, and the same required ones."""
    branches = _branches()
    assert set(branches) == set(KINDS)
    for name, kind in KINDS.items():
        props = set(branches[name].get("properties", {})) - {"kind", "editions"}
        own = {f.name: f for f in fields(kind.Params)}
        assert props == set(own), name
        required = {n for n, f in own.items() if f.default is MISSING and f.default_factory is MISSING}
        assert set(branches[name].get("required", [])) == required, name


def _nested(tp: Any) -> Any:
    """The dataclass a parameter's type holds (tuple[X, ...], Mapping[str, X]), if any."""
    for arg in typing.get_args(tp):
        found = arg if hasattr(arg, "__dataclass_fields__") else _nested(arg)
        if found is not None:
            return found
    return None


def test_the_schema_gives_nested_parameters_their_fields() -> None:
    branches = _branches()
    for name, kind in KINDS.items():
        hints = typing.get_type_hints(kind.Params)
        for f in fields(kind.Params):
            inner = _nested(hints[f.name])
            if inner is None:
                continue
            node = branches[name]["properties"][f.name]
            if "items" in node:
                node = node["items"]
            elif isinstance(node.get("additionalProperties"), dict):
                node = node["additionalProperties"]
            else:  # a mapping whose keys the schema lists
                node = next(iter(node["properties"].values()))
            own = {x.name for x in fields(inner)}
            assert set(node["properties"]) == own, (name, f.name)
            required = {x.name for x in fields(inner) if x.default is MISSING and x.default_factory is MISSING}
            assert set(node.get("required", [])) == required, (name, f.name)


def test_every_builtin_check_is_compiled_by_its_kind() -> None:
    for edition in (2019, 2021):
        for rule in builtin_ruleset(edition).rules:
            for check in rule.checks:
                assert type(check.kind) is KINDS[check.name] and isinstance(check.params, KINDS[check.name].Params)


def test_no_kind_compiles_a_pattern_while_it_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regular expressions are compiled with the rule set (or at import), never per report."""
    ruleset = builtin_ruleset(2021)
    names = ("filled_2021_large.docx", "fail_t3_component.docx", "fail_t4_narrative.docx", "fail_blank_cells.docx")
    reports = [recognise(read_document(DOCX / n), ruleset) for n in names]
    calls: list[str] = []
    real = re.compile

    def counted(pattern: Any, flags: int = 0) -> re.Pattern[str]:
        calls.append(str(pattern))
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counted)
    monkeypatch.setattr(re, "_compile", lambda p, f: calls.append(str(p)) or real(p, f))
    found = [f.rule for report in reports for f in lint(report, ruleset)]
    assert {"RL-T3-008", "RL-T3-005"} <= set(found) and calls == []


def test_the_json_schema_lists_no_kind_names() -> None:
    """A new kind needs no schema edit: the kind is any name, and the loader names the known ones."""
    schema = json.loads((data_dir("schemas") / "ruleset.schema.json").read_text(encoding="utf-8"))
    assert "enum" not in schema["$defs"]["check"]["properties"]["kind"]
