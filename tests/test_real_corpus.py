"""Real published reports (fixtures/real/): each gives no error its review did not confirm, no
finding its review did not list, and every defect the review confirmed. The reviews were written
by reading the reports (fixtures/real/MANIFEST.yaml says where each report comes from)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from linter.run.check import check_file
from tests.conftest import ROOT

REAL = ROOT / "fixtures" / "real"
MANIFEST = yaml.safe_load((REAL / "MANIFEST.yaml").read_text(encoding="utf-8"))["reports"]
VERDICTS = {"real", "debatable", "false"}
LEVELS = {"government", "department", "township"}
KEY = ("rule", "severity", "section", "table")


def review(entry: dict[str, Any]) -> list[dict[str, Any]]:
    path = REAL / (Path(entry["file"]).stem + ".review.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["findings"] or []


def missed(entry: dict[str, Any]) -> list[dict[str, Any]]:
    path = REAL / (Path(entry["file"]).stem + ".review.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("missed") or []


def key(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item.get(k) for k in KEY)


def test_the_manifest_names_every_report_with_its_provenance() -> None:
    files = {e["file"] for e in MANIFEST}
    on_disk = {p.name for p in REAL.iterdir() if p.suffix not in (".yaml",)}
    assert files == on_disk
    for entry in MANIFEST:
        assert entry["level"] in LEVELS and entry["edition"] in (2019, 2021)
        assert entry["repository"] and entry["path"] and len(entry["commit"]) == 40
        assert all(item["verdict"] in VERDICTS for item in review(entry))
        # Defects a form of the report cannot show (a table a text dump ran together) say why.
        assert all(item["rule"] and item["why"] for item in missed(entry))


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_a_real_report_gives_its_reviewed_findings(entry: dict[str, Any]) -> None:
    result = check_file(REAL / entry["file"])
    assert result.error is None
    assert (result.report_year, result.edition) == (entry["year"], entry["edition"])
    found = Counter(
        key({"rule": f.rule, "severity": f.severity, "section": f.location.section, "table": f.location.table})
        for f in result.findings
    )
    reviewed = review(entry)
    listed = {key(item) for item in reviewed}
    assert [k for k in found if k not in listed] == [], "findings the review did not list"
    missed = [key(item) for item in reviewed if item["verdict"] == "real" and key(item) not in found]
    assert missed == [], "confirmed defects not found"


def test_at_most_one_warning_in_ten_is_false_over_the_corpus() -> None:
    warnings = false = 0
    for entry in MANIFEST:
        verdicts = {key(item): item["verdict"] for item in review(entry)}
        for f in check_file(REAL / entry["file"]).findings:
            if f.severity != "warning":
                continue
            warnings += 1
            k = key({"rule": f.rule, "severity": f.severity, "section": f.location.section, "table": f.location.table})
            false += verdicts.get(k) == "false"
    assert warnings and false * 10 <= warnings, f"{false} of {warnings} warnings judged false"
