"""Last year's reports for --previous: one file (used unless it is known to be the wrong body or
year) or a folder of them (each report then takes its own body's report of the year before). A
PDF or a binary Word document is read in a checking child process (PDFium is native code; a .doc's
structures are offsets the file chooses), unless this is one already."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Optional

from linter.errors import ReportlintError
from linter.findings import FileResult
from linter.i18n import t
from linter.readers.detect import read_in_child
from linter.recognise.report import Report
from linter.run.check import Options, PreviousYears, Snapshot, read_previous, snapshot
from linter.run.pool import Worker


class PreviousError(ReportlintError):
    pass


def load_previous(path: Path, options: Options) -> tuple[Optional[Report], Optional[FileResult]]:
    """One previous year's report: its tables, or the error result."""
    if read_in_child(path) and multiprocessing.parent_process() is None:
        with Worker(options, check=snapshot) as worker:
            result = worker.check(path)
        report = result.report if isinstance(result, Snapshot) else None
        return report, (result if result.error is not None else None)
    return read_previous(path, options)


def load_previous_years(path: Path, options: Options) -> tuple[PreviousYears, list[str]]:
    """The reports and the notes on files of a folder that could not be read; raise PreviousError
    when a file given alone cannot be read or a folder holds no readable report."""
    from linter.run.batch import expand

    if not path.is_dir():
        report, failed = load_previous(path, options)
        if report is None:
            error = failed.error if failed is not None else None
            detail = f"{error.code} {error.message}" if error is not None else ""
            raise PreviousError(f"{path}: {detail}")
        return PreviousYears((report,), explicit_file=True), []
    reports = []
    notes = []
    for f in expand([str(path)]):
        report, failed = load_previous(f, options)
        if report is not None:
            reports.append(report)
        elif failed is not None and failed.error is not None:
            notes.append(
                t(
                    "office.previous_unreadable",
                    options.lang,
                    path=f,
                    code=failed.error.code,
                    message=failed.error.message,
                )
            )
    if not reports:
        raise PreviousError(t("office.previous_empty", options.lang, path=path))
    return PreviousYears(tuple(reports)), notes
