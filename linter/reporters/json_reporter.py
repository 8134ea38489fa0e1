"""The documented JSON contract (schemas/findings.schema.json) for editors and other tools."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterator, Optional, Sequence

from linter import __version__
from linter.findings import FileResult
from linter.reporters import Reporter, jsonstream

SCHEMA_VERSION = 1


def result_dict(result: FileResult, verdict: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": result.path,
        "format": result.format,
        "edition": result.edition,
        "report_year": result.report_year,
        "error": None if result.error is None else {"code": result.error.code, "message": result.error.message},
        "findings": [f.to_dict() for f in result.findings],
    }
    if verdict:
        out["verdict"] = verdict
    if result.pairing is not None:
        out["pairing"] = result.pairing.to_dict()
    return out


def document(results: Sequence[FileResult], lazy: bool = False, reporter: Optional[Reporter] = None) -> dict[str, Any]:
    """The whole document; with ``lazy``, its files and summary are computed as it is written.
    ``reporter`` gives each file's verdict (its fail level)."""
    judge = reporter if reporter is not None else Reporter()
    files = (result_dict(r, judge.verdict(r)) for r in results)
    out = {
        "reportlint": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": jsonstream.Items(files) if lazy else list(files),
        "summary": jsonstream.Later(lambda: asdict(judge.summary(results))) if lazy else asdict(judge.summary(results)),
    }
    covered = judge.coverage(results)  # 报送情况: a batch, or a roster given
    if covered is not None:
        out["coverage"] = covered.to_dict()
    return out


class JsonReporter(Reporter):
    name = "json"
    defused = False  # JSON escapes every character; the data stays as it is

    def chunks(self, results: Sequence[FileResult]) -> Iterator[str]:
        yield from jsonstream.chunks(document(results, lazy=True, reporter=self))
        yield "\n"
