"""The export written whole: xlsx (a sheet per table), CSV (the reports' table, UTF-8 with BOM) or
JSON. The bytes depend only on the data: fixed workbook dates, zip entries in one order."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from linter.i18n import t
from linter.reporters.export.data import Export

_FIXED = datetime(2000, 1, 1)


def _sheets(data: Export, lang: str) -> list[tuple[str, list[str], list[list[Any]]]]:
    w = lambda key: t("office.export." + key, lang)  # noqa: E731
    return [
        (w("sheet_reports"), data.report_headers, data.reports),
        (w("sheet_changes"), data.change_headers, data.changes),
        (w("sheet_rules"), data.rule_headers, data.rules),
        (w("sheet_bodies"), data.body_headers, data.bodies),
        (w("sheet_unread"), data.unread_headers, data.unread),
    ]


def to_xlsx(data: Export, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    for blank in list(book.worksheets):  # the default sheet
        book.remove(blank)
    for title, headers, rows in _sheets(data, lang):
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, head in enumerate(headers, 1):
            sheet.column_dimensions[get_column_letter(i)].width = 40 if i == 1 else min(max(10, len(head) * 1.6), 36)
    book.properties.created = book.properties.modified = _FIXED
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 2000-01-01 and docProps' dates fixed (openpyxl dates the
    workbook at saving): equal data gives equal bytes."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, body)
    return out.getvalue()


def to_csv(data: Export, lang: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(data.report_headers)
    for row in data.reports:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(data: Export, lang: str) -> bytes:
    keys = ("reports", "year_on_year", "rules", "bodies", "unread")
    doc: dict[str, Any] = {
        "columns": [{"table": c[0], "row": c[1], "column": c[2], "label": label} for c, label in data.columns]
    }
    for key, (_, headers, rows) in zip(keys, _sheets(data, lang)):
        doc[key] = {"headers": headers, "rows": rows}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


WRITERS = {".xlsx": to_xlsx, ".csv": to_csv, ".json": to_json}
