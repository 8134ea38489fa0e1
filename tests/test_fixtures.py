"""Every .docx fixture gives exactly the findings of its sidecar (rule ids and locations)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from linter.check import check_file
from linter.reporters.json_reporter import document
from linter.resources import load_schema
from tests.expected import as_set, finding_rows, load_expected, sidecar

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "docx"
ALL = sorted(FIXTURES.glob("*.docx"))
CLEAN = [f for f in ALL if not f.name.startswith("fail_")]


def test_every_fixture_has_a_sidecar() -> None:
    assert len(ALL) >= 18
    missing = [f.name for f in ALL if not sidecar(f).is_file()]
    assert missing == []


@pytest.mark.parametrize("fixture", ALL, ids=lambda p: p.stem)
def test_fixture_findings(fixture: Path) -> None:
    result = check_file(fixture)
    assert result.error is None
    assert as_set(finding_rows(result)) == as_set(load_expected(fixture))
    jsonschema.validate(document([result]), load_schema("findings.schema.json"))


@pytest.mark.parametrize("fixture", CLEAN, ids=lambda p: p.stem)
def test_clean_reports_have_no_findings(fixture: Path) -> None:
    result = check_file(fixture)
    assert (result.edition, result.report_year) == (2021, 2021)
    assert result.findings == ()
