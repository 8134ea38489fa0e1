"""The xlsx sheet 报送情况: one row per body (with a roster, every body of it) and per sender the
roster does not list; frozen header, filters, widths like the other sheets."""

from __future__ import annotations

from typing import Any

from linter.i18n import join, t
from linter.office.coverage import Coverage

_COLUMNS = ("body", "kind", "parent", "status", "files", "years", "verdicts", "closest")
_WIDTHS = {"body": 30, "kind": 10, "parent": 24, "status": 10, "files": 60, "years": 12, "verdicts": 16, "closest": 30}


def add_coverage_sheet(book: Any, cov: Coverage, lang: str) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(t("office.coverage.title", lang))
    sheet.append([t("office.col." + c, lang) for c in _COLUMNS])
    for row in cov.rows:
        sheet.append(
            [
                row.name,
                row.kind or "",
                row.parent or "",
                t("office.status." + row.status, lang),
                "\n".join(f.path for f in row.files),
                join((str(f.year) if f.year is not None else "" for f in row.files), lang),
                join((t("verdict." + f.verdict, lang) for f in row.files), lang),
                "",
            ]
        )
    for u in cov.unknown:
        sheet.append([u.body or "", "", "", t("office.status.unknown", lang), u.path, "", "", u.closest or ""])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, key in enumerate(_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = _WIDTHS[key]
