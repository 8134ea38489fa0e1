"""Every .docx fixture gives exactly the findings of its sidecar (rule ids and locations)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from linter.findings import Finding
from linter.run.check import Options, check_file
from linter.run.previous import load_previous
from linter.engine.lint import Selection
from linter.reporters.json_reporter import document
from linter.ruleset.resources import load_schema
from tests.expected import as_set, finding_rows, load_expected, sidecar, sidecar_options

from tests.conftest import ROOT
from tests.test_rule_cases import RULES, variant_of

FIXTURES = ROOT / "fixtures" / "docx"
GENERATED = sorted(FIXTURES.glob("*.docx"))
CLEAN = [f for f in GENERATED if not f.name.startswith("fail_")]
# Every folder of fixtures with sidecars; other developers add theirs (html, pdf, text, corpus).
ALL = sorted(f for f in (ROOT / "fixtures").rglob("*") if f.is_file() and sidecar(f).is_file())


def test_every_fixture_has_a_sidecar() -> None:
    for folder in ("docx", "rules"):
        files = sorted((ROOT / "fixtures" / folder).glob("*.docx"))
        assert files and [f.name for f in files if not sidecar(f).is_file()] == []


@pytest.mark.parametrize("fixture", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_findings(fixture: Path) -> None:
    options = sidecar_options(fixture)
    previous = None
    if options.get("previous"):
        previous, failed = load_previous(fixture.parent / options["previous"], Options())
        assert failed is None
    result = check_file(fixture, Options(selection=Selection(select=tuple(options.get("select", ())))), previous)
    assert result.error is None
    assert as_set(finding_rows(result)) == as_set(load_expected(fixture))
    jsonschema.validate(document([result]), load_schema("findings.schema.json"))
    if fixture.parent.name == "rules":
        assert not_in_rule_cases(result.findings) == []


def not_in_rule_cases(findings: tuple[Finding, ...]) -> list[tuple[object, ...]]:
    """The findings of a whole-report rule fixture whose rule, message variant and place no failing
    YAML rule case of that rule shows (rules/*.yaml ``examples:``): a report edited for one rule
    is a reader's fixture, the rule's cases are the YAML ones."""
    missing = []
    for f in findings:
        rule = RULES[f.rule]
        row = (variant_of(rule, f.message), f.location.table, f.location.row_label, f.location.column_label)
        shown = {(e.variant, e.table, e.row, e.column) for c in rule.cases if c.outcome == "fail" for e in c.findings}
        if row not in shown:
            missing.append((f.rule, *row))
    return missing


@pytest.mark.parametrize("fixture", CLEAN, ids=lambda p: p.stem)
def test_clean_reports_have_no_findings(fixture: Path) -> None:
    """No finding but the one their narrative gives: it is the zone's published part 一 (a report
    titled by the zone: its government's), which states 考核 but neither 社会评议 nor 责任追究."""
    result = check_file(fixture)
    assert (result.edition, result.report_year) == (2021, 2021)
    assert [(f.rule, f.location.section, f.expected) for f in result.findings] == [
        ("RL-S1-002", "一、总体情况", "社会评议、责任追究")
    ]
