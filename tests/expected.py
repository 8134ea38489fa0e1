"""Expected-findings sidecars (``<fixture>.expected.yaml``): the exact (rule, location) set a fixture gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from linter.run.check import FileResult

KEYS = (
    "rule",
    "severity",
    "section",
    "table",
    "row_label",
    "column_label",
    "block",
    "row",
    "col",
    "expected",
    "actual",
)


def finding_rows(result: FileResult) -> list[dict[str, Any]]:
    rows = []
    for f in result.findings:
        loc = f.location
        row = {
            "rule": f.rule,
            "severity": f.severity,
            "section": loc.section,
            "table": loc.table,
            "row_label": loc.row_label,
            "column_label": loc.column_label,
            "block": loc.block,
            "row": loc.row,
            "col": loc.col,
            "expected": f.expected,
            "actual": f.actual,
        }
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def as_set(rows: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {tuple(r.get(k) for k in KEYS) for r in rows}


def sidecar(fixture: Path) -> Path:
    return fixture.with_name(fixture.name.rsplit(".", 1)[0] + ".expected.yaml")


def load_expected(fixture: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(sidecar(fixture).read_text(encoding="utf-8")) or {}
    return data.get("findings") or []


def sidecar_options(fixture: Path) -> dict[str, Any]:
    """How to check the fixture: ``previous`` (a file next to it) and ``select`` (opt-in rules)."""
    data = yaml.safe_load(sidecar(fixture).read_text(encoding="utf-8")) or {}
    return {k: data[k] for k in ("previous", "select") if k in data}


def write_expected(fixture: Path, result: FileResult, note: str = "", **options: Any) -> None:
    """Write a sidecar from a run (used once per new fixture, then reviewed by hand)."""
    rows = finding_rows(result)
    text = (f"# {note}\n" if note else "") + yaml.safe_dump(
        {**options, "findings": rows}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200
    )
    sidecar(fixture).write_text(text, encoding="utf-8")


def finding_labels(path: Path) -> list[tuple[Any, ...]]:
    """A readable file's findings by rule and format labels, without physical positions: what must
    be the same whatever form (.docx, HTML, PDF) the report was published in."""
    from linter.run.check import check_file

    result = check_file(path)
    assert result.error is None, result.error
    return sorted(
        (
            (
                f.rule,
                f.severity,
                f.location.section,
                f.location.table,
                f.location.row_label,
                f.location.column_label,
                f.expected,
                f.actual,
            )
            for f in result.findings
        ),
        key=lambda row: tuple("" if x is None else str(x) for x in row),
    )
