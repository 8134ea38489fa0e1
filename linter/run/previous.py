"""Last year's reports for --previous: one file (used unless it is known to be the wrong body or
year) or a folder of them (each report then takes its own body's report of the year before)."""

from __future__ import annotations

from pathlib import Path

from linter.errors import ReportlintError
from linter.office.words import say
from linter.run.check import Options, PreviousYears, load_previous


class PreviousError(ReportlintError):
    pass


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
            notes.append(say("previous_unreadable", options.lang, path=f, code=failed.error.code,
                             message=failed.error.message))
    if not reports:
        raise PreviousError(say("previous_empty", options.lang, path=path))
    return PreviousYears(tuple(reports)), notes
