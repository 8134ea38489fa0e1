"""Check one file end to end: read, recognise, pick the edition, run the rules. Never raises."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from linter.edition import choose_edition, table_evidence
from linter.engine import Selection, lint
from linter.errors import InputError, input_error_message
from linter.findings import Finding
from linter.limits import DEFAULT_LIMITS, Limits
from linter.readers import read_document
from linter.recognise import find_report_year, recognise
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


@dataclass(frozen=True)
class Options:
    lang: str = "zh"
    edition: Optional[int] = None
    selection: Selection = field(default_factory=Selection)
    limits: Limits = DEFAULT_LIMITS
    ruleset: Optional[RuleSet] = None  # a rule file given with --rules replaces the built-in ones


def check_file(path: Path, options: Options = Options()) -> FileResult:
    display = str(path)
    try:
        doc = read_document(path, options.limits)
        year = find_report_year(doc)
        if options.ruleset is not None:
            ruleset = options.ruleset
            edition = ruleset.edition or choose_edition(year, table_evidence(doc), options.edition)
        else:
            edition = choose_edition(year, table_evidence(doc), options.edition)
            ruleset = builtin_ruleset(edition)
        report = recognise(doc, ruleset)
        findings = lint(report, ruleset, options.lang, options.selection)
        return FileResult(display, doc.format, edition, year, None, tuple(findings))
    except InputError as exc:
        return FileResult(display, error=FileError(exc.code, input_error_message(exc.code, exc.detail, options.lang)))
    except RecursionError:
        return FileResult(display, error=FileError("RL-IO-005", input_error_message("RL-IO-005", "nesting too deep", options.lang)))
    except MemoryError:
        return FileResult(display, error=FileError("RL-IO-005", input_error_message("RL-IO-005", "out of memory", options.lang)))
    except Exception as exc:  # a bug: report it per file, never a traceback on the terminal
        return FileResult(
            display,
            error=FileError("RL-INT-001", input_error_message("RL-INT-001", type(exc).__name__, options.lang),
                            traceback.format_exc()),
        )
