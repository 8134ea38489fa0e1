"""The documented JSON contract (schemas/findings.schema.json) for editors and other tools."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Sequence

from linter import __version__
from linter.check import FileResult
from linter.reporters import Reporter, Summary

SCHEMA_VERSION = 1


def result_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": result.format,
        "edition": result.edition,
        "report_year": result.report_year,
        "error": None if result.error is None else {"code": result.error.code, "message": result.error.message},
        "findings": [f.to_dict() for f in result.findings],
    }


def document(results: Sequence[FileResult]) -> dict[str, Any]:
    return {
        "reportlint": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": [result_dict(r) for r in results],
        "summary": asdict(Summary.of(results)),
    }


class JsonReporter(Reporter):
    name = "json"

    def render(self, results: Sequence[FileResult]) -> str:
        return json.dumps(document(results), ensure_ascii=False, indent=2) + "\n"
