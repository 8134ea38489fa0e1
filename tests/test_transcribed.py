"""Real reports transcribed from their published pages (fixtures/transcribed/MANIFEST.yaml): each
gives exactly the findings its review lists (rule, severity and place; the value where the review
gives one), every one the review confirmed among them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.run.check import check_file
from tests.conftest import ROOT
from tests.expected import finding_rows

HERE = ROOT / "fixtures" / "transcribed"
MANIFEST = yaml.safe_load((HERE / "MANIFEST.yaml").read_text(encoding="utf-8"))["reports"]
PLACE = ("rule", "severity", "section", "table", "row_label", "column_label", "expected")


def _review(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """A form's own review (<stem>.review.yaml), else its report's (a web page printed to PDF,
    2024_pingtan_nyn.printed.pdf, must give what the report's other forms give)."""
    path = HERE / (Path(entry["file"]).stem + ".review.yaml")
    if not path.exists():
        path = HERE / (entry["file"].split(".")[0] + ".review.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["findings"]


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_a_transcribed_report_gives_its_reviewed_findings(entry: dict[str, Any]) -> None:
    result = check_file(HERE / entry["file"])
    assert result.error is None
    assert (result.report_year, result.edition) == (entry["year"], entry["edition"])
    reviewed = _review(entry)
    found = []
    for given in finding_rows(result):
        like = next((r for r in reviewed if all(r.get(k) == given.get(k) for k in PLACE if k in r)), None)
        assert like is not None, f"a finding the review does not list: {given}"
        found.append(like)
    assert sorted(map(repr, found)) == sorted(map(repr, reviewed))
    assert all(item["verdict"] in ("real", "debatable") for item in reviewed)
