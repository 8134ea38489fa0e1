"""Check files end to end: read, recognise, pick the edition, run the rules. Never raises.

Year-to-year rules need the same body's previous report: given explicitly (``previous``), or
found in the batch by ``check_files`` (same issuing body, report years N-1 and N).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from linter.edition import choose_edition, table_evidence
from linter.engine import Selection, lint
from linter.errors import InputError, input_error_message
from linter.findings import Finding
from linter.limits import DEFAULT_LIMITS, Limits
from linter.metadata import find_report_year
from linter.normalize import strip_spaces
from linter.readers import read_document
from linter.recognise import Report, recognise, tables_only
from linter.ruleset import RuleSet, builtin_ruleset


@dataclass(frozen=True)
class FileError:
    code: str
    message: str
    debug: Optional[str] = None


@dataclass(frozen=True)
class FileResult:
    path: str
    format: Optional[str] = None
    edition: Optional[int] = None
    report_year: Optional[int] = None
    error: Optional[FileError] = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    previous: Optional[str] = None  # path of the previous year's report used, if any


@dataclass(frozen=True)
class Options:
    lang: str = "zh"
    edition: Optional[int] = None
    selection: Selection = field(default_factory=Selection)
    limits: Limits = DEFAULT_LIMITS
    ruleset: Optional[RuleSet] = None  # a rule file given with --rules replaces the built-in ones


def _error(path: str, code: str, detail: str, lang: str, debug: Optional[str] = None) -> FileResult:
    return FileResult(path, error=FileError(code, input_error_message(code, detail, lang), debug))


def _check(path: Path, options: Options, previous: Optional[Report]) -> tuple[FileResult, Optional[Report]]:
    display = str(path)
    try:
        doc = read_document(path, options.limits)
        year = find_report_year(doc)
        evidence = table_evidence(doc)
        if options.ruleset is not None:
            ruleset = options.ruleset
            edition = ruleset.edition or choose_edition(year, evidence, options.edition)
        else:
            edition = choose_edition(year, evidence, options.edition)
            ruleset = builtin_ruleset(edition)
        report = recognise(doc, ruleset, evidence, previous)
        findings = lint(report, ruleset, options.lang, options.selection)
        used = previous.document.path if previous is not None else None
        return FileResult(display, doc.format, edition, year, None, tuple(findings), used), tables_only(report)
    except InputError as exc:
        return _error(display, exc.code, exc.detail, options.lang), None
    except RecursionError:
        return _error(display, "RL-IO-005", "nesting too deep", options.lang), None
    except MemoryError:
        return _error(display, "RL-IO-005", "out of memory", options.lang), None
    except Exception as exc:  # a bug: report it per file, never a traceback on the terminal
        return _error(display, "RL-INT-001", type(exc).__name__, options.lang, traceback.format_exc()), None


def check_file(path: Path, options: Options = Options(), previous: Optional[Report] = None) -> FileResult:
    return _check(path, options, previous)[0]


def load_previous(path: Path, options: Options) -> tuple[Optional[Report], Optional[FileResult]]:
    """Read a previous year's report for --previous: its tables, or the error result."""
    result, report = _check(path, options, None)
    return report, (result if result.error is not None else None)


def pairing_key(report: Report) -> Optional[tuple[str, int]]:
    if report.title is None or not report.title.body or report.report_year is None:
        return None
    return strip_spaces(report.title.body), report.report_year


def check_files(paths: Sequence[Path], options: Options = Options(), previous: Optional[Report] = None,
                pair_years: bool = True) -> list[FileResult]:
    """Check a batch in order. With ``pair_years``, a report whose body's previous year is also in
    the batch is checked against it (RL-X-001 and the other year-to-year rules)."""
    results: list[FileResult] = []
    snapshots: dict[tuple[str, int], Report] = {}
    keys: list[Optional[tuple[str, int]]] = []
    for path in paths:
        result, snapshot = _check(path, options, previous)
        results.append(result)
        key = pairing_key(snapshot) if snapshot is not None else None
        keys.append(key)
        if key is not None and key not in snapshots:
            snapshots[key] = snapshot  # type: ignore[assignment]
    if pair_years and previous is None:
        for i, key in enumerate(keys):
            if key is None:
                continue
            before = snapshots.get((key[0], key[1] - 1))
            if before is not None:
                results[i] = _check(paths[i], options, before)[0]
    return results
