"""The office's lines in the text summary: the coverage table 报送情况 and the pairing decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from linter.i18n import Listing, join, t
from linter.office.coverage import SUBMITTED, Coverage, Row, Unknown
from linter.office.pairing import MISSING, describe

if TYPE_CHECKING:
    from linter.findings import FileResult
    from linter.reporters import Reporter


def file_text(row: Row, lang: str) -> str:
    return join(
        (
            t(
                "office.coverage.file",
                lang,
                path=f.path,
                verdict=t("verdict." + f.verdict, lang),
                year=f.year if f.year is not None else t("office.coverage.no_year", lang),
            )
            for f in row.files
        ),
        lang,
    )


def unknown_text(u: Unknown, lang: str) -> str:
    closest = t("office.coverage.closest", lang, name=u.closest) if u.closest else ""
    return t("office.coverage.unknown", lang, path=u.path, body=u.body or t("office.unknown", lang), closest=closest)


def coverage_lines(cov: Coverage, lang: str) -> list[str]:
    """With a roster, every body of it; without, only the bodies with a duplicate or a wrong year."""
    source = t("office.coverage.head_roster", lang, roster=cov.roster) if cov.roster else ""
    counts = t("office.coverage.counts" if cov.roster else "office.coverage.counts_free", lang, **cov.counts)
    rows = cov.rows if cov.roster else cov.problems()
    if not cov.roster and not rows:
        return []
    lines = [t("office.coverage.head", lang, year=cov.year if cov.year is not None else "?", source=source) + counts]
    for row in rows:
        status = t("office.status." + row.status, lang)
        files = file_text(row, lang)
        lines.append(f"  {row.name}  {status}" + (f"  {files}" if files else ""))
    for u in cov.unknown if cov.roster else ():
        lines.append(f"  {t('office.status.unknown', lang)}  {unknown_text(u, lang)}")
    return lines


def office_lines(results: Sequence["FileResult"], lang: str, reporter: Optional["Reporter"] = None) -> list[str]:
    lines: list[str] = []
    cov = reporter.coverage(results) if reporter is not None else None
    if cov is not None:
        lines.extend(coverage_lines(cov, lang))
    decided = [describe(r, lang) for r in results if r.pairing is not None and r.pairing.status != MISSING]
    missing = [r.path for r in results if r.pairing is not None and r.pairing.status == MISSING]
    if decided or missing:
        lines.append(t("office.pairing.title", lang))
        lines.extend("  " + line for line in decided)
        if missing:
            lines.append("  " + t("office.pairing.missing_all", lang, n=len(missing), paths=Listing(tuple(missing))))
    return lines


__all__ = ["office_lines", "coverage_lines", "SUBMITTED"]
